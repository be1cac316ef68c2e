import { isSingleLine } from '../../platform/text/single-line.js';
import type { CsvColumn } from '../../platform/csv/table.js';
import { translateDynamic, type Locale } from '../../platform/i18n/index.js';
import type { GroupTable, UserTable } from '../../platform/db/types.js';
import type { ImportRow } from './schemas.js';

/** The user CSV columns (header in Japanese or English, any order). */
export type UserColumn = 'email' | 'name' | 'language' | 'groups' | 'admin';
export const USER_COLUMNS: readonly CsvColumn<UserColumn>[] = [
  { key: 'email', names: ['email', 'e-mail', 'メールアドレス'], required: true },
  { key: 'name', names: ['name', 'display name', '氏名'], required: true },
  { key: 'language', names: ['language', '言語'], required: false },
  { key: 'groups', names: ['groups', 'グループ'], required: false },
  { key: 'admin', names: ['admin', '組織管理者'], required: false },
];
/** Header names by template language. */
export const USER_HEADER = {
  ja: ['メールアドレス', '氏名', '言語', 'グループ', '組織管理者'],
  en: ['email', 'name', 'language', 'groups', 'admin'],
} as const;

export const MAX_IMPORT_ROWS = 10_000;
export const LIMITS = { email: 254, name: 100, group: 100 } as const;

/** Simple, strict enough e-mail check: one @, no spaces or control characters, a dot in the domain. */
const EMAIL = /^[^\s@",;<>()[\]\\]+@[^\s@",;<>()[\]\\]+\.[^\s@",;<>()[\]\\]+$/;
export function isEmail(s: string): boolean {
  return s.length <= LIMITS.email && EMAIL.test(s);
}

const YES = new Set(['yes', 'true', '1', 'はい', 'y', '○']);
const NO = new Set(['no', 'false', '0', 'いいえ', 'n', '']);
const JA = new Set(['ja', '日本語', 'japanese', 'jp']);
const EN = new Set(['en', '英語', 'english']);

/** Splits a `;`-separated list (also `；` and `、`), trimming and dropping empties. */
export function splitList(cell: string | undefined): string[] {
  if (!cell) return [];
  return cell
    .split(/[;；]/)
    .map((s) => s.normalize('NFKC').trim())
    .filter((s) => s !== '');
}

export const groupKey = (name: string) => name.normalize('NFKC').trim().toLowerCase();

/** A valid row, ready to insert. */
export interface ValidUser {
  row: number;
  email: string;
  name: string;
  locale: 'ja' | 'en';
  isOrgAdmin: boolean;
  groupIds: string[];
}

export interface UserCheck {
  rows: ImportRow[];
  valid: ValidUser[];
}

/**
 * Checks every row against the file itself and the tenant's users and groups.
 * Outcome per row: `new`; `unchanged` (the same user is already registered with the
 * same details); or `error` with every problem by column.
 */
export function checkUserRows(
  rows: readonly Partial<Record<UserColumn, string>>[],
  present: ReadonlySet<UserColumn>,
  users: readonly UserTable[],
  groups: readonly GroupTable[],
  memberships: Map<string, { id: string }[]>,
  locale: Locale,
): UserCheck {
  const byEmail = new Map(users.map((u) => [u.email, u]));
  const groupByKey = new Map(groups.map((g) => [g.name_key, g]));
  const seen = new Set<string>();
  const out: ImportRow[] = [];
  const valid: ValidUser[] = [];
  rows.forEach((r, i) => {
    const row = i + 1;
    const errors: ImportRow['errors'] = [];
    const err = (column: UserColumn, code: string, params: Record<string, string | number> = {}) =>
      errors.push({ column, code, message: translateDynamic(locale, `fields.${code}`, params) });
    const email = (r.email ?? '').normalize('NFKC').trim().toLowerCase();
    const name = (r.name ?? '').trim();
    if (!email) err('email', 'required');
    else if (email.length > LIMITS.email) err('email', 'too_long', { max: LIMITS.email });
    else if (!isEmail(email)) err('email', 'email');
    else if (seen.has(email)) err('email', 'duplicate_in_file');
    if (email) seen.add(email);
    if (!name) err('name', 'required');
    else if (name.length > LIMITS.name) err('name', 'too_long', { max: LIMITS.name });
    else if (!isSingleLine(name)) err('name', 'single_line');
    const lang = (r.language ?? '').trim().toLowerCase();
    let userLocale: 'ja' | 'en' = 'ja';
    if (EN.has(lang)) userLocale = 'en';
    else if (lang !== '' && !JA.has(lang)) err('language', 'locale');
    const flag = (r.admin ?? '').trim().toLowerCase();
    const isOrgAdmin = YES.has(flag);
    if (!isOrgAdmin && !NO.has(flag)) err('admin', 'admin_flag');
    const groupIds: string[] = [];
    for (const g of splitList(r.groups)) {
      const found = groupByKey.get(groupKey(g));
      if (g.length > LIMITS.group) err('groups', 'too_long', { max: LIMITS.group });
      else if (!found) err('groups', 'unknown_group', { name: g });
      else if (!groupIds.includes(found.id)) groupIds.push(found.id);
    }
    let outcome: ImportRow['outcome'] = errors.length ? 'error' : 'new';
    const existing = email ? byEmail.get(email) : undefined;
    if (existing && errors.length === 0) {
      const mine = new Set((memberships.get(existing.id) ?? []).map((g) => g.id));
      const same =
        existing.display_name === name &&
        (!present.has('language') || existing.locale === userLocale) &&
        (!present.has('admin') || (existing.is_org_admin === 1) === isOrgAdmin) &&
        (!present.has('groups') || (mine.size === groupIds.length && groupIds.every((g) => mine.has(g))));
      if (same) outcome = 'unchanged';
      else {
        err('email', 'already_registered');
        outcome = 'error';
      }
    }
    if (outcome === 'new') valid.push({ row, email, name, locale: userLocale, isOrgAdmin, groupIds });
    out.push({
      row,
      ...(email ? { email: email.slice(0, LIMITS.email) } : {}),
      ...(name ? { name: name.slice(0, LIMITS.name) } : {}),
      outcome,
      errors,
    });
  });
  return { rows: out, valid };
}

export function summarise(rows: readonly ImportRow[]) {
  return {
    total: rows.length,
    new: rows.filter((r) => r.outcome === 'new').length,
    unchanged: rows.filter((r) => r.outcome === 'unchanged').length,
    error: rows.filter((r) => r.outcome === 'error').length,
  };
}

/** The issues of a refused import, for the 400 answer (`row 3 / email`). */
export function importIssues(rows: readonly ImportRow[]) {
  return rows
    .filter((r) => r.outcome === 'error')
    .flatMap((r) =>
      r.errors.map((e) => ({ path: `row ${r.row} / ${e.column}`, code: e.code, message: e.message })),
    );
}
