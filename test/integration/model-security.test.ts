import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CubeView, GridResponse } from '../../src/modules/model/cube-schemas.js';
import type { DimensionDetail } from '../../src/modules/model/dimension-schemas.js';
import type { HttpsClient } from '../support/https-client.js';
import { downloadForm, gridOf } from '../support/form-xlsx.js';
import { modelWorld, type ModelWorld } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { acceptAndSignIn, postBytes, registerUser } from '../support/tenant-admin.js';

/**
 * The security matrix of the planning model's routes (§9): every route under
 * `/t/:slug/api/model/...` — read from the server's own route table — is tried by
 * anonymous callers, a plain user without rights, a read-only user, an element-restricted
 * user and another tenant's admin. A new route is covered by adding ONE row to `MATRIX`
 * (the first test fails until every model route has its row).
 */

/** Who may call a route: org admins only; users with read (or write) on the object (cube, form, portal); a rights-filtered list. */
type Access = 'admin' | 'read' | 'write' | 'list' | 'annotate' | 'preview' | 'import' | 'apply';

/**
 * What each kind of route answers to each kind of user of tenant A (anonymous callers always
 * get 401, other tenants 401/404): a new kind (e.g. forms with their own rights) is one entry.
 */
const EXPECTED: Record<Access, { plain: number[]; reader: number; restricted: number }> = {
  admin: { plain: [403], reader: 403, restricted: 403 },
  read: { plain: [404], reader: 200, restricted: 200 },
  /** The row's body writes a cell outside the restricted user's elements. */
  write: { plain: [404], reader: 403, restricted: 403 },
  list: { plain: [200], reader: 200, restricted: 200 },
  /** A comment on a cell only readers (not the restricted user) can see: reading is enough to comment. */
  annotate: { plain: [404], reader: 201, restricted: 404 },
  /** Actuals preview: needs write on the cube; the restricted user gets per-row errors for hidden cells. */
  preview: { plain: [404], reader: 403, restricted: 200 },
  /** Actuals import of a row on a hidden cell: refused whole for the restricted user, nothing written. */
  import: { plain: [404], reader: 403, restricted: 400 },
  /** Applying an upload previewed by someone else (the admin's token): refused, nothing written. */
  apply: { plain: [404], reader: 409, restricted: 409 },
};

interface Fixture {
  slug: string;
  cubeId: string;
  regionId: string;
  acctId: string;
  readersGroup: string;
  eastUserId: string;
  formId: string;
  spareFormId: string;
  portalId: string;
  sparePortalId: string;
  announcementId: string;
  /** A package of one dimension made in tenant B (imported by A's admin in the valid run). */
  packageFile: Buffer;
  /** A provider package (another dimension) distributed to tenant A only. */
  providerPackageId: string;
  /** The admin's comment on E1 (a cell the restricted user sees). */
  commentId: string;
}

interface Row {
  /** `METHOD url` exactly as in the route table. */
  route: string;
  access: Access;
  /** Values of the path parameters other than `:slug`. */
  params?: (f: Fixture) => Record<string, string>;
  /** JSON body (valid for an org admin, so a refusal is about rights, not input). */
  body?: (f: Fixture) => unknown;
  /** Raw binary body (a package file). */
  binary?: (f: Fixture) => Buffer;
  /** Raw file body instead of JSON, with its content type. */
  upload?: () => Promise<{ bytes: Buffer; type: string }>;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const csvUpload = async () => ({
  bytes: Buffer.from('code,name_ja,name_en,parent\nNEWCSV,新,New,ALL\n'),
  type: 'text/csv',
});
const xlsxUpload = async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('x');
  ws.addRow(['code', 'name_ja', 'name_en', 'parent']);
  ws.addRow(['NEWXLSX', '新', 'New', 'ALL']);
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), type: XLSX };
};
const cube = (f: Fixture) => ({ id: f.cubeId });
const region = (f: Fixture) => ({ id: f.regionId });
const form = (f: Fixture) => ({ id: f.formId });
const portal = (f: Fixture) => ({ id: f.portalId });
/** An input form over the secret cube: every Region element on rows, revenue on columns. */
const FORM = {
  cube: 'SECRET_PL',
  type: 'input',
  rows: {
    dimension: 'Region',
    members: [
      { element: 'ALL', select: 'self' },
      { element: 'ALL', select: 'descendants' },
    ],
  },
  columns: { dimension: 'Acct', members: [{ element: 'REV', select: 'self' }] },
  fixed: [],
  input: 'leaves',
  readOnly: [],
  format: { scale: 1, decimals: 0, currency: 'JPY' },
};
const NEWS = { title: { ja: 'お知らせ', en: 'News' }, body: { ja: '本文', en: 'Body' } };
/** A cell on a leaf only admins (and nobody restricted to EAST) may see or write. */
const westCell = { coords: { Region: 'W1', Acct: 'REV' }, value: 1 };
const GRID = {
  rows: { dimension: 'Region', elements: ['ALL', 'EAST', 'E1', 'E2', 'WEST', 'W1'] },
  columns: { dimension: 'Acct', elements: ['REV'] },
  fixed: {},
};

