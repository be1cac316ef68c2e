import { useI18n } from '../i18n/index.js';
import type { Language } from '../i18n/index.js';

export interface Release {
  id: string;
  version: string;
  releasedOn: string;
  changes: { category: 'feature' | 'fix' | 'security'; ja: string; en: string }[];
  publishedAt: string;
}

const BADGE = { feature: 'badge-blue', fix: 'badge-green', security: 'badge-red' } as const;

/** One release's changes in the reader's language, each with its category. */
export function ReleaseChanges({ release, lang }: { release: Release; lang: Language }) {
  const { t } = useI18n();
  return (
    <ul className="release-changes" data-testid={`release-${release.version}`}>
      {release.changes.map((c, i) => (
        <li key={i}>
          <span className={`badge ${BADGE[c.category]}`}>{t(`ops.category.${c.category}`)}</span> {c[lang]}
        </li>
      ))}
    </ul>
  );
}
