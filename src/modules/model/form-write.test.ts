import { describe, expect, it } from 'vitest';
import { Cube, Dimension, type ChangeSet } from '../../engine/index.js';
import { AppError } from '../../platform/errors/app-error.js';
import { axisRollup, resolveMembers } from './form-resolve.js';
import { applyFormWrite, type FormCellWrite } from './form-write.js';
import type { CubeRights } from './rights.js';
import { accountDimension, departmentDimension, scenarioDimension } from './standard.js';

/** Rollup: code → [code of consolidating member, weight] of an axis. */
function rollupByCode(dim: Dimension, codes: string[]): Record<string, [string, number][]> {
  const members = codes.map((c) => ({ id: dim.id(c) }));
  const r = axisRollup(dim, members);
  return Object.fromEntries(
    codes.map((c, i) => [c, (r[i] ?? []).map((l) => [codes[l.index] ?? '?', l.weight])]),
  );
}

describe('axisRollup', () => {
  it('gives the negative weights of the standard Scenario (VARIANCE = ACTUAL − BUDGET)', () => {
    const s = scenarioDimension();
    expect(rollupByCode(s, ['BUDGET', 'FORECAST', 'ACTUAL', 'VARIANCE'])).toEqual({
      BUDGET: [['VARIANCE', -1]],
      FORECAST: [],
      ACTUAL: [['VARIANCE', 1]],
      VARIANCE: [],
    });
  });

  it('multiplies weights through intermediate members, shown or not (Account)', () => {
    const a = accountDimension();
    // GROSS_PROFIT not shown: COST_OF_SALES reaches OPERATING_PROFIT through it with 1 × −1.
    expect(rollupByCode(a, ['OPERATING_PROFIT', 'NET_SALES', 'COST_OF_SALES', 'SGA'])).toEqual({
      OPERATING_PROFIT: [],
      NET_SALES: [['OPERATING_PROFIT', 1]],
      COST_OF_SALES: [['OPERATING_PROFIT', -1]],
      SGA: [['OPERATING_PROFIT', -1]],
    });
    expect(rollupByCode(a, ['OPERATING_PROFIT', 'GROSS_PROFIT', 'COST_OF_SALES'])).toEqual({
      OPERATING_PROFIT: [],
      GROSS_PROFIT: [['OPERATING_PROFIT', 1]],
      COST_OF_SALES: [
        ['OPERATING_PROFIT', -1],
        ['GROSS_PROFIT', -1],
      ],
    });
  });

  it('adds the paths of alternate parents (a diamond counts twice, a cancelling pair 0)', () => {
    const d = new Dimension('D');
    for (const c of ['TOP', 'A', 'B', 'X', 'Y', 'NET']) d.addElement(c);
    d.addLink('TOP', 'A');
    d.addLink('TOP', 'B', 0.5);
    d.addLink('A', 'X');
    d.addLink('B', 'X', 3);
    d.addLink('A', 'Y');
    d.addLink('NET', 'X', 1);
    d.addLink('NET', 'A', -1);
    expect(rollupByCode(d, ['TOP', 'A', 'B', 'X', 'Y', 'NET'])).toEqual({
      TOP: [],
      A: [
        ['TOP', 1],
        ['NET', -1],
      ],
      B: [['TOP', 0.5]],
      // TOP: 1·1 + 0.5·3 = 2.5; NET: 1 − 1·1 = 0
      X: [
        ['TOP', 2.5],
        ['A', 1],
        ['B', 3],
        ['NET', 0],
      ],
      Y: [
        ['TOP', 1],
        ['A', 1],
        ['NET', -1],
      ],
      NET: [],
    });
  });

  it('predicts exactly how the engine moves every shown total when a leaf cell changes', () => {
    const acct = accountDimension();
    const scen = scenarioDimension();
    const cube = new Cube('C', [acct, scen]);
    const rows = resolveMembers(acct, [{ element: 'OPERATING_PROFIT', select: 'descendants' }]);
    rows.unshift({ code: 'OPERATING_PROFIT', id: acct.id('OPERATING_PROFIT'), depth: 0, leaf: false });
    const cols = resolveMembers(scen, [
      { element: 'BUDGET', select: 'self' },
      { element: 'ACTUAL', select: 'self' },
      { element: 'VARIANCE', select: 'self' },
    ]);
    const rr = axisRollup(acct, rows);
    const cr = axisRollup(scen, cols);
    const grid = () => rows.map((r) => cols.map((c) => cube.read([r.id, c.id])));
    cube.setCell(['NET_SALES', 'ACTUAL'], 50);
    cube.setCell(['SGA', 'BUDGET'], 7);
    for (const [r, c] of [
      [rows.findIndex((m) => m.code === 'COST_OF_SALES'), 0],
      [rows.findIndex((m) => m.code === 'SGA'), 1],
    ] as const) {
      const before = grid();
      const row = rows[r]!;
      const col = cols[c]!;
      const delta = 13;
      cube.setCell([row.id, col.id], cube.read([row.id, col.id]) + delta);
      const after = grid();
      const expected = before.map((line) => [...line]);
      for (const rl of [{ index: r, weight: 1 }, ...(rr[r] ?? [])])
        for (const cl of [{ index: c, weight: 1 }, ...(cr[c] ?? [])])
          expected[rl.index]![cl.index]! += delta * rl.weight * cl.weight;
      expect(after).toEqual(expected);
    }
  });
});

