import './lib/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installCloseHandlers } from './lib/flush';
import { DataProvider } from './lib/query';
import { installTrustedTypes } from './lib/sanitize';
import './styles.css';

installTrustedTypes();
installCloseHandlers();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DataProvider>
      <App />
    </DataProvider>
  </StrictMode>,
);
