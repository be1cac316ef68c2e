import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOperator } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { acceptAndSignIn, registerUser, tenantWithAdmin } from '../support/tenant-admin.js';

interface ErrorJson {
  error: { code: string; message: string; issues?: { path: string }[] };
}
interface Release {
  version: string;
  releasedOn: string;
  changes: { category: string; ja: string; en: string }[];
  publishedAt: string;
}
interface WhatsNew {
  currentVersion: string;
  lastSeenVersion: string | null;
  notes: Release[];
}

const root = path.resolve(import.meta.dirname, '../..');
let ts: TestServer;
let op: HttpsClient;
let admin: HttpsClient;
let user: HttpsClient;
let version: string;
const slug = 'riri';

const note = (v: string, extra: Record<string, unknown> = {}) => ({
  version: v,
  releasedOn: '2026-11-20',
  changes: [
    { category: 'feature', ja: 'ハンドブックを検索できます', en: 'The Handbook can be searched' },
    { category: 'security', ja: '依存関係を更新しました', en: 'Dependencies were updated' },
  ],
  ...extra,
});

const controlAudit = (action: string) =>
  ts.server.runtime.deps.storage.control.kysely
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .execute();

beforeAll(async () => {
  ts = await startTestServer();
  version = ts.server.runtime.deps.version;
  op = await setUpOperator(ts);
  admin = await tenantWithAdmin(ts, op, slug);
  await registerUser(admin, slug, 'taro@example.jp');
  user = await acceptAndSignIn(ts, slug, 'taro@example.jp');
});
afterAll(async () => {
  await ts?.stop();
});

describe('release notes', () => {
  it('are published by operators only, audited, once per version', async () => {
    expect((await user.post('/api/operator/releases', note(version))).status).toBe(401);
    expect((await admin.get(`/t/${slug}/api/whats-new`)).json).toMatchObject({ notes: [] });
    const res = await op.post<{ release: Release }>('/api/operator/releases', note(version));
    expect(res.status).toBe(201);
    expect(res.json.release).toMatchObject({ version, releasedOn: '2026-11-20' });
    expect(res.json.release.publishedAt).toMatch(/\+09:00$/);
    const audit = await controlAudit('release.publish');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: 'operator', target_label: version, result: 'success' });
    expect(JSON.parse(audit[0]!.summary)).toMatchObject({
      version,
      changes: 2,
      categories: ['feature', 'security'],
    });
    const again = await op.post<ErrorJson>('/api/operator/releases', note(version));
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('RELEASE_VERSION_TAKEN');
    expect(again.json.error.message).toContain(version);
  });

  it('refuse bad input with a clear error and change nothing', async () => {
    const before = (await op.get<{ items: Release[] }>('/api/operator/releases')).json.items.length;
    for (const body of [
      note('v1'),
      note('1.2'),
      note('9.9.9', { releasedOn: '2026-02-30' }),
      note('9.9.9', { changes: [] }),
      note('9.9.9', { changes: [{ category: 'chore', ja: 'x', en: 'y' }] }),
      note('9.9.9', { changes: [{ category: 'fix', ja: '   ', en: 'y' }] }),
      { ...note('9.9.9'), extra: 1 },
    ]) {
      const res = await op.post<ErrorJson>('/api/operator/releases', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await op.get<{ items: Release[] }>('/api/operator/releases')).json.items).toHaveLength(before);
    expect(await controlAudit('release.publish')).toHaveLength(1);
  });

  it('show each user the notice of the running version once; org admins read the history, users may not', async () => {
    const first = await user.get<WhatsNew>(`/t/${slug}/api/whats-new`);
    expect(first.json).toMatchObject({ currentVersion: version, lastSeenVersion: null });
    expect(first.json.notes.map((n) => n.version)).toEqual([version]);
    expect((await user.post(`/t/${slug}/api/whats-new/seen`)).status).toBe(204);
    expect((await user.get<WhatsNew>(`/t/${slug}/api/whats-new`)).json).toMatchObject({
      lastSeenVersion: version,
      notes: [],
    });
    // the admin has not seen it yet: per user
    expect((await admin.get<WhatsNew>(`/t/${slug}/api/whats-new`)).json.notes).toHaveLength(1);
    // a later (not yet running) version is not "new" yet
    expect((await op.post('/api/operator/releases', note('99.0.0'))).status).toBe(201);
    expect((await user.get<WhatsNew>(`/t/${slug}/api/whats-new`)).json.notes).toEqual([]);
    const history = await admin.get<{ currentVersion: string; items: Release[] }>(
      `/t/${slug}/api/admin/releases`,
    );
    expect(history.json.currentVersion).toBe(version);
    expect(history.json.items.map((r) => r.version)).toEqual(['99.0.0', version]);
    expect((await user.get(`/t/${slug}/api/admin/releases`)).status).toBe(403);
    expect((await ts.client().get(`/t/${slug}/api/whats-new`)).status).toBe(401);
  });

  it('use the version that /api/meta and yosan --version print (package.json)', async () => {
    const meta = await ts.client().get<{ version: string }>('/api/meta');
    expect(meta.json.version).toBe(version);
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as {
      version: string;
    };
    expect(version).toBe(pkg.version);
    const cli = spawnSync('node', ['--import', 'tsx', 'src/cli/main.ts', '--version'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(cli.stdout.trim()).toBe(version);
  });
});

