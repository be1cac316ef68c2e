import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { frontMatter, HandbookFormatError, loadHandbook, renderPage } from './library.js';
import { readPage, searchHandbook, tableOfContents } from './service.js';

function book(pages: Record<string, string>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-handbook-'));
  for (const [file, text] of Object.entries(pages)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return loadHandbook(dir);
}

const bases = { pages: '/t/a/handbook/en', screenshots: '/t/a/api/handbook/screenshots' };

describe('Handbook library', () => {
  it('reads the front matter and the title', () => {
    expect(frontMatter('---\naudience: admin\n---\n\n# T\n')).toEqual({
      fields: { audience: 'admin' },
      body: '\n# T\n',
    });
    const b = book({ 'en/p.md': '---\naudience: user\n---\n# Hello\n\ntext' });
    expect(b.pages.get('en/p')).toMatchObject({ title: 'Hello', audience: 'user' });
  });

  it('refuses a page without a known audience', () => {
    expect(() => book({ 'en/p.md': '# No front matter' })).toThrow(HandbookFormatError);
    expect(() => book({ 'en/p.md': '---\naudience: everyone\n---\n# x' })).toThrow(/audience/);
  });

  it('renders raw HTML as text and drops script links; rewrites page links and screenshots', () => {
    const b = book({
      'en/p.md': [
        '---',
        'audience: user',
        '---',
        '# P <script>alert(1)</script>',
        '',
        '<img src=x onerror=alert(1)>',
        '',
        '[bad](javascript:alert(1)) [next](other.md#step) [web](https://example.com)',
        '',
        '![shot](../screenshots/a-b.png) ![evil](https://evil.example/x.png)',
      ].join('\n'),
    });
    const html = renderPage(b.pages.get('en/p')!, bases);
    expect(html).not.toMatch(/<script|<img src=x|<[^>]*onerror|href="javascript:/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('href="/t/a/handbook/en/other#step"');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toContain('src="/t/a/api/handbook/screenshots/a-b.png"');
    expect(html).not.toContain('evil.example');
    expect(html).toContain(' evil</p>');
  });

  it('filters by audience and searches inside Japanese words', () => {
    const b = book({
      'ja/u.md': '---\naudience: user\n---\n# パスワード\n\nパスワードを変更します。',
      'ja/a.md': '---\naudience: admin\n---\n# 管理\n\n管理者がパスワードを再設定します。',
    });
    const user = { kind: 'user' as const, isOrgAdmin: false };
    const admin = { kind: 'user' as const, isOrgAdmin: true };
    expect(tableOfContents(user, 'ja', b).map((p) => p.id)).toEqual(['u']);
    expect(tableOfContents(admin, 'ja', b).map((p) => p.id)).toEqual(['u', 'a']);
    expect(searchHandbook(user, 'ja', 'スワー', b).map((r) => r.id)).toEqual(['u']);
    expect(searchHandbook(admin, 'ja', 'スワー', b).map((r) => r.id)).toEqual(['u', 'a']);
    expect(searchHandbook(admin, 'ja', '管理　再設定', b).map((r) => r.id)).toEqual(['a']);
    expect(() => readPage(user, 'ja', 'a', bases, b)).toThrow('FORBIDDEN');
  });
});
