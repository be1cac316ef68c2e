// @vitest-environment node
/**
 * End-to-end for the issue-3 administration screens in Chromium against a real server, with a
 * real SMTP server in this process: an org admin registers a user, who sets a password from the
 * delivered invitation (resent once) and later sees the previous sign-in on My page; the admin
 * edits the user, ends their sessions, grants and revokes administrator rights and deletes them.
 * A Shift_JIS CSV with Japanese names goes through dry run, errors and import with invitation
 * progress; groups are bulk-created from CSV, renamed inline and their members changed.
 * Screenshots for the Handbook.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOperator, tenantBody } from '../support/flows.js';
import { freePort } from '../support/ports.js';
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import { startTestServer } from '../support/server.js';
import { TestSmtp } from '../support/smtp.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'kaisha';
const ADMIN = { email: 'admin@kaisha.example', password: 'maple river lantern quiet 2026' };
const SATO = { email: 'sato@kaisha.example', name: '佐藤 花子', password: 'paper crane autumn river 2026' };
const JST_TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2} \((JST|UTC[^)]*)\)/;
type Server = Awaited<ReturnType<typeof startTestServer>>;

/** CSV text with CRLF line ends, as Excel writes it. */
const csv = (lines: string[][]) => lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';

describe('administration screens in a real browser', () => {
  let smtp: TestSmtp;
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tmp: string;
  const consoleErrors: string[] = [];

  const origin = () => server.url.replace(/\/$/, '');
  const go = (p: Page, to: string) => p.goto(`${origin()}${to}`);
  const shot = (name: string, p: Page = page) => p.screenshot({ path: `${shotsDir}${name}.png` });
  const signIn = async (p: Page, email: string, password: string) => {
    await go(p, `/t/${SLUG}/sign-in`);
    await p.getByTestId('sign-in-form').waitFor();
    await p.getByTestId('field-email').locator('input').fill(email);
    await p.getByTestId('field-password').locator('input').fill(password);
    await p.getByTestId('sign-in-submit').click();
    await p.getByTestId('nav-me').waitFor();
  };
  /** The header row of a template downloaded from the import page. */
  const templateHeader = async (testId: string): Promise<string[]> => {
    const download = page.waitForEvent('download');
    await page.getByTestId(testId).click();
    const file = await (await download).path();
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    return (text.split(/\r?\n/)[0] ?? '').split(',').map((h) => h.replace(/^"|"$/g, ''));
  };
  /** Cells in the order of `header`, by column position: email, name, language, groups, admin. */
  const writeFile = (name: string, text: string, encoding: 'Shift_JIS' | 'utf8'): string => {
    const file = path.join(tmp, name);
    writeFileSync(file, encoding === 'utf8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'Shift_JIS'));
    return file;
  };

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    tmp = mkdtempSync(path.join(os.tmpdir(), 'yosan-csv-'));
    await ensureWebBuilt();
    smtp = new TestSmtp(await freePort());
    await smtp.start();
    server = await startTestServer({ env: { SMTP_URL: smtp.url } });
    const op = await setUpOperator(server);
    const res = await op.post(
      '/api/operator/tenants',
      tenantBody(SLUG, { displayName: '株式会社カイシャ', firstAdminEmail: ADMIN.email }),
    );
    if (res.status !== 201) throw new Error(`tenant: ${res.status} ${res.text}`);
    const link = await smtp.linkTo(ADMIN.email, `/t/${SLUG}/invite`);
    const c = server.client();
    await c.primeCsrf();
    const token = link.hash.replace('#token=', '');
    const accepted = await c.post(`/t/${SLUG}/api/invitations/accept`, { token, password: ADMIN.password });
    if (accepted.status !== 204) throw new Error(`accept: ${accepted.status} ${accepted.text}`);

    browser = await launchChromium();
    context = await browser.newContext({
      ignoreHTTPSErrors: true,
      locale: 'en-US',
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    await signIn(page, ADMIN.email, ADMIN.password);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('an org admin registers a user, who sets a password from the mail and sees the previous sign-in', async () => {
    try {
      // A group to put the user in.
      await page.getByTestId('nav-groups').click();
      await page.getByTestId('groups-create').click();
      await page.getByTestId('group-create-form').getByLabel('Group name').fill('経理部');
      await page.getByTestId('group-create-form').getByLabel('Description').fill('Accounting');
      await page.getByTestId('group-create-submit').click();
      await page.locator('[data-testid="group-row"][data-name="経理部"]').waitFor();

      // Register the user.
      await page.getByTestId('nav-users').click();
      await page.getByTestId('users-register').click();
      const form = page.getByTestId('user-new-form');
      await form.getByLabel('E-mail address').fill(SATO.email);
      await form.getByLabel('Name').fill(SATO.name);
      await form.getByLabel('Language (e-mails and screens)').selectOption('ja');
      await page.getByTestId('user-new-groups').getByLabel('経理部').check();
      await shot('user-register');
      await page.getByTestId('user-new-submit').click();
      await page.getByTestId('user-detail-name').waitFor();
      expect(await page.getByTestId('notice').textContent()).toContain(SATO.name);
      expect(await page.getByTestId('user-state').getAttribute('data-state')).toBe('invited');
      // Resend: a new link, the first one stops working.
      await page.getByTestId('user-resend-invitation').click();
      await expect.poll(() => page.getByTestId('notice').textContent()).toContain('new invitation');

      // The list: filter by state and search.
      await page.getByTestId('nav-users').click();
      await page.getByTestId('users-filter-state').selectOption('invited');
      await page.waitForURL(/state=invited/);
      await page.locator(`[data-testid="user-row"][data-email="${SATO.email}"]`).waitFor();
      await page.getByTestId('users-filter-state').selectOption('');
      await page.getByTestId('users-search').fill('sato');
      await page.getByTestId('users-search').press('Enter');
      await page.waitForURL(/q=sato/);
      await expect.poll(() => page.getByTestId('user-row').count()).toBe(1);
      await page.getByTestId('users-search').fill('');
      await page.getByTestId('users-search').press('Enter');
      await expect.poll(() => page.getByTestId('user-row').count()).toBe(2);
      await shot('users-list');

      // The user, in Japanese, from the delivered invitation.
      const userContext = await browser.newContext({
        ignoreHTTPSErrors: true,
        locale: 'ja-JP',
        viewport: { width: 1280, height: 800 },
      });
      const u = await userContext.newPage();
      u.setDefaultTimeout(15_000);
      try {
        const first = await smtp.linkTo(SATO.email, `/t/${SLUG}/invite`, 0);
        await go(u, `${first.pathname}${first.hash}`);
        await u.getByTestId('error-alert').waitFor();
        const link = await smtp.linkTo(SATO.email, `/t/${SLUG}/invite`, 1);
        await go(u, `${link.pathname}${link.hash}`);
        await u.getByTestId('invite-form').waitFor();
        await u.getByLabel('新しいパスワード').fill(SATO.password);
        await u.getByLabel('パスワード（確認）').fill(SATO.password);
        await u.getByTestId('invite-submit').click();
        await u.waitForURL(/\/sign-in$/);
        await signIn(u, SATO.email, SATO.password);
        expect(await u.getByTestId('nav-users').count()).toBe(0); // not an admin
        await u.getByTestId('sign-out').click();
        await u.waitForURL(/\/sign-in$/);
        await signIn(u, SATO.email, SATO.password);
        await u.getByTestId('nav-me').click();
        await u.getByTestId('me-previous-at').waitFor();
        expect(await u.getByTestId('me-previous-at').textContent()).toMatch(JST_TIME);
        expect(await u.getByTestId('me-previous-browser').textContent()).toContain('Chrome');
        await shot('my-page-previous-sign-in-ja', u);

        // The admin changes the user's language and ends their sessions: the user is signed out.
        await page.locator(`[data-testid="user-row"][data-email="${SATO.email}"] a`).click();
        await page
          .getByTestId('user-profile-form')
          .getByLabel('Language (e-mails and screens)')
          .selectOption('en');
        await page.getByTestId('user-profile-save').click();
        await expect.poll(() => page.getByTestId('notice').textContent()).toBe('Saved.');
        await page.getByTestId('user-end-sessions').click();
        await page.getByTestId('confirm-dialog-confirm').click();
        await expect.poll(() => page.getByTestId('notice').textContent()).toContain('sessions');
        await u.reload();
        await u.waitForURL(/\/sign-in$/);
      } finally {
        await userContext.close();
      }

      // Administrator rights with confirmation, then delete with a dialog naming the user.
      await page.getByTestId('nav-users').click();
      await page.locator(`[data-testid="user-row"][data-email="${SATO.email}"] a`).click();
      await page.getByTestId('user-grant-admin').click();
      const dialog = page.getByTestId('confirm-dialog');
      await dialog.getByRole('heading', { name: `Make ${SATO.name} an administrator?` }).waitFor();
      await shot('user-grant-admin-dialog');
      await dialog.getByTestId('confirm-dialog-confirm').click();
      await page.getByTestId('user-revoke-admin').waitFor();
      await page.getByTestId('nav-admins').click();
      await page.locator(`[data-testid="admin-row"][data-email="${SATO.email}"]`).waitFor();
      await shot('administrators');
      await page
        .locator(`[data-testid="admin-row"][data-email="${SATO.email}"] [data-testid="admin-revoke"]`)
        .click();
      await dialog.getByTestId('confirm-dialog-confirm').click();
      await expect
        .poll(() => page.locator(`[data-testid="admin-row"][data-email="${SATO.email}"]`).count())
        .toBe(0);

      // Delete: the dialog names the user; the list no longer has them.
      await page.getByTestId('nav-users').click();
      await page.locator(`[data-testid="user-row"][data-email="${SATO.email}"] a`).click();
      await page.getByTestId('user-delete').click();
      await dialog.getByRole('heading', { name: `Delete ${SATO.name}?` }).waitFor();
      expect(await dialog.textContent()).toContain(SATO.email);
      await shot('user-delete-dialog');
      await dialog.getByTestId('confirm-dialog-confirm').click();
      await page.waitForURL(/\/admin\/users$/);
      expect(await page.getByTestId('notice').textContent()).toContain(SATO.name);
      await page.getByTestId('users-table').waitFor();
      expect(await page.locator(`[data-testid="user-row"][data-email="${SATO.email}"]`).count()).toBe(0);

      const unexpected = consoleErrors.filter((e) => !/status of 40[01]/.test(e));
      expect(unexpected, unexpected.join('\n')).toEqual([]);
    } catch (error) {
      await shot('failure-admin').catch(() => undefined);
      throw error;
    }
  }, 180_000);

  it('imports users from a Shift_JIS CSV with Japanese names: dry run, errors, import, invitation progress', async () => {
    try {
      await page.getByTestId('nav-users').click();
      await page.getByTestId('users-import').click();
      const header = await templateHeader('template-ja');
      expect(header).toContain('氏名');
      // Column positions from the template: e-mail, name, language, groups, admin.
      const col = (names: string[]) => header.findIndex((h) => names.includes(h));
      const at = {
        email: col(['メールアドレス', 'email']),
        name: col(['氏名', 'name']),
        lang: col(['言語', 'language']),
        groups: col(['グループ', 'groups']),
        admin: col(['組織管理者', 'admin']),
      };
      const row = (email: string, name: string, groups = '経理部') => {
        const cells = header.map(() => '');
        cells[at.email] = email;
        cells[at.name] = name;
        cells[at.lang] = 'ja';
        cells[at.groups] = groups;
        cells[at.admin] = 'いいえ';
        return cells;
      };
      const good = [
        row('yamada@kaisha.example', '山田 太郎'),
        row('suzuki@kaisha.example', '鈴木 一郎'),
        row('takahashi@kaisha.example', '髙橋 美咲'),
      ];

      // A file with two mistakes: nothing can be imported.
      const bad = writeFile(
        'bad.csv',
        csv([
          header,
          ...good.slice(0, 2),
          row('not-an-address', '田中 次郎'),
          row('ito@kaisha.example', '伊藤 三郎', '存在しない部'),
        ]),
        'Shift_JIS',
      );
      await page.getByTestId('import-file').setInputFiles(bad);
      await page.getByTestId('import-dry-run').click();
      await page.getByTestId('import-table').waitFor();
      expect(await page.getByTestId('import-encoding').textContent()).toMatch(/shift_jis/i);
      expect(await page.getByTestId('import-table').textContent()).toContain('山田 太郎');
      const outcomes = await page
        .getByTestId('import-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome')));
      expect(outcomes).toEqual(['new', 'new', 'error', 'error']);
      const codes = await page
        .getByTestId('import-problem')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
      expect(codes).toEqual(expect.arrayContaining(['email', 'unknown_group']));
      expect(await page.getByTestId('import-submit').isDisabled()).toBe(true);
      await page.getByTestId('import-problems').scrollIntoViewIfNeeded();
      await shot('users-import-errors');
      // The same check in Japanese: the server's reasons come back in Japanese.
      await page.getByTestId('lang-ja').click();
      await page.getByTestId('import-dry-run').click();
      await expect.poll(() => page.getByTestId('import-problems').textContent()).toMatch(/[\u3040-\u30ff]/);
      await page.getByTestId('import-problems').scrollIntoViewIfNeeded();
      await shot('users-import-errors-ja');
      await page.getByTestId('lang-en').click();

      // The corrected file.
      const fixed = writeFile('fixed.csv', csv([header, ...good]), 'Shift_JIS');
      await page.getByTestId('import-file').setInputFiles(fixed);
      await page.getByTestId('import-dry-run').click();
      await page.getByTestId('import-table').waitFor();
      await expect
        .poll(() =>
          page.getByTestId('import-row').evaluateAll((r) => r.map((x) => x.getAttribute('data-outcome'))),
        )
        .toEqual(['new', 'new', 'new']);
      expect(await page.getByTestId('import-submit').isEnabled()).toBe(true);
      await shot('users-import-dry-run');
      await page.getByTestId('import-submit').click();
      await page.getByTestId('import-progress').waitFor();
      await page.getByTestId('import-finished').waitFor({ timeout: 45_000 });
      expect(await page.getByTestId('import-sent').textContent()).toBe('3');
      expect(await page.getByTestId('import-failed').textContent()).toBe('0');
      await shot('users-import-progress');
      for (const r of good) await smtp.linkTo(r[at.email]!, `/t/${SLUG}/invite`);

      await page.getByTestId('import-to-users').click();
      await page.locator('[data-testid="user-row"][data-email="takahashi@kaisha.example"]').waitFor();
      expect(await page.getByTestId('users-table').textContent()).toContain('髙橋 美咲');

      // The list as CSV for Excel (Shift_JIS), in the same columns: it imports again unchanged.
      await page.getByTestId('lang-ja').click();
      await page.getByTestId('users-export-charset').selectOption('sjis');
      const download = page.waitForEvent('download');
      await page.getByTestId('users-export').click();
      const exported = await (await download).path();
      const text = iconv.decode(readFileSync(exported), 'cp932');
      expect(text.split('\r\n')[0]).toBe(header.join(','));
      expect(text).toContain('takahashi@kaisha.example,髙橋 美咲,ja,経理部,いいえ');
      await page.getByTestId('users-import').click();
      await page.getByTestId('import-file').setInputFiles(exported);
      await page.getByTestId('import-dry-run').click();
      await page.getByTestId('import-table').waitFor();
      const again = await page
        .getByTestId('import-row')
        .evaluateAll((r) => r.map((x) => x.getAttribute('data-outcome')));
      expect(new Set(again)).toEqual(new Set(['unchanged']));
      await page.getByTestId('nav-users').click();
      await page.getByTestId('users-export-charset').selectOption('utf8');
      await page.getByTestId('lang-en').click();
    } catch (error) {
      await shot('failure-admin-import').catch(() => undefined);
      throw error;
    }
  }, 120_000);

  it('bulk-creates groups from CSV, renames one inline and changes its members', async () => {
    try {
      await page.getByTestId('nav-groups').click();
      await page.getByTestId('groups-import').click();
      const header = await templateHeader('template-en');
      const file = writeFile(
        'groups.csv',
        csv([
          header,
          ['営業部', '国内営業', 'yamada@kaisha.example;suzuki@kaisha.example'],
          ['開発部', 'プロダクト開発', 'takahashi@kaisha.example'],
        ]),
        'utf8',
      );
      await page.getByTestId('import-file').setInputFiles(file);
      await page.getByTestId('import-dry-run').click();
      await page.getByTestId('import-table').waitFor();
      expect(await page.getByTestId('import-submit').isEnabled()).toBe(true);
      await shot('groups-import-dry-run');
      await page.getByTestId('import-submit').click();
      await page.getByTestId('groups-table').waitFor();
      await page.getByTestId('notice').waitFor();

      // Rename inline.
      const row = page.locator('[data-testid="group-row"][data-name="営業部"]');
      await row.getByTestId('group-edit').click();
      await page.getByTestId('group-edit-name').fill('営業本部');
      await page.getByTestId('group-edit-description').fill('国内・海外営業');
      await page.getByTestId('group-edit-save').click();
      await page.locator('[data-testid="group-row"][data-name="営業本部"]').waitFor();
      expect(await page.locator('[data-testid="group-row"][data-name="営業部"]').count()).toBe(0);
      await shot('groups-list');

      // Members: remove one with the checkbox, add one with the picker.
      await page.locator('[data-testid="group-row"][data-name="営業本部"] a').click();
      await page.getByTestId('members-table').waitFor();
      await expect.poll(() => page.getByTestId('member-row').count()).toBe(2);
      await page.locator('[data-testid="member-row"][data-email="suzuki@kaisha.example"] input').check();
      await page.getByTestId('members-remove').click();
      await page.getByTestId('confirm-dialog-confirm').click();
      await expect.poll(() => page.getByTestId('member-row').count()).toBe(1);
      await page.getByTestId('members-add-open').click();
      await page
        .getByTestId('members-candidates')
        .getByLabel(/髙橋 美咲/)
        .check();
      await page.getByTestId('members-add').click();
      await expect.poll(() => page.getByTestId('member-row').count()).toBe(2);
      await shot('group-detail');
    } catch (error) {
      await shot('failure-admin-groups').catch(() => undefined);
      throw error;
    }
  }, 120_000);
});
