import type { FieldIssue } from '../../platform/errors/app-error.js';
import type { Locale } from '../../platform/i18n/index.js';
import { translateDynamic } from '../../platform/i18n/translate.js';
import type { FormDefinition, MemberSpec } from './definitions.js';

/**
 * Validation of a form definition against the tenant's model (pure): the cube exists, each of
 * its dimensions is on rows, on columns or fixed exactly once, and every element code exists.
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

  if (place(def.rows.dimension, '/rows/dimension'))
    members(def.rows.dimension, def.rows.members, '/rows/members');
  if (place(def.columns.dimension, '/columns/dimension'))
    members(def.columns.dimension, def.columns.members, '/columns/members');
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

/**
 * The definition with only its known fields, in a fixed order, codes in NFC: what is stored
 * (unknown properties a client sent are dropped, so they never reach the database or a package).
 */
export function normaliseDefinition(def: FormDefinition): FormDefinition {
  return {
    cube: nfc(def.cube),
    type: def.type,
    rows: { dimension: nfc(def.rows.dimension), members: members(def.rows.members) },
    columns: { dimension: nfc(def.columns.dimension), members: members(def.columns.members) },
    fixed: def.fixed.map((f) => ({
      dimension: nfc(f.dimension),
      element: nfc(f.element),
      userSelectable: f.userSelectable,
      ...(f.choices ? { choices: members(f.choices) } : {}),
    })),
    input: def.input,
    readOnly: def.readOnly.map(nfc),
    format: { scale: def.format.scale, decimals: def.format.decimals, currency: def.format.currency },
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

const axisText = (a: FormDefinition['rows']) =>
  `${a.dimension}: ${a.members.map((m) => `${m.element}(${m.select})`).join(', ')}`;
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
  const fmt = (d: FormDefinition) => `scale ${d.format.scale}, ${d.format.decimals} decimals`;
  change('format', fmt(before), fmt(after));
  return out;
}
