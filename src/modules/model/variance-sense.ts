/**
 * Variance by sense (issue 18 point 3), pure and shared with the web app: an account is
 * favourable when it goes up (sales, profits: the default) or down (costs). A variance
 * (`of − base`, e.g. actual − budget, or its ratio) on an account that is favourable when down
 * is favourable when it is negative (an underspend) and unfavourable when positive (an overspend).
 */
export type Sense = 'up' | 'down';

/** The element attribute holding the sense; absent = `up`. */
export const SENSE_ATTRIBUTE = 'sense';

export type VarianceVerdict = 'favourable' | 'unfavourable' | 'neutral';

/** How a variance of `value` on a member of the given sense reads; `neutral` for 0 or no value. */
export function varianceVerdict(value: number | null, sense: Sense | undefined): VarianceVerdict {
  if (value === null || value === 0 || !Number.isFinite(value)) return 'neutral';
  const up = value > 0;
  return up === (sense !== 'down') ? 'favourable' : 'unfavourable';
}

/** The attribute value as a sense: only the string `down` is `down`. */
export const senseOf = (attribute: unknown): Sense => (attribute === 'down' ? 'down' : 'up');
