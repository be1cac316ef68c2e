import type { ReactNode } from 'react';
import { ApiError, NETWORK_ERROR, UNEXPECTED_RESPONSE } from '../api/client.js';
import { useI18n } from '../i18n/index.js';
import type { Translate } from '../i18n/index.js';

type Tone = 'error' | 'success' | 'info' | 'warning';

interface AlertProps {
  tone: Tone;
  title?: ReactNode;
  children?: ReactNode;
  testId?: string;
}

/** A message box. Errors are announced assertively (role=alert), the rest politely (role=status). */
export function Alert({ tone, title, children, testId }: AlertProps) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {title !== undefined && <p className="alert-title">{title}</p>}
      {children !== undefined && <div className="alert-body">{children}</div>}
    </div>
  );
}

/** The text to show for any failure: the server's localised message, or our own for network trouble. */
export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.code === NETWORK_ERROR) return t('common.networkError');
    if (error.code === UNEXPECTED_RESPONSE) return t('common.unexpectedError', { status: error.status });
    return error.message;
  }
  return t('common.unexpectedError', { status: '—' });
}

/** Shows an API error's message and its reference number, if the server gave one. */
export function ErrorAlert({
  error,
  title,
  children,
}: {
  error: unknown;
  title?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const refId = error instanceof ApiError ? error.refId : undefined;
  return (
    <Alert tone="error" title={title} testId="error-alert">
      <p data-testid="error-message">{errorMessage(error, t)}</p>
      {refId && (
        <p className="alert-ref" data-testid="error-ref">
          {t('common.reference', { refId })}
        </p>
      )}
      {children}
    </Alert>
  );
}
