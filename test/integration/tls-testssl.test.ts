import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * testssl.sh (Debian's `testssl`, installed by `npm test`) against the real HTTPS server (issue 21
 * points 6 and 8): protocols, cipher categories, forward secrecy, server preferences, server
 * defaults and the vulnerability checks (LUCKY13, SWEET32, BEAST, ROBOT, Heartbleed, …). It fails
 * on any finding above LOW that is not about the self-signed certificate's trust. The TLS stack is
 * the same on both databases, so it runs in the SQLite pass only (a run takes about five minutes).
 */
const TESTSSL = '/usr/bin/testssl';
/** Findings about trusting the self-signed test certificate: a real deployment brings its own. */
const CERTIFICATE_TRUST = new Set(['cert_chain_of_trust', 'cert_revocation', 'cert_trust']);
const ABOVE_LOW = new Set(['MEDIUM', 'HIGH', 'CRITICAL', 'WARN', 'FATAL']);

interface Finding {
  id: string;
  severity: string;
  finding: string;
}

const run = process.env.YOSAN_TEST_DB === 'postgres' ? describe.skip : describe;
let ts: TestServer;
let dir: string;

run('TLS as testssl.sh sees it', () => {
  beforeAll(async () => {
    ts = await startTestServer();
    dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-testssl-'));
  });
  afterAll(async () => {
    await ts?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds nothing above LOW except the self-signed certificate’s trust', async () => {
    expect(existsSync(TESTSSL), `${TESTSSL} is missing: apt-get install testssl.sh (npm test does)`).toBe(
      true,
    );
    const json = path.join(dir, 'testssl.json');
    const port = new URL(ts.url).port;
    await promisify(execFile)(
      TESTSSL,
      [
        ...['--quiet', '--color', '0', '--warnings', 'off', '--ip', '127.0.0.1'],
        ...['-p', '-s', '-f', '-P', '-S', '-U'],
        ...['--jsonfile', json, `localhost:${port}`],
      ],
      { timeout: 900_000, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { code?: number }) => {
      // testssl's exit code counts findings; the JSON below is what is judged.
      if (typeof error.code !== 'number') throw error;
    });
    const findings = JSON.parse(readFileSync(json, 'utf8')) as Finding[];
    // The run really happened: protocols, ciphers and the vulnerability checks are all in it.
    const ids = new Set(findings.map((f) => f.id));
    for (const id of ['TLS1_2', 'TLS1_3', 'LUCKY13', 'SWEET32', 'ROBOT', 'heartbleed', 'cipher_order'])
      expect(ids, id).toContain(id);
    expect(findings.find((f) => f.id === 'TLS1')?.finding).toMatch(/not offered/);
    expect(findings.find((f) => f.id === 'LUCKY13')?.severity).toBe('OK');
    const problems = findings.filter((f) => ABOVE_LOW.has(f.severity) && !CERTIFICATE_TRUST.has(f.id));
    expect(problems.map((f) => `${f.id} ${f.severity}: ${f.finding}`)).toEqual([]);
  }, 1_000_000);
});
