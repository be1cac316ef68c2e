import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import { ZipFile } from 'yazl';
import type { TenantDB } from '../../platform/db/types.js';

/**
 * The customer export archive, format `yosan-export` version 1 (see
 * docs/handbook/en/export.md): a zip holding JSON Lines files (one row per line)
 * and `manifest.json` (format, version, tenant, time, and for every file its
 * rows, bytes and SHA-256) plus `SHA256SUMS` (the same checksums, for sha256sum -c).
 * Password hashes, two-step secrets, recovery codes, sessions and tokens are never
 * exported.
 */
export const EXPORT_FORMAT = 'yosan-export';
export const EXPORT_VERSION = 1;

interface Part {
  /** Path inside the archive. */
  file: string;
  table: string;
  columns?: readonly string[];
  where?: [string, string];
  orderBy: readonly string[];
}

const USER_COLUMNS = [
  'id',
  'email',
  'display_name',
  'locale',
  'is_org_admin',
  'status',
  'created_at',
  'updated_at',
];
const AUDIT_COLUMNS = [
  'seq',
  'id',
  'at',
  'actor_type',
  'actor_id',
  'actor_name',
  'ip',
  'user_agent',
  'action',
  'target_type',
  'target_id',
  'target_label',
  'summary',
  'result',
  'prev_hash',
  'hash',
];

/** What goes into the archive, in order. */
export const PARTS: readonly Part[] = [
  { file: 'content/dimensions.jsonl', table: 'cube_dimensions', orderBy: ['id'] },
  { file: 'content/elements.jsonl', table: 'cube_elements', orderBy: ['dimension_id', 'element_id'] },
  { file: 'content/links.jsonl', table: 'cube_links', orderBy: ['dimension_id', 'parent_id', 'child_id'] },
  { file: 'content/cubes.jsonl', table: 'cubes', orderBy: ['id'] },
  { file: 'figures/cells.jsonl', table: 'cube_cells', orderBy: ['cube_id', 'coord'] },
  { file: 'figures/texts.jsonl', table: 'cube_texts', orderBy: ['cube_id', 'coord'] },
  { file: 'directory/users.jsonl', table: 'users', columns: USER_COLUMNS, orderBy: ['id'] },
  {
    file: 'directory/groups.jsonl',
    table: 'groups',
    columns: ['id', 'name', 'description', 'created_at', 'updated_at'],
    orderBy: ['id'],
  },
  { file: 'directory/group-members.jsonl', table: 'group_members', orderBy: ['group_id', 'user_id'] },
  {
    file: 'logs/operation.jsonl',
    table: 'audit_log',
    columns: AUDIT_COLUMNS,
    where: ['kind', 'operation'],
    orderBy: ['seq'],
  },
  {
    file: 'logs/sign-in.jsonl',
    table: 'audit_log',
    columns: AUDIT_COLUMNS,
    where: ['kind', 'login'],
    orderBy: ['seq'],
  },
  { file: 'logs/access.jsonl', table: 'access_log', orderBy: ['seq'] },
  { file: 'logs/error.jsonl', table: 'error_log', orderBy: ['seq'] },
];

const PAGE = 2000;

export interface ManifestFile {
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  tenant: { id: string; slug: string; displayName: string };
  exportId: string;
  createdAt: string;
  files: ManifestFile[];
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** Writes one part as JSON Lines, page by page; returns its row count. */
async function writePart(db: Kysely<TenantDB>, part: Part, file: string): Promise<number> {
  mkdirSync(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parts name tables generically
  const any = db as unknown as Kysely<any>;
  let rows = 0;
  try {
    for (let offset = 0; ; offset += PAGE) {
      let q = any.selectFrom(part.table);
      q = part.columns ? q.select(part.columns as string[]) : q.selectAll();
      if (part.where) q = q.where(part.where[0], '=', part.where[1]);
      for (const c of part.orderBy) q = q.orderBy(c);
      const page = (await q.limit(PAGE).offset(offset).execute()) as Record<string, unknown>[];
      for (const row of page) {
        if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
      }
      rows += page.length;
      if (page.length < PAGE) break;
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return rows;
}

/**
 * Builds the archive at `target` (written under a temporary name and renamed when
 * complete), reporting progress 0-100. Returns its size and SHA-256.
 */
export async function buildArchive(
  db: Kysely<TenantDB>,
  meta: Omit<Manifest, 'format' | 'version' | 'files'>,
  target: string,
  progress: (percent: number) => Promise<void>,
  /** Files made elsewhere (the model as a package), added as they are. */
  extra: readonly { path: string; rows: number; content: Buffer }[] = [],
): Promise<{ bytes: number; sha256: string; manifest: Manifest }> {
  const work = `${target}.parts`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const files: ManifestFile[] = [];
    for (const [i, part] of PARTS.entries()) {
      const file = path.join(work, part.file);
      const rows = await writePart(db, part, file);
      files.push({ path: part.file, rows, bytes: statSync(file).size, sha256: await sha256File(file) });
      await progress(Math.floor(((i + 1) / PARTS.length) * 90));
    }
    for (const x of extra) {
      const sha256 = createHash('sha256').update(x.content).digest('hex');
      files.push({ path: x.path, rows: x.rows, bytes: x.content.length, sha256 });
    }
    const manifest: Manifest = { format: EXPORT_FORMAT, version: EXPORT_VERSION, ...meta, files };
    const zip = new ZipFile();
    for (const f of files) {
      const x = extra.find((e) => e.path === f.path);
      if (x) zip.addBuffer(x.content, f.path);
      else zip.addFile(path.join(work, f.path), f.path);
    }
    zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json');
    zip.addBuffer(Buffer.from(files.map((f) => `${f.sha256}  ${f.path}\n`).join('')), 'SHA256SUMS');
    zip.end();
    const tmp = `${target}.tmp`;
    await pipeline(zip.outputStream, createWriteStream(tmp));
    renameSync(tmp, target);
    await progress(100);
    return { bytes: statSync(target).size, sha256: await sha256File(target), manifest };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
