import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../../runtime/version.js';

/** Where `npm run sbom` (and so `npm run build`) writes the CycloneDX SBOM of production dependencies. */
export const sbomPath = (root = packageRoot()) => path.join(root, 'dist', 'sbom.cdx.json');

interface CycloneDx {
  bomFormat?: string;
  specVersion?: string;
  metadata?: { timestamp?: string; component?: { name?: string; version?: string } };
  components?: {
    name?: string;
    group?: string;
    version?: string;
    purl?: string;
    licenses?: unknown[];
    scope?: string;
  }[];
}

export interface Dependency {
  name: string;
  version: string;
  purl: string | null;
  license: string | null;
}

function licenseOf(licenses: unknown[] | undefined): string | null {
  const first = licenses?.[0] as
    { license?: { id?: string; name?: string }; expression?: string } | undefined;
  return first?.license?.id ?? first?.license?.name ?? first?.expression ?? null;
}

/** The dependency list with versions, read from the shipped SBOM; `null` when the build made none. */
export async function readSbom(file = sbomPath()) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  const bom = JSON.parse(text) as CycloneDx;
  if (bom.bomFormat !== 'CycloneDX') return null;
  const modified = (await stat(file)).mtime;
  const dependencies: Dependency[] = (bom.components ?? [])
    .filter((c) => c.name && c.version)
    .map((c) => ({
      name: c.group ? `${c.group}/${c.name!}` : c.name!,
      version: c.version!,
      purl: c.purl ?? null,
      license: licenseOf(c.licenses),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  return {
    format: `CycloneDX ${bom.specVersion ?? ''}`.trim(),
    generatedAt: bom.metadata?.timestamp ?? modified.toISOString(),
    product: {
      name: bom.metadata?.component?.name ?? 'yosan',
      version: bom.metadata?.component?.version ?? null,
    },
    dependencies,
  };
}
