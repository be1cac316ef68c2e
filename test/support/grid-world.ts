import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { CubeView } from '../../src/modules/model/cube-schemas.js';
import type { FormDefinition } from '../../src/modules/model/definitions.js';
import type { HttpsClient } from './https-client.js';
import { modelWorld, type ModelWorld } from './model.js';
import type { TestServer } from './server.js';
import { acceptAndSignIn, registerUser } from './tenant-admin.js';

/** The ten expense accounts the entry tests add under SGA (rows of the expense form). */
export const EXPENSES = Array.from({ length: 10 }, (_, i) => `EXP${String(i + 1).padStart(2, '0')}`);
/** April 2027 … March 2028 (the standard Period's month codes for FY2027). */
export const MONTHS = Array.from({ length: 12 }, (_, i) => {
  const m = ((3 + i) % 12) + 1;
  return `${m >= 4 ? 2027 : 2028}-${String(m).padStart(2, '0')}`;
});

export interface GridWorld extends ModelWorld {
  approver: HttpsClient;
  cubeId: string;
  formId: string;
  /** EXPENSE_TOTALS: the same form with `input: 'all'`. */
  totalsFormId: string;
  portalId: string;
  dims: Record<string, string>;
}

/**
 * A planning set-up for the grid tests: the standard dimensions with ten expense accounts under
 * SGA, a cube PL (Account × Period × Department × Scenario), the form EXPENSE_PLAN (rows SGA and
 * its accounts, columns the twelve months and the year, Department chosen by the user, Scenario
 * BUDGET), a portal with a workflow on Department SALES (approver: approver@<slug>.example),
 * planners (the plain user) writing SALES.
 */
export async function gridWorld(server: TestServer, slug: string): Promise<GridWorld> {
  const w = await modelWorld(server, slug, `${slug}-b`);
  const base = `/t/${slug}/api/model`;
  const approverId = await registerUser(w.admin, slug, `approver@${slug}.example`, { locale: 'ja' });
  const approver = await acceptAndSignIn(server, slug, `approver@${slug}.example`);
  const res = await w.admin.post<{ items: { object: { id: string; code: string } }[] }>(
    `${base}/standard-dimensions`,
    { fiscalYear: 2027 },
  );
  const dims = Object.fromEntries(res.json.items.map((i) => [i.object.code, i.object.id]));
  const added = await w.admin.post(`${base}/dimensions/${dims['Account']}/changes`, {
    changes: EXPENSES.map((code, i) => ({
      op: 'add',
      code,
      nameJa: `経費${i + 1}`,
      nameEn: `Expense ${i + 1}`,
      parent: 'SGA',
    })),
  });
  if (added.status !== 200) throw new Error(`accounts: ${added.text}`);
  const cube = await w.admin.post<CubeView>(`${base}/cubes`, {
    code: 'PL',
    nameJa: '損益計画',
    nameEn: 'P&L plan',
    dimensionIds: [dims['Account'], dims['Period'], dims['Department'], dims['Scenario']],
  });
  const cubeId = cube.json.object.id;
  const definition: FormDefinition = {
    cube: 'PL',
    type: 'input',
    rows: {
      dimension: 'Account',
      members: [
        { element: 'SGA', select: 'self' },
        { element: 'SGA', select: 'children' },
      ],
    },
    columns: {
      dimension: 'Period',
      members: [
        { element: 'FY2027', select: 'leaves' },
        { element: 'FY2027', select: 'self' },
      ],
    },
    fixed: [
      {
        dimension: 'Department',
        element: 'SALES',
        userSelectable: true,
        choices: [
          { element: 'SALES', select: 'self' },
          { element: 'MANUFACTURING', select: 'self' },
        ],
      },
      { dimension: 'Scenario', element: 'BUDGET', userSelectable: false },
    ],
    input: 'leaves',
    readOnly: [],
    format: { scale: 1, decimals: 0, currency: 'JPY' },
  };
  const form = await w.admin.post<{ object: { id: string } }>(`${base}/forms`, {
    code: 'EXPENSE_PLAN',
    nameJa: '経費計画',
    nameEn: 'Expense plan',
    definition,
  });
  if (form.status !== 201) throw new Error(`form: ${form.text}`);
  const formId = form.json.object.id;
  const portal = await w.admin.post<{ object: { id: string } }>(`${base}/objects`, {
    kind: 'portal',
    code: 'FY2027',
    nameJa: '2027年度予算編成',
    nameEn: 'FY2027 budget',
  });
  const portalId = portal.json.object.id;
  const group = async (name: string, userId: string) => {
    const g = await w.admin.post<{ group: { id: string } }>(`/t/${slug}/api/admin/groups`, {
      name,
      description: '',
    });
    await w.admin.post(`/t/${slug}/api/admin/groups/${g.json.group.id}/members`, { userIds: [userId] });
    return g.json.group.id;
  };
  const planners = await group('営業計画担当', w.userId);
  const approvers = await group('営業承認者', approverId);
  for (const [g, access] of [
    [planners, 'write'],
    [approvers, 'read'],
  ] as const)
    await w.admin.request('PUT', `${base}/rights/groups/${g}`, {
      objects: [
        { objectId: cubeId, access },
        { objectId: formId, access },
        { objectId: portalId, access: 'read' },
      ],
      elements: [{ dimensionId: dims['Department'], element: 'SALES', access }],
    });
  const wf = await w.admin.request('PUT', `/t/${slug}/api/workflow/portals/${portalId}`, {
    cubeId,
    dimension: 'Department',
    slice: { Scenario: ['BUDGET'] },
    units: [{ element: 'SALES', approverGroupId: approvers }],
  });
  if (wf.status !== 200) throw new Error(`workflow: ${wf.text}`);
  // The same sheet with totals open for input (spread over the cells below on save).
  const all = await w.admin.post<{ object: { id: string } }>(`${base}/forms`, {
    code: 'EXPENSE_TOTALS',
    nameJa: '経費計画（合計入力）',
    nameEn: 'Expense plan (totals)',
    definition: { ...definition, input: 'all' },
  });
  if (all.status !== 201) throw new Error(`form: ${all.text}`);
  return { ...w, approver, cubeId, formId, totalsFormId: all.json.object.id, portalId, dims };
}

