import type { Transaction } from 'kysely';
import {
  Cube,
  Dimension,
  EngineError,
  type AttributeValue,
  type ChangeSet,
  type ElementRef,
  type Selection,
  type SpreadOptions,
} from '../../engine/index.js';
import type { Database } from '../../platform/db/database.js';
import type { TenantDB } from '../../platform/db/types.js';
import { runChunked } from './bulk.js';
import { cubeDb, type CubeDb, type CubeTables } from './tables.js';

export type CubeStoreErrorCode =
  | 'CUBE_NOT_FOUND'
  | 'CUBE_EXISTS'
  | 'DIMENSION_NOT_FOUND'
  /** The dimension to save does not keep every stored element under its id and code. */
  | 'DIMENSION_RENUMBERED'
  /** Stored rows the engine cannot rebuild (element ids with gaps). */
  | 'DIMENSION_CORRUPT'
  /** A stored coordinate key that does not fit the cube (wrong arity, not an element id). */
  | 'CELL_CORRUPT';

export class CubeStoreError extends Error {
  readonly code: CubeStoreErrorCode;
  constructor(code: CubeStoreErrorCode, detail: string) {
    super(`${code} ${detail}`);
    this.name = 'CubeStoreError';
    this.code = code;
  }
}

export interface CellWrite {
  readonly coords: readonly ElementRef[];
  readonly value: number;
}

export interface TextWrite {
  readonly coords: readonly ElementRef[];
  /** '' or undefined deletes the text cell. */
  readonly text: string | undefined;
}

/** What an acknowledged (committed, durable) write changed. */
export interface WriteResult {
  /** Number of leaf changes the engine reported (a cell written twice counts twice). */
  readonly changed: number;
  /** The engine's change sets, in order. */
  readonly changes: readonly ChangeSet[];
}

/** What `removeElement` took away. */
export interface RemovedElement {
  readonly code: string;
  readonly attributes: Record<string, AttributeValue>;
  /** Codes of its former parents and children (the children stay). */
  readonly parents: readonly string[];
  readonly children: readonly string[];
  /** Ids of the cubes over the dimension (their caches are dropped). */
  readonly cubes: readonly string[];
  /** Cubes that had leaf cells / text cells on the element (deleted with it), with counts. */
  readonly cells: readonly { cubeId: string; cells: number; texts: number }[];
}

export interface NewCube {
  readonly id: string;
  readonly name: string;
  /** Ids of saved dimensions, in the cube's dimension order. */
  readonly dimensionIds: readonly string[];
}

/**
 * Work the caller adds to a store transaction (its own rows, its audit entry), so the
 * change and what goes with it commit or fail together.
 */
export type WithinTx = (trx: Transaction<TenantDB>) => Promise<void>;

/**
 * Work added to a cell write's transaction; it also gets the engine's change sets of the write
 * (every changed leaf with its old and new value, taken inside the write queue, so exact even
 * with concurrent writers) — the cell history is recorded from them.
 */
export type WithinWrite = (trx: Transaction<TenantDB>, changes: readonly ChangeSet[]) => Promise<void>;

/**
 * Checks every cell change of a write before it is persisted (e.g. locked periods). Throwing
 * refuses the whole write: the engine changes are reverted and nothing reaches the database.
 */
export type WriteGuard = (
  db: Database<TenantDB>,
  cubeId: string,
  cube: Cube,
  changes: readonly ChangeSet[],
) => Promise<void>;

const asTenantTx = (trx: Transaction<CubeTables>) => trx as unknown as Transaction<TenantDB>;

interface TenantState {
  readonly cubes: Map<string, Promise<Cube>>;
  queue: Promise<void>;
}

/** Rows per INSERT / ids per IN (…): well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

const coordKey = (ids: ArrayLike<number>): string => Array.prototype.join.call(ids, ':');

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function now(): string {
  return new Date().toISOString();
}

/**
 * Persistence of cubes in a tenant database, around the pure engine.
 *
 * - `loadCube` builds the engine `Cube` on first use and keeps it in memory,
 *   one per tenant database and cube id.
 * - Every write runs the engine operation, collects the exact leaf changes it
 *   reports, writes exactly those (upsert non-zero, delete zero) in ONE
 *   transaction, and resolves only after the commit (durable: see
 *   docs/cube-persistence.md). If the transaction fails, the inverse
 *   changes are applied to the cube, so memory and disk agree, and the promise
 *   rejects.
 * - Writes and structure changes of one tenant database run one after another
 *   (a queue per database), so a revert never undoes a later write.
 *
 * One server process owns a data folder / database: caches of other processes
 * are not told about writes.
 */
