import { ApiError, api } from './client.js';
import { currentLanguage } from '../i18n/index.js';
import type { LocalName } from './model.js';

/** Shapes of the package API (`/t/:slug/api/model/packages`, `/api/operator/packages`). */
export type Kind = 'dimension' | 'cube' | 'form' | 'portal';
export type Outcome = 'added' | 'changed' | 'unchanged' | 'conflict';

export interface PreviewObject {
  kind: Kind;
  code: string;
  name: LocalName;
  outcome: Outcome;
  diff: string[];
  conflict: string | null;
}

export interface PackagePreview {
  token: string;
  manifest: { code: string; version: string; name: LocalName; description: string; withFigures: boolean };
  origin: 'provider' | 'tenant';
  installedVersion: string | null;
  objects: PreviewObject[];
  canApply: boolean;
}

export interface InstallResult {
  code: string;
  version: string;
  objects: PreviewObject[];
  ids: { kind: Kind; code: string; id: string }[];
}

export interface PackageList {
  installed: {
    code: string;
    version: string;
    name: LocalName;
    origin: 'provider' | 'tenant';
    withFigures: boolean;
    objects: { kind: Kind; code: string }[];
    installedAt: string;
  }[];
  available: {
    id: string;
    code: string;
    version: string;
    name: LocalName;
    description: string;
    objectCount: number;
    withFigures: boolean;
    state: 'not_installed' | 'installed' | 'update_available';
    installedVersion: string | null;
  }[];
  demo: { packageId: string } | null;
}

export interface ProviderPackage {
  id: string;
  code: string;
  version: string;
  name: LocalName;
  description: string;
  objectCount: number;
  withFigures: boolean;
  builtin: boolean;
  uploadedAt: string;
  tenantIds: string[];
}

/** Sends a package file as raw bytes (`application/octet-stream`). */
export async function uploadPackage<T>(path: string, file: Blob): Promise<T> {
  const bytes = new Blob([await file.arrayBuffer()], { type: 'application/octet-stream' });
  return api.upload<T>(path, bytes);
}

/** POSTs the export request and saves the answer as a file (the browser's download). */
export async function downloadExport(apiBase: string, body: unknown): Promise<void> {
  const { token } = await api.get<{ token: string }>('/api/csrf');
  const res = await fetch(`${apiBase}/model/packages/export`, {
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
  const name =
    /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'package.yosanpkg';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
