/**
 * A formula field: a small monaco editor (the studio's bundled monaco, loaded on first use) that grows with its text,
 * completes the names a formula may use (questions, derived values, `param('…')` for parameters, and the language's
 * functions with their signatures and what they do), and shows the engine's diagnostics of the formula as markers.
 * Tab leaves the field (as in any form field); Enter accepts a completion or starts a new line. The text goes to
 * the definition after a short pause in typing, as in the JSON editor.
 */
import type { editor as MonacoEditor, IDisposable } from 'monaco-editor/editor/editor.api';
import { useEffect, useRef, useState } from 'react';
import type { Diagnostic } from '../../../../engine/index.ts';
import { useI18n } from '../../../../web/src/shared/i18n.tsx';
import { loadMonaco } from '../../editor/CodeEditor.tsx';
import type { Monaco } from '../../editor/monaco.ts';
import { useText, type StudioText } from '../../text.ts';
import type { KnownName } from './names.ts';

const LANGUAGE = 'mandate-formula';
const CHANGE_PAUSE_MS = 250;

/** The names each formula model completes, by model URI (one completion provider serves every formula field). */
const namesByModel = new Map<string, { names: KnownName[]; s: StudioText }>();
let registered = false;

function register(monaco: Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: LANGUAGE });
  monaco.languages.setMonarchTokensProvider(LANGUAGE, {
    tokenizer: {
      root: [
        [/'[^']*'|"[^"]*"/, 'string'],
        [/\d+(\.\d+)?/, 'number'],
        [/[A-Za-z_][\w]*(?=\s*\()/, 'keyword'],
        [/[A-Za-z_][\w]*/, 'identifier'],
        [/=>|[-+*/%<>=!&|?:]+/, 'operator'],
      ],
    },
  });
  monaco.languages.registerCompletionItemProvider(LANGUAGE, {
    triggerCharacters: ["'", '('],
    provideCompletionItems(model, position) {
      const entry = namesByModel.get(model.uri.toString());
      if (!entry) return { suggestions: [] };
      const { names, s } = entry;
      const word = model.getWordUntilPosition(position);
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: word.startColumn,
        endColumn: word.endColumn,
      };
      const before = model.getLineContent(position.lineNumber).slice(0, word.startColumn - 1);
      // Inside param('…: parameter names only.
      const inParam = /param\(\s*'$/.test(before);
      const kinds = monaco.languages.CompletionItemKind;
      const suggestions = names
        .filter((n) => (inParam ? n.source === 'parameter' : true))
        .map((n) => {
          if (n.source === 'function')
            return {
              label: { label: n.name, description: n.signature },
              kind: kinds.Function,
              detail: n.signature,
              documentation: s(`fn.${n.name}` as never),
              insertText: n.name === 'asOf' ? 'asOf()' : `${n.name}($0)`,
              insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
              range,
            };
          if (n.source === 'parameter')
            return {
              label: { label: n.name, description: n.title },
              kind: kinds.Constant,
              detail: s('formula.parameter'),
              documentation: n.title,
              insertText: inParam ? n.name : `param('${n.name}')`,
              filterText: `${n.name} ${n.title}`,
              range,
            };
          return {
            label: { label: n.name, description: n.title },
            kind: n.source === 'derived' ? kinds.Variable : kinds.Field,
            detail: s(`cond.source.${n.source}` as never),
            documentation: n.title,
            insertText: n.name,
            filterText: `${n.name} ${n.title}`,
            range,
          };
        });
      return { suggestions };
    },
  });
}

/** Where in the formula a diagnostic points: the index the engine gives, the name it names, or the whole text. */
function spanOf(text: string, d: Diagnostic): { start: number; end: number } {
  const index = Number(d.params?.index);
  if (Number.isInteger(index) && index >= 0 && index <= text.length) return { start: index, end: Math.min(text.length, index + 1) };
  const name = typeof d.params?.name === 'string' ? d.params.name : typeof d.params?.value === 'number' ? String(d.params.value) : null;
  if (name) {
    const at = text.search(new RegExp(`(?<![\\w.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`));
    if (at >= 0) return { start: at, end: at + name.length };
  }
  return { start: 0, end: text.length };
}

/** Props: the formula, where it is in the definition, what it may name, and the diagnostics about it. */
export interface FormulaEditorProps {
  id: string;
  /** `mandate://formula/<program>/<pointer>`: one model per formula. */
  uri: string;
  value: string;
  onChange: (text: string) => void;
  names: KnownName[];
  diagnostics: Diagnostic[];
  /** The id of the visible label element. */
  labelledBy: string;
  describedBy?: string;
  pointer: string;
}