/** A table of other modules keyed by (cube_id, coord) that follows element renumbering. */
type FollowerTables = Record<string, { cube_id: string; coord: string }>;

export class CubeStore {
  private readonly tenants = new WeakMap<Database<TenantDB>, TenantState>();
  private followers: readonly string[] = [];

  /**
   * Names tables of other modules whose rows are keyed by (`cube_id`, `coord`) like the cells
   * (the cell history, comments): `removeElement` renumbers their coordinates too, and drops
   * their rows on the deleted element, in its transaction.
   */
  followCoordinates(tables: readonly string[]): void {
    this.followers = [...new Set([...this.followers, ...tables])];
  }
  private guard: WriteGuard | undefined;

  /** Installs the check every cell write passes (one per store; see `WriteGuard`). */
  setGuard(guard: WriteGuard | undefined): void {
    this.guard = guard;
  }

  /** The cube, built from the database on first use and cached. */
  loadCube(db: Database<TenantDB>, cubeId: string): Promise<Cube> {
    const cached = this.state(db).cubes.get(cubeId);
    if (cached) return cached;
    return this.exclusive(db, () => this.entry(db, cubeId));
  }

  /** A fresh `Dimension` built from the database (to edit and `saveDimension`). */
  loadDimension(db: Database<TenantDB>, dimensionId: string): Promise<Dimension> {
    return readDimension(cubeDb(db), dimensionId);
  }

  /**
   * Saves a dimension's whole structure (elements, attributes, display order,
   * links with weights and order). Stored element ids are never renumbered: the
   * dimension must hold every stored element under the same id and code
   * (a dimension from `loadDimension` with elements added does). Leaf cells of
   * cubes over this dimension on elements that are no longer leaves are deleted
   * in the same transaction (the engine drops them too); cached cubes over it
   * are rebuilt on next use.
   */
  saveDimension(
    db: Database<TenantDB>,
    dimensionId: string,
    dimension: Dimension,
    within?: WithinTx,
  ): Promise<void> {
    return this.exclusive(db, () => this.persistDimensions(db, [{ id: dimensionId, dimension }], within));
  }

  /** Saves several dimensions in ONE transaction (all or none), as `saveDimension` does for one. */
  saveDimensions(
    db: Database<TenantDB>,
    dimensions: readonly { id: string; dimension: Dimension }[],
    within?: WithinTx,
  ): Promise<void> {
    return this.exclusive(db, () => this.persistDimensions(db, dimensions, within));
  }

  /**
   * Loads a dimension, applies `edit` to it and saves it, all inside the
   * database's write queue (so two edits never overwrite each other). An
   * `EngineError` from `edit` changes nothing; `within` runs in the saving
   * transaction.
   */
  editDimension<T>(
    db: Database<TenantDB>,
    dimensionId: string,
    edit: (dimension: Dimension) => T,
    within?: (trx: Transaction<TenantDB>, result: T, dimension: Dimension) => Promise<void>,
  ): Promise<{ dimension: Dimension; result: T }> {
    return this.exclusive(db, async () => {
      const dimension = await readDimension(cubeDb(db), dimensionId);
      const result = edit(dimension);
      await this.persistDimensions(
        db,
        [{ id: dimensionId, dimension }],
        within && ((trx) => within(trx, result, dimension)),
      );
      return { dimension, result };
    });
  }

  private async persistDimensions(
    db: Database<TenantDB>,
    dimensions: readonly { id: string; dimension: Dimension }[],
    within?: WithinTx,
  ): Promise<void> {
    const affected = await cubeDb(db)
      .transaction()
      .execute(async (trx) => {
        const cubes: string[] = [];
        for (const d of dimensions) cubes.push(...(await writeDimension(trx, d.id, d.dimension)));
        if (within) await within(asTenantTx(trx));
        return cubes;
      });
    const s = this.state(db);
    for (const cubeId of affected) s.cubes.delete(cubeId);
  }

