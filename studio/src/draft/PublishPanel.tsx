/**
 * Publishing, as a two-person step (maker-checker): the analyst who made the draft asks for publication with its
 * effective date, changelog and in-flight policy; an administrator who is not that person reviews the changes and
 * publishes, or sends it back with a reason. An organisation that switched maker-checker off lets an administrator
 * publish their own draft; the server marks such versions as self-published. Publishing is refused while the draft
 * has errors or failing test cases (here and, again, on the server).
 */
import { useState } from 'react';
import { api, ApiError } from '../../../web/src/shared/api.ts';
import { Alert, errorText } from '../../../web/src/shared/components.tsx';
import { formatDate, formatDateTime } from '../../../web/src/shared/format.ts';
import { useLoad } from '../../../web/src/shared/hooks.ts';
import { useI18n } from '../../../web/src/shared/i18n.tsx';
import type { StaffUser } from '../../../web/src/staff/session.tsx';
import { LastImpact } from '../impact/LastImpact.tsx';
import { useText } from '../text.ts';
import type { PublicationReview, PublishResult, Settings } from '../types.ts';

/** Props: who is signed in, the draft's revision, and what blocks publishing now. */
export interface PublishPanelProps {
  programId: string;
  user: StaffUser;
  revision: number;
  errors: number;
  failingTests: number;
  unsaved: boolean;
  /** The draft's own in-flight policy, the form's starting choice. */
  inFlight: 'keep' | 'reevaluate';
  onPublished: (version: number) => void;
  saveNow: () => Promise<void>;
  /** The stored draft's version and content hash (the last impact is stale when the hash it ran on differs). */
  draftVersion: number;
  draftHash: string;
  draftCreatedAt?: string;
  /** Opens the Impact tab, set to compare with the version given (the one in force). */
  onOpenImpact: (against: number) => void;
}

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** The publish panel. */
export function PublishPanel({
  programId,
  user,
  revision,
  errors,
  failingTests,
  unsaved,
  inFlight: draftInFlight,
  onPublished,
  saveNow,
  draftVersion,
  draftHash,
  draftCreatedAt,
  onOpenImpact,
}: PublishPanelProps) {
  const { t, lang } = useI18n();
  const s = useText();
  const base = `/api/programs/${encodeURIComponent(programId)}`;
  const request = useLoad(
    () =>
      api<PublicationReview>('GET', `${base}/draft/publication-request`).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }),
    [programId, revision],
  );
  const isAdmin = user.roles.includes('administrator');
  const settings = useLoad(() => (isAdmin ? api<Settings>('GET', '/api/settings') : Promise.resolve(null)), [isAdmin]);
  const [effectiveFrom, setEffectiveFrom] = useState(tomorrow());
  const [changelog, setChangelog] = useState('');
  const [inFlight, setInFlight] = useState<'keep' | 'reevaluate'>(draftInFlight);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<{ message: string; details: string[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const blocked = errors > 0 || failingTests > 0;

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      await saveNow();
      await work();
    } catch (error) {
      const details = ((error as { diagnostics?: { message: string }[] }).diagnostics ?? []).map((d) => d.message);
      setProblem({ message: errorText(error, t), details });
    } finally {
      setBusy(false);
    }
  };
  const body = () => ({ changelog: changelog.trim(), effectiveFrom, inFlight, revision });
  const checkForm = (): boolean => {
    if (!changelog.trim()) {
      setProblem({ message: s('publish.changelogRequired'), details: [] });
      return false;
    }
    return true;
  };
  const ask = () =>
    checkForm() &&
    act(async () => {
      await api('POST', `${base}/draft/publication-request`, body());
      setNotice(s('publish.requested'));
      request.reload();
    });
  // On a request, its terms are the ones published (the reviewer confirms the revision they reviewed); without one
  // (maker-checker off), the terms typed here.
  const publish = (review: PublicationReview | null) =>
    act(async () => {
      const result = await api<PublishResult>('POST', `${base}/publish`, review ? { revision: review.request.revision } : body());
      onPublished(result.version);
    });
  const withdraw = () =>
    act(async () => {
      await api('POST', `${base}/draft/publication-request/withdraw`);
      setNotice(s('publish.withdrawn'));
      request.reload();
    });
  const reject = () => {
    if (!reason.trim()) {
      setProblem({ message: s('publish.reasonRequired'), details: [] });
      return;
    }
    void act(async () => {
      await api('POST', `${base}/draft/publication-request/reject`, { reason: reason.trim() });
      setNotice(s('publish.rejected'));
      setReason('');
      request.reload();
    });
  };

  const pending = request.data;
  const requester = pending
    ? { id: pending.request.requester.id, label: pending.request.requester.name ?? pending.request.requester.email ?? pending.request.requester.id }
    : null;
  const selfPublish = settings.data ? settings.data.makerChecker === false : false;
  return (
    <div>
      {problem && (
        <Alert type="error" heading={s('publish.failed')} focus>
          <p>{problem.message}</p>
          {problem.details.length > 0 && (
            <ul className="usa-list">
              {problem.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      {notice && (
        <Alert type="success" slim>
          {notice}
        </Alert>
      )}
      {blocked && (
        <Alert type="warning" heading={s('publish.blocked')}>
          <p>{s('publish.blockedText', { errors, failing: failingTests })}</p>
        </Alert>
      )}
      {unsaved && <p className="text-base-dark">{s('publish.savesFirst')}</p>}
      <LastImpact
        programId={programId}
        draftVersion={draftVersion}
        draftHash={draftHash}
        draftCreatedAt={draftCreatedAt}
        unsaved={unsaved}
        onOpen={onOpenImpact}
      />
      {pending && requester ? (
        <section aria-labelledby="request-heading" data-testid="publication-request">
          <h3 id="request-heading">{s('publish.requestHeading')}</h3>
          <p>{s('publish.requestBy', { name: requester.label, date: formatDateTime(pending.request.requestedAt, lang) })}</p>
          <dl className="mandate-facts">
            <dt>{s('publish.effectiveFrom')}</dt>
            <dd>{formatDate(pending.request.effectiveFrom, lang)}</dd>
            <dt>{s('publish.changelog')}</dt>
            <dd>{pending.request.changelog}</dd>
            <dt>{s('publish.inFlight')}</dt>
            <dd>
              {pending.request.inFlight === 'reevaluate'
                ? s('publish.reevaluate', { count: pending.pendingCases })
                : s('publish.keepCount', { count: pending.pendingCases })}
            </dd>
          </dl>
          {!pending.current && (
            <Alert type="warning" slim>
              {s('publish.changedSince')}
            </Alert>
          )}
          {pending.diff && (
            <>
              <h4>{s('publish.changes', { version: pending.diff.from })}</h4>
              {pending.diff.changes.length === 0 ? (
                <p>{s('compare.noChanges')}</p>
              ) : (
                <ul className="usa-list" data-testid="review-changes">
                  {pending.diff.changes.map((c, i) => (
                    <li key={`${c.path}-${i}`}>{c.text}</li>
                  ))}
                </ul>
              )}
            </>
          )}
          {isAdmin && requester.id !== user.id && (
            <>
              <button type="button" className="usa-button" disabled={busy || blocked || !pending.current} onClick={() => void publish(pending)}>
                {s('publish.publish')}
              </button>
              <label className="usa-label" htmlFor="reject-reason">
                {s('publish.rejectReason')}
              </label>
              <textarea className="usa-textarea" id="reject-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
              <button type="button" className="usa-button usa-button--secondary margin-top-1" disabled={busy} onClick={reject}>
                {s('publish.reject')}
              </button>
            </>
          )}
          {isAdmin && requester.id === user.id && !selfPublish && <p>{s('publish.needsOther')}</p>}
          {isAdmin && requester.id === user.id && selfPublish && (
            <button type="button" className="usa-button" disabled={busy || blocked} onClick={() => void publish(pending)}>
              {s('publish.publishSelf')}
            </button>
          )}
          {(requester.id === user.id || isAdmin) && (
            <button
              type="button"
              className="usa-button usa-button--unstyled margin-top-2 display-block"
              disabled={busy}
              onClick={() => void withdraw()}
            >
              {s('publish.withdraw')}
            </button>
          )}
        </section>
      ) : (
        <form
          className="usa-form maxw-none"
          onSubmit={(e) => {
            e.preventDefault();
            void ask();
          }}
        >
          <label className="usa-label margin-top-0" htmlFor="publish-date">
            {s('publish.effectiveFrom')}
          </label>
          <span className="usa-hint" id="publish-date-hint">
            {s('publish.effectiveHint')}
          </span>
          <input
            className="usa-input"
            type="date"
            id="publish-date"
            aria-describedby="publish-date-hint"
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.target.value)}
          />
          <label className="usa-label" htmlFor="publish-changelog">
            {s('publish.changelog')}
          </label>
          <textarea className="usa-textarea" id="publish-changelog" value={changelog} onChange={(e) => setChangelog(e.target.value)} rows={3} />
          <fieldset className="usa-fieldset margin-top-2">
            <legend className="usa-legend">{s('publish.inFlight')}</legend>
            {(['keep', 'reevaluate'] as const).map((v) => (
              <div className="usa-radio" key={v}>
                <input
                  className="usa-radio__input"
                  type="radio"
                  id={`inflight-${v}`}
                  name="inflight"
                  checked={inFlight === v}
                  onChange={() => setInFlight(v)}
                />
                <label className="usa-radio__label" htmlFor={`inflight-${v}`}>
                  {v === 'keep' ? s('publish.keep') : s('publish.reevaluateChoice')}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="usa-button margin-top-2" disabled={busy || blocked}>
            {s('publish.request')}
          </button>
          {isAdmin && selfPublish && (
            <button
              type="button"
              className="usa-button usa-button--outline margin-top-2"
              disabled={busy || blocked}
              onClick={() => {
                if (checkForm()) void publish(null);
              }}
            >
              {s('publish.publishSelf')}
            </button>
          )}
        </form>
      )}
    </div>
  );
}
