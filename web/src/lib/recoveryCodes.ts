/** Recovery codes and one-time codes: display, download text and input clean-up. */

/** The text file offered for download / copy: a title, where they belong, then one code per line. */
export function recoveryCodesText(options: {
  title: string;
  account: string;
  note: string;
  codes: readonly string[];
}): string {
  const width = String(options.codes.length).length;
  const lines = [
    options.title,
    options.account,
    '',
    ...options.codes.map((code, i) => `${String(i + 1).padStart(width, ' ')}. ${code}`),
    '',
    options.note,
    '',
  ];
  return lines.join('\r\n');
}

/** A file name such as `yosan-recovery-codes-acme.txt` (slug only: safe characters). */
export function recoveryCodesFileName(slug: string): string {
  const safe = slug.replace(/[^a-z0-9-]/gi, '').slice(0, 40) || 'tenant';
  return `yosan-recovery-codes-${safe}.txt`;
}

/**
 * A six-digit code as typed: spaces, hyphens and full-width digits (from a Japanese IME) are
 * accepted. Returns undefined when it is not six digits.
 */
export function normaliseTotpCode(input: string): string | undefined {
  const ascii = input.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const digits = ascii.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : undefined;
}

/** A recovery code as typed: trimmed, inner spaces removed, full-width letters and digits made ASCII. */
export function normaliseRecoveryCode(input: string): string {
  return input
    .replace(/[０-９Ａ-Ｚａ-ｚ－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .trim();
}

/** `data:` URL for an SVG string (UTF-8 safe base64), for `<img src>`: never injected as markup. */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
