import { currentLanguage } from '../i18n/index.js';
import { ApiError, api } from './client.js';

/**
 * The file name of a `Content-Disposition` (RFC 6266): the UTF-8 `filename*` when there is one
 * (売上計画_営業部_予算_20270415.xlsx), else the ASCII `filename`, else `fallback`.
 */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;\s]+)/i.exec(disposition ?? '')?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      // a malformed escape: fall back to the ASCII name
    }
  }
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback;
}

/**
 * POSTs a JSON request whose answer is a file (a package export, a form as .xlsx) and saves it
 * through a temporary `<a download>` under the server's file name; a failure becomes an ApiError
 * with the server's localised message.
 */
export async function postDownload(path: string, body: unknown, fallbackName: string): Promise<void> {
  const { token } = await api.get<{ token: string }>('/api/csrf');
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/octet-stream, application/json',
      'Accept-Language': currentLanguage(),
      'X-CSRF-Token': token,
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    const err = (await res.json().catch(() => undefined)) as
      { error?: { code: string; message: string } } | undefined;
    throw new ApiError(
      res.status,
      err?.error?.code ?? 'UNEXPECTED_RESPONSE',
      err?.error?.message ?? `HTTP ${res.status}`,
    );
  }
  const name = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
