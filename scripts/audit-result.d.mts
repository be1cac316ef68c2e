export interface AuditVerdict {
  verdict: 'clean' | 'advisories' | 'unavailable' | 'failed';
  line: string;
  exitCode: number;
}
export function auditVerdict(run: { status: number | null; stdout: string }): AuditVerdict;
