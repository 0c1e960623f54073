/**
 * The form builder (the `form` part): the pages in order — add, rename, delete with confirmation, reorder by drag
 * (dnd-kit, keyboard sensor included) and by Move up / Move down, the condition under which each shows — and, for the
 * selected page, its questions (see QuestionEditor). It keeps no copy of the form: it reads the definition and
 * writes each change through `setDoc` (model.ts holds the edits).
 */
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useEffect, useState } from 'react';
import { Alert } from '../../../../web/src/shared/components.tsx';
import { useText } from '../../text.ts';
import { FieldProblems, problemsAt, problemsId } from '../FieldProblems.tsx';
import type { BuilderProps } from '../types.ts';
import { ConditionEditor } from './ConditionEditor.tsx';
import { addQuestion, moveQuestion, pagesOf, questions, type QuestionView } from './model.ts';
import { addPage, deletePage, leafOf, movePage, pageConditionOf, setPageCondition, setPageText } from './pages.ts';
import { AddQuestion, UsesList } from './parts.tsx';
import { QuestionList } from './QuestionEditor.tsx';
import { usesOf, type Use } from './rename.ts';
import { KINDS, type Json } from './types.ts';

function titleOf(page: Json, n: number): string {
  return typeof page.title === 'string' && page.title ? page.title : String(n);
}

/** One page in the list: drag handle, its name (selects it), Move up / Move down. */
function PageItem({
  page,
  index,
  count,
  selected,
  onSelect,
  onMove,
  problems,
}: {
  page: Json;
  index: number;
  count: number;
  selected: boolean;
  onSelect: () => void;
  onMove: (to: number) => void;
  problems: number;
}) {
  const s = useText();
  const id = String(page.id);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const title = titleOf(page, index + 1);
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`mandate-fb-page${selected ? ' mandate-fb-page--selected' : ''}${isDragging ? ' mandate-fb-page--dragging' : ''}`}
      data-testid={`fb-page-${id}`}
    >
      <button
        type="button"
        ref={setActivatorNodeRef}
        className="usa-button usa-button--unstyled mandate-fb-handle"
        {...attributes}
        {...listeners}
        aria-label={s('fb.dragHandle', { title })}
      >
        <span aria-hidden="true">⠿</span>
      </button>
      <button
        type="button"
        className="usa-button usa-button--unstyled mandate-fb-page__name"
        aria-current={selected ? 'true' : undefined}
        data-pointer={`/form/pages/${index}`}
        onClick={onSelect}
      >
        {s('fb.page', { n: index + 1, title })}
        {selected && <span className="usa-sr-only"> {s('fb.selected')}</span>}
      </button>
      {problems > 0 && (
        <span className="mandate-fb-tag mandate-fb-tag--warning">
          <span aria-hidden="true">{problems}</span>
          <span className="usa-sr-only">{s('badge.problems', { count: problems })}</span>
        </span>
      )}
      <span className="mandate-fb-row-actions">
        <button type="button" className="usa-button usa-button--unstyled" disabled={index === 0} onClick={() => onMove(index - 1)}>
          {s('fb.moveUp')}
          <span className="usa-sr-only">: {title}</span>
        </button>
        <button type="button" className="usa-button usa-button--unstyled" disabled={index === count - 1} onClick={() => onMove(index + 1)}>
          {s('fb.moveDown')}
          <span className="usa-sr-only">: {title}</span>
        </button>
      </span>
    </li>
  );
}

