// @vitest-environment node
/**
 * End-to-end for the tenant Logs screen in Chromium against a real server whose clock the test
 * moves: the first admin signs in "yesterday" at 10:00 JST (once with a wrong password), then
 * again today. On the Logs screen the sign-in log filtered with the "Yesterday" quick pick shows
 * exactly yesterday's entries; the CSV export (download event) has a BOM, a header in the UI
 * language and times ending in +09:00; "Verify now" passes. Then one byte of one audit entry is
 * changed on disk, as an attacker with file access would (append-only trigger dropped / disabled
 * first), and "Verify now" fails naming that entry. Screenshots go to docs/handbook/screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, linkToken, outboxMessages, setUpOperator, tenantBody } from '../support/flows.js';
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import { startTestServer } from '../support/server.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'acme';
const ADMIN = { email: 'admin@acme.example', password: 'maple river lantern quiet 2026' };
const HOUR = 3_600_000;

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** Calendar date (YYYY-MM-DD) in Tokyo of an instant. */
function jstDate(at: Date): string {
  return new Date(at.getTime() + 9 * HOUR).toISOString().slice(0, 10);
}

/** A small RFC 4180 reader: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('Logs screen in a real browser', () => {
  // The server's clock: real time shifted by `offset` (so it still moves during the test).
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const today = jstDate(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  // Yesterday 10:00 JST = 01:00 UTC.
  const yesterday10 = new Date(Date.UTC(y, m - 1, d - 1, 1, 0, 0));
  const yesterday = jstDate(yesterday10);

  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];

  const origin = () => server.url.replace(/\/$/, '');
  const shot = (name: string) => page.screenshot({ path: `${shotsDir}${name}.png` });
  const signIn = async (password: string) => {
    await page.goto(`${origin()}/t/${SLUG}/sign-in`);
    await page.getByTestId('sign-in-form').waitFor();
    await page.getByLabel('E-mail address').fill(ADMIN.email);
    await page.getByLabel('Password').fill(password);
    await page.getByTestId('sign-in-submit').click();
  };
  const rows = () => page.getByTestId('log-row');
  const rowData = () =>
    rows().evaluateAll((trs) =>
      trs.map((tr) => ({
        seq: Number(tr.getAttribute('data-seq')),
        action: tr.getAttribute('data-action'),
        result: tr.getAttribute('data-result'),
        at: tr.querySelector('[data-testid="log-at"]')?.textContent ?? '',
      })),
    );
  const verify = async () => {
    await page.getByTestId('logs-verify').click();
    const report = page.getByTestId('verify-report');
    await report.waitFor();
    await expect.poll(() => page.getByTestId('logs-verify').isEnabled()).toBe(true);
    return report;
  };

  /** Changes the IP address of audit entry `seq` by one byte, bypassing the append-only triggers. */
  async function tamper(seq: number): Promise<void> {
    const storage = server.server.runtime.deps.storage;
    const { id } = await storage.control.kysely
      .selectFrom('tenants')
      .select('id')
      .where('slug', '=', SLUG)
      .executeTakeFirstOrThrow();
    if (server.config.databaseUrl) {
      const client = new pg.Client({ connectionString: server.config.databaseUrl });
      await client.connect();
      try {
        const table = `yosan_t_${id}.audit_log`;
        await client.query(`alter table ${table} disable trigger user`);
        const res = await client.query(`update ${table} set ip = '127.0.0.2' where seq = $1`, [seq]);
        expect(res.rowCount).toBe(1);
        await client.query(`alter table ${table} enable trigger user`);
      } finally {
        await client.end();
      }
    } else {
      const db = new Sqlite(path.join(server.dataDir, 'tenants', `${id}.sqlite`));
      try {
        db.exec('drop trigger if exists audit_log_no_update');
        const res = db.prepare(`update audit_log set ip = '127.0.0.2' where seq = ?`).run(seq);
        expect(res.changes).toBe(1);
      } finally {
        db.close();
      }
    }
  }

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuilt();
    offset = yesterday10.getTime() - Date.now();
    server = await startTestServer({ clock: now });
    const op = await setUpOperator(server);
    const res = await op.post(
      '/api/operator/tenants',
      tenantBody(SLUG, { displayName: 'Acme 株式会社', firstAdminEmail: ADMIN.email }),
    );
    if (res.status !== 201) throw new Error(`tenant: ${res.status} ${res.text}`);
    const mail = await eventually(() => outboxMessages(server).find((msg) => msg.to === ADMIN.email), 30_000);
    const token = linkToken(mail.text, `/t/${SLUG}/invite`);
    const c = server.client();
    await c.primeCsrf();
    const acc = await c.post(`/t/${SLUG}/api/invitations/accept`, { token, password: ADMIN.password });
    if (acc.status !== 204) throw new Error(`accept: ${acc.status} ${acc.text}`);

    browser = await launchChromium();
    context = await browser.newContext({
      ignoreHTTPSErrors: true,
      acceptDownloads: true,
      locale: 'en-US',
      viewport: { width: 1280, height: 800 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('filters the sign-in log to yesterday (JST), exports it, and detects a changed entry', async () => {
    try {
      // --- Yesterday 10:00 JST: a wrong password, then a sign-in ---
      await signIn('not the password at all');
      await page.getByTestId('error-alert').waitFor();
      // The error page shows a reference ("Reference: …") that the error log can find.
      const reference = (await page.getByTestId('error-ref').textContent())!.trim();
      expect(reference).toMatch(/^Reference: \S+$/);
      const refId = reference.replace(/^Reference: /, '');
      await signIn(ADMIN.password);
      await page.waitForURL(new RegExp(`/t/${SLUG}$`));
      await page.getByTestId('sign-out').click();
      await page.waitForURL(/\/sign-in$/);

      // --- Today: sign in again and open Logs from the admin navigation ---
      offset = 0;
      await signIn(ADMIN.password);
      await page.waitForURL(new RegExp(`/t/${SLUG}$`));
      await page.getByTestId('nav-logs').click();
      await page.waitForURL(new RegExp(`/t/${SLUG}/admin/logs$`));
      await page.getByTestId('logs-tab-operations').waitFor();
      expect(await page.getByTestId('logs-tab-operations').getAttribute('aria-selected')).toBe('true');

      await page.getByTestId('logs-tab-logins').click();
      await page.waitForURL(/\?log=logins$/);
      await page.getByTestId('log-table').waitFor();
      // The table fills in after the request answers: wait for both days' rows rather than racing it.
      await expect
        .poll(async () => [...new Set((await rowData()).map((r) => r.at.slice(0, 10)))].sort(), {
          timeout: 15_000,
        })
        .toEqual([yesterday, today].sort());
      const all = await rowData();
      for (const r of all) expect(r.at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(JST\)$/);
      // Newest first.
      expect(all.map((r) => r.seq)).toEqual([...all.map((r) => r.seq)].sort((a, b) => b - a));

      // --- Quick pick "Yesterday": exactly yesterday's entries ---
      await page.getByTestId('logs-quick-yesterday').click();
      await page.waitForURL(new RegExp(`[?&]from=${yesterday}&to=${yesterday}`));
      expect(await page.getByTestId('logs-filter-from').inputValue()).toBe(yesterday);
      expect(await page.getByTestId('logs-filter-to').inputValue()).toBe(yesterday);
      const expected = all.filter((r) => r.at.startsWith(`${yesterday} `));
      await expect.poll(async () => (await rowData()).map((r) => r.seq)).toEqual(expected.map((r) => r.seq));
      const shown = await rowData();
      expect(shown.length).toBeGreaterThanOrEqual(2);
      expect(shown.some((r) => r.result === 'failure')).toBe(true);
      const success = shown.find((r) => r.result === 'success' && r.action === 'auth.sign_in');
      expect(success, JSON.stringify(shown)).toBeTruthy();
      // Yesterday's sign-in happened around 10:00 JST.
      expect(success!.at).toMatch(new RegExp(`^${yesterday} 10:0\\d:\\d{2} \\(JST\\)$`));
      // The actor is a text button that filters by that user.
      const actor = page
        .getByTestId('log-row')
        .filter({ has: page.getByTestId('log-user') })
        .first();
      await expect.poll(() => actor.getByTestId('log-user').textContent()).not.toBe('');
      await shot('logs-sign-in-yesterday');

      // --- Export CSV: BOM, English header (UI language), yesterday's rows in +09:00 ---
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('logs-export-csv').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${SLUG}-logins-\\d{8}\\.csv$`));
      const csvText = readFileSync(await download.path(), 'utf8');
      expect(csvText.charCodeAt(0)).toBe(0xfeff);
      const csv = parseCsv(csvText.slice(1));
      expect(csv[0]!.slice(0, 3)).toEqual(['Seq', 'Time', 'Actor type']);
      const body = csv.slice(1);
      expect(body.map((r) => Number(r[0]))).toEqual(shown.map((r) => r.seq));
      const at = csv[0]!.indexOf('Time');
      const action = csv[0]!.indexOf('Action');
      for (const r of body) {
        expect(r[at]).toMatch(new RegExp(`^${yesterday}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?\\+09:00$`));
      }
      expect(body.map((r) => r[action])).toContain('auth.sign_in');

      // JSON Lines: the same entries, in the API's shape.
      const [jsonl] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('logs-export-jsonl').click(),
      ]);
      expect(jsonl.suggestedFilename()).toMatch(/\.jsonl$/);
      const lines = readFileSync(await jsonl.path(), 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as { seq: number; at: string });
      expect(lines.map((l) => l.seq)).toEqual(shown.map((r) => r.seq));
      for (const l of lines) expect(l.at).toMatch(new RegExp(`^${yesterday}T.*\\+09:00$`));

      // In Japanese the header is Japanese too.
      await page.getByTestId('lang-ja').click();
      await expect.poll(() => page.getByTestId('logs-tab-logins').textContent()).toBe('サインインログ');
      const [downloadJa] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('logs-export-csv').click(),
      ]);
      const ja = parseCsv(readFileSync(await downloadJa.path(), 'utf8').slice(1));
      expect(ja[0]!.slice(0, 2)).toEqual(['連番', '日時']);
      expect(ja.length).toBe(csv.length);
      await page.getByTestId('lang-en').click();
      await expect.poll(() => page.getByTestId('logs-tab-logins').textContent()).toBe('Sign-in log');

      // --- Error log: the reference pasted as shown on the error page finds that one error ---
      await page.getByTestId('logs-tab-errors').click();
      await page.waitForURL(/[?&]log=errors/);
      await page.getByTestId('logs-filter-refId').waitFor();
      await page.getByTestId('logs-filter-refId').evaluate((input, text) => {
        const data = new DataTransfer();
        data.setData('text/plain', text);
        input.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      }, `  ${reference}\n`);
      await page.waitForURL(new RegExp(`[?&]refId=${refId}`));
      expect(await page.getByTestId('logs-filter-refId').inputValue()).toBe(refId);
      await expect
        .poll(() => rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-ref-id'))))
        .toEqual([refId]);
      expect(await rows().first().textContent()).toContain('INVALID_CREDENTIALS');

      // --- Access log: 60 more requests today; 50 are shown, "Load more" shows the rest ---
      const client = server.client();
      for (let i = 0; i < 60; i++) expect((await client.get(`/t/${SLUG}/api/meta`)).status).toBe(200);
      await page.getByTestId('logs-tab-access').click();
      await page.waitForURL(/[?&]log=access/);
      await page.getByTestId('logs-quick-today').click();
      await page.getByTestId('logs-filter-route').fill('/t/:slug/api/meta');
      await page.getByTestId('logs-filter-method').selectOption('GET');
      await page.getByTestId('logs-apply').click();
      await page.waitForURL(/route=/);
      await expect
        .poll(
          async () => {
            await page.reload();
            await page.getByTestId('log-table').or(page.getByTestId('logs-empty')).waitFor();
            return rows().count();
          },
          { timeout: 15_000, interval: 500 },
        )
        .toBe(50);
      await page.getByTestId('logs-load-more').click();
      await expect.poll(() => rows().count()).toBeGreaterThanOrEqual(60);
      const seqs = await rows().evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-seq'))));
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

      // --- Operation log: the exports themselves were recorded ---
      await page.getByTestId('logs-tab-operations').click();
      await page.waitForURL(/[?&]log=operations/);
      await page.getByTestId('logs-quick-today').click();
      await expect
        .poll(() => page.locator('[data-testid="log-row"][data-action="logs.export"]').count())
        .toBe(3);

      // --- Integrity: valid, with a signed report to download ---
      const ok = await verify();
      expect(await ok.getAttribute('data-result')).toBe('valid');
      expect(Number(await page.getByTestId('verify-entries').textContent())).toBeGreaterThan(0);
      await page.getByTestId('logs-integrity').scrollIntoViewIfNeeded();
      await shot('logs-integrity-valid');
      const [reportFile] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('verify-download').click(),
      ]);
      const signed = JSON.parse(readFileSync(await reportFile.path(), 'utf8')) as {
        report: { result: string; tenant: { slug: string } };
        algorithm: string;
        signature: string;
      };
      expect(signed.report).toMatchObject({ result: 'valid', tenant: { slug: SLUG } });
      expect(signed.algorithm).toBe('Ed25519');
      expect(signed.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);

      // --- An attacker with file access changes one byte of yesterday's sign-in entry ---
      await tamper(success!.seq);
      const bad = await verify();
      expect(await bad.getAttribute('data-result')).toBe('invalid');
      const failure = page.getByTestId('verify-failure');
      expect(Number(await failure.getAttribute('data-seq'))).toBe(success!.seq);
      expect(await failure.textContent()).toContain(`Entry No. ${success!.seq}`);
      await page.getByTestId('logs-integrity').scrollIntoViewIfNeeded();
      await shot('logs-integrity-altered');

      expect(consoleErrors.filter((e) => /Content Security Policy|Refused to|Uncaught/i.test(e))).toEqual([]);
    } catch (error) {
      mkdirSync(`${repoRoot}test-results`, { recursive: true });
      await page.screenshot({ path: `${repoRoot}test-results/logs-failure.png` }).catch(() => undefined);
      throw error;
    }
  }, 180_000);
});
