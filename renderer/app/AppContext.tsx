import { createContext, useContext } from 'react';
import type { AppInfo } from '@shared/api/contract';
import type { Workspace } from '@shared/domain/workspace';

export interface AppState {
  workspace: Workspace;
  info: AppInfo;
  setWorkspace(ws: Workspace): void;
  refreshInfo(): Promise<void>;
  toast(message: string, kind?: 'info' | 'error', durationMs?: number): void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside AppContext');
  return ctx;
}
