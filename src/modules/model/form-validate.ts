import type { FieldIssue } from '../../platform/errors/app-error.js';
import type { Locale } from '../../platform/i18n/index.js';
import { translateDynamic } from '../../platform/i18n/translate.js';
import type { AxisSpec, FormDefinition, MemberSpec, NumberFormat } from './definitions.js';

/**
 * Validation of a form definition against the tenant's model (pure): the cube exists, each of
 * its dimensions is on rows, on columns or fixed exactly once, every element code exists, and
 * computed members (reports only) have a code of their own and two different source elements.
 */
export interface CubeShape {
  /** Dimensions of the cube in its order: code and element codes. */
  dimensions: { code: string; elements: ReadonlySet<string> }[];
}

export interface DefinitionIssue {
  path: string;
  code: string;
  params?: Record<string, string>;
}

export function validateDefinition(def: FormDefinition, cube: CubeShape | null): DefinitionIssue[] {
  if (!cube) return [{ path: '/cube', code: 'form_unknown_cube', params: { name: def.cube } }];
  const issues: DefinitionIssue[] = [];
  const byCode = new Map(cube.dimensions.map((d) => [d.code, d]));
  const used = new Map<string, string>();
  const place = (dimension: string, path: string): boolean => {
    if (!byCode.has(dimension)) {
      issues.push({ path, code: 'form_dimension_not_in_cube', params: { name: dimension, cube: def.cube } });
      return false;
    }
    if (used.has(dimension)) {
      issues.push({ path, code: 'form_dimension_twice', params: { name: dimension } });
      return false;
    }
    used.set(dimension, path);
    return true;
  };
  const element = (dimension: string, code: string, path: string) => {
    if (!byCode.get(dimension)?.elements.has(code))
      issues.push({ path, code: 'form_unknown_element', params: { name: code, dimension } });
  };
  const members = (dimension: string, list: readonly MemberSpec[], path: string) =>
    list.forEach((m, i) => element(dimension, m.element, `${path}/${i}/element`));

  const computed = (axis: 'rows' | 'columns') => {
    const { dimension, computed: list = [] } = def[axis];
    const codes = new Set<string>();
    list.forEach((m, i) => {
      const path = `/${axis}/computed/${i}`;
      if (def.type !== 'report') issues.push({ path, code: 'form_computed_report_only' });
      if (byCode.get(dimension)?.elements.has(m.code) || codes.has(m.code))
        issues.push({ path: `${path}/code`, code: 'form_computed_code_taken', params: { name: m.code } });
      codes.add(m.code);
      element(dimension, m.of, `${path}/of`);
      element(dimension, m.base, `${path}/base`);
      if (m.of === m.base) issues.push({ path: `${path}/base`, code: 'form_computed_same' });
    });
  };
  if (place(def.rows.dimension, '/rows/dimension')) {
    members(def.rows.dimension, def.rows.members, '/rows/members');
    computed('rows');
  }
  if (place(def.columns.dimension, '/columns/dimension')) {
    members(def.columns.dimension, def.columns.members, '/columns/members');
    computed('columns');
  }
  def.fixed.forEach((f, i) => {
    if (!place(f.dimension, `/fixed/${i}/dimension`)) return;
    element(f.dimension, f.element, `/fixed/${i}/element`);
    if (f.choices) {
      members(f.dimension, f.choices, `/fixed/${i}/choices`);
      if (f.choices.length && !f.choices.some((c) => c.element === f.element && c.select === 'self'))
        issues.push({
          path: `/fixed/${i}/element`,
          code: 'form_default_not_choice',
          params: { name: f.element },
        });
    }
  });
  for (const d of cube.dimensions)
    if (!used.has(d.code))
      issues.push({ path: '/fixed', code: 'form_dimension_missing', params: { name: d.code } });
  const axisDims = [def.rows.dimension, def.columns.dimension];
  def.readOnly.forEach((code, i) => {
    if (!axisDims.some((d) => byCode.get(d)?.elements.has(code)))
      issues.push({
        path: `/readOnly/${i}`,
        code: 'form_unknown_element',
        params: { name: code, dimension: axisDims.join(' / ') },
      });
  });
  return issues;
}

