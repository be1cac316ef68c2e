import type { Dimension } from '../../engine/index.js';

/**
 * Statement order of a form's rows (issue 18 point 4), pure. `above` keeps the order the member
 * specs give (a total before its details, as `descendants` lists them); `below` moves every
 * total after the run of its details that follows it, recursively, as a 損益計算書 reads:
 * 売上高, 売上原価, then 売上総利益. Only the position changes: depth, rollups and values follow
 * the members wherever they stand.
 */
export type TotalsPosition = 'above' | 'below';

/** True when `id` lies below `ancestor` in the dimension (any path, memoised per call). */
function descendantTest(dim: Dimension): (id: number, ancestor: number) => boolean {
  const memo = new Map<number, Set<number>>();
  const ancestorsOf = (id: number): Set<number> => {
    const known = memo.get(id);
    if (known) return known;
    const out = new Set<number>();
    memo.set(id, out);
    for (const p of dim.parents(id)) {
      out.add(p);
      for (const a of ancestorsOf(p)) out.add(a);
    }
    return out;
  };
  return (id, ancestor) => ancestorsOf(id).has(ancestor);
}

export function orderTotals<T extends { id: number }>(
  dim: Dimension,
  members: readonly T[],
  totals: TotalsPosition | undefined,
): T[] {
  if (totals !== 'below') return [...members];
  const under = descendantTest(dim);
  const below = (list: readonly T[]): T[] => {
    const out: T[] = [];
    let i = 0;
    while (i < list.length) {
      const total = list[i] as T;
      let j = i + 1;
      while (j < list.length && under((list[j] as T).id, total.id)) j++;
      out.push(...below(list.slice(i + 1, j)), total);
      i = j;
    }
    return out;
  };
  return below(members);
}
