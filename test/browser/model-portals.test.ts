// @vitest-environment node
/**
 * End-to-end for portals and the access-rights screens (issue 6) in Chromium against a real
 * server: an org admin creates a portal with a form tile and an announcement and lets one group
 * read it; a member of that group signs in and sees the portal (on the home page too) and its
 * announcement, a user outside the group does not. Then the admin grants a group write on a cube
 * and an element restriction through the rights screens, and the effective-rights view shows both.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpsClient } from '../support/https-client.js';
import { setUpOperator } from '../support/flows.js';
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { PASSWORD, acceptAndSignIn, registerUser, tenantWithAdmin } from '../support/tenant-admin.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'potaru';
const api = `/t/${SLUG}/api`;

describe('portals and rights screens in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: HttpsClient;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  const ids: Record<string, string> = {};

  const open = async (email: string): Promise<Page> => {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      locale: 'ja-JP',
      viewport: { width: 1280, height: 1400 },
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    await page.goto(`${server.url.replace(/\/$/, '')}/t/${SLUG}/sign-in`);
    await page.getByTestId('field-email').locator('input').fill(email);
    await page.getByTestId('field-password').locator('input').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('nav-me').waitFor();
    return page;
  };
  const go = (page: Page, to: string) => page.goto(`${server.url.replace(/\/$/, '')}${to}`);
  const input = (page: Page, testId: string) =>
    page.getByTestId(testId).locator('input, select, textarea').first();

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuilt();
    server = await startTestServer();
    const op = await setUpOperator(server);
    admin = await tenantWithAdmin(server, op, SLUG);
    for (const [code, ja, en] of [
      ['SALES_IN', '売上計画入力', 'Sales plan input'],
      ['COST_IN', '費用計画入力', 'Cost plan input'],
    ] as const) {
      const f = await admin.post<{ object: { id: string } }>(`${api}/model/objects`, {
        kind: 'form',
        code,
        nameJa: ja,
        nameEn: en,
      });
      ids[code] = f.json.object.id;
    }
    for (const [name, email] of [
      ['営業部', `member@${SLUG}.example`],
      ['経理部', `outsider@${SLUG}.example`],
    ] as const) {
      const g = await admin.post<{ group: { id: string } }>(`${api}/admin/groups`, { name, description: '' });
      ids[name] = g.json.group.id;
      ids[email] = await registerUser(admin, SLUG, email);
      await admin.post(`${api}/admin/groups/${ids[name]}/members`, { userIds: [ids[email]] });
      await acceptAndSignIn(server, SLUG, email); // sets the password
    }
    // The Sales group may read the sales form (its tile shows); nobody may read the cost form.
    await admin.request('PUT', `${api}/model/rights/objects/${ids['SALES_IN']}`, {
      groups: [{ groupId: ids['営業部'], access: 'write' }],
    });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('an org admin builds a portal; its group sees it with the announcement, others do not', async () => {
    const page = await open(`admin@${SLUG}.example`);
    await page.getByTestId('nav-portals').click();
    await page.getByTestId('portals-empty').waitFor();
    await page.getByTestId('portal-create').click();
    await input(page, 'field-code').fill('BUDGET_2027');
    await input(page, 'field-nameJa').fill('2027年度予算編成');
    await input(page, 'field-nameEn').fill('FY2027 budget');
    await input(page, 'field-category').fill('予算編成');
    await page.getByTestId('portal-create-submit').click();
    await page.getByTestId('portal-editor-title').waitFor();

    await input(page, 'field-tileForm').selectOption('SALES_IN');
    await page.getByTestId('tile-add').click();
    await input(page, 'field-tileForm').selectOption('COST_IN');
    await page.getByTestId('tile-add').click();
    await page
      .getByTestId('tile-edit-SALES_IN')
      .locator('input')
      .first()
      .fill('11月30日までに入力してください');
    await page.getByTestId('tiles-save').click();
    await page.getByTestId('tiles-saved').waitFor();

    await input(page, 'field-annTitleJa').fill('予算編成を開始しました');
    await input(page, 'field-annTitleEn').fill('Budgeting has started');
    await input(page, 'field-annBodyJa').fill('各部門は売上計画を入力してください。');
    await input(page, 'field-annBodyEn').fill('Each department, please enter its sales plan.');
    await page.getByTestId('announcement-add').click();
    await expect
      .poll(() => page.getByTestId('announcements-edit').textContent())
      .toContain('予算編成を開始しました');

    await page.getByTestId('group-right-営業部').locator('select').selectOption('read');
    await page.getByTestId('rights-save').click();
    await page.getByTestId('rights-saved').waitFor();
    await page.getByTestId('tiles-form').evaluate((el) => {
      el.closest('section')?.scrollIntoView();
      window.scrollBy(0, -140); // below the sticky header
    });
    await page.screenshot({ path: `${shotsDir}model-portal-editor-ja.png` });

    // The member of 営業部: on the home page and the portal, with the announcement and the one tile.
    const member = await open(`member@${SLUG}.example`);
    await member.getByTestId('my-portal-BUDGET_2027').click();
    await member.getByTestId('portal-title').waitFor();
    expect(await member.getByTestId('portal-title').textContent()).toContain('2027年度予算編成');
    expect(await member.getByTestId('announcements').textContent()).toContain('予算編成を開始しました');
    expect(await member.getByTestId('announcement-at').first().textContent()).toMatch(/\(JST\)$/);
    expect(await member.getByTestId('tile-SALES_IN').textContent()).toContain(
      '11月30日までに入力してください',
    );
    // The tile opens the form with the portal (the form page then shows the portal's workflow).
    expect(await member.getByTestId('tile-SALES_IN').getByRole('link').getAttribute('href')).toMatch(
      new RegExp(`^/t/${SLUG}/forms/${ids['SALES_IN']}\\?portal=[^&]+$`),
    );
    expect(await member.getByTestId('tile-COST_IN').count()).toBe(0);
    expect(await member.getByTestId('portal-edit').count()).toBe(0);
    await member.screenshot({ path: `${shotsDir}model-portal-page-ja.png` });
    const portalUrl = member.url();

    // The outsider (経理部): no portal listed, and the address itself answers "not found".
    const outsider = await open(`outsider@${SLUG}.example`);
    expect(await outsider.getByTestId('my-portals').count()).toBe(0);
    await outsider.getByTestId('nav-portals').click();
    await outsider.getByTestId('portals-empty').waitFor();
    await outsider.goto(portalUrl);
    await outsider.getByTestId('error-alert').waitFor();
    expect(await outsider.getByTestId('announcements').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('grants a group write on a cube and an element restriction; the effective-rights view shows why', async () => {
    const res = await admin.post<{ items: { object: { id: string; code: string } }[] }>(
      `${api}/model/standard-dimensions`,
      { fiscalYear: 2027 },
    );
    const dims = Object.fromEntries(res.json.items.map((i) => [i.object.code, i.object.id]));
    await admin.post(`${api}/model/cubes`, {
      code: 'PL',
      nameJa: '損益計画',
      nameEn: 'P&L plan',
      dimensionIds: [dims['Account'], dims['Department'], dims['Scenario']],
    });
    const page = await open(`admin@${SLUG}.example`);
    await page.getByTestId('nav-rights').click();
    await page.getByTestId('rights-object-cube-PL').getByRole('link').click();
    await page.getByTestId('object-rights-title').waitFor();
    await page.getByTestId('group-right-経理部').locator('select').selectOption('write');
    await page.getByTestId('rights-save').click();
    await page.getByTestId('rights-saved').waitFor();

    // Element rights of 経理部: only 管理部 (and below) on Department.
    await go(page, `/t/${SLUG}/admin/model/rights`);
    await page.getByTestId('rights-group-経理部').click();
    await page.getByTestId('group-rights-title').waitFor();
    expect(await page.getByTestId('object-right-PL').locator('select').inputValue()).toBe('write');
    await input(page, 'field-rightDimension').selectOption(dims['Department']!);
    await input(page, 'field-rightElement').selectOption('ADMINISTRATION');
    await input(page, 'field-rightAccess').selectOption('write');
    await page.getByTestId('element-add').click();
    await page.getByTestId('element-right-ADMINISTRATION').waitFor();
    await page.getByTestId('rights-save').click();
    await page.getByTestId('rights-saved').waitFor();
    await page.screenshot({ path: `${shotsDir}model-rights-group-ja.png` });

    await go(page, `/t/${SLUG}/admin/model/rights`);
    await page.getByTestId('rights-user-q').fill('outsider');
    await page.getByTestId(`rights-user-outsider@${SLUG}.example`).click();
    const row = page.getByTestId('effective-cube-PL');
    await expect.poll(() => row.getByTestId('effective-access').textContent()).toBe('書き込み');
    const why = await row.getByTestId('via-経理部').textContent();
    expect(why).toContain('書き込み');
    expect(why).toContain('ADMINISTRATION');
    expect(
      await page.getByTestId('effective-form-SALES_IN').getByTestId('effective-access').textContent(),
    ).toBe('なし');
    await page.screenshot({ path: `${shotsDir}model-rights-effective-ja.png` });
    // The change applies at once: the outsider's API now answers for the cube.
    const outsider = await acceptOrReuse();
    const cubes = await outsider.get<{ items: { object: { code: string } }[] }>(`${api}/model/cubes`);
    expect(cubes.json.items.map((c) => c.object.code)).toEqual(['PL']);

    // Remove the announcement, then delete the portal (after a confirmation).
    await page.getByTestId('nav-portals').click();
    await page.getByTestId('portal-card-BUDGET_2027').getByRole('link').click();
    await page.getByTestId('portal-edit').click();
    await page.getByTestId('announcements-edit').getByRole('button').click();
    await page.getByTestId('announcements-edit').waitFor({ state: 'detached' });
    await page.getByTestId('portal-delete').click();
    await page.getByTestId('confirm-dialog-confirm').click();
    await page.getByTestId('portals-empty').waitFor();
    expect(consoleErrors).toEqual([]);
  });

  async function acceptOrReuse(): Promise<HttpsClient> {
    const c = server.client();
    await c.primeCsrf();
    await c.post(`${api}/session`, { email: `outsider@${SLUG}.example`, password: PASSWORD });
    return c;
  }
});
