/**
 * Application drafts kept on the device (localStorage), so a dropped connection loses nothing: the application id,
 * its resume code, the answers and when they were last changed, per program; and submitted results per application.
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

function read<T>(key: string): T | null {
  try {
    const text = window.localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
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

/** Forgets a program's draft (after submission). */
export function clearDraft(programId: string): void {
  window.localStorage.removeItem(draftKey(programId));
}

/** Remembers a submission's result so the result page can show it. */
export function saveResult(applicationId: string, result: SubmitResult & { programId: string }): void {
  write(resultKey(applicationId), result);
}

/** The stored result of a submission, if this device made it. */
export function loadResult(applicationId: string): (SubmitResult & { programId: string }) | null {
  return read(resultKey(applicationId));
}
