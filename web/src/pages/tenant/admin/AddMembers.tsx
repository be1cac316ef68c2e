import { useState } from 'react';
import { api } from '../../../api/client.js';
import type { UserPage } from '../../../api/identity.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { CheckList } from '../../../components/CheckList.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useLoad } from '../../../lib/useLoad.js';

interface AddMembersProps {
  apiBase: string;
  exclude: ReadonlySet<string>;
  onAdd: (userIds: string[]) => void;
  busy: boolean;
}

/** Member picker: search users, tick the ones to add. */
export function AddMembers({ apiBase, exclude, onAdd, busy }: AddMembersProps) {
  const { t } = useI18n();
  const { unauthorized } = useTenantSession();
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const users = useLoad(
    () =>
      api.get<UserPage>(`${apiBase}/admin/users?${new URLSearchParams({ q, pageSize: '50' }).toString()}`),
    [apiBase, q],
    unauthorized,
  );
  const candidates = (users.data?.items ?? []).filter((u) => !exclude.has(u.id));

  return (
    <div className="picker" data-testid="members-picker">
      <div className="field">
        <label className="field-label" htmlFor="members-search">
          {t('admin.groupDetail.addSearch')}
        </label>
        <input
          id="members-search"
          type="search"
          value={q}
          placeholder={t('admin.users.searchPlaceholder')}
          onChange={(e) => setQ(e.target.value)}
          data-testid="members-search"
        />
      </div>
      {users.error !== undefined && <ErrorAlert error={users.error} />}
      {users.loading && !users.data ? (
        <Loading />
      ) : (
        <CheckList
          legend={t('admin.groupDetail.add')}
          items={candidates}
          selected={selected}
          idOf={(u) => u.id}
          labelOf={(u) => (
            <>
              {u.displayName} <span className="muted small">{u.email}</span>
            </>
          )}
          onChange={setSelected}
          empty={t('admin.groupDetail.addNone')}
          testId="members-candidates"
        />
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary button-small"
          disabled={selected.size === 0 || busy}
          onClick={() => onAdd([...selected])}
          data-testid="members-add"
        >
          {t('admin.groupDetail.addSelected', { count: selected.size })}
        </button>
      </div>
    </div>
  );
}
