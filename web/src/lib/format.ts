/**
 * Display helpers. Times from the API are ISO 8601 strings already in the
 * tenant's / installation's zone (e.g. `2026-11-25T09:00:00.000+09:00`), so
 * they are shown as written, never converted to the browser's zone.
 */
const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

const ZONE_NAMES: Record<string, string> = { '+09:00': 'JST', Z: 'UTC', '+00:00': 'UTC' };

function zoneLabel(offset: string): string {
  const normal =
    offset === 'Z' ? 'Z' : offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset;
  return ZONE_NAMES[normal] ?? `UTC${normal}`;
}

/** `2026-11-25T09:00:00.000+09:00` → `2026-11-25 09:00 (JST)`; a plain date stays a date. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const match = ISO.exec(value.trim());
  if (!match) return value;
  const [, date = '', hour, minute, offset] = match;
  if (hour === undefined || minute === undefined) return date;
  return offset ? `${date} ${hour}:${minute} (${zoneLabel(offset)})` : `${date} ${hour}:${minute}`;
}

/** `2026-11-25T09:00:00+09:00` or `2026-11-25` → `2026-11-25`. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const match = ISO.exec(value.trim());
  return match?.[1] ?? value;
}

/** A short, human name for a User-Agent string: `Chrome`, `Firefox`, `Safari`, `Edge`… with the OS. */
export function describeUserAgent(ua: string | null | undefined): string | undefined {
  if (!ua) return undefined;
  const browsers: [RegExp, string][] = [
    [/Edg(e|A|iOS)?\//, 'Edge'],
    [/OPR\//, 'Opera'],
    [/Firefox\/|FxiOS\//, 'Firefox'],
    [/HeadlessChrome\//, 'Chrome (headless)'],
    [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
    [/Version\/[\d.]+.*Safari\//, 'Safari'],
    [/curl\//, 'curl'],
  ];
  const systems: [RegExp, string][] = [
    [/Windows/, 'Windows'],
    [/iPhone|iPad|iOS/, 'iOS'],
    [/Mac OS X|Macintosh/, 'macOS'],
    [/Android/, 'Android'],
    [/CrOS/, 'ChromeOS'],
    [/Linux/, 'Linux'],
  ];
  const browser = browsers.find(([re]) => re.test(ua))?.[1];
  const system = systems.find(([re]) => re.test(ua))?.[1];
  if (browser && system) return `${browser} / ${system}`;
  return browser ?? system ?? (ua.length > 60 ? `${ua.slice(0, 57)}…` : ua);
}
