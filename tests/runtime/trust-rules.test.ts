/**
 * The pure rules of issue 14 (findings 4, 5, 7), without a server: when a re-determination may be applied
 * (`redetermination-rule.ts`), who may act on a case and whom auto-assignment must skip (`case-access.ts`), and which
 * answers a save changed (`changedFields`, names only).
 */
import { describe, expect, it } from 'vitest';
import { accessRefusal, personallyRefused } from '../../runtime/services/case-access.ts';
import { changedFields } from '../../runtime/services/applications.ts';
import { decidedStates, redeterminationRefusal } from '../../runtime/services/redetermination-rule.ts';
import { rentalProgram } from './api/harness.ts';

const program = rentalProgram();
const decided = decidedStates([program]);

describe('redeterminationRefusal', () => {
  const kase = { id: 'c1', state: 'submitted', version: 2 };
  it('knows the decided states from the workflow', () => {
    expect([...decided].sort()).toEqual(['appeal-denied', 'appeal-upheld', 'approved']);
  });
  it('refuses a decided case to a request and a job, but not to a transition (the workflow defines it)', () => {
    const approved = { ...kase, state: 'approved' };
    for (const path of ['request', 'job'] as const) {
      expect(redeterminationRefusal({ kase: approved, caseProgram: program, decided, targetVersion: 3, path })).toMatchObject({
        code: 'case-decided',
        params: { caseId: 'c1', state: 'Approved' },
      });
    }
    expect(redeterminationRefusal({ kase: approved, caseProgram: program, decided, targetVersion: 3, path: 'transition' })).toBeNull();
  });
  it('refuses an older version on every path unless the workflow allows it', () => {
    for (const path of ['request', 'job', 'transition'] as const) {
      expect(redeterminationRefusal({ kase, caseProgram: program, decided, targetVersion: 1, path })?.code).toBe('older-version');
    }
    const allowing = { ...program, workflow: { ...program.workflow, redetermineToOlderVersion: true } };
    expect(redeterminationRefusal({ kase, caseProgram: allowing, decided, targetVersion: 1, path: 'request' })).toBeNull();
    expect(redeterminationRefusal({ kase, caseProgram: program, decided, targetVersion: 2, path: 'request' })).toBeNull();
  });
});

describe('accessRefusal and personallyRefused', () => {
  const kase = { id: 'c1', assignee: 'someone' };
  it('refuses a party acting as staff, but not in a role acting for the applicant', () => {
    const parties = new Set(['me']);
    const me = { id: 'me', roles: ['caseworker', 'intermediary'] as const };
    expect(accessRefusal({ ...me, roles: [...me.roles] }, kase, program, parties, ['caseworker'])?.code).toBe('own-case');
    expect(accessRefusal({ ...me, roles: [...me.roles] }, kase, program, parties, ['applicant', 'intermediary', 'caseworker'])).toBeNull();
    expect(accessRefusal({ ...me, roles: [...me.roles] }, kase, program, parties)?.code).toBe('own-case');
  });
  it('applies caseAccess "assignee" to caseworkers only', () => {
    const strict = { ...program, workflow: { ...program.workflow, caseAccess: 'assignee' as const } };
    const none = new Set<string>();
    expect(accessRefusal({ id: 'w', roles: ['caseworker'] }, kase, strict, none)?.code).toBe('not-assignee');
    expect(accessRefusal({ id: 'w', roles: ['caseworker'] }, { ...kase, assignee: null }, strict, none)).toBeNull();
    expect(accessRefusal({ id: 'w', roles: ['caseworker', 'supervisor'] }, kase, strict, none)).toBeNull();
    expect(accessRefusal({ id: 'w', roles: ['caseworker'] }, kase, program, none)).toBeNull();
  });
  it('skips, for auto-assignment, the maker of a maker-checker pair and a party, but not an uninvolved supervisor', () => {
    const after = { state: 'supervisor-review', assignee: null, performedBy: { 'complete-review': ['maker'] }, determination: null, data: {} };
    expect(personallyRefused(program, { id: 'maker', roles: ['caseworker', 'supervisor'] }, new Set(), after, '2025-07-01')).toBe(true);
    expect(personallyRefused(program, { id: 'other', roles: ['supervisor'] }, new Set(), after, '2025-07-01')).toBe(false);
    expect(personallyRefused(program, { id: 'other', roles: ['supervisor'] }, new Set(['other']), after, '2025-07-01')).toBe(true);
  });
});

describe('changedFields', () => {
  it('lists the JSON Pointers of added, removed and changed answers, never values', () => {
    expect(changedFields({}, { a: 1 })).toEqual(['/a']);
    expect(changedFields({ a: 1, b: { c: 2 } }, { a: 1, b: { c: 3 } })).toEqual(['/b/c']);
    expect(changedFields({ members: [{ n: 'A' }] }, { members: [{ n: 'A' }, { n: 'B' }] })).toEqual(['/members/1']);
    expect(changedFields({ x: 1, 'a/b': 1 }, { 'a/b': 2 })).toEqual(['/a~1b', '/x']);
    expect(changedFields({ a: [1] }, { a: { 0: 1 } })).toEqual(['/a']);
  });
});
