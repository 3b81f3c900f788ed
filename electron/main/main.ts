import { promises as fsp, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, Notification, protocol, safeStorage, session, shell, type WebContents } from 'electron';
import { IPC_CHANNEL } from '@shared/api/method-names';
import { createCore, type Core } from '@core/core';
import { externalLinkDecision } from '@core/external-links';
import { EncryptedSecretStore } from '@core/publishing/secrets';
import { realDataFile } from '@core/file-routes';
import { CONTENT_SECURITY_POLICY, FILE_CONTENT_SECURITY_POLICY } from '@core/http-host';
import { DataDirLockedError } from '@core/store/lock';
import { StoreNewerError } from '@core/store/store';

const SCHEME = 'app';
const APP_ORIGIN = `${SCHEME}://redaksi`;
const distDir = path.resolve(__dirname, '..');
const rendererDir = path.join(distDir, 'renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start, (err) => fail(err));
}

function fail(err: unknown): void {
  const msg =
    err instanceof DataDirLockedError || err instanceof StoreNewerError
      ? err.message
      : `Redaksi gagal dibuka / failed to start:\n${(err as Error)?.message ?? String(err)}`;
  dialog.showErrorBox('Redaksi', msg);
  app.exit(1);
}

function isAppUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}

/** The app's own pages; its data files are not pages (a link to one must not replace the UI). */
function isAppPage(url: string): boolean {
  return isAppUrl(url) && !url.startsWith(`${APP_ORIGIN}/files/`);
}

/** Only the main frame of our own window, showing our own UI, may call the API. */
function trustedSender(sender: WebContents, frame: Electron.WebFrameMain | null | undefined): boolean {
  return !!mainWindow && sender === mainWindow.webContents && !!frame && frame === sender.mainFrame && isAppPage(frame.url);
}

async function start(): Promise<void> {
  const version = (JSON.parse(readFileSync(path.join(distDir, '..', 'package.json'), 'utf8')) as { version: string }).version;
  const dataDir = process.env.REDAKSI_DATA_DIR ? path.resolve(process.env.REDAKSI_DATA_DIR) : app.getPath('userData');
  try {
    core = await createCore({
      dataDir,
      owner: 'electron',
      version,
      transport: 'ipc',
      pickFolder: async ({ defaultPath }) => {
        const options = { title: 'Simpan foto ke folder / Save photos to folder', defaultPath, properties: ['openDirectory' as const, 'createDirectory' as const] };
        const r = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      notify: ({ title, body }) => {
        if (!Notification.isSupported()) return false;
        const n = new Notification({ title, body });
        n.on('click', () => {
          if (!mainWindow) return;
          if (mainWindow.isMinimized()) mainWindow.restore();
          mainWindow.focus();
        });
        n.show();
        return true;
      },
      // Channel passwords and tokens: encrypted by the OS (DPAPI/Keychain/libsecret); refused on Linux 'basic_text'.
      secrets: (dir) =>
        new EncryptedSecretStore(path.join(dir, 'secrets'), {
          isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
          backend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'),
          encryptString: (s) => safeStorage.encryptString(s),
          decryptString: (b) => safeStorage.decryptString(b),
        }),
    });
  } catch (err) {
    return fail(err);
  }

  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host === 'redaksi' && url.pathname.startsWith('/files/')) {
      // Real path inside the data folder only: a symlink out of it is not served.
      const dataFile = await realDataFile(core!.ctx.dataDir, url.pathname);
      if (!dataFile) return new Response('Not found', { status: 404 });
      const res = await net.fetch(pathToFileURL(dataFile).toString());
      const headers = new Headers(res.headers);
      headers.set('Content-Security-Policy', FILE_CONTENT_SECURITY_POLICY);
      headers.set('X-Content-Type-Options', 'nosniff');
      // Downloads are saved, never shown in place of the app.
      if (url.searchParams.has('download')) headers.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(path.basename(dataFile))}`);
      return new Response(res.body, { status: res.status, headers });
    }
    let rel: string;
    try {
      rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    } catch {
      return new Response('Bad request', { status: 400 });
    }
    const file = path.resolve(rendererDir, rel);
    if (url.host !== 'redaksi' || !file.startsWith(rendererDir + path.sep)) return new Response('Not found', { status: 404 });
    try {
      await fsp.access(file);
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  ipcMain.handle(IPC_CHANNEL.api, async (event, method: unknown, input: unknown) => {
    if (!trustedSender(event.sender, event.senderFrame)) {
      return { ok: false, error: { code: 'forbidden', message: 'untrusted sender' } };
    }
    return core!.dispatch(method, input);
  });

  createWindow();
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (isAppPage(url)) return;
    event.preventDefault();
    // A link to a data file (e.g. a relative link in the preview) becomes a download, never a page in place of the UI.
    if (isAppUrl(url)) contents.downloadURL(url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openLink(url);
    return { action: 'deny' };
  });
});

/** The OPD's own site and known platforms open directly; another https address is shown first; nothing else opens. */
async function openLink(url: string): Promise<void> {
  const own = core ? [core.store.workspace.opd.website, ...core.store.collections.connections.all().map((c) => c.baseUrl)] : [];
  const decision = externalLinkDecision(url, own);
  if (decision === 'refuse') return;
  if (decision === 'ask') {
    const options = {
      type: 'question' as const,
      buttons: ['Buka / Open', 'Batal / Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'Buka alamat ini di peramban? / Open this address in the browser?',
      detail: url.slice(0, 500),
    };
    const answer = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
    if (answer.response !== 0) return;
  }
  await shell.openExternal(url);
}

/** Production menu: editing and window roles only, no DevTools or reload. */
function productionMenu(): void {
  if (!app.isPackaged) return;
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
      { role: 'windowMenu' },
    ]),
  );
}

function createWindow(): void {
  productionMenu();
  mainWindow = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 960,
    minHeight: 600,
    title: 'Redaksi',
    backgroundColor: '#f7f8fa',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);

  // Save what the user typed before the window goes: ask the page to flush, then close.
  let flushed = false;
  mainWindow.on('close', (event) => {
    if (flushed || !mainWindow) return;
    event.preventDefault();
    const win = mainWindow;
    const done = () => {
      flushed = true;
      clearTimeout(timer);
      ipcMain.removeListener(IPC_CHANNEL.flushed, onFlushed);
      win.close();
    };
    const onFlushed = (e: Electron.IpcMainEvent) => {
      if (e.sender === win.webContents) done();
    };
    const timer = setTimeout(done, 3000);
    ipcMain.on(IPC_CHANNEL.flushed, onFlushed);
    win.webContents.send(IPC_CHANNEL.flush);
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

app.on('window-all-closed', () => app.quit());

let quitting = false;
app.on('will-quit', (event) => {
  if (quitting || !core) return;
  event.preventDefault();
  quitting = true;
  core.close().finally(() => app.quit());
});
