/** Shapes of the tenant log API (`/t/:slug/api/admin/logs/…`, see the OpenAPI tag `logs`). */

export const LOG_NAMES = ['operations', 'logins', 'access', 'errors'] as const;
export type LogName = (typeof LOG_NAMES)[number];

export function isLogName(value: unknown): value is LogName {
  return typeof value === 'string' && (LOG_NAMES as readonly string[]).includes(value);
}

export interface UserRef {
  id: string;
  name: string | null;
}

export interface AuditEntry {
  seq: number;
  id: string;
  at: string;
  kind: string;
  actor: { type: string; id: string | null; name: string | null };
  ip: string | null;
  userAgent: string | null;
  action: string;
  target: { type: string; id: string | null; label: string | null } | null;
  summary: unknown;
  result: string;
  hash: string;
}

export interface AccessEntry {
  seq: number;
  at: string;
  refId: string;
  user: UserRef | null;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  ip: string | null;
  userAgent: string | null;
}

export interface ErrorEntry {
  seq: number;
  at: string;
  refId: string;
  code: string;
  status: number;
  description: string;
  method: string;
  route: string;
  user: UserRef | null;
}

export interface EntryOf {
  operations: AuditEntry;
  logins: AuditEntry;
  access: AccessEntry;
  errors: ErrorEntry;
}

export interface LogPage<T> {
  items: T[];
  nextCursor: number | null;
  timeZone: string;
}

export interface VerificationFailure {
  seq: number;
  id: string | null;
  problem: string;
  checkpointId?: string;
}

export interface VerificationReport {
  report: {
    tenant: { id: string; slug: string; name: string };
    verifiedAt: string;
    result: 'valid' | 'invalid';
    entriesChecked: number;
    head: { seq: number; hash: string };
    checkpointsChecked: number;
    firstFailure: VerificationFailure | null;
  };
  algorithm: 'Ed25519';
  signature: string;
  publicKeyFingerprint: string;
  publicKey: string;
}

export const ACCESS_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
