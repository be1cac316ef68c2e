import type { Messages } from './messages.en.js';

/** 日本語カタログ。キーは messages.en.ts と完全に一致していなければならない。 */
export const ja: Messages = {
  errors: {
    VALIDATION_FAILED: '入力内容に誤りがあります。表示された項目を確認してください。',
    MALFORMED_JSON: 'リクエストの本文が正しい JSON ではありません。',
    UNSUPPORTED_MEDIA_TYPE: 'この形式のデータは受け付けられません。',
    PAYLOAD_TOO_LARGE: 'リクエストのサイズが大きすぎます。',
    NOT_FOUND: 'ページまたはデータが見つかりません。',
    UNAUTHENTICATED: 'サインインしてください。',
    FORBIDDEN: 'この操作を行う権限がありません。',
    CSRF_INVALID:
      'リクエストを検証できませんでした（セキュリティトークンがないか期限切れです）。ページを再読み込みしてもう一度お試しください。',
    RATE_LIMITED: 'リクエストが多すぎます。{seconds} 秒後にもう一度お試しください。',
    INVALID_CREDENTIALS: 'メールアドレスまたはパスワードが正しくありません。',
    TOKEN_INVALID: 'このリンクは無効です。リンク全体をコピーしたか確認してください。',
    TOKEN_EXPIRED: 'このリンクは有効期限が切れています。新しいリンクを依頼してください。',
    TOKEN_USED: 'このリンクはすでに使用されています。必要な場合は新しいリンクを依頼してください。',
    PASSWORD_TOO_SHORT: 'パスワードは {min} 文字以上にしてください。',
    PASSWORD_TOO_LONG: 'パスワードは {max} 文字以下にしてください。',
    PASSWORD_TOO_COMMON:
      'このパスワードはよく使われているか、漏えいしたことがあります。別のパスワードを選んでください。',
    PASSWORD_TOO_SIMPLE:
      '空白だけのパスワードや、同じ文字を繰り返しただけのパスワードは使えません。別のパスワードを選んでください。',
    PASSWORD_CONTAINS_IDENTITY: 'パスワードにメールアドレスや氏名を含めないでください。',
    ACCOUNT_LOCKED:
      'サインインの失敗が続いたため、{until} までサインインを停止しています。心当たりがない場合は管理者に連絡してください。',
    MFA_TOKEN_INVALID:
      'この確認ステップの有効期限が切れました。メールアドレスとパスワードからやり直してください。',
    MFA_CODE_INVALID: '確認コードまたはリカバリーコードが正しくありません。',
    CURRENT_PASSWORD_INCORRECT: '現在のパスワードが正しくありません。',
    TOTP_NOT_SET_UP: '2段階認証の設定が始まっていません。設定を最初からやり直してください。',
    TOTP_ALREADY_ENABLED: '2段階認証はすでに有効です。',
    TOTP_REQUIRED: '組織の方針で2段階認証が必須のため、無効にできません。',
    SESSION_NOT_FOUND: 'このセッションは見つかりません。すでに終了している可能性があります。',
    SETUP_ALREADY_DONE: '初期設定はすでに完了しています。サインインしてください。',
    EMAIL_TAKEN: 'このメールアドレスはすでに登録されています。',
    SLUG_TAKEN: 'URL 名「{slug}」は別のテナントで使用されています。',
    SLUG_INVALID:
      'URL 名は英小文字 (a-z)・数字・ハイフンの 3〜40 文字で、英字で始まり、ハイフンで終わらないようにしてください。',
    SLUG_RESERVED: 'URL 名「{slug}」は予約されています。別の名前を選んでください。',
    CONTRACT_DATES_INVALID: '契約終了日は契約開始日以降の日付にしてください。',
    TENANT_NOT_FOUND: 'この組織は見つかりません。',
    TENANT_SUSPENDED: 'この組織は現在利用停止中です。サービス提供者にお問い合わせください。',
    TENANT_STATE_CONFLICT: 'この組織はすでに「{state}」です。',
    OPERATOR_NOT_FOUND: 'オペレーターが見つかりません。',
    JOB_NOT_FOUND: 'ジョブが見つかりません。',
    MAIL_NOT_FOUND: 'メッセージが見つかりません。',
    LOG_PERIOD_INVALID: '期間の終了日は開始日と同じかそれ以降にしてください。',
    USER_NOT_FOUND: 'ユーザーが見つかりません。',
    GROUP_NOT_FOUND: 'グループが見つかりません。',
    GROUP_NAME_TAKEN: '「{name}」という名前のグループはすでにあります。',
    CANNOT_DELETE_SELF: '自分自身のアカウントは削除できません。',
    LAST_ORG_ADMIN: '最後の組織管理者です。先にほかのユーザーを組織管理者にしてください。',
    INVITATION_RESEND_LIMIT:
      'このユーザーへの招待メールは 1 時間に {perHour} 通までです。しばらくしてからもう一度再送してください。',
    INVITATION_NOT_PENDING: 'このユーザーはすでにパスワードを設定済みのため、招待を再送できません。',
    TOO_MANY_CELLS:
      'この表示は {cells} セルあり、1 回に表示できる上限（{max} セル）を超えています。行か列を絞ってください。',
    CSV_UNREADABLE:
      'ファイルをテキストとして読み取れません。Excel で「CSV UTF-8」または「CSV（コンマ区切り）」（Shift_JIS）形式で保存して、もう一度お試しください。',
    CSV_MALFORMED:
      'CSV の形式が正しくありません（{line} 行目付近。引用符 " が閉じられていない可能性があります）。何も登録していません。',
    CSV_HEADER_MISSING: '1 行目は列名の見出し行にしてください: {columns}',
    CSV_COLUMNS_UNKNOWN: '不明な列、または重複した列があります: {columns}。使える列: {expected}',
    CSV_COLUMNS_MISSING: '必須の列がありません: {columns}',
    CSV_ROW_COLUMNS:
      '{row} 行目のセル数は {found} ですが、見出し行は {expected} 列です。何も登録していません。',
    CSV_EMPTY: 'データ行がありません。',
    CSV_TOO_MANY_ROWS: '{max} 行を超えています。ファイルを分けてください。',
    IMPORT_HAS_ERRORS:
      '{count} 行にエラーがあるため、何も登録していません。修正してからもう一度お試しください。',
    TENANT_CLOSED:
      'この組織の契約は {date} に終了しました。サービスは終了し、データは削除されています。サービス提供者にお問い合わせください。',
    CONFIRMATION_MISMATCH: '確認のため、組織の URL 名を正確に入力してください: {slug}',
    TERMINATION_ALREADY_CANCELLED: 'この終了日後の利用終了はすでに取り消されています。',
    CERTIFICATE_NOT_FOUND: 'この組織のデータ削除証明書は（まだ）ありません。',
    CERTIFICATE_INVALID: 'このファイルは Yosan のデータ削除証明書ではありません。',
    EXPORT_IN_PROGRESS: 'エクスポートを準備中です。完了までお待ちください。',
    EXPORT_NOT_FOUND: 'このエクスポートは見つかりません。',
    EXPORT_NOT_READY: 'このエクスポートはダウンロードできません。まだ準備中か、7 日間の期限を過ぎています。',
    IMPORT_BATCH_NOT_FOUND: 'この一括登録は見つかりません。',
    SUPPORT_NOT_ALLOWED:
      'このテナントでは、サポートへの問い合わせは組織管理者のみが行えます。管理者にご相談ください。',
    TICKET_NOT_FOUND: 'この問い合わせは見つかりません。',
    TICKET_STATUS_NOT_ALLOWED: 'この問い合わせを「{status}」にすることはできません。',
    ATTACHMENT_NOT_FOUND: 'この添付ファイルは見つかりません。',
    ATTACHMENT_TOO_LARGE: 'ファイルが大きすぎます。添付できるのは {max} までです。',
    ATTACHMENT_TYPE_NOT_ALLOWED:
      'この種類のファイルは添付できません。添付できる形式: {allowed}。形式はファイル名ではなく内容で判定します。',
    ATTACHMENT_EMPTY: 'ファイルが空です。',
    ATTACHMENT_LIMIT: '1 件の問い合わせに添付できるファイルは {max} 個までです。',
    INCIDENT_NOT_FOUND: 'この障害情報は見つかりません。',
    INCIDENT_RESOLVED: 'この障害はすでに解決済みです。',
    INCIDENT_TENANTS_REQUIRED: '影響を受けるテナントを選ぶか、全テナントを指定してください。',
    MAINTENANCE_NOT_FOUND: 'このメンテナンスは見つかりません。',
    MAINTENANCE_PERIOD_INVALID: '終了は開始より後、かつ現在より後にしてください。',
    MAINTENANCE_STATE_CONFLICT: 'このメンテナンスはすでに終了したか、取り消されています。',
    MAINTENANCE_IN_PROGRESS: 'Yosan は {until} まで計画メンテナンス中です。その後にもう一度お試しください。',
    HANDBOOK_PAGE_NOT_FOUND: 'このハンドブックのページは見つかりません。',
    RELEASE_VERSION_TAKEN: 'バージョン {version} のリリースノートは公開済みです。',
    RELEASE_NOT_FOUND: 'このリリースノートは見つかりません。',
    TERMS_NOT_SET: '利用規約はまだ公開されていません。',
    MODEL_OBJECT_NOT_FOUND:
      'このモデルオブジェクト（ディメンション、キューブ、フォームまたはポータル）が見つかりません。',
    MODEL_CODE_TAKEN: 'コード「{code}」は同じ種類の別のオブジェクトですでに使われています。',
    MODEL_OWNER_UNKNOWN: '所有者はこの組織に登録されているユーザーを指定してください。',
    ELEMENT_NOT_FOUND: 'ディメンションに要素「{element}」がありません。何も変更していません。',
    ELEMENT_CODE_TAKEN: 'コード「{code}」の要素はすでにあります。何も変更していません。',
    HIERARCHY_CYCLE:
      '「{child}」を「{parent}」の下に置くことはできません。「{parent}」はすでに「{child}」の下にあるため、階層が循環します。何も変更していません。',
    LINK_EXISTS: '「{child}」はすでに「{parent}」の下にあります。何も変更していません。',
    LINK_NOT_FOUND: '「{child}」は「{parent}」の下にありません。何も変更していません。',
    WEIGHT_INVALID: 'ウェイトは有限の数値で指定してください（例: 1、-1、0.5）。何も変更していません。',
    MODEL_OPERATION_INVALID: 'この変更はできません（{reason}）。何も変更していません。',
    WORKFLOW_CLOSED:
      '{unit} は提出済みまたは承認済みのため変更できません。承認者が差し戻すか再オープンするまでお待ちください。何も保存していません。',
    WORKFLOW_TRANSITION_INVALID: 'この操作は現在の状態ではできません（{state}）。画面を更新してください。',
    WORKFLOW_NOT_SET_UP: 'このポータルにはワークフローが設定されていません。',
    CELL_LOCKED:
      '{dimension} = {element} は締められているため変更できません（組織管理者が締めを解除するまで）。何も保存していません。',
    ANNOUNCEMENT_NOT_FOUND: 'このお知らせは見つかりません。何も変更していません。',
    CELL_NOT_LEAF: 'セル {cell} は集計セル（末端ではない）ため直接入力できません。何も保存していません。',
    CELL_VALUE_INVALID: 'セル {cell} の値が有限の数値ではありません。何も保存していません。',
    CUBE_DIMENSION_UNKNOWN:
      'キューブにディメンション「{dimension}」がないか、セルの指定にディメンションが足りません。何も変更していません。',
    XLSX_UNREADABLE:
      'Excel ブック（.xlsx）として読み取れないか、ファイルが壊れています。Excel で「Excel ブック (*.xlsx)」形式（パスワードなし）で保存し直すか（古い .xls 形式は使えません）、CSV ファイルをアップロードしてください。何も登録していません。',
    XLSX_TOO_LARGE:
      'ブックが大きすぎます（{max} MB まで、展開後 64 MB まで）。ほかのシートを削除するか、CSV ファイルをアップロードしてください。何も登録していません。',
    XLSX_SHEET_NOT_FOUND:
      '想定する見出し行（{columns}）で始まるシートがありません。ブックのシート: {sheets}。何も登録していません。',
    ELEMENT_HAS_CELLS:
      '「{element}」は削除できません。数値が入っています（{cubes}）。先にそれらのセルを消去してください。何も変更していません。',
    ELEMENT_HAS_RIGHTS:
      '「{element}」は削除できません。次のグループのアクセス権がこの要素を参照しています: {groups}。先にアクセス権を変更してください。何も変更していません。',
    ELEMENT_LOCKED:
      '「{element}」は削除できません。次のキューブでロックされています: {cubes}。先にロックを解除してください。何も変更していません。',
    ELEMENT_IN_FORMS:
      '「{element}」は削除できません。次のフォームがこの要素を指定しています: {forms}。先にフォームを変更してください。何も変更していません。',
    FORM_NOT_DEFINED: 'このフォームはまだレイアウトが定義されていません。管理者が定義してください。',
    FORM_OUT_OF_DATE:
      'このフォームは、もう存在しないキューブ・ディメンション・要素を参照しています。管理者がフォームを修正してください。',
    FORM_DRILL_INVALID:
      '「{element}」にはドリルダウンできません。ドリルダウンできるのは、レポートの行にある、閲覧できる集計要素です。',
    FORM_CHOICE_INVALID: 'このフォームでは {dimension} に「{element}」を選べません。何も変更していません。',
    FORM_CELL_NOT_INPUT: 'このフォームではセル {cell} は入力できません。何も保存していません。',
    FORM_XLSX_NOT_FORM:
      'Yosan からダウンロードしたフォームのファイルではありません（非表示シート「yosan」がありません）。「Excel ダウンロード」で取得したファイルを編集してアップロードしてください。何も保存していません。',
    FORM_XLSX_TAMPERED:
      'このファイルの非表示シートがダウンロード後に変更されているため、セルをフォームと照合できません。フォームをダウンロードし直してください。何も保存していません。',
    FORM_XLSX_OTHER_FORM:
      'このファイルは別のフォーム（{form}）または別の組織からダウンロードされたものです。そのフォームでアップロードしてください。何も保存していません。',
    FORM_XLSX_HAS_ERRORS:
      'エラーのセルが {errors} 件、ダウンロード後にほかの人が変更したセルが {conflicts} 件あります（プレビューを確認してください）。何も保存していません。',
    FORM_XLSX_PREVIEW_EXPIRED:
      'このプレビューは期限切れか、適用済みか、ほかのユーザーのものです。ファイルをもう一度アップロードしてください。',
    FORM_SAVE_CONFLICT:
      '変更した {count} 個のセルが、フォームを開いた後に他の人によって変更されています。何も保存していません。相手の値と自分の値を確認してから、もう一度保存してください。',
    FORM_SPREAD_HOLD_OUTSIDE:
      '保持したセル {held} は、入力した合計 {cell} の内訳ではありません。合計の内訳のセルだけを保持できます。何も保存していません。',
    FORM_SPREAD_NO_FREE_LEAF:
      '合計 {cell} を配分できません。内訳のセルがすべて保持されています。保持を解除するか、合計を内訳の合計と同じ値にしてください。何も保存していません。',
    CELL_NOT_VISIBLE: 'このセルは見つからないか、参照する権限がありません。',
    COMMENT_NOT_FOUND: 'このコメントは見つかりません（削除された可能性があります）。',
    COMMENT_NOT_OWN: '削除できるのは自分のコメントだけです。',
    IMPORT_DEFINITION_MISSING:
      'このキューブには取込定義がまだありません。先に列の対応付けを保存してください。',
    IMPORT_DEFINITION_INVALID: '取込定義が不完全か正しくありません。何も保存していません。',
    IMPORT_FILE_UNREADABLE:
      'ファイルを読み取れません。CSV ファイル（UTF-8 または Shift_JIS）か Excel ブック（.xlsx）をアップロードしてください。',
    IMPORT_COLUMN_MISSING: 'ファイルに、取込定義で使う列「{column}」がありません。',
    BACKUP_GENERATION_NOT_FOUND: 'このデータベースのバックアップ世代「{generation}」はありません。',
    BACKUP_VERIFY_FAILED: 'バックアップが検証に合格しなかったため、何も復元していません: {problems}',
    BACKUP_BUSY:
      'このデータベースのバックアップまたは復元テストが実行中です。しばらくしてからもう一度お試しください。',
    PACKAGE_INVALID:
      'このファイルは Yosan のパッケージとして正しくありません（{reason}）。何も取り込んでいません。',
    PACKAGE_TOO_LARGE:
      'パッケージが大きすぎます（最大 20 MiB、展開後 100 MiB、オブジェクト 500 個）。何も取り込んでいません。',
    PACKAGE_CHECKSUM_MISMATCH:
      'パッケージが壊れています（{file} のチェックサムが一致しません）。何も取り込んでいません。',
    PACKAGE_KIND_UNSUPPORTED:
      'この版の Yosan は種類「{kind}」のオブジェクトをまだ取り込めません。何も取り込んでいません。',
    PACKAGE_DEPENDENCY_MISSING:
      'パッケージに必要な {kind}「{code}」が、パッケージにもこの組織にもありません。何も取り込んでいません。',
    PACKAGE_CONFLICT:
      'パッケージがこの組織のオブジェクトと競合しています（プレビューを確認してください）。何も取り込んでいません。',
    PACKAGE_PREVIEW_EXPIRED:
      'このプレビューは期限切れか、すでに適用されています。もう一度パッケージをアップロードしてください。',
    PACKAGE_NOT_FOUND: 'パッケージが見つかりません。',
    PACKAGE_VERSION_TAKEN: 'パッケージ {code} のバージョン {version} はすでにアップロードされています。',
    PACKAGE_NOTHING_SELECTED: '書き出すオブジェクトを 1 つ以上選んでください。',
    SERVICE_UNAVAILABLE: 'サービスは一時的に利用できません。しばらくしてからもう一度お試しください。',
    INTERNAL: 'システム側で問題が発生しました。お問い合わせの際は参照番号 {refId} をお伝えください。',
  },
  fields: {
    nul_character: 'ヌル文字（U+0000）はどの項目にも使えません。',
    single_line: '改行・タブ・制御文字や文字の向きを変える記号は使えません（1行で入力してください）。',
    single_line_not_blank:
      '空白だけの値や、改行・タブ・制御文字・文字の向きを変える記号を含む値は使えません（1行で入力してください）。',
    required: 'この項目は必須です。',
    format: '形式が正しくありません。',
    too_long: '長すぎます（{max} 文字以内）。',
    too_short: '短すぎます（{min} 文字以上）。',
    type: '値の種類が正しくありません。',
    unknown: 'この項目は受け付けられません。',
    email: 'メールアドレスの形式が正しくありません。',
    date: '日付の形式が正しくありません（YYYY-MM-DD）。',
    duplicate_in_file: 'ファイル内で重複しています。',
    already_registered: '異なる内容ですでに登録されています。',
    unknown_group: '登録されていないグループです: {name}',
    unknown_user: 'このメールアドレスのユーザーは登録されていません: {name}',
    locale: '言語は ja または en で指定してください。',
    admin_flag: 'はい/いいえ（yes/no、true/false、1/0）で指定してください。',
    code_format: '英数字と _ - . だけ（空白なし）、64文字以内で入力してください。',
    self_parent: '要素を自分自身の親にすることはできません。',
    number: '数値ではありません（例: 1、-1、0.5）。',
    names_differ: '同じコードの {row} 行目と名前が異なります。',
    unknown_element: 'コード {name} の要素がありません（ディメンションにもファイルにもありません）。',
    unknown_object: 'この ID のディメンション、キューブ、フォーム、ポータルはありません。',
    unknown_dimension: 'この ID のディメンションはありません。',
    unknown_cube: 'この ID のキューブはありません。',
    unknown_element_code: 'この要素はディメンションにありません。',
    same_as_from: 'コピー元と同じ要素は選べません。',
    no_read_right: 'コピー元のセルを参照する権限がありません。',
    duplicate: '重複しています。',
    no_write_right: 'このセルを変更する権限がありません。',
    formula_no_value:
      '数式（{formula}）の計算結果が保存されていません。Excel でファイルを開いて保存し直すか、値を直接入力してください。',
    cell_error: 'セルがエラー（{value}）になっています。',
    xlsx_not_number: '数値ではありません:「{value}」（1234、1,234、▲1,234、全角数字を使えます）。',
    xlsx_not_on_form: 'この行または列は、現在あなたのフォームにないため保存できません。',
    xlsx_not_input:
      'このセルは入力できません（集計・読み取り専用・ロック・承認手続き中のセル、または書き込み権限なし）。ダウンロード時の値 {value} のままにしてください。',
    xlsx_hidden_cell: 'ダウンロード時にあなたには非表示だったセルです。空のままにしてください。',
    xlsx_conflict: 'ダウンロード後にほかの人がこのセルを変更しました。',
    unknown_form: 'コード {name} のフォームはありません。',
    unknown_group_id: 'この ID のグループはありません。',
    form_unknown_cube: 'コード {name} のキューブはありません。',
    form_dimension_not_in_cube: 'キューブ {cube} にディメンション {name} はありません。',
    form_dimension_twice: 'ディメンション {name} が複数回使われています（行・列・固定を合わせて 1 回だけ）。',
    form_dimension_missing: 'キューブのディメンション {name} を行・列・固定のいずれかに置いてください。',
    form_unknown_element: 'ディメンション {dimension} に要素 {name} はありません。',
    form_default_not_choice: '既定の要素 {name} を選択肢（「自身」）に含めてください。',
    form_not_on_axis: 'この要素はフォームのこの軸にありません。',
    form_computed_report_only: '計算メンバー（差異・差異率）はレポートでのみ使えます。',
    form_computed_code_taken: 'コード {name} はこの軸ですでに使われています（要素または別の計算メンバー）。',
    form_computed_same: '差異には異なる二つの要素を指定してください。',
    too_many_cells: '一度に指定できるセルが多すぎます（最大 5,000）。',
    no_mapping: 'このディメンションにファイルの列か固定の要素を指定してください。',
    both_mapped: 'このディメンションにはファイルの列か固定の要素のどちらか一方を指定してください。',
    not_leaf: '要素 {name} は集計要素（末端ではない）です。末端の要素を指定してください。',
  },
  mail: {
    footer: 'このメールは Yosan から送信されました。時刻は {timeZone} で表示しています。',
    invitation: {
      subject: '【Yosan】{tenant} へのご招待',
      body: '{name} 様\n\nYosan の「{tenant}」にユーザーとして登録されました。下記のリンクを開いてパスワードを設定してください。このリンクは 1 回限り有効で、有効期限は {expires} です。\n\n{link}\n\nお心当たりのない場合は、このメールを破棄してください。',
    },
    passwordReset: {
      subject: '【Yosan】{tenant} のパスワード再設定',
      body: '{name} 様\n\nYosan の「{tenant}」のアカウントについて、パスワード再設定のご依頼を受け付けました。下のリンクを開いて新しいパスワードを設定してください。リンクは1回だけ使え、{expires} まで有効です。\n\n{link}\n\nお心当たりがない場合は、このメールを破棄してください。パスワードは変更されません。',
    },
    passwordChanged: {
      subject: '【Yosan】{tenant} のパスワードが変更されました',
      body: '{name} 様\n\nYosan の「{tenant}」のアカウントのパスワードが {at} に変更されました。すべてのセッションを終了しましたので、新しいパスワードでサインインし直してください。\n\nお心当たりがない場合は、すぐに管理者に連絡してください。',
    },
    accountLocked: {
      subject: '【Yosan】{tenant} へのサインインを一時停止しました',
      body: '{name} 様\n\nYosan の「{tenant}」のアカウントでサインインの失敗が続いたため、{until} までサインインを停止しています。最後の試行の IP アドレスは {ip} です。\n\nご自身の操作であれば、時間をおいて再度お試しいただくか、パスワードを再設定してください。お心当たりがない場合はパスワードが第三者に知られている可能性があります。停止が解けたらパスワードを変更し、2段階認証を有効にして、管理者に連絡してください。',
    },
    orgAdminGranted: {
      subject: '【Yosan】{tenant} の組織管理者になりました',
      body: '{name} 様\n\n{by} さんが、Yosan の「{tenant}」であなたを組織管理者にしました。次の操作から、ユーザー・グループ・設定を管理できます。\n\n{link}\n\n心当たりがない場合は、管理者にお問い合わせください。',
    },
    orgAdminRevoked: {
      subject: '【Yosan】{tenant} の組織管理者ではなくなりました',
      body: '{name} 様\n\n{by} さんが、Yosan の「{tenant}」であなたの組織管理者の権限を外しました。ユーザーとしては引き続きサインインできます。\n\n{link}\n\n心当たりがない場合は、管理者にお問い合わせください。',
    },
    contractEnding: {
      subject: '[Yosan] {tenant} の契約は {end} に終了します。データのエクスポートをお願いします',
      body: '{name} 様\n\nYosan の「{tenant}」の契約は {end} に終了します（本日から {days} 日後）。{closing} に組織のサービスを終了し、すべてのデータをバックアップも含めて 30 日以内に削除します。\n\nデータを保管したい場合は、それまでに完全なエクスポート（内容・数値・ユーザーとグループ・すべてのログ）をダウンロードしてください。\n\n{link}\n\n契約を更新される場合は、このメールは無視してください。',
    },
    backupFailure: {
      subject: '[Yosan] バックアップの問題: {what}',
      body: 'Yosan のバックアップ処理が {at} に失敗しました。\n\n対象: {what}\n詳細: {details}\n\nオペレーターコンソールの「バックアップ」を確認し、修正後に `yosan backup drill` を実行してください。',
    },
    operatorInvitation: {
      subject: '【Yosan】オペレーターのパスワード設定',
      body: '{email} のオペレーターアカウントが作成されました。下記のリンクを開いてパスワードを設定してください。このリンクは 1 回限り有効で、有効期限は {expires} です。\n\n{link}',
    },
    supportOpened: {
      subject: '【Yosan】{tenant} からの問い合わせ #{number}: {subject}',
      body: '新しい問い合わせが登録されました。\n\nテナント: {tenant}\n問い合わせ: #{number} {subject}\n種類: {category}\n登録者: {by}\n\n{text}\n\n{link}',
    },
    supportCustomerReplied: {
      subject: '【Yosan】{tenant} の問い合わせ #{number} に返信がありました',
      body: '{by} さんが {tenant} の問い合わせ #{number}（{subject}）に返信しました。状態: {status}\n\n{text}\n\n{link}',
    },
    supportAnswered: {
      subject: '【Yosan】問い合わせ #{number} にサポートから回答がありました: {subject}',
      body: 'Yosan サポートから {tenant} の問い合わせ #{number}（{subject}）に回答がありました。状態: {status}\n\n{text}\n\nやり取りの全体の確認や返信は、問い合わせの画面から行えます。\n{link}',
    },
    supportStatusChanged: {
      subject: '【Yosan】問い合わせ #{number} の状態が「{status}」になりました',
      body: '{tenant} の問い合わせ #{number}（{subject}）の状態が「{status}」になりました（変更者: {by}）。\n\n{link}',
    },
    incidentDeclared: {
      subject: '【Yosan】障害発生（{severity}）: {title}',
      body: 'Yosan の運用者が、{tenant} に影響する障害を宣言しました。\n\n重大度: {severity}\n発生日時: {startedAt}\n\n{text}\n\n最新の状況は障害情報のページでお知らせします。\n{link}',
    },
    incidentUpdated: {
      subject: '【Yosan】障害情報の更新: {title}',
      body: '{tenant} に影響する障害「{title}」の続報です（{at}）。\n\n{text}\n\n{link}',
    },
    incidentResolved: {
      subject: '【Yosan】障害解決: {title}',
      body: '{tenant} に影響していた障害「{title}」は {at} に解決しました。\n\n{text}\n\n{link}',
    },
    workflowSubmitted: {
      subject: '【Yosan】{unit} が提出されました（{portal}）',
      body: '{by} さんが「{portal}」の {unit} を提出しました。内容を確認して、承認または差し戻しをしてください。\n{comment}\n{link}',
    },
    workflowApproved: {
      subject: '【Yosan】{unit} が承認されました（{portal}）',
      body: '{by} さんが「{portal}」の {unit} を承認しました。この範囲の数値は確定し、変更できなくなりました。\n{comment}\n{link}',
    },
    workflowReturned: {
      subject: '【Yosan】{unit} が差し戻されました（{portal}）',
      body: '{by} さんが「{portal}」の {unit} を差し戻しました。コメントを確認して修正し、再度提出してください。\n{comment}\n{link}',
    },
    workflowReopened: {
      subject: '【Yosan】{unit} が再オープンされました（{portal}）',
      body: '{by} さんが「{portal}」の承認済みの {unit} を再オープンしました。再び入力できます。修正後に再度提出してください。\n{comment}\n{link}',
    },
    maintenanceScheduled: {
      subject: '【Yosan】計画メンテナンスのお知らせ（{startsAt} から）',
      body: 'Yosan は {startsAt} から {endsAt} まで計画メンテナンスを行います。この間、{tenant} では Yosan をご利用いただけません。\n\n{text}\n\n{link}',
    },
  },
  entry: {
    rows: {
      unknown_element: '{dimension} に要素「{element}」がありません。',
      consolidated_element: '{dimension} の「{element}」は集計要素です。実績は末端の要素にだけ取り込めます。',
      not_a_number:
        '「{value}」は数値ではありません（使える形式: 1234、1,234、-1,234、▲1,234、△1,234、(1,234)）。',
      empty_value: '値が空です。',
      empty_code: '{dimension} の列が空です。',
      no_write_right: 'このセルを変更する権限がありません。',
      extra_columns:
        'この行は {found} 列ありますが、見出しは {expected} 列です。カンマ付きの数値は引用符で囲んでください（"1,234"）。',
      clear_no_right: 'スライスを置き換えると、変更する権限のないセルが消去されます。',
    },
  },
  tenant: {
    status: { active: '利用中', suspended: '利用停止中', closed: '利用終了' },
  },
  ops: {
    ticketStatus: {
      open: '受付中',
      waiting_for_customer: 'お客様の回答待ち',
      answered: '回答済み',
      closed: '完了',
    },
    ticketCategory: {
      question: '質問',
      request: '要望',
      incident_report: '障害の報告',
      security_concern: 'セキュリティ上の懸念',
    },
    severity: { minor: '軽微', major: '重大', critical: '致命的' },
    maintenancePage: {
      title: '計画メンテナンス',
      heading: 'Yosan は計画メンテナンス中です',
      until: '終了予定: {until}',
    },
  },
};
