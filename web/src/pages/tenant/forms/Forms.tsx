import { Link } from 'react-router';
import { api } from '../../../api/client.js';
import type { FormListItem } from '../../../api/model.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';

/** The forms this user may open (org admins: all, with links to define them). */
export function FormsPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('forms.title'));
  const { slug, apiBase, user, unauthorized } = useTenantSession();
  const list = useLoad(
    () => api.get<{ items: FormListItem[] }>(`${apiBase}/model/forms`),
    [apiBase],
    unauthorized,
  );
  const isAdmin = user?.isOrgAdmin === true;
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('forms.title')} <HelpLink page="model-forms" topic={t('forms.title')} />
          </h1>
          <p className="page-lead">{t('forms.lead')}</p>
        </div>
        {isAdmin && (
          <div className="button-row">
            <Link
              className="button button-primary"
              to={`/t/${slug}/admin/model/forms/new`}
              data-testid="form-create"
            >
              {t('forms.create')}
            </Link>
            <Link
              className="button button-secondary"
              to={`/t/${slug}/admin/model/number-format`}
              data-testid="numfmt-default-link"
            >
              {t('numfmt.defaultLink')}
            </Link>
          </div>
        )}
      </div>
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : list.data?.items.length === 0 ? (
        <div className="card empty" data-testid="forms-empty">
          <p>{t(isAdmin ? 'forms.emptyAdmin' : 'forms.empty')}</p>
        </div>
      ) : (
        <div className="card table-wrap">
          <table className="table" data-testid="forms-table">
            <caption className="visually-hidden">{t('forms.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('forms.colName')}</th>
                <th scope="col">{t('forms.colCategory')}</th>
                <th scope="col">{t('forms.colType')}</th>
                <th scope="col" className="hide-narrow">
                  {t('forms.colUpdated')}
                </th>
                {isAdmin && <th scope="col">{t('forms.colActions')}</th>}
              </tr>
            </thead>
            <tbody>
              {list.data?.items.map(({ object: o, type }) => (
                <tr key={o.id} data-testid={`form-row-${o.code}`}>
                  <td>
                    <Link className="table-link" to={`/t/${slug}/forms/${encodeURIComponent(o.id)}`}>
                      {o.name[lang]}
                    </Link>
                  </td>
                  <td>{o.category}</td>
                  <td>
                    <span className="badge">{t(`forms.type.${type ?? 'undefined'}`)}</span>
                  </td>
                  <td className="hide-narrow">{formatDateTime(o.updatedAt)}</td>
                  {isAdmin && (
                    <td>
                      <Link
                        to={`/t/${slug}/admin/model/forms/${encodeURIComponent(o.id)}/edit`}
                        data-testid={`form-edit-${o.code}`}
                      >
                        {t('forms.edit')}
                      </Link>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
