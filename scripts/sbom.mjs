#!/usr/bin/env node
// `npm run sbom`: the CycloneDX SBOM of the production dependencies (npm's own `npm sbom`, which
// reads package-lock.json and node_modules and needs no network), written to dist/sbom.cdx.json.
// The operator console lists the dependencies from this file; releases ship it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist', 'sbom.cdx.json');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = spawnSync(npm, ['sbom', '--omit=dev', '--sbom-format', 'cyclonedx'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (run.status !== 0) {
  console.error(
    `sbom: npm sbom failed (exit ${run.status}): ${(run.stderr || '').trim().split('\n').at(-1)}`,
  );
  process.exit(1);
}
const bom = JSON.parse(run.stdout);
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
// npm names the root component after the folder; name it after the product.
if (bom.metadata?.component) {
  bom.metadata.component.name = pkg.name;
  bom.metadata.component.version = pkg.version;
}
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(bom, null, 2)}\n`);
console.log(`sbom: ${bom.components?.length ?? 0} production dependencies → ${path.relative(root, out)}`);
