import { createHash } from 'node:crypto';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { newId } from '../../platform/crypto/tokens.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { codeGuard, effective, objectById, objectTarget } from '../model/catalogue.js';
import { translated } from '../model/errors.js';
import { cubeStore } from '../model/store.js';
import {
  modelDb,
  type ModelDb,
  type ModelKind,
  type ModelObjectTable,
  type ModelOrigin,
} from '../model/tables.js';
import { objectFileName, readPackage, writePackage, type PackageContent } from './format.js';
import { FORMAT, FORMAT_VERSION, type Manifest, type ObjectFile } from './manifest.js';
import { codecFor, planPackage, type PlannedObject } from './plan.js';
import { packageTenantDb } from './tables.js';
import { Previews } from '../previews.js';

export interface ExportRequest {
  code: string;
  version: string;
  nameJa: string;
  nameEn: string;
  description: string;
  objectIds: string[];
  withFigures: boolean;
}

const key = (kind: string, code: string) => `${kind}:${code}`;

/**
 * The package of the chosen objects. Every object they refer to (a cube's dimensions, a form's
 * cube…) is included too, so the package installs in any tenant on its own.
 */
export async function exportPackage(
  deps: AppDeps,
  ctx: TenantContext,
  req: ExportRequest,
  actor: Actor,
): Promise<{ file: Buffer; manifest: Manifest }> {
  const { file, manifest } = await buildPackage(deps, modelDb(ctx.db.kysely), req);
  await inTransaction(ctx.db, (tx) =>
    appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'package.export',
        target: { type: 'package', id: null, label: `${req.code} ${req.version}` },
        summary: {
          withFigures: req.withFigures,
          objects: manifest.objects.map((o) => ({ kind: o.kind, code: o.code })),
        },
      },
      deps.clock,
    ),
  );
  return { file, manifest };
}

/** The package file of the chosen objects and their dependencies (no log entry: see `exportPackage`). */
export async function buildPackage(
  deps: Pick<AppDeps, 'clock' | 'version'>,
  db: ModelDb,
  req: ExportRequest,
): Promise<{ file: Buffer; manifest: Manifest }> {
  if (req.objectIds.length === 0) throw new AppError('PACKAGE_NOTHING_SELECTED');
  const chosen = new Map<
    string,
    { row: ModelObjectTable; facts: ReturnType<typeof effective>; def: unknown }
  >();
  const queue: ModelObjectTable[] = [];
  for (const id of req.objectIds) queue.push(await objectById(db, id));
  while (queue.length) {
    const row = queue.shift() as ModelObjectTable;
    if (chosen.has(key(row.kind, row.code))) continue;
    const codec = codecFor(row.kind);
    if (!codec) throw new AppError('PACKAGE_KIND_UNSUPPORTED', { params: { kind: row.kind } });
    const def = await translated(() => codec.export(db, row.id, req.withFigures));
    chosen.set(key(row.kind, row.code), { row, facts: effective(await objectById(db, row.id)), def });
    for (const dep of codec.dependsOn(def)) {
      const found = await db
        .selectFrom('model_objects')
        .selectAll()
        .where('kind', '=', dep.kind)
        .where('code', '=', dep.code)
        .executeTakeFirst();
      if (!found)
        throw new AppError('PACKAGE_DEPENDENCY_MISSING', { params: { kind: dep.kind, code: dep.code } });
      queue.push(found);
    }
  }
  const order = (k: ModelKind) => codecFor(k)?.order ?? 99;
  const list = [...chosen.values()].sort(
    (a, b) => order(a.row.kind) - order(b.row.kind) || (a.row.code < b.row.code ? -1 : 1),
  );
  const objects: ObjectFile[] = list.map(({ row, facts, def }) => ({
    kind: row.kind,
    code: row.code,
    name: { ja: facts.nameJa, en: facts.nameEn },
    category: facts.category,
    description: facts.description,
    definition: def,
  }));
  const manifest: Manifest = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    code: req.code,
    version: req.version,
    name: { ja: req.nameJa, en: req.nameEn },
    description: req.description,
    createdAt: deps.clock().toISOString(),
    producer: { name: 'yosan', version: deps.version },
    withFigures: req.withFigures,
    objects: objects.map((o, i) => ({
      kind: o.kind,
      code: o.code,
      name: o.name,
      category: o.category,
      description: o.description,
      file: objectFileName(i),
    })),
  };
  return { file: await writePackage({ manifest, objects }), manifest };
}

