/**
 * Issue 14, finding 3: a large definition cannot stall the server. Definitions over the configured limits are refused
 * (413 for bytes, 422 naming the limit and the count for questions, derived values and rules); within them, an import
 * of a 12,000-step chain of derived values is validated and compiled off the request loop (and in linear time), so
 * the event loop of the process hosting the server never stalls for a second while `/api/health` keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainProgram } from '../../bench/definition-size.ts';
import { loopHeldSeconds, startHarness, type Harness } from './api/harness.ts';

const chain = (n: number, id: string) => ({ ...chainProgram(n), id, version: 1 });

describe('definition size limits', () => {
  let h: Harness;
  let analyst: string;
  beforeAll(async () => {
    h = await startHarness({ limits: { definitionDerived: 5000, definitionBytes: 400_000, definitionRules: 3 } });
    analyst = (await h.user(['analyst'])).token;
  });
  afterAll(() => h?.close());

  it('refuses too many derived values with 422 naming the limit, the count and its variable', async () => {
    const r = await h.call('POST', '/api/programs/import', { token: analyst, body: chain(6000, 'too-many-derived') });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('definition-over-limit');
    expect(r.body.error.message).toContain('6004 derived values');
    expect(r.body.error.message).toContain('limit of 5000');
    expect(r.body.error.diagnostics[0]).toMatchObject({
      path: '/derived',
      params: { count: 6004, limit: 5000, variable: 'MANDATE_DEFINITION_DERIVED' },
    });
    const es = await h.call('POST', '/api/programs/import?lang=es', { token: analyst, body: chain(6000, 'too-many-derived') });
    expect(es.body.error.message).toContain('valores derivados');
    expect((await h.call('GET', '/api/programs/too-many-derived')).status).toBe(404);
  });

  it('refuses too many rules on save too, and a definition over the byte limit with 413', async () => {
    const created = await h.call('POST', '/api/programs/import', { token: analyst, body: chain(10, 'size-save') });
    expect(created.status).toBe(201);
    const doc = created.body.draft.doc;
    doc.rules = [...doc.rules, ...doc.rules, ...doc.rules];
    const saved = await h.call('PUT', '/api/programs/size-save/draft', {
      token: analyst,
      body: doc,
      headers: { 'if-match': String(created.body.draft.revision) },
    });
    expect(saved.status).toBe(422);
    expect(saved.body.error.diagnostics[0]).toMatchObject({ path: '/rules', params: { limit: 3 } });
    const huge = chain(10, 'too-many-bytes');
    (huge.derived!.d1 as { title: string }).title = 'x'.repeat(400_000);
    const big = await h.call('POST', '/api/programs/import', { token: analyst, body: huge });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('definition-too-large');
    expect(big.body.error.message).toContain('MANDATE_DEFINITION_BYTES');
  });
});

describe('a large definition within the limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ limits: { definitionDerived: 20_000, definitionBytes: 2_000_000 } });
  });
  afterAll(() => h?.close());

  it('is imported and validated without stalling the event loop for a second, while /api/health answers', async () => {
    const analyst = (await h.user(['analyst'])).token;
    const doc = chain(12_000, 'long-chain');
    const body = JSON.stringify(doc);
    expect(body.length).toBeGreaterThan(500_000);
    const importing = h.call('POST', '/api/programs/import', { token: analyst, rawBody: body, headers: { 'content-type': 'application/json' } });
    const health = await h.call('GET', '/api/health');
    const imported = await importing;
    const validated = await h.call('POST', '/api/programs/long-chain/draft/validate', { token: analyst });
    expect(health.status).toBe(200);
    expect(imported.status).toBe(201);
    expect(imported.body.diagnostics.filter((d: any) => d.severity === 'error')).toEqual([]);
    expect(validated.body.valid).toBe(true);
    // The server's own measure of its loop (waits for a CPU on a loaded machine left out).
    expect(await loopHeldSeconds(h)).toBeLessThan(1);
  });
});
