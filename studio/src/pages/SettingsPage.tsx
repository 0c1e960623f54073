/**
 * The organisation's settings (administrators): whether publishing needs a second person (maker-checker). An
 * organisation of one (an NGO on a laptop) switches it off; its administrators then publish their own drafts, and
 * each such version is marked self-published in the program's history.
 */
import { useEffect, useState } from 'react';
import { api } from '../../../web/src/shared/api.ts';
import { Alert, errorText, useTitle } from '../../../web/src/shared/components.tsx';
import { LoadError } from '../../../web/src/shared/DeterminationView.tsx';
import { formatDateTime } from '../../../web/src/shared/format.ts';
import { useLoad } from '../../../web/src/shared/hooks.ts';
import { useI18n } from '../../../web/src/shared/i18n.tsx';
import type { StaffUser } from '../../../web/src/staff/session.tsx';
import { useText } from '../text.ts';
import type { Settings } from '../types.ts';

/** The settings page; non-administrators are told who may change it. */
export function SettingsPage({ user }: { user: StaffUser }) {
  const { t, lang } = useI18n();
  const s = useText();
  useTitle(s('settings.heading'), s('site.title'));
  const isAdmin = user.roles.includes('administrator');
  const loaded = useLoad(() => (isAdmin ? api<Settings & { updatedAt?: string | null }>('GET', '/api/settings') : Promise.resolve(null)), [isAdmin]);
  const [makerChecker, setMakerChecker] = useState(true);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (loaded.data) setMakerChecker(loaded.data.makerChecker);
  }, [loaded.data]);
  if (!isAdmin) {
    return (
      <>
        <h1>{s('settings.heading')}</h1>
        <Alert type="info">{s('settings.adminsOnly')}</Alert>
      </>
    );
  }
  if (loaded.error !== undefined) return <LoadError message={errorText(loaded.error, t)} />;
  if (!loaded.data) return <p>{t('common.loading')}</p>;
  const save = async () => {
    setBusy(true);
    setNotice(null);
    setProblem(null);
    try {
      await api('PUT', '/api/settings', { makerChecker }, { 'If-Match': String(loaded.data?.revision ?? 0) });
      setNotice(s('settings.saved'));
      loaded.reload();
    } catch (error) {
      setProblem(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h1>{s('settings.heading')}</h1>
      <p data-testid="settings-organisation">
        {s('settings.of', { organisation: loaded.data.organisationName ?? loaded.data.organisationId })}
        {loaded.data.inherited && ` ${s('settings.inherited')}`}
      </p>
      {notice && (
        <Alert type="success" slim>
          {notice}
        </Alert>
      )}
      {problem && (
        <Alert type="error" heading={s('settings.failed')} focus>
          <p>{problem}</p>
        </Alert>
      )}
      <form
        className="usa-form maxw-tablet"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">{s('settings.publishing')}</legend>
          {[true, false].map((value) => (
            <div className="usa-radio" key={String(value)}>
              <input
                className="usa-radio__input usa-radio__input--tile"
                type="radio"
                id={`maker-checker-${value}`}
                name="maker-checker"
                checked={makerChecker === value}
                onChange={() => setMakerChecker(value)}
              />
              <label className="usa-radio__label" htmlFor={`maker-checker-${value}`}>
                {s(value ? 'settings.twoPeople' : 'settings.onePerson')}
                <span className="usa-checkbox__label-description">{s(value ? 'settings.twoPeopleHint' : 'settings.onePersonHint')}</span>
              </label>
            </div>
          ))}
        </fieldset>
        {loaded.data.updatedAt && (
          <p className="text-base-dark">{s('settings.lastChanged', { date: formatDateTime(loaded.data.updatedAt, lang) })}</p>
        )}
        <button type="submit" className="usa-button margin-top-2" disabled={busy || makerChecker === loaded.data.makerChecker}>
          {s('settings.save')}
        </button>
      </form>
    </>
  );
}
