import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The package's root folder (where package.json, docs/ and dist/ are), found from this file:
 * `src/runtime/` when run from source, `dist/src/runtime/` when built.
 */
export function packageRoot(): string {
  for (const up of ['../../', '../../../']) {
    const dir = new URL(up, import.meta.url);
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string };
      if (pkg.name === 'yosan') return fileURLToPath(dir);
    } catch {
      // try the next location
    }
  }
  return process.cwd();
}

/** The product version, from package.json (the one source of it). */
export function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')) as {
      name?: string;
      version?: string;
    };
    if (pkg.name === 'yosan' && pkg.version) return pkg.version;
  } catch {
    // fall through
  }
  return '0.0.0';
}
