import type { Messages } from './en.js';

/** 数値の表示形式（issue 18 の 2）：フォーム定義の項目と組織の既定値。`ja.ts` に展開する。 */
export const jaNumfmt: Pick<Messages, 'numfmt'> = {
  numfmt: {
    source: '数値の表示形式',
    sourceOwn: 'このフォーム独自の形式',
    sourceTenant: '組織の既定値',
    sourceHint: '既定値を選ぶと、このフォームは組織の既定の表示形式に従います。',
    rounding: '端数処理',
    roundings: { down: '切り捨て', round: '四捨五入', up: '切り上げ' },
    negative: 'マイナスの表示',
    negatives: {
      minus: '-1,234（マイナス記号）',
      triangle: '▲1,234（黒三角）',
      whiteTriangle: '△1,234（白三角）',
      parentheses: '(1,234)（かっこ）',
    },
    example: '{label}　例：−1,234,567円 → {example}',
    defaultLink: '既定の表示形式',
    title: '既定の表示形式',
    lead: '独自の表示形式を持たないフォームとレポートの数値の見せ方（単位・小数桁数・端数処理・マイナスの表示）です。保存される金額は円のまま正確に保たれます。',
    builtIn: 'まだ設定されていません。組み込みの既定値（千円・四捨五入・マイナス記号）が使われます。',
    save: '既定値を保存',
    saved: '既定の表示形式を保存しました。',
  },
};
