import Database from 'better-sqlite3';
import type { Dataset } from './generate.js';

const COLS = ['a', 'd', 'p', 'm', 's', 'v'];

/** SQLite baseline: same schema (fact + one closure table per dimension), closure-join SQL. */
export class SqliteBench {
  private readonly db: Database.Database;
  constructor(private readonly ds: Dataset) {
    this.db = new Database(':memory:');
  }

  load(): number {
    const { db, ds } = this;
    for (const d of ds.dims) {
      db.exec(`CREATE TABLE cl_${d.name} (anc INTEGER, leaf INTEGER, w REAL)`);
      db.exec(`CREATE INDEX cl_${d.name}_leaf ON cl_${d.name}(leaf, anc, w)`);
      const ins = db.prepare(`INSERT INTO cl_${d.name} VALUES (?, ?, ?)`);
      db.transaction(() => d.closure.forEach((r) => ins.run(...r)))();
    }
    db.exec('CREATE TABLE fact (a INTEGER, d INTEGER, p INTEGER, m INTEGER, s INTEGER, v INTEGER, val REAL)');
    const t = performance.now();
    const ins = db.prepare('INSERT INTO fact VALUES (?, ?, ?, ?, ?, ?, ?)');
    const n = ds.values.length;
    db.transaction(() => {
      for (let i = 0; i < n; i++) ins.run(...ds.ids.map((c) => c[i] ?? 0), ds.values[i] ?? 0);
    })();
    return performance.now() - t;
  }

  private sql(sets: number[][], group: boolean): string {
    const names = this.ds.dims.map((d) => d.name);
    // CROSS JOIN fixes SQLite's join order: scan the fact table once, probe each closure index.
    const joins = names
      .map((n, i) => `CROSS JOIN cl_${n} c${i} ON c${i}.leaf = f.${COLS[i] ?? ''}`)
      .join(' ');
    const where = sets.map((s, i) => `c${i}.anc IN (${s.join(',')})`).join(' AND ');
    const w = names.map((_, i) => `c${i}.w`).join(' * ');
    const g = this.ds.grid;
    return group
      ? `SELECT c${g.rowDim}.anc, c${g.colDim}.anc, SUM(f.val * ${w}) FROM fact f ${joins} WHERE ${where} GROUP BY 1, 2`
      : `SELECT SUM(f.val * ${w}) FROM fact f ${joins} WHERE ${where}`;
  }

  grid(): Float64Array {
    const g = this.ds.grid;
    const rows = this.db
      .prepare(
        this.sql(
          g.fixed.map((e, i) => (i === g.rowDim ? g.rows : i === g.colDim ? g.cols : [e])),
          true,
        ),
      )
      .raw()
      .all() as [number, number, number][];
    const rowIx = new Map(g.rows.map((r, i) => [r, i]));
    const colIx = new Map(g.cols.map((c, i) => [c, i]));
    const out = new Float64Array(g.rows.length * g.cols.length);
    for (const [r, c, x] of rows) {
      const i = rowIx.get(r);
      const j = colIx.get(c);
      if (i !== undefined && j !== undefined) out[i * g.cols.length + j] = x;
    }
    return out;
  }

  grandTotal(): number {
    const row = this.db
      .prepare(
        this.sql(
          this.ds.grandTotal.map((e) => [e]),
          false,
        ),
      )
      .raw()
      .get() as [number] | undefined;
    return row?.[0] ?? 0;
  }

  update(ids: readonly number[], value: number): void {
    this.db
      .prepare(`UPDATE fact SET val = ? WHERE ${COLS.map((c) => `${c} = ?`).join(' AND ')}`)
      .run(value, ...ids);
  }

  close(): void {
    this.db.close();
  }
}