const admin: CubeRights = { admin: true, groups: [] };

function world() {
  const dept = departmentDimension();
  const scen = scenarioDimension();
  const cube = new Cube('C', [dept, scen]);
  cube.setCell(['SALES', 'BUDGET'], 300);
  cube.setCell(['MANUFACTURING', 'BUDGET'], 100);
  return { dept, scen, cube };
}

const cell = (row: string, column: string, value: number, base?: number, index = 0): FormCellWrite => ({
  row,
  column,
  coords: [row, column],
  value,
  base,
  index,
});

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('applyFormWrite', () => {
  it('refuses every cell whose value moved since it was loaded, before writing anything', () => {
    const { cube } = world();
    const e = caught(() =>
      applyFormWrite(cube, admin, [
        cell('SALES', 'BUDGET', 310, 300),
        cell('MANUFACTURING', 'BUDGET', 120, 90),
        cell('ALL_DEPARTMENTS', 'BUDGET', 999, 380),
      ]),
    );
    expect(e.code).toBe('FORM_SAVE_CONFLICT');
    expect(e.params).toEqual({ count: 2 });
    expect(e.details.conflicts).toEqual([
      { row: 'MANUFACTURING', column: 'BUDGET', base: 90, theirs: 100, yours: 120 },
      { row: 'ALL_DEPARTMENTS', column: 'BUDGET', base: 380, theirs: 400, yours: 999 },
    ]);
    expect(cube.read(['SALES', 'BUDGET'])).toBe(300);
  });

  it('writes leaves and spreads totals proportionally, holding the leaves written with them', () => {
    const { cube } = world();
    const { spread } = applyFormWrite(cube, admin, [
      cell('ALL_DEPARTMENTS', 'BUDGET', 800, 400),
      cell('ADMINISTRATION', 'BUDGET', 200, 0),
    ]);
    expect(spread.size).toBe(1);
    // ADMINISTRATION is held at 200; the other 600 goes 3:1 over SALES and MANUFACTURING.
    expect(cube.read(['SALES', 'BUDGET'])).toBe(450);
    expect(cube.read(['MANUFACTURING', 'BUDGET'])).toBe(150);
    expect(cube.read(['ADMINISTRATION', 'BUDGET'])).toBe(200);
    expect(cube.read(['ALL_DEPARTMENTS', 'BUDGET'])).toBe(800);
  });

  it('spreads equally when every leaf is zero, and through a negative weight', () => {
    const { cube } = world();
    applyFormWrite(cube, admin, [cell('ALL_DEPARTMENTS', 'FORECAST', 90)]);
    expect(['SALES', 'MANUFACTURING', 'ADMINISTRATION'].map((d) => cube.read([d, 'FORECAST']))).toEqual([
      30, 30, 30,
    ]);
    // VARIANCE = ACTUAL − BUDGET, BUDGET held: ACTUAL moves.
    applyFormWrite(cube, admin, [cell('SALES', 'BUDGET', 300), cell('SALES', 'VARIANCE', 20)]);
    expect(cube.read(['SALES', 'ACTUAL'])).toBe(320);
    expect(cube.read(['SALES', 'VARIANCE'])).toBe(20);
  });

  it('refuses a spread reaching a leaf the user may not write (the store reverts what it changed)', () => {
    const { cube, dept } = world();
    const changes: ChangeSet[] = [];
    const stop = cube.onChange((cs) => changes.push(cs));
    // A hand-made right: write on the total, read only on MANUFACTURING.
    const rights: CubeRights = {
      admin: false,
      groups: [
        {
          groupId: 'g',
          groupName: 'g',
          access: 'write',
          restricted: new Map([
            [
              'Department',
              new Map([
                [dept.id('ALL_DEPARTMENTS'), 2],
                [dept.id('SALES'), 2],
                [dept.id('MANUFACTURING'), 1],
                [dept.id('ADMINISTRATION'), 2],
              ]),
            ],
          ]),
          grants: new Map(),
        },
      ],
    };
    const e = caught(() =>
      applyFormWrite(cube, rights, [
        cell('SALES', 'BUDGET', 1, 300, 0),
        cell('ALL_DEPARTMENTS', 'BUDGET', 800, 400, 1),
      ]),
    );
    stop();
    expect(e.code).toBe('FORBIDDEN');
    expect(e.issues).toEqual([{ path: '/cells/1', code: 'no_write_right' }]);
    expect(changes.length).toBeGreaterThan(0);
  });

  describe('spreading choices (issue 18)', () => {
    const held = (row: string, column: string) => ({ row, column, coords: [row, column] });
    const depts = ['SALES', 'MANUFACTURING', 'ADMINISTRATION'];
    const budget = (cube: Cube) => depts.map((d) => cube.read([d, 'BUDGET']));

    it('spreads proportionally by default and when asked', () => {
      for (const spread of [undefined, { mode: 'proportional' as const }]) {
        const { cube } = world();
        applyFormWrite(cube, admin, [{ ...cell('ALL_DEPARTMENTS', 'BUDGET', 800, 400), spread }]);
        expect(budget(cube)).toEqual([600, 200, 0]);
      }
    });

    it('spreads equally over every leaf, zeros included, when asked', () => {
      const { cube } = world();
      const { spread } = applyFormWrite(cube, admin, [
        { ...cell('ALL_DEPARTMENTS', 'BUDGET', 900, 400), spread: { mode: 'equal' } },
      ]);
      expect(spread.size).toBe(1);
      expect(budget(cube)).toEqual([300, 300, 300]);
    });

    it('keeps the locked cells and spreads the rest, in either mode', () => {
      const proportional = world().cube;
      applyFormWrite(proportional, admin, [
        {
          ...cell('ALL_DEPARTMENTS', 'BUDGET', 1000, 400),
          spread: { hold: [held('SALES', 'BUDGET')] },
        },
      ]);
      // SALES keeps 300; 700 over MANUFACTURING (100) and ADMINISTRATION (0) in proportion.
      expect(budget(proportional)).toEqual([300, 700, 0]);

      const equal = world().cube;
      applyFormWrite(equal, admin, [
        {
          ...cell('ALL_DEPARTMENTS', 'BUDGET', 1000, 400),
          spread: { mode: 'equal', hold: [held('SALES', 'BUDGET')] },
        },
      ]);
      expect(budget(equal)).toEqual([300, 350, 350]);
    });

    it('holds a locked total (its leaves) below the typed one', () => {
      const { cube } = world();
      cube.setCell(['SALES', 'ACTUAL'], 50);
      // VARIANCE = ACTUAL − BUDGET: with the budgets locked, only the actuals move.
      applyFormWrite(cube, admin, [
        {
          ...cell('ALL_DEPARTMENTS', 'VARIANCE', 100),
          spread: { hold: [held('ALL_DEPARTMENTS', 'BUDGET')] },
        },
      ]);
      expect(budget(cube)).toEqual([300, 100, 0]);
      expect(cube.read(['ALL_DEPARTMENTS', 'ACTUAL'])).toBe(500);
      expect(cube.read(['ALL_DEPARTMENTS', 'VARIANCE'])).toBe(100);
    });

    it('refuses a held cell that does not lie under the total, before writing anything', () => {
      const { cube } = world();
      const e = caught(() =>
        applyFormWrite(cube, admin, [
          cell('SALES', 'FORECAST', 5, undefined, 0),
          {
            ...cell('ALL_DEPARTMENTS', 'BUDGET', 1000, 400, 1),
            spread: { hold: [held('SALES', 'BUDGET'), held('SALES', 'FORECAST')] },
          },
        ]),
      );
      expect(e.code).toBe('FORM_SPREAD_HOLD_OUTSIDE');
      expect(e.params).toEqual({ cell: 'ALL_DEPARTMENTS × BUDGET', held: 'SALES × FORECAST' });
      expect(e.issues).toEqual([{ path: '/cells/1/spread/hold/1', code: 'hold_outside' }]);
      expect(cube.read(['SALES', 'FORECAST'])).toBe(0);
    });

    it('refuses a spread with no free leaf as FORM_SPREAD_NO_FREE_LEAF (in either mode)', () => {
      for (const mode of ['proportional', 'equal'] as const) {
        const { cube } = world();
        const e = caught(() =>
          applyFormWrite(cube, admin, [
            cell('ADMINISTRATION', 'BUDGET', 7, 0, 0),
            {
              ...cell('ALL_DEPARTMENTS', 'BUDGET', 1000, 400, 1),
              spread: { mode, hold: [held('SALES', 'BUDGET'), held('MANUFACTURING', 'BUDGET')] },
            },
          ]),
        );
        expect(e.code).toBe('FORM_SPREAD_NO_FREE_LEAF');
        expect(e.params).toEqual({ cell: 'ALL_DEPARTMENTS × BUDGET' });
        expect(e.issues).toEqual([{ path: '/cells/1', code: 'no_free_leaf' }]);
      }
      // A total typed as exactly what its held cells already sum to needs no free leaf.
      const { cube } = world();
      applyFormWrite(cube, admin, [
        {
          ...cell('ALL_DEPARTMENTS', 'BUDGET', 400, 400),
          spread: { hold: depts.map((d) => held(d, 'BUDGET')) },
        },
      ]);
      expect(budget(cube)).toEqual([300, 100, 0]);
    });
  });
});
