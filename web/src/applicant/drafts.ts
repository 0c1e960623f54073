/**
 * Application drafts kept on the device, so a dropped connection loses nothing: the application id, its resume code,
 * the answers and when they were last changed, per program; and submitted results per application.
 *
 * Where: localStorage by default (they survive closing the browser). On a shared device (the applicant says so,
 * `setSharedDevice`) in sessionStorage only: gone when the window closes, nothing left for the next person; the
 * choice itself is kept in sessionStorage too. `clearResult` / `forgetApplication` remove them at once (finish).
 */
import type { SubmitResult } from '../shared/types.ts';

/** What the device remembers about an application in progress. */
export interface LocalDraft {
  id: string;
  programId: string;
  resumeCode: string;
  answers: Record<string, unknown>;
  updatedAt: string;
  /** True when the last change has not reached the server yet. */
  unsynced?: boolean;
}

const draftKey = (programId: string) => `mandate.draft.${programId}`;
const resultKey = (applicationId: string) => `mandate.result.${applicationId}`;
const SHARED_KEY = 'mandate.sharedDevice';
/** The keys that hold an applicant's data (resume code, answers, results). */
const isApplicantKey = (key: string) => key.startsWith('mandate.draft.') || key.startsWith('mandate.result.') || key.startsWith('mandate.share.');

function storageOr(pick: () => Storage): Storage | null {
  try {
    return pick();
  } catch {
    return null;
  }
}
const local = () => storageOr(() => window.localStorage);
const session = () => storageOr(() => window.sessionStorage);

/** True when the applicant said this is a shared device (for this browser window). */
export function isSharedDevice(): boolean {
  return session()?.getItem(SHARED_KEY) === '1';
}

/**
 * Says whether this is a shared device, and moves what is kept already: on a shared device everything goes to
 * sessionStorage (and leaves localStorage); back on a personal one, to localStorage.
 */
export function setSharedDevice(shared: boolean): void {
  const from = shared ? local() : session();
  const to = shared ? session() : local();
  if (shared) session()?.setItem(SHARED_KEY, '1');
  else session()?.removeItem(SHARED_KEY);
  if (!from || !to) return;
  const keys = Array.from({ length: from.length }, (_, i) => from.key(i)).filter((k): k is string => !!k && isApplicantKey(k));
  for (const key of keys) {
    const value = from.getItem(key);
    try {
      if (value !== null) to.setItem(key, value);
    } catch {
      // Storage full: the server copy still holds the answers.
    }
    from.removeItem(key);
  }
}

function store(): Storage | null {
  return isSharedDevice() ? session() : local();
}

function read<T>(key: string): T | null {
  try {
    const text = store()?.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    store()?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled (private mode): the server copy still holds the answers.
  }
}

/** The draft in progress for a program on this device, if any. */
export function loadDraft(programId: string): LocalDraft | null {
  return read<LocalDraft>(draftKey(programId));
}

/** Remembers a draft on this device. */
export function saveDraft(draft: LocalDraft): void {
  write(draftKey(draft.programId), draft);
}

/** Forgets a program's draft (after submission, or when the applicant removes it from a shared device). */
export function clearDraft(programId: string): void {
  for (const s of [local(), session()]) s?.removeItem(draftKey(programId));
}

/** Forgets a submission's result on this device (the applicant finished). */
export function clearResult(applicationId: string): void {
  for (const s of [local(), session()]) s?.removeItem(resultKey(applicationId));
}

/** A stored result: the submission's answer, its program and (issue 16) the resume code, to refer and share from it. */
export type StoredResult = SubmitResult & { programId: string; resumeCode?: string };

/** Remembers a submission's result so the result page can show it. */
export function saveResult(applicationId: string, result: StoredResult): void {
  write(resultKey(applicationId), result);
}

/** The stored result of a submission, if this device made it. */
export function loadResult(applicationId: string): StoredResult | null {
  return read(resultKey(applicationId));
}

/** Every submission result kept on this device, with its application id (issue 16: answers to share from). */
export function listResults(): (StoredResult & { applicationId: string })[] {
  const s = store();
  if (!s) return [];
  const out: (StoredResult & { applicationId: string })[] = [];
  for (let i = 0; i < s.length; i += 1) {
    const key = s.key(i);
    if (!key?.startsWith('mandate.result.')) continue;
    const result = read<StoredResult>(key);
    if (result) out.push({ ...result, applicationId: key.slice('mandate.result.'.length) });
  }
  return out;
}

/** An earlier application whose answers the person agreed to share with a program (issue 16). */
export interface ShareSource {
  applicationId: string;
  resumeCode: string;
}

const shareKey = (programId: string) => `mandate.share.${programId}`;

/** Remembers that a new application to `programId` may be prefilled from `source` (after consent). */
export function saveShareSource(programId: string, source: ShareSource): void {
  write(shareKey(programId), source);
}

/** The earlier application to prefill `programId` from, if the person consented on this device. */
export function loadShareSource(programId: string): ShareSource | null {
  return read(shareKey(programId));
}

/** Forgets the share source of a program (used, or declined). */
export function clearShareSource(programId: string): void {
  for (const s of [local(), session()]) s?.removeItem(shareKey(programId));
}
