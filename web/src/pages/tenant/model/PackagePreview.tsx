import type { MouseEvent } from 'react';
import type { PackagePreview } from '../../../api/packages.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { useI18n } from '../../../i18n/index.js';
import type { Submit } from '../../../lib/useSubmit.js';

const TONE = { added: 'badge-green', changed: 'badge-blue', unchanged: 'badge-gray', conflict: 'badge-red' };

/** The preview of a package: one row per object with its outcome and diff lines; apply or cancel. */
export function PreviewTable({
  preview,
  submit,
  onApply,
  onCancel,
}: {
  preview: PackagePreview;
  submit: Submit;
  onApply: (e: MouseEvent<HTMLButtonElement>) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const m = preview.manifest;
  return (
    <section className="card card-padded" aria-labelledby="preview-title" data-testid="package-preview">
      <h2 id="preview-title" className="section-title">
        {t('packages.preview.title', { name: m.name[lang], version: m.version })}
      </h2>
      <p className="muted">{t('packages.preview.lead')}</p>
      {!preview.canApply && (
        <Alert tone="warning" title={t('packages.preview.conflicts')} testId="preview-conflicts" />
      )}
      {submit.error !== undefined && <ErrorAlert error={submit.error} />}
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">
            {t('packages.preview.title', { name: m.name[lang], version: m.version })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('packages.col.kind')}</th>
              <th scope="col">{t('packages.col.name')}</th>
              <th scope="col">{t('packages.col.code')}</th>
              <th scope="col">{t('packages.col.outcome')}</th>
              <th scope="col">{t('packages.col.details')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.objects.map((o) => (
              <tr key={`${o.kind}:${o.code}`} data-testid={`preview-row-${o.kind}-${o.code}`}>
                <td>{t(`packages.kind.${o.kind}`)}</td>
                <td>{o.name[lang]}</td>
                <td>
                  <code>{o.code}</code>
                </td>
                <td>
                  <span className={`badge ${TONE[o.outcome]}`} data-testid="outcome">
                    {t(`packages.outcome.${o.outcome}`)}
                  </span>
                </td>
                <td className="small">
                  {o.conflict ??
                    (o.diff.length > 0 && (
                      <ul className="plain-list">
                        {o.diff.map((d, i) => (
                          <li key={i}>
                            <code>{d}</code>
                          </li>
                        ))}
                      </ul>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={!preview.canApply || submit.busy}
          onClick={onApply}
          data-testid="preview-apply"
        >
          {submit.busy ? t('packages.preview.applying') : t('packages.preview.apply')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={onCancel}
          data-testid="preview-cancel"
        >
          {t('packages.preview.cancel')}
        </button>
      </div>
    </section>
  );
}
