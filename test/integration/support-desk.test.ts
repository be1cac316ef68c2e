import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOperator, OPERATOR } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  acceptAndSignIn,
  mailTo,
  postBytes,
  registerUser,
  tenantWithAdmin,
} from '../support/tenant-admin.js';

interface ErrorJson {
  error: { code: string; message: string; issues?: { path: string; code: string }[] };
}
interface Ticket {
  id: string;
  number: number;
  status: string;
  subject: string;
  tenant?: { id: string; slug: string };
}
interface Detail {
  ticket: Ticket;
  messages: { authorType: string; authorName: string; body: string }[];
  attachments: { id: string; fileName: string; contentType: string; size: number }[];
}
interface AuditRow {
  action: string;
  actor: { type: string };
  target: { id: string | null };
}

let ts: TestServer;
let op: HttpsClient;
let adminA: HttpsClient;
let adminB: HttpsClient;
let userA: HttpsClient;
let tenantA: string;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  ts = await startTestServer();
  op = await setUpOperator(ts);
  adminA = await tenantWithAdmin(ts, op, 'desk-a');
  adminB = await tenantWithAdmin(ts, op, 'desk-b');
  await registerUser(adminA, 'desk-a', 'member@desk-a.example');
  userA = await acceptAndSignIn(ts, 'desk-a', 'member@desk-a.example');
  const tenants = await op.get<{ items: { id: string; slug: string }[] }>('/api/operator/tenants');
  tenantA = tenants.json.items.find((t) => t.slug === 'desk-a')!.id;
});
afterAll(async () => {
  await ts?.stop();
});

const open = (c: HttpsClient, slug: string, subject = '請求書の出力について') =>
  c.post<{ ticket: Ticket } & ErrorJson>(`/t/${slug}/api/support/tickets`, {
    category: 'question',
    subject,
    description: '月次の請求書 PDF が出力できません。',
  });

