import type { enBackups } from './en-backups.js';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Japanese strings for backups (issue 8), spread into `ja.ts`. */
export const jaBackups: Widen<typeof enBackups> = {
  backups: {
    nav: 'バックアップ',
    title: 'バックアップ',
    lead: 'レプリカ（最大 5 分遅れ）、日次 7 世代、第 2 拠点の週次 3 世代、最後の復元テスト。',
    adminLead: '組織のバックアップ: 種類ごとの最新の取得時刻と、オペレーターが最後に復元を確認した日時。',
    colKind: '種類',
    colLocation: '保存場所',
    colGenerations: '保持数',
    colLast: '最新',
    colFailure: '最後の失敗',
    kind: { replica: 'レプリカ', daily: '日次', weekly: '週次' },
    location: { primary: '第 1 拠点', secondary: '第 2 拠点' },
    replicaAge: 'レプリカの経過時間: {seconds} 秒',
    replicaWal: 'レプリカ: PostgreSQL の WAL アーカイブで保持',
    drill: '最後の復元テスト',
    drillNone: '復元テストはまだありません。',
    drillOk: '合格',
    drillFailed: '不合格',
    none: '—',
    runNow: '今すぐバックアップ',
    drillNow: '復元テストを実行',
    queued: 'バックグラウンドで開始しました。しばらくしてから更新してください。',
    refresh: '更新',
    control: '管理データベース',
  },
};