/** The form builder. */
export function FormBuilder({ doc, setDoc, diagnostics, showJson }: BuilderProps) {
  const s = useText();
  const pages = pagesOf(doc);
  const [selected, setSelected] = useState(0);
  const [newPage, setNewPage] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [refusal, setRefusal] = useState<{ text: string; uses: { id: string; uses: Use[] }[] } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [focusTitle, setFocusTitle] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const sensors = useSensors(useSensor(PointerSensor), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const index = Math.min(selected, pages.length - 1);
  const page = pages[index];
  const all = questions(doc);

  useEffect(() => {
    if (!focusTitle) return;
    document.getElementById(`fb-${focusTitle}-title`)?.focus();
    setFocusTitle(null);
  }, [focusTitle]);

  const titleById = (id: string | number) => {
    const i = pages.findIndex((p) => String(p.id) === String(id));
    return i >= 0 ? titleOf(pages[i], i + 1) : String(id);
  };
  const positionOf = (id: string | number | undefined) => pages.findIndex((p) => String(p.id) === String(id)) + 1;

  const move = (from: number, to: number) => {
    setDoc(movePage(doc, from, to));
    if (selected === from) setSelected(to);
    else if (selected === to) setSelected(from);
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = pages.findIndex((p) => String(p.id) === String(active.id));
    const to = pages.findIndex((p) => String(p.id) === String(over.id));
    if (from < 0 || to < 0) return;
    setDoc(movePage(doc, from, to));
    if (selected === from) setSelected(to);
  };

  if (!page) {
    return (
      <Alert type="warning" slim>
        <button type="button" className="usa-button usa-button--unstyled" onClick={() => showJson('/form')}>
          {s('fb.openJson')}
        </button>
      </Alert>
    );
  }

  const fields = Array.isArray(page.fields) ? (page.fields as string[]) : [];
  const onPage = fields.map((id) => all.get(id)).filter((q): q is QuestionView => !!q);
  const others = [...all.values()].filter((q) => !fields.includes(q.id));
  const pagePointer = `/form/pages/${index}`;
  const described = (p: string) => (problemsAt(diagnostics, p).length ? problemsId(p) : undefined);

  return (
    <div className="mandate-fb" data-testid="form-builder">
      <p className="usa-sr-only" role="status" aria-live="polite">
        {status}
      </p>
      <FieldProblems diagnostics={diagnostics} pointer="/form" />
      <FieldProblems diagnostics={diagnostics} pointer="/form/schema" />
      <section aria-labelledby="fb-pages-heading">
        <h2 id="fb-pages-heading" className="margin-y-1 font-heading-lg">
          {s('fb.pages')}
        </h2>
        <p className="usa-hint margin-top-0" id="fb-pages-hint">
          {s('fb.pagesHint')}
        </p>
        <DndContext
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={onDragEnd}
          accessibility={{
            screenReaderInstructions: { draggable: s('fb.dnd.instructions') },
            announcements: {
              onDragStart: ({ active }) => s('fb.dnd.start', { title: titleById(active.id) }),
              onDragOver: ({ active, over }) => (over ? s('fb.dnd.over', { title: titleById(active.id), n: positionOf(over.id) }) : undefined),
              onDragEnd: ({ active, over }) => (over ? s('fb.dnd.end', { title: titleById(active.id), n: positionOf(over.id) }) : undefined),
              onDragCancel: ({ active }) => s('fb.dnd.cancel', { title: titleById(active.id) }),
            },
          }}
        >
          <SortableContext items={pages.map((p) => String(p.id))} strategy={verticalListSortingStrategy}>
            <ol className="usa-list usa-list--unstyled mandate-fb-pages" aria-describedby="fb-pages-hint">
              {pages.map((p, i) => (
                <PageItem
                  key={String(p.id)}
                  page={p}
                  index={i}
                  count={pages.length}
                  selected={i === index}
                  problems={problemsAt(diagnostics, `/form/pages/${i}`, true).length}
                  onSelect={() => {
                    setSelected(i);
                    setConfirmDelete(false);
                    setRefusal(null);
                    setOpen(null);
                  }}
                  onMove={(to) => move(i, to)}
                />
              ))}
            </ol>
          </SortableContext>
        </DndContext>
        <div className="mandate-fb-inline margin-top-1">
          <div>
            <label className="usa-label margin-top-0" htmlFor="fb-new-page">
              {s('fb.newPageTitle')}
            </label>
            <input
              className="usa-input"
              id="fb-new-page"
              value={newPage}
              onChange={(e) => setNewPage(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  (e.currentTarget.parentElement?.nextElementSibling as HTMLButtonElement | null)?.click();
                }
              }}
            />
          </div>
          <button
            type="button"
            className="usa-button usa-button--outline"
            disabled={!newPage.trim()}
            onClick={() => {
              const made = addPage(doc, newPage.trim());
              setDoc(made.doc);
              setSelected(made.index);
              setNewPage('');
              setOpen(null);
            }}
          >
            {s('fb.addPage')}
          </button>
        </div>
      </section>

      <section className="mandate-fb-pageeditor" aria-labelledby="fb-page-heading">
        <h2 id="fb-page-heading" className="margin-y-1 font-heading-lg">
          {s('fb.pageHeading', { title: titleOf(page, index + 1) })}
        </h2>
        <p className="usa-hint margin-0">{s('fb.pageId', { id: String(page.id) })}</p>
        <label className="usa-label" htmlFor="fb-page-title">
          {s('fb.pageTitle')}
        </label>
        <input
          className="usa-input"
          id="fb-page-title"
          value={typeof page.title === 'string' ? page.title : ''}
          onChange={(e) => setDoc(setPageText(doc, index, 'title', e.target.value))}
          data-pointer={`${pagePointer}/title`}
          aria-describedby={described(`${pagePointer}/title`)}
        />
        <FieldProblems diagnostics={diagnostics} pointer={`${pagePointer}/title`} />
        <label className="usa-label" htmlFor="fb-page-description">
          {s('fb.pageDescription')}
        </label>
        <textarea
          className="usa-textarea mandate-fb-textarea"
          id="fb-page-description"
          value={typeof page.description === 'string' ? page.description : ''}
          onChange={(e) => setDoc(setPageText(doc, index, 'description', e.target.value))}
          data-pointer={`${pagePointer}/description`}
          aria-describedby={described(`${pagePointer}/description`)}
        />
        <FieldProblems diagnostics={diagnostics} pointer={`${pagePointer}/description`} />
        <FieldProblems diagnostics={diagnostics} pointer={`${pagePointer}/fields`} within />
        <ConditionEditor
          idBase="fb-page-condition"
          legend={s('fb.conditionPageLegend')}
          value={pageConditionOf(page)}
          sources={others}
          pointer={`${pagePointer}/showWhen`}
          diagnostics={diagnostics}
          showJson={showJson}
          onChange={(c) => setDoc(setPageCondition(doc, index, c ? leafOf(c) : undefined))}
        />

        <section aria-labelledby="fb-questions-heading" className="margin-top-3">
          <h3 id="fb-questions-heading" className="margin-y-1">
            {s('fb.questions')}
          </h3>
          <QuestionList
            doc={doc}
            setDoc={setDoc}
            list={onPage}
            sources={[...all.values()]}
            diagnostics={diagnostics}
            showJson={showJson}
            open={open}
            setOpen={setOpen}
            onRenamed={(id) => setStatus(s('fb.renamed', { id }))}
            move={(q, from, to) => setDoc(moveQuestion(doc, q, from, to, index))}
          />
          <AddQuestion
            idBase="fb-add"
            legend={s('fb.addQuestion')}
            kinds={KINDS}
            onAdd={(kind, title, words) => {
              const made = addQuestion(doc, index, kind, title, words);
              setDoc(made.doc);
              return made.id;
            }}
            onAdded={(id) => {
              setOpen(id);
              setFocusTitle(id);
            }}
          />
        </section>

        <div className="margin-top-3">
          {refusal && (
            <Alert type="warning" slim>
              {refusal.text}
              {refusal.uses.map((r) => (
                <div key={r.id}>
                  <p className="margin-bottom-0">{s('fb.inUse', { title: (all.get(r.id)?.schema.title as string) ?? r.id })}</p>
                  <UsesList uses={r.uses} showJson={showJson} />
                </div>
              ))}
            </Alert>
          )}
          {confirmDelete ? (
            <fieldset className="usa-fieldset mandate-fb-confirm">
              <legend className="margin-bottom-1">{s('fb.deletePageConfirm', { title: titleOf(page, index + 1), count: onPage.length })}</legend>
              <button
                type="button"
                className="usa-button usa-button--secondary"
                onClick={() => {
                  const result = deletePage<Use>(doc, index, usesOf);
                  setConfirmDelete(false);
                  if ('refused' in result) {
                    const list = result.refused as { id: string; uses: Use[] }[];
                    setRefusal({ text: list.length ? s('fb.pageInUse') : s('fb.onlyPage'), uses: list });
                    return;
                  }
                  setRefusal(null);
                  setDoc(result);
                  setSelected(Math.max(0, index - 1));
                  setOpen(null);
                }}
              >
                {s('fb.deletePageYes')}
              </button>
              <button type="button" className="usa-button usa-button--outline" onClick={() => setConfirmDelete(false)}>
                {s('fb.cancel')}
              </button>
            </fieldset>
          ) : (
            <button type="button" className="usa-button usa-button--outline usa-button--secondary" onClick={() => setConfirmDelete(true)}>
              {s('fb.deletePage')}
            </button>
          )}
        </div>
      </section>
    </div>
  );
}
