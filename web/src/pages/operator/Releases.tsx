import { useState } from 'react';
import { api } from '../../api/client.js';
import { Alert, ErrorAlert } from '../../components/Alert.js';
import { Field } from '../../components/Field.js';
import { HelpLink } from '../../components/HelpLink.js';
import { ReleaseChanges, type Release } from '../../components/ReleaseChanges.js';
import { useI18n } from '../../i18n/index.js';
import { useOperatorSession } from '../../layout/OperatorLayout.js';
import { formatDate } from '../../lib/format.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { useSubmit } from '../../lib/useSubmit.js';

type Category = Release['changes'][number]['category'];
const CATEGORIES: Category[] = ['feature', 'fix', 'security'];
const blank = () => ({ category: 'feature' as Category, ja: '', en: '' });

/** Operators publish release notes (version, date, changes ja/en with a category) and read the list. */
export function ReleasesPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('ops.releases.title'));
  const { unauthorized } = useOperatorSession();
  const list = useLoad(
    () => api.get<{ currentVersion: string; items: Release[] }>('/api/operator/releases'),
    [],
    unauthorized,
  );
  const submit = useSubmit(unauthorized);
  const [version, setVersion] = useState('');
  const [releasedOn, setReleasedOn] = useState('');
  const [changes, setChanges] = useState([blank()]);
  const [published, setPublished] = useState<string>();

  const setChange = (i: number, patch: Partial<ReturnType<typeof blank>>) =>
    setChanges((all) => all.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  const onSubmit = submit.handle(async () => {
    setPublished(undefined);
    await api.post('/api/operator/releases', { version: version.trim(), releasedOn, changes });
    setPublished(version.trim());
    setVersion('');
    setChanges([blank()]);
    list.reload();
  });

  return (
    <div className="page page-medium">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('ops.releases.title')} <HelpLink page="release-notes" topic={t('ops.releases.title')} />
          </h1>
          {list.data && (
            <p className="page-lead">{t('ops.releases.lead', { version: list.data.currentVersion })}</p>
          )}
        </div>
      </div>
      <form className="card card-padded form" onSubmit={onSubmit} data-testid="release-form">
        <h2 className="section-title">{t('ops.releases.publishTitle')}</h2>
        {published && (
          <Alert tone="success" title={t('ops.releases.published', { version: published })} testId="notice" />
        )}
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <div className="form-row">
          <Field
            name="version"
            label={t('ops.releases.version')}
            hint={t('ops.releases.versionHint')}
            required
          >
            {(p) => (
              <input {...p} value={version} onChange={(e) => setVersion(e.target.value)} maxLength={50} />
            )}
          </Field>
          <Field name="releasedOn" label={t('ops.releases.releasedOn')} required>
            {(p) => (
              <input {...p} type="date" value={releasedOn} onChange={(e) => setReleasedOn(e.target.value)} />
            )}
          </Field>
        </div>
        {changes.map((c, i) => (
          <fieldset className="fieldset" key={i} data-testid={`change-${i}`}>
            <legend>
              {t('ops.releases.changes')} {i + 1}
            </legend>
            <Field name={`category-${i}`} label={t('ops.releases.category')} required>
              {(p) => (
                <select
                  {...p}
                  value={c.category}
                  onChange={(e) => setChange(i, { category: e.target.value as Category })}
                >
                  {CATEGORIES.map((k) => (
                    <option key={k} value={k}>
                      {t(`ops.category.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name={`ja-${i}`} label={t('ops.releases.textJa')} required>
              {(p) => (
                <textarea
                  {...p}
                  lang="ja"
                  rows={2}
                  value={c.ja}
                  onChange={(e) => setChange(i, { ja: e.target.value })}
                />
              )}
            </Field>
            <Field name={`en-${i}`} label={t('ops.releases.textEn')} required>
              {(p) => (
                <textarea
                  {...p}
                  lang="en"
                  rows={2}
                  value={c.en}
                  onChange={(e) => setChange(i, { en: e.target.value })}
                />
              )}
            </Field>
            {changes.length > 1 && (
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={() => setChanges((all) => all.filter((_, j) => j !== i))}
              >
                {t('ops.releases.removeChange')}
              </button>
            )}
          </fieldset>
        ))}
        <div className="form-actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setChanges((all) => [...all, blank()])}
            data-testid="add-change"
          >
            {t('ops.releases.addChange')}
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="publish-release"
          >
            {t('ops.releases.publish')}
          </button>
        </div>
      </form>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data?.items.map((r) => (
        <section key={r.id} className="card card-padded">
          <h2 className="section-title">{r.version}</h2>
          <p className="muted small">{t('ops.releases.released', { date: formatDate(r.releasedOn) })}</p>
          <ReleaseChanges release={r} lang={lang} />
        </section>
      ))}
    </div>
  );
}
