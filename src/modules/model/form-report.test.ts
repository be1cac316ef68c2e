import { describe, expect, it } from 'vitest';
import { Cube, Dimension } from '../../engine/index.js';
import type { FormDefinition } from './definitions.js';
import {
  assertDrillReadable,
  computedValue,
  drillMembers,
  withComputedMembers,
  type ReportInput,
} from './form-report.js';
import type { OpenFormResponse } from './form-schemas.js';
import { diffDefinitions, normaliseDefinition, validateDefinition, type CubeShape } from './form-validate.js';
import type { CubeRights, GroupRight, Level } from './rights.js';

/** OP = GP − SGA; GP = SALES − COGS. Scenarios BUDGET, ACTUAL, FORECAST; VAR = ACTUAL − BUDGET. */
function model() {
  const account = new Dimension('Account');
  for (const c of ['OP', 'GP', 'SALES', 'COGS', 'SGA']) account.addElement(c);
  account.addLink('OP', 'GP', 1);
  account.addLink('OP', 'SGA', -1);
  account.addLink('GP', 'SALES', 1);
  account.addLink('GP', 'COGS', -1);
  const scenario = new Dimension('Scenario');
  for (const c of ['BUDGET', 'ACTUAL', 'FORECAST', 'VAR']) scenario.addElement(c);
  scenario.addLink('VAR', 'ACTUAL', 1);
  scenario.addLink('VAR', 'BUDGET', -1);
  const dept = new Dimension('Dept');
  for (const c of ['ALL', 'EAST', 'WEST']) dept.addElement(c);
  dept.addLink('ALL', 'EAST');
  dept.addLink('ALL', 'WEST');
  const cube = new Cube('PL', [account, scenario, dept]);
  const put = (a: string, s: string, d: string, v: number) => cube.setCell([a, s, d], v);
  put('SALES', 'BUDGET', 'EAST', 1000);
  put('SALES', 'ACTUAL', 'EAST', 1100);
  put('SALES', 'FORECAST', 'EAST', 1050);
  put('COGS', 'BUDGET', 'EAST', 600);
  put('COGS', 'ACTUAL', 'EAST', 630);
  put('SGA', 'ACTUAL', 'EAST', 50);
  put('SALES', 'BUDGET', 'WEST', 500);
  put('SALES', 'ACTUAL', 'WEST', 400);
  return { cube, account, scenario, dept };
}

const report: FormDefinition = {
  cube: 'PL',
  type: 'report',
  rows: { dimension: 'Account', members: [{ element: 'OP', select: 'descendants' }] },
  columns: {
    dimension: 'Scenario',
    members: [
      { element: 'BUDGET', select: 'self' },
      { element: 'ACTUAL', select: 'self' },
    ],
    computed: [
      {
        code: 'VAR_AMT',
        name: { ja: '差異', en: 'Variance' },
        kind: 'difference',
        of: 'ACTUAL',
        base: 'BUDGET',
      },
      {
        code: 'VAR_PCT',
        name: { ja: '差異率', en: 'Variance %' },
        kind: 'ratio',
        of: 'ACTUAL',
        base: 'BUDGET',
      },
    ],
  },
  fixed: [{ dimension: 'Dept', element: 'EAST', userSelectable: true }],
  input: 'none',
  readOnly: [],
  format: { scale: 1, decimals: 0, currency: 'JPY' },
};

const admin: CubeRights = { admin: true, groups: [] };

/** A group reading the cube, restricted on one dimension to the given elements (with descendants). */
function restricted(cube: Cube, dimension: string, elements: string[]): CubeRights {
  const dim = cube.dimensions[cube.dimIndex(dimension)] as Dimension;
  const map = new Map<number, Level>();
  for (const e of elements) map.set(dim.id(e), 1);
  const g: GroupRight = {
    groupId: 'g',
    groupName: 'g',
    access: 'read',
    restricted: new Map([[dimension, map]]),
    grants: new Map(),
  };
  return { admin: false, groups: [g] };
}

/** The given part of an open answer, as `openForm` builds it (values filled from the cube). */
function given(
  cube: Cube,
  rows: string[],
  columns: string[],
  fixed: Record<string, string>,
): OpenFormResponse {
  const member = (code: string) => ({ code, name: { ja: code, en: code }, depth: 0, leaf: true });
  const grid = cube.readGrid({
    rows: { dimension: 'Account', elements: rows },
    columns: { dimension: 'Scenario', elements: columns },
    fixed,
  });
  return {
    rows: rows.map(member),
    columns: columns.map(member),
    values: rows.map((_, r) => columns.map((__, c) => grid.values[r * columns.length + c] ?? 0)),
    input: rows.map(() => columns.map(() => false)),
  } as unknown as OpenFormResponse;
}

