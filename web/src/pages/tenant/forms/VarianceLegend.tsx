import type { OpenForm } from '../../../api/model.js';
import { useI18n } from '../../../i18n/index.js';

/**
 * Under a report with variance members: what the colours and markers of variance cells mean
 * (issue 18 point 3) — favourable by each account's sense, so an underspend on costs is green.
 */
export function VarianceLegend({ form }: { form: OpenForm }) {
  const { t } = useI18n();
  if (!form.rows.some((r) => r.computed) && !form.columns.some((c) => c.computed)) return null;
  return (
    <p className="field-hint report-variance-legend" data-testid="variance-legend">
      {t('sense.legend')}
    </p>
  );
}
