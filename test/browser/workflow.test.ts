// @vitest-environment node
/**
 * The approval workflow in Chromium (issue 7): an org admin sets it up on the screen; the planner
 * submits Sales; the approver (Japanese) returns it with a comment; the planner sees the comment,
 * resubmits; the approver approves and the cells are locked (a write is refused). Screenshots for
 * the Handbook.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CubeView } from '../../src/modules/model/cube-schemas.js';
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import type { HttpsClient } from '../support/https-client.js';
import { modelWorld, type ModelWorld } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { acceptAndSignIn, mailTo, PASSWORD, registerUser } from '../support/tenant-admin.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'shonin';
const base = `/t/${SLUG}/api/model`;

describe('approval workflow in a real browser', () => {
  let server: TestServer;
  let w: ModelWorld;
  let approverApi: HttpsClient;
  let browser: Browser;
  let portalId = '';
  let cubeId = '';
  const errors: string[] = [];

  const open = async (email: string, locale: string): Promise<Page> => {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      locale,
      viewport: { width: 1280, height: 1100 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.url.replace(/\/$/, '')}/t/${SLUG}/sign-in`);
    await page.getByTestId('field-email').locator('input').fill(email);
    await page.getByTestId('field-password').locator('input').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('nav-me').waitFor();
    await page.goto(`${server.url.replace(/\/$/, '')}/t/${SLUG}/workflow/${portalId}`);
    return page;
  };

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuilt();
    server = await startTestServer();
    w = await modelWorld(server, SLUG, 'shonin-b');
    await registerUser(w.admin, SLUG, `approver@${SLUG}.example`, { locale: 'ja' });
    approverApi = await acceptAndSignIn(server, SLUG, `approver@${SLUG}.example`);
    const approverId = (
      await w.admin.get<{ items: { id: string }[] }>(`/t/${SLUG}/api/admin/users?q=approver`)
    ).json.items[0]!.id;
    const res = await w.admin.post<{ items: { object: { id: string; code: string } }[] }>(
      `${base}/standard-dimensions`,
      { fiscalYear: 2027 },
    );
    const dims = Object.fromEntries(res.json.items.map((i) => [i.object.code, i.object.id]));
    const cube = await w.admin.post<CubeView>(`${base}/cubes`, {
      code: 'PL',
      nameJa: '損益計画',
      nameEn: 'P&L plan',
      dimensionIds: [dims['Account'], dims['Department'], dims['Scenario']],
    });
    cubeId = cube.json.object.id;
    const portal = await w.admin.post<{ object: { id: string } }>(`${base}/objects`, {
      kind: 'portal',
      code: 'FY2027',
      nameJa: '2027年度予算編成',
      nameEn: 'FY2027 budget',
    });
    portalId = portal.json.object.id;
    const group = async (name: string, userId: string) => {
      const g = await w.admin.post<{ group: { id: string } }>(`/t/${SLUG}/api/admin/groups`, {
        name,
        description: '',
      });
      await w.admin.post(`/t/${SLUG}/api/admin/groups/${g.json.group.id}/members`, { userIds: [userId] });
      return g.json.group.id;
    };
    const planners = await group('営業計画担当', w.userId);
    await group('営業承認者', approverId);
    await w.admin.request('PUT', `${base}/rights/groups/${planners}`, {
      objects: [
        { objectId: cubeId, access: 'write' },
        { objectId: portalId, access: 'read' },
      ],
      elements: [{ dimensionId: dims['Department'], element: 'SALES', access: 'write' }],
    });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets up, submits, returns, resubmits and approves through the screens', async () => {
    const admin = await open(`admin@${SLUG}.example`, 'ja-JP');
    await admin.getByTestId('wf-none').waitFor();
    await admin.getByTestId('wf-setup-unit-SALES').locator('input[type="checkbox"]').check();
    await admin.getByTestId('wf-setup-unit-SALES').locator('select').selectOption({ label: '営業承認者' });
    await admin.getByTestId('wf-setup-unit-MANUFACTURING').locator('input[type="checkbox"]').check();
    await admin.getByTestId('field-wfSlice-Scenario').locator('select').selectOption('BUDGET');
    await admin.getByTestId('wf-setup-save').click();
    await admin.getByTestId('wf-saved').waitFor();
    await admin.getByTestId('wf-state-SALES').waitFor();

    const planner = await open(`plain@${SLUG}.example`, 'en-US');
    await planner.getByTestId('wf-submit-SALES').click();
    await planner.getByTestId('wf-confirm').click();
    await expect
      .poll(() => planner.getByTestId('wf-state-SALES').getAttribute('data-state'))
      .toBe('submitted');
    expect(await planner.getByTestId('wf-submit-MANUFACTURING').count()).toBe(0);

    const approver = await open(`approver@${SLUG}.example`, 'ja-JP');
    await approver.getByTestId('wf-return-SALES').click();
    await approver.getByTestId('wf-confirm').click(); // no comment: refused with the reason
    await approver.getByTestId('error-wfComment').waitFor();
    await approver
      .getByTestId('field-wfComment')
      .locator('textarea')
      .fill('広告宣伝費の根拠を追記してください');
    await approver.getByTestId('wf-confirm').click();
    await expect.poll(() => approver.getByTestId('wf-state-SALES').getAttribute('data-state')).toBe('draft');
    await mailTo(server, `plain@${SLUG}.example`, '広告宣伝費の根拠を追記してください');

    await planner.reload();
    await planner.getByTestId('wf-unit-SALES').getByText('広告宣伝費の根拠を追記してください').waitFor();
    await planner.getByTestId('wf-submit-SALES').click();
    await planner.getByTestId('field-wfComment').locator('textarea').fill('Added the basis.');
    await planner.getByTestId('wf-confirm').click();
    await expect
      .poll(() => planner.getByTestId('wf-state-SALES').getAttribute('data-state'))
      .toBe('submitted');

    await approver.reload();
    await approver.getByTestId('wf-approve-SALES').click();
    await approver.getByTestId('wf-confirm').click();
    await expect
      .poll(() => approver.getByTestId('wf-state-SALES').getAttribute('data-state'))
      .toBe('approved');
    await approver.getByTestId('wf-history').getByText('差し戻し').first().waitFor();
    await approver.screenshot({ path: `${shotsDir}workflow-approved-ja.png`, fullPage: true });

    // The approved department is locked.
    const refused = await w.user.post<{ error: { code: string } }>(`${base}/cubes/${cubeId}/cells`, {
      cells: [{ coords: { Account: 'NET_SALES', Department: 'SALES', Scenario: 'BUDGET' }, value: 1 }],
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('WORKFLOW_CLOSED');
    expect((await approverApi.get(`/t/${SLUG}/api/workflow/portals/${portalId}`)).status).toBe(200);
    expect(errors).toEqual([]);
  });
});
