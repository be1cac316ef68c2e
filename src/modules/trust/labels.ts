import type { Locale } from '../../platform/i18n/index.js';
import type { TrustFact, TrustSectionId } from './registry.js';

type Text = Record<Locale, string>;

/** ja/en names of the trust page's sections, facts and coded values (the page and the CLI report use them). */
const SECTIONS: Record<TrustSectionId, Text> = {
  region: { ja: 'データの保管地域', en: 'Where your data is stored' },
  tls: { ja: '通信の暗号化', en: 'Encryption in transit' },
  backups: { ja: 'バックアップ', en: 'Backups' },
  replica: { ja: 'レプリカ', en: 'Replica' },
  'restore-drill': { ja: '復元訓練', en: 'Restore drills' },
  logs: { ja: 'ログの保管と検証', en: 'Log retention and verification' },
  contract: { ja: '契約とデータ削除', en: 'Contract and data deletion' },
  version: { ja: 'バージョン', en: 'Version' },
};

const FACTS: Record<string, Text> = {
  'region.primary': { ja: '主データの保管地域', en: 'Primary storage region' },
  'region.backup': { ja: 'バックアップの保管地域', en: 'Backup storage region' },
  'region.contracted': { ja: '契約上の地域', en: 'Region in your contract' },
  'tls.source': { ja: '確認方法', en: 'Checked from' },
  'tls.protocol': { ja: 'TLS のバージョン', en: 'TLS version' },
  'tls.cipher': { ja: '暗号スイート', en: 'Cipher suite' },
  'tls.certificateExpiry': { ja: 'サーバー証明書の有効期限', en: 'Server certificate expires' },
  'logs.retention': { ja: 'ログの保管期間', en: 'Log retention' },
  'logs.entries': { ja: '操作・サインインログの件数', en: 'Operation and sign-in log entries' },
  'logs.lastVerificationResult': { ja: '最新の改ざん検証の結果', en: 'Latest integrity verification' },
  'logs.lastVerificationAt': { ja: '最新の改ざん検証の日時', en: 'Latest verification at' },
  'version.app': { ja: 'Yosan のバージョン', en: 'Yosan version' },
  'backups.dailyLast': { ja: '最新の日次バックアップ', en: 'Latest daily backup' },
  'backups.dailyKept': { ja: '日次バックアップの保持世代', en: 'Daily generations kept' },
  'backups.weeklyLast': {
    ja: '最新の週次バックアップ（第 2 拠点）',
    en: 'Latest weekly backup (second location)',
  },
  'backups.weeklyKept': { ja: '週次バックアップの保持世代', en: 'Weekly generations kept' },
  'backups.encryption': { ja: '暗号化', en: 'Encryption' },
  'replica.age': { ja: 'レプリカの経過時間', en: 'Replica age' },
  'restoreDrill.lastAt': { ja: '最後の復元訓練', en: 'Latest restore drill' },
  'restoreDrill.result': { ja: '復元訓練の結果', en: 'Restore drill result' },
  'contract.end': { ja: '契約終了日', en: 'Contract ends on' },
  'contract.liveDataDeletedOn': {
    ja: '本番データの削除日（終了日の翌日、JST）',
    en: 'Live data deleted on (the day after the end, JST)',
  },
  'contract.backupsDeletedBy': {
    ja: 'バックアップ全世代の削除期限（終了日から 30 日以内）',
    en: 'Every backup generation deleted by (within 30 days of the end)',
  },
  'contract.termination': { ja: '契約終了時の削除', en: 'Deletion at contract end' },
};

const CODES: Record<string, Text> = {
  connection: { ja: 'このページの接続', en: 'this page’s own connection' },
  configuration: { ja: 'サーバーに設定された証明書', en: 'the server’s configured certificate' },
  'whole-contract': {
    ja: '契約期間中はすべて保管（契約中に削除されることはありません）',
    en: 'Kept for the whole contract (never deleted while the contract runs)',
  },
  valid: { ja: '正常（改ざんなし）', en: 'Valid (intact)' },
  invalid: { ja: '異常（改ざんまたは欠落あり）', en: 'Invalid (altered or missing entries)' },
  'backup-encryption': {
    ja: 'AES-256-GCM（貴社専用の鍵。契約終了時に鍵を破棄）',
    en: 'AES-256-GCM (a key of your own, destroyed when the contract ends)',
  },
  'replica-wal': {
    ja: 'PostgreSQL の WAL アーカイブ（5 分以内）',
    en: 'PostgreSQL WAL archiving (within 5 minutes)',
  },
  'drill-passed': {
    ja: '合格（復元・整合性・件数を確認）',
    en: 'Passed (restored, integrity and row counts checked)',
  },
  'drill-failed': { ja: '不合格（運用者が対応中）', en: 'Failed (the operator is on it)' },
  'termination-scheduled': {
    ja: '予定どおり実施（削除証明書を発行）',
    en: 'Scheduled (a deletion certificate is issued)',
  },
  'termination-cancelled': {
    ja: '運用者がこの終了日の削除を取り消し済み',
    en: 'Cancelled by the operator for this end date',
  },
  'provider-failed': { ja: 'この情報を取得できませんでした', en: 'This fact could not be read' },
};

export const NOT_AVAILABLE: Text = { ja: 'まだ提供されていません', en: 'Not available yet' };
export const UNKNOWN: Text = { ja: '未設定・未実施', en: 'Not stated / not done yet' };

export const sectionLabel = (id: TrustSectionId, l: Locale) => SECTIONS[id][l];
export const factLabel = (id: string, l: Locale) => FACTS[id]?.[l] ?? id;

/** The value as a person reads it: codes translated, missing values said plainly. */
export function factDisplay(f: TrustFact, l: Locale): string {
  if (f.value === null) return UNKNOWN[l];
  if (f.kind === 'code') return CODES[f.value]?.[l] ?? f.value;
  return f.value;
}
