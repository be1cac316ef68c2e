import { describe, expect, it } from 'vitest';
import { Dimension } from '../../engine/index.js';
import { isAppError } from '../../platform/errors/app-error.js';
import type { FormDefinition } from './definitions.js';
import { chooseFixed, resolveMembers } from './form-resolve.js';
import {
  diffDefinitions,
  localiseIssues,
  normaliseDefinition,
  validateDefinition,
  type CubeShape,
} from './form-validate.js';

/** 全社 → 営業部 (東, 西), 管理部; plus a second root その他. */
function dept(): Dimension {
  const d = new Dimension('Dept');
  for (const c of ['ALL', 'SALES', 'EAST', 'WEST', 'ADMIN', 'OTHER']) d.addElement(c);
  d.addLink('ALL', 'SALES');
  d.addLink('SALES', 'EAST');
  d.addLink('SALES', 'WEST');
  d.addLink('ALL', 'ADMIN');
  return d;
}

const view = (d: Dimension, specs: Parameters<typeof resolveMembers>[1]) =>
  resolveMembers(d, specs).map((m) => `${m.code}:${m.depth}:${m.leaf ? 'L' : 'C'}`);

describe('resolveMembers', () => {
  it('expands self, children, leaves and descendants (parents before children) with depth', () => {
    const d = dept();
    expect(view(d, [{ element: 'ALL', select: 'self' }])).toEqual(['ALL:0:C']);
    expect(view(d, [{ element: 'ALL', select: 'children' }])).toEqual(['SALES:0:C', 'ADMIN:0:L']);
    expect(view(d, [{ element: 'ALL', select: 'leaves' }])).toEqual(['EAST:0:L', 'WEST:0:L', 'ADMIN:0:L']);
    expect(view(d, [{ element: 'ALL', select: 'descendants' }])).toEqual([
      'SALES:0:C',
      'EAST:1:L',
      'WEST:1:L',
      'ADMIN:0:L',
    ]);
    expect(view(d, [{ element: 'EAST', select: 'leaves' }])).toEqual(['EAST:0:L']);
    expect(view(d, [{ element: 'EAST', select: 'children' }])).toEqual([]);
  });

  it('indents relative to the shallowest member and drops duplicates keeping the first', () => {
    const d = dept();
    expect(
      view(d, [
        { element: 'ALL', select: 'self' },
        { element: 'ALL', select: 'descendants' },
        { element: 'SALES', select: 'children' },
        { element: 'OTHER', select: 'self' },
      ]),
    ).toEqual(['ALL:0:C', 'SALES:1:C', 'EAST:2:L', 'WEST:2:L', 'ADMIN:1:L', 'OTHER:0:L']);
    expect(
      view(d, [
        { element: 'WEST', select: 'self' },
        { element: 'SALES', select: 'children' },
      ]),
    ).toEqual(['WEST:0:L', 'EAST:1:L']);
  });
});

describe('chooseFixed', () => {
  const d = dept();
  const dimOf = () => d;
  const fixed = [
    {
      dimension: 'Dept',
      element: 'EAST',
      userSelectable: true,
      choices: [
        { element: 'EAST', select: 'self' as const },
        { element: 'WEST', select: 'self' as const },
      ],
    },
  ];
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return isAppError(e) ? e.code : 'other';
    }
    return 'none';
  };

  it('takes the default, an allowed choice, and refuses others', () => {
    expect(chooseFixed(dimOf, fixed, {})).toEqual([
      { dimension: 'Dept', element: 'EAST', choices: ['EAST', 'WEST'] },
    ]);
    expect(chooseFixed(dimOf, fixed, { Dept: 'WEST' })[0]?.element).toBe('WEST');
    expect(code(() => chooseFixed(dimOf, fixed, { Dept: 'ADMIN' }))).toBe('FORM_CHOICE_INVALID');
    expect(code(() => chooseFixed(dimOf, fixed, { Dept: 'NOPE' }))).toBe('FORM_CHOICE_INVALID');
    expect(code(() => chooseFixed(dimOf, fixed, { Other: 'X' }))).toBe('FORM_CHOICE_INVALID');
  });

  it('offers every element without choices, and refuses changing a non-selectable dimension', () => {
    const open = [{ dimension: 'Dept', element: 'ALL', userSelectable: true }];
    expect(chooseFixed(dimOf, open, { Dept: 'OTHER' })[0]?.choices).toHaveLength(6);
    const locked = [{ dimension: 'Dept', element: 'ALL', userSelectable: false }];
    expect(chooseFixed(dimOf, locked, {})).toEqual([{ dimension: 'Dept', element: 'ALL' }]);
    expect(chooseFixed(dimOf, locked, { Dept: 'ALL' })).toHaveLength(1);
    expect(code(() => chooseFixed(dimOf, locked, { Dept: 'EAST' }))).toBe('FORM_CHOICE_INVALID');
  });
});

