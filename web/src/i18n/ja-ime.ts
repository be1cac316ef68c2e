/** 入力グリッドの日本語入力（IME）と桁違いの確認（issue 18）の日本語文言。`ja.ts` に展開する。 */
export const jaIme = {
  ime: {
    keysLabel: '選択中のセルへの入力（日本語入力にも対応）',
    jumps:
      '次のセルの数値が、前の数値または同じ行の最大の数値の 1,000 倍以上です。桁を確認してください。\n\n{cells}\n\nこのまま保存しますか？',
    jumpCell: '{row} / {column}: {before} → {after}',
  },
};
