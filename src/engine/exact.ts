/**
 * Exact, order-independent summation.
 *
 * A consolidated value is the correctly rounded exact sum of its terms
 * (value × weights, see kernel.ts), so it does not depend on the order in
 * which cells are visited, on how a hash partition happens to be laid out, or
 * on whether the value was computed by a fresh scan or kept up to date by
 * patching with each write's old and new terms. That is what makes a read
 * after a restart give, bit for bit, the answer it gave before.
 *
 * Fast path: a double-double state (hi, lo) with hi + lo equal to the exact
 * sum. Each add is Knuth's TwoSum into hi and an addition of its error into
 * lo whose exactness is checked (both back-subtractions must give the
 * operands back). When lo would lose a bit (terms spanning more than ~106
 * bits), the state is marked inexact and callers fall back to
 * `correctlyRoundedSum` (Shewchuk's expansion arithmetic, as in Python's
 * math.fsum) over the same terms. Rounding hi + lo once gives the correctly
 * rounded exact sum — the same double whatever the order.
 */

/** Exact-sum states of many outputs: hi[i] + lo[i] is the exact sum unless bad[i] is 1. */
export interface ExactSums {
  readonly hi: Float64Array;
  readonly lo: Float64Array;
  readonly bad: Uint8Array;
}

export function exactSums(n: number): ExactSums {
  return { hi: new Float64Array(n), lo: new Float64Array(n), bad: new Uint8Array(n) };
}

/** hi[i] + lo[i] += x exactly; marks bad[i] when the exact sum no longer fits. */
export function addExact(hi: Float64Array, lo: Float64Array, bad: Uint8Array, i: number, x: number): void {
  const h = hi[i] as number;
  const s = h + x;
  const bp = s - h;
  const e = h - (s - bp) + (x - bp);
  hi[i] = s;
  if (e === 0) return;
  const l = lo[i] as number;
  const t = l + e;
  if (t - l === e && t - e === l) lo[i] = t;
  else addSlow(hi, lo, bad, i, e);
}

/**
 * The low word could not take e exactly: move what it can of lo into hi (an
 * exact TwoSum, after which |lo| ≤ ulp(hi)/2) and try again; only a sum whose
 * terms truly span more than ~106 bits is marked bad.
 */
function addSlow(hi: Float64Array, lo: Float64Array, bad: Uint8Array, i: number, e: number): void {
  const [h, l] = twoSum(hi[i] as number, lo[i] as number);
  const t = l + e;
  hi[i] = h;
  lo[i] = t;
  if (t - l !== e || t - e !== l) bad[i] = 1;
}

/** Knuth's TwoSum: s + err = a + b exactly. */
export function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bp = s - a;
  return [s, a - (s - bp) + (b - bp)];
}

/** The rounded value of output i (only meaningful when bad[i] is 0). */
export function roundedValue(s: ExactSums, i: number): number {
  // `+ 0` turns a -0 into 0, so that an empty sum reads as 0 whichever way it was reached.
  return (s.hi[i] as number) + (s.lo[i] as number) + 0;
}

/** Correctly rounded exact sum of `terms` (Shewchuk / Python fsum); independent of their order. */
export function correctlyRoundedSum(terms: Iterable<number>): number {
  const partials: number[] = [];
  for (let x of terms) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  // Round the expansion (non-overlapping, increasing magnitude) to nearest, ties to even.
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n] as number;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n] as number;
    hi = x + y;
    const yr = hi - x;
    lo = y - yr;
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && (partials[n - 1] as number) < 0) || (lo > 0 && (partials[n - 1] as number) > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi + 0;
}
