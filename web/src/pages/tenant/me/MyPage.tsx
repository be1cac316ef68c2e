import { api } from '../../../api/client.js';
import type { SessionView, SignInEvent } from '../../../api/identity.js';
import type { PreviousSignIn, TenantUser } from '../../../api/types.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { ChangePassword } from './ChangePassword.js';
import { PreviousSignInCard } from './PreviousSignInCard.js';
import { Sessions } from './Sessions.js';
import { SignInHistory } from './SignInHistory.js';
import { TwoFactor } from './TwoFactor.js';

export interface MeResponse {
  user: TenantUser;
  previousSignIn: PreviousSignIn | null;
  recentSignIns: SignInEvent[];
  sessions: SessionView[];
}

/** `/t/:slug/me`: previous sign-in (prominent), recent sign-ins, sessions, password, two-step verification. */
export function MyPage() {
  const { t } = useI18n();
  usePageTitle(t('account.me.title'));
  const { apiBase, unauthorized } = useTenantSession();
  const me = useLoad(() => api.get<MeResponse>(`${apiBase}/me`), [apiBase], unauthorized);

  return (
    <div className="page page-medium">
      <div className="page-header">
        <div>
          <h1 className="page-title" data-testid="me-title">
            {t('account.me.title')} <HelpLink page="user-previous-sign-in" topic={t('account.me.title')} />
          </h1>
          <p className="page-lead">{t('account.me.lead')}</p>
        </div>
      </div>
      {me.loading && !me.data ? (
        <Loading />
      ) : me.error || !me.data ? (
        <ErrorAlert error={me.error} />
      ) : (
        <>
          <PreviousSignInCard user={me.data.user} previous={me.data.previousSignIn} />
          <SignInHistory events={me.data.recentSignIns} />
          <Sessions sessions={me.data.sessions} onChanged={me.reload} />
          <ChangePassword email={me.data.user.email} onChanged={me.reload} />
          <TwoFactor user={me.data.user} onChanged={me.reload} />
        </>
      )}
    </div>
  );
}
