import type { ReactNode } from 'react';
import type { ComputedMember, DimensionDetail } from '../../../api/model.js';
import { useI18n } from '../../../i18n/index.js';
import { elementOptions } from './FormMembers.js';

const KINDS: readonly ComputedMember['kind'][] = ['difference', 'ratio'];

/** A first suggestion: "% of the second element against the first", with a code not yet taken. */
function suggestion(dim: DimensionDetail, taken: readonly ComputedMember[]): ComputedMember {
  const base = dim.elements[0]?.code ?? '';
  const of = dim.elements[1]?.code ?? base;
  const used = new Set([...dim.elements.map((e) => e.code), ...taken.map((m) => m.code)]);
  let code = 'VARIANCE_PCT';
  for (let n = 2; used.has(code); n++) code = `VARIANCE_PCT_${n}`;
  return { code, name: { ja: '差異率', en: 'Variance %' }, kind: 'ratio', of, base };
}

/**
 * The variance members of a report's row or column axis (form editor): kind, A and B among the
 * dimension's elements, code and names. The server checks them again (codes, elements).
 */
export function ComputedMembers({
  dim,
  members,
  onChange,
}: {
  dim: DimensionDetail;
  members: ComputedMember[];
  onChange: (members: ComputedMember[]) => void;
}) {
  const { t, lang } = useI18n();
  const id = dim.object.code;
  const set = (i: number, patch: Partial<ComputedMember>) =>
    onChange(members.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <div className="computed-editor" data-testid={`computed-${id}`}>
      {members.length === 0 && <p className="muted small">{t('reports.editor.none')}</p>}
      {members.map((m, i) => {
        const tid = `computed-${id}-${i}`;
        const labelled = (key: string, label: string, control: ReactNode) => (
          <label className="computed-editor-field" key={key}>
            <span className="field-label">{label}</span>
            {control}
          </label>
        );
        return (
          <div className="computed-editor-member" key={i} data-testid={tid}>
            {labelled(
              'kind',
              t('reports.editor.kind'),
              <select
                value={m.kind}
                onChange={(e) => set(i, { kind: e.target.value as ComputedMember['kind'] })}
                data-testid={`${tid}-kind`}
              >
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`reports.editor.kinds.${k}`)}
                  </option>
                ))}
              </select>,
            )}
            {labelled(
              'of',
              t('reports.editor.of'),
              <select value={m.of} onChange={(e) => set(i, { of: e.target.value })} data-testid={`${tid}-of`}>
                {elementOptions(dim, lang)}
              </select>,
            )}
            {labelled(
              'base',
              t('reports.editor.base'),
              <select
                value={m.base}
                onChange={(e) => set(i, { base: e.target.value })}
                data-testid={`${tid}-base`}
              >
                {elementOptions(dim, lang)}
              </select>,
            )}
            {labelled(
              'code',
              t('reports.editor.code'),
              <input
                value={m.code}
                onChange={(e) => set(i, { code: e.target.value })}
                data-testid={`${tid}-code`}
              />,
            )}
            {labelled(
              'ja',
              t('reports.editor.nameJa'),
              <input
                lang="ja"
                value={m.name.ja}
                onChange={(e) => set(i, { name: { ...m.name, ja: e.target.value } })}
                data-testid={`${tid}-name-ja`}
              />,
            )}
            {labelled(
              'en',
              t('reports.editor.nameEn'),
              <input
                lang="en"
                value={m.name.en}
                onChange={(e) => set(i, { name: { ...m.name, en: e.target.value } })}
                data-testid={`${tid}-name-en`}
              />,
            )}
            <div className="computed-editor-actions">
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={() => onChange(members.filter((_, j) => j !== i))}
                data-testid={`${tid}-remove`}
              >
                {t('reports.editor.remove')}
              </button>
            </div>
          </div>
        );
      })}
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => onChange([...members, suggestion(dim, members)])}
        data-testid={`computed-add-${id}`}
      >
        {t('reports.editor.add')}
      </button>
    </div>
  );
}
