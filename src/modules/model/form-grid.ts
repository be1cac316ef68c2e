import { checkCellBudget, oneAtATime } from '../../platform/server/bounded-work.js';
import { effectiveFormat } from './number-format-settings.js';
import { ChangeSet, type Cube, type Dimension } from '../../engine/index.js';
import type { Actor } from '../../platform/audit/audit-log.js';
import type { UserTable } from '../../platform/db/types.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { historyPage } from '../entry/history-service.js';
import { recordHistory } from '../entry/history-record.js';
import type { HistoryResponse } from '../entry/schemas.js';
import type { CellSource } from '../entry/tables.js';
import { effective, listObjects, objectById, presentObject } from './catalogue.js';
import { AUDIT_CELLS, coordsOf, cubeWritten, dimensionIdsOf } from './cube-service.js';
import { closedUnitChecker, workflowsOfCube } from '../workflow/guard.js';
import { workflowDb } from '../workflow/tables.js';
import { elementName } from './dimension-ops.js';
import { translated } from './errors.js';
import { orderTotals } from './form-order.js';
import { axisRollup, chooseFixed, resolveMembers, type AxisMember } from './form-resolve.js';
import type { FormHistoryBody, FormMember, OpenFormResponse, SaveCellsBody } from './form-schemas.js';
import { formFor } from './form-service.js';
import { assertDrillReadable, drillMembers, withComputedMembers } from './form-report.js';
import { cubeIdByCode, cubeShape, readDefinition } from './form-store.js';
import { localiseIssues, validateDefinition } from './form-validate.js';
import { applyFormWrite, type FormCellWrite } from './form-write.js';
import { cubeLockChecker } from './lock-guard.js';
import { cellLevel, cubeRights } from './rights.js';
import { cubeStore } from './store.js';
import { SENSE_ATTRIBUTE, senseOf } from './variance-sense.js';
import { modelDb } from './tables.js';

/**
 * Opening a form (its grid for this user and these fixed choices) and saving its input cells.
 * Values are masked per cell by the cube rights exactly as `readGrid` does (hidden → null);
 * a cell is an input cell only when the form makes it one and the user may write the form and
 * the cell. A save runs inside the cube store's write queue (`cubeStore.run` + `applyFormWrite`):
 * conflict check, leaf writes and spreads, rights on every changed leaf, then history and audit
 * in the write's transaction — all or nothing.
 */
export async function formState(
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
  const rows = orderTotals(
    rowDim,
    resolveMembers(rowDim, drill === undefined ? def.rows.members : drillMembers(def, rowDim, drill)),
    def.totals,
  );
  const columns = resolveMembers(dimOf(def.columns.dimension), def.columns.members);
  checkCellBudget(rows.length * columns.length, ctx.maxCells);
  const fixed = chooseFixed(dimOf, def.fixed, choices);
  const ids = new Int32Array(cube.dimensions.length);
  for (const f of fixed) ids[cube.dimIndex(f.dimension)] = dimOf(f.dimension).id(f.element);
  const rd = cube.dimIndex(def.rows.dimension);
  const cd = cube.dimIndex(def.columns.dimension);
  const fixedLeaf = fixed.every((f) => dimOf(f.dimension).isLeaf(f.element));
  const readOnly = new Set(def.readOnly);
  // `leaves`: leaf cells only; `all`: consolidated cells too (a value typed there is spread over
  // its leaves on save, see applyFormWrite).
  const formInput = def.type === 'input' && def.input !== 'none' && level === 2;
  const consolidatedInput = def.input === 'all';
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
      const w =
        formInput &&
        lv === 2 &&
        (consolidatedInput || (r.leaf && c.leaf && fixedLeaf)) &&
        !readOnly.has(r.code) &&
        !readOnly.has(c.code);
      rr.push(lv > 0);
      rw.push(w);
      ri.push(w && !touches(cube, locked, ids) && !touches(cube, closed, ids));
    }
    readable.push(rr);
    writable.push(rw);
    input.push(ri);
  }
  if (drill !== undefined) assertDrillReadable(drill, readable);
  return { row, def, cube, cubeId, rights, dimOf, rows, columns, fixed, readable, writable, input };
}

