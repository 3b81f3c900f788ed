import type { PouchDatabase } from './pouch-types';

/**
 * The seam between the hub account (issue 13 item 1: hub address, CouchDB
 * user, `_session` sign-in, stored password) and the sync engine (bridge,
 * replication, conflicts). The account side implements it; the engine only
 * asks it for remote databases and listens for when that changes.
 *
 * Tests of the engine implement it with in-process PouchDB databases
 * (PouchDB-to-PouchDB replication); the app implements it with PouchDB's
 * HTTP adapter against CouchDB (or express-pouchdb on loopback).
 */
export interface HubLink {
  /**
   * A handle on a hub database (e.g. `opd-dinkominfo`) for this person's
   * session, or null while no hub is configured or nobody is signed in to it.
   * The handle is a PouchDB database (remote over HTTP, or local in tests).
   */
  remote(db: string): PouchDatabase | null;
  /** The OPD slug this PC's workspace belongs to on the hub, or null when not set up. */
  opdSlug(): string | null;
  /** Called when the hub address, account or sign-in changes (start/stop/restart replication). */
  onChange(listener: () => void): () => void;
}
