import { useState } from 'react';
import { api } from '../../../../api/client.js';
import type { Access, ObjectRightsView } from '../../../../api/model.js';
import type { GroupView } from '../../../../api/identity.js';
import { Alert, ErrorAlert } from '../../../../components/Alert.js';
import { Loading } from '../../../../components/Loading.js';
import { useI18n } from '../../../../i18n/index.js';
import { useTenantSession } from '../../../../layout/TenantLayout.js';
import { useLoad } from '../../../../lib/useLoad.js';
import { useSubmit } from '../../../../lib/useSubmit.js';

type Choice = Access | 'none';

/**
 * Which groups read or write one model object (cube, form, portal): one row per group with
 * none / read / write, saved at once (`PUT /model/rights/objects/:id`, audited).
 */
export function ObjectRightsEditor({ objectId }: { objectId: string }) {
  const { apiBase, unauthorized } = useTenantSession();
  const url = `${apiBase}/model/rights/objects/${encodeURIComponent(objectId)}`;
  const loaded = useLoad(
    async () => {
      const [rights, groups] = await Promise.all([
        api.get<ObjectRightsView>(url),
        api.get<{ items: GroupView[] }>(`${apiBase}/admin/groups`),
      ]);
      return { rights, groups: groups.items };
    },
    [url, apiBase],
    unauthorized,
  );
  if (loaded.loading && !loaded.data) return <Loading />;
  if (!loaded.data) return <ErrorAlert error={loaded.error} />;
  return <RightsForm key={loaded.data.rights.groups.length} url={url} {...loaded.data} />;
}

function RightsForm(props: { url: string; rights: ObjectRightsView; groups: GroupView[] }) {
  const { t } = useI18n();
  const { unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const initial = Object.fromEntries(props.rights.groups.map((g) => [g.groupId, g.access as Choice]));
  const [choice, setChoice] = useState<Record<string, Choice>>(initial);
  const [saved, setSaved] = useState(false);
  const onSubmit = submit.handle(async () => {
    setSaved(false);
    const groups = Object.entries(choice)
      .filter((e): e is [string, Access] => e[1] !== 'none')
      .map(([groupId, access]) => ({ groupId, access }));
    await api.put<ObjectRightsView>(props.url, { groups });
    setSaved(true);
  });
  if (props.groups.length === 0) return <p className="muted">{t('rights.noGroups')}</p>;
  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="object-rights-form">
      {submit.error !== undefined && <ErrorAlert error={submit.error} />}
      {saved && <Alert tone="success" title={t('rights.saved')} testId="rights-saved" />}
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('rights.objectGroups')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rights.group')}</th>
              <th scope="col">{t('rights.access')}</th>
            </tr>
          </thead>
          <tbody>
            {props.groups.map((g) => (
              <tr key={g.id} data-testid={`group-right-${g.name}`}>
                <td>{g.name}</td>
                <td>
                  <select
                    aria-label={t('rights.accessFor', { group: g.name })}
                    value={choice[g.id] ?? 'none'}
                    onChange={(e) => setChoice({ ...choice, [g.id]: e.target.value as Choice })}
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
