import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installCloseHandlers } from './lib/flush';
import { installTrustedTypes } from './lib/sanitize';
import './styles.css';

installTrustedTypes();
installCloseHandlers();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
