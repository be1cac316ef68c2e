import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api } from '../../../api/client.js';
import type { GroupView } from '../../../api/identity.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { Field } from '../../../components/Field.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';
import { GroupRow } from './GroupRow.js';
import { noticeOf } from './notice.js';

/** Groups: list with inline rename / describe, create one, or many from CSV. */
export function GroupsPage() {
  const { t } = useI18n();
  usePageTitle(t('admin.groups.title'));
  const location = useLocation();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const groups = useLoad(
    () => api.get<{ items: GroupView[] }>(`${apiBase}/admin/groups`),
    [apiBase],
    unauthorized,
  );
  const [notice, setNotice] = useState<string | undefined>(() => noticeOf(location.state));
  const [creating, setCreating] = useState(false);
  const base = `/t/${slug}/admin/groups`;

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('admin.groups.title')} <HelpLink page="group-create" topic={t('admin.groups.title')} />
          </h1>
          <p className="page-lead">{t('admin.groups.lead')}</p>
        </div>
        <div className="button-row">
          <Link to={`${base}/import`} className="button button-secondary" data-testid="groups-import">
            {t('admin.groups.bulk')}
          </Link>
          <button
            type="button"
            className="button button-primary"
            aria-expanded={creating}
            onClick={() => setCreating((v) => !v)}
            data-testid="groups-create"
          >
            {t('admin.groups.create')}
          </button>
        </div>
      </div>
      {notice && <Alert tone="success" title={notice} testId="notice" />}
      {creating && (
        <GroupCreateForm
          apiBase={apiBase}
          onCreated={(g) => {
            setCreating(false);
            setNotice(t('admin.groups.created', { name: g.name }));
            groups.reload();
          }}
        />
      )}
      {groups.loading && !groups.data ? (
        <Loading />
      ) : groups.error ? (
        <ErrorAlert error={groups.error} />
      ) : groups.data && groups.data.items.length === 0 ? (
        <div className="card empty" data-testid="groups-empty">
          <p>{t('admin.groups.empty')}</p>
        </div>
      ) : (
        <div className="card table-wrap">
          <table className="table" data-testid="groups-table">
            <caption className="visually-hidden">{t('admin.groups.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.groups.colName')}</th>
                <th scope="col">{t('admin.groups.colDescription')}</th>
                <th scope="col" className="num">
                  {t('admin.groups.colMembers')}
                </th>
                <th scope="col" className="hide-narrow">
                  {t('admin.groups.colCreated')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.groups.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {groups.data?.items.map((g) => (
                <GroupRow
                  key={g.id}
                  group={g}
                  href={`${base}/${encodeURIComponent(g.id)}`}
                  apiBase={apiBase}
                  created={formatDateTime(g.createdAt)}
                  onSaved={() => {
                    setNotice(t('admin.groups.saved'));
                    groups.reload();
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function GroupCreateForm({ apiBase, onCreated }: { apiBase: string; onCreated: (g: GroupView) => void }) {
  const { t } = useI18n();
  const { unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const onSubmit = submit.handle(async () => {
    const body = await api.post<{ group: GroupView }>(`${apiBase}/admin/groups`, {
      name: name.trim(),
      description: description.trim(),
    });
    onCreated(body.group);
  });
  return (
    <section className="card card-padded" aria-labelledby="group-create-title">
      <h2 id="group-create-title" className="section-title">
        {t('admin.groups.create')}
      </h2>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="group-create-form">
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <div className="form-row">
          <Field name="name" label={t('admin.groups.name')} error={submit.fieldErrors['name']} required>
            {(c) => <input {...c} value={name} onChange={(e) => setName(e.target.value)} autoFocus />}
          </Field>
          <Field
            name="description"
            label={t('admin.groups.description')}
            error={submit.fieldErrors['description']}
          >
            {(c) => <input {...c} value={description} onChange={(e) => setDescription(e.target.value)} />}
          </Field>
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="group-create-submit"
          >
            {submit.busy ? t('common.saving') : t('admin.groups.createSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
