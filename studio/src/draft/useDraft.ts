/**
 * The draft being edited: its text (the one source of truth: every tab reads and writes it), saving with the
 * draft's revision (`If-Match`) after a pause, undo and redo, a copy on the device while unsaved (a reload or a lost
 * connection loses nothing), and the conflict when someone else saved first: both texts are kept until the analyst
 * chooses.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { canonicalJson } from '../../../engine/index.ts';
import { api, ApiError } from '../../../web/src/shared/api.ts';
import type { DraftRecord, DraftResult } from '../types.ts';

/** Where saving stands. */
export type SaveState = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'invalid-json' | 'failed';

/** Someone else's save that arrived first. */
export interface Conflict {
  theirs: DraftRecord;
  theirText: string;
}

/** Everything the draft page needs about the draft. */
export interface DraftSession {
  record: DraftRecord | null;
  loadError: unknown;
  text: string;
  setText: (text: string) => void;
  saveState: SaveState;
  saveError: string | null;
  savedAt: string | null;
  conflict: Conflict | null;
  /** Saves now (skipping the pause). */
  saveNow: () => Promise<void>;
  /** Resolves a conflict: keep my text (saved over theirs) or take theirs (mine stays in the undo history). */
  resolve: (choice: 'mine' | 'theirs') => Promise<void>;
  undo: () => void;
  redo: () => void;
  canUndo: boolean;
  canRedo: boolean;
  /** Reloads the draft from the server (after publishing, say). */
  reload: () => void;
}

const SAVE_PAUSE_MS = 1200;
const HISTORY_LIMIT = 200;

