import type { Locale } from '../../platform/i18n/locale.js';
import { formatForPeople } from '../../platform/time/zoned.js';
import type { SignedCertificate } from './certificate.js';

/** ja/en descriptions of the method codes the artefact sources report. */
export const METHODS: Record<string, { en: string; ja: string }> = {
  'sqlite-zero-unlink': {
    en: 'SQLite file overwritten with zeros, flushed to disk, then deleted',
    ja: 'SQLite ファイルをゼロで上書きしてディスクに書き出した後に削除',
  },
  'postgres-drop-schema': {
    en: 'PostgreSQL schema dropped with all its tables (DROP SCHEMA … CASCADE)',
    ja: 'PostgreSQL のスキーマをすべての表とともに削除（DROP SCHEMA … CASCADE）',
  },
  'file-unlink': { en: 'File deleted', ja: 'ファイルを削除' },
  'control-rows-delete-vacuum': {
    en: 'Rows deleted from the control database; freed pages wiped (secure_delete, VACUUM, WAL truncated)',
    ja: '管理データベースの行を削除し、空き領域を消去（secure_delete・VACUUM・WAL 切り詰め）',
  },
  'control-rows-delete': {
    en: 'Rows deleted from the control database (VACUUM)',
    ja: '管理データベースの行を削除（VACUUM）',
  },
  'backup-unlink': {
    en: 'Encrypted backup file deleted (AES-256-GCM ciphertext; its data key is destroyed too)',
    ja: '暗号化されたバックアップファイルを削除（AES-256-GCM の暗号文。データ鍵も破棄）',
  },
  'key-destroy': {
    en: 'Data key destroyed: every encrypted copy became unreadable (cryptographic erase)',
    ja: 'データ鍵を破棄し、暗号化されたすべての複製を読めなくした（暗号学的消去）',
  },
};

const RETAINED: Record<string, { en: string; ja: string }> = {
  'operator-audit-log': {
    en: "The operators' own operation log (who created, changed and closed the tenant)",
    ja: 'オペレーター自身の操作ログ（テナントの作成・変更・終了の記録）',
  },
  'audit-checkpoints': {
    en: 'Integrity checkpoints of the tenant log (hash values only, no content)',
    ja: 'テナントのログの完全性チェックポイント（ハッシュ値のみ、内容なし）',
  },
  'termination-record': {
    en: 'This record of the termination (URL name, organisation name, dates)',
    ja: 'この終了記録（URL 名・組織名・日付）',
  },
};

const L = {
  en: {
    title: 'Deletion certificate',
    org: 'Organisation',
    end: 'Contract end date',
    closed: 'Closed',
    completed: 'Deletion completed',
    artefacts: 'Deleted artefacts',
    source: 'Source',
    artefact: 'Artefact',
    location: 'Location',
    bytes: 'Bytes',
    method: 'Method',
    when: 'Deleted at',
    verification: 'Final check',
    checked: 'At {at}, every source ({sources}) was listed again: {remaining} artefacts remain.',
    retained: 'Kept on purpose (no customer content)',
    signature: 'Signature',
    signed:
      'Signed with the installation key (Ed25519, fingerprint {keyId}). Verify with: yosan certificate verify <this file>',
  },
  ja: {
    title: 'データ削除証明書',
    org: '組織',
    end: '契約終了日',
    closed: '利用終了',
    completed: '削除完了',
    artefacts: '削除したデータ',
    source: '種類',
    artefact: '対象',
    location: '場所',
    bytes: 'バイト数',
    method: '方法',
    when: '削除日時',
    verification: '最終確認',
    checked: '{at} にすべての保存先（{sources}）を再確認し、残っているデータは {remaining} 件でした。',
    retained: '意図的に保持するもの（顧客の内容は含みません）',
    signature: '署名',
    signed:
      'インストールの鍵（Ed25519、フィンガープリント {keyId}）で署名しています。確認方法: yosan certificate verify <このファイル>',
  },
};

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fill = (s: string, p: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => p[k] ?? '');

/** A self-contained HTML page (no scripts) that embeds the signed JSON for `yosan certificate verify`. */
export function certificateHtml(signed: SignedCertificate, locale: Locale): string {
  const c = signed.certificate;
  const l = L[locale];
  const when = (iso: string) => esc(formatForPeople(iso, c.timeZone));
  const rows = c.artefacts
    .map(
      (a) =>
        `<tr><td>${esc(a.source)}</td><td>${esc(a.id)}</td><td>${esc(a.location)}</td><td>${a.bytes ?? ''}</td>` +
        `<td>${esc(METHODS[a.method]?.[locale] ?? a.method)}</td><td>${when(a.deletedAt)}</td></tr>`,
    )
    .join('\n');
  const retained = c.retained.map((r) => `<li>${esc(RETAINED[r]?.[locale] ?? r)}</li>`).join('');
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${esc(l.title)} — ${esc(c.tenant.slug)}</title>
<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px 6px;font-size:13px;text-align:left;vertical-align:top}pre{white-space:pre-wrap;word-break:break-all;font-size:11px;background:#f4f4f4;padding:8px}</style>
</head><body>
<h1>${esc(l.title)}</h1>
<dl>
<dt>${esc(l.org)}</dt><dd>${esc(c.tenant.displayName)} (${esc(c.tenant.slug)}, ${esc(c.tenant.id)})</dd>
<dt>${esc(l.end)}</dt><dd>${esc(c.contractEnd)}</dd>
<dt>${esc(l.closed)}</dt><dd>${when(c.closedAt)}</dd>
<dt>${esc(l.completed)}</dt><dd>${when(c.completedAt)}</dd>
</dl>
<h2>${esc(l.artefacts)}</h2>
<table><thead><tr><th>${esc(l.source)}</th><th>${esc(l.artefact)}</th><th>${esc(l.location)}</th><th>${esc(l.bytes)}</th><th>${esc(l.method)}</th><th>${esc(l.when)}</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>${esc(l.verification)}</h2>
<p>${esc(fill(l.checked, { at: formatForPeople(c.verification.checkedAt, c.timeZone), sources: c.verification.sources.join(', '), remaining: String(c.verification.remaining) }))}</p>
<h2>${esc(l.retained)}</h2>
<ul>${retained}</ul>
<h2>${esc(l.signature)}</h2>
<p>${esc(fill(l.signed, { keyId: c.keyId }))}</p>
<pre id="signed-certificate">${esc(JSON.stringify(signed))}</pre>
</body></html>
`;
}
