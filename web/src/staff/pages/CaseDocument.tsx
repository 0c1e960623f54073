/**
 * One requested document on the case page: its state, the uploaded file (download), and what staff may do with it:
 * upload a copy brought to the office, accept it, or reject it with a reason the applicant reads on the status page.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api.ts';
import type { Document } from '../../shared/api-types.ts';
import { errorText } from '../../shared/components.tsx';
import { formatDate } from '../../shared/format.ts';
import { useI18n } from '../../shared/i18n.tsx';

/** The document's line and its actions; `onChange` reloads the case. */
export function CaseDocument({
  caseId,
  document: d,
  title,
  onChange,
}: {
  caseId: string;
  document: Document;
  /** The document type's title in the staff's language (else the name it was requested by). */
  title?: string;
  onChange: () => void;
}) {
  const { t, lang } = useI18n();
  const [reason, setReason] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(d.id)}`;
  const run = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await call();
      onChange();
    } catch (error) {
      setProblem(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  const review = (status: 'accepted' | 'rejected') =>
    run(() => api('POST', `${base}/review`, status === 'rejected' ? { status, reason } : { status }));
  const upload = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setProblem(t('status.chooseFile'));
    const form = new FormData();
    form.append('file', file, file.name);
    void run(() => api('POST', `${base}/file`, form));
  };
  const state =
    d.status === 'accepted'
      ? t('staff.docAccepted')
      : d.status === 'rejected'
        ? t('staff.docRejected', { reason: d.reason ?? '' })
        : d.status === 'received'
          ? `${t('staff.docReceived')} ${formatDate(d.receivedAt, lang)}`
          : `${t('staff.docRequested')} ${formatDate(d.requestedAt, lang)}`;
  const id = `doc-${d.id}`;
  const shownTitle = title ?? d.name;
  return (
    <li className="border-top border-base-lighter padding-y-2" data-testid="case-document">
      <p className="margin-0">
        <strong>{shownTitle}</strong>: <span data-testid="document-state">{state}</span>
        {d.dueOn && d.status !== 'accepted' && <> ({t('staff.docDue', { date: formatDate(d.dueOn, lang) })})</>}
      </p>
      {d.note && <p className="margin-y-05 text-base-dark">{d.note}</p>}
      {d.file && (
        <p className="margin-y-05">
          <a className="usa-link" href={`${base}/file`} download>
            {t('staff.docDownload', { name: d.file.name })}
          </a>{' '}
          <span className="text-base-dark">
            ({Math.max(1, Math.round(d.file.size / 1024))} kB, sha256 {d.file.sha256.slice(0, 12)}…)
          </span>
        </p>
      )}
      {problem && (
        <p className="usa-error-message" role="alert">
          {problem}
        </p>
      )}
      {d.status !== 'accepted' && (
        <div className="mandate-actions margin-top-1">
          {d.status !== 'requested' && (
            <button type="button" className="usa-button" disabled={busy} onClick={() => void review('accepted')}>
              {t('staff.docAccept')}
              <span className="usa-sr-only">: {shownTitle}</span>
            </button>
          )}
          <div className="usa-form-group margin-top-0">
            <label className="usa-label margin-top-0" htmlFor={`${id}-reason`}>
              {t('staff.docReason')}
            </label>
            <input className="usa-input" id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} />
            <button type="button" className="usa-button usa-button--secondary margin-top-1" disabled={busy} onClick={() => void review('rejected')}>
              {t('staff.docReject')}
              <span className="usa-sr-only">: {shownTitle}</span>
            </button>
          </div>
          <form onSubmit={upload} noValidate>
            <label className="usa-label margin-top-0" htmlFor={`${id}-file`}>
              {t('staff.docUpload', { title: shownTitle })}
            </label>
            <input className="usa-file-input" id={`${id}-file`} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            <button type="submit" className="usa-button usa-button--outline margin-top-1" disabled={busy}>
              {t('staff.docUploadButton')}
              <span className="usa-sr-only">: {shownTitle}</span>
            </button>
          </form>
        </div>
      )}
    </li>
  );
}