/** The actuals-import mapping of the secret cube, and a file with one row on a cell only admins may write. */
const ACTUALS = {
  columns: { Region: 'region', Acct: 'acct' },
  fixed: {},
  value: 'amount',
  maps: {},
  replace: false,
  sliceDimensions: [],
};
const actualsUpload = async () => ({
  bytes: Buffer.from('region,acct,amount\nW1,REV,5\n'),
  type: 'text/csv',
});

/** The form downloaded by the admin now, with W1 (a cell only admins see and write) changed. */
const formXlsxUpload = async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await downloadForm(w.admin, f.slug, f.formId)) as unknown as ArrayBuffer);
  const cell = (await gridOf(wb)).cell('W1', 'REV');
  cell.value = Number(cell.value) + 1;
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), type: XLSX };
};
const formXlsxToken = async () => {
  const { bytes, type } = await formXlsxUpload();
  const res = await postBytes<{ token: string }>(
    ts,
    w.admin,
    `/t/${f.slug}/api/model/forms/${f.formId}/xlsx/preview`,
    bytes,
    type,
  );
  return res.json.token;
};

const M = '/t/:slug/api/model';
export const MATRIX: Row[] = [
  // catalogue
  { route: `GET ${M}/objects`, access: 'admin' },
  {
    route: `POST ${M}/objects`,
    access: 'admin',
    body: () => ({ kind: 'form', code: 'F_NEW', nameJa: '新フォーム', nameEn: 'New form' }),
  },
  { route: `GET ${M}/objects/:id`, access: 'admin', params: cube },
  { route: `PATCH ${M}/objects/:id`, access: 'admin', params: cube, body: () => ({ nameEn: 'Renamed' }) },
  // dimensions
  { route: `GET ${M}/dimensions`, access: 'admin' },
  {
    route: `POST ${M}/dimensions`,
    access: 'admin',
    body: () => ({ code: 'D_NEW', nameJa: '新', nameEn: 'New' }),
  },
  { route: `POST ${M}/standard-dimensions`, access: 'admin', body: () => ({ fiscalYear: 2030 }) },
  { route: `GET ${M}/dimensions/:id`, access: 'admin', params: region },
  {
    route: `POST ${M}/dimensions/:id/changes`,
    access: 'admin',
    params: region,
    body: () => ({ changes: [{ op: 'rename', code: 'W1', nameEn: 'Leaked' }] }),
  },
  { route: `GET ${M}/dimensions/:id/export`, access: 'admin', params: region },
  { route: `POST ${M}/dimensions/:id/import/dry-run`, access: 'admin', params: region, upload: csvUpload },
  { route: `POST ${M}/dimensions/:id/import`, access: 'admin', params: region, upload: csvUpload },
  { route: `GET ${M}/dimensions/:id/export/xlsx`, access: 'admin', params: region },
  {
    route: `POST ${M}/dimensions/:id/import/xlsx/dry-run`,
    access: 'admin',
    params: region,
    upload: xlsxUpload,
  },
  { route: `POST ${M}/dimensions/:id/import/xlsx`, access: 'admin', params: region, upload: xlsxUpload },
  {
    route: `DELETE ${M}/dimensions/:id/elements/:code`,
    access: 'admin',
    params: (f) => ({ id: f.regionId, code: 'SPARE' }),
  },
  // cubes and cells
  { route: `GET ${M}/cubes`, access: 'list' },
  {
    route: `POST ${M}/cubes`,
    access: 'admin',
    body: (f) => ({ code: 'C_NEW', nameJa: '新', nameEn: 'New', dimensionIds: [f.regionId, f.acctId] }),
  },
  { route: `GET ${M}/cubes/:id`, access: 'read', params: cube },
  { route: `POST ${M}/cubes/:id/grid`, access: 'read', params: cube, body: () => GRID },
  {
    route: `POST ${M}/cubes/:id/cells`,
    access: 'write',
    params: cube,
    body: () => ({ cells: [westCell] }),
  },
  {
    route: `POST ${M}/cubes/:id/copy`,
    access: 'write',
    params: cube,
    body: () => ({ dimension: 'Region', from: 'E1', to: 'W1' }),
  },
  // locked slices (after the writes: the admin's own run locks W1, then unlocks it)
  {
    route: `POST ${M}/cubes/:id/locks`,
    access: 'admin',
    params: cube,
    body: () => ({ dimension: 'Region', element: 'W1', note: '締め' }),
  },
  { route: `GET ${M}/cubes/:id/locks`, access: 'read', params: cube },
  {
    route: `DELETE ${M}/cubes/:id/locks/:dimension/:element`,
    access: 'admin',
    params: (f) => ({ id: f.cubeId, dimension: 'Region', element: 'W1' }),
  },
  // rights
  { route: `GET ${M}/rights/groups/:id`, access: 'admin', params: (f) => ({ id: f.readersGroup }) },
  {
    route: `PUT ${M}/rights/groups/:id`,
    access: 'admin',
    params: (f) => ({ id: f.readersGroup }),
    body: (f) => ({ objects: [{ objectId: f.cubeId, access: 'write' }], elements: [] }),
  },
  { route: `GET ${M}/rights/users/:id`, access: 'admin', params: (f) => ({ id: f.eastUserId }) },
  { route: `GET ${M}/rights/objects/:id`, access: 'admin', params: cube },
  { route: `GET ${M}/rights/users/:id/objects`, access: 'admin', params: (f) => ({ id: f.eastUserId }) },
  // forms
  { route: `GET ${M}/forms`, access: 'list' },
  {
    route: `POST ${M}/forms`,
    access: 'admin',
    body: () => ({ code: 'F_NEW2', nameJa: '新', nameEn: 'New', definition: FORM }),
  },
  { route: `GET ${M}/forms/:id`, access: 'read', params: form },
  { route: `PUT ${M}/forms/:id`, access: 'admin', params: form, body: () => ({ definition: FORM }) },
  { route: `POST ${M}/forms/:id/open`, access: 'read', params: form, body: () => ({}) },
  {
    route: `POST ${M}/forms/:id/cells`,
    access: 'write',
    params: form,
    body: () => ({ cells: [{ row: 'W1', column: 'REV', value: 2 }] }),
  },
  // the form's Excel round trip (the preview shows per-cell errors to users who may not write W1)
  { route: `POST ${M}/forms/:id/xlsx`, access: 'read', params: form, body: () => ({}) },
  // …and as CSV (issue 18), the same rights
  { route: `POST ${M}/forms/:id/csv`, access: 'read', params: form, body: () => ({}) },
  { route: `POST ${M}/forms/:id/xlsx/preview`, access: 'read', params: form, upload: formXlsxUpload },
  {
    route: `POST ${M}/forms/:id/xlsx/apply`,
    access: 'apply',
    params: form,
    body: async () => ({ token: await formXlsxToken() }),
  },
  { route: `POST ${M}/forms/:id/history`, access: 'read', params: form, body: () => ({}) },
  { route: `DELETE ${M}/forms/:id`, access: 'admin', params: (f) => ({ id: f.spareFormId }) },
  // the tenant's default number format
  { route: `GET ${M}/number-format`, access: 'admin' },
  {
    route: `PUT ${M}/number-format`,
    access: 'admin',
    body: () => ({ format: { scale: 1, decimals: 0, currency: 'JPY', negative: 'triangle' } }),
  },
  // portals
  { route: `GET ${M}/portals`, access: 'list' },
  {
    route: `POST ${M}/portals`,
    access: 'admin',
    body: () => ({ code: 'P_NEW', nameJa: '新', nameEn: 'New', tiles: [] }),
  },
  { route: `GET ${M}/portals/:id`, access: 'read', params: portal },
  { route: `GET ${M}/portals/:id/definition`, access: 'admin', params: portal },
  {
    route: `PUT ${M}/portals/:id`,
    access: 'admin',
    params: portal,
    body: () => ({ tiles: [{ form: 'IN_FORM' }] }),
  },
  {
    route: `POST ${M}/portals/:id/announcements`,
    access: 'admin',
    params: portal,
    body: () => NEWS,
  },
  {
    route: `PUT ${M}/portals/:id/announcements/:announcementId`,
    access: 'admin',
    params: (f) => ({ id: f.portalId, announcementId: f.announcementId }),
    body: () => NEWS,
  },
  {
    route: `DELETE ${M}/portals/:id/announcements/:announcementId`,
    access: 'admin',
    params: (f) => ({ id: f.portalId, announcementId: f.announcementId }),
  },
  { route: `DELETE ${M}/portals/:id`, access: 'admin', params: (f) => ({ id: f.sparePortalId }) },
  // packages (org admins only)
  { route: `GET ${M}/packages`, access: 'admin' },
  {
    route: `POST ${M}/packages/export`,
    access: 'admin',
    body: (f) => ({
      code: 'plan',
      version: '1.0.0',
      nameJa: '計画',
      nameEn: 'Plan',
      description: '',
      objectIds: [f.cubeId],
      withFigures: true,
    }),
  },
  { route: `POST ${M}/packages/preview`, access: 'admin', binary: (f) => f.packageFile },
  {
    route: `POST ${M}/packages/apply`,
    access: 'admin',
    // A fresh preview token of the admin each time (a token is used once).
    body: async (f) => ({ token: (await previewAsAdmin(f)).json.token }),
  },
  {
    route: `POST ${M}/packages/available/:id/preview`,
    access: 'admin',
    params: (f) => ({ id: f.providerPackageId }),
  },
  {
    route: `POST ${M}/packages/available/:id/install`,
    access: 'admin',
    params: (f) => ({ id: f.providerPackageId }),
  },
  // cell history, comments, actuals import (budget entry)
  {
    route: `POST ${M}/cubes/:id/history`,
    access: 'read',
    params: cube,
    body: () => ({ cells: [westCell.coords] }),
  },
  {
    route: `POST ${M}/cubes/:id/comments/list`,
    access: 'read',
    params: cube,
    body: () => ({ cells: [westCell.coords] }),
  },
  {
    route: `POST ${M}/cubes/:id/comments`,
    access: 'annotate',
    params: cube,
    body: () => ({ coords: westCell.coords, body: 'メモ' }),
  },
  {
    route: `DELETE ${M}/cubes/:id/comments/:commentId`,
    access: 'write',
    params: (f) => ({ id: f.cubeId, commentId: f.commentId }),
  },
  { route: `GET ${M}/cubes/:id/actuals/definition`, access: 'read', params: cube },
  { route: `PUT ${M}/cubes/:id/actuals/definition`, access: 'admin', params: cube, body: () => ACTUALS },
  { route: `POST ${M}/cubes/:id/actuals/inspect`, access: 'read', params: cube, upload: actualsUpload },
  { route: `POST ${M}/cubes/:id/actuals/preview`, access: 'preview', params: cube, upload: actualsUpload },
  { route: `POST ${M}/cubes/:id/actuals/import`, access: 'import', params: cube, upload: actualsUpload },
  // last: replaces the cube's group rights
  {
    route: `PUT ${M}/rights/objects/:id`,
    access: 'admin',
    params: cube,
    body: (f) => ({ groups: [{ groupId: f.readersGroup, access: 'read' }] }),
  },
];

