import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

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
