/**
 * The draft page's Impact tab: the analyst chooses the version to compare against (the version in force by default),
 * the households (the stored cases still open, all stored cases, or a population file from the device), the date
 * and the breakdown field, and runs the impact on the server over the stored draft; a progress bar with the time
 * left and a Cancel button follow the job; the results (`ImpactResults`) show when it is done. The latest job of this
 * draft version is shown again when the tab opens, so leaving the tab loses nothing.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { localize, type Program } from '../../../engine/index.ts';
import { api } from '../../../web/src/shared/api.ts';
import { Alert, errorText } from '../../../web/src/shared/components.tsx';
import { formatDuration, formatNumber } from '../../../web/src/shared/format.ts';
import { useLoad } from '../../../web/src/shared/hooks.ts';
import { useI18n } from '../../../web/src/shared/i18n.tsx';
import { stateLabel } from '../pages/ProgramPage.tsx';
import { useText } from '../text.ts';
import type { ImpactJob, ProgramDetail } from '../types.ts';
import { ImpactResults } from './ImpactResults.tsx';
import { cancelJob, jobOfDraft, listJobs, populationType, startImpact, useImpactJob, type ImpactRequest } from './jobs.ts';
import { breakdownChoices, defaultBreakdown } from './summary.ts';

/** Props: the draft (its stored version, content hash and creation, and whether the text on screen is saved) and how to save it. */
export interface ImpactPanelProps {
  programId: string;
  draftVersion: number;
  draftHash: string;
  draftCreatedAt?: string;
  /** The version to compare with when the tab opens (the publish screen asks for the version in force); default: the last run's, else the version in force. */
  initialAgainst?: number | null;
  doc: Program;
  unsaved: boolean;
  saveNow: () => Promise<void>;
}

type Source = 'open' | 'all' | 'file';

