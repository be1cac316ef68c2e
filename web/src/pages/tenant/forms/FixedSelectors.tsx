import type { OpenForm } from '../../../api/model.js';
import { useI18n } from '../../../i18n/index.js';

/** The fixed dimensions of an opened form: a select where the user may choose, else the element's name. */
export function FixedSelectors({
  form,
  onChoose,
}: {
  form: OpenForm;
  onChoose: (dimension: string, element: string) => void;
}) {
  const { lang } = useI18n();
  if (form.fixed.length === 0) return null;
  return (
    <div className="card card-padded form-fixed" data-testid="form-fixed">
      {form.fixed.map(({ dimension, element, name, choices }) => {
        const id = `fixed-${dimension}`;
        return (
          <div className="field" key={dimension} data-testid={id}>
            <label className="field-label" htmlFor={id}>
              {form.dimensionNames[dimension]?.[lang] ?? dimension}
            </label>
            {choices ? (
              <select id={id} value={element} onChange={(e) => onChoose(dimension, e.target.value)}>
                {choices.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name[lang]}
                  </option>
                ))}
              </select>
            ) : (
              <span id={id}>{name[lang]}</span>
            )}
          </div>
        );
      })}
    </div>
  );
}