/**
 * True when `check` (locked slices, closed workflow units) hits the cell or, for a consolidated
 * cell, a leaf below it along any one dimension (locks are per dimension element, so this is exact
 * for them): a total whose spread would reach a locked leaf is not offered as an input cell.
 */
function touches(cube: Cube, check: ((ids: ArrayLike<number>) => unknown) | undefined, ids: Int32Array) {
  if (!check) return false;
  if (check(ids) !== undefined) return true;
  for (let d = 0; d < ids.length; d++) {
    const keep = ids[d] ?? 0;
    const cl = (cube.dimensions[d] as Dimension).closure();
    if (cl.isLeaf[keep] === 1) continue;
    let hit = false;
    for (let k = cl.downStart[keep] ?? 0, e = cl.downStart[keep + 1] ?? 0; k < e && !hit; k++) {
      ids[d] = cl.downLeaf[k] ?? 0;
      hit = check(ids) !== undefined;
    }
    ids[d] = keep;
    if (hit) return true;
  }
  return false;
}

/** The shown members of an axis, each with the shown members that consolidate it. */
function presentAxis(dim: Dimension, members: readonly AxisMember[]): FormMember[] {
  const rollup = axisRollup(dim, members);
  return members.map((m, i) => ({
    code: m.code,
    name: elementName(dim, m.id),
    depth: m.depth,
    leaf: m.leaf,
    sense: senseOf(dim.attribute(m.id, SENSE_ATTRIBUTE)),
    rollup: rollup[i] ?? [],
  }));
}

export async function openForm(
  ctx: TenantContext,
  user: UserTable,
  id: string,
  choices: Record<string, string>,
  drill?: string,
): Promise<OpenFormResponse> {
  return oneAtATime(`${ctx.tenant.id}:${user.id}`, () => openFormNow(ctx, user, id, choices, drill));
}

async function openFormNow(
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
    cubeId: st.cubeId,
    type: def.type,
    rowDimension: def.rows.dimension,
    columnDimension: def.columns.dimension,
    dimensionNames,
    rows: presentAxis(
      rowDim,
      keepRows.map((r) => st.rows[r] as AxisMember),
    ),
    columns: presentAxis(
      colDim,
      keepCols.map((c) => st.columns[c] as AxisMember),
    ),
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
    format: await effectiveFormat(ctx.db.kysely, def.format),
  });
}

/**
 * Saves input cells of a form: every cell must be an input cell for this user, or nothing is
 * written. Cells with a `base` are checked against the stored value inside the cube store's write
 * queue (409 `FORM_SAVE_CONFLICT`, nothing written); consolidated cells are spread (history
 * `spread`); the write guard (locks, workflow) refuses as for any write. `source` is the path the
 * values came by (`grid`, or `excel` for an uploaded workbook).
 */
