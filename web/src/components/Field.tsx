import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';

/** Props to spread on the control inside a Field so it is labelled and linked to its hint / error. */
export interface ControlProps {
  id: string;
  name: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
  required: boolean | undefined;
}

interface FieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  /** Renders the control; spread the given props on it. */
  children: (control: ControlProps) => ReactNode;
}

/** A form row: label, control, hint and error text, wired up with aria-describedby / aria-invalid. */
export function Field({ name, label, hint, error, required, children }: FieldProps) {
  const { t } = useI18n();
  const id = `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'} data-testid={`field-${name}`}>
      <label className="field-label" htmlFor={id}>
        {label}
        {required ? (
          <span className="field-required" aria-hidden="true">
            {t('common.required')}
          </span>
        ) : (
          <span className="field-optional" aria-hidden="true">
            {t('common.optional')}
          </span>
        )}
      </label>
      {children({
        id,
        name,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
        required: required || undefined,
      })}
      {error && (
        <p className="field-error" id={errorId} data-testid={`error-${name}`}>
          {error}
        </p>
      )}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
