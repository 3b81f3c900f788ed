import type { SyncConflict, SyncStatus } from '../../sync/status';
import { method, none } from '../define';

/** Team sync (issue 13): what the sidebar and the Sinkron page read. */
export const syncContract = {
  /** The sync line of the sidebar and the Sinkron page: state, last sync, pending changes, conflicts. */
  'sync.status': method<SyncStatus>()(none),
  /** Records with conflicting versions waiting for a person to resolve them. */
  'sync.conflicts': method<SyncConflict[]>()(none),
};