describe('terms of service', () => {
  const terms = {
    governingLaw: { ja: '日本法', en: 'The laws of Japan' },
    contact: 'support@yosan.example',
    text: { ja: '第1条 本規約は…', en: 'Article 1. These terms…' },
    effectiveOn: '2026-12-01',
  };

  it('are not there until an operator publishes them; anyone may read them then; each revision is audited', async () => {
    const none = await ts.client().get<ErrorJson>('/api/terms');
    expect(none.status).toBe(404);
    expect(none.json.error.code).toBe('TERMS_NOT_SET');
    expect((await admin.request('PUT', '/api/operator/terms', terms)).status).toBe(401);
    const put = await op.request<{ terms: { revision: number } }>('PUT', '/api/operator/terms', terms);
    expect(put.status).toBe(200);
    expect(put.json.terms.revision).toBe(1);
    const second = await op.request<{ terms: { revision: number } }>('PUT', '/api/operator/terms', {
      ...terms,
      governingLaw: { ja: '日本法（東京地方裁判所）', en: 'Japanese law (Tokyo District Court)' },
    });
    expect(second.json.terms.revision).toBe(2);
    const read = await ts.client().get<{ terms: Record<string, unknown> }>('/api/terms');
    expect(read.json.terms).toMatchObject({
      revision: 2,
      governingLaw: { en: 'Japanese law (Tokyo District Court)' },
      contact: 'support@yosan.example',
      text: { ja: '第1条 本規約は…' },
    });
    const history = await op.get<{ history: unknown[] }>('/api/operator/terms');
    expect(history.json.history).toHaveLength(2);
    const audit = await controlAudit('terms.publish');
    expect(audit.map((a) => a.target_label)).toEqual(['revision 1', 'revision 2']);
    expect(JSON.parse(audit[0]!.summary)).toMatchObject({ contact: 'support@yosan.example' });
  });

  it('refuse bad input and change nothing', async () => {
    for (const body of [
      { ...terms, effectiveOn: '2026-13-01' },
      { ...terms, contact: '   ' },
      { ...terms, text: { ja: 'x' } },
      { ...terms, governingLaw: { ja: '', en: 'x' } },
    ]) {
      const res = await op.request<ErrorJson>('PUT', '/api/operator/terms', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await controlAudit('terms.publish')).toHaveLength(2);
  });
});

describe('dependencies (SBOM)', () => {
  it('lists the production dependencies with versions from dist/sbom.cdx.json, for operators only', async () => {
    if (!existsSync(path.join(root, 'dist', 'sbom.cdx.json')))
      expect(spawnSync('node', ['scripts/sbom.mjs'], { cwd: root }).status).toBe(0);
    expect((await admin.get('/api/operator/dependencies')).status).toBe(401);
    const res = await op.get<{
      available: boolean;
      format: string;
      dependencies: { name: string; version: string }[];
    }>('/api/operator/dependencies');
    expect(res.status).toBe(200);
    expect(res.json.available).toBe(true);
    expect(res.json.format).toMatch(/^CycloneDX 1\./);
    const names = res.json.dependencies.map((d) => d.name);
    expect(names).toContain('fastify');
    expect(names).toContain('markdown-it');
    expect(names).not.toContain('vitest');
    expect(res.json.dependencies.find((d) => d.name === 'fastify')?.version).toMatch(/^5\./);
  });
});
