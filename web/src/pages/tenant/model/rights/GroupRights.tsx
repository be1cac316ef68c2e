import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../../../api/client.js';
import type { GroupDetail } from '../../../../api/identity.js';
import type {
  Access,
  DimensionDetail,
  DimensionSummary,
  GroupRightsView,
  ModelObjectView,
} from '../../../../api/model.js';
import { Alert, ErrorAlert } from '../../../../components/Alert.js';
import { Field } from '../../../../components/Field.js';
import { HelpLink } from '../../../../components/HelpLink.js';
import { Loading } from '../../../../components/Loading.js';
import { useI18n } from '../../../../i18n/index.js';
import { useTenantSession } from '../../../../layout/TenantLayout.js';
import { useLoad } from '../../../../lib/useLoad.js';
import { usePageTitle } from '../../../../lib/usePageTitle.js';
import { useSubmit } from '../../../../lib/useSubmit.js';

type Choice = Access | 'none';

interface Loaded {
  group: GroupDetail['group'];
  rights: GroupRightsView;
  objects: ModelObjectView[];
  dimensions: DimensionDetail[];
}

/**
 * One group's rights: read / write per model object, and on each dimension the elements it is
 * restricted to (each with its descendants). Saved together (`PUT /model/rights/groups/:id`, audited).
 */
export function GroupRightsPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const url = `${apiBase}/model/rights/groups/${encodeURIComponent(id)}`;
  const loaded = useLoad<Loaded>(
    async () => {
      const [g, r, o, d] = await Promise.all([
        api.get<GroupDetail>(`${apiBase}/admin/groups/${encodeURIComponent(id)}`),
        api.get<{ rights: GroupRightsView }>(url),
        api.get<{ items: ModelObjectView[] }>(`${apiBase}/model/objects`),
        api.get<{ items: DimensionSummary[] }>(`${apiBase}/model/dimensions`),
      ]);
      const dimensions = await Promise.all(
        d.items.map((x) =>
          api.get<DimensionDetail>(`${apiBase}/model/dimensions/${encodeURIComponent(x.object.id)}`),
        ),
      );
      return {
        group: g.group,
        rights: r.rights,
        objects: o.items.filter((x) => x.kind !== 'dimension'),
        dimensions,
      };
    },
    [apiBase, url],
    unauthorized,
  );
  usePageTitle(loaded.data ? t('rights.groupTitle', { name: loaded.data.group.name }) : t('rights.title'));
  if (loaded.loading && !loaded.data) return <Loading />;
  if (!loaded.data) return <ErrorAlert error={loaded.error} />;
  return (
    <div className="page">
      <p>
        <Link to={`/t/${slug}/admin/model/rights`}>{t('rights.back')}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1 className="page-title" data-testid="group-rights-title">
            {t('rights.groupTitle', { name: loaded.data.group.name })}{' '}
            <HelpLink page="model-rights" topic={t('rights.title')} />
          </h1>
          <p className="page-lead">{t('rights.groupLead')}</p>
        </div>
      </div>
      <GroupRightsForm url={url} data={loaded.data} />
    </div>
  );
}

