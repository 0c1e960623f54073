/** Staff sign-in with email and password; a refusal is shown in plain words and the email is kept. */
import { useState, type FormEvent } from 'react';
import { Alert, errorText, useTitle } from '../../shared/components.tsx';
import { useI18n } from '../../shared/i18n.tsx';
import { useSession } from '../session.tsx';

/** The sign-in form. */
export function SignInPage() {
  const { t } = useI18n();
  useTitle(t('staff.signIn'), t('site.staffTitle'));
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await signIn(email.trim(), password);
    } catch (error) {
      setProblem(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="grid-row">
      <div className="tablet:grid-col-6">
        <h1>{t('staff.signIn')}</h1>
        {problem && (
          <Alert type="error" heading={t('errors.heading')} focus>
            {problem}
          </Alert>
        )}
        <form className="usa-form" onSubmit={(e) => void submit(e)} noValidate>
          <label className="usa-label" htmlFor="email">
            {t('staff.email')}
          </label>
          <input
            className="usa-input"
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <label className="usa-label" htmlFor="password">
            {t('staff.password')}
          </label>
          <input
            className="usa-input"
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button type="submit" className="usa-button" disabled={busy}>
            {t('staff.signIn')}
          </button>
        </form>
      </div>
    </div>
  );
}
