/**
 * Seeded generator of the benchmark cube: six dimensions (Account, Department,
 * Product, Period, Scenario, Version) and `n` distinct populated leaf cells.
 * Element ids are positions in `codes` (the engine assigns the same ids).
 */
export interface DimData {
  readonly name: string;
  readonly codes: string[];
  /** [parent, child, weight] */
  readonly links: [number, number, number][];
  readonly leaves: number[];
  /** Closure computed here, independently of the engine: [ancestor, leaf, weight] (self rows included). */
  readonly closure: [number, number, number][];
}

export interface Dataset {
  readonly dims: DimData[];
  readonly ids: Int32Array[];
  readonly values: Float64Array;
  readonly grid: { rows: number[]; cols: number[]; fixed: number[]; rowDim: number; colDim: number };
  readonly grandTotal: number[];
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Builder {
  readonly codes: string[] = [];
  readonly links: [number, number, number][] = [];
  constructor(readonly name: string) {}
  add(code: string): number {
    this.codes.push(code);
    return this.codes.length - 1;
  }
  link(p: number, c: number, w = 1): void {
    this.links.push([p, c, w]);
  }
  /** Levels of the given sizes, each child under an evenly assigned parent; returns ids per level. */
  tree(prefix: string, sizes: number[], rng: () => number, negShare: number): number[][] {
    const levels: number[][] = [];
    sizes.forEach((size, k) => {
      const ids: number[] = [];
      for (let i = 0; i < size; i++) ids.push(this.add(`${prefix}${k}_${i}`));
      const up = levels[k - 1];
      if (up)
        ids.forEach((id, i) =>
          this.link(up[Math.floor((i * up.length) / size)] ?? 0, id, rng() < negShare ? -1 : 1),
        );
      levels.push(ids);
    });
    return levels;
  }
  done(): DimData {
    const kids = this.codes.map((): [number, number][] => []);
    for (const [p, c, w] of this.links) kids[p]?.push([c, w]);
    const leaves = this.codes.map((_, i) => i).filter((i) => (kids[i] ?? []).length === 0);
    const memo = new Map<number, Map<number, number>>();
    const down = (e: number): Map<number, number> => {
      const m0 = memo.get(e);
      if (m0) return m0;
      const m = new Map<number, number>();
      const ks = kids[e] ?? [];
      if (ks.length === 0) m.set(e, 1);
      for (const [c, w] of ks) for (const [l, lw] of down(c)) m.set(l, (m.get(l) ?? 0) + w * lw);
      memo.set(e, m);
      return m;
    };
    const closure: [number, number, number][] = [];
    this.codes.forEach((_, e) => {
      for (const [l, w] of down(e)) closure.push([e, l, w]);
    });
    return { name: this.name, codes: this.codes, links: this.links, leaves, closure };
  }
}

export function generate(n: number, seed = 42): Dataset {
  const rng = mulberry32(seed);
  const acc = new Builder('Account');
  const accLevels = acc.tree('A', [1, 4, 20, 100, 400, 2000], rng, 0.15);
  const dep = new Builder('Department');
  const depLevels = dep.tree('D', [1, 5, 25, 200, 1000], rng, 0);
  const regionRoot = dep.add('DeptByRegion');
  const regions = Array.from({ length: 10 }, (_, i) => dep.add(`Region${i}`));
  for (const r of regions) dep.link(regionRoot, r);
  for (const leaf of depLevels[4] ?? []) dep.link(regions[Math.floor(rng() * 10)] ?? 0, leaf);
  const prod = new Builder('Product');
  const prodLevels = prod.tree('P', [1, 5, 30, 200, 1000, 5000], rng, 0);
  const per = new Builder('Period');
  const total = per.add('Total');
  const months: number[] = [];
  for (let y = 0; y < 2; y++) {
    const yr = per.add(`Y${2025 + y}`);
    per.link(total, yr);
    for (let q = 0; q < 4; q++) {
      const qu = per.add(`Y${2025 + y}Q${q + 1}`);
      per.link(yr, qu);
      for (let m = 0; m < 3; m++) {
        const mo = per.add(`Y${2025 + y}M${String(q * 3 + m + 1).padStart(2, '0')}`);
        per.link(qu, mo);
        months.push(mo);
      }
    }
  }
  const scn = new Builder('Scenario');
  const actual = scn.add('Actual');
  const budget = scn.add('Budget');
  const forecast = scn.add('Forecast');
  const variance = scn.add('Variance');
  const allScn = scn.add('AllScenarios');
  scn.link(variance, actual, 1);
  scn.link(variance, budget, -1);
  for (const s of [actual, budget, forecast]) scn.link(allScn, s);
  const ver = new Builder('Version');
  const allVer = ver.add('AllVersions');
  const versions = Array.from({ length: 5 }, (_, i) => ver.add(`V${i + 1}`));
  for (const v of versions) ver.link(allVer, v);
  const dims = [acc.done(), dep.done(), prod.done(), per.done(), scn.done(), ver.done()];

  // Distinct cells: leaf positions packed into a 44-bit key, sorted, de-duplicated, shuffled.
  const leafCount = dims.map((d) => d.leaves.length); // 2000, 1000, 5000, 24, 3, 5
  const radix = [1024, 8192, 32, 4, 8];
  const want = Math.ceil(n * 1.02) + 16;
  let keys = new Float64Array(want);
  for (let i = 0; i < want; i++) {
    const a = Math.floor(rng() * (leafCount[0] ?? 1));
    const d = Math.floor(rng() * (leafCount[1] ?? 1));
    const p = Math.floor((leafCount[2] ?? 1) * rng() ** 2.5); // skewed product use
    const m = Math.floor(rng() * 24);
    const s = Math.floor(rng() * 3);
    const v = Math.floor(rng() * 5);
    keys[i] = ((((a * 1024 + d) * 8192 + p) * 32 + m) * 4 + s) * 8 + v;
  }
  keys.sort();
  let u = 0;
  for (let i = 0; i < keys.length; i++) if (i === 0 || keys[i] !== keys[i - 1]) keys[u++] = keys[i] ?? 0;
  if (u < n) throw new Error(`generator produced ${u} distinct cells < ${n}`);
  keys = keys.subarray(0, u);
  for (let i = u - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = keys[i] ?? 0;
    keys[i] = keys[j] ?? 0;
    keys[j] = t;
  }
  const ids = dims.map(() => new Int32Array(n));
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let k = keys[i] ?? 0;
    const parts = new Array<number>(6);
    for (let d = 5; d >= 1; d--) {
      const r = radix[d - 1] ?? 1;
      parts[d] = k % r;
      k = Math.floor(k / r);
    }
    parts[0] = k;
    for (let d = 0; d < 6; d++) (ids[d] as Int32Array)[i] = dims[d]?.leaves[parts[d] ?? 0] ?? 0;
    values[i] = Math.round(rng() * 1e6) / 100;
  }
  // Report rows: root, 4 level-1, 10 level-2, 15 level-3, 15 level-4, 5 leaves (50 rows, mixed levels).
  const take = (level: number, count: number) => (accLevels[level] ?? []).slice(0, count);
  const rows = [...take(0, 1), ...take(1, 4), ...take(2, 10), ...take(3, 15), ...take(4, 15), ...take(5, 5)];
  const fixed = [0, depLevels[0]?.[0] ?? 0, prodLevels[0]?.[0] ?? 0, 0, variance, versions[0] ?? 0];
  return {
    dims,
    ids,
    values,
    grid: { rows, cols: months, fixed, rowDim: 0, colDim: 3 },
    grandTotal: [
      accLevels[0]?.[0] ?? 0,
      depLevels[0]?.[0] ?? 0,
      prodLevels[0]?.[0] ?? 0,
      total,
      allScn,
      allVer,
    ],
  };
}
