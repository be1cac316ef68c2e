// What `npm audit --omit=dev --json` answered, in one of four verdicts (kept apart from
// scripts/audit.mjs so a unit test can feed it every kind of answer).

const UNREACHABLE = new Set([
  'ENOTFOUND',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
]);

/**
 * @param {{ status: number | null, stdout: string }} run
 * @returns {{ verdict: 'clean' | 'advisories' | 'unavailable' | 'failed', line: string, exitCode: number }}
 */
export function auditVerdict(run) {
  let body;
  try {
    body = JSON.parse(run.stdout || 'null');
  } catch {
    body = null;
  }
  const counts = body?.metadata?.vulnerabilities;
  if (counts && typeof counts === 'object') {
    const total = Object.entries(counts)
      .filter(([k]) => k !== 'total')
      .reduce((n, [, v]) => n + (Number(v) || 0), 0);
    if (total === 0 && run.status === 0)
      return {
        verdict: 'clean',
        line: 'audit: no known advisories for the production dependencies',
        exitCode: 0,
      };
    const parts = ['critical', 'high', 'moderate', 'low', 'info']
      .filter((k) => Number(counts[k]) > 0)
      .map((k) => `${counts[k]} ${k}`);
    const names = Object.keys(body.vulnerabilities ?? {})
      .slice(0, 20)
      .join(', ');
    return {
      verdict: 'advisories',
      line: `audit: ${total} advisories affect production dependencies (${parts.join(', ')}): ${names}`,
      exitCode: 1,
    };
  }
  const status = Number(body?.statusCode);
  const code = body?.error?.code ?? body?.code;
  if ((status >= 400 && status < 600) || UNREACHABLE.has(code)) {
    const why = status ? `HTTP ${status}` : code;
    return {
      verdict: 'unavailable',
      line: `audit: the registry's audit service is unavailable (${why}); advisories were not checked — see docs/SECURITY.md`,
      exitCode: 0,
    };
  }
  return {
    verdict: 'failed',
    line: `audit: npm audit failed unexpectedly (exit ${run.status}): ${(run.stdout || '').slice(0, 200)}`,
    exitCode: 1,
  };
}
