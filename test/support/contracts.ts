import https from 'node:https';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import yauzl from 'yauzl';
import type { HttpsClient } from './https-client.js';
import type { TestServer } from './server.js';

/** GETs a binary answer (an archive) with the client's cookies. */
export function getBytes(
  ts: TestServer,
  c: HttpsClient,
  p: string,
): Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }> {
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return new Promise((resolve, reject) => {
    https
      .get(
        new URL(p, ts.url),
        { ca: ts.server.runtime.deps.tls!.cert, headers: { cookie, 'accept-language': c.lang } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }),
          );
        },
      )
      .on('error', reject);
  });
}

/** Every entry of a zip archive, uncompressed. */
export function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (d: Buffer) => chunks.push(d));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/** The readable forms of a file's bytes: as is, gunzipped, and each zip entry. */
async function views(file: string, bytes: Buffer): Promise<{ where: string; bytes: Buffer }[]> {
  const out = [{ where: file, bytes }];
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      out.push({ where: `${file} (gunzip)`, bytes: gunzipSync(bytes) });
    } catch {
      // not gzip after all
    }
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    try {
      for (const [name, b] of await unzip(bytes)) out.push({ where: `${file}!${name}`, bytes: b });
    } catch {
      // not a zip after all
    }
  }
  return out;
}

/**
 * Where `marker` occurs under `dirs`: every file, as is, decompressed (gzip, zip), in
 * UTF-8 and UTF-16LE; `decrypt` may add readable forms (backups whose key still exists).
 */
export async function scanFiles(
  dirs: readonly string[],
  marker: string,
  decrypt: (file: string, bytes: Buffer) => Buffer[] | Promise<Buffer[]> = () => [],
): Promise<string[]> {
  const needles = [Buffer.from(marker, 'utf8'), Buffer.from(marker, 'utf16le')];
  const hits: string[] = [];
  for (const dir of dirs) {
    for (const file of walk(dir)) {
      const bytes = readFileSync(file);
      const all = await views(file, bytes);
      for (const plain of await decrypt(file, bytes))
        all.push(...(await views(`${file} (decrypted)`, plain)));
      for (const v of all) if (needles.some((n) => v.bytes.includes(n))) hits.push(v.where);
    }
  }
  return hits;
}

/** Where `marker` occurs in any text column of any table of any schema of the database. */
export async function scanPostgres(url: string, marker: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const cols = await client.query<{ s: string; t: string; c: string }>(
      `select table_schema s, table_name t, column_name c from information_schema.columns
       where table_schema not in ('pg_catalog', 'information_schema')
       and data_type in ('text', 'character varying', 'json', 'jsonb', 'bytea')`,
    );
    const hits: string[] = [];
    for (const { s, t, c } of cols.rows) {
      const q = `select count(*)::int n from "${s}"."${t}" where position($1 in "${c}"::text) > 0`;
      const r = await client.query<{ n: number }>(q, [marker]);
      if (r.rows[0]!.n > 0) hits.push(`${s}.${t}.${c}`);
    }
    return hits;
  } finally {
    await client.end();
  }
}
