import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../../api/client.js';
import type {
  ComputedMember,
  CubeView,
  DimensionDetail,
  FormDefinition,
  FormView,
  MemberSpec,
} from '../../../api/model.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { Field } from '../../../components/Field.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';
import type { NumberFormat } from '../../../lib/formNumbers.js';
import { ComputedMembers } from './ComputedMembers.js';
import { NumberFormatFields } from './NumberFormatFields.js';
import { TotalsPositionField, type TotalsPosition } from './TotalsPositionField.js';
import { MemberList, elementOptions, type Placement } from './FormMembers.js';

interface FixedDraft {
  element: string;
  userSelectable: boolean;
  choices: MemberSpec[];
}

interface Draft {
  cube: string;
  placement: Record<string, Placement>;
  members: Record<string, MemberSpec[]>;
  /** Variance members of a report, by axis dimension. */
  computed: Record<string, ComputedMember[]>;
  fixed: Record<string, FixedDraft>;
  type: FormDefinition['type'];
  input: FormDefinition['input'];
  readOnly: string[];
  /** The form's own number format (kept while the tenant default is chosen). */
  format: NumberFormat;
  /** False: the form has no format of its own and follows the tenant's default. */
  ownFormat: boolean;
  totals: TotalsPosition;
}

const emptyDraft: Draft = {
  cube: '',
  placement: {},
  members: {},
  computed: {},
  fixed: {},
  type: 'input',
  input: 'leaves',
  readOnly: [],
  format: { scale: 1000, decimals: 0, currency: 'JPY' },
  ownFormat: true,
  // New forms read as a 損益計算書 (details, then their total); forms saved before keep theirs.
  totals: 'below',
};

function draftOf(def: FormDefinition): Draft {
  const fixed: Record<string, FixedDraft> = {};
  for (const f of def.fixed)
    fixed[f.dimension] = { element: f.element, userSelectable: f.userSelectable, choices: f.choices ?? [] };
  return {
    cube: def.cube,
    placement: {
      [def.rows.dimension]: 'rows',
      [def.columns.dimension]: 'columns',
      ...Object.fromEntries(def.fixed.map((f) => [f.dimension, 'fixed' as const])),
    },
    members: { [def.rows.dimension]: def.rows.members, [def.columns.dimension]: def.columns.members },
    computed: {
      [def.rows.dimension]: def.rows.computed ?? [],
      [def.columns.dimension]: def.columns.computed ?? [],
    },
    fixed,
    type: def.type,
    input: def.input,
    readOnly: def.readOnly,
    format: def.format ?? emptyDraft.format,
    ownFormat: def.format !== undefined,
    totals: def.totals ?? 'above',
  };
}

/** Defaults for a newly chosen cube: first dimension on rows, second on columns, the rest fixed. */
function defaultsFor(cube: CubeView, dims: Record<string, DimensionDetail>): Partial<Draft> {
  const placement: Record<string, Placement> = {};
  const members: Record<string, MemberSpec[]> = {};
  const fixed: Record<string, FixedDraft> = {};
  cube.dimensions.forEach((d, i) => {
    const detail = dims[d.code];
    const root = detail?.roots[0] ?? detail?.elements[0]?.code ?? '';
    const firstLeaf = detail?.elements.find((e) => e.leaf)?.code ?? root;
    placement[d.code] = i === 0 ? 'rows' : i === 1 ? 'columns' : 'fixed';
    members[d.code] = [
      { element: root, select: 'self' },
      { element: root, select: 'descendants' },
    ];
    fixed[d.code] = { element: firstLeaf, userSelectable: true, choices: [] };
  });
  return { placement, members, fixed, readOnly: [] };
}

/** Org admins define a form: cube, where each dimension goes, members, input cells and number format. */
export function FormEditorPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const { apiBase, unauthorized } = useTenantSession();
  const loaded = useLoad(
    async () => ({
      cubes: (await api.get<{ items: CubeView[] }>(`${apiBase}/model/cubes`)).items,
      form: id ? await api.get<FormView>(`${apiBase}/model/forms/${encodeURIComponent(id)}`) : undefined,
    }),
    [apiBase, id],
    unauthorized,
  );
  usePageTitle(id ? t('forms.editor.editTitle') : t('forms.editor.newTitle'));
  if (loaded.loading && !loaded.data) return <Loading />;
  if (!loaded.data) return <ErrorAlert error={loaded.error} />;
  return <Editor key={id ?? 'new'} cubes={loaded.data.cubes} form={loaded.data.form} />;
}

