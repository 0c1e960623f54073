/**
 * Editing a draft: the whole definition in monaco, or one part of it per tab, with the format's JSON Schema and every
 * engine diagnostic as a marker at its JSON Pointer; after each pause in typing the engine (in a Web Worker) validates,
 * compiles and runs every test case. Beside the editor: the problems list (each entry jumps to its place), the test
 * results, the preview, the tester and publishing. The draft saves itself with its revision; a save that someone else
 * beat shows both texts and loses neither.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { FORMAT_SCHEMA_ID, type Diagnostic, type Program, type TestCase } from '../../../engine/index.ts';
import { Alert, errorText, useTitle } from '../../../web/src/shared/components.tsx';
import { LoadError } from '../../../web/src/shared/DeterminationView.tsx';
import { formatDateTime } from '../../../web/src/shared/format.ts';
import { useI18n } from '../../../web/src/shared/i18n.tsx';
import { Link, navigate } from '../../../web/src/shared/router.tsx';
import type { StaffUser } from '../../../web/src/staff/session.tsx';
import { BUILDERS, focusPointer } from '../builders/index.ts';
import { DiagnosticList } from '../components/DiagnosticList.tsx';
import { Tabs, type TabItem } from '../components/Tabs.tsx';
import { Preview } from '../draft/Preview.tsx';
import { PublishPanel } from '../draft/PublishPanel.tsx';
import { Tester } from '../draft/Tester.tsx';
import { TestsPanel } from '../draft/TestsPanel.tsx';
import { definitionSchema, PARTS, partOf, partSchema, partValue, pointerInPart, withPart, type Part, type Tab } from '../draft/parts.ts';
import { textOf, useDraft } from '../draft/useDraft.ts';
import { CodeEditor, DiffEditor, type Reveal, type TextMarker } from '../editor/CodeEditor.tsx';
import { spanOf, treeOf } from '../editor/pointers.ts';
import { engine } from '../engine/client.ts';
import { ImpactPanel } from '../impact/ImpactPanel.tsx';
import { LayerReport } from '../draft/LayerReport.tsx';
import type { CheckResult } from '../engine/protocol.ts';
import { useText, type StudioText } from '../text.ts';

type Panel = 'problems' | 'tests' | 'preview' | 'tester' | 'impact' | 'publish' | 'base';
/** How a part with a builder is shown: in its builder, or as JSON. */
type Mode = 'builder' | 'json';

