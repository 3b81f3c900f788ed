import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { derive } from '@core/review/pins';
import { writeFileDurable } from '@core/store/durable-file';
import type { SecretState, SecretStore } from './secrets';

/**
 * Channel credentials in browser mode (`npm run web`), where Electron's
 * safeStorage does not exist: kept across restarts, never in the clear.
 *
 * - Each secret is sealed with AES-256-GCM under one random vault key
 *   (<dataDir>/secrets/<id>.pin: iv, tag, ciphertext).
 * - The vault key is itself sealed under the PIN of each admin and editor
 *   who signed in while it was open (scrypt → AES-256-GCM, the derivation
 *   review/keys.ts uses for signing keys), in <dataDir>/secrets/vault.json.
 * - After a restart the vault is locked: queued jobs wait (they are not
 *   failed) until an admin or editor signs in with a PIN, which opens it
 *   for the rest of the run. Signing out does not lock it: the outbox keeps
 *   sending for the office while the next person uses the PC.
 * - With nobody holding a PIN yet, a password typed in is kept in memory
 *   only, and sealed as soon as an admin or editor signs in with a PIN.
 * Files live outside store/, so they are never in backups or exports.
 */

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const VAULT_ROLES = new Set(['admin', 'editor']);

const sealedSchema = z.object({ v: z.literal(1), iv: z.string(), tag: z.string(), data: z.string() });
type Sealed = z.infer<typeof sealedSchema>;
const wrapSchema = sealedSchema.extend({ salt: z.string() });
const vaultSchema = z.object({ v: z.literal(1), wraps: z.record(z.string(), wrapSchema) });
type Vault = z.infer<typeof vaultSchema>;

function seal(key: Buffer, plain: Buffer): Sealed {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([c.update(plain), c.final()]);
  return { v: 1, iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Null when the key is wrong or the data was changed (GCM tag). */
function open(key: Buffer, s: Sealed): Buffer | null {
  try {
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(s.iv, 'base64'));
    d.setAuthTag(Buffer.from(s.tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(s.data, 'base64')), d.final()]);
  } catch {
    return null;
  }
}

/** A secret that is stored but cannot be opened: damaged, or sealed under a vault this folder no longer has. */
export class SecretUnreadableError extends Error {
  constructor(readonly id: string) {
    super(`the saved credential ${id} cannot be opened (damaged, or sealed on another PC): enter it again`);
    this.name = 'SecretUnreadableError';
  }
}

export class PinSealedSecretStore implements SecretStore {
  readonly kind = 'pin' as const;
  private key: Buffer | null = null;
  /** Typed in while the vault could not be opened or made: memory only, sealed at the next PIN sign-in. */
  private readonly pending = new Map<string, string>();

  constructor(private readonly dir: string) {}

  unavailableReason(): null {
    return null;
  }

  private file(id: string): string {
    if (!ID.test(id)) throw new Error('bad secret id');
    return path.join(this.dir, `${id}.pin`);
  }

  private vaultFile(): string {
    return path.join(this.dir, 'vault.json');
  }

  private async readVault(): Promise<Vault | null> {
    try {
      return vaultSchema.parse(JSON.parse(await fsp.readFile(this.vaultFile(), 'utf8')));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      // A damaged vault file opens nothing; the stored secrets then read as unreadable and are typed again.
      return null;
    }
  }

  private async writeVault(v: Vault): Promise<void> {
    await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileDurable(this.vaultFile(), JSON.stringify(v));
  }

  private async readSealed(id: string): Promise<Sealed | 'damaged' | null> {
    try {
      const parsed = sealedSchema.safeParse(JSON.parse(await fsp.readFile(this.file(id), 'utf8')));
      return parsed.success ? parsed.data : 'damaged';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      return 'damaged';
    }
  }

  isOpen(): boolean {
    return this.key !== null;
  }

  async state(id: string): Promise<SecretState> {
    if (this.pending.has(id)) return 'memory';
    const s = await this.readSealed(id);
    if (!s) return 'missing';
    if (s === 'damaged') return 'unreadable';
    if (!this.key) return 'locked';
    return open(this.key, s) ? 'ok' : 'unreadable';
  }

  async get(id: string): Promise<string | null> {
    const p = this.pending.get(id);
    if (p !== undefined) return p;
    const s = await this.readSealed(id);
    if (!s) return null;
    if (s === 'damaged') throw new SecretUnreadableError(id);
    if (!this.key) return null;
    const plain = open(this.key, s);
    if (!plain) throw new SecretUnreadableError(id);
    return plain.toString('utf8');
  }

  async set(id: string, value: string): Promise<void> {
    this.file(id);
    if (!this.key) {
      this.pending.set(id, value);
      return;
    }
    await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileDurable(this.file(id), JSON.stringify(seal(this.key, Buffer.from(value, 'utf8'))));
    this.pending.delete(id);
  }

  async delete(id: string): Promise<void> {
    this.pending.delete(id);
    await fsp.rm(this.file(id), { force: true });
  }

  /** How many typed-in secrets are held in memory only (sealed at the next PIN sign-in of an admin or editor). */
  memoryOnly(): number {
    return this.pending.size;
  }

  /**
   * A member signed in with a verified PIN: open the vault with their wrap;
   * when it is open (now or earlier this run) and they may queue, make sure
   * their PIN opens it next time too; with no vault yet, make one. Then seal
   * what waited in memory. Returns true when the vault is open afterwards.
   */
  async signedIn(member: { id: string; role: string }, pin: string | null): Promise<boolean> {
    if (!pin) return this.key !== null;
    const vault = await this.readVault();
    const wrap = vault?.wraps[member.id];
    if (!this.key && wrap) {
      const key = open(await derive(pin, Buffer.from(wrap.salt, 'base64')), wrap);
      if (key && key.length === 32) this.key = key;
    }
    if (!VAULT_ROLES.has(member.role)) return this.key !== null;
    // No vault (first PIN sign-in) or one nobody can open any more (no wraps left): a new one.
    if (!this.key && (!vault || Object.keys(vault.wraps).length === 0)) this.key = randomBytes(32);
    if (!this.key) return false;
    const opened = wrap ? open(await derive(pin, Buffer.from(wrap.salt, 'base64')), wrap) : null;
    if (!opened || !opened.equals(this.key)) await this.wrapFor(member.id, pin, vault);
    for (const [id, value] of [...this.pending]) await this.set(id, value);
    return true;
  }

  /** The member's PIN changed (or was cleared by an admin): the vault follows it while it is open; a cleared PIN, or a role that may not queue, opens nothing. */
  async pinChanged(member: { id: string; role: string }, pin: string | null): Promise<void> {
    const memberId = member.id;
    const vault = await this.readVault();
    if (!pin || !VAULT_ROLES.has(member.role)) {
      if (vault?.wraps[memberId]) {
        delete vault.wraps[memberId];
        await this.writeVault(vault);
      }
      return;
    }
    if (this.key) await this.wrapFor(memberId, pin, vault);
  }

  private async wrapFor(memberId: string, pin: string, vault: Vault | null): Promise<void> {
    const salt = randomBytes(16);
    const w = { ...seal(await derive(pin, salt), this.key!), salt: salt.toString('base64') };
    await this.writeVault({ v: 1, wraps: { ...(vault?.wraps ?? {}), [memberId]: w } });
  }
}
