import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHandbook } from '../../src/modules/handbook/library.js';

const root = path.resolve(import.meta.dirname, '../..');
const book = loadHandbook(path.join(root, 'docs', 'handbook'));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(path.join(dir, e.name))
      : /\.tsx?$/.test(e.name)
        ? [path.join(dir, e.name)]
        : [],
  );
}

describe('the Handbook as shipped', () => {
  it('has every page in Japanese and English, for the same audience', () => {
    const ids = (lang: string) =>
      [...book.pages.values()]
        .filter((p) => p.lang === lang)
        .map((p) => `${p.id}:${p.audience}`)
        .sort();
    expect(ids('ja').length).toBeGreaterThan(20);
    expect(ids('ja')).toEqual(ids('en'));
  });

  it('shows only screenshots that exist', () => {
    const shots = new Set(readdirSync(path.join(root, 'docs', 'handbook', 'screenshots')));
    for (const p of book.pages.values())
      for (const s of p.screenshots) expect(shots.has(s), `${p.lang}/${p.id}: ${s}`).toBe(true);
  });

  it('has a page in both languages for every help link of the web app', () => {
    const links = new Set<string>();
    for (const file of sources(path.join(root, 'web', 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/<HelpLink\s+page="([^"]+)"/g)) links.add(m[1]!);
    }
    expect(links.size).toBeGreaterThan(5);
    for (const page of links)
      for (const lang of ['ja', 'en'])
        expect(book.pages.has(`${lang}/${page}`), `${lang}/${page}`).toBe(true);
  });
});