function parse(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Any JSON value, or `undefined` when the text is not JSON. */
function parseAny(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function markersFor(text: string, diagnostics: Diagnostic[], pointer: (d: Diagnostic) => string): TextMarker[] {
  const tree = treeOf(text);
  return diagnostics.map((d) => {
    const span = spanOf(tree, pointer(d));
    return {
      severity: d.severity === 'warning' ? 'warning' : d.severity === 'info' ? 'info' : 'error',
      message: d.message,
      code: d.code,
      offset: span.offset,
      length: span.length,
    };
  });
}

function saveLine(state: string, savedAt: string | null, lang: string, s: StudioText, error: string | null): string {
  switch (state) {
    case 'saving':
      return s('save.saving');
    case 'unsaved':
      return s('save.unsaved');
    case 'invalid-json':
      return s('save.invalidJson');
    case 'conflict':
      return s('save.conflict');
    case 'failed':
      return s('save.failed', { detail: error ?? '' });
    default:
      return savedAt ? s('save.savedAt', { time: formatDateTime(savedAt, lang) }) : s('save.saved');
  }
}

/** The draft workspace. */
export function DraftPage({ programId, user }: { programId: string; user: StaffUser }) {
  const { t, lang } = useI18n();
  const s = useText();
  const session = useDraft(programId);
  const [check, setCheck] = useState<CheckResult | null>(null);
  // How many checks have come back (tests and the benchmark wait for the next one).
  const [checks, setChecks] = useState(0);
  const [tab, setTab] = useState<Tab>('definition');
  const [panel, setPanel] = useState<Panel>('problems');
  // The version the Impact tab compares with when the publish screen opens it (else its own default).
  const [impactAgainst, setImpactAgainst] = useState<number | null>(null);
  const [partDrafts, setPartDrafts] = useState<Partial<Record<Part, string>>>({});
  const [modes, setModes] = useState<Partial<Record<Part, Mode>>>({});
  // A "go to" waiting for the builder it names to render.
  const pendingFocus = useRef<string | null>(null);
  const builderRoot = useRef<HTMLDivElement>(null);
  const [reveal, setReveal] = useState<Reveal | undefined>(undefined);
  const [previewAnswers, setPreviewAnswers] = useState<Record<string, unknown>>({});
  const [showConflictDiff, setShowConflictDiff] = useState(false);
  const checkSeq = useRef(0);
  const lastDoc = useRef<Record<string, unknown> | null>(null);
  useTitle(session.record ? s('draft.title', { title: session.record.doc.title, version: session.record.version }) : '', s('site.title'));

  const text = session.text;
  const parsed = useMemo(() => parse(text), [text]);
  if (parsed) lastDoc.current = parsed;
  const doc = lastDoc.current;

  useEffect(() => {
    if (!text) return;
    const mine = ++checkSeq.current;
    engine.check(text).then(
      (result) => {
        if (mine !== checkSeq.current) return;
        setCheck(result);
        setChecks((n) => n + 1);
      },
      () => undefined,
    );
  }, [text]);

  const diagnostics = useMemo(() => check?.diagnostics ?? [], [check]);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  const failing = check?.tests?.failed ?? 0;

  const partText = (part: Part): string => {
    if (!doc) return '';
    const canonical = textOf(partValue(doc, part) ?? null);
    const typed = partDrafts[part];
    if (typed === undefined) return canonical;
    const typedValue = parseAny(typed);
    // Being typed and not JSON yet: keep it. The same value as the draft's: keep the analyst's own layout. Otherwise
    // the draft changed elsewhere (undo, the definition tab), and the part shows the draft.
    if (!typedValue) return typed;
    return textOf(typedValue.value ?? null) === canonical ? typed : canonical;
  };

  const editorText = tab === 'definition' ? text : partText(tab);
  const markers = useMemo(() => {
    if (tab === 'definition') return markersFor(text, diagnostics, (d) => d.path);
    const mine = diagnostics.filter((d) => partOf(d.path) === tab);
    return markersFor(editorText, mine, (d) => pointerInPart(tab, d.path));
  }, [tab, text, editorText, diagnostics]);

  const onEdit = (next: string) => {
    if (tab === 'definition') {
      session.setText(next);
      return;
    }
    const part = tab;
    setPartDrafts((d) => ({ ...d, [part]: next }));
    const value = parseAny(next);
    if (value && doc) session.setText(textOf(withPart(doc, part, value.value)));
  };

  const modeOf = (part: Part): Mode => (BUILDERS[part] ? (modes[part] ?? 'builder') : 'json');

  const showJson = (part: Part, pointer: string) => {
    setModes((m) => ({ ...m, [part]: 'json' }));
    const span = spanOf(treeOf(partText(part)), pointerInPart(part, pointer));
    setTab(part);
    setReveal({ offset: span.offset, seq: Date.now() });
  };

  useEffect(() => {
    const pointer = pendingFocus.current;
    if (pointer === null || !builderRoot.current) return;
    pendingFocus.current = null;
    if (!focusPointer(builderRoot.current, pointer)) showJson(partOf(pointer), pointer);
  });

  const goTo = (pointer: string) => {
    const target: Tab = tab === 'definition' ? 'definition' : partOf(pointer);
    if (target !== 'definition' && modeOf(target) === 'builder') {
      // The builder focuses the control that edits the place (once it renders), or the JSON opens there.
      if (target === tab && builderRoot.current) {
        if (!focusPointer(builderRoot.current, pointer)) showJson(target, pointer);
        return;
      }
      pendingFocus.current = pointer;
      setTab(target);
      return;
    }
    const targetText = target === 'definition' ? text : partText(target);
    const span = spanOf(treeOf(targetText), target === 'definition' ? pointer : pointerInPart(target, pointer));
    setTab(target);
    setReveal({ offset: span.offset, seq: Date.now() });
  };

  const addTest = (test: TestCase) => {
    if (!doc) return;
    const tests = Array.isArray(doc.tests) ? (doc.tests as TestCase[]) : [];
    session.setText(textOf(withPart(doc, 'tests', [...tests, test])));
  };

  if (session.loadError !== undefined) {
    return (
      <>
        <LoadError message={errorText(session.loadError, t)} />
        <p>
          <Link className="usa-link" href={`/studio/programs/${encodeURIComponent(programId)}`}>
            {s('draft.backToProgram')}
          </Link>
        </p>
      </>
    );
  }
  if (!session.record) return <p>{t('common.loading')}</p>;

  const count = (part: Part) => diagnostics.filter((d) => partOf(d.path) === part);
  const tabItems: TabItem<Tab>[] = [
    {
      id: 'definition',
      label: s('tab.definition'),
      badge: diagnostics.length
        ? { text: String(diagnostics.length), tone: errors.length ? 'error' : 'warning', label: s('badge.problems', { count: diagnostics.length }) }
        : undefined,
    },
    ...PARTS.map((part) => {
      const mine = count(part);
      return {
        id: part,
        label: s(`tab.${part}` as never),
        badge: mine.length
          ? {
              text: String(mine.length),
              tone: mine.some((d) => d.severity === 'error') ? ('error' as const) : ('warning' as const),
              label: s('badge.problems', { count: mine.length }),
            }
          : undefined,
      };
    }),
  ];
  const layerBase = (doc as Program | null)?.extends;
  // Re-basing the draft: /extends names the newer base; saving re-resolves the layer's own parts on it.
  const rebaseDraft = (version: number) => {
    if (!doc || !layerBase) return;
    session.setText(textOf({ ...(doc as object), extends: { program: layerBase.program, version } }));
    void session.saveNow();
  };
  const panelItems: TabItem<Panel>[] = [
    {
      id: 'problems',
      label: s('panel.problems'),
      badge: {
        text: String(diagnostics.length),
        tone: errors.length ? 'error' : warnings.length ? 'warning' : 'ok',
        label: s('badge.problems', { count: diagnostics.length }),
      },
    },
    {
      id: 'tests',
      label: s('panel.tests'),
      badge: check?.tests
        ? {
            text: `${check.tests.passed}/${check.tests.total}`,
            tone: failing ? 'error' : 'ok',
            label: s('tests.summary', { passed: check.tests.passed, total: check.tests.total, failed: failing }),
          }
        : undefined,
    },
    { id: 'preview', label: s('panel.preview') },
    { id: 'tester', label: s('panel.tester') },
    // A layer (a program that extends another): its changes against the base, and whether a newer base is published.
    ...(layerBase ? [{ id: 'base' as const, label: s('panel.base') }] : []),
    { id: 'impact', label: s('panel.impact') },
    { id: 'publish', label: s('panel.publish') },
  ];
  // The definition's schema under its own id, so the document's "$schema" names a schema the editor already has.
  const schema =
    tab === 'definition'
      ? { uri: FORMAT_SCHEMA_ID, schema: definitionSchema }
      : { uri: `${FORMAT_SCHEMA_ID.replace(/\.json$/, '')}/${tab}.json`, schema: partSchema(tab) };
  const checkLine = check
    ? check.syntax
      ? s('check.syntax', { detail: check.syntax.message })
      : s('check.done', {
          ms: Math.round(check.timing.total),
          errors: errors.length,
          warnings: warnings.length,
          tests: check.tests ? s('tests.summary', { passed: check.tests.passed, total: check.tests.total, failed: failing }) : s('check.testsWait'),
        })
    : s('check.running');

  return (
    <>
      <div className="mandate-draft-head">
        <div>
          <p className="margin-0">
            <Link className="usa-link" href={`/studio/programs/${encodeURIComponent(programId)}`}>
              {session.record.doc.title}
            </Link>
          </p>
          <h1 className="margin-y-1">{s('draft.heading', { version: session.record.version })}</h1>
        </div>
        <div className="mandate-draft-head__actions">
          <button type="button" className="usa-button usa-button--outline usa-button--small" disabled={!session.canUndo} onClick={session.undo}>
            {s('draft.undo')}
          </button>
          <button type="button" className="usa-button usa-button--outline usa-button--small" disabled={!session.canRedo} onClick={session.redo}>
            {s('draft.redo')}
          </button>
          <button
            type="button"
            className="usa-button usa-button--small"
            disabled={session.saveState === 'saved' || session.saveState === 'saving' || session.saveState === 'conflict'}
            onClick={() => void session.saveNow()}
          >
            {s('draft.saveNow')}
          </button>
          <Link className="usa-button usa-button--outline usa-button--small" href={`/studio/programs/${encodeURIComponent(programId)}/compare`}>
            {s('program.compare')}
          </Link>
        </div>
      </div>
      <div className="mandate-status" role="status" aria-live="polite" data-testid="draft-status">
        <span data-testid="save-state" data-state={session.saveState}>
          {saveLine(session.saveState, session.savedAt, lang, s, session.saveError)}
        </span>
        <span data-testid="check-state" data-checks={checks}>
          {checkLine}
        </span>
      </div>
      {session.conflict && (
        <Alert type="warning" heading={s('conflict.heading')} focus>
          <p>{s('conflict.text', { revision: session.conflict.theirs.revision })}</p>
          <ul className="usa-button-group">
            <li className="usa-button-group__item">
              <button type="button" className="usa-button usa-button--outline" onClick={() => setShowConflictDiff((v) => !v)}>
                {showConflictDiff ? s('conflict.hideCompare') : s('conflict.compare')}
              </button>
            </li>
            <li className="usa-button-group__item">
              <button type="button" className="usa-button" onClick={() => void session.resolve('mine')}>
                {s('conflict.keepMine')}
              </button>
            </li>
            <li className="usa-button-group__item">
              <button type="button" className="usa-button usa-button--secondary" onClick={() => void session.resolve('theirs')}>
                {s('conflict.takeTheirs')}
              </button>
            </li>
          </ul>
          {showConflictDiff && <p className="text-bold margin-bottom-1">{s('conflict.diffLabel')}</p>}
          {showConflictDiff && (
            <DiffEditor
              original={session.conflict.theirText}
              modified={text}
              label={s('conflict.diffLabel')}
              originalLabel={s('conflict.theirs')}
              modifiedLabel={s('conflict.mine')}
              uri={`mandate://conflict/${programId}`}
            />
          )}
        </Alert>
      )}
      <div className="mandate-workspace">
        <section className="mandate-workspace__editor" aria-label={s('draft.editorRegion')}>
          <Tabs label={s('draft.parts')} idPrefix="part" tabs={tabItems} selected={tab} onSelect={setTab}>
            {tab !== 'definition' && BUILDERS[tab] && parsed && (
              <fieldset className="usa-fieldset mandate-mode">
                <legend className="usa-sr-only">{s('builder.mode', { part: s(`tab.${tab}` as never) })}</legend>
                {(['builder', 'json'] as const).map((m) => (
                  <button
                    key={m}
                    type="button"
                    className={modeOf(tab) === m ? 'usa-button usa-button--small' : 'usa-button usa-button--outline usa-button--small'}
                    aria-pressed={modeOf(tab) === m}
                    onClick={() => setModes((all) => ({ ...all, [tab]: m }))}
                  >
                    {s(m === 'builder' ? 'builder.mode.builder' : 'builder.mode.json')}
                  </button>
                ))}
              </fieldset>
            )}
            {!parsed && tab !== 'definition' ? (
              <Alert type="warning" slim>
                {s('draft.partsNeedJson')}
              </Alert>
            ) : tab !== 'definition' && doc && modeOf(tab) === 'builder' ? (
              <div ref={builderRoot} className="mandate-builder" data-testid={`builder-${tab}`}>
                {(() => {
                  const Builder = BUILDERS[tab];
                  return Builder ? (
                    <Builder
                      doc={doc}
                      setDoc={(next) => session.setText(textOf(next))}
                      // Shared conditions live at the top level of the definition, but the rules builder edits them.
                      diagnostics={diagnostics.filter((d) => partOf(d.path) === tab || (tab === 'rules' && d.path.startsWith('/conditions/')))}
                      showJson={(pointer) => showJson(tab, pointer)}
                      household={previewAnswers}
                    />
                  ) : null;
                })()}
              </div>
            ) : (
              <CodeEditor
                key={tab}
                uri={`mandate://draft/${programId}/${tab}.json`}
                value={editorText}
                onChange={onEdit}
                schema={schema}
                markers={markers}
                reveal={reveal}
                label={s('draft.editorLabel', { part: s(`tab.${tab}` as never) })}
              />
            )}
          </Tabs>
        </section>
        <section className="mandate-workspace__side" aria-label={s('draft.sideRegion')}>
          <Tabs
            label={s('draft.panels')}
            idPrefix="panel"
            tabs={panelItems}
            selected={panel}
            onSelect={(next) => {
              setImpactAgainst(null);
              setPanel(next);
            }}
          >
            {panel === 'problems' &&
              (check?.syntax ? (
                <Alert type="error" slim>
                  {s('check.syntax', { detail: check.syntax.message })}
                </Alert>
              ) : diagnostics.length === 0 ? (
                <p data-testid="no-problems">{check ? s('problems.none') : s('check.running')}</p>
              ) : (
                <DiagnosticList diagnostics={[...errors, ...warnings, ...diagnostics.filter((d) => d.severity === 'info')]} onGo={goTo} />
              ))}
            {panel === 'tests' && (
              <TestsPanel
                report={check?.tests}
                coverage={check?.coverage}
                doc={doc as Program | null}
                onGo={goTo}
                onSetDoc={(next) => session.setText(textOf(next))}
              />
            )}
            {panel === 'preview' && doc && (
              <Preview
                doc={doc as unknown as Program}
                answers={previewAnswers}
                onAnswers={setPreviewAnswers}
                onUseInTester={() => setPanel('tester')}
              />
            )}
            {panel === 'tester' && doc && <Tester text={text} doc={doc as unknown as Program} previewAnswers={previewAnswers} onAddTest={addTest} />}
            {panel === 'impact' && doc && (
              <ImpactPanel
                programId={programId}
                draftVersion={session.record.version}
                draftHash={session.record.hash}
                draftCreatedAt={session.record.createdAt}
                initialAgainst={impactAgainst}
                doc={doc as unknown as Program}
                unsaved={session.saveState !== 'saved'}
                saveNow={session.saveNow}
              />
            )}
            {panel === 'base' && layerBase && (
              <LayerReport
                programId={programId}
                version="draft"
                revision={session.record.revision}
                rebase={{
                  run: rebaseDraft,
                  label: (version) => s('layer.rebaseDraft', { version }),
                  busy: session.saveState === 'saving',
                  disabled: session.saveState !== 'saved' ? s('impact.saveFirst') : undefined,
                }}
              />
            )}
            {panel === 'publish' && (
              <PublishPanel
                programId={programId}
                user={user}
                revision={session.record.revision}
                errors={check?.syntax ? 1 : errors.length}
                failingTests={failing}
                unsaved={session.saveState !== 'saved'}
                inFlight={doc?.inFlight === 'keep' ? 'keep' : 'reevaluate'}
                saveNow={session.saveNow}
                draftVersion={session.record.version}
                draftHash={session.record.hash}
                draftCreatedAt={session.record.createdAt}
                onOpenImpact={(against) => {
                  setImpactAgainst(against);
                  setPanel('impact');
                }}
                onPublished={(version) => navigate(`/studio/programs/${encodeURIComponent(programId)}?published=${version}`)}
              />
            )}
          </Tabs>
        </section>
      </div>
    </>
  );
}