/** Where a package being installed comes from. */
export interface Source {
  origin: ModelOrigin;
  /** The provider package row (distributed packages). */
  providerPackageId: string | null;
}

interface Pending {
  tenantId: string;
  file: Buffer;
  source: Source;
}

/** Previews waiting to be applied: 30 minutes, at most 50 files and 100 MiB together. */
const previews = new Previews<Pending>(30 * 60 * 1000, 50, 100 * 1024 * 1024);

export interface PreviewObject {
  kind: ModelKind;
  code: string;
  name: { ja: string; en: string };
  outcome: PlannedObject['outcome'];
  diff: string[];
  conflict: string | null;
}

export interface Preview {
  token: string;
  manifest: {
    code: string;
    version: string;
    name: { ja: string; en: string };
    description: string;
    createdAt: string;
    withFigures: boolean;
  };
  origin: ModelOrigin;
  installedVersion: string | null;
  objects: PreviewObject[];
  canApply: boolean;
}

const DIFF_LINES = 50;

function presentPlan(planned: readonly PlannedObject[]): PreviewObject[] {
  return planned.map((p) => ({
    kind: p.file.kind,
    code: p.file.code,
    name: p.file.name,
    outcome: p.outcome,
    diff: p.diff.slice(0, DIFF_LINES),
    conflict: p.conflict,
  }));
}

/** Reads and checks the package, plans it against the tenant, and keeps it for `applyPreview`. */
export async function previewPackage(ctx: TenantContext, file: Buffer, source: Source): Promise<Preview> {
  const content = await readPackage(file);
  const db = modelDb(ctx.db.kysely);
  const planned = await translated(() => planPackage(db, content, source.origin));
  const installed = await packageTenantDb(ctx.db.kysely)
    .selectFrom('installed_packages')
    .select('version')
    .where('code', '=', content.manifest.code)
    .executeTakeFirst();
  const m = content.manifest;
  return {
    token: previews.remember({ tenantId: ctx.tenant.id, file, source }),
    manifest: {
      code: m.code,
      version: m.version,
      name: m.name,
      description: m.description,
      createdAt: m.createdAt,
      withFigures: m.withFigures,
    },
    origin: source.origin,
    installedVersion: installed?.version ?? null,
    objects: presentPlan(planned),
    canApply: planned.every((p) => p.outcome !== 'conflict'),
  };
}

export interface InstallResult {
  code: string;
  version: string;
  objects: PreviewObject[];
  /** Catalogue ids of the installed objects, by kind and code. */
  ids: { kind: ModelKind; code: string; id: string }[];
}

/** Applies a previewed package (the token is used once). */
export async function applyPreview(
  deps: AppDeps,
  ctx: TenantContext,
  token: string,
  actor: Actor,
): Promise<InstallResult> {
  const p = previews.take(token, (e) => e.tenantId === ctx.tenant.id);
  if (!p) throw new AppError('PACKAGE_PREVIEW_EXPIRED');
  return installPackage(deps, ctx, p.file, p.source, actor);
}

/**
 * Installs a package ALL OR NOTHING: catalogue rows, every kind's definition (dimensions, cubes,
 * cells, forms, portals), the installed-package row and the audit entries run in ONE transaction
 * of `cubeStore.batch`, which drops the tenant's cached cubes after commit or rollback.
 */
