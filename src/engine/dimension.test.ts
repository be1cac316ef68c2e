import { describe, expect, it } from 'vitest';
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

describe('Dimension', () => {
  it('resolves ids and codes and keeps order', () => {
    const d = new Dimension('Account');
    const a = d.addElement('A', { label: 'Alpha' });
    const b = d.addElement('B');
    expect(d.id('B')).toBe(b);
    expect(d.code(a)).toBe('A');
    expect(d.attribute('A', 'label')).toBe('Alpha');
    d.setAttribute(b, 'sign', -1);
    expect(d.attributes('B')).toEqual({ sign: -1 });
    d.reorder(['B', 'A']);
    expect(d.elements()).toEqual([b, a]);
  });

  it('refuses cycles, including through several levels and self-links', () => {
    const d = new Dimension('D');
    for (const c of ['T', 'X', 'Y', 'L']) d.addElement(c);
    d.addLink('T', 'X');
    d.addLink('X', 'Y');
    d.addLink('Y', 'L');
    expect(codeOf(() => d.addLink('L', 'T'))).toBe('ENGINE_CYCLE');
    expect(codeOf(() => d.addLink('Y', 'X'))).toBe('ENGINE_CYCLE');
    expect(codeOf(() => d.addLink('X', 'X'))).toBe('ENGINE_CYCLE');
    try {
      d.addLink('L', 'T');
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      expect((e as EngineError).params).toEqual({ dimension: 'D', parent: 'L', child: 'T' });
    }
    // A diamond (two parents) is not a cycle.
    d.addLink('T', 'Y');
    expect(d.parents('Y').sort()).toEqual([d.id('T'), d.id('X')].sort());
  });

  it('reports each error with a stable code', () => {
    const d = new Dimension('D');
    d.addElement('P');
    d.addElement('C');
    d.addLink('P', 'C');
    expect(codeOf(() => d.id('nope'))).toBe('ENGINE_UNKNOWN_ELEMENT');
    expect(codeOf(() => d.id(7))).toBe('ENGINE_UNKNOWN_ELEMENT');
    expect(codeOf(() => d.addElement('P'))).toBe('ENGINE_DUPLICATE_ELEMENT');
    expect(codeOf(() => d.addLink('P', 'C'))).toBe('ENGINE_DUPLICATE_LINK');
    expect(codeOf(() => d.removeLink('C', 'P'))).toBe('ENGINE_UNKNOWN_LINK');
    expect(codeOf(() => d.addLink('C', 'P', Number.NaN))).toBe('ENGINE_INVALID_WEIGHT');
    expect(codeOf(() => d.reorder(['P']))).toBe('ENGINE_INVALID_ORDER');
    expect(codeOf(() => d.reorder(['P', 'P']))).toBe('ENGINE_INVALID_ORDER');
  });

  it('computes path weights as the sum over paths of the product of link weights', () => {
    const d = new Dimension('D');
    for (const c of ['T', 'X', 'Y', 'L1', 'L2']) d.addElement(c);
    d.addLink('T', 'X', 2);
    d.addLink('T', 'Y', -1);
    d.addLink('X', 'L1', 0.5);
    d.addLink('Y', 'L1', 3);
    d.addLink('Y', 'L2');
    const cl = d.closure();
    // L1: 2×0.5 + (−1)×3 = −2 ; L2: −1
    expect(cl.weight(d.id('T'), d.id('L1'))).toBe(-2);
    expect(cl.weight(d.id('T'), d.id('L2'))).toBe(-1);
    expect(cl.weight(d.id('X'), d.id('L2'))).toBe(0);
    expect(cl.leafCountOf(d.id('T'))).toBe(2);
    expect(Array.from(cl.leaves)).toEqual([d.id('L1'), d.id('L2')]);
    expect(cl.isUnit[d.id('T')]).toBe(0);
    d.removeLink('T', 'Y');
    expect(d.closure().weight(d.id('T'), d.id('L1'))).toBe(1);
    expect(d.roots()).toEqual([d.id('T'), d.id('Y')]);
  });

  it('notifies listeners of structural changes', () => {
    const d = new Dimension('D');
    const events: string[] = [];
    const off = d.onChange((e) => events.push(e.type));
    d.addElement('A');
    d.addElement('B');
    d.addLink('A', 'B');
    d.removeLink('A', 'B');
    off();
    d.addElement('C');
    expect(events).toEqual(['elementAdded', 'elementAdded', 'linkAdded', 'linkRemoved']);
  });
});
