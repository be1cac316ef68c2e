import { ApiError, NETWORK_ERROR, UNEXPECTED_RESPONSE } from '../../api/client.js';
import { fileNameOf } from '../../api/postDownload.js';
import type { Language } from '../../i18n/index.js';

/** Saves `blob` as `filename` through a temporary `<a download>` (no inline script, CSP-safe). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Downloads an export (same-origin cookie auth) in the UI language, so the CSV header
 * matches the screen; a failure becomes an ApiError with the server's localised message.
 */
export async function downloadExport(path: string, lang: Language, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, {
      credentials: 'same-origin',
      headers: { 'Accept-Language': lang, 'X-Yosan-Lang': lang },
    });
  } catch (cause) {
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const error = (body as { error?: { code?: string; message?: string; refId?: string } } | undefined)
      ?.error;
    if (error?.code && error.message)
      throw new ApiError(response.status, error.code, error.message, error.refId);
    throw new ApiError(response.status, UNEXPECTED_RESPONSE, `HTTP ${response.status}`);
  }
  const blob = await response.blob();
  saveBlob(blob, fileNameOf(response.headers.get('content-disposition'), fallbackName));
}
