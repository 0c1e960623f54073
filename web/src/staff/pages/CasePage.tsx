/**
 * One case for caseworkers and supervisors: the application as submitted (answers with question titles), the
 * determination with its reasons, trace and version, the actions this person may take now (from the API's
 * `availableTransitions`; a refusal is shown in plain words; a decision that needs a reason opens `DecisionConfirm`),
 * the decision taken and its reason, documents, corrections of answers (`CorrectionForm`), notes, history, and a
 * re-determination under the current version shown side by side with the decision; the team around the person
 * (`CaseTeam`) and notes with who reads them (`CaseNotes`). A team member from another organisation gets the team
 * view (issue 16): summary, status, team and shared notes only.
 */
import { useState } from 'react';
import { describeAnswers } from '../../forms/answers.ts';
import { api } from '../../shared/api.ts';
import { AnswerList } from '../../shared/AnswerList.tsx';
import { Alert, errorText, useTitle } from '../../shared/components.tsx';
import { DeterminationView, LoadError } from '../../shared/DeterminationView.tsx';
import { formatDate, formatDateTime } from '../../shared/format.ts';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { Link } from '../../shared/router.tsx';
import type { VersionWithDocument } from '../../shared/types.ts';
import type { CaseDetail, RedetermineResult } from '../types.ts';
import { TraceView } from './TraceView.tsx';
import { CaseDocument } from './CaseDocument.tsx';
import { CaseReferrals } from './CaseReferrals.tsx';
import { DecisionConfirm } from './DecisionConfirm.tsx';
import { DocumentRequestForm, type DocumentRequestChoice } from './DocumentRequestForm.tsx';
import { CorrectionForm } from './CorrectionForm.tsx';
import { CaseNotes } from './CaseNotes.tsx';
import { CaseTeam } from './CaseTeam.tsx';

