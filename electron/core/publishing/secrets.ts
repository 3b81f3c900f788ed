import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { SecretState } from '@shared/publishing/connection';
import { writeFileDurable } from '@core/store/durable-file';

/**
 * Where channel credentials (WordPress application passwords, tokens) live.
 * Never in the store's JSON, never in logs or exports.
 *
 * - Electron: encrypted with safeStorage (DPAPI on Windows, Keychain on
 *   macOS, libsecret/kwallet on Linux); refused when Linux only offers the
 *   'basic_text' backend, which is not encryption.
 * - HTTP host: sealed under the PINs of the admins and editors (pin-vault.ts).
 * - Tests: memory only, for the session.
 */
export type { SecretState };

export interface SecretStore {
  readonly kind: 'encrypted' | 'memory' | 'pin';
  /** Where one secret stands (PIN-sealed store): usable, locked until a PIN sign-in, unreadable, memory only, missing. */
  state?(id: string): Promise<SecretState>;
  /** PIN-sealed store: is the vault open in this run? */
  isOpen?(): boolean;
  /** PIN-sealed store: secrets typed in but held in memory only. */
  memoryOnly?(): number;
  /** A member signed in with a verified PIN (PIN-sealed store opens or extends its vault). */
  signedIn?(member: { id: string; role: string }, pin: string | null): Promise<boolean>;
  /** A member's PIN changed or was cleared. */
  pinChanged?(member: { id: string; role: string }, pin: string | null): Promise<void>;
  /** Why secrets cannot be kept, or null when they can. */
  unavailableReason(): 'basic_text' | 'unavailable' | null;
  get(id: string): Promise<string | null>;
  set(id: string, value: string): Promise<void>;
  delete(id: string): Promise<void>;
}

export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const;
  private readonly map = new Map<string, string>();
  unavailableReason(): null {
    return null;
  }
  async get(id: string): Promise<string | null> {
    return this.map.get(id) ?? null;
  }
  async set(id: string, value: string): Promise<void> {
    this.map.set(id, value);
  }
  async delete(id: string): Promise<void> {
    this.map.delete(id);
  }
}

/** The part of Electron's safeStorage we use (kept as an interface so core stays plain Node). */
export interface Encryptor {
  isEncryptionAvailable(): boolean;
  /** Linux only: 'basic_text' means no real encryption. */
  backend(): string;
  encryptString(plain: string): Buffer;
  decryptString(cipher: Buffer): string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Encrypted files in <dataDir>/secrets/<id>.bin (outside store/, so never in backups or exports). */
export class EncryptedSecretStore implements SecretStore {
  readonly kind = 'encrypted' as const;
  constructor(
    private readonly dir: string,
    private readonly enc: Encryptor,
  ) {}

  unavailableReason(): 'basic_text' | 'unavailable' | null {
    if (!this.enc.isEncryptionAvailable()) return 'unavailable';
    if (this.enc.backend() === 'basic_text') return 'basic_text';
    return null;
  }

  private file(id: string): string {
    if (!ID.test(id)) throw new Error('bad secret id');
    return path.join(this.dir, `${id}.bin`);
  }

  async get(id: string): Promise<string | null> {
    if (this.unavailableReason()) return null;
    try {
      return this.enc.decryptString(await fsp.readFile(this.file(id)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async set(id: string, value: string): Promise<void> {
    const why = this.unavailableReason();
    if (why) throw new Error(`secret storage refused: ${why}`);
    await fsp.mkdir(this.dir, { recursive: true });
    await writeFileDurable(this.file(id), this.enc.encryptString(value));
  }

  async delete(id: string): Promise<void> {
    await fsp.rm(this.file(id), { force: true });
  }
}
