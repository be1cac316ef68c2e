import type { Messages } from './en.js';

/**
 * 科目の向きによる差異の色分けと、集計行の位置（issue 18 の 3 と 4）: 次元エディターの「有利な
 * 方向」、レポートの差異の凡例、フォームの集計行の位置。`ja.ts` に展開します。
 */
export const jaSense: Pick<Messages, 'sense'> = {
  sense: {
    field: '有利な方向',
    hint: 'レポートの差異の色分けに使います。費用は減少（予算未達）が有利差異です。',
    up: '増加が有利（売上・利益）',
    down: '減少が有利（費用）',
    badgeDown: '費用',
    favourable: '有利差異',
    unfavourable: '不利差異',
    legend: '○ 緑: 有利差異 · × 赤: 不利差異。売上・利益は増加、費用は減少（予算の未消化）を有利とします。',
    totals: {
      field: '集計行の位置',
      hint: '下: 損益計算書の順（売上高、売上原価、売上総利益）で、内訳のあとに集計行を表示します。画面・レポート・Excel・CSV に適用します。',
      below: '内訳の下（損益計算書の順）',
      above: '内訳の上',
    },
  },
};