/** The case page. */
export function CasePage({ caseId }: { caseId: string }) {
  const { t, lang } = useI18n();
  const detail = useLoad(async () => {
    const body = await api<CaseDetail>('GET', `/api/cases/${encodeURIComponent(caseId)}`);
    // The version the case was decided under gives the questions' titles and the states' names, in the staff's language.
    const version = await api<VersionWithDocument>(
      'GET',
      `/api/programs/${encodeURIComponent(body.program.id)}/versions/${body.program.version}?lang=${encodeURIComponent(lang)}`,
    );
    return { ...body, doc: version.doc };
  }, [caseId, lang]);
  useTitle(t('staff.caseTitle', { id: detail.data?.case.reference ?? caseId }), t('site.staffTitle'));
  const [message, setMessage] = useState<{ type: 'error' | 'success'; heading: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [redetermination, setRedetermination] = useState<RedetermineResult | null>(null);
  const [confirming, setConfirming] = useState<{ event: string; title: string } | null>(null);
  const [requesting, setRequesting] = useState<{ event: string; title: string } | null>(null);

  if (detail.error !== undefined) return <LoadError message={errorText(detail.error, t)} />;
  if (!detail.data) return <p>{t('common.loading')}</p>;
  const data = detail.data;
  const c = data.case;
  const stateTitle = (state: string | null) => (state ? (data.doc.workflow.states[state]?.title ?? state) : '');
  // Actions this person's role allows but a guard (such as maker-checker) refuses now: say why, in words.
  const refused = (data.transitions ?? []).filter((tr) => !tr.allowed && tr.code === 'guard');
  const person = (id: string | null | undefined) => (id ? (data.people?.[id]?.name ?? id) : '');
  const eventTitle = (event: string) => data.doc.workflow.transitions.find((tr) => tr.event === event)?.title ?? event;
  const decided = [...data.determinations].reverse().find((d) => d.applied) ?? data.determinations[data.determinations.length - 1];

  const reasonsFor = (event: string) => data.decisionReasons?.[event] ?? [];
  const reasonTitle = (id: string) =>
    Object.values(data.decisionReasons ?? {})
      .flat()
      .find((r) => r.id === id)?.title ?? id;
  // A transition that asks for documents opens the form to choose them (`DocumentRequestForm`).
  const requestedBy = (event: string) =>
    data.doc.workflow.transitions
      .filter((tr) => tr.event === event && tr.from.includes(c.state))
      .flatMap((tr) => (tr.actions ?? []).filter((a) => a.type === 'request-documents'))
      .flatMap((a) => (Array.isArray(a.documents) ? a.documents.map(String) : []));
  const asksForDocuments = (event: string) =>
    (data.doc.documents ?? []).length > 0 &&
    data.doc.workflow.transitions.some(
      (tr) => tr.event === event && tr.from.includes(c.state) && (tr.actions ?? []).some((a) => a.type === 'request-documents'),
    );
  const act = async (event: string, title: string, reason?: string, documents?: DocumentRequestChoice) => {
    setBusy(true);
    setMessage(null);
    try {
      await api('POST', `/api/cases/${encodeURIComponent(caseId)}/transitions`, { event, ...(reason ? { reason } : {}), ...documents });
      setConfirming(null);
      setRequesting(null);
      setMessage({ type: 'success', heading: t('staff.done', { title }), text: '' });
      detail.reload();
    } catch (error) {
      setMessage({ type: 'error', heading: t('staff.refused'), text: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };
  const failed = (text: string) => setMessage({ type: 'error', heading: t('common.error'), text });
  const redetermine = async (apply: boolean) => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await api<RedetermineResult>('POST', `/api/cases/${encodeURIComponent(caseId)}/redetermine`, {
        apply,
      });
      setRedetermination(result);
      if (apply) detail.reload();
    } catch (error) {
      setMessage({ type: 'error', heading: t('common.error'), text: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };

  const form = data.doc.form;
  const answers = data.application?.answers ?? {};
  const answerRows = form.pages
    .filter((page) => page.fields.some((f) => answers[f] !== undefined))
    .map((page) => ({ page, rows: describeAnswers(form.schema, form.uiSchema, page.fields, answers, t, lang) }));
  const after = redetermination?.determination;
  const before = redetermination?.previous ?? decided;

  return (
    <>
      <p>
        <Link className="usa-link" href="/staff">
          {t('staff.back')}
        </Link>
      </p>
      <h1>{t('staff.caseTitle', { id: c.reference })}</h1>
      <ul className="usa-list usa-list--unstyled">
        <li>
          <strong>{t('staff.program')}:</strong> {data.program.title} (v{c.version})
        </li>
        <li>
          <strong>{t('staff.state')}:</strong> <span data-testid="case-state">{c.stateTitle ?? stateTitle(c.state)}</span>
        </li>
        <li>
          <strong>{t('staff.assignee')}:</strong> <span data-testid="case-assignee">{c.assignee?.name ?? t('staff.unassigned')}</span>
        </li>
        {c.decision && (
          <li data-testid="case-decision">
            <strong>{t('staff.decision')}:</strong> {eventTitle(c.decision.event)} ({formatDate(c.decision.at, lang)}). {t('staff.decisionReason')}:{' '}
            {reasonTitle(c.decision.reason.id)}
            {c.decision.reason.reference?.citation && ` (${c.decision.reason.reference.citation})`}
          </li>
        )}
        {data.application?.onBehalfOf && <li>{t('staff.onBehalfOf', { client: data.application.onBehalfOf })}</li>}
        {data.deadlines.map((d) => (
          <li key={d.id}>
            <strong>{d.title}:</strong> {formatDate(d.dueOn, lang)}{' '}
            {d.overdue ? <span className="usa-tag bg-secondary-dark">{t('staff.overdue')}</span> : !d.met && t('staff.daysLeft', { n: d.daysLeft })}
          </li>
        ))}
      </ul>

      {message && (
        <Alert type={message.type} heading={message.heading} focus>
          {message.text && <p data-testid="action-message">{message.text}</p>}
        </Alert>
      )}

      {data.access === 'team' ? (
        <>
          <Alert type="info" slim>
            <p className="usa-alert__text" data-testid="team-view">
              {t('team.viewNotice')}
            </p>
          </Alert>
          <CaseTeam data={data} onChange={detail.reload} onError={failed} />
          <CaseNotes data={data} person={person} onChange={detail.reload} onError={failed} />
        </>
      ) : (
        <>
          <section aria-labelledby="actions-heading">
            <h2 id="actions-heading">{t('staff.actions')}</h2>
            {data.availableTransitions.length === 0 && <p>{t('staff.noActions')}</p>}
            {refused.length > 0 && (
              <ul className="usa-list" data-testid="refused-actions">
                {refused.map((tr) => (
                  <li key={tr.event}>
                    <strong>{t('staff.notNow', { title: tr.title })}</strong> {tr.reason}
                  </li>
                ))}
              </ul>
            )}
            <div className="mandate-actions margin-top-0">
              {data.availableTransitions.map((tr) => (
                <button
                  key={tr.event}
                  type="button"
                  className="usa-button"
                  disabled={busy}
                  aria-expanded={
                    reasonsFor(tr.event).length > 0
                      ? confirming?.event === tr.event
                      : asksForDocuments(tr.event)
                        ? requesting?.event === tr.event
                        : undefined
                  }
                  onClick={() => {
                    if (reasonsFor(tr.event).length > 0) {
                      setRequesting(null);
                      setConfirming({ event: tr.event, title: tr.title });
                    } else if (asksForDocuments(tr.event)) {
                      setConfirming(null);
                      setRequesting({ event: tr.event, title: tr.title });
                    } else void act(tr.event, tr.title);
                  }}
                >
                  {tr.title}
                </button>
              ))}
            </div>
            {confirming && (
              <DecisionConfirm
                key={confirming.event}
                caseId={caseId}
                event={confirming.event}
                title={confirming.title}
                choices={reasonsFor(confirming.event)}
                busy={busy}
                onConfirm={(reason) => void act(confirming.event, confirming.title, reason)}
                onCancel={() => setConfirming(null)}
              />
            )}
            {requesting && (
              <DocumentRequestForm
                key={requesting.event}
                title={requesting.title}
                types={(data.doc.documents ?? []).map((d) => ({ id: d.id, title: d.title, description: d.description }))}
                initial={requestedBy(requesting.event)}
                busy={busy}
                onConfirm={(choice) => void act(requesting.event, requesting.title, undefined, choice)}
                onCancel={() => setRequesting(null)}
              />
            )}
          </section>

          <section aria-labelledby="documents-heading">
            <h2 id="documents-heading">{t('staff.documents')}</h2>
            {data.documents.length === 0 ? (
              <p>{t('staff.noDocuments')}</p>
            ) : (
              <ul className="usa-list usa-list--unstyled" data-testid="documents">
                {data.documents.map((d) => (
                  <CaseDocument
                    key={d.id}
                    caseId={c.id}
                    document={d}
                    title={data.doc.documents?.find((type) => type.id === d.typeId)?.title}
                    onChange={detail.reload}
                  />
                ))}
              </ul>
            )}
          </section>

          <CaseReferrals caseId={c.id} applicationId={c.applicationId} programId={data.program.id} />

          <section aria-labelledby="determination-heading">
            <h2 id="determination-heading">{t('staff.determination')}</h2>
            {decided && (
              <>
                <p className="text-base-dark">
                  {t('staff.decidedUnder', {
                    version: decided.version,
                    hash: decided.hash.slice(0, 12),
                    date: formatDate(decided.asOf, lang),
                  })}
                </p>
                {decided.check && !decided.check.ok && (
                  <div className="usa-alert usa-alert--error usa-alert--slim margin-bottom-2" role="alert" data-testid="recompute-mismatch">
                    <div className="usa-alert__body">
                      <p className="usa-alert__text">
                        {t('staff.recomputeMismatch', {
                          stored: decided.check.storedHash.slice(0, 12),
                          recomputed: decided.check.recomputedHash.slice(0, 12),
                        })}
                      </p>
                    </div>
                  </div>
                )}
                <DeterminationView determination={decided.result} headingLevel={3} staff />
                <TraceView determination={decided.result} />
              </>
            )}
            <h3>{t('staff.redetermine')}</h3>
            <p>{t('staff.redetermineIntro')}</p>
            <button type="button" className="usa-button usa-button--outline" disabled={busy} onClick={() => void redetermine(false)}>
              {t('staff.redetermine')}
            </button>
            {after && (
              <>
                <div className="mandate-side-by-side margin-top-2" data-testid="redetermination">
                  <div>
                    <h4>
                      {t('staff.before')} (v{before?.version})
                    </h4>
                    {before && <DeterminationView determination={before.result} headingLevel={3} staff />}
                  </div>
                  <div>
                    <h4>
                      {t('staff.after')} (v{after.version})
                    </h4>
                    <DeterminationView determination={after.result} headingLevel={3} staff />
                  </div>
                </div>
                <button type="button" className="usa-button" disabled={busy} onClick={() => void redetermine(true)}>
                  {t('staff.applyRedetermination')}
                </button>
              </>
            )}
          </section>

          <section aria-labelledby="application-heading">
            <h2 id="application-heading">{t('staff.application')}</h2>
            {data.application?.submittedAt && (
              <p>
                {t('staff.submittedAt')}: {formatDateTime(data.application.submittedAt, lang)}
              </p>
            )}
            {data.application?.consent && (
              <p data-testid="consent">
                {t('staff.consentRecorded', {
                  date: formatDateTime(data.application.consent.confirmedAt, lang),
                  statement: data.application.consent.statement,
                })}
              </p>
            )}
            {answerRows.map(({ page, rows }) => (
              <div key={page.id}>
                <h3>{page.title}</h3>
                <AnswerList rows={rows} />
              </div>
            ))}
          </section>

          <CorrectionForm
            data={data}
            schema={form.schema as Record<string, unknown>}
            person={person}
            onDone={(text) => {
              setMessage({ type: 'success', heading: text, text: '' });
              detail.reload();
            }}
          />

          <CaseTeam data={data} onChange={detail.reload} onError={failed} />
          <CaseNotes data={data} person={person} onChange={detail.reload} onError={failed} />

          <section aria-labelledby="history-heading">
            <h2 id="history-heading">{t('staff.history')}</h2>
            <ol className="usa-list" data-testid="history">
              {data.history.map((h, i) => (
                <li key={h.id ?? i}>
                  {formatDateTime(h.at, lang)}:{' '}
                  {t('staff.historyEntry', { event: eventTitle(h.event), from: stateTitle(h.from), to: stateTitle(h.to) })}{' '}
                  {h.actorId && t('staff.by', { actor: person(h.actorId) })}
                  {h.reason && ` (${t('staff.decisionReason')}: ${reasonTitle(h.reason)})`}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </>
  );
}
