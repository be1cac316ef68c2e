import { useState } from 'react';
import { useParams } from 'react-router';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { WorkflowPanel } from './WorkflowPanel.js';
import { WorkflowSetup } from './WorkflowSetup.js';

/** A portal's approval workflow: every unit's state and steps; org admins also set it up here. */
export function WorkflowPage() {
  const { t } = useI18n();
  usePageTitle(t('workflow.title'));
  const { id = '' } = useParams();
  const { user } = useTenantSession();
  const [generation, setGeneration] = useState(0);
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('workflow.title')}</h1>
        </div>
      </div>
      <WorkflowPanel key={generation} portalId={id} />
      {user?.isOrgAdmin && <WorkflowSetup portalId={id} onSaved={() => setGeneration((g) => g + 1)} />}
    </div>
  );
}
