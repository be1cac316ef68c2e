import type { AuditLogTable } from '../../platform/db/types.js';
import { formatInZone } from '../../platform/time/zoned.js';
import type { AccessRow, ErrorRow } from './repository.js';
import type { AccessEntryView, AuditEntryView, ErrorEntryView } from './schemas.js';

function parseSummary(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const userRef = (id: string | null, name: string | null) => (id ? { id, name } : null);

export function presentAudit(r: AuditLogTable, timeZone: string): AuditEntryView {
  return {
    seq: Number(r.seq),
    id: r.id,
    at: formatInZone(r.at, timeZone),
    kind: r.kind,
    actor: { type: r.actor_type, id: r.actor_id, name: r.actor_name },
    ip: r.ip,
    userAgent: r.user_agent,
    action: r.action,
    target: r.target_type ? { type: r.target_type, id: r.target_id, label: r.target_label } : null,
    summary: parseSummary(r.summary),
    result: r.result,
    hash: r.hash,
  };
}

export function presentAccess(r: AccessRow, timeZone: string): AccessEntryView {
  return {
    seq: Number(r.seq),
    at: formatInZone(r.at, timeZone),
    refId: r.ref_id,
    user: userRef(r.user_id, r.user_name),
    method: r.method,
    route: r.route,
    status: Number(r.status),
    durationMs: Number(r.duration_ms),
    ip: r.ip,
    userAgent: r.user_agent,
  };
}

export function presentError(r: ErrorRow, timeZone: string): ErrorEntryView {
  return {
    seq: Number(r.seq),
    at: formatInZone(r.at, timeZone),
    refId: r.ref_id,
    code: r.code,
    status: Number(r.status),
    description: r.description,
    method: r.method,
    route: r.route,
    user: userRef(r.user_id, r.user_name),
  };
}

type Cell = string | number | null;

/** Flat columns for CSV: [key, en header, ja header, value]. */
export type Column<R> = readonly [key: string, en: string, ja: string, value: (r: R, tz: string) => Cell];

export const AUDIT_COLUMNS: readonly Column<AuditLogTable>[] = [
  ['seq', 'Seq', '連番', (r) => Number(r.seq)],
  ['at', 'Time', '日時', (r, tz) => formatInZone(r.at, tz)],
  ['actor_type', 'Actor type', '実行者種別', (r) => r.actor_type],
  ['actor_id', 'Actor ID', '実行者ID', (r) => r.actor_id],
  ['actor_name', 'Actor', '実行者', (r) => r.actor_name],
  ['ip', 'IP address', 'IPアドレス', (r) => r.ip],
  ['user_agent', 'User agent', 'ユーザーエージェント', (r) => r.user_agent],
  ['action', 'Action', '操作', (r) => r.action],
  ['target_type', 'Target type', '対象種別', (r) => r.target_type],
  ['target_id', 'Target ID', '対象ID', (r) => r.target_id],
  ['target_label', 'Target', '対象', (r) => r.target_label],
  ['summary', 'Details', '詳細', (r) => r.summary],
  ['result', 'Result', '結果', (r) => r.result],
  ['id', 'Entry ID', 'エントリID', (r) => r.id],
  ['hash', 'Hash', 'ハッシュ', (r) => r.hash],
];

export const ACCESS_COLUMNS: readonly Column<AccessRow>[] = [
  ['seq', 'Seq', '連番', (r) => Number(r.seq)],
  ['at', 'Time', '日時', (r, tz) => formatInZone(r.at, tz)],
  ['user_id', 'User ID', 'ユーザーID', (r) => r.user_id],
  ['user_name', 'User', 'ユーザー', (r) => r.user_name],
  ['method', 'Method', 'メソッド', (r) => r.method],
  ['route', 'Route', 'ルート', (r) => r.route],
  ['status', 'Status', 'ステータス', (r) => Number(r.status)],
  ['duration_ms', 'Duration (ms)', '処理時間(ms)', (r) => Number(r.duration_ms)],
  ['ip', 'IP address', 'IPアドレス', (r) => r.ip],
  ['user_agent', 'User agent', 'ユーザーエージェント', (r) => r.user_agent],
  ['ref_id', 'Reference ID', '参照ID', (r) => r.ref_id],
];

export const ERROR_COLUMNS: readonly Column<ErrorRow>[] = [
  ['seq', 'Seq', '連番', (r) => Number(r.seq)],
  ['at', 'Time', '日時', (r, tz) => formatInZone(r.at, tz)],
  ['ref_id', 'Reference ID', '参照ID', (r) => r.ref_id],
  ['code', 'Error code', 'エラーコード', (r) => r.code],
  ['status', 'Status', 'ステータス', (r) => Number(r.status)],
  ['description', 'Description', '内容', (r) => r.description],
  ['method', 'Method', 'メソッド', (r) => r.method],
  ['route', 'Route', 'ルート', (r) => r.route],
  ['user_id', 'User ID', 'ユーザーID', (r) => r.user_id],
  ['user_name', 'User', 'ユーザー', (r) => r.user_name],
];