const input = (cube: Cube, rights: CubeRights, def = report, dept = 'EAST'): ReportInput => ({
  def,
  cube,
  rights,
  fixed: [{ dimension: 'Dept', element: dept }],
});

describe('computedValue', () => {
  it('gives of − base and (of − base) / |base|', () => {
    expect(computedValue('difference', 1100, 1000)).toBe(100);
    expect(computedValue('ratio', 1100, 1000)).toBeCloseTo(0.1, 12);
    expect(computedValue('ratio', 900, 1000)).toBeCloseTo(-0.1, 12);
    // A negative base (a loss): an improvement from −200 to −100 is +50 %.
    expect(computedValue('ratio', -100, -200)).toBeCloseTo(0.5, 12);
    expect(computedValue('difference', 0, 0)).toBe(0);
  });

  it('has no ratio on a base of 0, and nothing when a source is hidden', () => {
    expect(computedValue('ratio', 50, 0)).toBeNull();
    expect(computedValue('ratio', 0, 0)).toBeNull();
    expect(computedValue('difference', null, 10)).toBeNull();
    expect(computedValue('ratio', 10, null)).toBeNull();
  });
});

describe('withComputedMembers', () => {
  it('appends variance amount and % columns after the given ones, never as input', () => {
    const { cube } = model();
    const rows = ['GP', 'SALES', 'COGS', 'SGA', 'OP'];
    const out = withComputedMembers(
      input(cube, admin),
      given(cube, rows, ['BUDGET', 'ACTUAL'], { Dept: 'EAST' }),
    );
    expect(out.columns.map((c) => c.code)).toEqual(['BUDGET', 'ACTUAL', 'VAR_AMT', 'VAR_PCT']);
    expect(out.columns[3]).toMatchObject({
      name: { ja: '差異率', en: 'Variance %' },
      computed: { kind: 'ratio' },
    });
    const row = (code: string) => out.values[rows.indexOf(code)] as (number | null)[];
    expect(row('SALES')).toEqual([1000, 1100, 100, 0.1]);
    expect(row('GP').slice(2)).toEqual([70, 70 / 400]);
    // SGA has no budget: the amount is there, the % is not (base 0).
    expect(row('SGA')).toEqual([0, 50, 50, null]);
    expect(row('OP').slice(0, 3)).toEqual([400, 420, 20]);
    expect(out.input.every((line) => line.length === 4 && line.every((x) => !x))).toBe(true);
  });

  it('shows a computed cell only where both source cells are readable', () => {
    const { cube } = model();
    const rows = ['SALES', 'COGS'];
    // Only BUDGET readable: the variance columns have no readable pair and are left out.
    const budgetOnly = restricted(cube, 'Scenario', ['BUDGET']);
    const g = given(cube, rows, ['BUDGET'], { Dept: 'EAST' });
    expect(withComputedMembers(input(cube, budgetOnly), g).columns.map((c) => c.code)).toEqual(['BUDGET']);
    // Only SALES readable among accounts: its variance is shown, COGS's is hidden (null).
    const salesOnly = restricted(cube, 'Account', ['SALES']);
    const both = given(cube, rows, ['BUDGET', 'ACTUAL'], { Dept: 'EAST' });
    const out = withComputedMembers(input(cube, salesOnly), both);
    expect(out.values.map((line) => line.slice(2))).toEqual([
      [100, 0.1],
      [null, null],
    ]);
  });

  it('computes along rows too, and leaves the crossing of two computed members empty', () => {
    const { cube } = model();
    const def: FormDefinition = {
      ...report,
      rows: {
        dimension: 'Account',
        members: [{ element: 'SALES', select: 'self' }],
        computed: [
          {
            code: 'MARGIN',
            name: { ja: '粗利', en: 'Margin' },
            kind: 'difference',
            of: 'SALES',
            base: 'COGS',
          },
        ],
      },
    };
    const out = withComputedMembers(
      input(cube, admin, def),
      given(cube, ['SALES'], ['BUDGET', 'ACTUAL'], { Dept: 'EAST' }),
    );
    expect(out.rows.map((r) => r.code)).toEqual(['SALES', 'MARGIN']);
    expect(out.values).toEqual([
      [1000, 1100, 100, 0.1],
      [400, 470, null, null],
    ]);
    expect(out.input[1]).toEqual([false, false, false, false]);
  });

  it('answers the given members unchanged for a form without computed members', () => {
    const { cube } = model();
    const plain = { ...report, columns: { ...report.columns, computed: undefined } };
    const g = given(cube, ['SALES'], ['BUDGET'], { Dept: 'WEST' });
    expect(withComputedMembers(input(cube, admin, plain, 'WEST'), g)).toBe(g);
  });
});