/** The formula field. */
export function FormulaEditor({ id, uri, value, onChange, names, diagnostics, labelledBy, describedBy, pointer }: FormulaEditorProps) {
  const { t } = useI18n();
  const s = useText();
  const host = useRef<HTMLDivElement>(null);
  const state = useRef<{ monaco: Monaco; editor: MonacoEditor.IStandaloneCodeEditor; model: MonacoEditor.ITextModel } | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const lastValue = useRef(value);
  lastValue.current = value;
  const external = useRef(false);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  namesByModel.set(uri, { names, s });

  // biome-ignore lint/correctness/useExhaustiveDependencies: one editor per model (its uri); the value and markers are applied by the effects below.
  useEffect(() => {
    let disposed = false;
    let timer: number | undefined;
    const disposables: IDisposable[] = [];
    loadMonaco().then(
      ({ monaco }) => {
        if (disposed || !host.current) return;
        register(monaco);
        const modelUri = monaco.Uri.parse(uri);
        const model = monaco.editor.getModel(modelUri) ?? monaco.editor.createModel(value, LANGUAGE, modelUri);
        if (model.getValue() !== value) model.setValue(value);
        const editor = monaco.editor.create(host.current, {
          model,
          ariaLabel: document.getElementById(labelledBy)?.textContent ?? '',
          automaticLayout: true,
          minimap: { enabled: false },
          lineNumbers: 'off',
          glyphMargin: false,
          folding: false,
          lineDecorationsWidth: 4,
          lineNumbersMinChars: 0,
          renderLineHighlight: 'none',
          overviewRulerLanes: 0,
          hideCursorInOverviewRuler: true,
          scrollBeyondLastLine: false,
          scrollbar: { vertical: 'hidden', horizontal: 'hidden', alwaysConsumeMouseWheel: false },
          wordWrap: 'on',
          fontSize: 15,
          tabFocusMode: true,
          fixedOverflowWidgets: true,
          accessibilitySupport: 'auto',
          quickSuggestions: { other: true, strings: true, comments: false },
          suggestOnTriggerCharacters: true,
          unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: true },
        });
        const fitHeight = () => {
          if (!host.current) return;
          host.current.style.height = `${Math.min(240, Math.max(30, editor.getContentHeight()))}px`;
        };
        disposables.push(
          editor,
          model,
          editor.onDidContentSizeChange(fitHeight),
          model.onDidChangeContent(() => {
            if (external.current) return;
            window.clearTimeout(timer);
            timer = window.setTimeout(() => onChangeRef.current(model.getValue()), CHANGE_PAUSE_MS);
          }),
          editor.onDidBlurEditorText(() => {
            window.clearTimeout(timer);
            if (model.getValue() !== lastValue.current) onChangeRef.current(model.getValue());
          }),
        );
        fitHeight();
        // The textarea monaco types into carries the field's label, description and place in the definition.
        const input = host.current.querySelector('textarea');
        if (input) {
          input.id = id;
          input.setAttribute('aria-labelledby', labelledBy);
          if (describedBy) input.setAttribute('aria-describedby', describedBy);
          input.setAttribute('data-pointer', pointer);
        }
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
      namesByModel.delete(uri);
    };
  }, [uri]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `ready` runs this again once the editor exists.
  useEffect(() => {
    const input = host.current?.querySelector('textarea');
    if (!input) return;
    if (describedBy) input.setAttribute('aria-describedby', describedBy);
    else input.removeAttribute('aria-describedby');
  }, [describedBy, ready]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `ready` runs this again once the editor exists.
  useEffect(() => {
    const current = state.current;
    if (!current || current.model.getValue() === value) return;
    external.current = true;
    current.model.pushEditOperations([], [{ range: current.model.getFullModelRange(), text: value }], () => null);
    external.current = false;
  }, [value, ready]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `ready` runs this again once the editor exists; `value` moves the markers with the text.
  useEffect(() => {
    const current = state.current;
    if (!current) return;
    const { monaco, model } = current;
    const text = model.getValue();
    const severity = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info };
    monaco.editor.setModelMarkers(
      model,
      'mandate',
      text === value
        ? diagnostics.map((d) => {
            const span = spanOf(text, d);
            const start = model.getPositionAt(span.start);
            const end = model.getPositionAt(Math.max(span.end, span.start + 1));
            return {
              severity: severity[d.severity],
              message: d.message,
              code: d.code,
              startLineNumber: start.lineNumber,
              startColumn: start.column,
              endLineNumber: end.lineNumber,
              endColumn: end.column,
              source: 'Mandate',
            };
          })
        : [],
    );
  }, [diagnostics, ready, value]);

  return (
    <div className="mandate-formula">
      {!ready && !failed && <p className="mandate-editor__loading">{t('common.loading')}</p>}
      {failed && <p role="alert">{s('editor.failed', { detail: failed })}</p>}
      <div ref={host} className="mandate-formula__host" data-testid={`formula-${pointer}`} />
    </div>
  );
}
