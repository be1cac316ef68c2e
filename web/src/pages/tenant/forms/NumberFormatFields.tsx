import { Field } from '../../../components/Field.js';
import { useI18n } from '../../../i18n/index.js';
import {
  NEGATIVE_STYLES,
  ROUNDINGS,
  formatShown,
  negativeOf,
  roundingOf,
  unitLabel,
  type NumberFormat,
} from '../../../../../src/modules/model/number-format.js';

/**
 * A number format's choices (issue 18 point 2): unit, decimals, rounding and negative style, with
 * the label and an example as they will be shown. Used by the form editor and the tenant default.
 */
export function NumberFormatFields({
  value,
  onChange,
}: {
  value: NumberFormat;
  onChange: (next: NumberFormat) => void;
}) {
  const { t, lang } = useI18n();
  const set = (patch: Partial<NumberFormat>) => onChange({ ...value, ...patch });
  return (
    <>
      <div className="form-row">
        <Field name="scale" label={t('forms.editor.scaleLabel')}>
          {(c) => (
            <select
              {...c}
              value={String(value.scale)}
              onChange={(e) => set({ scale: Number(e.target.value) as NumberFormat['scale'] })}
            >
              {([1, 1000, 1_000_000] as const).map((s) => (
                <option key={s} value={String(s)}>
                  {t(`forms.scale.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="decimals" label={t('forms.editor.decimals')}>
          {(c) => (
            <select
              {...c}
              value={String(value.decimals)}
              onChange={(e) => set({ decimals: Number(e.target.value) })}
            >
              {[0, 1, 2, 3, 4].map((n) => (
                <option key={n} value={String(n)}>
                  {n}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="rounding" label={t('numfmt.rounding')}>
          {(c) => (
            <select
              {...c}
              value={roundingOf(value)}
              onChange={(e) => set({ rounding: e.target.value as NumberFormat['rounding'] })}
            >
              {ROUNDINGS.map((r) => (
                <option key={r} value={r}>
                  {t(`numfmt.roundings.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="negative" label={t('numfmt.negative')}>
          {(c) => (
            <select
              {...c}
              value={negativeOf(value)}
              onChange={(e) => set({ negative: e.target.value as NumberFormat['negative'] })}
            >
              {NEGATIVE_STYLES.map((n) => (
                <option key={n} value={n}>
                  {t(`numfmt.negatives.${n}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <p className="field-hint" data-testid="numfmt-example">
        {t('numfmt.example', {
          label: unitLabel(value, lang),
          example: formatShown(-1_234_567, value, lang),
        })}
      </p>
    </>
  );
}
