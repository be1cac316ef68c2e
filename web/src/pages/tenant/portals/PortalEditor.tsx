import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../../api/client.js';
import type { ModelObjectView, PortalDefinitionView, PortalTileDef } from '../../../api/model.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { Field } from '../../../components/Field.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';
import { ObjectRightsEditor } from '../model/rights/ObjectRightsEditor.js';

/** Org admins build a portal: names, tiles (forms), announcements, and which groups see it. */
export function PortalEditorPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const url = `${apiBase}/model/portals/${encodeURIComponent(id)}`;
  const loaded = useLoad(() => api.get<PortalDefinitionView>(`${url}/definition`), [url], unauthorized);
  const [current, setCurrent] = useState<PortalDefinitionView>();
  const view = current ?? loaded.data;
  usePageTitle(view?.portal.name[lang] ?? t('portals.title'));
  if (loaded.loading && !view) return <Loading />;
  if (!view) return <ErrorAlert error={loaded.error} />;
  const p = view.portal;
  return (
    <div className="page">
      <p>
        <Link to={`/t/${slug}/portals/${encodeURIComponent(p.id)}`} data-testid="portal-open">
          {t('portals.open')}
        </Link>
      </p>
      <div className="page-header">
        <div>
          <h1 className="page-title" data-testid="portal-editor-title">
            {t('portals.editTitle', { name: p.name[lang] })}{' '}
            <HelpLink page="model-portals" topic={t('portals.title')} />
          </h1>
          <p className="page-lead">
            <code>{p.code}</code>
          </p>
        </div>
      </div>
      <NamesCard key={p.id} object={p} onSaved={(o) => setCurrent({ ...view, portal: o })} />
      <TilesCard key={p.id} url={url} view={view} onSaved={setCurrent} />
      <AnnouncementsCard url={url} view={view} onSaved={setCurrent} />
      <section className="card card-padded" aria-labelledby="portal-rights-title">
        <h2 id="portal-rights-title" className="section-title">
          {t('portals.visibility')} <HelpLink page="model-rights" topic={t('rights.title')} />
        </h2>
        <p className="muted">{t('portals.visibilityLead')}</p>
        <ObjectRightsEditor objectId={p.id} />
      </section>
      <DeleteCard url={url} />
    </div>
  );
}

function NamesCard({
  object: o,
  onSaved,
}: {
  object: ModelObjectView;
  onSaved: (o: ModelObjectView) => void;
}) {
  const { t } = useI18n();
  const { apiBase, unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const [v, setV] = useState({
    nameJa: o.name.ja,
    nameEn: o.name.en,
    category: o.category,
    description: o.description,
  });
  const [saved, setSaved] = useState(false);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });
  const onSubmit = submit.handle(async () => {
    const res = await api.patch<{ object: ModelObjectView }>(
      `${apiBase}/model/objects/${encodeURIComponent(o.id)}`,
      v,
    );
    onSaved(res.object);
    setSaved(true);
  });
  return (
    <section className="card card-padded" aria-labelledby="portal-names-title">
      <h2 id="portal-names-title" className="section-title">
        {t('portals.names')}
      </h2>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="portal-names-form">
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        {saved && <Alert tone="success" title={t('rights.saved')} />}
        <div className="form-row">
          <Field
            name="pNameJa"
            label={t('model.fields.nameJa')}
            error={submit.fieldErrors['nameJa']}
            required
          >
            {(c) => <input {...c} value={v.nameJa} onChange={set('nameJa')} lang="ja" />}
          </Field>
          <Field
            name="pNameEn"
            label={t('model.fields.nameEn')}
            error={submit.fieldErrors['nameEn']}
            required
          >
            {(c) => <input {...c} value={v.nameEn} onChange={set('nameEn')} lang="en" />}
          </Field>
        </div>
        <div className="form-row">
          <Field name="pCategory" label={t('model.fields.category')} error={submit.fieldErrors['category']}>
            {(c) => <input {...c} value={v.category} onChange={set('category')} />}
          </Field>
          <Field
            name="pDescription"
            label={t('model.fields.description')}
            error={submit.fieldErrors['description']}
          >
            {(c) => <input {...c} value={v.description} onChange={set('description')} />}
          </Field>
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="names-save"
          >
            {t('portals.saveNames')}
          </button>
        </div>
      </form>
    </section>
  );
}

