/**
 * The impact jobs of the runtime, as the studio uses them: start one over the stored cases or over a population file
 * chosen on the device, follow it (polling while it runs), cancel it, and list a program's jobs (newest first).
 * The server runs the job on the stored draft version; one job runs per program at a time (a second start is
 * answered 409 with the running job's id, which `startImpact` follows instead).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../../web/src/shared/api.ts';
import type { ImpactJob } from '../types.ts';

/** What to run: the two versions, the date, the breakdown and where the households come from. */
export interface ImpactRequest {
  programId: string;
  version: number;
  against: number;
  asOf: string;
  /** A derived value or form field; empty for no breakdown. */
  by: string;
  source: { kind: 'caseload'; states?: string[] } | { kind: 'population'; file: File };
}

/** The content type a population file is sent with, from its name; null when it is neither JSON Lines nor CSV. */
export function populationType(name: string): 'application/x-ndjson' | 'text/csv' | null {
  if (/\.(jsonl|ndjson)$/i.test(name)) return 'application/x-ndjson';
  if (/\.csv$/i.test(name)) return 'text/csv';
  return null;
}

const programBase = (programId: string) => `/api/programs/${encodeURIComponent(programId)}`;

/**
 * Starts a job; resolves with it and whether it is one that was already running (a 409: then the program's running
 * job, which the page follows instead).
 */
export async function startImpact(request: ImpactRequest): Promise<{ job: ImpactJob; alreadyRunning: boolean }> {
  const base = programBase(request.programId);
  try {
    if (request.source.kind === 'caseload') {
      const body = {
        version: request.version,
        against: request.against,
        asOf: request.asOf,
        source: request.source.states ? { kind: 'caseload', states: request.source.states } : { kind: 'caseload' },
        ...(request.by ? { by: request.by } : {}),
      };
      const { job } = await api<{ job: ImpactJob }>('POST', `${base}/impact`, body);
      return { job, alreadyRunning: false };
    }
    const { file } = request.source;
    const type = populationType(file.name);
    if (!type) throw new Error(`unsupported population file ${file.name}`);
    const query = new URLSearchParams({ version: String(request.version), against: String(request.against), asOf: request.asOf });
    if (request.by) query.set('by', request.by);
    // The file's own type is often empty or generic for .jsonl: send it as what its name says it is.
    const { job } = await api<{ job: ImpactJob }>('POST', `${base}/impact/population?${query}`, file.slice(0, file.size, type));
    return { job, alreadyRunning: false };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 409) throw error;
    const running = (await listJobs(request.programId)).find((j) => j.status === 'running');
    if (!running) throw error;
    return { job: running, alreadyRunning: true };
  }
}

/** One job as it stands now. */
export function getJob(jobId: string): Promise<ImpactJob> {
  return api<ImpactJob>('GET', `/api/impact-jobs/${encodeURIComponent(jobId)}`);
}

/** Asks the server to stop a running job; resolves with the job as it then stands. */
export function cancelJob(jobId: string): Promise<ImpactJob> {
  return api<ImpactJob>('POST', `/api/impact-jobs/${encodeURIComponent(jobId)}/cancel`);
}

/** A program's impact jobs, newest first. */
export async function listJobs(programId: string): Promise<ImpactJob[]> {
  return (await api<{ items: ImpactJob[] }>('GET', `${programBase(programId)}/impact-jobs`)).items;
}

/**
 * The job of this draft to show: the newest one for its version started since the draft was made (a deleted and
 * remade draft has the same version number), running or done; `against` narrows it to one version compared with.
 */
export function jobOfDraft(jobs: readonly ImpactJob[], draft: { version: number; createdAt?: string }, against?: number): ImpactJob | null {
  const since = draft.createdAt ? Date.parse(draft.createdAt) : Number.NEGATIVE_INFINITY;
  return (
    jobs.find(
      (j) =>
        j.version === draft.version &&
        (against === undefined || j.against === against) &&
        (j.status === 'running' || (j.status === 'done' && j.summary !== null)) &&
        Date.parse(j.startedAt) >= since,
    ) ?? null
  );
}

/** How often a running job is asked for its progress. */
const POLL_MS = 500;

/** A job followed until it ends: `follow(job)` starts following, `job` is its latest state, `error` a failed poll. */
export function useImpactJob(): { job: ImpactJob | null; error: unknown; follow: (job: ImpactJob | null) => void } {
  const [job, setJob] = useState<ImpactJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<number | undefined>(undefined);
  const following = useRef<string | null>(null);

  const poll = useCallback((id: string) => {
    timer.current = window.setTimeout(() => {
      getJob(id).then(
        (next) => {
          if (following.current !== id) return;
          setJob(next);
          if (next.status === 'running') poll(id);
        },
        (e: unknown) => {
          if (following.current !== id) return;
          setError(e);
          // A lost connection is retried; the job runs on the server either way.
          poll(id);
        },
      );
    }, POLL_MS);
  }, []);

  const follow = useCallback(
    (next: ImpactJob | null) => {
      window.clearTimeout(timer.current);
      following.current = next?.id ?? null;
      setJob(next);
      setError(null);
      if (next?.status === 'running') poll(next.id);
    },
    [poll],
  );

  useEffect(
    () => () => {
      following.current = null;
      window.clearTimeout(timer.current);
    },
    [],
  );
  return { job, error, follow };
}
