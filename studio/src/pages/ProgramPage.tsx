/**
 * One program: its versions on a timeline (draft, scheduled, in force, superseded), who changed what and when (the
 * audit log), and the actions: open or delete the draft, a new draft from any version (this is how a version is
 * reverted: published versions never change), export as JSON or as a program folder (.zip), compare.
 */
import { useState } from 'react';
import { api } from '../../../web/src/shared/api.ts';
import { Alert, errorText, useTitle } from '../../../web/src/shared/components.tsx';
import { LoadError } from '../../../web/src/shared/DeterminationView.tsx';
import { formatDate, formatDateTime } from '../../../web/src/shared/format.ts';
import { useLoad } from '../../../web/src/shared/hooks.ts';
import { useI18n } from '../../../web/src/shared/i18n.tsx';
import { Link, navigate } from '../../../web/src/shared/router.tsx';
import { useText, type StudioText } from '../text.ts';
import type { HistoryEntry, ProgramDetail, VersionSummary } from '../types.ts';
import { LayerReport } from '../draft/LayerReport.tsx';

/** The words for a version's state. */
export function stateLabel(v: VersionSummary, s: StudioText): string {
  switch (v.state ?? 'draft') {
    case 'draft':
      return s('state.draft');
    case 'in-force':
      return s('state.inForce');
    case 'scheduled':
      return s('state.scheduled');
    case 'superseded':
      return s('state.superseded');
    default:
      return s('state.expired');
  }
}

function actorName(entry: HistoryEntry, s: StudioText): string {
  return entry.actor ? (entry.actor.name ?? entry.actor.email ?? entry.actor.id) : s('history.system');
}

