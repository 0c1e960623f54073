/**
 * The status page (`/status`): an applicant on any device opens their submitted application with the resume code and
 * the second factor they chose at submission (date of birth, or a code emailed to them), then sees where it is in
 * plain words, what to do next, the dates that concern them, the decision with its reasons, every message and notice
 * (each printable and downloadable) and the documents asked of them, with upload. The session token is kept for
 * the tab only (sessionStorage).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { SharingSection } from './SharingSection.tsx';
import { api, ApiError } from '../../shared/api.ts';
import type { EmailCodeSent, StatusDocument, StatusMessage, StatusOpened, StatusView } from '../../shared/api-types.ts';
import { Alert, errorText, useFocusOnMount, useTitle } from '../../shared/components.tsx';
import { DeterminationView } from '../../shared/DeterminationView.tsx';
import { formatDate, formatDateTime } from '../../shared/format.ts';
import { useI18n } from '../../shared/i18n.tsx';

const TOKEN_KEY = 'mandate.status-token';

/** The status page: the sign-in form, or the application's status. */
export function StatusPage() {
  const { t } = useI18n();
  useTitle(t('status.heading'), t('site.title'));
  const [status, setStatus] = useState<StatusView | null>(null);
  const [token, setToken] = useState<string | null>(() => window.sessionStorage.getItem(TOKEN_KEY));
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!token || status) return;
    api<StatusView>('GET', '/api/status', undefined, { 'X-Status-Token': token }).then(setStatus, () => {
      window.sessionStorage.removeItem(TOKEN_KEY);
      setToken(null);
    });
  }, [token, status]);

  const opened = (result: StatusOpened) => {
    window.sessionStorage.setItem(TOKEN_KEY, result.token);
    setToken(result.token);
    setStatus(result.status);
  };
  const close = () => {
    window.sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
    setStatus(null);
  };
  if (status && token)
    return <StatusDetails status={status} token={token} onChange={setStatus} onClose={close} onExpired={(m) => (close(), setProblem(m))} />;
  if (token) return <p>{t('common.loading')}</p>;
  return <OpenForm onOpened={opened} initialProblem={problem} />;
}

