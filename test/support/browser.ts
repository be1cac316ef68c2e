import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestServer } from './server.js';
import { PASSWORD } from './tenant-admin.js';

/** Debian's Chromium (installed by `npm test`); never a browser a tool downloads itself. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Headless, no sandbox (root in CI), and no background traffic to a closed network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The server serves dist/web: build it once if a fresh clone has none. */
export async function ensureWebBuilt(): Promise<void> {
  if (existsSync(`${repoRoot}dist/web/index.html`)) return;
  const { build } = await import('vite');
  await build({ configFile: `${repoRoot}web/vite.config.ts`, logLevel: 'warn' });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Opens a fresh server's first-run setup link in `page` and creates the first operator, in Japanese. */
export async function setUpOperatorJa(page: Page, setupUrl: string): Promise<void> {
  await page.goto(setupUrl);
  await page.getByTestId('setup-form').waitFor();
  await page.getByLabel('メールアドレス').fill('ops@example.test');
  await page.getByLabel('氏名').fill('運用 花子');
  await page.getByLabel('新しいパスワード').fill('correct horse battery staple 2026');
  await page.getByLabel('パスワード（確認）').fill('correct horse battery staple 2026');
  await page.getByTestId('setup-submit').click();
}

export interface SignedInOptions {
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  /** Default timeout of the page's actions (ms). */
  timeoutMs?: number;
}

/**
 * A page signed in as `email` (password `PASSWORD`) in a browser context of its own, clipboard
 * allowed. Page errors are collected into `errors` from the start, console errors once signed in
 * (the sign-in page's session probe answers 401 by design). Close it with `page.context().close()`
 * (or the browser).
 */
export async function signedIn(
  browser: Browser,
  server: TestServer,
  slug: string,
  email: string,
  locale: 'ja-JP' | 'en-US',
  errors: string[],
  options: SignedInOptions = {},
): Promise<Page> {
  const origin = server.url.replace(/\/$/, '');
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    locale,
    viewport: options.viewport ?? { width: 1600, height: 1100 },
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  page.setDefaultTimeout(options.timeoutMs ?? 15_000);
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${origin}/t/${slug}/sign-in`);
  await page.getByTestId('field-email').locator('input').fill(email);
  await page.getByTestId('field-password').locator('input').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('nav-me').waitFor();
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  return page;
}