  /**
   * Deletes one element of a saved dimension, in ONE transaction: its links (to parents and
   * children; children keep their other parents and otherwise become top-level elements),
   * the cells and texts of cubes over the dimension that lie on it, and its id. Element ids
   * are dense, so every later element moves down by one: the element rows and the coordinates
   * of those cubes' cells and texts are rewritten with the new ids (the only renumbering there
   * is). `within` runs in the same transaction and sees what is about to go (e.g. to refuse
   * when cells lie on the element); cached cubes over the dimension are rebuilt on next use.
   */
  removeElement(
    db: Database<TenantDB>,
    dimensionId: string,
    element: ElementRef,
    within?: (trx: Transaction<TenantDB>, removed: RemovedElement) => Promise<void>,
  ): Promise<RemovedElement> {
    return this.exclusive(db, async () => {
      await this.guardRemoval(db, dimensionId, element);
      const out = await cubeDb(db)
        .transaction()
        .execute(async (trx) => {
          const before = await readDimension(trx, dimensionId);
          const gone = before.id(element);
          const after = withoutElement(before, gone);
          const newId = (id: number) => (id > gone ? id - 1 : id);
          await replaceStructure(trx, dimensionId, after);
          const cubes = await cubesOver(trx, dimensionId);
          const cells: { cubeId: string; cells: number; texts: number }[] = [];
          for (const c of cubes) {
            const counts = { cubeId: c.id, cells: 0, texts: 0 };
            for (const table of ['cube_cells', 'cube_texts'] as const) {
              const rows = await trx.selectFrom(table).selectAll().where('cube_id', '=', c.id).execute();
              const drop: string[] = [];
              const moved: Record<string, unknown>[] = [];
              for (const r of rows) {
                const parts = r.coord.split(':').map(Number);
                if (!c.positions.some((p) => (parts[p] ?? -1) >= gone)) continue;
                drop.push(r.coord);
                if (c.positions.some((p) => parts[p] === gone)) {
                  counts[table === 'cube_cells' ? 'cells' : 'texts']++;
                  continue;
                }
                for (const p of c.positions) parts[p] = newId(parts[p] ?? 0);
                moved.push({ ...r, coord: parts.join(':') });
              }
              for (const part of chunks(drop))
                await trx.deleteFrom(table).where('cube_id', '=', c.id).where('coord', 'in', part).execute();
              for (const part of chunks(moved))
                await trx
                  .insertInto(table)
                  .values(part as never)
                  .execute();
            }
            if (counts.cells || counts.texts) cells.push(counts);
            // Other tables keyed by (cube, coordinate) — the cell history, comments — follow the
            // renumbering; their rows on the deleted element go with its cells.
            for (const table of this.followers) {
              const t = trx as unknown as Transaction<FollowerTables>;
              const rows = await t.selectFrom(table).selectAll().where('cube_id', '=', c.id).execute();
              const drop: string[] = [];
              const moved: Record<string, unknown>[] = [];
              for (const r of rows) {
                const parts = r.coord.split(':').map(Number);
                if (!c.positions.some((p) => (parts[p] ?? -1) >= gone)) continue;
                if (!drop.includes(r.coord)) drop.push(r.coord);
                if (c.positions.some((p) => parts[p] === gone)) continue;
                for (const p of c.positions) parts[p] = newId(parts[p] ?? 0);
                moved.push({ ...r, coord: parts.join(':') });
              }
              for (const part of chunks(drop))
                await t.deleteFrom(table).where('cube_id', '=', c.id).where('coord', 'in', part).execute();
              for (const part of chunks(moved))
                await t
                  .insertInto(table)
                  .values(part as never)
                  .execute();
            }
          }
          const removed: RemovedElement = {
            code: before.code(gone),
            attributes: before.attributes(gone),
            parents: before.parents(gone).map((p) => before.code(p)),
            children: before.children(gone).map((k) => before.code(k.id)),
            cubes: cubes.map((c) => c.id),
            cells,
          };
          if (within) await within(asTenantTx(trx), removed);
          return removed;
        });
      const s = this.state(db);
      for (const cubeId of out.cubes) s.cubes.delete(cubeId);
      return out;
    });
  }

