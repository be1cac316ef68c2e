/** How long a resolved session or tenant slug is remembered (a revoked session counts as its user this long). */
const REMEMBER_MS = 30_000;
const MAX_ENTRIES = 20_000;

/** A small map whose entries expire and whose oldest entries go first when it is full. */
export class Expiring<V> {
  private readonly map = new Map<string, { value: V; until: number }>();

  constructor(
    private readonly rememberMs = REMEMBER_MS,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  get(key: string, now: number): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    if (hit.until <= now) {
      this.map.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V, now: number): void {
    if (this.map.size >= this.maxEntries) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
    this.map.set(key, { value, until: now + this.rememberMs });
  }
}