function OpenForm({ onOpened, initialProblem }: { onOpened: (r: StatusOpened) => void; initialProblem: string | null }) {
  const { t } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [code, setCode] = useState('');
  const [factor, setFactor] = useState<'dob' | 'email'>('dob');
  const [dob, setDob] = useState('');
  const [emailCode, setEmailCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ field: string; text: string } | null>(
    initialProblem ? { field: 'status-code', text: initialProblem } : null,
  );
  const [busy, setBusy] = useState(false);

  const fail = (field: string, text: string) => setProblem({ field, text });
  const sendCode = async () => {
    if (!code.trim()) return fail('status-code', t('status.empty'));
    setBusy(true);
    setProblem(null);
    try {
      setSentTo((await api<EmailCodeSent>('POST', '/api/status/email-code', { resumeCode: code.trim() })).sentTo);
    } catch (error) {
      fail('status-code', errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) return fail('status-code', t('status.empty'));
    if (factor === 'dob' && !dob) return fail('status-dob', t('status.dobEmpty'));
    if (factor === 'email' && !emailCode.trim()) return fail('status-email-code', t('status.emailCodeEmpty'));
    setBusy(true);
    setProblem(null);
    try {
      const body = factor === 'dob' ? { resumeCode: code.trim(), dateOfBirth: dob } : { resumeCode: code.trim(), emailCode: emailCode.trim() };
      onOpened(await api<StatusOpened>('POST', '/api/status/open', body));
    } catch (error) {
      fail(
        error instanceof ApiError && error.status === 400 ? (factor === 'dob' ? 'status-dob' : 'status-email-code') : 'status-code',
        errorText(error, t),
      );
    } finally {
      setBusy(false);
    }
  };
  const errorFor = (field: string) =>
    problem?.field === field ? (
      <span className="usa-error-message" id={`${field}-error`}>
        {problem.text}
      </span>
    ) : null;
  const group = (field: string) => `usa-form-group${problem?.field === field ? ' usa-form-group--error' : ''}`;
  const input = (field: string) => `usa-input${problem?.field === field ? ' usa-input--error' : ''}`;

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('status.heading')}
      </h1>
      <p className="usa-intro">{t('status.intro')}</p>
      {problem && (
        <Alert type="error" heading={t('errors.heading')} focus>
          <p>
            {/* biome-ignore lint/a11y/useValidAnchor: the error summary's link to its field (GOV.UK pattern): a real in-page href, and the click moves focus to the input. */}
            <a className="usa-link" href={`#${problem.field}`} onClick={(e) => (e.preventDefault(), document.getElementById(problem.field)?.focus())}>
              {problem.text}
            </a>
          </p>
        </Alert>
      )}
      <form className="usa-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className={group('status-code')}>
          <label className="usa-label" htmlFor="status-code">
            {t('status.code')}
          </label>
          {errorFor('status-code')}
          <input
            className={input('status-code')}
            id="status-code"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            value={code}
            aria-describedby={problem?.field === 'status-code' ? 'status-code-error' : undefined}
            onChange={(e) => setCode(e.target.value)}
          />
        </div>
        <fieldset className="usa-fieldset margin-top-3">
          <legend className="usa-legend">{t('status.factor')}</legend>
          {(['dob', 'email'] as const).map((kind) => (
            <div className="usa-radio" key={kind}>
              <input
                className="usa-radio__input"
                id={`status-factor-${kind}`}
                type="radio"
                name="factor"
                checked={factor === kind}
                onChange={() => setFactor(kind)}
              />
              <label className="usa-radio__label" htmlFor={`status-factor-${kind}`}>
                {kind === 'dob' ? t('status.factorDob') : t('status.factorEmail')}
              </label>
            </div>
          ))}
        </fieldset>
        {factor === 'dob' ? (
          <div className={group('status-dob')}>
            <label className="usa-label" htmlFor="status-dob">
              {t('status.dob')}
            </label>
            <span className="usa-hint" id="status-dob-hint">
              {t('status.dobHint')}
            </span>
            {errorFor('status-dob')}
            <input
              className={input('status-dob')}
              id="status-dob"
              type="date"
              autoComplete="bday"
              value={dob}
              aria-describedby={`status-dob-hint${problem?.field === 'status-dob' ? ' status-dob-error' : ''}`}
              onChange={(e) => setDob(e.target.value)}
            />
          </div>
        ) : (
          <>
            <button type="button" className="usa-button usa-button--outline margin-top-3" disabled={busy} onClick={() => void sendCode()}>
              {t('status.sendCode')}
            </button>
            {sentTo && (
              <p className="margin-top-1" role="status">
                {t('status.codeSent', { to: sentTo })}
              </p>
            )}
            <div className={group('status-email-code')}>
              <label className="usa-label" htmlFor="status-email-code">
                {t('status.emailCode')}
              </label>
              {errorFor('status-email-code')}
              <input
                className={input('status-email-code')}
                id="status-email-code"
                inputMode="numeric"
                autoComplete="one-time-code"
                value={emailCode}
                aria-describedby={problem?.field === 'status-email-code' ? 'status-email-code-error' : undefined}
                onChange={(e) => setEmailCode(e.target.value)}
              />
            </div>
          </>
        )}
        <button type="submit" className="usa-button margin-top-3" disabled={busy}>
          {t('status.open')}
        </button>
      </form>
    </>
  );
}

