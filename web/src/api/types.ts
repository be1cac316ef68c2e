/** Shapes of the Yosan API's JSON bodies used by the web shell. */
export interface Meta {
  name: string;
  version: string;
}

export interface Operator {
  id: string;
  email: string;
  displayName: string;
  locale: string;
}

export type TenantStatus = 'active' | 'suspended' | 'closed';

export interface Tenant {
  id: string;
  slug: string;
  displayName: string;
  status: TenantStatus;
  contractStart: string;
  contractEnd: string;
  region: string;
  timeZone: string;
  firstAdminEmail: string;
  createdAt: string;
  url: string;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';
export const JOB_STATUSES: readonly JobStatus[] = ['pending', 'running', 'done', 'failed'];

export interface Job {
  id: string;
  type: string;
  tenantId: string | null;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OutboxItem {
  id: string;
  to: string;
  subject: string;
  createdAt: string;
}

export interface OutboxMessage extends OutboxItem {
  text: string;
}

export interface TenantMeta {
  slug: string;
  displayName: string;
}

export interface PreviousSignIn {
  at: string;
  ip: string | null;
  userAgent: string | null;
}

export interface TenantUser {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  isOrgAdmin: boolean;
  previousSignIn: PreviousSignIn | null;
  /** Present once the identity back end reports it (issue 3). */
  totpEnabled?: boolean;
  /** The organisation's policy requires two-step verification of this user (`GET me`). */
  totpRequired?: boolean;
}