function Editor({ cubes, form }: { cubes: CubeView[]; form: FormView | undefined }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const [meta, setMeta] = useState({ code: '', nameJa: '', nameEn: '', category: '' });
  const [draft, setDraft] = useState<Draft>(form?.definition ? draftOf(form.definition) : emptyDraft);
  const cube = cubes.find((c) => c.object.code === draft.cube);
  const dimsUrl = cube ? cube.dimensions.map((d) => d.id).join(',') : '';
  const dims = useLoad(
    async () => {
      const out: Record<string, DimensionDetail> = {};
      for (const d of cube?.dimensions ?? [])
        out[d.code] = await api.get<DimensionDetail>(
          `${apiBase}/model/dimensions/${encodeURIComponent(d.id)}`,
        );
      return out;
    },
    [dimsUrl],
    unauthorized,
  );
  const [localError, setLocalError] = useState<string>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>();
  const onDelete = () => {
    if (!form) return;
    setDeleting(true);
    api.delete(`${apiBase}/model/forms/${encodeURIComponent(form.object.id)}`).then(
      () => void navigate(`/t/${slug}/forms`),
      (error: unknown) => {
        setDeleting(false);
        if (error instanceof ApiError && error.status === 401) unauthorized();
        else setDeleteError(error);
      },
    );
  };
  const update = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const chooseCube = async (code: string) => {
    const c = cubes.find((x) => x.object.code === code);
    if (!c) return update({ cube: '' });
    const details: Record<string, DimensionDetail> = {};
    for (const d of c.dimensions)
      details[d.code] = await api.get<DimensionDetail>(
        `${apiBase}/model/dimensions/${encodeURIComponent(d.id)}`,
      );
    setDraft((d) => ({ ...d, cube: code, ...defaultsFor(c, details) }));
  };

  const build = (): FormDefinition | undefined => {
    if (!cube) return (setLocalError(t('forms.editor.needCube')), undefined);
    const on = (p: Placement) => cube.dimensions.filter((d) => (draft.placement[d.code] ?? 'fixed') === p);
    const rows = on('rows');
    const columns = on('columns');
    if (rows.length !== 1 || columns.length !== 1)
      return (setLocalError(t('forms.editor.needAxes')), undefined);
    const r = rows[0]!.code;
    const c = columns[0]!.code;
    const axis = (d: string) => {
      const computed = draft.type === 'report' ? (draft.computed[d] ?? []) : [];
      return { dimension: d, members: draft.members[d] ?? [], ...(computed.length ? { computed } : {}) };
    };
    return {
      cube: cube.object.code,
      type: draft.type,
      rows: axis(r),
      columns: axis(c),
      fixed: on('fixed').map((d) => {
        const f = draft.fixed[d.code] ?? { element: '', userSelectable: false, choices: [] };
        return {
          dimension: d.code,
          element: f.element,
          userSelectable: f.userSelectable,
          ...(f.userSelectable && f.choices.length ? { choices: f.choices } : {}),
        };
      }),
      input: draft.type === 'report' ? 'none' : draft.input,
      // Only elements of the row and column dimensions (the placement may have changed).
      readOnly: dims.data
        ? draft.readOnly.filter((code) =>
            [r, c].some((d) => dims.data?.[d]?.elements.some((e) => e.code === code)),
          )
        : draft.readOnly,
      ...(draft.ownFormat ? { format: draft.format } : {}),
      ...(draft.totals === 'below' ? { totals: 'below' as const } : {}),
    };
  };

  const onSubmit = submit.handle(async () => {
    setLocalError(undefined);
    const definition = build();
    if (!definition) return;
    const saved = form
      ? await api.put<FormView>(`${apiBase}/model/forms/${encodeURIComponent(form.object.id)}`, {
          definition,
        })
      : await api.post<FormView>(`${apiBase}/model/forms`, { ...meta, code: meta.code.trim(), definition });
    void navigate(`/t/${slug}/forms/${encodeURIComponent(saved.object.id)}`);
  });
  const issues = submit.error instanceof ApiError ? submit.error.issues : [];
  const setMetaField = (k: keyof typeof meta) => (e: { target: { value: string } }) =>
    setMeta({ ...meta, [k]: e.target.value });
  const axisDims = cube?.dimensions.filter((d) => draft.placement[d.code] !== 'fixed') ?? [];

  return (
    <div className="page">
      <p>
        <Link to={`/t/${slug}/forms`}>{t('forms.back')}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1 className="page-title" data-testid="form-editor-title">
            {form ? form.object.name[lang] : t('forms.editor.newTitle')}{' '}
            <HelpLink page="model-forms" topic={t('forms.title')} />
          </h1>
          <p className="page-lead">{t('forms.editor.lead')}</p>
        </div>
      </div>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="form-editor">
        {submit.error !== undefined && (
          <ErrorAlert error={submit.error}>
            {issues.length > 0 && (
              <ul data-testid="form-issues">
                {issues.map((i) => (
                  <li key={`${i.path}-${i.code}`}>
                    <code>{i.path}</code> {i.message}
                  </li>
                ))}
              </ul>
            )}
          </ErrorAlert>
        )}
        {localError && <Alert tone="error" title={localError} testId="form-local-error" />}
        {!form && (
          <section className="card card-padded">
            <div className="form-row">
              <Field
                name="code"
                label={t('model.fields.code')}
                hint={t('model.fields.codeHint')}
                error={submit.fieldErrors['code']}
                required
              >
                {(c) => <input {...c} value={meta.code} onChange={setMetaField('code')} autoFocus />}
              </Field>
              <Field name="category" label={t('model.fields.category')}>
                {(c) => <input {...c} value={meta.category} onChange={setMetaField('category')} />}
              </Field>
            </div>
            <div className="form-row">
              <Field
                name="nameJa"
                label={t('model.fields.nameJa')}
                error={submit.fieldErrors['nameJa']}
                required
              >
                {(c) => <input {...c} value={meta.nameJa} onChange={setMetaField('nameJa')} lang="ja" />}
              </Field>
              <Field
                name="nameEn"
                label={t('model.fields.nameEn')}
                error={submit.fieldErrors['nameEn']}
                required
              >
                {(c) => <input {...c} value={meta.nameEn} onChange={setMetaField('nameEn')} lang="en" />}
              </Field>
            </div>
          </section>
        )}
        <section className="card card-padded">
          <h2 className="section-title">{t('forms.editor.layout')}</h2>
          <Field name="cube" label={t('forms.editor.cube')} required>
            {(c) => (
              <select {...c} value={draft.cube} onChange={(e) => void chooseCube(e.target.value)}>
                <option value="">{t('forms.editor.chooseCube')}</option>
                {cubes.map((x) => (
                  <option key={x.object.id} value={x.object.code}>
                    {x.object.name[lang]} ({x.object.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
          {cube && !dims.data && <Loading />}
          {cube &&
            dims.data &&
            cube.dimensions.map((d) => {
              const detail = dims.data?.[d.code];
              if (!detail) return null;
              const place = draft.placement[d.code] ?? 'fixed';
              const f = draft.fixed[d.code] ?? { element: '', userSelectable: false, choices: [] };
              const setFixed = (patch: Partial<FixedDraft>) =>
                update({ fixed: { ...draft.fixed, [d.code]: { ...f, ...patch } } });
              return (
                <fieldset className="fieldset" key={d.code} data-testid={`dim-${d.code}`}>
                  <legend>
                    {d.name[lang]} <code>{d.code}</code>
                  </legend>
                  <Field name={`place-${d.code}`} label={t('forms.editor.placement')}>
                    {(c) => (
                      <select
                        {...c}
                        value={place}
                        onChange={(e) =>
                          update({ placement: { ...draft.placement, [d.code]: e.target.value as Placement } })
                        }
                      >
                        {(['rows', 'columns', 'fixed'] as const).map((p) => (
                          <option key={p} value={p}>
                            {t(`forms.editor.place.${p}`)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  {place !== 'fixed' ? (
                    <MemberList
                      id={d.code}
                      dim={detail}
                      members={draft.members[d.code] ?? []}
                      onChange={(m) => update({ members: { ...draft.members, [d.code]: m } })}
                    />
                  ) : (
                    <>
                      <div className="form-row">
                        <Field name={`fixed-element-${d.code}`} label={t('forms.editor.fixedElement')}>
                          {(c) => (
                            <select
                              {...c}
                              value={f.element}
                              onChange={(e) => setFixed({ element: e.target.value })}
                            >
                              {elementOptions(detail, lang)}
                            </select>
                          )}
                        </Field>
                        <label className="check" data-testid={`fixed-selectable-${d.code}`}>
                          <input
                            type="checkbox"
                            checked={f.userSelectable}
                            onChange={(e) => setFixed({ userSelectable: e.target.checked })}
                          />
                          <span>{t('forms.editor.userSelectable')}</span>
                        </label>
                      </div>
                      {f.userSelectable && (
                        <>
                          <p className="field-hint">{t('forms.editor.choicesHint')}</p>
                          <MemberList
                            id={`choices-${d.code}`}
                            dim={detail}
                            members={f.choices}
                            allowEmpty
                            onChange={(m) => setFixed({ choices: m })}
                          />
                        </>
                      )}
                    </>
                  )}
                </fieldset>
              );
            })}
        </section>
        <section className="card card-padded">
          <h2 className="section-title">{t('forms.editor.cells')}</h2>
          <div className="form-row">
            <Field name="type" label={t('forms.editor.typeLabel')}>
              {(c) => (
                <select
                  {...c}
                  value={draft.type}
                  onChange={(e) => update({ type: e.target.value as Draft['type'] })}
                >
                  <option value="input">{t('forms.type.input')}</option>
                  <option value="report">{t('forms.type.report')}</option>
                </select>
              )}
            </Field>
            {draft.type === 'input' && (
              <Field name="input" label={t('forms.editor.inputLabel')}>
                {(c) => (
                  <select
                    {...c}
                    value={draft.input}
                    onChange={(e) => update({ input: e.target.value as Draft['input'] })}
                  >
                    {(['leaves', 'all', 'none'] as const).map((v) => (
                      <option key={v} value={v}>
                        {t(`forms.editor.input.${v}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
          </div>
          {draft.type === 'report' && axisDims.length > 0 && dims.data && (
            <fieldset className="fieldset" data-testid="computed-members">
              <legend>{t('reports.editor.title')}</legend>
              <p className="field-hint">{t('reports.editor.hint')}</p>
              {axisDims.map((d) => {
                const detail = dims.data?.[d.code];
                if (!detail) return null;
                return (
                  <div key={d.code}>
                    <h3 className="field-label">
                      {t(`forms.editor.place.${draft.placement[d.code] ?? 'rows'}`)}: {d.name[lang]}
                    </h3>
                    <ComputedMembers
                      dim={detail}
                      members={draft.computed[d.code] ?? []}
                      onChange={(m) => update({ computed: { ...draft.computed, [d.code]: m } })}
                    />
                  </div>
                );
              })}
            </fieldset>
          )}
          {draft.type === 'input' && axisDims.length > 0 && (
            <Field name="readOnly" label={t('forms.editor.readOnly')} hint={t('forms.editor.readOnlyHint')}>
              {(c) => (
                <select
                  {...c}
                  multiple
                  size={8}
                  value={draft.readOnly}
                  onChange={(e) => update({ readOnly: [...e.target.selectedOptions].map((o) => o.value) })}
                >
                  {axisDims.map((d) =>
                    dims.data?.[d.code] ? (
                      <optgroup key={d.code} label={d.name[lang]}>
                        {elementOptions(dims.data[d.code]!, lang)}
                      </optgroup>
                    ) : null,
                  )}
                </select>
              )}
            </Field>
          )}
          <TotalsPositionField value={draft.totals} onChange={(totals) => update({ totals })} />
          <Field name="formatSource" label={t('numfmt.source')} hint={t('numfmt.sourceHint')}>
            {(c) => (
              <select
                {...c}
                value={draft.ownFormat ? 'own' : 'tenant'}
                onChange={(e) => update({ ownFormat: e.target.value === 'own' })}
              >
                <option value="own">{t('numfmt.sourceOwn')}</option>
                <option value="tenant">{t('numfmt.sourceTenant')}</option>
              </select>
            )}
          </Field>
          {draft.ownFormat && (
            <NumberFormatFields value={draft.format} onChange={(format) => update({ format })} />
          )}
        </section>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="form-save-definition"
          >
            {submit.busy ? t('common.saving') : t('forms.editor.save')}
          </button>
          {form && (
            <button
              type="button"
              className="button button-danger-outline"
              onClick={() => setConfirmDelete(true)}
              data-testid="form-delete"
            >
              {t('forms.editor.delete')}
            </button>
          )}
        </div>
      </form>
      {form && (
        <ConfirmDialog
          open={confirmDelete}
          danger
          busy={deleting}
          title={t('forms.editor.deleteTitle', { name: form.object.name[lang] })}
          confirmLabel={t('forms.editor.delete')}
          onConfirm={onDelete}
          onCancel={() => setConfirmDelete(false)}
        >
          <p>{t('forms.editor.deleteBody')}</p>
          {deleteError !== undefined && <ErrorAlert error={deleteError} />}
        </ConfirmDialog>
      )}
    </div>
  );
}