  /**
   * Deleting a leaf deletes its cells: they pass the write guard (e.g. locked periods) like any
   * other write, tried on the cached cubes and reverted there (the deletion itself is persisted by
   * `removeElement`, which drops those caches).
   */
  private async guardRemoval(db: Database<TenantDB>, dimensionId: string, element: ElementRef) {
    if (!this.guard) return;
    const dim = await readDimension(cubeDb(db), dimensionId);
    if (!dim.has(element) || !dim.isLeaf(element)) return;
    const gone = dim.id(element);
    for (const c of await cubesOver(cubeDb(db), dimensionId)) {
      const cube = await this.entry(db, c.id);
      const changes: ChangeSet[] = [];
      const stop = cube.onChange((cs) => changes.push(cs));
      try {
        for (const p of c.positions) cube.clear({ [(cube.dimensions[p] as Dimension).name]: [gone] });
      } finally {
        stop();
      }
      try {
        if (changes.some((cs) => cs.length > 0)) await this.guard(db, c.id, cube, changes);
      } finally {
        revert(cube, changes);
      }
    }
  }

  /** Creates an empty cube over saved dimensions. */
  createCube(db: Database<TenantDB>, cube: NewCube, within?: WithinTx): Promise<void> {
    return this.exclusive(db, async () => {
      await cubeDb(db)
        .transaction()
        .execute(async (trx) => {
          const exists = await trx
            .selectFrom('cubes')
            .select('id')
            .where('id', '=', cube.id)
            .executeTakeFirst();
          if (exists) throw new CubeStoreError('CUBE_EXISTS', cube.id);
          for (const id of cube.dimensionIds) {
            const d = await trx
              .selectFrom('cube_dimensions')
              .select('id')
              .where('id', '=', id)
              .executeTakeFirst();
            if (!d) throw new CubeStoreError('DIMENSION_NOT_FOUND', id);
          }
          await trx
            .insertInto('cubes')
            .values({
              id: cube.id,
              name: cube.name,
              dimension_ids: JSON.stringify(cube.dimensionIds),
              created_at: now(),
            })
            .execute();
          if (within) await within(asTenantTx(trx));
        });
    });
  }

  /** A saved form: leaf cells, all or none. */
  writeCells(
    db: Database<TenantDB>,
    cubeId: string,
    cells: readonly CellWrite[],
    within?: WithinWrite,
  ): Promise<WriteResult> {
    return this.mutate(db, cubeId, (cube) => cube.setCells(cells), within);
  }

  /**
   * A bulk write of leaf cells given as element ids (`n × dims`, row-major) — the actuals
   * import's path for up to millions of cells without a coordinate array per cell. With
   * `clear`, the leaf cells of that selection are deleted first, in the same engine batch and
   * the same transaction (an import that replaces a slice). All or none, like `writeCells`;
   * an id that is not a leaf is refused (ENGINE_NOT_LEAF) before anything changes.
   */
  writeBatch(
    db: Database<TenantDB>,
    cubeId: string,
    batch: { ids: Int32Array; values: Float64Array; clear?: Selection },
    within?: WithinWrite,
  ): Promise<WriteResult> {
    return this.mutate(
      db,
      cubeId,
      (cube) => {
        const nd = cube.dimensions.length;
        const n = batch.values.length;
        if (batch.ids.length !== n * nd) {
          throw new EngineError('ENGINE_ARITY', { cube: cube.name, expected: n * nd, got: batch.ids.length });
        }
        const leaves = cube.closures().map((c) => c.isLeaf);
        for (let i = 0; i < batch.ids.length; i++) {
          const d = i % nd;
          const id = batch.ids[i] ?? -1;
          if ((leaves[d] as Uint8Array)[id] === 1) continue;
          const dim = cube.dimensions[d] as Dimension;
          throw new EngineError('ENGINE_NOT_LEAF', { dimension: dim.name, element: String(id) });
        }
        if (batch.clear) cube.clear(batch.clear);
        return cube.applyBatch(batch.ids, batch.values, n);
      },
      within,
    );
  }

  /** Writes any cell: a leaf is set, a consolidated cell is spread over its leaves. */
  writeConsolidated(
    db: Database<TenantDB>,
    cubeId: string,
    coords: readonly ElementRef[],
    value: number,
    options: SpreadOptions = {},
    within?: WithinWrite,
  ): Promise<WriteResult> {
    return this.mutate(db, cubeId, (cube) => cube.write(coords, value, options), within);
  }

  /** Deletes every leaf cell of the selection. */
  clear(
    db: Database<TenantDB>,
    cubeId: string,
    selection: Selection = {},
    within?: WithinWrite,
  ): Promise<WriteResult> {
    return this.mutate(db, cubeId, (cube) => cube.clear(selection), within);
  }