describe('drill', () => {
  // An AppError's message is its code.
  const invalid = 'FORM_DRILL_INVALID';

  it('shows a consolidated row element and its children, also below a form row', () => {
    const { account } = model();
    expect(drillMembers(report, account, 'GP')).toEqual([
      { element: 'GP', select: 'self' },
      { element: 'GP', select: 'children' },
    ]);
    const onlyOp = {
      ...report,
      rows: { dimension: 'Account', members: [{ element: 'OP', select: 'self' as const }] },
    };
    expect(drillMembers(onlyOp, account, 'GP')[0]?.element).toBe('GP');
  });

  it('refuses leaves, unknown elements, elements outside the form rows, and input forms', () => {
    const { account } = model();
    const salesOnly = {
      ...report,
      rows: { dimension: 'Account', members: [{ element: 'SALES', select: 'self' as const }] },
    };
    expect(() => drillMembers(report, account, 'SALES')).toThrow(invalid);
    // OP is above the form's rows (its descendants), not among them.
    expect(() => drillMembers(report, account, 'OP')).toThrow(invalid);
    expect(() => drillMembers(report, account, 'NOPE')).toThrow(invalid);
    expect(() => drillMembers(salesOnly, account, 'GP')).toThrow(invalid);
    expect(() => drillMembers({ ...report, type: 'input' }, account, 'OP')).toThrow(invalid);
    expect(() => assertDrillReadable('OP', [[false, false], [true]])).toThrow(invalid);
    expect(() => assertDrillReadable('OP', [[false, true]])).not.toThrow();
  });
});

describe('computed members in definitions', () => {
  const shape: CubeShape = {
    dimensions: [
      { code: 'Account', elements: new Set(['OP', 'GP', 'SALES', 'COGS', 'SGA']) },
      { code: 'Scenario', elements: new Set(['BUDGET', 'ACTUAL', 'FORECAST', 'VAR']) },
      { code: 'Dept', elements: new Set(['ALL', 'EAST', 'WEST']) },
    ],
  };

  it('accepts a report with variance members and keeps old definitions (none) valid', () => {
    expect(validateDefinition(report, shape)).toEqual([]);
    expect(
      validateDefinition(
        { ...report, columns: { dimension: 'Scenario', members: report.columns.members } },
        shape,
      ),
    ).toEqual([]);
  });

  it('refuses them on input forms, clashing codes, unknown or equal sources', () => {
    const computed = report.columns.computed ?? [];
    const bad: FormDefinition = {
      ...report,
      type: 'input',
      columns: {
        ...report.columns,
        computed: [
          { ...computed[0]!, code: 'VAR' },
          { ...computed[1]!, of: 'NOPE' },
          { ...computed[1]!, code: 'X', base: 'ACTUAL' },
        ],
      },
    };
    expect(validateDefinition(bad, shape).map((i) => `${i.path} ${i.code}`)).toEqual([
      '/columns/computed/0 form_computed_report_only',
      '/columns/computed/0/code form_computed_code_taken',
      '/columns/computed/1 form_computed_report_only',
      '/columns/computed/1/of form_unknown_element',
      '/columns/computed/2 form_computed_report_only',
      '/columns/computed/2/base form_computed_same',
    ]);
    const twice = { ...report, columns: { ...report.columns, computed: [computed[0]!, computed[0]!] } };
    expect(validateDefinition(twice, shape).map((i) => i.code)).toEqual(['form_computed_code_taken']);
  });

  it('normalises and diffs them', () => {
    const messy = {
      ...report,
      columns: {
        ...report.columns,
        computed: [{ ...report.columns.computed![1]!, name: { ja: ' 差異率 ', en: 'Variance %' }, extra: 1 }],
      },
    } as unknown as FormDefinition;
    const n = normaliseDefinition(messy);
    expect(n.columns.computed).toEqual([
      {
        code: 'VAR_PCT',
        name: { ja: '差異率', en: 'Variance %' },
        kind: 'ratio',
        of: 'ACTUAL',
        base: 'BUDGET',
      },
    ]);
    expect(
      normaliseDefinition({ ...report, columns: { ...report.columns, computed: [] } }).columns,
    ).not.toHaveProperty('computed');
    expect(diffDefinitions(n, normaliseDefinition(report))).toEqual([
      'columns: Scenario: BUDGET(self), ACTUAL(self), VAR_PCT = ratio(ACTUAL, BUDGET) → Scenario: BUDGET(self), ACTUAL(self), VAR_AMT = difference(ACTUAL, BUDGET), VAR_PCT = ratio(ACTUAL, BUDGET)',
    ]);
  });
});
