import { describe, expect, it } from 'vitest';
import type { ChangeSet } from './changes.js';
import { Cube } from './cube.js';
import { Dimension } from './dimension.js';
import { EngineError } from './errors.js';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof EngineError) return e.code;
    throw e;
  }
  return 'no error';
}

/** Account: Profit = Revenue(+1) − Cost(−1); Revenue = R1 + R2; Cost = C1. Scenario: Var = Act − Bud. */
function fixture(partitionDimensions?: string[]) {
  const acc = new Dimension('Account');
  for (const c of ['Profit', 'Revenue', 'Cost', 'R1', 'R2', 'C1']) acc.addElement(c);
  acc.addLink('Profit', 'Revenue');
  acc.addLink('Profit', 'Cost', -1);
  acc.addLink('Revenue', 'R1');
  acc.addLink('Revenue', 'R2');
  acc.addLink('Cost', 'C1');
  const scn = new Dimension('Scenario');
  for (const c of ['Act', 'Bud', 'Var']) scn.addElement(c);
  scn.addLink('Var', 'Act');
  scn.addLink('Var', 'Bud', -1);
  const per = new Dimension('Period');
  for (const c of ['Y', 'Jan', 'Feb']) per.addElement(c);
  per.addLink('Y', 'Jan');
  per.addLink('Y', 'Feb');
  const cube = new Cube('Plan', [acc, scn, per], partitionDimensions ? { partitionDimensions } : {});
  return { acc, scn, per, cube };
}