function TilesCard(props: {
  url: string;
  view: PortalDefinitionView;
  onSaved: (v: PortalDefinitionView) => void;
}) {
  const { t, lang } = useI18n();
  const { apiBase, unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const forms = useLoad(
    () => api.get<{ items: ModelObjectView[] }>(`${apiBase}/model/objects?kind=form`),
    [apiBase],
    unauthorized,
  );
  const [tiles, setTiles] = useState<PortalTileDef[]>(props.view.definition.tiles);
  const [pick, setPick] = useState('');
  const [saved, setSaved] = useState(false);
  const formName = (code: string) => {
    const f = forms.data?.items.find((x) => x.code === code);
    return f ? f.name[lang] : code;
  };
  const move = (i: number, d: -1 | 1) => {
    const next = [...tiles];
    const [x] = next.splice(i, 1);
    if (x) next.splice(i + d, 0, x);
    setTiles(next);
  };
  const setNote = (i: number, l: 'ja' | 'en', value: string) =>
    setTiles(
      tiles.map((tile, k) => {
        if (k !== i) return tile;
        const note = { ja: tile.note?.ja ?? '', en: tile.note?.en ?? '', [l]: value };
        const { note: _old, ...rest } = tile;
        return note.ja || note.en ? { ...rest, note } : rest;
      }),
    );
  const onSubmit = submit.handle(async () => {
    setSaved(false);
    props.onSaved(await api.put<PortalDefinitionView>(props.url, { tiles }));
    setSaved(true);
  });
  const available = forms.data?.items ?? [];
  return (
    <section className="card card-padded" aria-labelledby="portal-tiles-edit-title">
      <h2 id="portal-tiles-edit-title" className="section-title">
        {t('portals.tiles')}
      </h2>
      <p className="muted">{t('portals.tilesLead')}</p>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="tiles-form">
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        {saved && <Alert tone="success" title={t('portals.tilesSaved')} testId="tiles-saved" />}
        {tiles.length === 0 ? (
          <p className="muted">{t('portals.noTilesYet')}</p>
        ) : (
          <ul className="row-list">
            {tiles.map((tile, i) => (
              <li key={`${tile.form}-${i}`} className="row-item" data-testid={`tile-edit-${tile.form}`}>
                <div>
                  <p>
                    {formName(tile.form)} <code>{tile.form}</code>
                  </p>
                  <div className="form-row">
                    <input
                      aria-label={t('portals.noteJa')}
                      placeholder={t('portals.noteJa')}
                      value={tile.note?.ja ?? ''}
                      onChange={(e) => setNote(i, 'ja', e.target.value)}
                      lang="ja"
                    />
                    <input
                      aria-label={t('portals.noteEn')}
                      placeholder={t('portals.noteEn')}
                      value={tile.note?.en ?? ''}
                      onChange={(e) => setNote(i, 'en', e.target.value)}
                      lang="en"
                    />
                  </div>
                </div>
                <div className="button-row">
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    {t('model.dimension.up')}
                  </button>
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    disabled={i === tiles.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    {t('model.dimension.down')}
                  </button>
                  <button
                    type="button"
                    className="button button-danger-outline button-small"
                    onClick={() => setTiles(tiles.filter((_, k) => k !== i))}
                    data-testid={`tile-remove-${tile.form}`}
                  >
                    {t('portals.remove')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
        <div className="inline-form-row">
          <Field name="tileForm" label={t('portals.addTile')}>
            {(c) => (
              <select {...c} value={pick} onChange={(e) => setPick(e.target.value)}>
                <option value="">{t('portals.chooseForm')}</option>
                {available.map((f) => (
                  <option key={f.id} value={f.code}>
                    {f.name[lang]} ({f.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button
            type="button"
            className="button button-secondary"
            disabled={!pick}
            onClick={() => {
              setTiles([...tiles, { form: pick }]);
              setPick('');
            }}
            data-testid="tile-add"
          >
            {t('portals.add')}
          </button>
        </div>
        {forms.data && available.length === 0 && <p className="field-hint">{t('portals.noForms')}</p>}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="tiles-save"
          >
            {submit.busy ? t('common.saving') : t('portals.saveTiles')}
          </button>
        </div>
      </form>
    </section>
  );
}

function AnnouncementsCard(props: {
  url: string;
  view: PortalDefinitionView;
  onSaved: (v: PortalDefinitionView) => void;
}) {
  const { t, lang } = useI18n();
  const { unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const empty = { titleJa: '', titleEn: '', bodyJa: '', bodyEn: '' };
  const [v, setV] = useState(empty);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });
  const onAdd = submit.handle(async () => {
    props.onSaved(
      await api.post<PortalDefinitionView>(`${props.url}/announcements`, {
        title: { ja: v.titleJa, en: v.titleEn },
        body: { ja: v.bodyJa, en: v.bodyEn },
      }),
    );
    setV(empty);
  });
  const remove = (id: string) =>
    submit.handle(async () => {
      props.onSaved(
        await api.delete<PortalDefinitionView>(`${props.url}/announcements/${encodeURIComponent(id)}`),
      );
    });
  const list = [...props.view.definition.announcements].sort((a, b) => (a.at < b.at ? 1 : -1));
  const fe = submit.fieldErrors;
  return (
    <section className="card card-padded" aria-labelledby="portal-ann-title">
      <h2 id="portal-ann-title" className="section-title">
        {t('portals.announcements')}
      </h2>
      {submit.error !== undefined && <ErrorAlert error={submit.error} />}
      {list.length > 0 && (
        <ul className="row-list" data-testid="announcements-edit">
          {list.map((a) => (
            <li key={a.id} className="row-item">
              <div>
                <p>{a.title[lang]}</p>
                <p className="muted small">{formatDateTime(a.at)}</p>
              </div>
              <form onSubmit={remove(a.id)}>
                <button
                  type="submit"
                  className="button button-danger-outline button-small"
                  disabled={submit.busy}
                >
                  {t('portals.remove')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <h3 className="section-title">{t('portals.addAnnouncement')}</h3>
      <form className="form" onSubmit={onAdd} noValidate data-testid="announcement-form">
        <div className="form-row">
          <Field name="annTitleJa" label={t('portals.titleJa')} error={fe['title']} required>
            {(c) => <input {...c} value={v.titleJa} onChange={set('titleJa')} lang="ja" />}
          </Field>
          <Field name="annTitleEn" label={t('portals.titleEn')} required>
            {(c) => <input {...c} value={v.titleEn} onChange={set('titleEn')} lang="en" />}
          </Field>
        </div>
        <div className="form-row">
          <Field name="annBodyJa" label={t('portals.bodyJa')}>
            {(c) => <textarea {...c} rows={3} value={v.bodyJa} onChange={set('bodyJa')} lang="ja" />}
          </Field>
          <Field name="annBodyEn" label={t('portals.bodyEn')}>
            {(c) => <textarea {...c} rows={3} value={v.bodyEn} onChange={set('bodyEn')} lang="en" />}
          </Field>
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="announcement-add"
          >
            {t('portals.addAnnouncement')}
          </button>
        </div>
      </form>
    </section>
  );
}

function DeleteCard({ url }: { url: string }) {
  const { t } = useI18n();
  const { slug, unauthorized } = useTenantSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const onConfirm = () => {
    setBusy(true);
    api.delete(url).then(
      () => void navigate(`/t/${slug}/portals`),
      (reason: unknown) => {
        setBusy(false);
        setOpen(false);
        if (reason instanceof ApiError && reason.status === 401) unauthorized();
        else setError(reason);
      },
    );
  };
  return (
    <section className="card card-padded action-card danger-zone">
      <div>
        <h2 className="section-title">{t('portals.delete')}</h2>
        <p className="muted">{t('portals.deleteLead')}</p>
        {error !== undefined && <ErrorAlert error={error} />}
      </div>
      <button
        type="button"
        className="button button-danger-outline"
        onClick={() => setOpen(true)}
        data-testid="portal-delete"
      >
        {t('portals.delete')}
      </button>
      <ConfirmDialog
        open={open}
        title={t('portals.deleteConfirm')}
        confirmLabel={t('portals.delete')}
        danger
        busy={busy}
        onConfirm={onConfirm}
        onCancel={() => setOpen(false)}
      />
    </section>
  );
}
