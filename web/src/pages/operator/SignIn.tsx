import { Navigate, useLocation } from 'react-router';
import { api, forgetCsrfToken } from '../../api/client.js';
import type { Operator } from '../../api/types.js';
import { Alert } from '../../components/Alert.js';
import { SignInForm, noticeFrom, returnPathFrom } from '../../components/SignInForm.js';
import { useI18n } from '../../i18n/index.js';
import { useOperatorSession } from '../../layout/OperatorLayout.js';
import { usePageTitle } from '../../lib/usePageTitle.js';

export function OperatorSignInPage() {
  const { t } = useI18n();
  usePageTitle(t('operator.signIn.title'));
  const location = useLocation();
  const { operator, setOperator } = useOperatorSession();
  const notice = noticeFrom(location.state);
  const target = returnPathFrom(location.state, '/operator');

  if (operator) return <Navigate to={target} replace />;

  const signIn = async (email: string, password: string) => {
    const body = await api.post<{ operator: Operator }>('/api/operator/session', { email, password });
    forgetCsrfToken();
    setOperator(body.operator); // re-renders into <Navigate to={target} />
  };

  return (
    <div className="page page-narrow">
      <div className="card card-padded">
        <h1 className="page-title">{t('operator.signIn.title')}</h1>
        <p className="page-lead">{t('operator.signIn.lead')}</p>
        {notice && <Alert tone="success" title={t(`operator.signIn.${notice}`)} testId="notice" />}
        <SignInForm onSignIn={signIn} />
      </div>
    </div>
  );
}
