/** ディメンションの取り込み・書き出し（CSV、Excel）と要素の削除（`ja.ts` に展開）。 */
export const jaDimio = {
  dimio: {
    exportTitle: '書き出し',
    exportLead: 'すべての要素の名前・親・ウェイトを書き出します（親子のつながりごとに 1 行）。',
    exportCsv: 'CSV',
    exportXlsx: 'Excel（.xlsx）',
    importTitle: '取り込み',
    importLead:
      '書き出しと同じ列（コード、名前、親、ウェイト）の CSV（UTF-8 または Shift_JIS）か Excel（.xlsx）ファイルをアップロードします。新しい要素を追加し、名前とウェイトを更新します。ファイルにある要素の親は、ファイルのとおりになります。ファイルにない要素はそのままです。',
    file: 'CSV または Excel ファイル',
    fileHint:
      '5 MB まで。見出しは日本語でも英語でもかまいません。Excel の数式は保存されている計算結果を使います。',
    check: 'ファイルを確認',
    checking: '確認しています…',
    preview: 'プレビュー',
    summary: '{total} 行: 新規 {new}、変更 {changed}、変更なし {unchanged}、エラー {error}。',
    format: '読み取り形式: {format}',
    colRow: '行',
    colCode: 'コード',
    colName: '名前（日本語 / 英語）',
    colOutcome: '結果',
    colProblems: '問題',
    outcome: { new: '新規', changed: '変更', unchanged: '変更なし', error: 'エラー' },
    blocked:
      'エラーのある行を直して、もう一度確認してください。エラーの行が 1 つでもあると何も取り込みません。',
    apply: '取り込む（{count} 行）',
    applying: '取り込んでいます…',
    applied: '取り込みました: 新規 {new}、変更 {changed}。',
    delete: '削除',
    deleteTitle: '「{name}」（{code}）を削除しますか？',
    deleteLeaf: 'この要素をディメンションと、それを使うすべてのキューブから削除します。',
    deleteChildren: '子要素は残ります: {children}。ほかに親のない子要素は最上位の要素になります。',
    deleteRefused:
      'キューブに数値が入っている要素、ロックされている要素、フォームやグループのアクセス権が指定している要素は削除しません（理由を表示します）。',
    deleteConfirm: '要素を削除',
    deleteWithFigures: '数値ごと要素を削除',
    deleteFiguresWarning:
      '数値ごと削除すると、それらのセルは元に戻せません（件数は監査ログに記録されます）。',
    deleted: '要素「{code}」を削除しました。',
  },
} as const;