describe('Cube', () => {
  it('reads leaves and weighted consolidations after every write', () => {
    const { cube } = fixture();
    cube.setCell(['R1', 'Act', 'Jan'], 100);
    cube.setCell(['R2', 'Act', 'Feb'], 50);
    cube.setCell(['C1', 'Act', 'Jan'], 30);
    cube.setCell(['R1', 'Bud', 'Jan'], 80);
    expect(cube.read(['Profit', 'Act', 'Y'])).toBe(120);
    expect(cube.read(['Profit', 'Var', 'Y'])).toBe(40);
    expect(cube.read(['Revenue', 'Var', 'Jan'])).toBe(20);
    // cached now; a write must patch it
    cube.setCell(['C1', 'Act', 'Feb'], 10);
    expect(cube.read(['Profit', 'Act', 'Y'])).toBe(110);
    expect(cube.read(['Profit', 'Var', 'Y'])).toBe(30);
    cube.setCell(['R1', 'Act', 'Jan'], 0);
    expect(cube.read(['Profit', 'Act', 'Y'])).toBe(10);
    expect(cube.cellCount).toBe(4);
  });

  it('reads a grid with rows and columns in either dimension order', () => {
    for (const parts of [undefined, ['Scenario'], ['Period', 'Scenario']]) {
      const { cube } = fixture(parts);
      cube.setCell(['R1', 'Act', 'Jan'], 1);
      cube.setCell(['R2', 'Act', 'Feb'], 2);
      cube.setCell(['C1', 'Bud', 'Feb'], 4);
      const g = cube.readGrid({
        rows: { dimension: 'Account', elements: ['Profit', 'Revenue', 'C1'] },
        columns: { dimension: 'Period', elements: ['Jan', 'Feb', 'Y'] },
        fixed: { Scenario: 'Var' },
      });
      expect(Array.from(g.values)).toEqual([1, 6, 7, 1, 2, 3, 0, -4, -4]);
      const t = cube.readGrid({
        rows: { dimension: 'Period', elements: ['Jan', 'Feb', 'Y'] },
        columns: { dimension: 'Account', elements: ['Profit', 'Revenue', 'C1'] },
        fixed: { Scenario: 'Var' },
      });
      expect(Array.from(t.values)).toEqual([1, 1, 0, 6, 2, -4, 7, 3, -4]);
    }
  });

  it('returns and broadcasts exact leaf deltas', () => {
    const { cube } = fixture();
    const seen: ChangeSet[] = [];
    cube.onChange((cs) => seen.push(cs));
    cube.setCell(['R1', 'Act', 'Jan'], 5);
    const cs = cube.setCell(['R1', 'Act', 'Jan'], 7);
    expect(cs.toArray()).toEqual([
      { coords: Array.from(cube.resolve(['R1', 'Act', 'Jan'])), oldValue: 5, newValue: 7 },
    ]);
    expect(cube.setCell(['R1', 'Act', 'Jan'], 7).length).toBe(0);
    expect(seen.length).toBe(2);
  });

  it('spreads proportionally, equally and with holds, honouring negative weights', () => {
    const { cube } = fixture();
    cube.setCell(['R1', 'Act', 'Jan'], 60);
    cube.setCell(['R2', 'Act', 'Jan'], 40);
    cube.setCell(['C1', 'Act', 'Jan'], 50);
    cube.spread(['Profit', 'Act', 'Jan'], 100);
    // proportional: k = 100 / (60 + 40 − 50) = 2
    expect(cube.read(['R1', 'Act', 'Jan'])).toBe(120);
    expect(cube.read(['C1', 'Act', 'Jan'])).toBe(100);
    expect(cube.read(['Profit', 'Act', 'Jan'])).toBe(100);
    cube.spread(['Profit', 'Act', 'Jan'], 30, { mode: 'equal' });
    expect(cube.read(['R1', 'Act', 'Jan'])).toBe(10);
    expect(cube.read(['C1', 'Act', 'Jan'])).toBe(-10);
    expect(cube.read(['Profit', 'Act', 'Jan'])).toBe(30);
    cube.spread(['Profit', 'Act', 'Jan'], 0, { hold: [['R1', 'Act', 'Jan']] });
    expect(cube.read(['R1', 'Act', 'Jan'])).toBe(10);
    expect(cube.read(['Profit', 'Act', 'Jan'])).toBeCloseTo(0, 12);
    // all zero: proportional falls back to equal over every leaf (2 periods × 3 accounts)
    cube.spread(['Revenue', 'Bud', 'Y'], 8);
    expect(cube.read(['R2', 'Bud', 'Feb'])).toBe(2);
    // writing the variance moves Budget the other way
    cube.write(['R1', 'Var', 'Jan'], 4, { mode: 'equal' });
    expect(cube.read(['R1', 'Act', 'Jan'])).toBe(2);
    expect(cube.read(['R1', 'Bud', 'Jan'])).toBe(-2);
    expect(codeOf(() => cube.spread(['R1', 'Var', 'Jan'], 1, { hold: [['R1', 'Var', 'Jan']] }))).toBe(
      'ENGINE_SPREAD_NO_FREE_LEAF',
    );
    expect(codeOf(() => cube.spread(['Profit', 'Var', 'Y'], 1, { mode: 'equal', maxCells: 3 }))).toBe(
      'ENGINE_SPREAD_TOO_LARGE',
    );
  });

  it('clears and copies slices', () => {
    const { cube } = fixture();
    cube.setCell(['R1', 'Act', 'Jan'], 1);
    cube.setCell(['R2', 'Act', 'Feb'], 2);
    cube.setCell(['C1', 'Act', 'Feb'], 3);
    cube.setCell(['C1', 'Bud', 'Jan'], 9);
    cube.setCell(['R1', 'Bud', 'Feb'], 9);
    cube.copy('Scenario', 'Act', 'Bud', { Account: ['Revenue'] });
    expect(cube.read(['R2', 'Bud', 'Feb'])).toBe(2);
    expect(cube.read(['R1', 'Bud', 'Feb'])).toBe(0);
    expect(cube.read(['C1', 'Bud', 'Jan'])).toBe(9);
    const cs = cube.clear({ Period: ['Feb'], Scenario: ['Act'] });
    expect(cs.length).toBe(2);
    expect(cube.read(['Profit', 'Act', 'Y'])).toBe(1);
    expect(codeOf(() => cube.copy('Scenario', 'Var', 'Bud'))).toBe('ENGINE_NOT_LEAF');
  });

  it('bulk loads columns of ids', () => {
    const { cube, acc, scn, per } = fixture();
    const ids = [
      Int32Array.of(acc.id('R1'), acc.id('R2'), acc.id('R1')),
      Int32Array.of(scn.id('Act'), scn.id('Act'), scn.id('Act')),
      Int32Array.of(per.id('Jan'), per.id('Jan'), per.id('Jan')),
    ];
    expect(cube.load(ids, Float64Array.of(1, 2, 5))).toBe(3);
    expect(cube.read(['Revenue', 'Act', 'Jan'])).toBe(7);
    expect(
      codeOf(() => cube.load([Int32Array.of(0), Int32Array.of(0), Int32Array.of(1)], Float64Array.of(1))),
    ).toBe('ENGINE_NOT_LEAF');
  });

  it('stays correct after dimension edits (new elements, links, relayout)', () => {
    const { cube, acc } = fixture(['Scenario']);
    cube.setCell(['R1', 'Act', 'Jan'], 1);
    expect(cube.read(['Profit', 'Act', 'Y'])).toBe(1);
    for (let i = 0; i < 40; i++) {
      acc.addElement(`N${i}`);
      acc.addLink('Revenue', `N${i}`, i % 2 === 0 ? 1 : -1);
    }
    cube.setCell(['N38', 'Act', 'Jan'], 10);
    cube.setCell(['N39', 'Act', 'Jan'], 3);
    expect(cube.read(['Profit', 'Act', 'Y'])).toBe(8);
    acc.removeLink('Profit', 'Cost');
    acc.addLink('Profit', 'Cost', 2);
    cube.setCell(['C1', 'Act', 'Feb'], 1);
    expect(cube.read(['Profit', 'Act', 'Y'])).toBe(10);
    // a leaf that gets a child loses its own cells
    const cs = cube.setCell(['N0', 'Act', 'Jan'], 5);
    expect(cs.length).toBe(1);
    acc.addLink('N0', 'C1');
    expect(cube.read(['N0', 'Act', 'Y'])).toBe(1);
    expect(cube.read(['Revenue', 'Act', 'Y'])).toBe(9);
  });

  it('keeps text cells apart from numbers', () => {
    const { cube } = fixture();
    cube.setText(['Profit', 'Var', 'Y'], 'explain');
    expect(cube.getText(['Profit', 'Var', 'Y'])).toBe('explain');
    expect(cube.read(['Profit', 'Var', 'Y'])).toBe(0);
    cube.setText(['Profit', 'Var', 'Y'], undefined);
    expect(cube.textCells()).toEqual([]);
  });

  it('raises typed errors', () => {
    const { cube } = fixture();
    expect(codeOf(() => cube.setCell(['Profit', 'Act', 'Jan'], 1))).toBe('ENGINE_NOT_LEAF');
    expect(codeOf(() => cube.setCell(['R1', 'Act'], 1))).toBe('ENGINE_ARITY');
    expect(codeOf(() => cube.setCell(['R9', 'Act', 'Jan'], 1))).toBe('ENGINE_UNKNOWN_ELEMENT');
    expect(codeOf(() => cube.setCell(['R1', 'Act', 'Jan'], Number.POSITIVE_INFINITY))).toBe(
      'ENGINE_INVALID_VALUE',
    );
    expect(codeOf(() => cube.clear({ Nope: ['X'] }))).toBe('ENGINE_UNKNOWN_DIMENSION');
    const d = new Dimension('Account');
    expect(codeOf(() => new Cube('X', [d, d]))).toBe('ENGINE_DUPLICATE_DIMENSION');
    try {
      cube.setCell(['Profit', 'Act', 'Jan'], 1);
    } catch (e) {
      expect((e as EngineError).params).toEqual({ dimension: 'Account', element: 'Profit' });
    }
  });
});
