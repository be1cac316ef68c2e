import type { Messages } from './en.js';

/** レポート（issue 7）: 差異メンバー・ドリルダウン・グラフの文言。`ja.ts` に展開します。 */
export const jaReports: Pick<Messages, 'reports'> = {
  reports: {
    lead: 'レポート。行にチェックを入れるとグラフに表示します。▸ で集計の内訳を表示します。',
    drill: '{name} の内訳を表示',
    path: 'ドリルダウンの経路',
    top: 'すべての行',
    tick: '{name} をグラフに表示',
    baseZero: '基準が 0 のため差異率はありません。',
    computed: '{base} に対する {of}',
    chart: {
      title: 'グラフ',
      kind: 'グラフの種類',
      bar: '棒グラフ',
      line: '折れ線グラフ',
      empty: '表の行にチェックを入れると、ここにグラフを表示します。',
      unit: '単位: {unit}',
      label: '{dimension} ごとの {rows} のグラフ',
      noPercent: '差異率の列は金額ではないため、グラフには表示しません。',
    },
    editor: {
      title: '差異メンバー',
      hint: '軸の要素のあとに表示する計算メンバーです。差異額（A − B）または差異率（(A − B) ÷ |B|、B が 0 のときはなし）。閲覧者には A と B の両方を閲覧できるセルにだけ表示します。',
      axis: '軸',
      kind: '種類',
      kinds: { difference: '差異額（A − B）', ratio: '差異率（(A − B) ÷ |B|）' },
      of: 'A（比べる要素）',
      base: 'B（基準）',
      code: 'コード',
      nameJa: '名前（日本語）',
      nameEn: '名前（英語）',
      add: '差異メンバーを追加',
      remove: '削除',
      none: '差異メンバーはありません。',
    },
  },
};