const nfc = (code: string) => code.normalize('NFC');
const members = (list: readonly MemberSpec[]): MemberSpec[] =>
  list.map((m) => ({ element: nfc(m.element), select: m.select }));
const axis = (a: AxisSpec): AxisSpec => ({
  dimension: nfc(a.dimension),
  members: members(a.members),
  ...(a.computed?.length
    ? {
        computed: a.computed.map((c) => ({
          code: nfc(c.code),
          name: { ja: c.name.ja.normalize('NFC').trim(), en: c.name.en.normalize('NFC').trim() },
          kind: c.kind,
          of: nfc(c.of),
          base: nfc(c.base),
        })),
      }
    : {}),
});

/**
 * The definition with only its known fields, in a fixed order, codes in NFC: what is stored
 * (unknown properties a client sent are dropped, so they never reach the database or a package).
 */
export function normaliseDefinition(def: FormDefinition): FormDefinition {
  return {
    cube: nfc(def.cube),
    type: def.type,
    rows: axis(def.rows),
    columns: axis(def.columns),
    fixed: def.fixed.map((f) => ({
      dimension: nfc(f.dimension),
      element: nfc(f.element),
      userSelectable: f.userSelectable,
      ...(f.choices ? { choices: members(f.choices) } : {}),
    })),
    input: def.input,
    readOnly: def.readOnly.map(nfc),
    ...(def.format ? { format: normaliseFormat(def.format) } : {}),
    ...(def.totals ? { totals: def.totals } : {}),
  };
}

/** The number format with only its known fields (rounding and negative style when given). */
export function normaliseFormat(f: NumberFormat): NumberFormat {
  return {
    scale: f.scale,
    decimals: f.decimals,
    currency: f.currency,
    ...(f.rounding ? { rounding: f.rounding } : {}),
    ...(f.negative ? { negative: f.negative } : {}),
  };
}

/** Issues with their message in the user's language. */
export function localiseIssues(locale: Locale, issues: readonly DefinitionIssue[]): FieldIssue[] {
  return issues.map((i) => ({
    path: i.path,
    code: i.code,
    message: translateDynamic(locale, `fields.${i.code}`, i.params, i.code),
  }));
}

const axisText = (a: AxisSpec) =>
  `${a.dimension}: ${a.members.map((m) => `${m.element}(${m.select})`).join(', ')}${(a.computed ?? [])
    .map((c) => `, ${c.code} = ${c.kind}(${c.of}, ${c.base})`)
    .join('')}`;
const fixedText = (f: FormDefinition['fixed'][number]) =>
  `${f.dimension} = ${f.element}${f.userSelectable ? ' (user selectable)' : ''}${
    f.choices?.length ? ` [${f.choices.map((m) => `${m.element}(${m.select})`).join(', ')}]` : ''
  }`;

/** Human-readable differences between two definitions (empty = unchanged). */
export function diffDefinitions(before: FormDefinition | null, after: FormDefinition): string[] {
  if (!before) return [`new form over cube ${after.cube}`];
  const out: string[] = [];
  const change = (what: string, a: string, b: string) => {
    if (a !== b) out.push(`${what}: ${a || '—'} → ${b || '—'}`);
  };
  change('cube', before.cube, after.cube);
  change('type', before.type, after.type);
  change('rows', axisText(before.rows), axisText(after.rows));
  change('columns', axisText(before.columns), axisText(after.columns));
  change('fixed', before.fixed.map(fixedText).join('; '), after.fixed.map(fixedText).join('; '));
  change('input cells', before.input, after.input);
  change('read-only', before.readOnly.join(', '), after.readOnly.join(', '));
  const fmt = ({ format: f }: FormDefinition) =>
    f
      ? `scale ${f.scale}, ${f.decimals} decimals` +
        (f.rounding ? `, rounding ${f.rounding}` : '') +
        (f.negative ? `, negatives ${f.negative}` : '')
      : 'tenant default';
  change('format', fmt(before), fmt(after));
  change('total rows', before.totals ?? 'above', after.totals ?? 'above');
  return out;
}
