import { describe, expect, it } from 'vitest';
import { orderTotals } from './form-order.js';
import { resolveMembers } from './form-resolve.js';
import { accountDimension } from './standard.js';
import type { MemberSpec } from './definitions.js';

/** Statement order of rows (issue 18 point 4) over the standard P&L. */
const order = (specs: MemberSpec[], totals?: 'above' | 'below') => {
  const d = accountDimension();
  return orderTotals(d, resolveMembers(d, specs), totals).map((m) => `${m.code}:${m.depth}`);
};
const PL: MemberSpec[] = [
  { element: 'OPERATING_PROFIT', select: 'self' },
  { element: 'OPERATING_PROFIT', select: 'descendants' },
];

describe('orderTotals', () => {
  it('keeps the order of the member specs when totals stand above (and when unset)', () => {
    const above = ['OPERATING_PROFIT:0', 'GROSS_PROFIT:1', 'NET_SALES:2', 'COST_OF_SALES:2', 'SGA:1'];
    expect(order(PL, 'above')).toEqual(above);
    expect(order(PL)).toEqual(above);
  });

  it('puts every total after its details, recursively, in 損益計算書 order (depth kept)', () => {
    expect(order(PL, 'below')).toEqual([
      'NET_SALES:2',
      'COST_OF_SALES:2',
      'GROSS_PROFIT:1',
      'SGA:1',
      'OPERATING_PROFIT:0',
    ]);
  });

  it('leaves a total already below its details where it is, and moves only runs of its own details', () => {
    // descendants then self: the forms of the demo; a second, unrelated total keeps its place.
    const specs: MemberSpec[] = [
      { element: 'OPERATING_PROFIT', select: 'descendants' },
      { element: 'OPERATING_PROFIT', select: 'self' },
    ];
    expect(order(specs, 'below')).toEqual([
      'NET_SALES:2',
      'COST_OF_SALES:2',
      'GROSS_PROFIT:1',
      'SGA:1',
      'OPERATING_PROFIT:0',
    ]);
    expect(
      order(
        [
          { element: 'SGA', select: 'self' },
          { element: 'GROSS_PROFIT', select: 'self' },
        ],
        'below',
      ),
    ).toEqual(['SGA:0', 'GROSS_PROFIT:0']);
  });

  it('follows alternate parents and a total shown twice nowhere (duplicates removed before)', () => {
    const d = accountDimension();
    d.addElement('COSTS');
    d.addLink('COSTS', 'COST_OF_SALES');
    d.addLink('COSTS', 'SGA');
    const rows = resolveMembers(d, [
      { element: 'COSTS', select: 'self' },
      { element: 'COSTS', select: 'children' },
      { element: 'NET_SALES', select: 'self' },
    ]);
    expect(orderTotals(d, rows, 'below').map((m) => m.code)).toEqual([
      'COST_OF_SALES',
      'SGA',
      'COSTS',
      'NET_SALES',
    ]);
  });
});
