import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/platform/config/config.js';

const root = path.resolve(import.meta.dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('README stays true', () => {
  it('documents every setting', () => {
    for (const s of Object.values(SETTINGS)) expect(readme, s.env).toContain(`| \`${s.env}\` |`);
  });

  it('gives exactly the two commands that package.json and .ci/run use', () => {
    expect(readme).toContain('npm start');
    expect(readme).toContain('npm test');
    const ci = readFileSync(path.join(root, '.ci/run'), 'utf8');
    expect(ci).toMatch(/^npm test$/m);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe('node scripts/start.mjs');
    expect(pkg.scripts.test).toBe('node scripts/test.mjs');
  });
});
