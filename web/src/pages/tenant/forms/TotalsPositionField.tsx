import { Field } from '../../../components/Field.js';
import { useI18n } from '../../../i18n/index.js';

export type TotalsPosition = 'above' | 'below';

/**
 * Where the form shows its total rows (issue 18 point 4): below their details as a 損益計算書
 * reads (売上高, 売上原価, then 売上総利益), or above them. The server orders the rows, so the
 * grid, reports, Excel and CSV follow.
 */
export function TotalsPositionField({
  value,
  onChange,
}: {
  value: TotalsPosition;
  onChange: (value: TotalsPosition) => void;
}) {
  const { t } = useI18n();
  return (
    <Field name="totals" label={t('sense.totals.field')} hint={t('sense.totals.hint')}>
      {(c) => (
        <select
          {...c}
          value={value}
          onChange={(e) => onChange(e.target.value === 'above' ? 'above' : 'below')}
          data-testid="form-totals"
        >
          <option value="below">{t('sense.totals.below')}</option>
          <option value="above">{t('sense.totals.above')}</option>
        </select>
      )}
    </Field>
  );
}
