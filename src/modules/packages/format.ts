import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Compile } from 'typebox/compile';
import type { TSchema } from 'typebox';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { AppError } from '../../platform/errors/app-error.js';
import { Manifest, OBJECT_FILE, ObjectFile } from './manifest.js';

/**
 * The `.yosanpkg` file: a zip with `manifest.json`, one JSON file per object and `SHA256SUMS`.
 * Writing is deterministic (fixed entry order and times); reading treats the file as hostile.
 */
export const LIMITS = {
  /** The file itself. */
  compressedBytes: 20 * 1024 * 1024,
  /** All entries together, inflated. */
  uncompressedBytes: 100 * 1024 * 1024,
  entryBytes: 64 * 1024 * 1024,
  /** manifest + SHA256SUMS + up to 500 objects. */
  entries: 502,
  /** Inflated / compressed, for entries over 64 KiB (zip bombs). */
  ratio: 200,
} as const;

const MANIFEST = 'manifest.json';
const SUMS = 'SHA256SUMS';
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const UNSAFE_TEXT =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Fixed entry time: the same package content gives the same bytes. */
const ENTRY_TIME = new Date(Date.UTC(2020, 0, 1));

export const invalid = (reason: string, detail?: string) =>
  new AppError('PACKAGE_INVALID', {
    params: { reason },
    ...(detail ? { internal: `${reason}: ${detail}` } : {}),
  });

export interface PackageContent {
  manifest: Manifest;
  objects: ObjectFile[];
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Canonical JSON of a value (sorted keys) so the same content always gives the same bytes. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

export const objectFileName = (i: number) => `objects/${String(i + 1).padStart(3, '0')}.json`;

/** Builds the zip. `manifest.objects[i].file` must be `objectFileName(i)`. */
export async function writePackage(content: PackageContent): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const files: [string, Buffer][] = [[MANIFEST, Buffer.from(canonical(content.manifest) + '\n')]];
  content.objects.forEach((o, i) => files.push([objectFileName(i), Buffer.from(canonical(o) + '\n')]));
  const sums = files.map(([name, b]) => `${sha256(b)}  ${name}\n`).join('');
  files.push([SUMS, Buffer.from(sums)]);
  for (const [name, b] of files) zip.addBuffer(b, name, { mtime: ENTRY_TIME, mode: 0o100644 });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** JSON.parse that refuses prototype-polluting keys and unsafe characters anywhere in the document. */
export function safeJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw invalid('forbidden_key', `${file}: ${key}`);
      // NUL cannot be stored in PostgreSQL text, lone surrogates not in UTF-8, and other control
      // characters (tab and line breaks aside) have no place in a code, name or description.
      if (UNSAFE_TEXT.test(key) || (typeof value === 'string' && UNSAFE_TEXT.test(value)))
        throw invalid('control_character', file);
      return value;
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid('json', file);
  }
}

const compiled = new WeakMap<TSchema, ReturnType<typeof Compile>>();
/** Validates `value` against `schema`; the first problem is reported with its path. */
export function check(schema: TSchema, value: unknown, file: string): void {
  let c = compiled.get(schema);
  if (!c) {
    c = Compile(schema);
    compiled.set(schema, c);
  }
  if (c.Check(value)) return;
  const first = c.Errors(value)[0];
  throw new AppError('PACKAGE_INVALID', {
    params: { reason: `${file}${first ? ` ${first.instancePath || '/'}` : ''}` },
    issues: first ? [{ path: `${file}${first.instancePath}`, code: 'schema', message: first.message }] : [],
  });
}

function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buffer,
      { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: true },
      (err, zip) => (err || !zip ? reject(invalid('not_a_zip', err?.message)) : resolve(zip)),
    );
  });
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: { left: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream?: Readable) => {
      if (err || !stream) return reject(invalid('entry_unreadable', err?.message));
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        budget.left -= c.length;
        if (size > entry.uncompressedSize || size > LIMITS.entryBytes || budget.left < 0) {
          stream.destroy();
          reject(new AppError('PACKAGE_TOO_LARGE'));
          return;
        }
        chunks.push(c);
      });
      stream.on('error', (e) => reject(invalid('entry_corrupt', e.message)));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

