import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client.js';
import type { GroupView } from '../../../api/identity.js';
import { errorMessage } from '../../../components/Alert.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useSubmit } from '../../../lib/useSubmit.js';

interface GroupRowProps {
  group: GroupView;
  href: string;
  apiBase: string;
  created: string;
  onSaved: () => void;
}

/** A groups table row that turns into a small inline form to rename / describe the group. */
export function GroupRow({ group, href, apiBase, created, onSaved }: GroupRowProps) {
  const { t } = useI18n();
  const { unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const formId = `group-edit-${group.id}`;

  if (!editing) {
    return (
      <tr data-testid="group-row" data-name={group.name}>
        <td>
          <Link to={href} className="table-link">
            {group.name}
          </Link>
        </td>
        <td className="muted">{group.description}</td>
        <td className="num">{group.memberCount}</td>
        <td className="hide-narrow nowrap muted">{created}</td>
        <td className="cell-actions">
          <button
            type="button"
            className="button button-ghost button-small"
            aria-label={t('admin.groups.editLabel', { name: group.name })}
            onClick={() => {
              setName(group.name);
              setDescription(group.description);
              setEditing(true);
            }}
            data-testid="group-edit"
          >
            {t('admin.groups.edit')}
          </button>
        </td>
      </tr>
    );
  }

  const onSubmit = submit.handle(async () => {
    await api.patch(`${apiBase}/admin/groups/${encodeURIComponent(group.id)}`, {
      name: name.trim(),
      description: description.trim(),
    });
    setEditing(false);
    onSaved();
  });
  const fe = submit.fieldErrors;
  const problem = submit.error !== undefined ? (fe['name'] ?? errorMessage(submit.error, t)) : undefined;

  return (
    <tr data-testid="group-row-editing">
      <td>
        <form id={formId} onSubmit={onSubmit} noValidate />
        <input
          form={formId}
          aria-label={t('admin.groups.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${formId}-error` : undefined}
          autoFocus
          data-testid="group-edit-name"
        />
        {problem && (
          <p className="field-error" id={`${formId}-error`} role="alert">
            {problem}
          </p>
        )}
      </td>
      <td>
        <input
          form={formId}
          aria-label={t('admin.groups.description')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          data-testid="group-edit-description"
        />
      </td>
      <td className="num">{group.memberCount}</td>
      <td className="hide-narrow nowrap muted">{created}</td>
      <td className="cell-actions">
        <div className="button-row">
          <button
            type="submit"
            form={formId}
            className="button button-primary button-small"
            disabled={submit.busy}
            data-testid="group-edit-save"
          >
            {t('admin.groups.save')}
          </button>
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => setEditing(false)}
          >
            {t('common.cancel')}
          </button>
        </div>
      </td>
    </tr>
  );
}
