/**
 * The workflow builder's document transforms: each changes only the workflow, keeps the rest of the definition and
 * its key order, renames a state everywhere it is named, and refuses what would break the workflow. The results are
 * checked with the engine's own validation, so a transform cannot produce a workflow the engine rejects.
 */
import { describe, expect, it } from 'vitest';
import { validate, type Program } from '../../engine/index.ts';
import {
  addDeadline,
  addState,
  addTransition,
  clauseCondition,
  guardClauses,
  guardOf,
  idFromTitle,
  moveTransition,
  removeDeadline,
  removeState,
  removeTransition,
  renameEvent,
  renameState,
  setInitial,
  stateReferences,
  updateState,
  updateTransition,
  WorkflowEditError,
  workflowOf,
} from '../../studio/src/builders/workflow/transforms.ts';
import { shippedProgram } from '../programs/load.ts';

const era = (): Record<string, unknown> => structuredClone(shippedProgram('emergency-rental-assistance')) as unknown as Record<string, unknown>;

const errorsOf = (doc: Record<string, unknown>) => validate(doc as unknown as Program).diagnostics.filter((d) => d.severity === 'error');

function refusal(fn: () => unknown): WorkflowEditError {
  try {
    fn();
  } catch (err) {
    if (err instanceof WorkflowEditError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('workflow transforms', () => {
  it('renames a state in the initial state, every transition and every deadline, and the result validates', () => {
    const doc = era();
    const before = workflowOf(doc);
    const uses = stateReferences(before, 'submitted');
    expect(uses.length).toBeGreaterThan(3);
    const after = renameState(doc, 'submitted', 'received');
    const w = workflowOf(after);
    expect(Object.keys(w.states)).toContain('received');
    expect(Object.keys(w.states)).not.toContain('submitted');
    expect(Object.keys(w.states).indexOf('received')).toBe(Object.keys(before.states).indexOf('submitted'));
    expect(stateReferences(w, 'submitted')).toEqual([]);
    expect(stateReferences(w, 'received')).toEqual(uses);
    expect(errorsOf(after)).toEqual([]);
    // Nothing outside the workflow changed but the keys of the state's translations, and the parts keep their order.
    expect(Object.keys(after)).toEqual(Object.keys(doc));
    expect({ ...after, workflow: null, translations: null }).toEqual({ ...doc, workflow: null, translations: null });
  });

  it('refuses an id that is taken or does not fit the pattern', () => {
    const doc = era();
    expect(refusal(() => renameState(doc, 'submitted', 'approved')).key).toBe('workflow.error.idTaken');
    expect(refusal(() => renameState(doc, 'submitted', 'in review')).key).toBe('workflow.error.idPattern');
    expect(refusal(() => renameEvent(doc, 0, 'approve')).key).toBe('workflow.error.idTaken');
  });

  it('removes only a state nothing names, and says where a used one is named', () => {
    const doc = era();
    const used = refusal(() => removeState(doc, 'denied'));
    expect(used.key).toBe('workflow.error.stateInUse');
    expect(used.params.where).toEqual(stateReferences(workflowOf(doc), 'denied'));
    const { doc: added, id } = addState(doc, 'On hold');
    expect(id).toBe('on-hold');
    expect(workflowOf(added).states[id]).toEqual({ title: 'On hold' });
    expect(workflowOf(removeState(added, id)).states).toEqual(workflowOf(doc).states);
  });

  it('makes ids from titles that fit the pattern and do not collide', () => {
    expect(idFromTitle('Revisión del supervisor', [], 'state')).toBe('revision-del-supervisor');
    expect(idFromTitle('Approved', ['approved', 'approved-2'], 'state')).toBe('approved-3');
    expect(idFromTitle('¿?', [], 'state')).toBe('state');
  });

  it('adds a transition that validates, edits it, and moves it', () => {
    const doc = era();
    const { doc: added, index } = addTransition(doc, 'Put on hold', 'in-review', 'supervisor-review');
    const t = workflowOf(added).transitions[index];
    expect(t).toEqual({ event: 'put-on-hold', title: 'Put on hold', from: ['in-review'], to: 'supervisor-review', roles: ['caseworker'] });
    expect(errorsOf(added)).toEqual([]);
    const edited = updateTransition(added, index, { roles: ['supervisor'], actions: [{ type: 'notify', to: 'applicant', template: 'On hold.' }] });
    expect(workflowOf(edited).transitions[index].roles).toEqual(['supervisor']);
    expect(errorsOf(edited)).toEqual([]);
    expect(workflowOf(updateTransition(edited, index, { actions: [] })).transitions[index]).not.toHaveProperty('actions');
    const moved = moveTransition(edited, index, -1);
    expect(workflowOf(moved).transitions[index - 1].event).toBe('put-on-hold');
    expect(moveTransition(moved, 0, -1)).toBe(moved);
  });

  it('reads the guards the builder offers and writes them back unchanged', () => {
    const w = workflowOf(era());
    const approve = w.transitions.find((t) => t.event === 'approve');
    const clauses = guardClauses(approve?.guard?.conditions);
    expect(clauses).toEqual([
      { kind: 'not-same-person', event: 'complete-review' },
      { kind: 'result', eligibility: 'eligible' },
    ]);
    expect(guardOf(clauses ?? [], approve?.guard?.message ?? '')).toEqual(approve?.guard);
    // Anything else is left to the JSON view.
    expect(guardClauses({ any: [clauseCondition({ kind: 'result', eligibility: 'eligible' })] })).toBeNull();
    expect(guardClauses({ fact: 'actor', path: '$.roles', operator: 'contains', value: 'supervisor' })).toBeNull();
    expect(guardClauses(undefined)).toEqual([]);
    expect(guardOf([], 'x')).toBeUndefined();
  });

  it('edits states, the start state and deadlines, and removes the deadlines key with the last one', () => {
    let doc = era();
    doc = updateState(doc, 'denied', { description: 'Closed with reasons.', terminal: true });
    expect(workflowOf(doc).states.denied).toMatchObject({ description: 'Closed with reasons.', terminal: true });
    doc = updateState(doc, 'denied', { description: '', terminal: false });
    expect(workflowOf(doc).states.denied).not.toHaveProperty('description');
    expect(workflowOf(doc).states.denied).not.toHaveProperty('terminal');
    expect(workflowOf(setInitial(doc, 'submitted')).initial).toBe('submitted');
    const { doc: withDeadline, index } = addDeadline(doc, 'Review within 10 days', 'in-review', 10);
    expect(workflowOf(withDeadline).deadlines?.[index]).toMatchObject({ id: 'review-within-10-days', from: 'in-review', days: 10 });
    expect(errorsOf(withDeadline)).toEqual([]);
    let none = withDeadline;
    while ((workflowOf(none).deadlines ?? []).length) none = removeDeadline(none, 0);
    expect(workflowOf(none)).not.toHaveProperty('deadlines');
  });

  it('keeps each translation with its text when transitions move or go and states are renamed', () => {
    const doc = era();
    const es = (d: Record<string, unknown>) => (d.translations as Record<string, Record<string, unknown>>).es;
    const titleOf = (d: Record<string, unknown>, event: string) => {
      const i = workflowOf(d).transitions.findIndex((t) => t.event === event);
      return es(d)[`/workflow/transitions/${i}/title`];
    };
    const events = workflowOf(doc).transitions.map((t) => t.event);
    const before = Object.fromEntries(events.map((e) => [e, titleOf(doc, e)]));
    expect(Object.values(before).filter(Boolean).length).toBe(events.length);
    const movedDoc = moveTransition(moveTransition(doc, 0, 1), 5, -3);
    for (const e of events) expect(titleOf(movedDoc, e)).toEqual(before[e]);
    const removed = removeTransition(doc, 2);
    for (const e of events.filter((_, i) => i !== 2)) expect(titleOf(removed, e)).toEqual(before[e]);
    expect(Object.keys(es(removed)).filter((k) => k.startsWith(`/workflow/transitions/${events.length - 1}/`))).toEqual([]);
    const stateTitle = es(doc)['/workflow/states/submitted/title'];
    expect(stateTitle).toBeTruthy();
    const renamed = renameState(doc, 'submitted', 'received');
    expect(es(renamed)['/workflow/states/received/title']).toEqual(stateTitle);
    expect(es(renamed)).not.toHaveProperty('/workflow/states/submitted/title');
  });
});
