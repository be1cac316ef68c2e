// `npm start`: installs what is missing, builds, and starts Yosan on its embedded default
// (SQLite under ./data, https://localhost:8443). The first-run setup URL is printed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { checkNode, ensureDependencies, root, run, say } from './lib.mjs';

checkNode();
ensureDependencies();
say('Building Yosan (server and web app)…');
run('npm', ['run', '--silent', 'build']);
say('Starting Yosan — https://localhost:8443 (Ctrl+C to stop)');
const child = spawn(
  process.execPath,
  [path.join(root, 'dist/src/cli/main.js'), 'serve', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
