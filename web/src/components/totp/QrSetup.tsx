import type { TotpSetup } from '../../api/identity.js';
import { useI18n } from '../../i18n/index.js';
import { svgDataUrl } from '../../lib/recoveryCodes.js';

/**
 * The server's QR code as an image (`data:image/svg+xml;base64,…` in `<img src>`): never inserted
 * as markup, so nothing in it can run (CSP, XSS). The key is shown for manual entry.
 */
export function QrSetup({ setup }: { setup: TotpSetup }) {
  const { t } = useI18n();
  return (
    <div className="qr-setup" data-testid="totp-setup">
      <p>{t('account.me.scan')}</p>
      <img className="qr" src={svgDataUrl(setup.qrSvg)} alt={t('account.me.qrAlt')} data-testid="totp-qr" />
      <p className="muted small">{t('account.me.manual')}</p>
      <p className="secret" data-testid="totp-secret">
        {setup.secret}
      </p>
    </div>
  );
}