function History({ programId }: { programId: string }) {
  const { t, lang } = useI18n();
  const s = useText();
  const history = useLoad(() => api<HistoryEntry[]>('GET', `/api/programs/${encodeURIComponent(programId)}/history`), [programId]);
  return (
    <section aria-labelledby="history-heading" className="margin-top-5">
      <h2 id="history-heading">{s('history.heading')}</h2>
      {history.error !== undefined && <LoadError message={errorText(history.error, t)} />}
      {history.data && history.data.length === 0 && <p>{s('history.empty')}</p>}
      {history.data && history.data.length > 0 && (
        <ol className="usa-list usa-list--unstyled mandate-history">
          {history.data.map((entry, i) => (
            <li key={`${entry.at}-${i}`} className="padding-y-1 border-bottom-1px border-base-lighter">
              <span className="text-bold">{formatDateTime(entry.at, lang)}</span> · {actorName(entry, s)} ·{' '}
              {s(`action.${entry.action}` as never, entry.details) !== `action.${entry.action}`
                ? s(`action.${entry.action}` as never, entry.details)
                : entry.action}
              {entry.version !== null && <> · {s('programs.version', { version: entry.version })}</>}
              {entry.selfPublished && <span className="usa-tag margin-left-1">{s('history.selfPublished')}</span>}
              {typeof entry.details?.changelog === 'string' && entry.details.changelog && (
                <span className="display-block text-base-dark">{entry.details.changelog}</span>
              )}
              {typeof entry.details?.reason === 'string' && entry.details.reason && (
                <span className="display-block text-base-dark">{entry.details.reason}</span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The program page. */
export function ProgramPage({ programId }: { programId: string }) {
  const { t, lang } = useI18n();
  const s = useText();
  const program = useLoad(() => api<ProgramDetail>('GET', `/api/programs/${encodeURIComponent(programId)}`), [programId]);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useTitle(program.data?.title ?? '', s('site.title'));
  if (program.error !== undefined) return <LoadError message={errorText(program.error, t)} />;
  if (!program.data) return <p>{t('common.loading')}</p>;
  const p = program.data;
  const base = `/api/programs/${encodeURIComponent(programId)}`;
  const draft = p.versions.find((v) => v.status === 'draft');
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      await work();
    } catch (error) {
      setProblem(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  const newDraft = (version: number) =>
    act(async () => {
      await api('POST', `${base}/versions/${version}/draft`);
      navigate(`/studio/programs/${encodeURIComponent(programId)}/draft`);
    });
  const deleteDraft = () =>
    act(async () => {
      if (!window.confirm(s('program.deleteConfirm', { version: draft?.version }))) return;
      await api('DELETE', `${base}/draft`);
      setNotice(s('program.deleted', { version: draft?.version }));
      program.reload();
    });
  const rebase = (version: number) =>
    act(async () => {
      await api('POST', `${base}/rebase`, { version });
      navigate(`/studio/programs/${encodeURIComponent(programId)}/draft`);
    });
  const versions = [...p.versions].sort((a, b) => b.version - a.version);
  return (
    <>
      <h1>{p.title}</h1>
      <p className="usa-intro">{p.description}</p>
      <p className="font-mono-2xs text-base">{p.id}</p>
      {problem && (
        <Alert type="error" heading={s('program.actionFailed')} focus>
          <p>{problem}</p>
        </Alert>
      )}
      {notice && (
        <Alert type="success" slim>
          {notice}
        </Alert>
      )}
      <ul className="usa-button-group margin-bottom-3">
        {draft && (
          <li className="usa-button-group__item">
            <Link className="usa-button" href={`/studio/programs/${encodeURIComponent(programId)}/draft`}>
              {s('programs.openDraft', { version: draft.version })}
            </Link>
          </li>
        )}
        {versions.length > 1 && (
          <li className="usa-button-group__item">
            <Link className="usa-button usa-button--outline" href={`/studio/programs/${encodeURIComponent(programId)}/compare`}>
              {s('program.compare')}
            </Link>
          </li>
        )}
        {draft && (
          <li className="usa-button-group__item">
            <button type="button" className="usa-button usa-button--secondary" disabled={busy} onClick={() => void deleteDraft()}>
              {s('program.deleteDraft')}
            </button>
          </li>
        )}
      </ul>
      {p.extends && p.current && (
        <div className="margin-bottom-4">
          <LayerReport
            programId={programId}
            version="current"
            rebase={{ run: (v) => void rebase(v), busy, disabled: draft ? s('layer.rebaseNeedsNoDraft') : undefined }}
          />
        </div>
      )}
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">{s('program.versions')}</h2>
        <ol className="mandate-timeline usa-list usa-list--unstyled">
          {versions.map((v) => (
            <li key={v.version} className={`mandate-timeline__item mandate-timeline__item--${v.state ?? v.status}`}>
              <h3 className="margin-y-05 font-sans-md">
                {s('programs.version', { version: v.version })} <span className="usa-tag">{stateLabel(v, s)}</span>
                {v.selfPublished && <span className="usa-tag margin-left-1">{s('history.selfPublished')}</span>}
                {v.publicationRequested && <span className="usa-tag margin-left-1">{s('publish.requestHeading')}</span>}
              </h3>
              <p className="margin-y-05">
                {v.status === 'draft'
                  ? s('program.draftSince', { date: formatDateTime(v.createdAt, lang), revision: v.revision })
                  : s('program.effective', { date: formatDate(v.effectiveFrom, lang) })}
                {v.publishedAt && <> · {s('program.publishedOn', { date: formatDateTime(v.publishedAt, lang) })}</>}
              </p>
              {v.changelog && <p className="margin-y-05 text-base-dark">{v.changelog}</p>}
              <p className="margin-y-05">
                {v.status === 'published' && !draft && (
                  <button
                    type="button"
                    className="usa-button usa-button--unstyled margin-right-2"
                    disabled={busy}
                    onClick={() => void newDraft(v.version)}
                  >
                    {s('program.newDraftFrom', { version: v.version })}
                  </button>
                )}
                {v.status === 'published' && (
                  <>
                    <a className="usa-link margin-right-2" href={`${base}/export?version=${v.version}`} download>
                      {s('program.exportJson', { version: v.version })}
                    </a>
                    <a className="usa-link" href={`${base}/export?version=${v.version}&format=zip`} download>
                      {s('program.exportZip', { version: v.version })}
                    </a>
                  </>
                )}
              </p>
            </li>
          ))}
        </ol>
        {draft && <p className="text-base-dark">{s('program.oneDraft')}</p>}
      </section>
      <History programId={programId} />
    </>
  );
}
