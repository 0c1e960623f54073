/**
 * A JSON editor (monaco, loaded on first use) over one model: the whole definition or one part of it. The text comes
 * from the draft (the one source of truth) and goes back to it after each short pause in typing; the model keeps
 * its own undo stack, so Ctrl+Z in the editor and the draft's Undo button both work. Markers (the engine's
 * diagnostics) are placed at the span their JSON Pointer names.
 */
import { useEffect, useRef, useState } from 'react';
import type { editor as MonacoEditor } from 'monaco-editor/editor/editor.api';
import { useI18n } from '../../../web/src/shared/i18n.tsx';
import { useText } from '../text.ts';
import type { Monaco } from './monaco.ts';

/** A diagnostic placed in this editor's text. */
export interface TextMarker {
  severity: 'error' | 'warning' | 'info';
  message: string;
  offset: number;
  length: number;
  code?: string;
}

/** A request to move the cursor to an offset; `seq` makes the same place revealable twice. */
export interface Reveal {
  offset: number;
  seq: number;
}

let loading: Promise<typeof import('./monaco.ts')> | null = null;
/** monaco and its setup, loaded once per page. */
export function loadMonaco(): Promise<typeof import('./monaco.ts')> {
  loading ??= import('./monaco.ts');
  return loading;
}

const CHANGE_PAUSE_MS = 250;

/** Props of the editor. */
export interface CodeEditorProps {
  /** The model's URI, e.g. `mandate://draft/us-snap/parameters.json`; schemas are matched on it. */
  uri: string;
  value: string;
  onChange: (text: string) => void;
  schema?: { uri: string; schema: unknown };
  markers: TextMarker[];
  reveal?: Reveal;
  /** The editor's accessible name. */
  label: string;
}