/** Names and figures of tenant A's model that must never reach someone without the right. */
const SECRETS = ['機密', 'Confidential', '98765', '大阪', 'Osaka'];

let ts: TestServer;
let w: ModelWorld;
let reader: HttpsClient;
let east: HttpsClient;
let anon: HttpsClient;
let f: Fixture;

const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

function pathOf(row: Row, slug: string): string {
  const [, url = ''] = row.route.split(' ');
  const params = row.params?.(f) ?? {};
  return url
    .replace(':slug', slug)
    .replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(params[k] ?? `missing-${k}`));
}

async function call(c: HttpsClient, row: Row, slug = f.slug): Promise<{ status: number; text: string }> {
  const [method = 'GET'] = row.route.split(' ');
  const path = pathOf(row, slug);
  if (row.upload) {
    const { bytes, type } = await row.upload();
    return postBytes(ts, c, path, bytes, type);
  }
  if (row.binary) return c.binary(method, path, row.binary(f));
  return c.request(method, path, method === 'GET' || method === 'DELETE' ? undefined : await row.body?.(f));
}

const previewAsAdmin = (fx: Fixture) =>
  w.admin.binary<{ token: string }>('POST', `/t/${fx.slug}/api/model/packages/preview`, fx.packageFile);

/** Everything of tenant A's model as stored, plus its audit trail length: a refusal must change none of it. */
async function snapshot(): Promise<string> {
  const db = await w.db();
  const tables = [
    'model_objects',
    'model_overrides',
    'model_rights',
    'model_element_rights',
    'model_forms',
    'model_portals',
    'cube_dimensions',
    'cube_elements',
    'cube_links',
    'cubes',
    'cube_cells',
    'cube_texts',
    'cube_locks',
  ];
  const out: Record<string, unknown> = {};
  for (const t of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db);
    out[t] = rows.map((r) => JSON.stringify(r)).sort();
  }
  out.audit = (await db.selectFrom('audit_log').select('seq').execute()).length;
  return JSON.stringify(out);
}

