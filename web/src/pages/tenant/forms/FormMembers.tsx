import type { ReactNode } from 'react';
import type { DimensionDetail, MemberSelect, MemberSpec } from '../../../api/model.js';
import { useI18n, type Language } from '../../../i18n/index.js';

export type Placement = 'rows' | 'columns' | 'fixed';

const SELECTS: readonly MemberSelect[] = ['self', 'children', 'leaves', 'descendants'];

/** The dimension's elements in hierarchy order (parents before children), indented in the list. */
export function elementOptions(dim: DimensionDetail, lang: Language): ReactNode[] {
  const byCode = new Map(dim.elements.map((e) => [e.code, e]));
  const out: ReactNode[] = [];
  const seen = new Set<string>();
  const visit = (code: string, depth: number) => {
    const e = byCode.get(code);
    if (!e || seen.has(code)) return;
    seen.add(code);
    out.push(
      <option key={code} value={code}>
        {'\u3000'.repeat(depth)}
        {e.name[lang]} ({code})
      </option>,
    );
    for (const c of e.children) visit(c.code, depth + 1);
  };
  for (const r of dim.roots) visit(r, 0);
  for (const e of dim.elements) visit(e.code, 0);
  return out;
}

/** The members of an axis (or a fixed dimension's choices): element + which elements around it. */
export function MemberList({
  id,
  dim,
  members,
  onChange,
  allowEmpty = false,
}: {
  id: string;
  dim: DimensionDetail;
  members: MemberSpec[];
  onChange: (members: MemberSpec[]) => void;
  allowEmpty?: boolean;
}) {
  const { t, lang } = useI18n();
  const set = (i: number, patch: Partial<MemberSpec>) =>
    onChange(members.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const first = dim.roots[0] ?? dim.elements[0]?.code ?? '';
  return (
    <div className="form-members" data-testid={`members-${id}`}>
      {members.length === 0 && allowEmpty && <p className="muted small">{t('forms.editor.allElements')}</p>}
      {members.map((m, i) => (
        <div className="inline-form-row" key={i} data-testid={`member-${id}-${i}`}>
          <select
            aria-label={t('forms.editor.memberElement')}
            value={m.element}
            onChange={(e) => set(i, { element: e.target.value })}
            data-testid={`member-element-${id}-${i}`}
          >
            {elementOptions(dim, lang)}
          </select>
          <select
            aria-label={t('forms.editor.memberSelect')}
            value={m.select}
            onChange={(e) => set(i, { select: e.target.value as MemberSelect })}
            data-testid={`member-select-${id}-${i}`}
          >
            {SELECTS.map((s) => (
              <option key={s} value={s}>
                {t(`forms.editor.select.${s}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-ghost button-small"
            disabled={!allowEmpty && members.length === 1}
            onClick={() => onChange(members.filter((_, j) => j !== i))}
            data-testid={`member-remove-${id}-${i}`}
          >
            {t('forms.editor.removeMember')}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => onChange([...members, { element: first, select: 'self' }])}
        data-testid={`member-add-${id}`}
      >
        {t('forms.editor.addMember')}
      </button>
    </div>
  );
}
