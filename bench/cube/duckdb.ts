import { DOUBLE, DuckDBDataChunk, DuckDBInstance, INTEGER } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import type { Dataset } from './generate.js';

export type Formulation = 'closure' | 'closure-no-join-order' | 'denormalised';
export const FORMULATIONS: Formulation[] = ['closure', 'closure-no-join-order', 'denormalised'];
const COLS = ['a', 'd', 'p', 'm', 's', 'v'];

async function appendColumns(
  conn: DuckDBConnection,
  table: string,
  types: DuckDBType[],
  cols: ArrayLike<number>[],
) {
  const appender = await conn.createAppender(table);
  const n = cols[0]?.length ?? 0;
  const CH = 2048;
  for (let start = 0; start < n; start += CH) {
    const len = Math.min(CH, n - start);
    const chunk = DuckDBDataChunk.create(types, len);
    chunk.setColumns(cols.map((c) => Array.from({ length: len }, (_, i) => c[start + i] ?? 0)));
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
}

export class DuckBench {
  private constructor(
    private readonly conn: DuckDBConnection,
    private readonly ds: Dataset,
  ) {}

  static async open(ds: Dataset): Promise<DuckBench> {
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    await conn.run('SET threads=2');
    return new DuckBench(conn, ds);
  }

  /** Creates the closure tables and appends the fact table; returns the fact-load milliseconds. */
  async load(): Promise<number> {
    const { conn, ds } = this;
    for (const d of ds.dims) {
      await conn.run(`CREATE TABLE cl_${d.name} (anc INTEGER, leaf INTEGER, w DOUBLE)`);
      const cl = d.closure;
      await appendColumns(
        conn,
        `cl_${d.name}`,
        [INTEGER, INTEGER, DOUBLE],
        [0, 1, 2].map((k) => cl.map((r) => r[k] ?? 0)),
      );
    }
    await conn.run(
      'CREATE TABLE fact (a INTEGER, d INTEGER, p INTEGER, m INTEGER, s INTEGER, v INTEGER, val DOUBLE)',
    );
    const t = performance.now();
    await appendColumns(
      conn,
      'fact',
      [INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE],
      [...ds.ids, ds.values],
    );
    return performance.now() - t;
  }

  /** Denormalised copy: account ancestors per level with path weights, department and product roots. */
  async buildDenormalised(): Promise<number> {
    const { conn, ds } = this;
    const acc = ds.dims[0];
    if (!acc) throw new Error('no account dimension');
    const parent = new Map<number, [number, number]>();
    for (const [p, c, w] of acc.links) parent.set(c, [p, w]);
    const rows: number[][] = acc.leaves.map((leaf) => {
      const chain: [number, number][] = [];
      let cur = leaf;
      let w = 1;
      for (let up = parent.get(cur); up; up = parent.get(cur)) {
        w *= up[1];
        cur = up[0];
        chain.unshift([cur, w]);
      }
      return [leaf, ...chain.flatMap(([a, wa]) => [a, wa])];
    });
    const cols = ['leaf INTEGER', ...[0, 1, 2, 3, 4].flatMap((k) => [`a${k} INTEGER`, `wa${k} DOUBLE`])];
    await conn.run(`CREATE TABLE acc_levels (${cols.join(', ')})`);
    const types = [INTEGER, ...[0, 1, 2, 3, 4].flatMap(() => [INTEGER, DOUBLE])];
    await appendColumns(
      conn,
      'acc_levels',
      types,
      types.map((_, k) => rows.map((r) => r[k] ?? 0)),
    );
    const root = (d: number) => this.ds.grid.fixed[d] ?? 0;
    const t = performance.now();
    await conn.run(`CREATE TABLE fact_dn AS SELECT f.*, al.a0, al.wa0, al.a1, al.wa1, al.a2, al.wa2, al.a3, al.wa3, al.a4, al.wa4,
      cd.anc AS d0, cp.anc AS p0
      FROM fact f JOIN acc_levels al ON al.leaf = f.a
      JOIN cl_Department cd ON cd.leaf = f.d AND cd.anc = ${root(1)}
      JOIN cl_Product cp ON cp.leaf = f.p AND cp.anc = ${root(2)}`);
    return performance.now() - t;
  }

  private closureSql(sets: number[][], groupBy: boolean): string {
    const names = this.ds.dims.map((d) => d.name);
    const joins = names.map((n, i) => `JOIN cl_${n} c${i} ON c${i}.leaf = f.${COLS[i] ?? ''}`).join(' ');
    const where = sets.map((s, i) =>
      s.length === 1 ? `c${i}.anc = ${s[0] ?? 0}` : `c${i}.anc IN (${s.join(',')})`,
    );
    const w = names.map((_, i) => `c${i}.w`).join(' * ');
    const g = this.ds.grid;
    if (!groupBy) return `SELECT SUM(f.val * ${w}) FROM fact f ${joins} WHERE ${where.join(' AND ')}`;
    return `SELECT c${g.rowDim}.anc AS r, c${g.colDim}.anc AS c, SUM(f.val * ${w}) AS x FROM fact f ${joins}
      WHERE ${where.join(' AND ')} GROUP BY 1, 2`;
  }

  private async setJoinOrder(f: Formulation): Promise<void> {
    await this.conn.run(
      f === 'closure-no-join-order'
        ? "SET disabled_optimizers = 'join_order'"
        : "SET disabled_optimizers = ''",
    );
  }

  async grid(f: Formulation): Promise<Float64Array> {
    const g = this.ds.grid;
    await this.setJoinOrder(f);
    let sql: string;
    if (f === 'denormalised') {
      const [scn, ver, dr, pr] = [g.fixed[4] ?? 0, g.fixed[5] ?? 0, g.fixed[1] ?? 0, g.fixed[2] ?? 0];
      const level = new Map<number, number>();
      const acc = this.ds.dims[0];
      const depth = (e: number): number => {
        const up = acc?.links.find(([, c]) => c === e);
        return up ? 1 + depth(up[0]) : 0;
      };
      for (const r of g.rows) level.set(r, depth(r));
      const parts = [0, 1, 2, 3, 4, 5].flatMap((k) => {
        const rs = g.rows.filter((r) => level.get(r) === k);
        if (rs.length === 0) return [];
        const col = k === 5 ? 'a' : `a${k}`;
        const wcol = k === 5 ? '1.0' : `wa${k}`;
        return [
          `SELECT ${col} AS r, m AS c, val * ${wcol} * cs.w AS x FROM fact_dn JOIN cl_Scenario cs ON cs.leaf = s AND cs.anc = ${scn}
           WHERE v = ${ver} AND d0 = ${dr} AND p0 = ${pr} AND ${col} IN (${rs.join(',')})`,
        ];
      });
      sql = `SELECT r, c, SUM(x) FROM (${parts.join(' UNION ALL ')}) GROUP BY 1, 2`;
    } else {
      sql = this.closureSql(
        g.fixed.map((e, i) => (i === g.rowDim ? g.rows : i === g.colDim ? g.cols : [e])),
        true,
      );
    }
    const reader = await this.conn.runAndReadAll(sql);
    const rowIx = new Map(g.rows.map((r, i) => [r, i]));
    const colIx = new Map(g.cols.map((c, i) => [c, i]));
    const out = new Float64Array(g.rows.length * g.cols.length);
    for (const [r, c, x] of reader.getRows()) {
      const i = rowIx.get(Number(r));
      const j = colIx.get(Number(c));
      if (i !== undefined && j !== undefined)
        out[i * g.cols.length + j] = (out[i * g.cols.length + j] ?? 0) + Number(x);
    }
    return out;
  }

  async grandTotal(f: Formulation): Promise<number> {
    await this.setJoinOrder(f);
    const gt = this.ds.grandTotal;
    const sql =
      f === 'denormalised'
        ? `SELECT SUM(val * wa0 * cs.w * cv.w) FROM fact_dn JOIN cl_Scenario cs ON cs.leaf = s AND cs.anc = ${gt[4] ?? 0}
           JOIN cl_Version cv ON cv.leaf = v AND cv.anc = ${gt[5] ?? 0} WHERE d0 = ${gt[1] ?? 0} AND p0 = ${gt[2] ?? 0}`
        : this.closureSql(
            gt.map((e) => [e]),
            false,
          );
    const reader = await this.conn.runAndReadAll(sql);
    return Number(reader.getRows()[0]?.[0] ?? 0);
  }

  /** Updates one existing fact row (the closure formulations read `fact`). */
  async update(ids: readonly number[], value: number): Promise<void> {
    await this.conn.run(
      `UPDATE fact SET val = ${value} WHERE ${COLS.map((c, i) => `${c} = ${ids[i] ?? 0}`).join(' AND ')}`,
    );
  }

  /** Bulk update through a staging table and one UPDATE … FROM. */
  async bulkUpdate(ids: readonly Int32Array[], values: Float64Array): Promise<void> {
    await this.conn.run(
      'CREATE OR REPLACE TEMP TABLE upd (a INTEGER, d INTEGER, p INTEGER, m INTEGER, s INTEGER, v INTEGER, val DOUBLE)',
    );
    await appendColumns(
      this.conn,
      'upd',
      [INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE],
      [...ids, values],
    );
    await this.conn.run(
      `UPDATE fact SET val = upd.val FROM upd WHERE ${COLS.map((c) => `fact.${c} = upd.${c}`).join(' AND ')}`,
    );
  }

  close(): void {
    this.conn.closeSync();
  }
}
