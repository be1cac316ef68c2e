import { newToken } from '../platform/crypto/tokens.js';

/**
 * Uploaded files kept between a preview and its apply, under a one-shot random token (in memory:
 * one server process owns a data folder). Expired entries go first; beyond `max` entries or
 * `maxBytes` of files together, the oldest are dropped. `take` hands an entry out once, and only
 * to a caller `mine` accepts (same tenant, same user…): anyone else leaves it in place.
 */
export class Previews<T extends { file: Buffer }> {
  private readonly pending = new Map<string, T & { expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly maxBytes: number,
  ) {}

  remember(entry: T): string {
    const now = Date.now();
    for (const [t, v] of this.pending) if (v.expires < now) this.pending.delete(t);
    const bytes = () => [...this.pending.values()].reduce((n, v) => n + v.file.length, entry.file.length);
    while (this.pending.size > 0 && (this.pending.size >= this.max || bytes() > this.maxBytes))
      this.pending.delete(this.pending.keys().next().value as string);
    const token = newToken();
    this.pending.set(token, { ...entry, expires: now + this.ttlMs });
    return token;
  }

  /** The entry of `token` if it is still valid and `mine` accepts it (then it is gone); else undefined. */
  take(token: string, mine: (entry: T) => boolean): T | undefined {
    const p = this.pending.get(token);
    if (!p || p.expires < Date.now() || !mine(p)) return undefined;
    this.pending.delete(token);
    return p;
  }
}
