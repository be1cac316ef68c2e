import { EngineError } from './errors.js';

/** Bits available in the high key word so that hi·2³² + lo stays an exact double. */
const HI_BITS = 20;
const PART_KEY_LIMIT = 2 ** 53;

/**
 * How a cell's element ids are packed. Dimensions are split into
 * *partition* dimensions (small ones: their element-id tuple selects a hash
 * partition) and *inner* dimensions (packed into two 32-bit words `lo`/`hi`
 * of the partition's hash key). Each dimension gets `bits[d]` bits, chosen so
 * that every element id is < 2^bits − 1: the all-ones field value is never a
 * real id, so the empty-slot marker (-1) decodes to ids whose weight tables
 * read 0.
 */
export class Layout {
  readonly bits: Int32Array;
  readonly partDims: readonly number[];
  readonly innerDims: readonly number[];
  /** Per partition-dim position: multiplier in the partition key. */
  readonly partMult: Float64Array;
  /** Per dimension (inner only): 0 = lo word, 1 = hi word. */
  readonly word: Uint8Array;
  readonly shift: Int32Array;
  readonly mask: Int32Array;

  constructor(sizes: readonly number[], partDims: readonly number[]) {
    const n = sizes.length;
    this.bits = new Int32Array(n);
    for (let d = 0; d < n; d++) this.bits[d] = bitsFor(sizes[d] ?? 0);
    this.partDims = [...partDims];
    this.innerDims = [];
    const isPart = new Uint8Array(n);
    for (const d of partDims) isPart[d] = 1;
    const inner: number[] = [];
    for (let d = 0; d < n; d++) if (isPart[d] === 0) inner.push(d);
    this.innerDims = inner;
    this.partMult = new Float64Array(partDims.length);
    let mult = 1;
    for (let j = 0; j < partDims.length; j++) {
      this.partMult[j] = mult;
      mult *= 2 ** (this.bits[partDims[j] ?? 0] ?? 0);
    }
    if (mult > PART_KEY_LIMIT) throw new EngineError('ENGINE_CUBE_TOO_LARGE', { bits: Math.log2(mult) });
    this.word = new Uint8Array(n);
    this.shift = new Int32Array(n);
    this.mask = new Int32Array(n);
    const bySize = [...inner].sort((a, b) => (this.bits[b] ?? 0) - (this.bits[a] ?? 0) || a - b);
    let usedLo = 0;
    let usedHi = 0;
    for (const d of bySize) {
      const b = this.bits[d] ?? 0;
      if (usedLo + b <= 32) {
        this.word[d] = 0;
        this.shift[d] = usedLo;
        usedLo += b;
      } else if (usedHi + b <= HI_BITS) {
        this.word[d] = 1;
        this.shift[d] = usedHi;
        usedHi += b;
      } else {
        throw new EngineError('ENGINE_CUBE_TOO_LARGE', { bits: usedLo + usedHi + b });
      }
      this.mask[d] = b === 32 ? -1 : (1 << b) - 1;
    }
  }

  /** Element-id capacity of dimension `d` (weight tables have this length). */
  capacity(d: number): number {
    return 2 ** (this.bits[d] ?? 0);
  }

  /** True when a dimension of `size` elements no longer fits its bits. */
  overflows(d: number, size: number): boolean {
    return size >= this.capacity(d);
  }

  /** Default choice: small dimensions (≤ 128 id slots, i.e. < 64 elements) become partition dims, at most 2^16 partition keys. */
  static choosePartitionDims(sizes: readonly number[]): number[] {
    const n = sizes.length;
    const chosen: number[] = [];
    let product = 1;
    for (let d = 0; d < n; d++) {
      const cap = 2 ** bitsFor(sizes[d] ?? 0);
      if (cap <= 128 && product * cap <= 65536 && chosen.length < n - 1) {
        chosen.push(d);
        product *= cap;
      }
    }
    return chosen;
  }
}

/** Bits for a dimension: room for twice its size, at least 2, id < 2^bits − 1. */
export function bitsFor(size: number): number {
  let b = 2;
  while (2 ** b <= 2 * size + 1) b++;
  return b;
}
