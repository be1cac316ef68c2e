import { api } from './client.js';
import { postDownload } from './postDownload.js';
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
  await postDownload(`${apiBase}/model/packages/export`, body, 'package.yosanpkg');
}
