import { useState } from 'react';
import { api } from '../../../api/client.js';
import type { DimensionDetail } from '../../../api/model.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { Field } from '../../../components/Field.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { useSubmit } from '../../../lib/useSubmit.js';
import { treeOrder } from './CubeDetail.js';

interface LockView {
  dimension: string;
  element: string;
  note: string;
  lockedBy: string | null;
  lockedAt: string;
}

function ElementSelect({
  dim,
  value,
  onChange,
  leavesOnly,
  testId,
}: {
  dim: DimensionDetail | undefined;
  value: string;
  onChange: (v: string) => void;
  leavesOnly?: boolean;
  testId: string;
}) {
  const { lang } = useI18n();
  const names = new Map(dim?.elements.map((e) => [e.code, e.name[lang]]));
  const items = dim ? treeOrder(dim).filter((e) => !leavesOnly || e.leaf) : [];
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      {items.map((e) => (
        <option key={e.code} value={e.code}>
          {leavesOnly ? '' : '\u3000'.repeat(e.depth)}
          {names.get(e.code) ?? e.code}
        </option>
      ))}
    </select>
  );
}

/** Locked slices of a cube: list, lock (org admins), unlock. */
export function CubeLocks({ cubeId, dims }: { cubeId: string; dims: DimensionDetail[] }) {
  const { t, lang } = useI18n();
  const { apiBase, unauthorized } = useTenantSession();
  const url = `${apiBase}/model/cubes/${encodeURIComponent(cubeId)}/locks`;
  const locks = useLoad(() => api.get<{ items: LockView[] }>(url), [url], unauthorized);
  const submit = useSubmit(unauthorized);
  const period = dims.find((d) => d.object.code === 'Period') ?? dims[0];
  const [dimension, setDimension] = useState(period?.object.code ?? '');
  const dim = dims.find((d) => d.object.code === dimension);
  const [element, setElement] = useState('');
  const [note, setNote] = useState('');
  const chosen = element || (dim ? (treeOrder(dim)[0]?.code ?? '') : '');
  const nameOf = (d: string, e: string) =>
    dims.find((x) => x.object.code === d)?.elements.find((x) => x.code === e)?.name[lang] ?? e;
  const onLock = submit.handle(async () => {
    await api.post(url, { dimension, element: chosen, note });
    setNote('');
    locks.reload();
  });
  const unlock = (l: LockView) =>
    submit.handle(async () => {
      await api.delete(`${url}/${encodeURIComponent(l.dimension)}/${encodeURIComponent(l.element)}`);
      locks.reload();
    });
  return (
    <section className="card card-padded" aria-labelledby="locks-title">
      <h2 id="locks-title" className="section-title">
        {t('cubeTools.locks')} <HelpLink page="versions-locks" topic={t('cubeTools.locks')} />
      </h2>
      <p className="muted">{t('cubeTools.locksLead')}</p>
      {submit.error !== undefined && <ErrorAlert error={submit.error} />}
      {locks.error !== undefined && <ErrorAlert error={locks.error} />}
      {locks.data?.items.length === 0 ? (
        <p data-testid="locks-empty">{t('cubeTools.noLocks')}</p>
      ) : (
        <ul className="row-list" data-testid="locks-list">
          {locks.data?.items.map((l) => (
            <li key={`${l.dimension}/${l.element}`} data-testid={`lock-${l.dimension}-${l.element}`}>
              {nameOf(l.dimension, l.element)} <code>{l.element}</code> —{' '}
              {t('cubeTools.lockedBy', { by: l.lockedBy ?? '—', at: formatDateTime(l.lockedAt) })}
              {l.note && <> · {l.note}</>}{' '}
              <button
                type="button"
                className="button button-small"
                onClick={unlock(l)}
                data-testid={`unlock-${l.dimension}-${l.element}`}
              >
                {t('cubeTools.unlock')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="form" onSubmit={onLock} noValidate data-testid="lock-form">
        <div className="form-row">
          <Field name="lockDimension" label={t('cubeTools.dimension')}>
            {(c) => (
              <select
                {...c}
                value={dimension}
                onChange={(e) => {
                  setDimension(e.target.value);
                  setElement('');
                }}
              >
                {dims.map((d) => (
                  <option key={d.object.id} value={d.object.code}>
                    {d.object.name[lang]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="lockElement" label={t('cubeTools.element')}>
            {() => <ElementSelect dim={dim} value={chosen} onChange={setElement} testId="lock-element" />}
          </Field>
          <Field name="lockNote" label={t('cubeTools.note')}>
            {(c) => <input {...c} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="lock-submit"
          >
            {t('cubeTools.lock')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Copies a scenario/version slice to another (e.g. Forecast from Budget), optionally within one element. */
export function CubeCopy({
  cubeId,
  dims,
  onCopied,
}: {
  cubeId: string;
  dims: DimensionDetail[];
  onCopied: () => void;
}) {
  const { t, lang } = useI18n();
  const { unauthorized, apiBase } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const scenario = dims.find((d) => d.object.code === 'Scenario') ?? dims[0];
  const [dimension, setDimension] = useState(scenario?.object.code ?? '');
  const dim = dims.find((d) => d.object.code === dimension);
  const leaves = dim ? treeOrder(dim).filter((e) => e.leaf) : [];
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [filterDim, setFilterDim] = useState('');
  const [filterEl, setFilterEl] = useState('');
  const fdim = dims.find((d) => d.object.code === filterDim);
  const fEl = filterEl || (fdim ? (treeOrder(fdim)[0]?.code ?? '') : '');
  const [done, setDone] = useState<number>();
  const f = from || leaves[0]?.code || '';
  const tt = to || leaves[1]?.code || '';
  const onCopy = submit.handle(async () => {
    setDone(undefined);
    const r = await api.post<{ changed: number }>(
      `${apiBase}/model/cubes/${encodeURIComponent(cubeId)}/copy`,
      {
        dimension,
        from: f,
        to: tt,
        ...(filterDim && fEl ? { filter: { [filterDim]: [fEl] } } : {}),
      },
    );
    setDone(r.changed);
    onCopied();
  });
  return (
    <section className="card card-padded" aria-labelledby="copy-title">
      <h2 id="copy-title" className="section-title">
        {t('cubeTools.copy')} <HelpLink page="versions-locks" topic={t('cubeTools.copy')} />
      </h2>
      <p className="muted">{t('cubeTools.copyLead')}</p>
      {done !== undefined && (
        <Alert tone="success" title={t('cubeTools.copied', { n: done })} testId="copy-done" />
      )}
      <form className="form" onSubmit={onCopy} noValidate data-testid="copy-form">
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <div className="form-row">
          <Field name="copyDimension" label={t('cubeTools.dimension')}>
            {(c) => (
              <select
                {...c}
                value={dimension}
                onChange={(e) => {
                  setDimension(e.target.value);
                  setFrom('');
                  setTo('');
                }}
              >
                {dims.map((d) => (
                  <option key={d.object.id} value={d.object.code}>
                    {d.object.name[lang]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="copyFrom" label={t('cubeTools.from')}>
            {() => <ElementSelect dim={dim} value={f} onChange={setFrom} leavesOnly testId="copy-from" />}
          </Field>
          <Field name="copyTo" label={t('cubeTools.to')}>
            {() => <ElementSelect dim={dim} value={tt} onChange={setTo} leavesOnly testId="copy-to" />}
          </Field>
        </div>
        <div className="form-row">
          <Field name="copyFilterDim" label={t('cubeTools.within')}>
            {(c) => (
              <select
                {...c}
                value={filterDim}
                onChange={(e) => {
                  setFilterDim(e.target.value);
                  setFilterEl('');
                }}
              >
                <option value="">{t('cubeTools.whole')}</option>
                {dims
                  .filter((d) => d.object.code !== dimension)
                  .map((d) => (
                    <option key={d.object.id} value={d.object.code}>
                      {d.object.name[lang]}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          {fdim && (
            <Field name="copyFilterEl" label={t('cubeTools.element')}>
              {() => <ElementSelect dim={fdim} value={fEl} onChange={setFilterEl} testId="copy-filter" />}
            </Field>
          )}
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="copy-submit"
          >
            {t('cubeTools.copySubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
