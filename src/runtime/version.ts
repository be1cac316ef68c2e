import { readFileSync } from 'node:fs';

/** The product version, from package.json (the one source of it). */
export function readVersion(): string {
  const url = new URL('../../../package.json', import.meta.url);
  const alt = new URL('../../package.json', import.meta.url);
  for (const candidate of [url, alt]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'yosan' && pkg.version) return pkg.version;
    } catch {
      // try the next location (src/ when run from source, dist/src/ when built)
    }
  }
  return '0.0.0';
}