  /** Makes the slice `dimension = to` (within `filter`) a copy of `dimension = from`. */
  copy(
    db: Database<TenantDB>,
    cubeId: string,
    dimension: string | number,
    from: ElementRef,
    to: ElementRef,
    filter: Selection = {},
    within?: WithinWrite,
  ): Promise<WriteResult> {
    return this.mutate(db, cubeId, (cube) => cube.copy(dimension, from, to, filter), within);
  }

  /**
   * Any engine operation on one cube as one write (queued, guarded, persisted in one
   * transaction with `within`, reverted on failure). `op` may throw after changing cells
   * (e.g. a rights check on the changes it made): everything it changed is reverted.
   */
  run(
    db: Database<TenantDB>,
    cubeId: string,
    op: (cube: Cube) => ChangeSet,
    within?: WithinWrite,
  ): Promise<WriteResult> {
    return this.mutate(db, cubeId, op, within);
  }

  /** Text cells (any coordinates), all or none. */
  writeTexts(db: Database<TenantDB>, cubeId: string, texts: readonly TextWrite[]): Promise<void> {
    return this.exclusive(db, async () => {
      const cube = await this.entry(db, cubeId);
      const keys = texts.map((t) => coordKey(cube.resolve(t.coords)));
      const olds = texts.map((t) => cube.getText(t.coords));
      texts.forEach((t) => cube.setText(t.coords, t.text));
      try {
        const last = new Map<string, string | undefined>();
        texts.forEach((t, i) => last.set(keys[i] ?? '', t.text === '' ? undefined : t.text));
        await cubeDb(db)
          .transaction()
          .execute((trx) => persistTexts(trx, cubeId, last));
      } catch (error) {
        for (let i = texts.length - 1; i >= 0; i--) cube.setText((texts[i] as TextWrite).coords, olds[i]);
        throw error;
      }
    });
  }

  /**
   * Runs `work` in ONE transaction inside this database's write queue, for changes that span
   * dimensions, cubes, cells and other tables at once (a package import). `work` writes rows
   * itself (`writeDimension`, `upsertCells`); it never touches cached cubes. Whether the
   * transaction commits or rolls back, every cached cube of the database is dropped afterwards,
   * so the next use rebuilds it from what is on disk (never a half-applied memory state).
   */
  batch<T>(db: Database<TenantDB>, work: (trx: Transaction<TenantDB>) => Promise<T>): Promise<T> {
    return this.exclusive(db, async () => {
      try {
        return await cubeDb(db)
          .transaction()
          .execute((trx) => work(asTenantTx(trx)));
      } finally {
        this.evict(db);
      }
    });
  }

  /**
   * Runs the write guard (locks, closed workflow units…) on cell changes written as rows inside a
   * `batch` transaction `trx`: the guard reads through that transaction, so it sees the batch's
   * own rows and never waits for a second connection. Throwing refuses the whole batch.
   */
  async checkWrite(
    db: Database<TenantDB>,
    trx: CubeDb,
    cubeId: string,
    cube: Cube,
    changes: readonly ChangeSet[],
  ): Promise<void> {
    if (!this.guard) return;
    const within = Object.create(db, { kysely: { value: trx } }) as Database<TenantDB>;
    await this.guard(within, cubeId, cube, changes);
  }

  /** Forgets cached cubes of a database (all, or one): the next use reloads from disk. */
  evict(db: Database<TenantDB>, cubeId?: string): void {
    const s = this.tenants.get(db);
    if (!s) return;
    if (cubeId === undefined) s.cubes.clear();
    else s.cubes.delete(cubeId);
  }

  private state(db: Database<TenantDB>): TenantState {
    let s = this.tenants.get(db);
    if (!s) {
      s = { cubes: new Map(), queue: Promise.resolve() };
      this.tenants.set(db, s);
    }
    return s;
  }