describe('support desk', () => {
  it('an org admin opens a ticket with an attachment; the operator answers; both sides are mailed and every step is logged', async () => {
    const opened = await open(adminA, 'desk-a');
    expect(opened.status).toBe(201);
    const t = opened.json.ticket;
    expect(t).toMatchObject({ number: 1, status: 'open' });
    const opMail = await mailTo(ts, OPERATOR.email, '#1');
    expect(opMail.subject).toContain('desk-a');

    const up = await postBytes<{ attachment: { id: string; contentType: string } }>(
      ts,
      adminA,
      `/t/desk-a/api/support/tickets/${t.id}/attachments?name=${encodeURIComponent('画面.png')}`,
      PNG,
      'application/octet-stream',
    );
    expect(up.status).toBe(201);
    expect(up.json.attachment.contentType).toBe('image/png');

    const list = await op.get<{ items: Ticket[] }>('/api/operator/support/tickets?status=open');
    expect(list.json.items.map((i) => i.id)).toContain(t.id);
    const detail = await op.get<Detail>(`/api/operator/support/tenants/${tenantA}/tickets/${t.id}`);
    expect(detail.json.attachments[0]).toMatchObject({ fileName: '画面.png', size: PNG.length });
    const file = await op.get(
      `/api/operator/support/tenants/${tenantA}/tickets/${t.id}/attachments/${detail.json.attachments[0]!.id}`,
    );
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''");

    const answered = await op.post<{ ticket: Ticket }>(
      `/api/operator/support/tenants/${tenantA}/tickets/${t.id}/replies`,
      {
        body: '設定画面の「出力形式」を確認してください。',
      },
    );
    expect(answered.json.ticket.status).toBe('answered');
    const customerMail = await mailTo(ts, 'admin@desk-a.example', '設定画面');
    expect(customerMail.subject).toContain('#1');
    expect(customerMail.text).toContain(`/t/desk-a/support/${t.id}`);

    const back = await adminA.post<{ ticket: Ticket }>(`/t/desk-a/api/support/tickets/${t.id}/replies`, {
      body: 'Thanks!',
    });
    expect(back.json.ticket.status).toBe('open');
    const closed = await adminA.request<{ ticket: Ticket }>(
      'PATCH',
      `/t/desk-a/api/support/tickets/${t.id}`,
      { status: 'closed' },
    );
    expect(closed.json.ticket.status).toBe('closed');

    const thread = await adminA.get<Detail>(`/t/desk-a/api/support/tickets/${t.id}`);
    expect(thread.json.messages.map((m) => m.authorType)).toEqual(['user', 'operator', 'user']);
    const log = await adminA.get<{ items: AuditRow[] }>('/t/desk-a/api/admin/logs/operations');
    const actions = log.json.items
      .filter((r) => r.target.id === t.id)
      .map((r) => `${r.actor.type}:${r.action}`);
    expect(actions.sort()).toEqual(
      [
        'user:support.ticket_open',
        'user:support.attachment_add',
        'operator:support.reply',
        'user:support.reply',
        'user:support.status',
      ].sort(),
    );
  });

  it('refuses an oversized or disallowed attachment with a ja/en message and stores nothing', async () => {
    const t = (await open(adminA, 'desk-a', 'attachments')).json.ticket;
    const path = (name: string) => `/t/desk-a/api/support/tickets/${t.id}/attachments?name=${name}`;
    const big = await postBytes<ErrorJson>(
      ts,
      adminA,
      path('big.png'),
      Buffer.alloc(10 * 1024 * 1024 + 1, 1),
      'application/octet-stream',
    );
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(big.json.error.message).toContain('10 MiB');
    const exe = await postBytes<ErrorJson>(
      ts,
      adminA,
      path('virus.png'),
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00 this is not a png', 'latin1'),
      'application/octet-stream',
    );
    expect(exe.status).toBe(415);
    expect(exe.json.error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    const renamed = await postBytes<ErrorJson>(
      ts,
      adminA,
      path('report.pdf'),
      PNG,
      'application/octet-stream',
    );
    expect(renamed.json.error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    adminA.lang = 'ja';
    const ja = await postBytes<ErrorJson>(
      ts,
      adminA,
      path('x.exe'),
      Buffer.from('hello'),
      'application/octet-stream',
    );
    adminA.lang = 'en';
    expect(ja.json.error.message).toContain('添付できません');
    const detail = await adminA.get<Detail>(`/t/desk-a/api/support/tickets/${t.id}`);
    expect(detail.json.attachments).toEqual([]);
    const txt = await postBytes(
      ts,
      adminA,
      path('notes.txt'),
      Buffer.from('ログ 1 行目\n'),
      'application/octet-stream',
    );
    expect(txt.status).toBe(201);
  });

  it('refuses a bad status: unknown values, and statuses only operators may set', async () => {
    const t = (await open(adminA, 'desk-a', 'status')).json.ticket;
    const unknown = await adminA.request<ErrorJson>('PATCH', `/t/desk-a/api/support/tickets/${t.id}`, {
      status: 'resolved',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.code).toBe('VALIDATION_FAILED');
    const notYours = await adminA.request<ErrorJson>('PATCH', `/t/desk-a/api/support/tickets/${t.id}`, {
      status: 'answered',
    });
    expect(notYours.status).toBe(400);
    expect(notYours.json.error.code).toBe('TICKET_STATUS_NOT_ALLOWED');
    adminA.lang = 'ja';
    const ja = await adminA.request<ErrorJson>('PATCH', `/t/desk-a/api/support/tickets/${t.id}`, {
      status: 'answered',
    });
    adminA.lang = 'en';
    expect(ja.json.error.message).toContain('することはできません');
    const waiting = await op.request<{ ticket: Ticket }>(
      'PATCH',
      `/api/operator/support/tenants/${tenantA}/tickets/${t.id}`,
      { status: 'waiting_for_customer' },
    );
    expect(waiting.json.ticket.status).toBe('waiting_for_customer');
  });

  it('keeps tenants apart: B cannot list, read, answer or download A’s ticket or attachment by id', async () => {
    const t = (await open(adminA, 'desk-a', 'secret')).json.ticket;
    const up = await postBytes<{ attachment: { id: string } }>(
      ts,
      adminA,
      `/t/desk-a/api/support/tickets/${t.id}/attachments?name=a.txt`,
      Buffer.from('A only'),
      'application/octet-stream',
    );
    const att = up.json.attachment.id;
    expect((await adminB.get<{ items: Ticket[] }>('/t/desk-b/api/support/tickets')).json.items).toEqual([]);
    const read = await adminB.get<ErrorJson>(`/t/desk-b/api/support/tickets/${t.id}`);
    expect(read.status).toBe(404);
    expect(read.json.error.code).toBe('TICKET_NOT_FOUND');
    expect((await adminB.get(`/t/desk-b/api/support/tickets/${t.id}/attachments/${att}`)).status).toBe(404);
    expect((await adminB.post(`/t/desk-b/api/support/tickets/${t.id}/replies`, { body: 'x' })).status).toBe(
      404,
    );
    // B's session does not open A's URLs either.
    expect((await adminB.get(`/t/desk-a/api/support/tickets/${t.id}`)).status).toBe(401);
    expect((await adminB.get(`/t/desk-a/api/support/tickets/${t.id}/attachments/${att}`)).status).toBe(401);
    // The operator reaches it only under its own tenant.
    const tenants = await op.get<{ items: { id: string; slug: string }[] }>('/api/operator/tenants');
    const tenantB = tenants.json.items.find((x) => x.slug === 'desk-b')!.id;
    expect((await op.get(`/api/operator/support/tenants/${tenantB}/tickets/${t.id}`)).status).toBe(404);
    expect(
      (await op.get(`/api/operator/support/tenants/${tenantB}/tickets/${t.id}/attachments/${att}`)).status,
    ).toBe(404);
    const ok = await adminA.get(`/t/desk-a/api/support/tickets/${t.id}/attachments/${att}`);
    expect(ok.text).toBe('A only');
  });

  it('lets only org admins open tickets unless the operator allows any user, per tenant', async () => {
    const refused = await open(userA, 'desk-a');
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('SUPPORT_NOT_ALLOWED');
    expect((await userA.get<{ canOpen: boolean }>('/t/desk-a/api/support/access')).json.canOpen).toBe(false);
    const set = await op.request('PUT', '/api/operator/support/access', { tenantId: tenantA, anyUser: true });
    expect(set.status).toBe(204);
    const mine = await open(userA, 'desk-a', 'from a member');
    expect(mine.status).toBe(201);
    // A member sees only their own tickets; the admin sees all.
    const memberList = await userA.get<{ items: Ticket[] }>('/t/desk-a/api/support/tickets');
    expect(memberList.json.items.map((i) => i.subject)).toEqual(['from a member']);
    const adminTicket = (
      await adminA.get<{ items: Ticket[] }>('/t/desk-a/api/support/tickets')
    ).json.items.find((i) => i.subject === 'secret')!;
    expect((await userA.get(`/t/desk-a/api/support/tickets/${adminTicket.id}`)).status).toBe(404);
    const control = await ts.server.runtime.deps.storage.control.kysely
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'actor_type'])
      .where('action', '=', 'support.access')
      .execute();
    expect(control).toEqual([{ action: 'support.access', target_id: tenantA, actor_type: 'operator' }]);
  });

  it('numbers tickets opened at the same moment without gaps or clashes', async () => {
    const before = (await adminB.get<{ items: Ticket[] }>('/t/desk-b/api/support/tickets')).json.items.length;
    const opened = await Promise.all([1, 2, 3, 4, 5].map((n) => open(adminB, 'desk-b', `parallel ${n}`)));
    expect(opened.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const numbers = opened.map((r) => r.json.ticket.number).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5].map((n) => before + n));
  });

  it('filters the operator list by tenant and status', async () => {
    const onlyB = await op.get<{ items: Ticket[] }>('/api/operator/support/tickets?tenant=desk-b');
    expect(onlyB.json.items.map((i) => i.tenant?.slug)).toEqual(Array(5).fill('desk-b'));
    const closedA = await op.get<{ items: Ticket[] }>(
      '/api/operator/support/tickets?tenant=desk-a&status=closed',
    );
    expect(closedA.json.items.length).toBe(1);
    expect(closedA.json.items[0]?.tenant?.slug).toBe('desk-a');
    const bad = await op.get<ErrorJson>('/api/operator/support/tickets?status=pending');
    expect(bad.status).toBe(400);
  });
});
