import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../api/client.js';

export interface Submit {
  busy: boolean;
  error: unknown;
  /** Server field issues by field name (`slug`, `email`…). */
  fieldErrors: Record<string, string>;
  /** Returns a form onSubmit handler that runs `action`, tracking busy and error state. */
  handle: (action: () => Promise<void>) => (event: FormEvent) => void;
  clear: () => void;
}

export function useSubmit(onUnauthorized?: () => void): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const handle = useCallback(
    (action: () => Promise<void>) => (event: FormEvent) => {
      event.preventDefault();
      if (busy) return;
      setBusy(true);
      setError(undefined);
      action().then(
        () => setBusy(false),
        (reason: unknown) => {
          setBusy(false);
          if (reason instanceof ApiError && reason.status === 401 && onUnauthorized) onUnauthorized();
          else setError(reason);
        },
      );
    },
    [busy, onUnauthorized],
  );

  const clear = useCallback(() => setError(undefined), []);
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
  return { busy, error, fieldErrors, handle, clear };
}

/** The `token` parameter of a URL fragment such as `#token=XYZ`. */
export function tokenFromHash(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token ? token : undefined;
}
