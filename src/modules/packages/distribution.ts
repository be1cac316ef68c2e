import { createHash } from 'node:crypto';
import { appendAudit, SYSTEM_ACTOR, type Actor } from '../../platform/audit/audit-log.js';
import { newId } from '../../platform/crypto/tokens.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { isUniqueViolation } from '../users/repository.js';
import { DEMO_CODE, demoPackage } from './demo/build.js';
import { readPackage } from './format.js';
import { compareVersions } from './manifest.js';
import { supportedObjects } from './plan.js';
import { packageControlDb, packageTenantDb, type ProviderPackageTable } from './tables.js';

/** Provider packages and their distribution to tenants (control database, operators). */

const registered = new WeakSet<object>();

/** Registers the built-in demo (this version) once per process; offered to every tenant. */
export async function ensureBuiltin(deps: AppDeps): Promise<void> {
  const control = deps.storage.control;
  if (registered.has(control)) return;
  const file = await demoPackage(deps.version);
  const { manifest } = await readPackage(file);
  const db = packageControlDb(control.kysely);
  const found = await db
    .selectFrom('provider_packages')
    .select('id')
    .where('code', '=', manifest.code)
    .where('version', '=', manifest.version)
    .executeTakeFirst();
  if (!found) {
    try {
      await inTransaction(control, async (tx) => {
        const row = rowOf(file, manifest, null, deps.clock().toISOString(), 1);
        await packageControlDb(tx.db).insertInto('provider_packages').values(row).execute();
        await appendAudit(
          tx,
          SYSTEM_ACTOR,
          { kind: 'operation', action: 'package.register', target: target(row), summary: { builtin: true } },
          deps.clock,
        );
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  registered.add(control);
}

const target = (r: Pick<ProviderPackageTable, 'id' | 'code' | 'version'>) => ({
  type: 'package',
  id: r.id,
  label: `${r.code} ${r.version}`,
});

function rowOf(
  file: Buffer,
  m: Awaited<ReturnType<typeof readPackage>>['manifest'],
  by: string | null,
  at: string,
  allTenants: number,
): ProviderPackageTable {
  return {
    id: newId(),
    code: m.code,
    version: m.version,
    name_ja: m.name.ja,
    name_en: m.name.en,
    description: m.description,
    object_count: m.objects.length,
    objects: JSON.stringify(m.objects.map((o) => ({ kind: o.kind, code: o.code }))),
    with_figures: m.withFigures ? 1 : 0,
    sha256: createHash('sha256').update(file).digest('hex'),
    content: file.toString('base64'),
    all_tenants: allTenants,
    uploaded_by: by,
    uploaded_at: at,
  };
}

/** An operator uploads a package version (checked like any import; control log). */
export async function uploadPackage(
  deps: AppDeps,
  file: Buffer,
  actor: Actor,
): Promise<ProviderPackageTable> {
  const content = await readPackage(file);
  supportedObjects(content); // every definition fits its kind's schema (unknown kinds: refused)
  const row = rowOf(file, content.manifest, actor.id, deps.clock().toISOString(), 0);
  try {
    await inTransaction(deps.storage.control, async (tx) => {
      await packageControlDb(tx.db).insertInto('provider_packages').values(row).execute();
      await appendAudit(
        tx,
        actor,
        {
          kind: 'operation',
          action: 'package.upload',
          target: target(row),
          summary: { sha256: row.sha256, objects: row.object_count, withFigures: row.with_figures === 1 },
        },
        deps.clock,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('PACKAGE_VERSION_TAKEN', { params: { code: row.code, version: row.version } });
    throw error;
  }
  return row;
}

export interface ProviderPackageView extends Omit<ProviderPackageTable, 'content'> {
  tenantIds: string[];
}

export async function listProviderPackages(deps: AppDeps): Promise<ProviderPackageView[]> {
  await ensureBuiltin(deps);
  const db = packageControlDb(deps.storage.control.kysely);
  const rows = await db
    .selectFrom('provider_packages')
    .select([
      'id',
      'code',
      'version',
      'name_ja',
      'name_en',
      'description',
      'object_count',
      'objects',
      'with_figures',
      'sha256',
      'all_tenants',
      'uploaded_by',
      'uploaded_at',
    ])
    .orderBy('code')
    .orderBy('uploaded_at')
    .execute();
  const dist = await db.selectFrom('package_distributions').select(['package_id', 'tenant_id']).execute();
  return rows.map((r) => ({
    ...r,
    tenantIds: dist.filter((d) => d.package_id === r.id).map((d) => d.tenant_id),
  }));
}

/** Offers a package version to chosen tenants (operators' log, one entry). */
export async function distribute(deps: AppDeps, id: string, tenantIds: string[], actor: Actor) {
  const db = packageControlDb(deps.storage.control.kysely);
  const pkg = await db
    .selectFrom('provider_packages')
    .select(['id', 'code', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!pkg) throw new AppError('PACKAGE_NOT_FOUND');
  const known = tenantIds.length
    ? await db.selectFrom('tenants').select('id').where('id', 'in', tenantIds).execute()
    : [];
  const ids = [...new Set(known.map((t) => t.id))];
  const unknown = tenantIds.filter((t) => !ids.includes(t));
  if (unknown.length)
    throw new AppError('VALIDATION_FAILED', {
      issues: unknown.map((t) => ({ path: '/tenantIds', code: 'unknown_tenant', message: t })),
    });
  await inTransaction(deps.storage.control, async (tx) => {
    const now = deps.clock().toISOString();
    for (const tenantId of ids)
      await packageControlDb(tx.db)
        .insertInto('package_distributions')
        .values({ package_id: id, tenant_id: tenantId, distributed_by: actor.id, distributed_at: now })
        .onConflict((oc) => oc.columns(['package_id', 'tenant_id']).doNothing())
        .execute();
    await appendAudit(
      tx,
      actor,
      { kind: 'operation', action: 'package.distribute', target: target(pkg), summary: { tenantIds: ids } },
      deps.clock,
    );
  });
}

/** Packages offered to a tenant: per code, the newest version distributed to it (or to all). */
export async function availableFor(deps: AppDeps, tenantId: string) {
  await ensureBuiltin(deps);
  const db = packageControlDb(deps.storage.control.kysely);
  const rows = await db
    .selectFrom('provider_packages as p')
    .leftJoin('package_distributions as d', (j) =>
      j.onRef('d.package_id', '=', 'p.id').on('d.tenant_id', '=', tenantId),
    )
    .select([
      'p.id',
      'p.code',
      'p.version',
      'p.name_ja',
      'p.name_en',
      'p.description',
      'p.object_count',
      'p.objects',
      'p.with_figures',
      'p.uploaded_at',
      'd.distributed_at',
    ])
    .where((eb) => eb.or([eb('p.all_tenants', '=', 1), eb('d.tenant_id', '=', tenantId)]))
    .execute();
  const newest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const cur = newest.get(r.code);
    if (!cur || compareVersions(r.version, cur.version) > 0) newest.set(r.code, r);
  }
  return [...newest.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** The file of a package offered to this tenant; any other is PACKAGE_NOT_FOUND (404). */
export async function packageFileFor(deps: AppDeps, tenantId: string, id: string): Promise<Buffer> {
  const offered = (await availableFor(deps, tenantId)).some((p) => p.id === id);
  const row = offered
    ? await packageControlDb(deps.storage.control.kysely)
        .selectFrom('provider_packages')
        .select('content')
        .where('id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new AppError('PACKAGE_NOT_FOUND');
  return Buffer.from(row.content, 'base64');
}

/** The tenant's package list: installed ones and the provider's offers (update available?). */
export async function tenantPackages(deps: AppDeps, ctx: TenantContext) {
  const installed = await packageTenantDb(ctx.db.kysely)
    .selectFrom('installed_packages')
    .selectAll()
    .orderBy('code')
    .execute();
  const offers = await availableFor(deps, ctx.tenant.id);
  const db = packageTenantDb(ctx.db.kysely);
  const cubes = await db.selectFrom('cubes').select('id').limit(1).execute();
  const byCode = new Map(installed.map((i) => [i.code, i]));
  const offered = offers.find((o) => o.code === DEMO_CODE);
  // The one-click demo only where it installs cleanly: no cube yet, no own object under its codes.
  const own = new Set(
    (
      await db.selectFrom('model_objects').select(['kind', 'code']).where('origin', '=', 'tenant').execute()
    ).map((r) => `${r.kind}:${r.code}`),
  );
  const clean =
    offered !== undefined &&
    (JSON.parse(offered.objects) as { kind: string; code: string }[]).every(
      (o) => !own.has(`${o.kind}:${o.code}`),
    );
  const demo = clean ? offered : undefined;
  return {
    installed,
    available: offers.map((o) => {
      const i = byCode.get(o.code);
      const state = !i
        ? ('not_installed' as const)
        : compareVersions(o.version, i.version) > 0
          ? ('update_available' as const)
          : ('installed' as const);
      return { ...o, state, installedVersion: i?.version ?? null };
    }),
    demo: demo && cubes.length === 0 && !byCode.has(DEMO_CODE) ? { packageId: demo.id } : null,
  };
}
