import type { ElementView } from '../../../api/model.js';
import { Field } from '../../../components/Field.js';
import { useI18n } from '../../../i18n/index.js';

export type Sense = 'up' | 'down';

/**
 * An element's favourable direction (issue 18 point 3): up for sales and profits, down for
 * costs. Reports colour variances by it; saved as a `sense` change with the element's other edits.
 */
export function SenseField({ value, onChange }: { value: Sense; onChange: (sense: Sense) => void }) {
  const { t } = useI18n();
  return (
    <Field name="sense" label={t('sense.field')} hint={t('sense.hint')}>
      {(c) => (
        <select
          {...c}
          value={value}
          onChange={(ev) => onChange(ev.target.value === 'down' ? 'down' : 'up')}
          data-testid="edit-sense"
        >
          <option value="up">{t('sense.up')}</option>
          <option value="down">{t('sense.down')}</option>
        </select>
      )}
    </Field>
  );
}

/** The tree's mark on an element favourable when down (a cost). */
export function SenseBadge({ e }: { e: ElementView }) {
  const { t } = useI18n();
  if (e.sense !== 'down') return null;
  return (
    <span className="badge" data-testid={`sense-${e.code}`} title={t('sense.down')}>
      {t('sense.badgeDown')}
    </span>
  );
}
