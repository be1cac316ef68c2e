/**
 * Single-line text (names, codes, categories, subjects) holds no control characters — C0 including
 * CR, LF, TAB and NUL, DEL, C1 — no line or paragraph separators and no bidirectional overrides or
 * isolates (U+202A–202E, U+2066–2069), which could forge a line in a mail or a log or make a name
 * read differently from what it is (issue 21 point 4). One rule for request schemas and imports.
 */
const FORBIDDEN = '\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';

/** The JSON-schema pattern of single-line text (any length, blank allowed). */
export const SINGLE_LINE_PATTERN = `^[^${FORBIDDEN}]*$`;
/** The same, with at least one character that is not whitespace. */
export const SINGLE_LINE_NOT_BLANK_PATTERN = `^[^${FORBIDDEN}]*[^\\s${FORBIDDEN}][^${FORBIDDEN}]*$`;

const FORBIDDEN_RE = new RegExp(`[${FORBIDDEN}]`, 'u');

/** True when the text may stand in a single-line field. */
export const isSingleLine = (text: string): boolean => !FORBIDDEN_RE.test(text);

/** The text made safe for one line of a mail or a log: every forbidden character becomes a space. */
export const oneLine = (text: string): string => text.replace(new RegExp(FORBIDDEN_RE.source, 'gu'), ' ');
