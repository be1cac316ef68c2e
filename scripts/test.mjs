// `npm test`: installs what is missing (dependencies, Debian's chromium and LibreOffice Calc, a started PostgreSQL),
// then runs lint, format check, type check, build, and every suite on SQLite and on PostgreSQL,
// plus the browser suite in Chromium. Ends with one line: "N passed, N failed".
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { checkNode, ensureDependencies, isRoot, root, run, say, stop } from './lib.mjs';

const CHROMIUM = '/usr/bin/chromium';

// Japanese glyphs in screenshots need a CJK font; chromium itself does not bring one.
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

// The form Excel round trip is checked with LibreOffice (headless conversion to CSV and .xlsx).
const SOFFICE = '/usr/bin/soffice';
// The TLS probe (issue 21 point 8) runs Debian's testssl.sh against the test server.
const TESTSSL = '/usr/bin/testssl';

function ensureChromium() {
  if ([CHROMIUM, CJK_FONT, SOFFICE, TESTSSL].every((f) => existsSync(f))) return;
  if (!isRoot())
    stop(
      `Chromium, a CJK font, LibreOffice or testssl.sh is missing: run "sudo apt-get install -y chromium fonts-noto-cjk libreoffice-calc-nogui testssl.sh"`,
    );
  say(
    'Installing Debian chromium, a CJK font, LibreOffice Calc and testssl.sh for the browser, Excel and TLS tests…',
  );
  run('apt-get', ['update', '-qq']);
  run(
    'apt-get',
    ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk', 'libreoffice-calc-nogui', 'testssl.sh'],
    {
      env: { DEBIAN_FRONTEND: 'noninteractive' },
    },
  );
}

function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
    s.setTimeout(1000, () => {
      s.destroy();
      resolve(false);
    });
  });
}

async function ensurePostgres() {
  if (process.env.YOSAN_TEST_PG_URL || (await portOpen(5432))) return;
  const clusters = existsSync('/etc/postgresql')
    ? spawnSync('ls', ['/etc/postgresql']).stdout.toString().trim().split('\n')[0]
    : '';
  if (!clusters || !isRoot()) {
    stop(
      'PostgreSQL is not running on 127.0.0.1:5432: start it (pg_ctlcluster <version> main start) or set YOSAN_TEST_PG_URL',
    );
  }
  say(`Starting PostgreSQL ${clusters}…`);
  run('pg_ctlcluster', ['--skip-systemctl-redirect', clusters, 'main', 'start'], { allowFail: true });
  for (let i = 0; i < 30 && !(await portOpen(5432)); i++) await new Promise((r) => setTimeout(r, 500));
  if (!(await portOpen(5432))) stop('PostgreSQL did not start on 127.0.0.1:5432');
}

const reports = path.join(root, 'test-results', 'reports');
let passed = 0;
let failed = 0;
let suitesFailed = 0;
/** Every failed test by name, printed at the end (a long log's last lines say what failed). */
const failures = [];

function vitest(label, env, file) {
  say(`Tests: ${label}`);
  const out = path.join(reports, `${file}.json`);
  const status = run(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    {
      env,
      allowFail: true,
    },
  );
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    for (const file of r.testResults ?? []) {
      for (const t of file.assertionResults ?? []) {
        if (t.status === 'failed')
          failures.push(`${label}: ${path.relative(root, file.name)} > ${t.fullName}`);
      }
      if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'))
        failures.push(
          `${label}: ${path.relative(root, file.name)} (${(file.message ?? 'suite failed').split('\n')[0]})`,
        );
    }
  }
  if (status !== 0) suitesFailed += 1;
}

checkNode();
ensureDependencies();
ensureChromium();
await ensurePostgres();

say('Lint (eslint, type-aware)');
run('npx', ['eslint', '.', '--max-warnings=0']);
say('Format (prettier --check)');
run('npx', ['prettier', '--check', '.']);
say('Type check (tsc --noEmit)');
run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
say('Build (server and web app)');
run('npm', ['run', '--silent', 'build']);

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
vitest('unit and integration on SQLite', { YOSAN_TEST_DB: 'sqlite' }, 'sqlite');
vitest('unit and integration on PostgreSQL', { YOSAN_TEST_DB: 'postgres' }, 'postgres');
vitest(
  'browser (Chromium) on SQLite',
  { YOSAN_TEST_DB: 'sqlite', YOSAN_BROWSER_TESTS: '1' },
  'browser-sqlite',
);
vitest(
  'browser (Chromium) on PostgreSQL',
  { YOSAN_TEST_DB: 'postgres', YOSAN_BROWSER_TESTS: '1' },
  'browser-postgres',
);

if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || suitesFailed > 0 ? 1 : 0);
