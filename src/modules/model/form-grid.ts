import type { Dimension } from '../../engine/index.js';
import type { Actor } from '../../platform/audit/audit-log.js';
import type { UserTable } from '../../platform/db/types.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { effective, listObjects, presentObject } from './catalogue.js';
import { dimensionIdsOf, writeCells } from './cube-service.js';
import { closedUnitChecker, workflowsOfCube } from '../workflow/guard.js';
import { workflowDb } from '../workflow/tables.js';
import { elementName } from './dimension-ops.js';
import { translated } from './errors.js';
import { chooseFixed, resolveMembers, type AxisMember } from './form-resolve.js';
import type { FormMember, OpenFormResponse, SaveCellsBody } from './form-schemas.js';
import { formFor } from './form-service.js';
import { assertDrillReadable, drillMembers, withComputedMembers } from './form-report.js';
import { cubeIdByCode, cubeShape, readDefinition } from './form-store.js';
import { localiseIssues, validateDefinition } from './form-validate.js';
import { cubeLockChecker } from './lock-guard.js';
import { cellLevel, cubeRights } from './rights.js';
import { cubeStore } from './store.js';
import { modelDb } from './tables.js';

/**
 * Opening a form (its grid for this user and these fixed choices) and saving its input cells.
 * Values are masked per cell by the cube rights exactly as `readGrid` does (hidden → null);
 * a cell is an input cell only when the form makes it one and the user may write the form and
 * the cell. Writes go through the cube service's `writeCells` (all or nothing, audited).
 */
async function formState(
  ctx: TenantContext,
  user: UserTable,
  id: string,
  choices: Record<string, string>,
  drill?: string,
) {
  const db = modelDb(ctx.db.kysely);
  const { row, level } = await formFor(db, user, id);
  const def = await readDefinition(db, id);
  if (!def) throw new AppError('FORM_NOT_DEFINED');
  if (validateDefinition(def, await cubeShape(db, def.cube)).length) throw new AppError('FORM_OUT_OF_DATE');
  const cubeId = (await cubeIdByCode(db, def.cube)) as string;
  const cube = await translated(() => cubeStore.loadCube(ctx.db, cubeId));
  const rights = await cubeRights(db, user, cubeId, cube, await dimensionIdsOf(db, cubeId));
  const dimOf = (code: string) => cube.dimensions[cube.dimIndex(code)] as Dimension;
  const rowDim = dimOf(def.rows.dimension);
  const rows = resolveMembers(
    rowDim,
    drill === undefined ? def.rows.members : drillMembers(def, rowDim, drill),
  );
  const columns = resolveMembers(dimOf(def.columns.dimension), def.columns.members);
  const fixed = chooseFixed(dimOf, def.fixed, choices);
  const ids = new Int32Array(cube.dimensions.length);
  for (const f of fixed) ids[cube.dimIndex(f.dimension)] = dimOf(f.dimension).id(f.element);
  const rd = cube.dimIndex(def.rows.dimension);
  const cd = cube.dimIndex(def.columns.dimension);
  const fixedLeaf = fixed.every((f) => dimOf(f.dimension).isLeaf(f.element));
  const readOnly = new Set(def.readOnly);
  // Consolidated input cells (`input: 'all'`) need spreading (#7); until then only leaf cells take input.
  const formInput = def.type === 'input' && def.input !== 'none' && level === 2 && fixedLeaf;
  // Locked periods and submitted/approved workflow units are shown as not enterable (the cube
  // store's write guard refuses them anyway, with its own message).
  const locked = await cubeLockChecker(db, cubeId, cube);
  const closed = closedUnitChecker(cube, await workflowsOfCube(workflowDb(ctx.db.kysely), cubeId));
  const readable: boolean[][] = [];
  /** Input cells by the form and the rights (what a save may write). */
  const writable: boolean[][] = [];
  /** …and not locked or closed (what the screen offers). */
  const input: boolean[][] = [];
  for (const r of rows) {
    const rr: boolean[] = [];
    const rw: boolean[] = [];
    const ri: boolean[] = [];
    for (const c of columns) {
      ids[rd] = r.id;
      ids[cd] = c.id;
      const lv = cellLevel(rights, cube, ids);
      const w = formInput && lv === 2 && r.leaf && c.leaf && !readOnly.has(r.code) && !readOnly.has(c.code);
      rr.push(lv > 0);
      rw.push(w);
      ri.push(w && locked?.(ids) === undefined && closed?.(ids) === undefined);
    }
    readable.push(rr);
    writable.push(rw);
    input.push(ri);
  }
  if (drill !== undefined) assertDrillReadable(drill, readable);
  return { row, def, cube, cubeId, rights, dimOf, rows, columns, fixed, readable, writable, input };
}

