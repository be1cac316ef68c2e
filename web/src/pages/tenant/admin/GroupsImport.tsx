import { Link, useNavigate } from 'react-router';
import { CsvImport } from '../../../components/CsvImport.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';

/** Bulk-create groups from CSV, with the same dry-run table as the user import. */
export function GroupsImportPage() {
  const { t } = useI18n();
  usePageTitle(t('admin.groups.bulkTitle'));
  const navigate = useNavigate();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const back = `/t/${slug}/admin/groups`;
  return (
    <div className="page">
      <Link to={back} className="back-link">
        ← {t('admin.groupDetail.back')}
      </Link>
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('admin.groups.bulkTitle')}{' '}
            <HelpLink page="group-bulk-create" topic={t('admin.groups.bulkTitle')} />
          </h1>
          <p className="page-lead">{t('admin.groups.bulkLead')}</p>
        </div>
      </div>
      <CsvImport<{ created: number }>
        base={`${apiBase}/admin/groups/import`}
        importLabel={(count) => t('admin.groups.bulkImport', { count })}
        onUnauthorized={unauthorized}
        onImported={(result) =>
          void navigate(back, { state: { notice: t('admin.groups.bulkDone', { created: result.created }) } })
        }
      />
    </div>
  );
}
