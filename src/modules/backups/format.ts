import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

/**
 * The encrypted file format of every backup artefact:
 *   `YOSANBK1` (8 bytes) · IV (12) · AES-256-GCM ciphertext of gzip(data) · tag (16)
 * The associated data names the scope, kind and generation, so a file cannot be
 * passed off as another tenant's or another generation's.
 */
const MAGIC = Buffer.from('YOSANBK1');
const HEADER = MAGIC.length + 12;
const TAG = 16;

/**
 * A limit on the bytes one run may write — the seam by which tests force ENOSPC
 * ("disk full") exactly where a real full disk fails: in the write stream.
 */
export interface WriteBudget {
  remaining: number;
}

export function enospc(): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error('ENOSPC: no space left on device, write');
  e.code = 'ENOSPC';
  e.errno = -28;
  e.syscall = 'write';
  return e;
}

/** Passes bytes through, failing with ENOSPC once the budget is spent. */
export function budgetGuard(budget: WriteBudget | undefined): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      if (budget) {
        budget.remaining -= chunk.length;
        if (budget.remaining < 0) return cb(enospc());
      }
      cb(null, chunk);
    },
  });
}

function hashing(hash: ReturnType<typeof createHash>, counter: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      hash.update(chunk);
      counter.bytes += chunk.length;
      cb(null, chunk);
    },
  });
}

export interface SealedFile {
  bytes: number;
  sha256: string;
}

/** Compresses and encrypts `source` into `dest` (created new), fsynced; returns size and SHA-256. */
export async function sealFile(
  source: string,
  dest: string,
  key: Buffer,
  aad: string,
  budget?: WriteBudget,
): Promise<SealedFile> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const hash = createHash('sha256');
  const counter = { bytes: 0 };
  const header = Buffer.concat([MAGIC, iv]);
  let tagged = false;
  const trailer = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      cb(null, chunk);
    },
    flush(cb: TransformCallback) {
      tagged = true;
      cb(null, cipher.getAuthTag());
    },
  });
  let first = true;
  const prefix = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      if (first) {
        first = false;
        return cb(null, Buffer.concat([header, chunk]));
      }
      cb(null, chunk);
    },
    flush(cb: TransformCallback) {
      if (first) this.push(header);
      cb();
    },
  });
  const out = createWriteStream(dest, { flags: 'wx', flush: true, mode: 0o600 });
  await pipeline(
    createReadStream(source),
    createGzip({ level: 6 }),
    cipher,
    prefix,
    trailer,
    hashing(hash, counter),
    budgetGuard(budget),
    out,
  );
  if (!tagged) throw new Error('Backup file was not completed');
  return { bytes: counter.bytes, sha256: hash.digest('hex') };
}

/** SHA-256 and size of a file, streamed. */
export async function fileDigest(file: string): Promise<SealedFile> {
  const hash = createHash('sha256');
  const counter = { bytes: 0 };
  await pipeline(
    createReadStream(file),
    hashing(hash, counter),
    new Transform({ transform: (_c, _e, cb) => cb() }),
  );
  return { bytes: counter.bytes, sha256: hash.digest('hex') };
}

/**
 * Decrypts and decompresses `source` into `dest`. Throws if the file was altered
 * (GCM tag) or is not ours; `dest` must then be discarded by the caller.
 */
export async function openFile(source: string, dest: string, key: Buffer, aad: string): Promise<void> {
  const size = statSync(source).size;
  if (size < HEADER + TAG) throw new Error('Backup file is truncated');
  const head = Buffer.alloc(HEADER);
  const tag = Buffer.alloc(TAG);
  const fd = openSync(source, 'r');
  try {
    readSync(fd, head, 0, HEADER, 0);
    readSync(fd, tag, 0, TAG, size - TAG);
  } finally {
    closeSync(fd);
  }
  if (!head.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('Not a Yosan backup file');
  const decipher = createDecipheriv('aes-256-gcm', key, head.subarray(MAGIC.length));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  await pipeline(
    createReadStream(source, { start: HEADER, end: size - TAG - 1 }),
    decipher,
    createGunzip(),
    // Plaintext: readable by the server's user only.
    createWriteStream(dest, { flags: 'wx', mode: 0o600 }),
  );
}
