import { useState } from 'react';
import { api } from '../../../api/client.js';
import type { GroupView } from '../../../api/identity.js';
import type { CubeView, DimensionDetail } from '../../../api/model.js';
import type { WorkflowView } from '../../../api/workflow.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { Field } from '../../../components/Field.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useLoad } from '../../../lib/useLoad.js';
import { useSubmit } from '../../../lib/useSubmit.js';
import { treeOrder } from '../model/CubeDetail.js';

/**
 * Org admins set up a portal's workflow: the cube, the dimension whose elements are the units
 * (usually Department), which of its elements take part and who approves each, and the slice
 * the workflow covers (e.g. Scenario = Budget).
 */
export function WorkflowSetup({ portalId, onSaved }: { portalId: string; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { apiBase, unauthorized } = useTenantSession();
  const url = `${apiBase}/workflow/portals/${encodeURIComponent(portalId)}`;
  const current = useLoad(() => api.get<{ workflow: WorkflowView | null }>(url), [url], unauthorized);
  const cubes = useLoad(
    () => api.get<{ items: CubeView[] }>(`${apiBase}/model/cubes`),
    [apiBase],
    unauthorized,
  );
  const groups = useLoad(
    () => api.get<{ items: GroupView[] }>(`${apiBase}/admin/groups`),
    [apiBase],
    unauthorized,
  );
  const [cubeId, setCubeId] = useState<string>();
  const wf = current.data?.workflow;
  const chosenCube = cubeId ?? wf?.cube.id ?? cubes.data?.items[0]?.object.id ?? '';
  const cube = cubes.data?.items.find((c) => c.object.id === chosenCube);
  const dimIds = cube?.dimensions.map((d) => d.id).join(',') ?? '';
  const dims = useLoad(
    async () =>
      dimIds === ''
        ? []
        : Promise.all(
            dimIds
              .split(',')
              .map((d) => api.get<DimensionDetail>(`${apiBase}/model/dimensions/${encodeURIComponent(d)}`)),
          ),
    [apiBase, dimIds],
    unauthorized,
  );
  const [dimension, setDimension] = useState<string>();
  const chosenDim =
    dimension ??
    (wf && wf.cube.id === chosenCube ? wf.dimension : undefined) ??
    dims.data?.find((d) => d.object.code === 'Department')?.object.code ??
    dims.data?.[0]?.object.code ??
    '';
  const dim = dims.data?.find((d) => d.object.code === chosenDim);
  const [units, setUnits] = useState<Record<string, string | null>>();
  const currentUnits =
    units ??
    Object.fromEntries(
      wf && wf.cube.id === chosenCube && wf.dimension === chosenDim
        ? wf.units.map((u) => [u.element, u.approverGroup?.id ?? null])
        : [],
    );
  const [slice, setSlice] = useState<Record<string, string>>();
  const currentSlice =
    slice ??
    Object.fromEntries(
      wf && wf.cube.id === chosenCube ? Object.entries(wf.slice).map(([k, v]) => [k, v[0] ?? '']) : [],
    );
  const submit = useSubmit(unauthorized);
  const [saved, setSaved] = useState(false);
  const onSave = submit.handle(async () => {
    setSaved(false);
    await api.put(url, {
      cubeId: chosenCube,
      dimension: chosenDim,
      slice: Object.fromEntries(
        Object.entries(currentSlice)
          .filter(([k, v]) => v !== '' && k !== chosenDim)
          .map(([k, v]) => [k, [v]]),
      ),
      units: Object.entries(currentUnits).map(([element, approverGroupId]) => ({ element, approverGroupId })),
    });
    setSaved(true);
    onSaved();
  });
  const nameOf = (d: DimensionDetail, code: string) =>
    d.elements.find((e) => e.code === code)?.name[lang] ?? code;
  return (
    <section className="card card-padded" aria-labelledby="wf-setup-title">
      <h2 id="wf-setup-title" className="section-title">
        {t('workflow.setup')}
      </h2>
      {saved && <Alert tone="success" title={t('workflow.saved')} testId="wf-saved" />}
      <form className="form" onSubmit={onSave} noValidate data-testid="wf-setup-form">
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <div className="form-row">
          <Field name="wfCube" label={t('workflow.cube')}>
            {(c) => (
              <select
                {...c}
                value={chosenCube}
                onChange={(e) => {
                  setCubeId(e.target.value);
                  setDimension(undefined);
                  setUnits({});
                  setSlice({});
                }}
              >
                {cubes.data?.items.map((x) => (
                  <option key={x.object.id} value={x.object.id}>
                    {x.object.name[lang]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="wfDimension" label={t('workflow.unitDimension')}>
            {(c) => (
              <select
                {...c}
                value={chosenDim}
                onChange={(e) => {
                  setDimension(e.target.value);
                  setUnits({});
                }}
              >
                {dims.data?.map((d) => (
                  <option key={d.object.id} value={d.object.code}>
                    {d.object.name[lang]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {dim && (
          <fieldset className="fieldset">
            <legend>{t('workflow.units')}</legend>
            {treeOrder(dim).map((e) => {
              const on = e.code in currentUnits;
              return (
                <div key={e.code} className="form-row" data-testid={`wf-setup-unit-${e.code}`}>
                  <label className="check check-block">
                    <input
                      type="checkbox"
                      checked={on}
                      onChange={() => {
                        const next = { ...currentUnits };
                        if (on) delete next[e.code];
                        else next[e.code] = null;
                        setUnits(next);
                      }}
                    />{' '}
                    {'\u3000'.repeat(e.depth)}
                    {nameOf(dim, e.code)}
                  </label>
                  {on && (
                    <select
                      aria-label={t('workflow.approvers')}
                      value={currentUnits[e.code] ?? ''}
                      onChange={(ev) => setUnits({ ...currentUnits, [e.code]: ev.target.value || null })}
                    >
                      <option value="">{t('workflow.orgAdmins')}</option>
                      {groups.data?.items.map((g) => (
                        <option key={g.id} value={g.id}>
                          {g.name}
                        </option>
                      ))}
                    </select>
                  )}
                </div>
              );
            })}
          </fieldset>
        )}
        <div className="form-row">
          {dims.data
            ?.filter((d) => d.object.code !== chosenDim)
            .map((d) => (
              <Field key={d.object.id} name={`wfSlice-${d.object.code}`} label={d.object.name[lang]}>
                {(c) => (
                  <select
                    {...c}
                    value={currentSlice[d.object.code] ?? ''}
                    onChange={(e) => setSlice({ ...currentSlice, [d.object.code]: e.target.value })}
                  >
                    <option value="">{t('workflow.allElements')}</option>
                    {treeOrder(d).map((e) => (
                      <option key={e.code} value={e.code}>
                        {'\u3000'.repeat(e.depth)}
                        {nameOf(d, e.code)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ))}
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="wf-setup-save"
          >
            {t('workflow.saveSetup')}
          </button>
        </div>
      </form>
    </section>
  );
}
