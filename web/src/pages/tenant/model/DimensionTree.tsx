import { useState } from 'react';
import type { DimensionDetail, ElementView } from '../../../api/model.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { Field } from '../../../components/Field.js';
import { useI18n } from '../../../i18n/index.js';
import type { Submit } from '../../../lib/useSubmit.js';
import { SenseBadge, SenseField } from './SenseField.js';

export type Change = Record<string, unknown> & { op: string };

interface TreeProps {
  detail: DimensionDetail;
  submit: Submit;
  /** Sends changes (all or nothing); resolves when the dimension has been reloaded. */
  apply: (changes: Change[]) => Promise<void>;
  /** Asks to delete an element (the page confirms and calls the API). */
  onDelete?: (e: ElementView) => void;
}

interface Open {
  key: string;
  mode: 'edit' | 'add';
}

/** The hierarchy as an indented tree; an element under several parents appears under each. */
export function DimensionTree({ detail, submit, apply, onDelete }: TreeProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState<Open>();
  const byCode = new Map(detail.elements.map((e) => [e.code, e]));
  const rows: { e: ElementView; parent: string | null; weight: number; depth: number; key: string }[] = [];
  const walk = (code: string, parent: string | null, weight: number, depth: number, path: string) => {
    const e = byCode.get(code);
    if (!e) return;
    const key = `${path}/${code}`;
    rows.push({ e, parent, weight, depth, key });
    for (const c of e.children) walk(c.code, code, c.weight, depth + 1, key);
  };
  for (const r of detail.roots) walk(r, null, 1, 0, '');
  const run = (changes: Change[]) =>
    submit.handle(async () => {
      await apply(changes);
      setOpen(undefined);
    });

  return (
    <div data-testid="dimension-tree">
      {submit.error !== undefined && <ErrorAlert error={submit.error} />}
      {rows.length === 0 && <p data-testid="tree-empty">{t('model.dimension.empty')}</p>}
      <ul className="tree" role="tree" aria-label={t('model.dimension.hierarchy')}>
        {rows.map(({ e, parent, weight, depth, key }) => {
          const others = e.parents.filter((p) => p.code !== parent).map((p) => p.code);
          const isOpen = open?.key === key;
          return (
            <li
              key={key}
              role="treeitem"
              aria-level={depth + 1}
              data-testid={`node-${e.code}`}
              data-parent={parent ?? ''}
            >
              <div className="tree-row" style={{ paddingLeft: `${depth * 1.5}rem` }}>
                <span className="tree-name" data-testid={`name-${e.code}`}>
                  {e.name.ja} / {e.name.en}
                </span>{' '}
                <code>{e.code}</code>
                <SenseBadge e={e} />
                {parent !== null && weight !== 1 && (
                  <span className="badge" data-testid={`weight-${e.code}`}>
                    ×{weight}
                  </span>
                )}
                {others.length > 0 && (
                  <span className="tree-note">
                    {' '}
                    {t('model.dimension.alsoUnder', { parents: others.join(', ') })}
                  </span>
                )}
                <span className="button-row tree-actions">
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setOpen({ key, mode: 'edit' })}
                    data-testid={`edit-${e.code}`}
                  >
                    {t('model.dimension.edit')}
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setOpen({ key, mode: 'add' })}
                    data-testid={`add-child-${e.code}`}
                  >
                    {t('model.dimension.addChild')}
                  </button>
                  {(['up', 'down'] as const).map((direction) => (
                    <button
                      key={direction}
                      type="button"
                      className="button button-small"
                      aria-label={`${t(`model.dimension.${direction}`)}: ${e.code}`}
                      disabled={submit.busy}
                      onClick={run([{ op: 'order', code: e.code, parent, direction }])}
                      data-testid={`${direction}-${e.code}`}
                    >
                      {direction === 'up' ? '↑' : '↓'}
                    </button>
                  ))}
                  {onDelete && (
                    <button
                      type="button"
                      className="button button-small button-danger-outline"
                      aria-label={`${t('dimio.delete')}: ${e.code}`}
                      disabled={submit.busy}
                      onClick={() => onDelete(e)}
                      data-testid={`delete-${e.code}`}
                    >
                      {t('dimio.delete')}
                    </button>
                  )}
                </span>
              </div>
              {isOpen && open.mode === 'edit' && (
                <EditForm
                  e={e}
                  parent={parent}
                  weight={weight}
                  detail={detail}
                  busy={submit.busy}
                  onSave={run}
                  onCancel={() => setOpen(undefined)}
                />
              )}
              {isOpen && open.mode === 'add' && (
                <AddForm
                  parent={e.code}
                  busy={submit.busy}
                  onSave={run}
                  onCancel={() => setOpen(undefined)}
                />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

type OnSave = (changes: Change[]) => (event: React.FormEvent) => void;

function EditForm(props: {
  e: ElementView;
  parent: string | null;
  weight: number;
  detail: DimensionDetail;
  busy: boolean;
  onSave: OnSave;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const { e, parent } = props;
  const [nameJa, setNameJa] = useState(e.name.ja);
  const [nameEn, setNameEn] = useState(e.name.en);
  const [to, setTo] = useState(parent ?? '');
  const [weight, setWeight] = useState(String(props.weight));
  const [sense, setSense] = useState(e.sense);
  const changes: Change[] = [];
  if (nameJa !== e.name.ja || nameEn !== e.name.en)
    changes.push({ op: 'rename', code: e.code, nameJa, nameEn });
  if (sense !== e.sense) changes.push({ op: 'sense', code: e.code, sense });
  const w = Number(weight);
  if (to !== (parent ?? ''))
    changes.push({ op: 'move', code: e.code, from: parent, to: to || null, ...(to ? { weight: w } : {}) });
  else if (parent !== null && w !== props.weight)
    changes.push({ op: 'weight', parent, child: e.code, weight: weight.trim() === '' ? NaN : w });
  return (
    <form
      className="form tree-form"
      onSubmit={props.onSave(changes)}
      noValidate
      data-testid={`edit-form-${e.code}`}
    >
      <div className="form-row">
        <Field name="nameJa" label={t('model.fields.nameJa')} required>
          {(c) => (
            <input {...c} value={nameJa} onChange={(ev) => setNameJa(ev.target.value)} lang="ja" autoFocus />
          )}
        </Field>
        <Field name="nameEn" label={t('model.fields.nameEn')} required>
          {(c) => <input {...c} value={nameEn} onChange={(ev) => setNameEn(ev.target.value)} lang="en" />}
        </Field>
      </div>
      <div className="form-row">
        <Field name="parent" label={t('model.fields.parent')}>
          {(c) => (
            <select {...c} value={to} onChange={(ev) => setTo(ev.target.value)}>
              <option value="">{t('model.fields.topLevel')}</option>
              {props.detail.elements
                .filter((x) => x.code !== e.code)
                .map((x) => (
                  <option key={x.code} value={x.code}>
                    {x.code} — {x.name.ja}
                  </option>
                ))}
            </select>
          )}
        </Field>
        {(parent !== null || to !== '') && (
          <Field name="weight" label={t('model.fields.weight')} hint={t('model.fields.weightHint')}>
            {(c) => (
              <input
                {...c}
                value={weight}
                inputMode="decimal"
                onChange={(ev) => setWeight(ev.target.value)}
              />
            )}
          </Field>
        )}
        <SenseField value={sense} onChange={setSense} />
      </div>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={props.busy || changes.length === 0}
          data-testid="edit-save"
        >
          {t('model.dimension.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function AddForm(props: {
  parent: string | null;
  busy: boolean;
  onSave: OnSave;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const [v, setV] = useState({ code: '', nameJa: '', nameEn: '', weight: '1' });
  const set = (k: keyof typeof v) => (ev: { target: { value: string } }) =>
    setV({ ...v, [k]: ev.target.value });
  const change: Change = {
    op: 'add',
    code: v.code.trim(),
    nameJa: v.nameJa,
    nameEn: v.nameEn,
    ...(props.parent ? { parent: props.parent, weight: v.weight.trim() === '' ? 1 : Number(v.weight) } : {}),
  };
  const id = props.parent ?? 'top';
  return (
    <form
      className="form tree-form"
      onSubmit={props.onSave([change])}
      noValidate
      data-testid={`add-form-${id}`}
    >
      <div className="form-row">
        <Field name={`code-${id}`} label={t('model.fields.code')} hint={t('model.fields.codeHint')} required>
          {(c) => <input {...c} value={v.code} onChange={set('code')} autoFocus={props.parent !== null} />}
        </Field>
        <Field name={`nameJa-${id}`} label={t('model.fields.nameJa')} required>
          {(c) => <input {...c} value={v.nameJa} onChange={set('nameJa')} lang="ja" />}
        </Field>
        <Field name={`nameEn-${id}`} label={t('model.fields.nameEn')} required>
          {(c) => <input {...c} value={v.nameEn} onChange={set('nameEn')} lang="en" />}
        </Field>
        {props.parent && (
          <Field name={`weight-${id}`} label={t('model.fields.weight')}>
            {(c) => <input {...c} value={v.weight} inputMode="decimal" onChange={set('weight')} />}
          </Field>
        )}
      </div>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={props.busy}
          data-testid={`add-submit-${id}`}
        >
          {t('model.dimension.addSubmit')}
        </button>
        {props.onCancel && (
          <button type="button" className="button button-secondary" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
