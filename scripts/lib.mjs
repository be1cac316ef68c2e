// Shared helpers of the two README commands (npm start, npm test). Plain Node, no dependencies,
// because they run before `npm ci` has installed anything.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function say(line) {
  console.log(`\n▶ ${line}`);
}

/** Stops with one clear line saying what is missing. */
export function stop(line) {
  console.error(`\n✖ ${line}`);
  process.exit(1);
}

export function run(cmd, args, options = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...options.env } });
  if (res.error) stop(`could not run ${cmd}: ${res.error.message}`);
  if (res.status !== 0 && !options.allowFail) stop(`${cmd} ${args.join(' ')} failed (exit ${res.status})`);
  return res.status ?? 1;
}

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19))
    stop(`Node.js 20.19 or newer is needed (this is ${process.versions.node})`);
}

/** npm ci when node_modules is missing or older than package-lock.json. */
export function ensureDependencies() {
  const lock = path.join(root, 'package-lock.json');
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const stale =
    !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
  if (stale) {
    say('Installing dependencies (npm ci)…');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
  // better-sqlite3 and argon2 are native: make sure they load on this Node.
  const probe = spawnSync(process.execPath, ['-e', "require('better-sqlite3'); require('argon2')"], {
    cwd: root,
  });
  if (probe.status !== 0) {
    say('Rebuilding native modules for this Node.js…');
    run('npm', ['rebuild', 'better-sqlite3', 'argon2']);
  }
}

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function packageVersion() {
  return JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
}
