import { contextBridge, ipcRenderer } from 'electron';
import { API_METHOD_NAMES, IPC_CHANNEL, type PreloadBridge } from '@shared/api/method-names';

// Named methods only: the page never gets ipcRenderer itself.
const api = Object.fromEntries(
  API_METHOD_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(IPC_CHANNEL.api, name, input)]),
) as PreloadBridge['api'];

const bridge: PreloadBridge = {
  api: Object.freeze(api),
  onFlushRequest(cb) {
    ipcRenderer.removeAllListeners(IPC_CHANNEL.flush);
    ipcRenderer.on(IPC_CHANNEL.flush, () => {
      cb()
        .catch(() => undefined)
        .finally(() => ipcRenderer.send(IPC_CHANNEL.flushed));
    });
  },
};

contextBridge.exposeInMainWorld('redaksi', Object.freeze(bridge));
