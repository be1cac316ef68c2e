import { useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import { Alert, ErrorAlert } from '../../components/Alert.js';
import { Field } from '../../components/Field.js';
import { HelpLink } from '../../components/HelpLink.js';
import { useI18n } from '../../i18n/index.js';
import { useOperatorSession } from '../../layout/OperatorLayout.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { useSubmit } from '../../lib/useSubmit.js';

export interface Terms {
  revision: number;
  governingLaw: { ja: string; en: string };
  contact: string;
  text: { ja: string; en: string };
  effectiveOn: string;
  publishedAt: string;
}
interface OperatorTerms {
  terms: Terms | null;
  history: { revision: number; effectiveOn: string; publishedAt: string }[];
}

const FIELDS = ['lawJa', 'lawEn', 'contact', 'textJa', 'textEn', 'effectiveOn'] as const;
type Form = Record<(typeof FIELDS)[number], string>;
const empty: Form = { lawJa: '', lawEn: '', contact: '', textJa: '', textEn: '', effectiveOn: '' };

/** The operator sets the terms of service (governing law, contact, text ja/en); each publish is a new revision. */
export function TermsEditPage() {
  const { t } = useI18n();
  usePageTitle(t('ops.terms.editTitle'));
  const { unauthorized } = useOperatorSession();
  const loaded = useLoad(() => api.get<OperatorTerms>('/api/operator/terms'), [], unauthorized);
  const submit = useSubmit(unauthorized);
  const [form, setForm] = useState<Form>(empty);
  const [published, setPublished] = useState<number>();

  useEffect(() => {
    const c = loaded.data?.terms;
    if (c)
      setForm({
        lawJa: c.governingLaw.ja,
        lawEn: c.governingLaw.en,
        contact: c.contact,
        textJa: c.text.ja,
        textEn: c.text.en,
        effectiveOn: c.effectiveOn,
      });
  }, [loaded.data]);

  const onSubmit = submit.handle(async () => {
    const res = await api.put<{ terms: Terms }>('/api/operator/terms', {
      governingLaw: { ja: form.lawJa, en: form.lawEn },
      contact: form.contact,
      text: { ja: form.textJa, en: form.textEn },
      effectiveOn: form.effectiveOn,
    });
    setPublished(res.terms.revision);
    loaded.reload();
  });

  const labels: Record<keyof Form, string> = {
    lawJa: t('ops.terms.lawJa'),
    lawEn: t('ops.terms.lawEn'),
    contact: t('ops.terms.contact'),
    textJa: t('ops.terms.textJa'),
    textEn: t('ops.terms.textEn'),
    effectiveOn: t('ops.terms.effectiveOn'),
  };

  return (
    <div className="page page-medium">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('ops.terms.editTitle')} <HelpLink page="terms-of-service" topic={t('ops.terms.editTitle')} />
          </h1>
          <p className="page-lead">{t('ops.terms.editLead')}</p>
        </div>
      </div>
      {loaded.error ? <ErrorAlert error={loaded.error} /> : null}
      <form className="card card-padded form" onSubmit={onSubmit} data-testid="terms-form">
        {published && (
          <Alert tone="success" title={t('ops.terms.published', { revision: published })} testId="notice" />
        )}
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        {FIELDS.map((k) => (
          <Field key={k} name={k} label={labels[k]} required>
            {(p) =>
              k.startsWith('text') ? (
                <textarea
                  {...p}
                  rows={8}
                  value={form[k]}
                  onChange={(e) => setForm({ ...form, [k]: e.target.value })}
                />
              ) : (
                <input
                  {...p}
                  type={k === 'effectiveOn' ? 'date' : 'text'}
                  value={form[k]}
                  onChange={(e) => setForm({ ...form, [k]: e.target.value })}
                />
              )
            }
          </Field>
        ))}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="publish-terms"
          >
            {t('ops.terms.publish')}
          </button>
        </div>
      </form>
      {loaded.data && loaded.data.history.length > 0 && (
        <section className="card card-padded">
          <h2 className="section-title">{t('ops.terms.history')}</h2>
          <ul>
            {loaded.data.history.map((h) => (
              <li key={h.revision}>
                {t('ops.terms.revision', { revision: h.revision, date: formatDate(h.effectiveOn) })} ·{' '}
                {formatDateTime(h.publishedAt)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