  /** Runs `fn` after every earlier write/structure change of this database has settled. */
  private exclusive<T>(db: Database<TenantDB>, fn: () => Promise<T>): Promise<T> {
    const s = this.state(db);
    const run = s.queue.then(fn);
    s.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** The cached cube, or a build of it (call inside `exclusive`). */
  private entry(db: Database<TenantDB>, cubeId: string): Promise<Cube> {
    const s = this.state(db);
    const cached = s.cubes.get(cubeId);
    if (cached) return cached;
    const built = readCube(cubeDb(db), cubeId);
    s.cubes.set(cubeId, built);
    built.catch(() => {
      if (s.cubes.get(cubeId) === built) s.cubes.delete(cubeId);
    });
    return built;
  }

  /**
   * engine operation → its change sets → one transaction → resolve; on a failed
   * transaction the inverse changes are applied and the error is rethrown.
   */
  private mutate(
    db: Database<TenantDB>,
    cubeId: string,
    op: (cube: Cube) => ChangeSet,
    within?: WithinWrite,
  ): Promise<WriteResult> {
    return this.exclusive(db, async () => {
      const cube = await this.entry(db, cubeId);
      // Every change the operation makes is reported to listeners, including
      // side effects; collecting them (not only the returned set) keeps a
      // revert exact even if the operation throws half-way.
      const changes: ChangeSet[] = [];
      const stop = cube.onChange((cs) => changes.push(cs));
      try {
        op(cube);
      } catch (error) {
        stop();
        revert(cube, changes);
        throw error;
      }
      stop();
      const changed = changes.reduce((n, cs) => n + cs.length, 0);
      if (changed === 0) return { changed, changes };
      if (this.guard) {
        try {
          await this.guard(db, cubeId, cube, changes);
        } catch (error) {
          revert(cube, changes);
          throw error;
        }
      }
      try {
        await cubeDb(db)
          .transaction()
          .execute(async (trx) => {
            await persistCells(trx, cubeId, changes);
            if (within) await within(asTenantTx(trx), changes);
          });
      } catch (error) {
        try {
          revert(cube, changes);
        } catch {
          // Memory can no longer be trusted: rebuild from disk on next use.
          this.evict(db, cubeId);
        }
        throw error;
      }
      return { changed, changes };
    });
  }
}

/** Applies the inverse of `changes` (last change first). */
function revert(cube: Cube, changes: readonly ChangeSet[]): void {
  for (let c = changes.length - 1; c >= 0; c--) {
    const cs = changes[c] as ChangeSet;
    const n = cs.length;
    const nd = cs.dims;
    const ids = new Int32Array(n * nd);
    const olds = new Float64Array(n);
    const src = cs.coords;
    const srcOld = cs.oldValues;
    for (let i = 0; i < n; i++) {
      const j = n - 1 - i;
      ids.set(src.subarray(j * nd, j * nd + nd), i * nd);
      olds[i] = srcOld[j] ?? 0;
    }
    cube.applyBatch(ids, olds, n);
  }
}

/** Writes the final value of every changed leaf: upsert non-zero, delete zero. */
async function persistCells(trx: Transaction<CubeTables>, cubeId: string, changes: readonly ChangeSet[]) {
  const last = new Map<string, number>();
  for (const cs of changes) {
    const nd = cs.dims;
    const ids = cs.coords;
    const news = cs.newValues;
    for (let i = 0; i < cs.length; i++) last.set(coordKey(ids.subarray(i * nd, i * nd + nd)), news[i] ?? 0);
  }
  const upserts: [string, number][] = [];
  const deletes: string[] = [];
  for (const [coord, value] of last) {
    if (value === 0) deletes.push(coord);
    else upserts.push([coord, value]);
  }
  last.clear();
  for (const part of chunks(deletes)) {
    await trx.deleteFrom('cube_cells').where('cube_id', '=', cubeId).where('coord', 'in', part).execute();
  }
  // Large writes (an import) run precompiled multi-row statements (see bulk.ts).
  const placeholder = { cube_id: '', coord: '', value: 0 };
  await runChunked(
    trx,
    'cube_cells.upsert',
    (n) =>
      trx
        .insertInto('cube_cells')
        .values(Array.from({ length: n }, () => placeholder))
        .onConflict((oc) =>
          oc.columns(['cube_id', 'coord']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })),
        ),
    3,
    upserts.length,
    (i, out, o) => {
      const u = upserts[i] as [string, number];
      out[o] = cubeId;
      out[o + 1] = u[0];
      out[o + 2] = u[1];
    },
    CHUNK,
  );
}

async function persistTexts(
  trx: Transaction<CubeTables>,
  cubeId: string,
  last: ReadonlyMap<string, string | undefined>,
): Promise<void> {
  const deletes = [...last].filter(([, t]) => t === undefined).map(([k]) => k);
  const upserts = [...last].flatMap(([coord, text]) =>
    text === undefined ? [] : [{ cube_id: cubeId, coord, text }],
  );
  for (const part of chunks(deletes)) {
    await trx.deleteFrom('cube_texts').where('cube_id', '=', cubeId).where('coord', 'in', part).execute();
  }
  for (const part of chunks(upserts)) {
    await trx
      .insertInto('cube_texts')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['cube_id', 'coord']).doUpdateSet((eb) => ({ text: eb.ref('excluded.text') })),
      )
      .execute();
  }
}

