#!/usr/bin/env node
// `npm run audit`: `npm audit --omit=dev` against the registry's advisories. Fails on real
// advisories; when the registry's audit service does not answer (this machine's answers 405),
// says so in one line and exits 0, so CI does not fail for that reason.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { auditVerdict } from './audit-result.mjs';

const root = path.resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = spawnSync(npm, ['audit', '--omit=dev', '--json'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
  timeout: 120_000,
});
const result = auditVerdict({ status: run.status, stdout: run.stdout });
(result.exitCode === 0 ? console.log : console.error)(result.line);
process.exit(result.exitCode);
