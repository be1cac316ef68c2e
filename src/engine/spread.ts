/**
 * Spreading math, independent of storage. Given the free leaves of a
 * consolidated cell (current value x_i, weight w_i = product of link weights)
 * and the amount R that they must contribute (target − Σ held w·x), returns
 * new values x'_i with Σ w_i·x'_i = R:
 *
 * - proportional: x'_i = x_i · R / S with S = Σ w_i·x_i, when S is not
 *   (numerically) zero; when S cancels out although values are not all zero,
 *   the difference is added equally (x'_i = x_i + sign(w_i)·(R − S)/Σ|w_i|);
 * - equal: x'_i = sign(w_i) · R / Σ|w_i| — every leaf gets the same
 *   magnitude, a negatively weighted leaf moves the other way.
 */
export type SpreadMode = 'proportional' | 'equal';

/** Relative threshold below which Σ w·x counts as cancelled out. */
const CANCEL_EPS = 1e-12;

export function spreadEqual(weights: Float64Array, remaining: number): Float64Array {
  let absSum = 0;
  for (const w of weights) absSum += Math.abs(w);
  const c = absSum === 0 ? 0 : remaining / absSum;
  return weights.map((w) => Math.sign(w) * c);
}

/** Returns undefined when every current value is zero (caller falls back to equal). */
export function spreadProportional(
  values: Float64Array,
  weights: Float64Array,
  remaining: number,
): Float64Array | undefined {
  let s = 0;
  let abs = 0;
  let absW = 0;
  for (let i = 0; i < values.length; i++) {
    const wx = (weights[i] ?? 0) * (values[i] ?? 0);
    s += wx;
    abs += Math.abs(wx);
    absW += Math.abs(weights[i] ?? 0);
  }
  if (abs === 0) return undefined;
  if (Math.abs(s) > CANCEL_EPS * abs) {
    const k = remaining / s;
    return values.map((x) => x * k);
  }
  const d = (remaining - s) / absW;
  return values.map((x, i) => x + Math.sign(weights[i] ?? 0) * d);
}
