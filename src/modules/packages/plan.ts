import { AppError } from '../../platform/errors/app-error.js';
import { codecs } from '../model/codecs.js';
import type { KindCodec } from '../model/definitions.js';
import type { ModelDb, ModelKind, ModelObjectTable, ModelOrigin } from '../model/tables.js';
import { check, type PackageContent } from './format.js';
import type { ObjectFile } from './manifest.js';

export type Outcome = 'added' | 'changed' | 'unchanged' | 'conflict';

export interface PlannedObject {
  file: ObjectFile;
  codec: KindCodec;
  existing: ModelObjectTable | null;
  outcome: Outcome;
  diff: string[];
  conflict: string | null;
}

export const codecFor = (kind: ModelKind): KindCodec | undefined => codecs.find((c) => c.kind === kind);

const key = (kind: string, code: string) => `${kind}:${code.normalize('NFC')}`;

/**
 * Objects of the package with their codec, in apply order (codec order, then package order). A
 * kind without a registered codec refuses the whole package.
 */
export function supportedObjects(content: PackageContent): { file: ObjectFile; codec: KindCodec }[] {
  const out: { file: ObjectFile; codec: KindCodec }[] = [];
  content.objects.forEach((file, i) => {
    const codec = codecFor(file.kind);
    if (!codec) throw new AppError('PACKAGE_KIND_UNSUPPORTED', { params: { kind: file.kind } });
    check(codec.schema, file.definition, content.manifest.objects[i]?.file ?? file.code);
    out.push({ file, codec });
  });
  return out.sort((a, b) => a.codec.order - b.codec.order);
}

function factsDiff(row: ModelObjectTable, f: ObjectFile): string[] {
  const lines: string[] = [];
  const pairs: [string, string, string][] = [
    ['name (ja)', row.name_ja, f.name.ja],
    ['name (en)', row.name_en, f.name.en],
    ['category', row.category, f.category],
    ['description', row.description, f.description],
  ];
  for (const [label, a, b] of pairs)
    if (a !== b.normalize('NFC').trim()) lines.push(`~ ${label}: ${a} → ${b}`);
  return lines;
}

/**
 * What installing the package would do to each object, read from `db` (the tenant, or the
 * apply transaction). Unknown kinds, bad definitions and missing dependencies refuse the
 * whole package; conflicts are reported per object.
 */
export async function planPackage(
  db: ModelDb,
  content: PackageContent,
  origin: ModelOrigin,
): Promise<PlannedObject[]> {
  const objects = supportedObjects(content);
  const inPackage = new Set(content.objects.map((o) => key(o.kind, o.code)));
  const planned: PlannedObject[] = [];
  for (const { file, codec } of objects) {
    for (const dep of codec.dependsOn(file.definition)) {
      if (inPackage.has(key(dep.kind, dep.code))) continue;
      const found = await db
        .selectFrom('model_objects')
        .select('id')
        .where('kind', '=', dep.kind)
        .where('code', '=', dep.code.normalize('NFC'))
        .executeTakeFirst();
      if (!found)
        throw new AppError('PACKAGE_DEPENDENCY_MISSING', { params: { kind: dep.kind, code: dep.code } });
    }
    const existing =
      (await db
        .selectFrom('model_objects')
        .selectAll()
        .where('kind', '=', file.kind)
        .where('code', '=', file.code.normalize('NFC'))
        .executeTakeFirst()) ?? null;
    if (!existing) {
      planned.push({ file, codec, existing, outcome: 'added', diff: [], conflict: null });
      continue;
    }
    const conflict =
      existing.origin !== origin
        ? `origin: ${existing.origin} ≠ ${origin}`
        : ((await codec.conflict?.(db, existing.id, file.definition)) ?? null);
    if (conflict) {
      planned.push({ file, codec, existing, outcome: 'conflict', diff: [], conflict });
      continue;
    }
    const diff = [...factsDiff(existing, file), ...(await codec.diff(db, existing.id, file.definition))];
    planned.push({
      file,
      codec,
      existing,
      outcome: diff.length ? 'changed' : 'unchanged',
      diff,
      conflict: null,
    });
  }
  return planned;
}
