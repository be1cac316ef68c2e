/** Shapes of the identity API (issue 3, `docs/api/identity.md`). */

export type UserState = 'invited' | 'active' | 'locked';
export const USER_STATES: readonly UserState[] = ['invited', 'active', 'locked'];
export type Role = 'admin' | 'member';
export type UiLocale = 'ja' | 'en';

export interface GroupRef {
  id: string;
  name: string;
}

export interface UserAdminView {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  isOrgAdmin: boolean;
  state: UserState;
  groups: GroupRef[];
  createdAt: string;
  lastSignInAt: string | null;
  totpEnabled: boolean;
}

export interface UserPage {
  items: UserAdminView[];
  total: number;
  page: number;
  pageSize: number;
}

export interface GroupView {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  createdAt: string;
}

export interface GroupDetail {
  group: GroupView;
  members: UserAdminView[];
}

export type ImportOutcome = 'new' | 'unchanged' | 'error';

export interface ImportCellError {
  column: string;
  code: string;
  message: string;
}

export interface ImportRow {
  row: number;
  email?: string;
  name?: string;
  outcome: ImportOutcome;
  errors: ImportCellError[];
}

export interface ImportSummary {
  total: number;
  new: number;
  unchanged: number;
  error: number;
}

export interface DryRunResult {
  encoding: string;
  rows: ImportRow[];
  summary: ImportSummary;
}

export interface ImportProgress {
  batchId: string;
  total: number;
  sent: number;
  pending: number;
  failed: number;
}

export interface SignInEvent {
  at: string;
  ip: string | null;
  userAgent: string | null;
  result: 'success' | 'failure';
}

export interface SessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrSvg: string;
}

export type Require2fa = 'none' | 'admins' | 'everyone';
export const REQUIRE_2FA: readonly Require2fa[] = ['none', 'admins', 'everyone'];
