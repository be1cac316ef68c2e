import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, setUpOperator, tenantBody } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { freePort } from '../support/ports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { TestSmtp } from '../support/smtp.js';

interface JobJson {
  items: { id: string; type: string; tenantId: string | null; status: string; lastError: string | null }[];
}
interface TenantJson {
  tenant: { id: string; slug: string };
}

const toAddresses = (mail: ParsedMail): (string | undefined)[] =>
  ([] as AddressObject[]).concat(mail.to ?? []).flatMap((a) => a.value.map((v) => v.address));

describe('invitation mail over SMTP', () => {
  let smtp: TestSmtp;
  let ts: TestServer;
  let op: HttpsClient;

  beforeAll(async () => {
    smtp = new TestSmtp(await freePort());
    await smtp.start();
    ts = await startTestServer({
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` },
      backoffMs: () => 200,
    });
    op = await setUpOperator(ts);
  });
  afterAll(async () => {
    await ts?.stop();
    await smtp?.stop();
  });

  it('sends the first admin an invitation in the language chosen for them', async () => {
    const ja = await op.post<TenantJson>(
      '/api/operator/tenants',
      tenantBody('nihon', { firstAdminLocale: 'ja' }),
    );
    const en = await op.post<TenantJson>(
      '/api/operator/tenants',
      tenantBody('global', { firstAdminLocale: 'en' }),
    );
    expect([ja.status, en.status]).toEqual([201, 201]);

    const jaMail = (await smtp.mailTo('admin@nihon.example')).mail;
    expect(toAddresses(jaMail)).toEqual(['admin@nihon.example']);
    expect(jaMail.subject).toContain('招待');
    expect(jaMail.subject).toContain('nihon 株式会社');
    expect(jaMail.text).toContain('パスワードを設定してください');
    expect(jaMail.text).toMatch(new RegExp(`${ts.url}/t/nihon/invite#token=[A-Za-z0-9_-]{20,}`));
    expect(jaMail.text).toContain('Asia/Tokyo');

    const enMail = (await smtp.mailTo('admin@global.example')).mail;
    expect(toAddresses(enMail)).toEqual(['admin@global.example']);
    expect(enMail.subject).toContain('invited');
    expect(enMail.subject).not.toContain('招待');
    expect(enMail.text).toContain('set your password');
    expect(enMail.text).toMatch(new RegExp(`${ts.url}/t/global/invite#token=[A-Za-z0-9_-]{20,}`));
    expect(enMail.from?.text).toContain('no-reply@localhost');

    // Nothing was written to the outbox folder instead.
    const outbox = await op.get<{ enabled: boolean; items: unknown[] }>('/api/operator/outbox');
    expect(outbox.json).toEqual({ enabled: false, items: [] });
  });

  it('keeps the mail job pending while the SMTP server is down and delivers it after a retry', async () => {
    await smtp.stop();
    const res = await op.post<TenantJson>('/api/operator/tenants', tenantBody('retry'));
    expect(res.status).toBe(201);
    const pending = await eventually(async () => {
      const jobs = await op.get<JobJson>('/api/operator/jobs?status=pending');
      return jobs.json.items.find((j) => j.tenantId === res.json.tenant.id && j.lastError);
    });
    expect(pending.type).toBe('mail.send');
    expect(pending.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(smtp.received.some((r) => r.rcptTo.includes('admin@retry.example'))).toBe(false);

    await smtp.start();
    const mail = (await smtp.mailTo('admin@retry.example')).mail;
    expect(mail.text).toContain('/t/retry/invite#token=');
    const done = await eventually(async () => {
      const jobs = await op.get<JobJson>('/api/operator/jobs?status=done');
      return jobs.json.items.find((j) => j.id === pending.id);
    });
    expect(done.lastError).toBeNull();
  });

  it('lets no line break in a tenant name add headers or recipients: the name is refused, nothing is sent', async () => {
    const displayName = 'Evil\r\nBcc: victim@evil.example\r\nX-Injected: yes';
    const messagesBefore = smtp.received.length;
    const res = await op.post<{ error: { code: string; issues?: { path: string; code: string }[] } }>(
      '/api/operator/tenants',
      tenantBody('crlf', { displayName }),
    );
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toContainEqual(
      expect.objectContaining({ path: '/displayName', code: 'single_line_not_blank' }),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.length).toBe(messagesBefore);
    expect(smtp.received.some((r) => r.rcptTo.includes('victim@evil.example'))).toBe(false);
  });

  it('sends no mail when creating the tenant fails', async () => {
    const jobsBefore = (await op.get<JobJson>('/api/operator/jobs')).json.items.length;
    const messagesBefore = smtp.received.length;
    const dup = await op.post(
      '/api/operator/tenants',
      tenantBody('nihon', { firstAdminEmail: 'other@nihon.example' }),
    );
    expect(dup.status).toBe(409);
    expect((await op.get<JobJson>('/api/operator/jobs')).json.items.length).toBe(jobsBefore);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received.length).toBe(messagesBefore);
    expect(smtp.received.some((r) => r.rcptTo.includes('other@nihon.example'))).toBe(false);
  });
});

describe('invitation mail without SMTP_URL', () => {
  let ts: TestServer;
  let op: HttpsClient;

  beforeAll(async () => {
    ts = await startTestServer();
    op = await setUpOperator(ts);
  });
  afterAll(async () => {
    await ts?.stop();
  });

  it('lands in the outbox folder as .eml and .json and is listed for the operator', async () => {
    expect((await op.post('/api/operator/tenants', tenantBody('local'))).status).toBe(201);
    const listed = await eventually(async () => {
      const res = await op.get<{ enabled: boolean; items: { id: string; to: string; subject: string }[] }>(
        '/api/operator/outbox',
      );
      return res.json.items.length > 0 ? res.json : undefined;
    });
    expect(listed.enabled).toBe(true);
    expect(listed.items).toEqual([expect.objectContaining({ to: 'admin@local.example' })]);
    expect(listed.items[0]!.subject).toContain('invited');
    const id = listed.items[0]!.id;
    const files = readdirSync(ts.outboxDir).sort();
    expect(files).toEqual([`${id}.eml`, `${id}.json`]);

    const eml = await simpleParser(readFileSync(path.join(ts.outboxDir, `${id}.eml`)));
    expect(toAddresses(eml)).toEqual(['admin@local.example']);
    expect(eml.text).toMatch(new RegExp(`${ts.url}/t/local/invite#token=`));
    const one = await op.get<{ text: string }>(`/api/operator/outbox/${id}`);
    expect(one.json.text).toContain('/t/local/invite#token=');
  });
});