/** Every entry of the zip by name, with the size, name and bomb checks. */
async function entries(buffer: Buffer): Promise<Map<string, Buffer>> {
  if (buffer.length > LIMITS.compressedBytes) throw new AppError('PACKAGE_TOO_LARGE');
  const zip = await openZip(buffer);
  const out = new Map<string, Buffer>();
  const budget = { left: LIMITS.uncompressedBytes };
  try {
    if (zip.entryCount > LIMITS.entries) throw new AppError('PACKAGE_TOO_LARGE');
    let declared = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (e: Error) => reject(invalid('not_a_zip', e.message)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        void (async () => {
          const name = entry.fileName;
          if (name !== MANIFEST && name !== SUMS && !OBJECT_FILE.test(name))
            throw invalid('unexpected_entry', name.slice(0, 100));
          if (out.has(name)) throw invalid('duplicate_entry', name);
          if (entry.isEncrypted()) throw invalid('encrypted');
          declared += entry.uncompressedSize;
          if (entry.uncompressedSize > LIMITS.entryBytes || declared > LIMITS.uncompressedBytes)
            throw new AppError('PACKAGE_TOO_LARGE');
          if (
            entry.uncompressedSize > 64 * 1024 &&
            entry.uncompressedSize > LIMITS.ratio * Math.max(1, entry.compressedSize)
          )
            throw new AppError('PACKAGE_TOO_LARGE');
          out.set(name, await readEntry(zip, entry, budget));
          zip.readEntry();
        })().catch(reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return out;
}

function utf8(b: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    throw invalid('encoding', file);
  }
}

/**
 * Reads an untrusted package: limits, entry names, checksums, JSON without prototype keys,
 * the manifest and every object file against their schemas, and the manifest ↔ files match.
 * Any problem is `PACKAGE_INVALID` (400) or `PACKAGE_TOO_LARGE` (413), never anything else.
 */
export async function readPackage(buffer: Buffer): Promise<PackageContent> {
  try {
    return await readChecked(buffer);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid('not_a_zip', error instanceof Error ? error.message : String(error));
  }
}

async function readChecked(buffer: Buffer): Promise<PackageContent> {
  const files = await entries(buffer);
  const sumsFile = files.get(SUMS);
  const manifestFile = files.get(MANIFEST);
  if (!sumsFile || !manifestFile) throw invalid('missing_manifest');
  const sums = new Map<string, string>();
  for (const line of utf8(sumsFile, SUMS).split('\n')) {
    if (line === '') continue;
    const m = /^([0-9a-f]{64}) {2}(\S{1,40})$/.exec(line);
    if (!m) throw invalid('checksums');
    const [, hash = '', name = ''] = m;
    if (sums.has(name)) throw invalid('checksums');
    sums.set(name, hash);
  }
  for (const [name, b] of files) {
    if (name === SUMS) continue;
    if (sums.get(name) !== sha256(b))
      throw new AppError('PACKAGE_CHECKSUM_MISMATCH', { params: { file: name } });
  }
  if (sums.size !== files.size - 1) throw invalid('checksums');
  const manifest = safeJson(utf8(manifestFile, MANIFEST), MANIFEST);
  check(Manifest, manifest, MANIFEST);
  const m = manifest as Manifest;
  const listed = new Set(m.objects.map((o) => o.file));
  if (listed.size !== m.objects.length || listed.size !== files.size - 2) throw invalid('objects_mismatch');
  const keys = new Set(m.objects.map((o) => `${o.kind}:${o.code.normalize('NFC')}`));
  if (keys.size !== m.objects.length) throw invalid('duplicate_object');
  const objects = m.objects.map((entry) => {
    const b = files.get(entry.file);
    if (!b) throw invalid('objects_mismatch', entry.file);
    const o = safeJson(utf8(b, entry.file), entry.file);
    check(ObjectFile, o, entry.file);
    const f = o as ObjectFile;
    if (f.kind !== entry.kind || f.code !== entry.code) throw invalid('objects_mismatch', entry.file);
    return f;
  });
  return { manifest: m, objects };
}