/** An answer without its random support reference (a refId like `987650a6` once read as the figure 98765). */
const withoutRefId = (text: string) => text.replace(/"refId":"[0-9a-f]+"/g, '"refId":"…"');
const noSecrets = (text: string, what: string) => {
  for (const s of SECRETS) expect(withoutRefId(text), `${what} leaks "${s}"`).not.toContain(s);
};

const readGrid = (c: HttpsClient) =>
  c.post<GridResponse>(`/t/${f.slug}/api/model/cubes/${f.cubeId}/grid`, GRID);

beforeAll(async () => {
  ts = await startTestServer();
  w = await modelWorld(ts, 'anzen', 'anzen-b');
  const slug = w.a;
  const api = `/t/${slug}/api/model`;
  const dim = async (code: string, changes: unknown[]) => {
    const d = await w.admin.post<DimensionDetail>(`${api}/dimensions`, { code, nameJa: code, nameEn: code });
    const res = await w.admin.post(`${api}/dimensions/${d.json.object.id}/changes`, { changes });
    expect(res.status).toBe(200);
    return d.json.object.id;
  };
  const add = (code: string, nameJa: string, nameEn: string, parent?: string) => ({
    op: 'add',
    code,
    nameJa,
    nameEn,
    ...(parent ? { parent } : {}),
  });
  const regionId = await dim('Region', [
    add('ALL', '全国', 'All'),
    add('EAST', '東日本', 'East', 'ALL'),
    add('E1', '東京', 'Tokyo', 'EAST'),
    add('E2', '仙台', 'Sendai', 'EAST'),
    add('WEST', '機密西日本', 'Confidential West', 'ALL'),
    add('W1', '機密大阪', 'Confidential Osaka', 'WEST'),
    add('SPARE', '予備', 'Spare'),
  ]);
  const acctId = await dim('Acct', [add('REV', '売上高', 'Revenue')]);
  const c = await w.admin.post<CubeView>(`${api}/cubes`, {
    code: 'SECRET_PL',
    nameJa: '機密損益',
    nameEn: 'Confidential P&L',
    dimensionIds: [regionId, acctId],
  });
  const cubeId = c.json.object.id;
  const cells = await w.admin.post(`${api}/cubes/${cubeId}/cells`, {
    cells: [
      { coords: { Region: 'E1', Acct: 'REV' }, value: 111 },
      { coords: { Region: 'E2', Acct: 'REV' }, value: 222 },
      { coords: { Region: 'W1', Acct: 'REV' }, value: 98765 },
    ],
  });
  expect(cells.status).toBe(200);
  const group = async (name: string, members: string[], rights: unknown) => {
    const g = await w.admin.post<{ group: { id: string } }>(`/t/${slug}/api/admin/groups`, {
      name,
      description: '',
    });
    await w.admin.post(`/t/${slug}/api/admin/groups/${g.json.group.id}/members`, { userIds: members });
    const r = await w.admin.request('PUT', `${api}/rights/groups/${g.json.group.id}`, rights);
    expect(r.status).toBe(200);
    return g.json.group.id;
  };
  const mkForm = async (code: string) => {
    const res = await w.admin.post<{ object: { id: string } }>(`${api}/forms`, {
      code,
      nameJa: '入力',
      nameEn: 'Input',
      definition: FORM,
    });
    expect(res.status, res.text).toBe(201);
    return res.json.object.id;
  };
  const formId = await mkForm('IN_FORM');
  const spareFormId = await mkForm('F_SPARE');
  const mkPortal = async (code: string) => {
    const res = await w.admin.post<{ portal: { id: string } }>(`${api}/portals`, {
      code,
      nameJa: '予算',
      nameEn: 'Budget',
      tiles: [{ form: 'IN_FORM' }],
    });
    expect(res.status, res.text).toBe(201);
    return res.json.portal.id;
  };
  const portalId = await mkPortal('PORTAL');
  const sparePortalId = await mkPortal('P_SPARE');
  const news = await w.admin.post<{ definition: { announcements: { id: string }[] } }>(
    `${api}/portals/${portalId}/announcements`,
    NEWS,
  );
  expect(news.status, news.text).toBe(201);
  const announcementId = news.json.definition.announcements[0]!.id;
  const readerId = await registerUser(w.admin, slug, `reader@${slug}.example`);
  reader = await acceptAndSignIn(ts, slug, `reader@${slug}.example`);
  const eastUserId = await registerUser(w.admin, slug, `east@${slug}.example`);
  east = await acceptAndSignIn(ts, slug, `east@${slug}.example`);
  const readersGroup = await group('Readers', [readerId], {
    objects: [
      { objectId: cubeId, access: 'read' },
      { objectId: formId, access: 'read' },
      { objectId: portalId, access: 'read' },
    ],
    elements: [],
  });
  await group('East writers', [eastUserId], {
    objects: [
      { objectId: cubeId, access: 'write' },
      { objectId: formId, access: 'write' },
      { objectId: portalId, access: 'read' },
    ],
    elements: [{ dimensionId: regionId, element: 'EAST', access: 'write' }],
  });
  const mapping = await w.admin.request('PUT', `${api}/cubes/${cubeId}/actuals/definition`, ACTUALS);
  expect(mapping.status, mapping.text).toBe(200);
  const comment = await w.admin.post<{ id: string }>(`${api}/cubes/${cubeId}/comments`, {
    coords: { Region: 'E1', Acct: 'REV' },
    body: '東の注記',
  });
  expect(comment.status, comment.text).toBe(201);
  // Two one-dimension packages made in tenant B: one for A's own import, one the operator
  // distributes to A only.
  const apiB = `/t/${w.b}/api/model`;
  const exportFromB = async (code: string) => {
    const d = await w.adminB.post<DimensionDetail>(`${apiB}/dimensions`, {
      code,
      nameJa: code,
      nameEn: code,
    });
    await w.adminB.post(`${apiB}/dimensions/${d.json.object.id}/changes`, {
      changes: [add(`${code}_1`, '一', 'One')],
    });
    const res = await w.adminB.binary('POST', `${apiB}/packages/export`, {
      code: code.toLowerCase().replace(/_/g, '-'),
      version: '1.0.0',
      nameJa: code,
      nameEn: code,
      description: '',
      objectIds: [d.json.object.id],
      withFigures: false,
    });
    expect(res.status).toBe(200);
    return res.body;
  };
  const packageFile = await exportFromB('PKG_T');
  const upload = await w.op.binary<{ package: { id: string } }>(
    'POST',
    '/api/operator/packages',
    await exportFromB('PKG_P'),
  );
  expect(upload.status, upload.text).toBe(201);
  const tenants = await w.op.get<{ items: { id: string; slug: string }[] }>('/api/operator/tenants');
  const dist = await w.op.post(`/api/operator/packages/${upload.json.package.id}/distribute`, {
    tenantIds: [tenants.json.items.find((t) => t.slug === slug)!.id],
  });
  expect(dist.status).toBe(200);
  f = {
    commentId: comment.json.id,
    packageFile,
    providerPackageId: upload.json.package.id,
    slug,
    cubeId,
    regionId,
    acctId,
    readersGroup,
    eastUserId,
    formId,
    spareFormId,
    portalId,
    sparePortalId,
    announcementId,
  };
  anon = ts.client();
  await anon.primeCsrf();
});
afterAll(async () => {
  await ts?.stop();
});

