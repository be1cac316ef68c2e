import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, ApiError, type CellConflict } from '../../../api/client.js';
import type { CommentView } from '../../../api/entry.js';
import type { OpenForm } from '../../../api/model.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { cellKey, saveCells } from '../../../lib/gridModel.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { CellPanel } from '../model/CellPanel.js';
import { WorkflowPanel } from '../workflow/WorkflowPanel.js';
import { FormExcel } from './FormExcel.js';
import { ConflictPanel } from './grid/ConflictPanel.js';
import { confirmJumps } from './grid/confirmJumps.js';
import { FormGrid, type GridCell } from './grid/FormGrid.js';
import { FormHistory } from './grid/FormHistory.js';
import { GridToolbar } from './grid/GridToolbar.js';
import { useEntry } from './grid/useEntry.js';
import { useSpreading } from './grid/useSpreading.js';
import { ReportView } from './ReportView.js';
import { unitLabel } from '../../../../../src/modules/model/number-format.js';

/**
 * A form opened by a user: fixed-dimension selectors, the input grid (RevoGrid: paste from
 * Excel, fill, undo, totals recomputed before saving), save with conflict detection, the
 * selected cell's history and comments, the form's history, and — reached from a portal — the
 * portal's workflow. Report forms are shown read-only.
 */
