/**
 * Issue 14, finding 2: a hostile regular expression can no longer freeze anything. `^(a+)+$` is an error (naming the
 * pattern and its path) when a definition is imported, saved or put up for publication; and wherever a definition's
 * pattern runs (the server's evaluation of answers, the batch path, the pages' precompiled validator module, the
 * studio's in-browser ajv) it runs on the linear-time engine, so a crafted answer to a form that still has one (a
 * version stored before the check) is answered without stalling the event loop, while `/api/health` answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, evaluateBatch, formAjv, normalize, type Program } from '../../engine/index.ts';
import { compileProgram } from '../../engine/compile/index.ts';
import { validatorModule } from '../../runtime/services/form-validators.ts';
import { draftFormValidator } from '../../studio/src/draft/formValidation.ts';
import { ELIGIBLE_ANSWERS, loopHeldSeconds, rentalProgram, startHarness, type Harness } from './api/harness.ts';

const HOSTILE = '^(a+)+$';
/** 26 letters and a mismatch: about 2^26 backtracking steps for a backtracking engine (over a second in V8 even once its regex code is compiled to machine code), none for RE2. */
const ATTACK = `${'a'.repeat(26)}!`;

function hostileProgram(): Program {
  const p = rentalProgram();
  (p.form.schema.properties as Record<string, unknown>).landlordName = { type: 'string', title: 'Landlord', pattern: HOSTILE };
  (p.form as any).pages[1].fields.push('landlordName');
  return p;
}

/**
 * Runs `work` and returns the longest the server's event loop (this process's) has been held by its own work, in ms:
 * the server's measure (`/metrics`), which leaves out time spent waiting for a CPU on a loaded machine.
 */
async function longestStall(work: () => unknown | Promise<unknown>): Promise<number> {
  await work();
  return (await loopHeldSeconds(h)) * 1000;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('hostile patterns', () => {
  it('makes ^(a+)+$ an error naming the pattern and its path on import, and refuses to put it up for publication', async () => {
    const analyst = await h.user(['analyst']);
    const doc = { ...hostileProgram(), id: 'hostile-pattern', version: 1 };
    const imported = await h.call('POST', '/api/programs/import', { token: analyst.token, body: doc });
    expect(imported.status).toBe(201);
    const d = imported.body.diagnostics.find((x: any) => x.code === 'form.pattern-backtracking');
    expect(d).toMatchObject({ severity: 'error', path: '/form/schema/properties/landlordName/pattern' });
    expect(d.message).toContain('"^(a+)+$"');
    const draft = await h.call('GET', '/api/programs/hostile-pattern/draft', { token: analyst.token });
    const saved = await h.call('PUT', '/api/programs/hostile-pattern/draft', {
      token: analyst.token,
      body: draft.body.doc,
      headers: { 'if-match': String(draft.body.revision) },
    });
    expect(saved.body.diagnostics.some((x: any) => x.code === 'form.pattern-backtracking' && x.severity === 'error')).toBe(true);
    const request = await h.call('POST', '/api/programs/hostile-pattern/draft/publication-request', {
      token: analyst.token,
      body: { changelog: 'x', effectiveFrom: '2025-07-01', inFlight: 'keep', revision: saved.body.draft.revision },
    });
    expect(request.status).toBe(422);
    expect(JSON.stringify(request.body)).toContain('landlordName/pattern');
  });

  it('makes a pattern the linear engine cannot run (a backreference) an error at its path', async () => {
    const analyst = await h.user(['analyst']);
    const doc = { ...hostileProgram(), id: 'backreference-pattern', version: 1 };
    (doc.form.schema.properties as any).landlordName.pattern = '^(a)\\1$';
    const imported = await h.call('POST', '/api/programs/import', { token: analyst.token, body: doc });
    const d = imported.body.diagnostics.find((x: any) => x.code === 'form.pattern-unsupported');
    expect(d).toMatchObject({ severity: 'error', path: '/form/schema/properties/landlordName/pattern' });
    expect(d.message).toContain(JSON.stringify('^(a)\\1$'));
  });

  it('answers a crafted answer to a stored hostile pattern at once on every path, while /api/health answers', async () => {
    const program = hostileProgram();
    // A version stored before the check: compiled without validation, as a store loaded from an older release holds it.
    const compiled = compileProgram(normalize(program).program, 'f'.repeat(64));
    const answers = { ...ELIGIBLE_ANSWERS, landlordName: ATTACK };
    let healthy = false;
    const stall = await longestStall(async () => {
      const health = h.call('GET', '/api/health').then((r) => (healthy = r.status === 200));
      const d = evaluate(compiled, answers, { asOf: '2025-07-01', partial: true });
      expect(d.inputErrors.some((e) => e.path === '/landlordName')).toBe(true);
      const [batch] = evaluateBatch(compiled, [answers], { asOf: '2025-07-01' });
      expect(batch.eligibility).toBeDefined();
      const server = formAjv().compile(program.form.schema);
      expect(server(answers)).toBe(false);
      expect(server({ ...ELIGIBLE_ANSWERS, landlordName: 'aaa' })).toBe(true);
      const studio = draftFormValidator(program.form.schema as any);
      expect(studio.validateFormData(answers, program.form.schema as any).errors.length).toBeGreaterThan(0);
      await health;
    });
    expect(healthy).toBe(true);
    expect(stall).toBeLessThan(1000);
  });

  it('runs the pages’ precompiled validator module on the linear engine too', async () => {
    const schema = hostileProgram().form.schema as Record<string, unknown>;
    const module = await validatorModule(schema);
    const loaded = await import(`data:text/javascript;base64,${Buffer.from(module.code).toString('base64')}`);
    const stall = await longestStall(() => {
      expect(loaded.validate({ ...ELIGIBLE_ANSWERS, landlordName: ATTACK })).toBe(false);
      expect(loaded.validate.errors).toEqual([expect.objectContaining({ keyword: 'pattern', instancePath: '/landlordName' })]);
      expect(loaded.validate({ ...ELIGIBLE_ANSWERS, landlordName: 'aaaa' })).toBe(true);
    });
    expect(stall).toBeLessThan(1000);
  });
});
