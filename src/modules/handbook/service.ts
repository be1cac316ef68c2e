import { AppError } from '../../platform/errors/app-error.js';
import {
  loadHandbook,
  normaliseForSearch,
  renderPage,
  type Audience,
  type Handbook,
  type HandbookLang,
  type HandbookPage,
  type RenderBases,
} from './library.js';

/** Who reads: decides which audiences' pages they may see (enforced here, not only hidden). */
export type Reader = { kind: 'user'; isOrgAdmin: boolean } | { kind: 'operator' };

export function audiencesOf(reader: Reader): Audience[] {
  if (reader.kind === 'operator') return ['user', 'admin', 'operator'];
  return reader.isOrgAdmin ? ['user', 'admin'] : ['user'];
}

let cached: Handbook | undefined;
/** The Handbook as shipped; read once per process (the files change only with a release). */
export function handbook(): Handbook {
  cached ??= loadHandbook();
  return cached;
}

const AUDIENCE_ORDER: Record<Audience, number> = { user: 0, admin: 1, operator: 2 };

export function tableOfContents(reader: Reader, lang: HandbookLang, book = handbook()) {
  const allowed = audiencesOf(reader);
  return [...book.pages.values()]
    .filter((p) => p.lang === lang && allowed.includes(p.audience))
    .sort(
      (a, b) =>
        AUDIENCE_ORDER[a.audience] - AUDIENCE_ORDER[b.audience] || a.title.localeCompare(b.title, lang),
    )
    .map((p) => ({ id: p.id, title: p.title, audience: p.audience }));
}

/** One page, rendered; a page for another audience is refused (403), an unknown one is 404. */
export function readPage(
  reader: Reader,
  lang: HandbookLang,
  id: string,
  bases: RenderBases,
  book = handbook(),
): { page: HandbookPage; html: string } {
  const page = book.pages.get(`${lang}/${id}`);
  if (!page) throw new AppError('HANDBOOK_PAGE_NOT_FOUND');
  if (!audiencesOf(reader).includes(page.audience)) throw new AppError('FORBIDDEN');
  return { page, html: renderPage(page, bases) };
}

/** May this reader see this screenshot? Only if a page they may read shows it. */
export function screenshotAllowed(reader: Reader, file: string, book = handbook()): boolean {
  const allowed = audiencesOf(reader);
  return [...book.pages.values()].some((p) => allowed.includes(p.audience) && p.screenshots.includes(file));
}

function countOf(text: string, term: string): number {
  let n = 0;
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + term.length)) n++;
  return n;
}

function snippet(page: HandbookPage, term: string): string {
  const at = Math.max(0, page.searchText.indexOf(term));
  const start = Math.max(0, at - 40);
  const end = Math.min(page.plainText.length, at + term.length + 80);
  const text = page.plainText.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${text}${end < page.plainText.length ? '…' : ''}`;
}

/**
 * Full-text search in one language. Substring matching after NFKC and lower-casing, so Japanese
 * (written without spaces) matches inside words and full-/half-width forms are equal. Every
 * space-separated term must occur; title hits rank first, then the number of occurrences.
 */
export function searchHandbook(reader: Reader, lang: HandbookLang, query: string, book = handbook()) {
  const terms = normaliseForSearch(query)
    .split(/[\s\u3000]+/)
    .filter(Boolean)
    .slice(0, 10);
  if (terms.length === 0) return [];
  const allowed = audiencesOf(reader);
  const hits: { page: HandbookPage; score: number }[] = [];
  for (const page of book.pages.values()) {
    if (page.lang !== lang || !allowed.includes(page.audience)) continue;
    const title = normaliseForSearch(page.title);
    let score = 0;
    for (const term of terms) {
      const inBody = countOf(page.searchText, term);
      if (inBody === 0) {
        score = 0;
        break;
      }
      score += inBody + (title.includes(term) ? 100 : 0);
    }
    if (score > 0) hits.push({ page, score });
  }
  return hits
    .sort((a, b) => b.score - a.score || a.page.title.localeCompare(b.page.title, lang))
    .slice(0, 50)
    .map(({ page }) => ({
      id: page.id,
      title: page.title,
      audience: page.audience,
      snippet: snippet(page, terms[0]!),
    }));
}