export async function saveFormCells(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  id: string,
  body: SaveCellsBody,
  locale: Locale,
  actor: Actor,
  source: CellSource = 'grid',
): Promise<{ changed: number }> {
  const st = await formState(ctx, user, id, body.choices ?? {});
  const rowIx = new Map(st.rows.map((m, i) => [m.code, i]));
  const colIx = new Map(st.columns.map((m, i) => [m.code, i]));
  const onAxes = (c: { row: string; column: string }, at: string) => [
    ...(rowIx.has(c.row) ? [] : [{ path: `${at}/row`, code: 'form_not_on_axis' }]),
    ...(colIx.has(c.column) ? [] : [{ path: `${at}/column`, code: 'form_not_on_axis' }]),
  ];
  const issues = body.cells.flatMap((c, i) => [
    ...onAxes(c, `/cells/${i}`),
    ...(c.spread?.hold ?? []).flatMap((h, j) => onAxes(h, `/cells/${i}/spread/hold/${j}`)),
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
  const { def, cube } = st;
  const at = (c: { row: string; column: string }) =>
    coordsOf(cube, { ...fixed, [def.rows.dimension]: c.row, [def.columns.dimension]: c.column });
  const cells: FormCellWrite[] = body.cells.map((c, index) => ({
    row: c.row,
    column: c.column,
    coords: at(c),
    value: c.value,
    base: c.base,
    index,
    ...(c.spread
      ? { spread: { mode: c.spread.mode, hold: (c.spread.hold ?? []).map((h) => ({ ...h, coords: at(h) })) } }
      : {}),
  }));
  const db = modelDb(ctx.db.kysely);
  const row = await objectById(db, st.cubeId, 'cube');
  let spread: ReadonlySet<ChangeSet> = new Set();
  const result = await translated(() =>
    cubeStore.run(
      ctx.db,
      st.cubeId,
      (c) => {
        spread = applyFormWrite(c, st.rights, cells).spread;
        return [...spread].at(-1) ?? new ChangeSet(c.dimensions.length);
      },
      async (trx, changes) => {
        const at = deps.clock();
        const meta = { cubeId: st.cubeId, userId: user.id, at };
        const typed = changes.filter((cs) => !spread.has(cs));
        const spreadSets = changes.filter((cs) => spread.has(cs));
        await recordHistory(trx, { ...meta, source }, typed);
        await recordHistory(trx, { ...meta, source: 'spread' }, spreadSets);
        await cubeWritten(trx, deps, row, actor, {
          count: body.cells.length,
          source,
          form: st.row.code,
          spread: cells.filter((c) => !isLeafCoords(cube, c.coords)).length,
          cells: body.cells.slice(0, AUDIT_CELLS),
        });
      },
    ),
  );
  return { changed: result.changed };
}

const isLeafCoords = (cube: Cube, coords: readonly string[]) =>
  coords.every((code, d) => (cube.dimensions[d] as Dimension).isLeaf(code));

/**
 * The history of a form: the cube history (newest first, paged) of the leaf cells the form shows
 * to this user — leaves of its rows × columns × fixed elements that the user may read.
 */
export async function formHistory(
  ctx: TenantContext,
  user: UserTable,
  id: string,
  body: FormHistoryBody,
): Promise<HistoryResponse> {
  const st = await formState(ctx, user, id, body.choices ?? {});
  const { cube, def } = st;
  const leavesUnder = (dim: Dimension, ids: readonly number[]) => {
    const cl = dim.closure();
    const out = new Set<number>();
    for (const e of ids)
      for (let k = cl.downStart[e] ?? 0, end = cl.downStart[e + 1] ?? 0; k < end; k++)
        out.add(cl.downLeaf[k] ?? 0);
    return out;
  };
  const rd = cube.dimIndex(def.rows.dimension);
  const cd = cube.dimIndex(def.columns.dimension);
  const allowed = cube.dimensions.map((dim, d) => {
    if (d === rd)
      return leavesUnder(
        dim,
        st.rows.filter((_, r) => st.readable[r]?.some(Boolean)).map((m) => m.id),
      );
    if (d === cd)
      return leavesUnder(
        dim,
        st.columns.filter((_, c) => st.readable.some((l) => l[c])).map((m) => m.id),
      );
    const f = st.fixed.find((x) => x.dimension === dim.name);
    return leavesUnder(dim, f ? [dim.id(f.element)] : []);
  });
  const accept = (coord: string) => {
    const ids = coord.split(':').map(Number);
    if (ids.length !== allowed.length || !allowed.every((set, d) => set.has(ids[d] ?? -1))) return false;
    return cellLevel(st.rights, cube, ids) > 0;
  };
  return historyPage(ctx, cube, st.cubeId, { accept }, body.limit ?? 50, body.cursor);
}