describe('validateDefinition', () => {
  const shape: CubeShape = {
    dimensions: [
      { code: 'Account', elements: new Set(['OP', 'SALES', 'COGS']) },
      { code: 'Dept', elements: new Set(['ALL', 'EAST']) },
      { code: 'Scenario', elements: new Set(['BUDGET', 'ACTUAL']) },
    ],
  };
  const good: FormDefinition = {
    cube: 'PL',
    type: 'input',
    rows: { dimension: 'Account', members: [{ element: 'OP', select: 'descendants' }] },
    columns: { dimension: 'Dept', members: [{ element: 'ALL', select: 'self' }] },
    fixed: [{ dimension: 'Scenario', element: 'BUDGET', userSelectable: true }],
    input: 'leaves',
    readOnly: [],
    format: { scale: 1000, decimals: 0, currency: 'JPY' },
  };

  it('accepts a definition that fits the cube', () => {
    expect(validateDefinition(good, shape)).toEqual([]);
  });

  it('reports an unknown cube', () => {
    expect(validateDefinition(good, null).map((i) => i.path)).toEqual(['/cube']);
  });

  it('reports unknown elements, missing, doubled and foreign dimensions with paths', () => {
    const bad: FormDefinition = {
      ...good,
      rows: {
        dimension: 'Account',
        members: [
          { element: 'OP', select: 'self' },
          { element: 'SALES', select: 'self' },
          { element: 'NOPE', select: 'self' },
        ],
      },
      columns: { dimension: 'Account', members: [{ element: 'OP', select: 'self' }] },
      fixed: [
        { dimension: 'Region', element: 'X', userSelectable: false },
        {
          dimension: 'Scenario',
          element: 'BUDGET',
          userSelectable: true,
          choices: [{ element: 'ACTUAL', select: 'self' }],
        },
      ],
      readOnly: ['ZZZ'],
    };
    const issues = validateDefinition(bad, shape);
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      '/rows/members/2/element form_unknown_element',
      '/columns/dimension form_dimension_twice',
      '/fixed/0/dimension form_dimension_not_in_cube',
      '/fixed/1/element form_default_not_choice',
      '/fixed form_dimension_missing',
      '/readOnly/0 form_unknown_element',
    ]);
    const ja = localiseIssues('ja', issues);
    const en = localiseIssues('en', issues);
    expect(ja[0]?.message).toBe('ディメンション Account に要素 NOPE はありません。');
    expect(en[0]?.message).toBe('The dimension Account has no element NOPE.');
    expect(en[4]?.message).toContain('Dept');
  });

  it('stores only known fields, codes in NFC', () => {
    const extra = { ...good, secret: 'x', rows: { ...good.rows, dimension: 'Acco\u0301unt', more: 1 } };
    const n = normaliseDefinition(extra);
    expect(n.rows.dimension).toBe('Accóunt');
    expect(JSON.stringify(n)).not.toContain('secret');
    expect(JSON.stringify(n)).not.toContain('more');
    expect(normaliseDefinition(good)).toEqual(good);
  });

  it('lists readable differences', () => {
    expect(diffDefinitions(null, good)).toEqual(['new form over cube PL']);
    expect(diffDefinitions(good, good)).toEqual([]);
    expect(diffDefinitions(good, { ...good, type: 'report', format: { ...good.format!, scale: 1 } })).toEqual(
      ['type: input → report', 'format: scale 1000, 0 decimals → scale 1, 0 decimals'],
    );
  });
});