/** Today on this device, as an ISO date. */
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The progress of a running job: a progress bar (its value in words too) and the time left. */
export function ImpactProgress({ job }: { job: ImpactJob }) {
  const { lang } = useI18n();
  const s = useText();
  const { done, total } = job.progress;
  const words =
    total === null
      ? s('impact.progressUnknown', { done: formatNumber(done, lang) })
      : s('impact.progress', { done: formatNumber(done, lang), total: formatNumber(total, lang) });
  const eta = job.etaSeconds === null ? '' : s('impact.eta', { time: formatDuration(job.etaSeconds, lang) });
  const text = eta ? `${words}, ${eta}` : words;
  const percent = total ? Math.min(100, (done / total) * 100) : null;
  return (
    <div className="mandate-impact-progress" data-testid="impact-progress">
      <div
        className="mandate-impact-progress__bar"
        role="progressbar"
        aria-label={s('impact.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={total === null ? undefined : done}
        aria-valuetext={text}
      >
        <div
          className={`mandate-impact-progress__fill${percent === null ? ' mandate-impact-progress__fill--unknown' : ''}`}
          style={{ width: percent === null ? '100%' : `${percent}%` }}
        />
      </div>
      <p className="margin-y-1">{text}</p>
    </div>
  );
}

/** The Impact tab. */
export function ImpactPanel({ programId, draftVersion, draftHash, draftCreatedAt, initialAgainst = null, doc, unsaved, saveNow }: ImpactPanelProps) {
  const { t, lang } = useI18n();
  const s = useText();
  const ids = useId();
  const program = useLoad(() => api<ProgramDetail>('GET', `/api/programs/${encodeURIComponent(programId)}`), [programId]);
  const published = (program.data?.versions ?? []).filter((v) => v.status === 'published').sort((a, b) => b.version - a.version);
  const [against, setAgainst] = useState<number | null>(initialAgainst);
  const [source, setSource] = useState<Source>('open');
  const [file, setFile] = useState<File | null>(null);
  const [asOf, setAsOf] = useState(today);
  const [by, setBy] = useState(() => defaultBreakdown(doc));
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [listError, setListError] = useState<unknown>(null);
  const [jobsLoaded, setJobsLoaded] = useState(false);
  const { job, error: pollError, follow } = useImpactJob();
  const chosen = against ?? program.data?.current?.version ?? published[0]?.version ?? null;
  // The draft's fields by their titles in the page's language.
  const choices = useMemo(() => breakdownChoices(localize(doc, lang)), [doc, lang]);

  // The workflow's decided states, read when a job is found (editing the workflow later does not reset the form).
  const decided = useRef(new Set<string>());
  decided.current = new Set(Object.entries(doc.workflow?.states ?? {}).flatMap(([id, state]) => (state.terminal ? [id] : [])));
  // The latest job of this draft (a run started earlier, or still running), with the form set as it was run.
  useEffect(() => {
    let live = true;
    listJobs(programId).then(
      (jobs) => {
        if (!live) return;
        setJobsLoaded(true);
        const mine = jobOfDraft(jobs, { version: draftVersion, createdAt: draftCreatedAt }, initialAgainst ?? undefined);
        if (!mine) return;
        follow(mine);
        setAgainst(mine.against);
        setAsOf(mine.asOf);
        setBy(mine.by ?? '');
        if (mine.source.kind === 'population') setSource('file');
        else if (mine.source.states.some((state) => decided.current.has(state))) setSource('all');
      },
      (e: unknown) => live && setListError(e),
    );
    return () => {
      live = false;
    };
  }, [programId, draftVersion, draftCreatedAt, initialAgainst, follow]);

  const run = async () => {
    setProblem(null);
    setNotice(null);
    if (chosen === null) return;
    const fileProblem =
      source !== 'file' ? null : !file ? s('impact.fileMissing') : !populationType(file.name) ? s('impact.fileType', { name: file.name }) : null;
    if (fileProblem) {
      setProblem(fileProblem);
      return;
    }
    const states = source === 'all' ? Object.keys(doc.workflow?.states ?? {}) : undefined;
    const request: ImpactRequest = {
      programId,
      version: draftVersion,
      against: chosen,
      asOf,
      by,
      source: source === 'file' && file ? { kind: 'population', file } : { kind: 'caseload', states },
    };
    setBusy(true);
    try {
      const started = await startImpact(request);
      if (started.alreadyRunning) setNotice(s('impact.alreadyRunning'));
      follow(started.job);
    } catch (e) {
      setProblem(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    if (!job) return;
    try {
      follow(await cancelJob(job.id));
    } catch (e) {
      setProblem(errorText(e, t));
    }
  };

  const running = job?.status === 'running';
  const status = !job
    ? ''
    : job.status === 'running'
      ? s('impact.running', { after: job.version, before: job.against })
      : job.status === 'done'
        ? s('impact.done')
        : job.status === 'cancelled'
          ? s('impact.cancelled')
          : s('impact.failed', { detail: job.error ?? '' });

  return (
    <div className="mandate-impact" data-testid="impact-panel" data-jobs={jobsLoaded ? 'loaded' : 'loading'}>
      <h2 className="margin-top-0">{s('impact.heading')}</h2>
      <p>{s('impact.intro')}</p>
      {unsaved && (
        <Alert type="warning" slim>
          <p className="margin-0">{s('impact.saveFirst')}</p>
          <button type="button" className="usa-button usa-button--small margin-top-1" onClick={() => void saveNow()}>
            {s('impact.saveNow')}
          </button>
        </Alert>
      )}
      {problem && (
        <Alert type="error" slim focus>
          {problem}
        </Alert>
      )}
      {listError !== null && (
        <Alert type="error" slim>
          {errorText(listError, t)}
        </Alert>
      )}
      {notice && (
        <Alert type="info" slim>
          {notice}
        </Alert>
      )}
      {program.data && published.length === 0 && (
        <Alert type="info" slim>
          {s('impact.noVersions')}
        </Alert>
      )}
      <form
        className="usa-form maxw-none"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label className="usa-label margin-top-0" htmlFor={`${ids}-against`}>
          {s('impact.against')}
        </label>
        <select
          className="usa-select"
          id={`${ids}-against`}
          value={chosen ?? ''}
          onChange={(e) => setAgainst(Number(e.target.value))}
          disabled={published.length === 0}
        >
          {published.map((v) => (
            <option key={v.version} value={v.version}>
              {s('impact.versionOption', { version: v.version, state: stateLabel(v, s) })}
            </option>
          ))}
        </select>
        <fieldset className="usa-fieldset margin-top-2">
          <legend className="usa-legend">{s('impact.source')}</legend>
          {(['open', 'all', 'file'] as const).map((v) => (
            <div className="usa-radio" key={v}>
              <input
                className="usa-radio__input"
                type="radio"
                id={`${ids}-source-${v}`}
                name={`${ids}-source`}
                checked={source === v}
                onChange={() => setSource(v)}
              />
              <label className="usa-radio__label" htmlFor={`${ids}-source-${v}`}>
                {s(`impact.source.${v}`)}
              </label>
            </div>
          ))}
        </fieldset>
        {source === 'file' && (
          <>
            <label className="usa-label" htmlFor={`${ids}-file`}>
              {s('impact.file')}
            </label>
            <span className="usa-hint" id={`${ids}-file-hint`}>
              {s('impact.fileHint')}
            </span>
            <input
              className="usa-input"
              type="file"
              id={`${ids}-file`}
              aria-describedby={`${ids}-file-hint`}
              accept=".jsonl,.ndjson,.csv,application/x-ndjson,text/csv"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </>
        )}
        <label className="usa-label" htmlFor={`${ids}-date`}>
          {s('impact.asOf')}
        </label>
        <span className="usa-hint" id={`${ids}-date-hint`}>
          {s('impact.asOfHint')}
        </span>
        <input
          className="usa-input"
          type="date"
          id={`${ids}-date`}
          aria-describedby={`${ids}-date-hint`}
          value={asOf}
          required
          onChange={(e) => setAsOf(e.target.value)}
        />
        <label className="usa-label" htmlFor={`${ids}-by`}>
          {s('impact.by')}
        </label>
        <select className="usa-select" id={`${ids}-by`} value={by} onChange={(e) => setBy(e.target.value)}>
          <option value="">{s('impact.byNone')}</option>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.title}
            </option>
          ))}
        </select>
        <div className="margin-top-2">
          <button type="submit" className="usa-button" disabled={busy || running || unsaved || chosen === null}>
            {s('impact.run')}
          </button>
          {running && (
            <button type="button" className="usa-button usa-button--secondary" onClick={() => void cancel()}>
              {s('impact.cancel')}
            </button>
          )}
        </div>
      </form>
      <div role="status" aria-live="polite" className="margin-top-2" data-testid="impact-status" data-status={job?.status ?? ''}>
        {status && <p className={job?.status === 'failed' ? 'text-secondary-dark text-bold' : 'text-bold'}>{status}</p>}
        {running && pollError !== null && <p>{errorText(pollError, t)}</p>}
      </div>
      {job && running && <ImpactProgress job={job} />}
      {job && job.problems.length > 0 && (
        <div className="margin-y-2" data-testid="impact-file-problems">
          <p>{s('impact.fileProblems', { count: formatNumber(job.problems.length, lang) })}</p>
          <ul className="usa-list">
            {job.problems.slice(0, 20).map((p) => (
              <li key={`${p.line}-${p.message}`}>{s('impact.problemLine', { line: p.line, message: p.message })}</li>
            ))}
          </ul>
        </div>
      )}
      {job?.status === 'done' && job.summary && job.summary.after.hash !== draftHash && (
        <Alert type="warning" slim>
          <span data-testid="impact-stale">{s('impact.publish.stale')}</span>
        </Alert>
      )}
      {job?.status === 'done' && job.summary && <ImpactResults job={job} summary={job.summary} doc={doc} />}
    </div>
  );
}