export async function installPackage(
  deps: AppDeps,
  ctx: TenantContext,
  file: Buffer,
  source: Source,
  actor: Actor,
): Promise<InstallResult> {
  const content = await readPackage(file);
  const sha = createHash('sha256').update(file).digest('hex');
  return codeGuard(content.manifest.code, () =>
    translated(() =>
      cubeStore.batch(ctx.db, async (trx) => {
        const db = modelDb(trx);
        const planned = await planPackage(db, content, source.origin);
        if (planned.some((p) => p.outcome === 'conflict')) throw new AppError('PACKAGE_CONFLICT');
        const ids: InstallResult['ids'] = [];
        for (const p of planned)
          ids.push({
            kind: p.file.kind,
            code: p.file.code,
            id: await applyOne(deps, ctx, db, p, source, actor),
          });
        await recordInstall(db, deps, content, planned, source, sha, actor);
        await appendAudit(
          { db: trx },
          actor,
          {
            kind: 'operation',
            action: 'package.install',
            target: {
              type: 'package',
              id: content.manifest.code,
              label: `${content.manifest.code} ${content.manifest.version}`,
            },
            summary: {
              version: content.manifest.version,
              origin: source.origin,
              providerPackageId: source.providerPackageId,
              sha256: sha,
              withFigures: content.manifest.withFigures,
              objects: planned.map((o) => ({ kind: o.file.kind, code: o.file.code, outcome: o.outcome })),
            },
          },
          deps.clock,
        );
        return {
          code: content.manifest.code,
          version: content.manifest.version,
          objects: presentPlan(planned),
          ids,
        };
      }),
    ),
  );
}

async function applyOne(
  deps: AppDeps,
  ctx: TenantContext,
  db: ModelDb,
  p: PlannedObject,
  source: Source,
  actor: Actor,
): Promise<string> {
  const now = deps.clock().toISOString();
  const f = p.file;
  const facts = {
    name_ja: f.name.ja.normalize('NFC').trim(),
    name_en: f.name.en.normalize('NFC').trim(),
    category: f.category.normalize('NFC').trim(),
    description: f.description.normalize('NFC').trim(),
  };
  let row: ModelObjectTable;
  if (p.existing === null) {
    row = {
      id: newId(),
      kind: f.kind,
      code: f.code.normalize('NFC'),
      ...facts,
      origin: source.origin,
      owner_id: source.origin === 'tenant' && actor.type === 'user' ? actor.id : null,
      created_at: now,
      updated_at: now,
    };
    await db.insertInto('model_objects').values(row).execute();
    await p.codec.apply(db, deps, ctx, row.id, f.definition, 'create', actor);
  } else {
    row = p.existing;
    if (p.outcome === 'changed') {
      // The base (distributed) facts only: the tenant's renames live in model_overrides.
      await db
        .updateTable('model_objects')
        .set({ ...facts, updated_at: now })
        .where('id', '=', row.id)
        .execute();
      await p.codec.apply(db, deps, ctx, row.id, f.definition, 'update', actor);
    }
  }
  await appendAudit(
    { db },
    actor,
    {
      kind: 'operation',
      action: `model.${f.kind}.package`,
      target: objectTarget(row),
      summary: { outcome: p.outcome, origin: source.origin, diff: p.diff.slice(0, DIFF_LINES) },
    },
    deps.clock,
  );
  return row.id;
}

async function recordInstall(
  db: ModelDb,
  deps: AppDeps,
  content: PackageContent,
  planned: readonly PlannedObject[],
  source: Source,
  sha: string,
  actor: Actor,
): Promise<void> {
  const m = content.manifest;
  const row = {
    version: m.version,
    name_ja: m.name.ja,
    name_en: m.name.en,
    origin: source.origin,
    provider_package_id: source.providerPackageId,
    sha256: sha,
    with_figures: m.withFigures ? 1 : 0,
    objects: JSON.stringify(planned.map((p) => ({ kind: p.file.kind, code: p.file.code }))),
    installed_by: actor.id,
    installed_at: deps.clock().toISOString(),
  };
  await packageTenantDb(db)
    .insertInto('installed_packages')
    .values({ code: m.code, ...row })
    .onConflict((oc) => oc.column('code').doUpdateSet(row))
    .execute();
}
