import { z } from 'zod';
import { method, none } from '@shared/api/define';
import type { HubFailureReason } from '@shared/sync/hub';

/**
 * Where passwords go on this PC: the OS keychain (Electron safeStorage), sealed
 * under the signed-in person's PIN-protected key, or memory only (nobody
 * signed in to seal it under: it is forgotten when Redaksi closes).
 */
export type HubPasswordStorage = 'safe_storage' | 'member_key' | 'memory';

/** The hub account of this PC as the Sinkron page shows it (never synced, never carries the password). */
export interface HubAccountView {
  url: string | null;
  opdSlug: string | null;
  /** hubSlug of the OPD's short (or full) name, offered while no slug is saved. */
  suggestedSlug: string;
  username: string | null;
  /** saved: the password can be used now; locked: saved under another person's key (they must sign in); none. */
  password: 'saved' | 'locked' | 'none';
  storage: HubPasswordStorage;
  /** The member who sealed the password (storage member_key), so the page can say whose PIN opens it. */
  passwordOwner: string | null;
  /** Signed in to the hub (a password that worked is kept); sync may run. */
  signedIn: boolean;
  /** The hub's answer at the last sign-in: CouchDB user and roles. */
  session: { name: string; roles: string[] } | null;
  databases: { opd: string; aduan: string } | null;
  /** The last failure talking to the hub (sign-in, session refresh), until the next success. */
  lastError: { reason: HubFailureReason; detail: string } | null;
}

export type HubTestResult =
  | {
      ok: true;
      server: { vendor: string; version: string };
      user: { name: string; roles: string[] };
      /** Databases the account opened (the OPD's, and its complaints when the roles allow). */
      databases: string[];
      ms: number;
    }
  | { ok: false; reason: HubFailureReason; detail: string; database?: string; ms: number };

const url = z.string().trim().max(500);
const slug = z.string().trim().max(62);
const username = z.string().max(120);
const password = z.string().max(1000);

export const hubContract = {
  'hub.get': method<HubAccountView>()(none),
  /** Hub address and OPD slug (admin: it decides where the whole workspace goes). */
  'hub.save': method<HubAccountView>()(z.object({ url, opdSlug: slug }).strict()),
  /** Signs in through CouchDB _session and keeps the password (omitted: the saved one). */
  'hub.signIn': method<HubAccountView>()(z.object({ username, password: password.optional() }).strict()),
  /** Signs out of the hub and forgets the password on this PC. */
  'hub.signOut': method<HubAccountView>()(none),
  /**
   * "Tes koneksi": every step from the address to the OPD's databases, with
   * the first failure's reason. Fields left out are the saved ones; a password
   * is only taken from storage for the saved address, never sent elsewhere.
   */
  'hub.test': method<HubTestResult>()(
    z.object({ url: url.optional(), opdSlug: slug.optional(), username: username.optional(), password: password.optional() }).strict(),
  ),
};