function StatusDetails(props: {
  status: StatusView;
  token: string;
  onChange: (s: StatusView) => void;
  onClose: () => void;
  onExpired: (message: string) => void;
}) {
  const { t, lang } = useI18n();
  const { status } = props;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [printing, setPrinting] = useState<string | null>(null);
  const waiting = status.documents.filter((d) => d.status === 'requested' || d.status === 'rejected');

  useEffect(() => {
    if (!printing) return;
    // The chosen notice is marked while the print dialog is open (window.print blocks until it closes).
    window.print();
    setPrinting(null);
  }, [printing]);

  return (
    <div className={printing ? 'mandate-printing' : undefined}>
      <h1 ref={heading} tabIndex={-1} data-testid="status-reference">
        {t('status.reference', { reference: status.reference })}
      </h1>
      <p className="usa-intro">{t('status.submittedOn', { program: status.programTitle, date: formatDate(status.submittedAt, lang) })}</p>

      <section aria-labelledby="where-heading" className="mandate-no-print">
        <h2 id="where-heading">{t('status.where')}</h2>
        <p className="text-bold" data-testid="status-state">
          {status.state.title ?? t('status.stateUnknown')}
        </p>
        {status.state.description && <p>{status.state.description}</p>}
        {(waiting.length > 0 || !status.state.terminal) && (
          <>
            <h3>{t('status.next')}</h3>
            <p data-testid="status-next">{waiting.length > 0 ? t('status.nextDocuments') : t('status.nextWait')}</p>
          </>
        )}
        <p className="text-base-dark">{status.emailed ? t('status.emailed') : t('status.notEmailed')}</p>
        {status.deadlines.length > 0 && (
          <>
            <h3>{t('status.deadlines')}</h3>
            <ul className="usa-list">
              {status.deadlines.map((d) => (
                <li key={d.id}>
                  {d.title} {formatDate(d.dueOn, lang)}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="documents-heading" className="mandate-no-print">
        <h2 id="documents-heading">{t('status.documents')}</h2>
        {status.documents.length === 0 ? (
          <p>{t('status.noDocuments')}</p>
        ) : (
          <ul className="usa-list usa-list--unstyled" data-testid="status-documents">
            {status.documents.map((d) => (
              <DocumentItem key={d.id} document={d} token={props.token} onChange={props.onChange} onExpired={props.onExpired} />
            ))}
          </ul>
        )}
      </section>

      {status.notes.length > 0 && (
        <section aria-labelledby="notes-heading" className="mandate-no-print">
          <h2 id="notes-heading">{t('status.notes')}</h2>
          <ul className="usa-list usa-list--unstyled" data-testid="status-notes">
            {status.notes.map((n) => (
              <li key={n.id} className="margin-bottom-1">
                <span className="text-base-dark">{formatDate(n.at, lang)}</span>
                <p className="margin-0">{n.text}</p>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="messages-heading">
        <h2 id="messages-heading" className="mandate-no-print">
          {t('status.messages')}
        </h2>
        {status.messages.length === 0 && <p>{t('status.noMessages')}</p>}
        {[...status.messages].reverse().map((m) => (
          <Notice key={m.id} message={m} reference={status.reference} printing={printing === m.id} onPrint={() => setPrinting(m.id)} />
        ))}
      </section>

      {status.determination && (
        <section aria-labelledby="result-heading" className="mandate-no-print">
          <h2 id="result-heading">{t('status.result')}</h2>
          <DeterminationView determination={status.determination} headingLevel={3} />
        </section>
      )}

      <SharingSection token={props.token} />

      <button type="button" className="usa-button usa-button--unstyled margin-top-4 mandate-no-print" onClick={props.onClose}>
        {t('status.close')}
      </button>
    </div>
  );
}

function Notice({ message, reference, printing, onPrint }: { message: StatusMessage; reference: string; printing: boolean; onPrint: () => void }) {
  const { t, lang } = useI18n();
  const [href, setHref] = useState<string | null>(null);
  const title = message.subject ?? message.text.split('\n')[0];
  useEffect(() => {
    const url = URL.createObjectURL(
      new Blob([`${title}\n${formatDateTime(message.at, lang)}\n\n${message.text}\n`], { type: 'text/plain;charset=utf-8' }),
    );
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [title, message, lang]);
  return (
    <article
      className={`mandate-notice border-1px border-base-lighter padding-2 margin-bottom-2${printing ? ' mandate-print-target' : ''}`}
      data-testid="status-message"
    >
      <h3 className="margin-top-0">{title}</h3>
      <p className="text-base-dark margin-y-1">
        <time dateTime={message.at}>{formatDateTime(message.at, lang)}</time>
      </p>
      {message.text.split(/\n\s*\n/).map((paragraph, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs of one notice never move.
        <p key={i} className="mandate-notice__text">
          {paragraph}
        </p>
      ))}
      <div className="mandate-actions margin-top-1 mandate-no-print">
        <button type="button" className="usa-button usa-button--outline" onClick={onPrint}>
          {t('status.print')}
          <span className="usa-sr-only">: {title}</span>
        </button>
        {href && (
          <a
            className="usa-button usa-button--unstyled"
            href={href}
            download={`${reference}-${message.at.slice(0, 10)}-${message.notice ?? 'message'}.txt`}
          >
            {t('status.download')}
            <span className="usa-sr-only">: {title}</span>
          </a>
        )}
      </div>
    </article>
  );
}

function DocumentItem(props: { document: StatusDocument; token: string; onChange: (s: StatusView) => void; onExpired: (m: string) => void }) {
  const { t, lang } = useI18n();
  const d = props.document;
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const open = d.status === 'requested' || d.status === 'rejected';
  const id = `upload-${d.id}`;
  const types = d.accept.map((a) => a.replace(/^(application|image)\//, '').toUpperCase()).join(', ');
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setProblem(t('status.chooseFile'));
    setBusy(true);
    setProblem(null);
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const response = await fetch(`/api/status/documents/${encodeURIComponent(d.id)}`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'X-Status-Token': props.token, 'Accept-Language': lang },
        body: form,
      });
      const body = await response.json().catch(() => null);
      if (response.status === 401) return props.onExpired(body?.error?.message ?? t('common.error'));
      if (!response.ok) return setProblem(body?.error?.message ?? t('common.error'));
      setDone(true);
      props.onChange(body as StatusView);
    } catch {
      setProblem(t('common.network'));
    } finally {
      setBusy(false);
    }
  };
  const state =
    d.status === 'received'
      ? t('status.doc.received', { date: formatDate(d.receivedAt, lang) })
      : d.status === 'rejected'
        ? t('status.doc.rejected', { reason: d.reason ?? '' })
        : t(`status.doc.${d.status}`);
  return (
    <li className="border-top border-base-lighter padding-y-2" data-testid="status-document">
      <p className="margin-0 text-bold">{d.title}</p>
      {d.description && <p className="margin-y-05">{d.description}</p>}
      {d.note && <p className="margin-y-05">{t('status.docNote', { note: d.note })}</p>}
      {d.dueOn && (d.status === 'requested' || d.status === 'rejected') && (
        <p className="margin-y-05">{t('status.docDue', { date: formatDate(d.dueOn, lang) })}</p>
      )}
      <p className="margin-y-05">
        <span
          className={`usa-tag ${d.status === 'accepted' ? 'bg-success-dark' : d.status === 'rejected' ? 'bg-secondary-dark' : d.status === 'received' ? 'bg-primary' : 'bg-accent-warm-dark'}`}
        >
          {state}
        </span>
      </p>
      {done && !open && (
        <p className="margin-y-05" role="status">
          {t('status.uploaded', { title: d.title })}
        </p>
      )}
      {open && (
        <form className="usa-form maxw-full" onSubmit={(e) => void send(e)} noValidate>
          <div className={`usa-form-group margin-top-1${problem ? ' usa-form-group--error' : ''}`}>
            <label className="usa-label" htmlFor={id}>
              {t('status.uploadLabel', { title: d.title })}
            </label>
            <span className="usa-hint" id={`${id}-hint`}>
              {t('status.uploadHint', { types, size: Math.round((d.maxBytes ?? 10485760) / 1048576) })}
            </span>
            {problem && (
              <span className="usa-error-message" id={`${id}-error`} role="alert">
                {problem}
              </span>
            )}
            <input
              className="usa-file-input"
              id={id}
              type="file"
              accept={d.accept.join(',')}
              aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ''}`}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <button type="submit" className="usa-button margin-top-1" disabled={busy}>
            {t('status.uploadButton')}
            <span className="usa-sr-only">: {d.title}</span>
          </button>
        </form>
      )}
    </li>
  );
}