/** Replaces a dimension's rows; returns the ids of cubes over it (also for `batch` work). */
export async function writeDimension(trx: CubeDb, dimensionId: string, dim: Dimension): Promise<string[]> {
  const stored = await trx
    .selectFrom('cube_elements')
    .select(['element_id', 'code'])
    .where('dimension_id', '=', dimensionId)
    .execute();
  for (const e of stored) {
    if (!dim.has(e.element_id) || dim.code(e.element_id) !== e.code) {
      throw new CubeStoreError('DIMENSION_RENUMBERED', `${dimensionId} element ${e.element_id} (${e.code})`);
    }
  }
  await replaceStructure(trx, dimensionId, dim);

  // Cells on elements that stopped being leaves go, as they do in the engine.
  const nonLeaves = new Set(dim.elements().filter((id) => !dim.isLeaf(id)));
  const affected: string[] = [];
  for (const { id, positions } of await cubesOver(trx, dimensionId)) {
    affected.push(id);
    if (nonLeaves.size === 0) continue;
    const rows = await trx.selectFrom('cube_cells').select('coord').where('cube_id', '=', id).execute();
    const gone = rows
      .map((r) => r.coord)
      .filter((coord) => {
        const parts = coord.split(':');
        return positions.some((p) => nonLeaves.has(Number(parts[p])));
      });
    for (const part of chunks(gone)) {
      await trx.deleteFrom('cube_cells').where('cube_id', '=', id).where('coord', 'in', part).execute();
    }
  }
  return affected;
}

/** A dimension as stored (also for `batch` work, with the batch's transaction). */
export async function readDimension(db: CubeDb, dimensionId: string): Promise<Dimension> {
  const row = await db
    .selectFrom('cube_dimensions')
    .selectAll()
    .where('id', '=', dimensionId)
    .executeTakeFirst();
  if (!row) throw new CubeStoreError('DIMENSION_NOT_FOUND', dimensionId);
  const elements = await db
    .selectFrom('cube_elements')
    .selectAll()
    .where('dimension_id', '=', dimensionId)
    .orderBy('element_id')
    .execute();
  const links = await db
    .selectFrom('cube_links')
    .selectAll()
    .where('dimension_id', '=', dimensionId)
    .orderBy('parent_id')
    .orderBy('ord')
    .execute();
  const dim = new Dimension(row.name);
  for (const e of elements) {
    const attrs = JSON.parse(e.attributes) as Record<string, AttributeValue>;
    const id = dim.addElement(e.code, Object.keys(attrs).length > 0 ? attrs : undefined);
    if (id !== Number(e.element_id)) {
      throw new CubeStoreError('DIMENSION_CORRUPT', `${dimensionId} element ${e.element_id} loads as ${id}`);
    }
  }
  for (const l of links) dim.addLink(Number(l.parent_id), Number(l.child_id), Number(l.weight));
  if (dim.size > 0) {
    dim.reorder([...elements].sort((a, b) => a.position - b.position).map((e) => Number(e.element_id)));
  }
  return dim;
}

async function readCube(db: CubeDb, cubeId: string): Promise<Cube> {
  const row = await db.selectFrom('cubes').selectAll().where('id', '=', cubeId).executeTakeFirst();
  if (!row) throw new CubeStoreError('CUBE_NOT_FOUND', cubeId);
  const dimensionIds = JSON.parse(row.dimension_ids) as string[];
  const dims: Dimension[] = [];
  for (const id of dimensionIds) dims.push(await readDimension(db, id));
  const cube = new Cube(row.name, dims);
  const cells = await db
    .selectFrom('cube_cells')
    .select(['coord', 'value'])
    .where('cube_id', '=', cubeId)
    .execute();
  const n = cells.length;
  const nd = dims.length;
  const ids = dims.map(() => new Int32Array(n));
  const values = new Float64Array(n);
  cells.forEach((c, i) => {
    const parts = c.coord.split(':');
    if (parts.length !== nd) throw new CubeStoreError('CELL_CORRUPT', `${cubeId} ${c.coord}`);
    for (let d = 0; d < nd; d++) {
      const id = Number(parts[d]);
      if (!Number.isInteger(id) || id < 0 || id >= (dims[d] as Dimension).size) {
        throw new CubeStoreError('CELL_CORRUPT', `${cubeId} ${c.coord}`);
      }
      (ids[d] as Int32Array)[i] = id;
    }
    values[i] = Number(c.value);
  });
  cube.load(ids, values);
  const texts = await db
    .selectFrom('cube_texts')
    .select(['coord', 'text'])
    .where('cube_id', '=', cubeId)
    .execute();
  for (const t of texts) cube.setText(t.coord.split(':').map(Number), t.text);
  return cube;
}

