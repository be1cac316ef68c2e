import { useState } from 'react';
import { ApiError, api } from '../../../api/client.js';
import type { DimensionDetail, ElementView } from '../../../api/model.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { useI18n } from '../../../i18n/index.js';

/**
 * Confirms deleting an element, saying what becomes of its children. When the server refuses
 * because cubes hold figures on it (ELEMENT_HAS_CELLS, listing cube and count), the dialog shows
 * that and offers to delete the element with its figures.
 */
export function DeleteElementDialog(props: {
  url: string;
  element: ElementView | undefined;
  onUnauthorized: () => void;
  onDeleted: (detail: DimensionDetail, code: string) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const e = props.element;
  const [withFigures, setWithFigures] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const close = () => {
    setWithFigures(false);
    setError(undefined);
    props.onCancel();
  };
  const onConfirm = () => {
    if (!e || busy) return;
    setBusy(true);
    setError(undefined);
    const query = withFigures ? '?deleteFigures=true' : '';
    api
      .delete<DimensionDetail>(`${props.url}/elements/${encodeURIComponent(e.code)}${query}`)
      .then((detail) => {
        setWithFigures(false);
        props.onDeleted(detail, e.code);
      })
      .catch((reason: unknown) => {
        if (reason instanceof ApiError && reason.status === 401) return props.onUnauthorized();
        if (reason instanceof ApiError && reason.code === 'ELEMENT_HAS_CELLS') setWithFigures(true);
        setError(reason);
      })
      .finally(() => setBusy(false));
  };
  return (
    <ConfirmDialog
      open={e !== undefined}
      title={e ? t('dimio.deleteTitle', { name: e.name[lang], code: e.code }) : ''}
      confirmLabel={withFigures ? t('dimio.deleteWithFigures') : t('dimio.deleteConfirm')}
      danger
      busy={busy}
      onConfirm={onConfirm}
      onCancel={close}
    >
      {e && (
        <>
          <p>{t('dimio.deleteLeaf')}</p>
          {e.children.length > 0 && (
            <p data-testid="delete-children">
              {t('dimio.deleteChildren', { children: e.children.map((c) => c.code).join(', ') })}
            </p>
          )}
          <p className="muted small">{t('dimio.deleteRefused')}</p>
          {error !== undefined && <ErrorAlert error={error} />}
          {withFigures && <p className="field-hint">{t('dimio.deleteFiguresWarning')}</p>}
        </>
      )}
    </ConfirmDialog>
  );
}
