import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  linkSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

/**
 * The backup key store: one AES-256 data key per scope (`control` or a tenant id),
 * wrapped (AES-256-GCM, the scope as associated data) by the installation master key
 * and kept as `<data>/keys/backup/<scope>.key` — outside every backup, so destroying a
 * tenant's key file makes each copy of its data unreadable (cryptographic erase).
 * The master key comes from `YOSAN_BACKUP_MASTER_KEY` (base64, 32 bytes) or the file
 * `<data>/keys/backup-master.key` (made once, mode 0600).
 */
export interface KeyStoreOptions {
  dataDir: string;
  masterKey: string | undefined;
}

export interface WrappedKeyFile {
  v: 1;
  scope: string;
  keyId: string;
  createdAt: string;
  iv: string;
  tag: string;
  wrapped: string;
}

const SCOPE = /^(control|[a-z0-9]{32})$/;

export function assertScope(scope: string): void {
  if (!SCOPE.test(scope)) throw new Error(`Invalid backup scope ${scope}`);
}

const keysDir = (o: KeyStoreOptions): string => path.join(o.dataDir, 'keys', 'backup');
export const keyFile = (o: KeyStoreOptions, scope: string): string => path.join(keysDir(o), `${scope}.key`);

export function masterKey(o: KeyStoreOptions): Buffer {
  if (o.masterKey) {
    const key = Buffer.from(o.masterKey, 'base64');
    if (key.length !== 32) throw new Error('YOSAN_BACKUP_MASTER_KEY must be 32 bytes in base64');
    return key;
  }
  const dir = path.join(o.dataDir, 'keys');
  const file = path.join(dir, 'backup-master.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
  return key;
}

/** A data key's public name: SHA-256 of the wrapped form (never of the key itself). */
const keyIdOf = (wrapped: Buffer): string => createHash('sha256').update(wrapped).digest('hex').slice(0, 16);

function unwrap(o: KeyStoreOptions, scope: string, f: WrappedKeyFile): Buffer {
  if (f.v !== 1 || f.scope !== scope) throw new Error(`Key file of ${scope} is not valid`);
  const d = createDecipheriv('aes-256-gcm', masterKey(o), Buffer.from(f.iv, 'base64'));
  d.setAAD(Buffer.from(`yosan-backup-key:${scope}`));
  d.setAuthTag(Buffer.from(f.tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(f.wrapped, 'base64')), d.final()]);
}

export interface DataKey {
  key: Buffer;
  keyId: string;
}

/** Whether a data key exists for the scope (false once destroyed). */
export function keyExists(o: KeyStoreOptions, scope: string): boolean {
  assertScope(scope);
  return existsSync(keyFile(o, scope));
}

/** The scope's data key, or undefined if it was never made or has been destroyed. */
export function readDataKey(o: KeyStoreOptions, scope: string): DataKey | undefined {
  assertScope(scope);
  const file = keyFile(o, scope);
  if (!existsSync(file)) return undefined;
  const f = JSON.parse(readFileSync(file, 'utf8')) as WrappedKeyFile;
  return { key: unwrap(o, scope, f), keyId: f.keyId };
}

/** The scope's data key, made (and stored wrapped, atomically) on first use. */
export function dataKey(o: KeyStoreOptions, scope: string, now: Date): DataKey {
  const existing = readDataKey(o, scope);
  if (existing) return existing;
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', masterKey(o), iv);
  c.setAAD(Buffer.from(`yosan-backup-key:${scope}`));
  const wrapped = Buffer.concat([c.update(key), c.final()]);
  const f: WrappedKeyFile = {
    v: 1,
    scope,
    keyId: keyIdOf(wrapped),
    createdAt: now.toISOString(),
    iv: iv.toString('base64'),
    tag: c.getAuthTag().toString('base64'),
    wrapped: wrapped.toString('base64'),
  };
  mkdirSync(keysDir(o), { recursive: true, mode: 0o700 });
  const tmp = `${keyFile(o, scope)}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(f), { mode: 0o600 });
  try {
    // Never replace a key another process made meanwhile: link fails if the name exists.
    renameIfAbsent(tmp, keyFile(o, scope));
    syncDir(keysDir(o));
  } finally {
    rmSync(tmp, { force: true });
  }
  return readDataKey(o, scope)!;
}

function renameIfAbsent(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

export interface KeyDestruction {
  scope: string;
  destroyed: boolean;
  keyId: string | null;
  at: string;
  method: string;
}

/**
 * Cryptographic erase: overwrites the wrapped key file with random bytes, fsyncs, and
 * removes it (and fsyncs the folder). Without it no backup of the scope can be decrypted.
 * Idempotent: a missing key reports `destroyed: false`.
 */
export function destroyDataKey(o: KeyStoreOptions, scope: string, now: Date): KeyDestruction {
  assertScope(scope);
  const file = keyFile(o, scope);
  const at = now.toISOString();
  if (!existsSync(file)) return { scope, destroyed: false, keyId: null, at, method: 'absent' };
  let keyId: string | null = null;
  try {
    keyId = (JSON.parse(readFileSync(file, 'utf8')) as WrappedKeyFile).keyId;
  } catch {
    keyId = null;
  }
  const size = readFileSync(file).length;
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, randomBytes(size), 0, size, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  rmSync(file);
  syncDir(keysDir(o));
  return {
    scope,
    destroyed: true,
    keyId,
    at,
    method:
      'wrapped AES-256 data key overwritten with random bytes, fsynced and unlinked (cryptographic erase)',
  };
}

/** fsync of a folder, so a rename or unlink in it is durable. */
export function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform can fsync a folder; the rename itself is still atomic.
  }
}