/**
 * Upserts (non-zero) or deletes (zero) leaf cells given as element-id coordinates, inside a
 * `batch` transaction. The caller has checked that every coordinate is a leaf of the cube.
 */
export async function upsertCells(
  trx: CubeDb,
  cubeId: string,
  cells: readonly { ids: readonly number[]; value: number }[],
): Promise<void> {
  const last = new Map<string, number>();
  for (const c of cells) last.set(coordKey(c.ids), c.value);
  const deletes = [...last].filter(([, v]) => v === 0).map(([k]) => k);
  const upserts = [...last].flatMap(([coord, value]) =>
    value === 0 ? [] : [{ cube_id: cubeId, coord, value }],
  );
  for (const part of chunks(deletes)) {
    await trx.deleteFrom('cube_cells').where('cube_id', '=', cubeId).where('coord', 'in', part).execute();
  }
  for (const part of chunks(upserts)) {
    await trx
      .insertInto('cube_cells')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['cube_id', 'coord']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })),
      )
      .execute();
  }
}

/** Cubes over a dimension, with the positions at which it appears in each. */
async function cubesOver(db: CubeDb, dimensionId: string) {
  const cubes = await db.selectFrom('cubes').select(['id', 'dimension_ids']).execute();
  return cubes.flatMap((c) => {
    const dims = JSON.parse(c.dimension_ids) as string[];
    const positions = dims.flatMap((d, p) => (d === dimensionId ? [p] : []));
    return positions.length ? [{ id: c.id, positions }] : [];
  });
}

/** A copy of `dim` without element `gone` (later ids one lower; order, attributes, links and weights kept). */
function withoutElement(dim: Dimension, gone: number): Dimension {
  const out = new Dimension(dim.name);
  const newId = (id: number) => (id > gone ? id - 1 : id);
  for (let id = 0; id < dim.size; id++) {
    if (id === gone) continue;
    const attrs = dim.attributes(id);
    out.addElement(dim.code(id), Object.keys(attrs).length ? attrs : undefined);
  }
  for (let p = 0; p < dim.size; p++) {
    if (p === gone) continue;
    for (const c of dim.children(p)) if (c.id !== gone) out.addLink(newId(p), newId(c.id), c.weight);
  }
  if (out.size > 0)
    out.reorder(
      dim
        .elements()
        .filter((id) => id !== gone)
        .map(newId),
    );
  return out;
}

/** Replaces a dimension's element and link rows by those of `dim` (no renumbering check). */
async function replaceStructure(trx: CubeDb, dimensionId: string, dim: Dimension) {
  const at = now();
  await trx
    .insertInto('cube_dimensions')
    .values({ id: dimensionId, name: dim.name, updated_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: dim.name, updated_at: at }))
    .execute();
  await trx.deleteFrom('cube_elements').where('dimension_id', '=', dimensionId).execute();
  await trx.deleteFrom('cube_links').where('dimension_id', '=', dimensionId).execute();
  const position = new Map(dim.elements().map((id, p) => [id, p]));
  const elements = Array.from({ length: dim.size }, (_, id) => ({
    dimension_id: dimensionId,
    element_id: id,
    code: dim.code(id),
    position: position.get(id) ?? id,
    attributes: JSON.stringify(dim.attributes(id)),
  }));
  for (const part of chunks(elements)) await trx.insertInto('cube_elements').values(part).execute();
  const links = Array.from({ length: dim.size }, (_, parent) =>
    dim.children(parent).map((c, ord) => ({
      dimension_id: dimensionId,
      parent_id: parent,
      child_id: c.id,
      weight: c.weight,
      ord,
    })),
  ).flat();
  for (const part of chunks(links)) await trx.insertInto('cube_links').values(part).execute();
}