function GroupRightsForm({ url, data }: { url: string; data: Loaded }) {
  const { t, lang } = useI18n();
  const { unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const [objects, setObjects] = useState<Record<string, Choice>>(
    Object.fromEntries(data.rights.objects.map((o) => [o.objectId, o.access])),
  );
  const [elements, setElements] = useState(data.rights.elements);
  const [saved, setSaved] = useState(false);
  const [dim, setDim] = useState(data.dimensions[0]?.object.id ?? '');
  const [element, setElement] = useState('');
  const [access, setAccess] = useState<Access>('read');
  const dimension = (dimId: string) => data.dimensions.find((d) => d.object.id === dimId);
  const elementName = (dimId: string, code: string) =>
    dimension(dimId)?.elements.find((e) => e.code === code)?.name[lang] ?? code;
  const chosen = dimension(dim);
  const onSubmit = submit.handle(async () => {
    setSaved(false);
    const body = {
      objects: Object.entries(objects)
        .filter((e): e is [string, Access] => e[1] !== 'none')
        .map(([objectId, a]) => ({ objectId, access: a })),
      elements,
    };
    await api.put(url, body);
    setSaved(true);
  });
  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="group-rights-form">
      {submit.error !== undefined && <ErrorAlert error={submit.error} />}
      {saved && <Alert tone="success" title={t('rights.saved')} testId="rights-saved" />}
      <section className="card" aria-labelledby="group-objects-title">
        <h2 id="group-objects-title" className="section-title card-section-title">
          {t('rights.groupObjects')}
        </h2>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('rights.groupObjects')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rights.object')}</th>
                <th scope="col">{t('rights.kind')}</th>
                <th scope="col">{t('rights.access')}</th>
              </tr>
            </thead>
            <tbody>
              {data.objects.map((o) => (
                <tr key={o.id} data-testid={`object-right-${o.code}`}>
                  <td>
                    {o.name[lang]} <code>{o.code}</code>
                  </td>
                  <td>{t(`rights.kinds.${o.kind as 'cube' | 'form' | 'portal'}`)}</td>
                  <td>
                    <select
                      aria-label={t('rights.accessFor', { group: o.name[lang] })}
                      value={objects[o.id] ?? 'none'}
                      onChange={(e) => setObjects({ ...objects, [o.id]: e.target.value as Choice })}
                    >
                      <option value="none">{t('rights.level.none')}</option>
                      <option value="read">{t('rights.level.read')}</option>
                      <option value="write">{t('rights.level.write')}</option>
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card card-padded" aria-labelledby="group-elements-title">
        <h2 id="group-elements-title" className="section-title">
          {t('rights.elementRights')}
        </h2>
        <p className="muted">{t('rights.elementLead')}</p>
        {elements.length === 0 ? (
          <p className="muted" data-testid="elements-none">
            {t('rights.noElementRights')}
          </p>
        ) : (
          <ul className="row-list" data-testid="element-rights">
            {elements.map((e, i) => (
              <li
                key={`${e.dimensionId}-${e.element}`}
                className="row-item"
                data-testid={`element-right-${e.element}`}
              >
                <span>
                  {dimension(e.dimensionId)?.object.name[lang] ?? e.dimensionId}:{' '}
                  {t('rights.elementAndBelow', {
                    element: `${elementName(e.dimensionId, e.element)} (${e.element})`,
                  })}
                </span>
                <span className="button-row">
                  <select
                    aria-label={t('rights.access')}
                    value={e.access}
                    onChange={(ev) =>
                      setElements(
                        elements.map((x, k) => (k === i ? { ...x, access: ev.target.value as Access } : x)),
                      )
                    }
                  >
                    <option value="read">{t('rights.level.read')}</option>
                    <option value="write">{t('rights.level.write')}</option>
                  </select>
                  <button
                    type="button"
                    className="button button-danger-outline button-small"
                    onClick={() => setElements(elements.filter((_, k) => k !== i))}
                  >
                    {t('portals.remove')}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        )}
        {data.dimensions.length > 0 && (
          <div className="form-row">
            <Field name="rightDimension" label={t('rights.dimension')}>
              {(c) => (
                <select
                  {...c}
                  value={dim}
                  onChange={(e) => {
                    setDim(e.target.value);
                    setElement('');
                  }}
                >
                  {data.dimensions.map((d) => (
                    <option key={d.object.id} value={d.object.id}>
                      {d.object.name[lang]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name="rightElement" label={t('rights.element')}>
              {(c) => (
                <select {...c} value={element} onChange={(e) => setElement(e.target.value)}>
                  <option value="">{t('rights.chooseElement')}</option>
                  {chosen?.elements.map((e) => (
                    <option key={e.code} value={e.code}>
                      {e.name[lang]} ({e.code})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name="rightAccess" label={t('rights.access')}>
              {(c) => (
                <select {...c} value={access} onChange={(e) => setAccess(e.target.value as Access)}>
                  <option value="read">{t('rights.level.read')}</option>
                  <option value="write">{t('rights.level.write')}</option>
                </select>
              )}
            </Field>
            <div className="field">
              <button
                type="button"
                className="button button-secondary"
                disabled={!element || elements.some((x) => x.dimensionId === dim && x.element === element)}
                onClick={() => {
                  setElements([...elements, { dimensionId: dim, element, access }]);
                  setElement('');
                }}
                data-testid="element-add"
              >
                {t('portals.add')}
              </button>
            </div>
          </div>
        )}
      </section>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={submit.busy}
          data-testid="rights-save"
        >
          {submit.busy ? t('common.saving') : t('rights.save')}
        </button>
      </div>
    </form>
  );
}
