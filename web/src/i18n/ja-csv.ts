import type { Messages } from './en.js';

/** CSV のダウンロード（issue 18 の 7）: 文字コードの選択、フォーム・レポートのファイル。`ja.ts` に展開します。 */
export const jaCsv: Pick<Messages, 'csv'> = {
  csv: {
    charset: {
      label: 'CSV の文字コード',
      utf8: 'UTF-8（BOM付き）',
      sjis: 'Shift_JIS（Excel向け）',
      hint: 'UTF-8 はすべての文字を表せます。Shift_JIS は古い Excel や会計ソフト向けで、表せない文字は 〓 になります。',
    },
    download: 'CSV ダウンロード',
    excel: 'Excel ダウンロード',
    files: 'ファイルのダウンロード',
    usersExport: 'ユーザー一覧を CSV 出力',
    usersExportHint:
      'CSV 一括登録と同じ列で全ユーザーを出力します。Excel で行を追加して、そのまま取り込めます。',
  },
};