/**
 * Types `first` on the focused grid cell (type-to-edit) and waits until the cell editor has the
 * keyboard, so text inserted next (as an IME would) lands in it.
 */
export async function openEditor(page: Page, first: string): Promise<void> {
  await page.keyboard.press(first);
  await page.locator('revogr-edit input').waitFor();
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.closest('revogr-edit') != null), {
      timeout: 10_000,
    })
    .toBe(true);
}

/** A grid cell of the open form by row and column code. */
export const gridCell = (page: Page, row: string, column: string) =>
  page.getByTestId(`cell-${row}-${column}`);

/** Clicks a cell and waits until the grid has focused it and holds the keyboard. */
export async function selectCell(page: Page, row: string, column: string): Promise<void> {
  await gridCell(page, row, column).click();
  await expect
    .poll(() => page.getByTestId('form-grid').getAttribute('data-focus'), { timeout: 10_000 })
    .toBe(`${row}/${column}`);
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            document.activeElement === document.body ||
            !!document.activeElement?.closest('revo-grid') ||
            document.activeElement?.getAttribute('data-testid') === 'grid-keys',
        ),
      { timeout: 10_000 },
    )
    .toBe(true);
}

/** Types `text` into a cell (type-to-edit) and commits it with Enter. */
export async function typeInCell(page: Page, row: string, column: string, text: string): Promise<void> {
  await selectCell(page, row, column);
  await openEditor(page, text[0]!);
  await page.keyboard.type(text.slice(1));
  await page.keyboard.press('Enter');
  await page.locator('revogr-edit input').waitFor({ state: 'detached' });
}

/** The stored yen of a form's cells (through the API), by row code → column code. */
export async function formValues(
  client: HttpsClient,
  slug: string,
  formId: string,
  choices: Record<string, string> = {},
): Promise<Record<string, Record<string, number | null>>> {
  const res = await client.post<{
    rows: { code: string }[];
    columns: { code: string }[];
    values: (number | null)[][];
  }>(`/t/${slug}/api/model/forms/${formId}/open`, { choices });
  const f = res.json;
  return Object.fromEntries(
    f.rows.map((r, i) => [
      r.code,
      Object.fromEntries(f.columns.map((c, j) => [c.code, f.values[i]?.[j] ?? null])),
    ]),
  );
}