export function FormOpenPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const portalId = search.get('portal');
  const { slug, apiBase, user, unauthorized } = useTenantSession();
  const url = `${apiBase}/model/forms/${encodeURIComponent(id)}`;
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [conflicts, setConflicts] = useState<CellConflict[]>([]);
  /** Cells the user chose to write over someone else's value: key → their value (the new base). */
  const [overrides, setOverrides] = useState<ReadonlyMap<string, number>>(new Map());
  const [selected, setSelected] = useState<GridCell | null>(null);
  const [panel, setPanel] = useState<'cell' | 'history' | null>(null);
  const loaded = useLoad(() => api.post<OpenForm>(`${url}/open`, { choices }), [url, choices], unauthorized);
  const form = loaded.data;
  const entry = useEntry(form);
  const spreading = useSpreading(form);
  /** After a save the edits go when the fresh figures arrive (no flash of the old ones). */
  const [clearOnLoad, setClearOnLoad] = useState(false);
  useEffect(() => {
    if (!clearOnLoad) return;
    entry.clear();
    setClearOnLoad(false);
  }, [form]);
  const comments = useLoad(
    async () => {
      // Reports (ReportView) show no comment markers; their computed members are no cube elements.
      if (!form?.cubeId || form.type === 'report' || form.rows.length === 0 || form.columns.length === 0)
        return new Set<string>();
      const res = await api.post<{ items: CommentView[] }>(
        `${apiBase}/model/cubes/${encodeURIComponent(form.cubeId)}/comments/list`,
        {
          grid: {
            rows: { dimension: form.rowDimension, elements: form.rows.map((r) => r.code) },
            columns: { dimension: form.columnDimension, elements: form.columns.map((c) => c.code) },
            fixed: Object.fromEntries(form.fixed.map((f) => [f.dimension, f.element])),
          },
        },
      );
      return new Set(
        res.items
          .filter((c) => !c.deleted)
          .map((c) => cellKey(c.coords[form.rowDimension] ?? '', c.coords[form.columnDimension] ?? '')),
      );
    },
    [form],
    unauthorized,
  );
  usePageTitle(form?.form.name[lang] ?? t('forms.title'));
  if (loaded.loading && !form) return <Loading />;
  if (!form)
    return (
      <div className="page">
        <p>
          <Link to={`/t/${slug}/forms`}>{t('forms.back')}</Link>
        </p>
        <ErrorAlert error={loaded.error} />
        {user?.isOrgAdmin && (
          <p>
            <Link to={`/t/${slug}/admin/model/forms/${encodeURIComponent(id)}/edit`} data-testid="form-edit">
              {t('forms.edit')}
            </Link>
          </p>
        )}
      </div>
    );

  if (form.type === 'report') return <ReportView url={url} initial={form} />;

  const dimName = (code: string) => form.dimensionNames[code]?.[lang] ?? code;

  const save = async (edits: ReadonlyMap<string, number>, bases: ReadonlyMap<string, number>) => {
    setNotice(undefined);
    setError(undefined);
    if (edits.size === 0) {
      loaded.reload();
      return;
    }
    setBusy(true);
    try {
      const cells = spreading.cells(saveCells(form, edits, bases));
      const res = await api.post<{ changed: number }>(`${url}/cells`, { choices, cells });
      setClearOnLoad(true);
      entry.setMessage(undefined);
      setOverrides(new Map());
      setConflicts([]);
      setNotice(t('forms.view.saved', { count: res.changed }));
      loaded.reload();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'FORM_SAVE_CONFLICT' && e.conflicts.length)
        setConflicts(e.conflicts);
      else if (e instanceof ApiError && e.status === 401) unauthorized();
      else setError(e);
    } finally {
      setBusy(false);
    }
  };
  /** A conflict decided: when none is left, saving continues with what remains. */
  const resolve = (keys: string[], keep: boolean) => {
    const nextOverrides = new Map(overrides);
    const nextEdits = new Map(entry.edits);
    for (const c of conflicts) {
      const key = cellKey(c.row, c.column);
      if (!keys.includes(key)) continue;
      if (keep) nextOverrides.set(key, c.theirs);
      else nextEdits.delete(key);
    }
    if (!keep) entry.drop(keys);
    setOverrides(nextOverrides);
    const left = conflicts.filter((c) => !keys.includes(cellKey(c.row, c.column)));
    setConflicts(left);
    if (left.length === 0) void save(nextEdits, nextOverrides);
  };
  const choose = (dimension: string, element: string) => {
    if (entry.edits.size > 0 && !window.confirm(t('grid.msg.leave'))) return;
    entry.clear();
    spreading.clear();
    entry.setMessage(undefined);
    setConflicts([]);
    setOverrides(new Map());
    setNotice(undefined);
    setSelected(null);
    setChoices({ ...choices, [dimension]: element });
  };
  const hasInput = form.input.some((r) => r.some(Boolean));
  const coords = (cell: GridCell) => ({
    ...Object.fromEntries(form.fixed.map((f) => [f.dimension, f.element])),
    [form.rowDimension]: form.rows[cell.r]?.code ?? '',
    [form.columnDimension]: form.columns[cell.c]?.code ?? '',
  });
  const cellLabel = (cell: GridCell) =>
    `${form.rows[cell.r]?.name[lang] ?? ''} / ${form.columns[cell.c]?.name[lang] ?? ''}`;

  const grid = (
    <FormGrid
      form={form}
      shown={entry.shown}
      edits={entry.edits}
      commented={comments.data ?? new Set()}
      locked={spreading.locked}
      onLock={(cells) => {
        if (!spreading.toggle(cells)) entry.setMessage({ tone: 'info', text: t('spread.nothing') });
      }}
      control={spreading.control}
      onTexts={entry.enter}
      onDraft={entry.type}
      onRefused={() => entry.setMessage({ tone: 'warning', text: t('grid.msg.notInput') })}
      onFocus={setSelected}
      onUndo={entry.undo}
      onRedo={entry.redo}
    />
  );

  return (
    <div className="page">
      <p>
        <Link to={portalId ? `/t/${slug}/portals/${encodeURIComponent(portalId)}` : `/t/${slug}/forms`}>
          {portalId ? t('portals.back') : t('forms.back')}
        </Link>
      </p>
      <div className="page-header">
        <div>
          <h1 className="page-title" data-testid="form-title">
            {form.form.name[lang]} <HelpLink page="form-entry" topic={t('forms.title')} />
          </h1>
          <p className="page-lead">
            {t(`forms.type.${form.type}`)} ·{' '}
            <span data-testid="unit-label">{unitLabel(form.format, lang)}</span>
          </p>
        </div>
        <div className="button-row">
          <FormExcel formId={id} choices={choices} onApplied={loaded.reload} />
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setPanel(panel === 'history' ? null : 'history')}
            aria-pressed={panel === 'history'}
            data-testid="form-history-open"
          >
            {t('grid.history.open')}
          </button>
          {user?.isOrgAdmin && (
            <Link
              className="button button-secondary"
              to={`/t/${slug}/admin/model/forms/${encodeURIComponent(id)}/edit`}
              data-testid="form-edit"
            >
              {t('forms.edit')}
            </Link>
          )}
        </div>
      </div>
      {notice && <Alert tone="success" title={notice} testId="notice" />}
      {loaded.error !== undefined && <ErrorAlert error={loaded.error} />}
      {error !== undefined && <ErrorAlert error={error} />}
      {form.fixed.length > 0 && (
        <div className="card card-padded form-fixed" data-testid="form-fixed">
          {form.fixed.map((f) => (
            <div className="field" key={f.dimension} data-testid={`fixed-${f.dimension}`}>
              <label className="field-label" htmlFor={`fixed-${f.dimension}`}>
                {dimName(f.dimension)}
              </label>
              {f.choices ? (
                <select
                  id={`fixed-${f.dimension}`}
                  value={f.element}
                  onChange={(e) => choose(f.dimension, e.target.value)}
                >
                  {f.choices.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name[lang]}
                    </option>
                  ))}
                </select>
              ) : (
                <span id={`fixed-${f.dimension}`}>{f.name[lang]}</span>
              )}
            </div>
          ))}
        </div>
      )}
      <GridToolbar
        hasInput={hasInput}
        changed={entry.edits.size}
        busy={busy}
        blocked={conflicts.length > 0}
        canUndo={entry.canUndo}
        canRedo={entry.canRedo}
        onSave={() => {
          if (confirmJumps(form, entry.edits, t, lang)) void save(entry.edits, overrides);
        }}
        onUndo={entry.undo}
        onRedo={entry.redo}
        onCell={() => setPanel(panel === 'cell' ? null : 'cell')}
        cellOpen={panel === 'cell'}
        spread={
          hasInput && spreading.totals
            ? {
                mode: spreading.mode,
                onMode: spreading.setMode,
                lockedCount: spreading.locked.size,
                onLock: () => spreading.control.current?.lockSelection(),
                onUnlockAll: spreading.clear,
              }
            : undefined
        }
      />
      {entry.message && <Alert tone={entry.message.tone} title={entry.message.text} testId="grid-message" />}
      {conflicts.length > 0 && (
        <ConflictPanel
          form={form}
          conflicts={conflicts}
          onKeep={(keys) => resolve(keys, true)}
          onTake={(keys) => resolve(keys, false)}
        />
      )}
      {grid}
      {panel === 'cell' &&
        (selected && form.cubeId ? (
          <CellPanel
            cubeId={form.cubeId}
            coords={coords(selected)}
            label={cellLabel(selected)}
            onClose={() => setPanel(null)}
            onCommentsChanged={comments.reload}
            format={form.format}
          />
        ) : (
          <p className="muted" data-testid="cell-panel-hint">
            {t('grid.selectCell')}
          </p>
        ))}
      {panel === 'history' && (
        <FormHistory url={url} form={form} choices={choices} onClose={() => setPanel(null)} />
      )}
      {portalId && <WorkflowPanel portalId={portalId} onChanged={loaded.reload} hideWhenNone />}
    </div>
  );
}
