import { Link, useParams } from 'react-router';
import { api } from '../../../../api/client.js';
import type { UserAdminView } from '../../../../api/identity.js';
import type {
  DimensionDetail,
  DimensionSummary,
  EffectiveCubeRights,
  EffectiveObjectRights,
} from '../../../../api/model.js';
import { ErrorAlert } from '../../../../components/Alert.js';
import { HelpLink } from '../../../../components/HelpLink.js';
import { Loading } from '../../../../components/Loading.js';
import { useI18n } from '../../../../i18n/index.js';
import { useTenantSession } from '../../../../layout/TenantLayout.js';
import { useLoad } from '../../../../lib/useLoad.js';
import { usePageTitle } from '../../../../lib/usePageTitle.js';

type Via = Omit<EffectiveCubeRights['via'][number], 'restrictions'> &
  Partial<Pick<EffectiveCubeRights['via'][number], 'restrictions'>>;

/** What one user can see and change, and why: which group gives which right (and element restrictions). */
export function UserRightsPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const base = `${apiBase}/model/rights/users/${encodeURIComponent(id)}`;
  const data = useLoad(
    async () => {
      const [user, cubes, objects] = await Promise.all([
        api.get<{ user: UserAdminView }>(`${apiBase}/admin/users/${encodeURIComponent(id)}`),
        api.get<{ orgAdmin: boolean; cubes: EffectiveCubeRights[] }>(base),
        api.get<{ objects: EffectiveObjectRights[] }>(`${base}/objects`),
      ]);
      // Names for the element restrictions (keyed by dimension code and element code).
      const codes = new Set(cubes.cubes.flatMap((c) => c.via.flatMap((v) => Object.keys(v.restrictions))));
      const dims = codes.size
        ? (await api.get<{ items: DimensionSummary[] }>(`${apiBase}/model/dimensions`)).items.filter((d) =>
            codes.has(d.object.code),
          )
        : [];
      const details = await Promise.all(
        dims.map((d) =>
          api.get<DimensionDetail>(`${apiBase}/model/dimensions/${encodeURIComponent(d.object.id)}`),
        ),
      );
      return {
        user: user.user,
        orgAdmin: cubes.orgAdmin,
        cubes: cubes.cubes,
        objects: objects.objects,
        details,
      };
    },
    [apiBase, base],
    unauthorized,
  );
  const name = data.data?.user.displayName ?? '';
  usePageTitle(data.data ? t('rights.userTitle', { name }) : t('rights.title'));
  if (data.loading && !data.data) return <Loading />;
  if (!data.data) return <ErrorAlert error={data.error} />;
  const { orgAdmin, cubes, objects, details } = data.data;
  const dimName = (code: string) => details.find((d) => d.object.code === code)?.object.name[lang] ?? code;
  const elementName = (dim: string, code: string) => {
    const e = details.find((d) => d.object.code === dim)?.elements.find((x) => x.code === code);
    return e ? `${e.name[lang]} (${code})` : code;
  };
  const cubeById = new Map(cubes.map((c) => [c.cubeId, c]));
  return (
    <div className="page">
      <p>
        <Link to={`/t/${slug}/admin/model/rights`}>{t('rights.back')}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1 className="page-title" data-testid="user-rights-title">
            {t('rights.userTitle', { name })} <HelpLink page="model-rights" topic={t('rights.title')} />
          </h1>
          <p className="page-lead">{t('rights.userLead')}</p>
        </div>
      </div>
      {orgAdmin && (
        <p className="alert alert-info" data-testid="user-org-admin">
          {t('rights.orgAdminAll')}
        </p>
      )}
      <div className="card table-wrap">
        <table className="table" data-testid="effective-rights">
          <caption className="visually-hidden">{t('rights.userTitle', { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rights.object')}</th>
              <th scope="col">{t('rights.kind')}</th>
              <th scope="col">{t('rights.access')}</th>
              <th scope="col">{t('rights.why')}</th>
            </tr>
          </thead>
          <tbody>
            {objects.map((o) => {
              const cube = o.kind === 'cube' ? cubeById.get(o.objectId) : undefined;
              const access = cube?.access ?? o.access;
              const via: Via[] = cube ? cube.via : o.via;
              return (
                <tr key={o.objectId} data-testid={`effective-${o.kind}-${o.code}`}>
                  <td>
                    {o.name[lang]} <code>{o.code}</code>
                  </td>
                  <td>{t(`rights.kinds.${o.kind}`)}</td>
                  <td data-testid="effective-access">{t(`rights.level.${access}`)}</td>
                  <td>
                    {orgAdmin ? (
                      t('rights.viaOrgAdmin')
                    ) : via.length === 0 ? (
                      <span className="muted">{t('rights.viaNone')}</span>
                    ) : (
                      <ul className="row-list">
                        {via.map((v) => (
                          <li key={v.groupId} data-testid={`via-${v.groupName}`}>
                            {t('rights.viaGroup', {
                              group: v.groupName,
                              access: t(`rights.level.${v.access}`),
                            })}
                            {Object.entries(v.restrictions ?? {}).map(([d, list]) => (
                              <span key={d} className="muted small">
                                {' '}
                                · {dimName(d)}:{' '}
                                {list
                                  .map(
                                    (r) =>
                                      `${t('rights.elementAndBelow', { element: elementName(d, r.element) })}: ${t(`rights.level.${r.access}`)}`,
                                  )
                                  .join(', ')}
                              </span>
                            ))}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