describe('model security matrix', () => {
  it('has one row for every model route in the route table (add a row for a new route)', () => {
    const routes = ts.server.app.routeTable.filter((r) => r.url.startsWith(`${M}/`) || r.url === M);
    const rows = new Set(MATRIX.map((r) => r.route));
    const missing = routes.map(routeKey).filter((k) => !rows.has(k));
    expect(missing, 'model routes without a row in MATRIX').toEqual([]);
    const stale = [...rows].filter((k) => !routes.some((r) => routeKey(r) === k));
    expect(stale, 'MATRIX rows for routes that do not exist').toEqual([]);
    // Routes reachable by plain users are exactly those whose row says so.
    for (const r of routes) {
      const row = MATRIX.find((x) => x.route === routeKey(r))!;
      expect(r.auth, r.url).toBe(row.access === 'admin' ? 'tenant-admin' : 'tenant-user');
    }
  });

  it('answers 401 to anonymous callers on every route', async () => {
    const before = await snapshot();
    for (const row of MATRIX) {
      const res = await call(anon, row);
      expect(res.status, row.route).toBe(401);
      noSecrets(res.text, row.route);
    }
    expect(await snapshot()).toBe(before);
  });

  it('a user without any group right gets 403 (admin routes) or 404 (cubes), no names or figures, nothing changed', async () => {
    const before = await snapshot();
    for (const row of MATRIX) {
      const res = await call(w.user, row);
      const expected = EXPECTED[row.access].plain;
      expect(expected, `${row.route} → ${res.status}`).toContain(res.status);
      noSecrets(res.text, row.route);
    }
    expect(await snapshot()).toBe(before);
  });

  it('a read-only user reads the cube but cannot write (403) and reaches no admin route; nothing changed', async () => {
    const before = await snapshot();
    let baseline = before;
    for (const row of MATRIX) {
      const res = await call(reader, row);
      const expected = EXPECTED[row.access].reader;
      expect(res.status, row.route).toBe(expected);
      if (row.access === 'admin') noSecrets(res.text, row.route);
      // A comment is the one thing a reader adds (audited): nothing else changes.
      if (row.access === 'annotate') baseline = await snapshot();
    }
    expect(await snapshot()).toBe(baseline);
    const g = await readGrid(reader);
    expect(g.json.values).toEqual([[98765 + 333], [333], [111], [222], [98765], [98765]]);
  });

  it('an element-restricted user sees only their elements; totals with hidden children are hidden', async () => {
    const g = await readGrid(east);
    expect(g.status).toBe(200);
    expect(g.json.values).toEqual([[null], [333], [111], [222], [null], [null]]);
    noSecrets(g.text, 'grid');
    const before = await snapshot();
    for (const row of MATRIX) {
      const res = await call(east, row);
      const expected = EXPECTED[row.access].restricted;
      expect(res.status, row.route).toBe(expected);
      // Refusals reveal nothing; on objects they may read, figures outside their elements stay hidden
      // (a form leaves out rows and columns they may read nothing of, names included).
      if (row.access === 'admin') noSecrets(res.text, row.route);
      else expect(withoutRefId(res.text), `${row.route} leaks a hidden figure`).not.toContain('98765');
    }
    expect(await snapshot()).toBe(before);
    // Their own elements they may write; the admin reads the change.
    const own = await east.post(`/t/${f.slug}/api/model/cubes/${f.cubeId}/cells`, {
      cells: [{ coords: { Region: 'E1', Acct: 'REV' }, value: 112 }],
    });
    expect(own.status).toBe(200);
    expect((await readGrid(w.admin)).json.values[2]).toEqual([112]);
    await w.admin.post(`/t/${f.slug}/api/model/cubes/${f.cubeId}/cells`, {
      cells: [{ coords: { Region: 'E1', Acct: 'REV' }, value: 111 }],
    });
  });

  it("another tenant's admin reaches nothing of tenant A, under either slug", async () => {
    const before = await snapshot();
    const slugB = w.b;
    for (const row of MATRIX) {
      // Under tenant A's slug a tenant B session is no session at all.
      const underA = await call(w.adminB, row, f.slug);
      expect(underA.status, `${row.route} under A`).toBe(401);
      noSecrets(underA.text, row.route);
      // Under B's own slug, A's ids are unknown.
      const underB = await call(w.adminB, row, slugB);
      if (row.params) {
        expect([404], `${row.route} under B → ${underB.status}`).toContain(underB.status);
      }
      noSecrets(underB.text, row.route);
    }
    expect(await snapshot()).toBe(before);
  });

  it('each row is a valid call for an org admin (so the refusals above are about rights)', async () => {
    for (const row of MATRIX) {
      const res = await call(w.admin, row);
      expect(res.status, `${row.route} ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(200);
      expect(res.status, `${row.route} ${res.text.slice(0, 200)}`).toBeLessThan(300);
    }
  });
});
