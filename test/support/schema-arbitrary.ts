import fc from 'fast-check';

/**
 * fast-check arbitraries from a route's JSON Schema (typebox), for the schema fuzz (issue 21
 * point 2): `valid(schema)` gives values the schema accepts (as far as JSON Schema goes; a
 * `pattern` is honoured for the common Yosan ones), `nearlyValid(schema)` a valid object with
 * one field made "just invalid" — a wrong type, a bound crossed by one, or an edge value
 * (year 0001/9999, 2月30日, NaN, ±Infinity, 1e309, empty, very long, control characters).
 */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
}

/** Values at the edges of what routes take: dates, numbers and text that once gave 500s. */
export const EDGE_TEXT = [
  '',
  '0001-01-01',
  '9999-12-31',
  '2026-02-30',
  '2026-13-01',
  '2026-12-31T24:00:00+09:00',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '0x10',
  '-0',
  '9007199254740993',
  "' OR '1'='1",
  '../../etc/passwd',
  '%00',
  'a\u0000b',
  '\r\nX-Injected: 1',
  '\u202Eevil',
  '〓①髙﨑',
  'x'.repeat(5000),
  'ffffffffffffffffffffffffffffffff',
];
const EDGE_NUMBERS = [0, -1, 1, 1e308, -1e308, 2 ** 53, -(2 ** 53), 0.1, 1e-300];

const fixedText = (s: Schema): fc.Arbitrary<string> => {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, Math.max(min, 40));
  if (s.format === 'email') return fc.emailAddress();
  if (s.format === 'date') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (s.pattern) return patternText(s.pattern, min, max);
  return fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
};

/** Strings for the patterns Yosan's schemas use (codes, slugs, ids, dates); others by chance. */
function patternText(pattern: string, min: number, max: number): fc.Arbitrary<string> {
  const re = new RegExp(pattern);
  const candidates = [
    fc.stringMatching(re),
    fc.constantFrom('2027-04-01', '2026-12-03', 'SALES', 'a1', 'acme', '0'.repeat(32), 'f'.repeat(32)),
  ];
  return fc
    .oneof(...candidates)
    .filter((v) => re.test(v) && v.length >= min && v.length <= Math.max(max, 64));
}

const typeOf = (s: Schema): string | undefined =>
  Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;

export function valid(s: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union?.length) return fc.oneof(...union.map((u) => valid(u, depth + 1)));
  if (s.allOf?.length) return valid(Object.assign({}, ...s.allOf) as Schema, depth + 1);
  const nullable = Array.isArray(s.type) && s.type.includes('null');
  const base = validOfType(s, depth);
  return nullable ? fc.oneof(base, fc.constant(null)) : base;
}

function validOfType(s: Schema, depth: number): fc.Arbitrary<unknown> {
  switch (typeOf(s)) {
    case 'string':
      return fixedText(s);
    case 'integer':
      return fc.integer({
        min: Math.max(s.minimum ?? -1e9, -(2 ** 31)),
        max: Math.min(s.maximum ?? 1e9, 2 ** 31),
      });
    case 'number':
      return fc.double({
        min: s.minimum ?? -1e12,
        max: s.maximum ?? 1e12,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4
        ? fc.constant([])
        : fc.array(valid(s.items ?? {}, depth + 1), {
            minLength: s.minItems ?? 0,
            maxLength: Math.min(s.maxItems ?? 3, Math.max(s.minItems ?? 0, 3)),
          });
    case 'object':
      return objectOf(s, depth);
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.boolean());
  }
}

function objectOf(s: Schema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  if (depth > 4) return fc.constant({});
  const entries = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, valid(v, depth + 1)]));
  // Optional keys are left out at random; required ones are always there.
  const requiredKeys = (s.required ?? []).filter((k) => k in props);
  return fc.record(entries, { requiredKeys });
}

/** One value that breaks `s` just so: a wrong type, a bound crossed by one, an edge value. */
export function invalidValue(s: Schema): fc.Arbitrary<unknown> {
  const t = typeOf(s);
  const edges: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...EDGE_TEXT),
    fc.constantFrom(...EDGE_NUMBERS),
    fc.constantFrom(null, true, [], {}, [null], { $gt: '' }),
  ];
  if (t === 'string' && s.maxLength !== undefined) edges.push(fc.constant('y'.repeat(s.maxLength + 1)));
  if ((t === 'integer' || t === 'number') && s.maximum !== undefined) edges.push(fc.constant(s.maximum + 1));
  if ((t === 'integer' || t === 'number') && s.minimum !== undefined) edges.push(fc.constant(s.minimum - 1));
  if (t === 'integer') edges.push(fc.constant(1.5));
  return fc.oneof(...edges);
}

/** A valid object with one property (or the whole value) replaced by an invalid one. */
export function nearlyValid(s: Schema): fc.Arbitrary<unknown> {
  const keys = Object.keys(s.properties ?? {});
  if (typeOf(s) !== 'object' || keys.length === 0) return invalidValue(s);
  return fc.tuple(valid(s), fc.constantFrom(...keys), fc.boolean()).chain(([obj, key, drop]) =>
    invalidValue(s.properties![key]!).map((bad) => {
      const copy = { ...(obj as Record<string, unknown>) };
      if (drop && (s.required ?? []).includes(key)) delete copy[key];
      else copy[key] = bad;
      return copy;
    }),
  );
}

/** A generated value as it goes into a path or query string (objects as JSON). */
export function paramText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