/** The stored text of a draft, as the editor shows it. */
export function textOf(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Where unsaved text waits on the device: per program and draft version (a later draft never gets an older one's text). */
const backupKey = (programId: string, version: number) => `mandate.studio.unsaved.${programId}.${version}`;

/** The unsaved text kept for this draft, if any (an unreadable entry counts as none). */
function readBackup(programId: string, version: number): { revision: number; text: string } | null {
  try {
    const kept = JSON.parse(window.localStorage.getItem(backupKey(programId, version)) ?? 'null') as { revision?: unknown; text?: unknown } | null;
    return kept && typeof kept.text === 'string' && typeof kept.revision === 'number' ? { revision: kept.revision, text: kept.text } : null;
  } catch {
    return null;
  }
}

/** Keeps the draft of `programId`. */
export function useDraft(programId: string): DraftSession {
  const [record, setRecord] = useState<DraftRecord | null>(null);
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const [text, setTextState] = useState('');
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const history = useRef<{ past: string[]; future: string[] }>({ past: [], future: [] });
  const [historySize, setHistorySize] = useState({ past: 0, future: 0 });
  const [loads, setLoads] = useState(0);
  const revision = useRef(0);
  const version = useRef(0);
  const savedText = useRef('');
  const latest = useRef('');
  const timer = useRef<number | undefined>(undefined);
  const saving = useRef<Promise<void> | null>(null);
  const inConflict = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `loads` is the reload trigger: each new value loads the draft again.
  useEffect(() => {
    let live = true;
    setLoadError(undefined);
    api<DraftRecord>('GET', `/api/programs/${encodeURIComponent(programId)}/draft`).then(
      (draft) => {
        if (!live) return;
        const serverText = textOf(draft.doc);
        revision.current = draft.revision;
        savedText.current = serverText;
        setRecord(draft);
        version.current = draft.version;
        // Work left unsaved on this device (a closed tab, a lost connection) comes back, on the revision it was made
        // on: saving it meets any save made since as a conflict.
        const kept = readBackup(programId, draft.version);
        const start = kept && kept.text !== serverText ? kept.text : serverText;
        if (start !== serverText && kept) revision.current = kept.revision;
        latest.current = start;
        setTextState(start);
        setSaveState(start === serverText ? 'saved' : 'unsaved');
      },
      (error: unknown) => live && setLoadError(error),
    );
    return () => {
      live = false;
    };
  }, [programId, loads]);

  const save = useCallback(async (): Promise<void> => {
    if (inConflict.current) return;
    const body = latest.current;
    if (body === savedText.current) {
      setSaveState('saved');
      return;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch {
      setSaveState('invalid-json');
      return;
    }
    setSaveState('saving');
    try {
      const result = await api<DraftResult>('PUT', `/api/programs/${encodeURIComponent(programId)}/draft`, doc, {
        'If-Match': String(revision.current),
      });
      revision.current = result.draft.revision;
      savedText.current = body;
      setRecord(result.draft);
      // A layer's draft is stored resolved on its base: the server re-makes its resolved parts from /layer (and from
      // the base /extends names). Take that text when nothing was typed meanwhile, so the parts shown are the stored ones.
      const stored = result.draft.doc as unknown as Record<string, unknown>;
      if (stored.layer && latest.current === body && canonicalJson(stored) !== canonicalJson(doc)) {
        const next = textOf(result.draft.doc);
        savedText.current = next;
        latest.current = next;
        setTextState(next);
      }
      setSavedAt(new Date().toISOString());
      setSaveError(null);
      if (latest.current === body) {
        window.localStorage.removeItem(backupKey(programId, version.current));
        setSaveState('saved');
      } else setSaveState('unsaved');
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        const theirs = await api<DraftRecord>('GET', `/api/programs/${encodeURIComponent(programId)}/draft`);
        inConflict.current = true;
        setConflict({ theirs, theirText: textOf(theirs.doc) });
        setSaveState('conflict');
        return;
      }
      setSaveError(error instanceof Error ? error.message : String(error));
      setSaveState('failed');
    }
  }, [programId]);

  const saveNow = useCallback(async () => {
    window.clearTimeout(timer.current);
    if (saving.current) await saving.current;
    saving.current = save().finally(() => {
      saving.current = null;
    });
    await saving.current;
  }, [save]);

  const schedule = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void saveNow(), SAVE_PAUSE_MS);
  }, [saveNow]);

  const apply = useCallback(
    (next: string) => {
      latest.current = next;
      setTextState(next);
      window.localStorage.setItem(backupKey(programId, version.current), JSON.stringify({ revision: revision.current, text: next }));
      if (!inConflict.current) {
        setSaveState(next === savedText.current ? 'saved' : 'unsaved');
        schedule();
      }
    },
    [programId, schedule],
  );

  const setText = useCallback(
    (next: string) => {
      if (next === latest.current) return;
      const h = history.current;
      history.current = { past: [...h.past, latest.current].slice(-HISTORY_LIMIT), future: [] };
      setHistorySize({ past: history.current.past.length, future: 0 });
      apply(next);
    },
    [apply],
  );

  const step = useCallback(
    (direction: 'undo' | 'redo') => {
      const { past, future } = history.current;
      if (direction === 'undo' && past.length > 0) history.current = { past: past.slice(0, -1), future: [latest.current, ...future] };
      else if (direction === 'redo' && future.length > 0) history.current = { past: [...past, latest.current], future: future.slice(1) };
      else return;
      setHistorySize({ past: history.current.past.length, future: history.current.future.length });
      apply(direction === 'undo' ? past[past.length - 1] : future[0]);
    },
    [apply],
  );

  const resolve = useCallback(
    async (choice: 'mine' | 'theirs') => {
      if (!conflict) return;
      inConflict.current = false;
      revision.current = conflict.theirs.revision;
      savedText.current = conflict.theirText;
      setRecord(conflict.theirs);
      setConflict(null);
      if (choice === 'theirs') setText(conflict.theirText);
      else {
        setSaveState('unsaved');
        await saveNow();
      }
    },
    [conflict, saveNow, setText],
  );

  // Leaving with unsaved work: save at once (the device copy covers a failure).
  useEffect(() => {
    const flush = () => {
      if (latest.current !== savedText.current) void saveNow();
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.clearTimeout(timer.current);
    };
  }, [saveNow]);

  return {
    record,
    loadError,
    text,
    setText,
    saveState,
    saveError,
    savedAt,
    conflict,
    saveNow,
    resolve,
    undo: () => step('undo'),
    redo: () => step('redo'),
    canUndo: historySize.past > 0,
    canRedo: historySize.future > 0,
    reload: () => setLoads((n) => n + 1),
  };
}
