import iconv from 'iconv-lite';
import { Type, type Static } from 'typebox';

/**
 * The character encoding of every CSV file Yosan writes (issue 18 point 7), chosen per download
 * with the same query parameter everywhere: `?charset=utf8` (the default) or `?charset=sjis`.
 *
 * - `utf8`: UTF-8 with a BOM (so Japanese Excel opens it as UTF-8). Holds every character.
 * - `sjis`: Shift_JIS as Japanese Excel and most Japanese accounting software read it, i.e.
 *   Microsoft's CP932 (JIS X 0208 plus the NEC and IBM extensions: ①, ⅰ, 髙, ㈱ …), no BOM.
 *   Characters that look the same but have another code in Unicode (〜 WAVE DASH, − MINUS SIGN,
 *   — EM DASH, ‖, ¢, £, ¬, ¦) are written as their CP932 twins (～ － ― ∥ ￠ ￡ ￢ ￤). A character
 *   CP932 cannot hold at all (an emoji, 𠮷, most accented letters) is written as 〓 (the
 *   customary "geta" mark) rather than refusing the file: exports are streamed (a log export may
 *   be millions of lines), so a refusal could come only after half a file had been sent. Whoever
 *   needs every character chooses UTF-8.
 *
 * Line ends are CRLF in both (the writers: `toCsv` in export.ts, the log export's `csvLine`).
 */
export const CSV_CHARSETS = ['utf8', 'sjis'] as const;
export type CsvCharset = (typeof CSV_CHARSETS)[number];

/** The query parameter of every CSV download (spread into a route's querystring schema). */
export const CsvCharsetParam = {
  charset: Type.Optional(
    Type.Union([Type.Literal('utf8'), Type.Literal('sjis')], {
      description:
        'utf8 = UTF-8 with BOM (default); sjis = Shift_JIS (CP932), 〓 for characters it cannot hold',
    }),
  ),
};
export const CsvCharsetQuery = Type.Object(CsvCharsetParam, { additionalProperties: false });
export type CsvCharsetQuery = Static<typeof CsvCharsetQuery>;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The `Content-Type` of a CSV file in this encoding. */
export const csvContentType = (charset: CsvCharset = 'utf8') =>
  charset === 'sjis' ? 'text/csv; charset=Shift_JIS' : 'text/csv; charset=utf-8';

/** Written for a character CP932 cannot hold. */
export const SJIS_REPLACEMENT = '〓';

/** Unicode characters with a CP932 twin that iconv-lite does not map (JIS X 0208 vs Microsoft). */
const CP932_TWINS: Record<string, string> = {
  '\u301c': '\uff5e', // 〜 WAVE DASH → ～ FULLWIDTH TILDE
  '\u2212': '\uff0d', // − MINUS SIGN → － FULLWIDTH HYPHEN-MINUS
  '\u2014': '\u2015', // — EM DASH → ― HORIZONTAL BAR
  '\u2016': '\u2225', // ‖ DOUBLE VERTICAL LINE → ∥ PARALLEL TO
  '\u00a2': '\uffe0', // ¢ → ￠
  '\u00a3': '\uffe1', // £ → ￡
  '\u00ac': '\uffe2', // ¬ → ￢
  '\u00a6': '\uffe4', // ¦ → ￤
};

/** Per character: what is written for it in CP932 (itself, its twin or 〓). */
const sjisOf = new Map<string, string>();

function sjisChar(ch: string): string {
  let out = sjisOf.get(ch);
  if (out === undefined) {
    const twin = CP932_TWINS[ch] ?? ch;
    // iconv-lite writes '?' for a character it cannot encode.
    const bytes = iconv.encode(twin, 'cp932');
    out = bytes.length === 1 && bytes[0] === 0x3f ? SJIS_REPLACEMENT : twin;
    if (sjisOf.size < 100_000) sjisOf.set(ch, out);
  }
  return out;
}

/** The text as CP932 can hold it: twins for look-alikes, 〓 for the rest. `replaced` counts the 〓. */
export function toSjisText(text: string): { text: string; replaced: number } {
  // ASCII and common text need no work; only non-ASCII characters are looked at.
  if (!/[\u0080-\uffff]/.test(text)) return { text, replaced: 0 };
  let replaced = 0;
  let out = '';
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      out += ch;
      continue;
    }
    const s = sjisChar(ch);
    if (s === SJIS_REPLACEMENT && ch !== SJIS_REPLACEMENT) replaced++;
    out += s;
  }
  return { text: out, replaced };
}

/** Encodes one piece of a CSV file (no BOM). */
export function encodeCsvText(text: string, charset: CsvCharset = 'utf8'): Buffer {
  return charset === 'sjis' ? iconv.encode(toSjisText(text).text, 'cp932') : Buffer.from(text, 'utf8');
}

/** The bytes a CSV file starts with: the UTF-8 BOM, nothing for Shift_JIS. */
export const csvPreamble = (charset: CsvCharset = 'utf8'): Buffer =>
  charset === 'sjis' ? Buffer.alloc(0) : BOM;

/** A whole CSV file: preamble and text. */
export function encodeCsv(text: string, charset: CsvCharset = 'utf8'): Buffer {
  return Buffer.concat([csvPreamble(charset), encodeCsvText(text, charset)]);
}
