import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { packageRoot } from '../../runtime/version.js';

export type HandbookLang = 'ja' | 'en';
/** Who a page is for: `user` everyone signed in, `admin` org admins, `operator` the provider's operators. */
export type Audience = 'user' | 'admin' | 'operator';
export const AUDIENCES: readonly Audience[] = ['user', 'admin', 'operator'];
export const HANDBOOK_LANGS: readonly HandbookLang[] = ['ja', 'en'];

export interface HandbookPage {
  id: string;
  lang: HandbookLang;
  title: string;
  audience: Audience;
  /** Markdown without the front matter. */
  body: string;
  /** Plain text of the page (for search), NFKC + lower case. */
  searchText: string;
  /** The page's plain text, NFKC (for snippets: same offsets as searchText). */
  plainText: string;
  /** Screenshot file names the page shows. */
  screenshots: string[];
}

export interface Handbook {
  dir: string;
  pages: Map<string, HandbookPage>; // key `${lang}/${id}`
}

/** Safe Markdown: raw HTML is escaped (html: false); markdown-it refuses javascript:/data: links itself. */
export const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

export const PAGE_ID = /^[a-z0-9][a-z0-9-]{0,80}$/;
const SCREENSHOT = /^(?:\.\.\/)?screenshots\/([a-z0-9][a-z0-9._-]{0,120}\.png)$/;

/** `---\nkey: value\n---` at the top of a page; returns the fields and the rest. */
export function frontMatter(text: string): { fields: Record<string, string>; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { fields: {}, body: text };
  const fields: Record<string, string> = {};
  for (const line of m[1]!.split(/\r?\n/)) {
    const kv = /^([a-z]+):\s*(.*?)\s*$/.exec(line);
    if (kv) fields[kv[1]!] = kv[2]!;
  }
  return { fields, body: text.slice(m[0].length) };
}

export const normaliseForSearch = (s: string): string => s.normalize('NFKC').toLowerCase();

function plainTextOf(body: string): { text: string; screenshots: string[] } {
  const parts: string[] = [];
  const screenshots: string[] = [];
  const walk = (tokens: ReturnType<typeof markdown.parse>) => {
    for (const t of tokens) {
      if (t.type === 'image') {
        const file = SCREENSHOT.exec(String(t.attrGet('src') ?? ''))?.[1];
        if (file) screenshots.push(file);
      }
      if (t.children) walk(t.children);
      else if (t.type === 'text' || t.type === 'code_inline' || t.type === 'code_block' || t.type === 'fence')
        parts.push(t.content);
      if (t.type.endsWith('_close') && t.block) parts.push('\n');
    }
  };
  walk(markdown.parse(body, {}));
  return {
    text: parts
      .join(' ')
      .replace(/[ \t]+/g, ' ')
      .replace(/\s*\n\s*/g, '\n')
      .trim(),
    screenshots,
  };
}

export class HandbookFormatError extends Error {}

function readPage(dir: string, lang: HandbookLang, file: string): HandbookPage {
  const id = file.slice(0, -3);
  const { fields, body } = frontMatter(readFileSync(path.join(dir, lang, file), 'utf8'));
  const audience = fields.audience as Audience | undefined;
  if (!audience || !AUDIENCES.includes(audience))
    throw new HandbookFormatError(
      `${lang}/${file}: front matter "audience" must be one of ${AUDIENCES.join(', ')}`,
    );
  const title = /^#\s+(.+)$/m.exec(body)?.[1]?.trim() ?? id;
  const { text, screenshots } = plainTextOf(body);
  return {
    id,
    lang,
    title,
    audience,
    body,
    plainText: text.normalize('NFKC'),
    searchText: text.normalize('NFKC').toLowerCase(),
    screenshots,
  };
}

/** Reads every page of `docs/handbook/{ja,en}/` (the folder ships with the server, beside dist/). */
export function loadHandbook(dir = path.join(packageRoot(), 'docs', 'handbook')): Handbook {
  const pages = new Map<string, HandbookPage>();
  for (const lang of HANDBOOK_LANGS) {
    const folder = path.join(dir, lang);
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder).sort()) {
      if (!file.endsWith('.md') || !PAGE_ID.test(file.slice(0, -3))) continue;
      const page = readPage(dir, lang, file);
      pages.set(`${lang}/${page.id}`, page);
    }
  }
  return { dir, pages };
}

/** Where rendered links point: the page route and the screenshot route of the reader's console. */
export interface RenderBases {
  pages: string; // e.g. `/t/acme/handbook/ja`
  screenshots: string; // e.g. `/t/acme/api/handbook/screenshots`
}

/**
 * Renders a page to HTML: Markdown as the only markup (raw HTML escaped), links to other pages
 * (`other.md`) and screenshots (`../screenshots/x.png`) rewritten to the reader's routes.
 */
export function renderPage(page: HandbookPage, bases: RenderBases): string {
  const tokens = markdown.parse(page.body, {});
  const rewrite = (list: typeof tokens) => {
    for (const t of list) {
      if (t.children) rewrite(t.children);
      if (t.type === 'image') {
        const file = SCREENSHOT.exec(String(t.attrGet('src') ?? ''))?.[1];
        if (file) {
          t.attrSet('src', `${bases.screenshots}/${file}`);
          t.attrSet('loading', 'lazy');
        } else {
          // Only the Handbook's own screenshots are shown; anything else becomes its alt text.
          t.type = 'text';
          t.children = null;
        }
      }
      if (t.type === 'link_open') {
        const href = String(t.attrGet('href') ?? '');
        const m = /^(?:\.\/)?([a-z0-9][a-z0-9-]*)\.md(#[\w-]*)?$/.exec(href);
        if (m) t.attrSet('href', `${bases.pages}/${m[1]}${m[2] ?? ''}`);
        else if (/^https?:\/\//.test(href)) {
          t.attrSet('rel', 'noopener noreferrer');
          t.attrSet('target', '_blank');
        }
      }
    }
  };
  rewrite(tokens);
  return markdown.renderer.render(tokens, markdown.options, {});
}