/** The editor. */
export function CodeEditor({ uri, value, onChange, schema, markers, reveal, label }: CodeEditorProps) {
  const { t } = useI18n();
  const s = useText();
  const host = useRef<HTMLDivElement>(null);
  const state = useRef<{ monaco: Monaco; editor: MonacoEditor.IStandaloneCodeEditor; model: MonacoEditor.ITextModel } | null>(null);
  const external = useRef(false);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const lastValue = useRef(value);
  lastValue.current = value;
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is made once per model (its uri); value, markers and reveals are applied by the effects below.
  useEffect(() => {
    let disposed = false;
    let timer: number | undefined;
    const disposables: { dispose(): void }[] = [];
    loadMonaco().then(
      ({ monaco, setModelSchema }) => {
        if (disposed || !host.current) return;
        if (schema) setModelSchema(uri, schema.uri, schema.schema);
        const modelUri = monaco.Uri.parse(uri);
        const model = monaco.editor.getModel(modelUri) ?? monaco.editor.createModel(value, 'json', modelUri);
        if (model.getValue() !== value) model.setValue(value);
        const editor = monaco.editor.create(host.current, {
          model,
          ariaLabel: label,
          automaticLayout: true,
          minimap: { enabled: false },
          fontSize: 14,
          tabSize: 2,
          scrollBeyondLastLine: false,
          wordWrap: 'on',
          accessibilitySupport: 'auto',
          fixedOverflowWidgets: true,
          // Definitions hold plain-language texts with typographic dashes and quotes: not suspicious here.
          unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: true },
        });
        disposables.push(
          editor,
          model.onDidChangeContent(() => {
            if (external.current) return;
            window.clearTimeout(timer);
            timer = window.setTimeout(() => onChangeRef.current(model.getValue()), CHANGE_PAUSE_MS);
          }),
          editor.onDidBlurEditorText(() => {
            // Leaving the editor sends what was typed at once.
            window.clearTimeout(timer);
            if (model.getValue() !== lastValue.current) onChangeRef.current(model.getValue());
          }),
        );
        state.current = { monaco, editor, model };
        setReady(true);
      },
      (error: unknown) => setFailed((error as Error).message),
    );
    return () => {
      disposed = true;
      window.clearTimeout(timer);
      for (const d of disposables) d.dispose();
      state.current = null;
    };
  }, [uri]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `ready` runs this again once the editor exists (it is created asynchronously).
  useEffect(() => {
    const current = state.current;
    if (!current || current.model.getValue() === value) return;
    external.current = true;
    // One edit over the whole text keeps the model's undo stack (setValue would clear it).
    current.model.pushEditOperations([], [{ range: current.model.getFullModelRange(), text: value }], () => null);
    external.current = false;
  }, [value, ready]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `ready` runs this again once the editor exists; `value` moves the markers with the text.
  useEffect(() => {
    const current = state.current;
    if (!current) return;
    const { monaco, model } = current;
    const severity = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info };
    monaco.editor.setModelMarkers(
      model,
      'mandate',
      markers.map((m) => {
        const start = model.getPositionAt(m.offset);
        const end = model.getPositionAt(m.offset + Math.max(1, m.length));
        return {
          severity: severity[m.severity],
          message: m.message,
          code: m.code,
          startLineNumber: start.lineNumber,
          startColumn: start.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
          source: 'Mandate',
        };
      }),
    );
  }, [markers, ready, value]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `ready` runs this again once the editor exists (it is created asynchronously).
  useEffect(() => {
    const current = state.current;
    if (!current || !reveal) return;
    const position = current.model.getPositionAt(reveal.offset);
    current.editor.setPosition(position);
    current.editor.revealPositionInCenter(position);
    current.editor.focus();
  }, [reveal, ready]);

  return (
    <div className="mandate-editor">
      {!ready && !failed && <p className="mandate-editor__loading">{t('common.loading')}</p>}
      {failed && <p role="alert">{s('editor.failed', { detail: failed })}</p>}
      <div ref={host} className="mandate-editor__host" data-testid={`editor-${uri.split('/').pop()}`} />
    </div>
  );
}

/** Two texts side by side (monaco's diff editor), read-only. */
export function DiffEditor({
  original,
  modified,
  label,
  uri,
  originalLabel,
  modifiedLabel,
}: {
  original: string;
  modified: string;
  label: string;
  uri: string;
  originalLabel: string;
  modifiedLabel: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const { t } = useI18n();
  const [ready, setReady] = useState(false);
  const models = useRef<{ a: MonacoEditor.ITextModel; b: MonacoEditor.ITextModel } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the diff editor is made once per pair of models (its uri); the texts are applied by the effect below.
  useEffect(() => {
    let disposed = false;
    const disposables: { dispose(): void }[] = [];
    void loadMonaco().then(({ monaco }) => {
      if (disposed || !host.current) return;
      const a = monaco.editor.createModel(original, 'json', monaco.Uri.parse(`${uri}/original.json`));
      const b = monaco.editor.createModel(modified, 'json', monaco.Uri.parse(`${uri}/modified.json`));
      const diff = monaco.editor.createDiffEditor(host.current, {
        readOnly: true,
        automaticLayout: true,
        originalEditable: false,
        ariaLabel: label,
        originalAriaLabel: `${label}: ${originalLabel}`,
        modifiedAriaLabel: `${label}: ${modifiedLabel}`,
        minimap: { enabled: false },
        renderSideBySide: true,
        useInlineViewWhenSpaceIsLimited: true,
        unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: true },
      });
      diff.setModel({ original: a, modified: b });
      // Each side is an editor of its own and needs its own accessible name.
      diff.getOriginalEditor().updateOptions({ ariaLabel: `${label}: ${originalLabel}` });
      diff.getModifiedEditor().updateOptions({ ariaLabel: `${label}: ${modifiedLabel}` });
      models.current = { a, b };
      disposables.push(diff, a, b);
      setReady(true);
    });
    return () => {
      disposed = true;
      for (const d of disposables) d.dispose();
      models.current = null;
    };
  }, [uri]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `ready` runs this again once the diff editor exists (it is created asynchronously).
  useEffect(() => {
    if (!models.current) return;
    if (models.current.a.getValue() !== original) models.current.a.setValue(original);
    if (models.current.b.getValue() !== modified) models.current.b.setValue(modified);
  }, [original, modified, ready]);
  return (
    <div className="mandate-editor mandate-editor--diff">
      {!ready && <p className="mandate-editor__loading">{t('common.loading')}</p>}
      <section ref={host} className="mandate-editor__host" aria-label={label} />
    </div>
  );
}
