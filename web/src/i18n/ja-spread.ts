/** 合計への入力の配分とセルの保持（issue 18）の日本語文言。`ja.ts` に展開する。 */
export const jaSpread = {
  spread: {
    label: '合計に入力したときの配分',
    proportional: '現在の数値に比例して配分',
    equal: '均等に配分',
    hint: '合計のセルに入力した数値は、保存するときに下のセルへ配分します。保持したセル（錠のマーク）は数値を保ち、他のセルだけが変わります。',
    lock: '選択したセルを保持／解除',
    locked: '{count} セルを保持中',
    unlockAll: 'すべて解除',
    lockedCell: '保持中：上の合計を配分しても数値を保ちます',
    legend: '保持（合計の配分で数値を保つ）',
    keys: 'Ctrl+Shift+L で選択したセルを保持／解除',
    nothing: '保持するセルを先に選択してください。',
  },
};