const present = (dim: Dimension, m: AxisMember): FormMember => ({
  code: m.code,
  name: elementName(dim, m.id),
  depth: m.depth,
  leaf: m.leaf,
});

export async function openForm(
  ctx: TenantContext,
  user: UserTable,
  id: string,
  choices: Record<string, string>,
  drill?: string,
): Promise<OpenFormResponse> {
  const st = await formState(ctx, user, id, choices, drill);
  const { def, cube } = st;
  const rowDim = st.dimOf(def.rows.dimension);
  const colDim = st.dimOf(def.columns.dimension);
  const values = await translated(async () => {
    const grid = cube.readGrid({
      rows: { dimension: def.rows.dimension, elements: st.rows.map((m) => m.id) },
      columns: { dimension: def.columns.dimension, elements: st.columns.map((m) => m.id) },
      fixed: Object.fromEntries(st.fixed.map((f) => [f.dimension, f.element])),
    });
    return st.rows.map((_, r) =>
      st.columns.map((__, c) => (st.readable[r]?.[c] ? (grid.values[r * grid.columns + c] ?? 0) : null)),
    );
  });
  // Rows and columns the user may read no cell of are left out: their names are not for them either.
  const keepRows = st.rows.flatMap((_, r) => (st.readable[r]?.some(Boolean) ? [r] : []));
  const keepCols = st.columns.flatMap((_, c) => (st.readable.some((line) => line[c]) ? [c] : []));
  const pick = <T>(m: T[][]) => keepRows.map((r) => keepCols.map((c) => m[r]?.[c] as T));
  const names = new Set(cube.dimensions.map((d) => d.name));
  const dimensionNames = Object.fromEntries(
    (await listObjects(modelDb(ctx.db.kysely), { kind: 'dimension' }))
      .filter((d) => names.has(d.code))
      .map((d) => {
        const e = effective(d);
        return [d.code, { ja: e.nameJa, en: e.nameEn }];
      }),
  );
  return withComputedMembers(st, {
    form: presentObject(st.row, ctx.tenant.time_zone),
    type: def.type,
    rowDimension: def.rows.dimension,
    columnDimension: def.columns.dimension,
    dimensionNames,
    rows: keepRows.map((r) => present(rowDim, st.rows[r] as AxisMember)),
    columns: keepCols.map((c) => present(colDim, st.columns[c] as AxisMember)),
    fixed: st.fixed.map((f) => {
      const dim = st.dimOf(f.dimension);
      return {
        dimension: f.dimension,
        element: f.element,
        name: elementName(dim, dim.id(f.element)),
        ...(f.choices
          ? { choices: f.choices.map((code) => ({ code, name: elementName(dim, dim.id(code)) })) }
          : {}),
      };
    }),
    values: pick(values),
    input: pick(st.input),
    format: def.format,
  });
}

/** Saves input cells of a form: every cell must be an input cell for this user, or nothing is written. */
export async function saveFormCells(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  id: string,
  body: SaveCellsBody,
  locale: Locale,
  actor: Actor,
): Promise<{ changed: number }> {
  const st = await formState(ctx, user, id, body.choices ?? {});
  const rowIx = new Map(st.rows.map((m, i) => [m.code, i]));
  const colIx = new Map(st.columns.map((m, i) => [m.code, i]));
  const issues = body.cells.flatMap((c, i) => [
    ...(rowIx.has(c.row) ? [] : [{ path: `/cells/${i}/row`, code: 'form_not_on_axis' }]),
    ...(colIx.has(c.column) ? [] : [{ path: `/cells/${i}/column`, code: 'form_not_on_axis' }]),
  ]);
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues: localiseIssues(locale, issues) });
  for (const [i, c] of body.cells.entries()) {
    if (!st.writable[rowIx.get(c.row) ?? -1]?.[colIx.get(c.column) ?? -1])
      throw new AppError('FORM_CELL_NOT_INPUT', {
        params: { cell: `${c.row} × ${c.column}` },
        issues: [{ path: `/cells/${i}`, code: 'not_input' }],
      });
  }
  const fixed = Object.fromEntries(st.fixed.map((f) => [f.dimension, f.element]));
  return writeCells(
    deps,
    ctx,
    user,
    st.cubeId,
    {
      cells: body.cells.map((c) => ({
        coords: { ...fixed, [st.def.rows.dimension]: c.row, [st.def.columns.dimension]: c.column },
        value: c.value,
      })),
    },
    actor,
  );
}
