import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditVerdict as verdict } from '../../scripts/audit-result.mjs';

const root = path.resolve(import.meta.dirname, '../..');

describe('npm run audit', () => {
  it('says in one line that the audit service is unavailable (405) and does not fail', () => {
    const v = verdict({
      status: 1,
      stdout: JSON.stringify({ statusCode: 405, message: '405 Method Not Allowed' }),
    });
    expect(v).toMatchObject({ verdict: 'unavailable', exitCode: 0 });
    expect(v.line).toMatch(/audit service is unavailable \(HTTP 405\)/);
    expect(v.line).not.toContain('\n');
    expect(verdict({ status: 1, stdout: JSON.stringify({ error: { code: 'ENOTFOUND' } }) }).exitCode).toBe(0);
  });

  it('fails on real advisories and passes when there are none', () => {
    const found = verdict({
      status: 1,
      stdout: JSON.stringify({
        vulnerabilities: { lodash: {} },
        metadata: { vulnerabilities: { info: 0, low: 0, moderate: 1, high: 2, critical: 0, total: 3 } },
      }),
    });
    expect(found).toMatchObject({ verdict: 'advisories', exitCode: 1 });
    expect(found.line).toContain('2 high');
    expect(found.line).toContain('lodash');
    const clean = verdict({
      status: 0,
      stdout: JSON.stringify({ metadata: { vulnerabilities: { low: 0, high: 0, total: 0 } } }),
    });
    expect(clean).toMatchObject({ verdict: 'clean', exitCode: 0 });
  });

  it('fails on an answer it does not understand', () => {
    expect(verdict({ status: 1, stdout: 'garbage' })).toMatchObject({ verdict: 'failed', exitCode: 1 });
  });

  it('runs here and prints one line (this registry answers the audit request with 405)', () => {
    const run = spawnSync('node', ['scripts/audit.mjs'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    const out = `${run.stdout}${run.stderr}`.trim();
    expect(out.split('\n')).toHaveLength(1);
    expect(out).toMatch(/^audit: (the registry's audit service is unavailable|no known advisories)/);
    expect(run.status).toBe(0);
  });
});
