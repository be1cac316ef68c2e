/**
 * `Content-Disposition` of a file download (RFC 6266): the real name as `filename*=UTF-8''…`
 * (RFC 8187 percent-encoding, so 売上計画_営業部_20270415.xlsx arrives as such) and an ASCII
 * `filename="…"` for clients that do not read `filename*`.
 */

/** Characters no file system or browser takes in a name (Windows' reserved ones, controls). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;

/** A file name from free text (a form's name, an element's name): unsafe characters become `_`, at most 150 characters. */
export function safeFileName(name: string): string {
  const clean = name.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim();
  // Keep the extension when the name has to be shortened.
  const chars = [...clean];
  if (chars.length <= 150) return clean || 'download';
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return chars.slice(0, 150 - ext.length).join('') + ext;
}

/** The ASCII stand-in of a name: other characters become `_` (runs of them one `_`). */
export function asciiFileName(name: string): string {
  const ascii = safeFileName(name)
    .replace(/[^\x20-\x7e]+/g, '_')
    .replace(/[%;]/g, '_')
    .replace(/_+/g, '_');
  return /[A-Za-z0-9]/.test(ascii.replace(/\.[A-Za-z0-9]+$/, ''))
    ? ascii
    : `download${/\.[A-Za-z0-9]+$/.exec(ascii)?.[0] ?? ''}`;
}

/** RFC 8187 `value-chars`: percent-encoded UTF-8, every character outside `attr-char` escaped. */
const encode8187 = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `attachment; filename="<ASCII>"; filename*=UTF-8''<name>`. `fallback` is the ASCII name for
 * old clients (else derived from `name`); a name that is ASCII already is sent once, as `filename`.
 */
export function contentDisposition(name: string, fallback?: string): string {
  const real = safeFileName(name);
  const ascii = asciiFileName(fallback ?? real);
  if (ascii === real) return `attachment; filename="${ascii}"`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encode8187(real)}`;
}
