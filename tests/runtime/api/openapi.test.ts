/**
 * The OpenAPI document: served at /openapi.json, version 3.1, covering every registered route with its method,
 * every `$ref` resolvable, every component schema compilable by ajv; the reference page and its assets are local.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../../runtime/http/app.ts';
import { openapiPath } from '../../../runtime/openapi/build.ts';
import { componentSchemas } from '../../../runtime/openapi/schemas.ts';
import { validatorFor } from '../../../runtime/openapi/validator.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('OpenAPI', () => {
  it('describes every registered route, with resolvable refs', async () => {
    const r = await h.call('GET', '/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.body;
    expect(doc.openapi).toBe('3.1.0');
    const routes = allRoutes(h.server.ctx);
    for (const route of routes) {
      const op = doc.paths[openapiPath(route.path)]?.[route.method];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(op.responses[String(route.response.status)]).toBeDefined();
      if (route.body) expect(op.requestBody.content['application/json'].schema.$ref).toBe(`#/components/schemas/${route.body}`);
      for (const name of route.path.match(/:(\w+)/g) ?? [])
        expect(op.parameters.some((p: { name: string; in: string }) => p.in === 'path' && p.name === name.slice(1))).toBe(true);
    }
    const operations = Object.values(doc.paths).flatMap((p) => Object.keys(p as object));
    expect(operations.length).toBe(routes.length);
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p as Record<string, { operationId: string }>).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    for (const ref of refs(doc)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
    }
  });

  it('compiles every component schema with ajv (the same schemas validate request bodies)', () => {
    for (const name of Object.keys(componentSchemas)) expect(() => validatorFor(name), name).not.toThrow();
    const login = validatorFor('LoginRequest');
    expect(login({ email: 'a@b.c', password: 'x' })).toBe(true);
    expect(login({ email: 'a@b.c' })).toBe(false);
  });

  it('gives every request body an example that its own schema accepts', async () => {
    const doc = (await h.call('GET', '/openapi.json')).body;
    const bodies = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops as Record<string, { requestBody?: { content: Record<string, { schema: { $ref: string }; example?: unknown }> } }>)
        // Routes whose body is only a file (a population file) have no JSON example.
        .filter(([, op]) => op.requestBody?.content['application/json'])
        .map(([method, op]) => ({ at: `${method} ${p}`, media: op.requestBody!.content['application/json'] })),
    );
    expect(bodies.length).toBeGreaterThan(10);
    for (const { at, media } of bodies) {
      expect(media.example, `${at}: example`).toBeDefined();
      const validate = validatorFor(media.schema.$ref.split('/').pop()!);
      expect(validate(media.example) ? [] : validate.errors, `${at}: example against its schema`).toEqual([]);
    }
  });

  it('takes its examples from real data: the program example validates, the evaluation example is a us-snap household', async () => {
    const { requestExamples } = await import('../../../runtime/openapi/examples.ts');
    const { compile, evaluate, validate } = await import('../../../engine/index.ts');
    const { loadProgramFolder } = await import('../../../runtime/fs/program-folder.ts');
    expect(validate(requestExamples.ProgramDocument).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const snap = loadProgramFolder('programs/us-snap/fy2026').versions[0].doc;
    const example = requestExamples.EvaluateRequest as { answers: unknown; date: string };
    const expected = (snap as { tests: { input: unknown; expected: { eligibility: string } }[] }).tests.find(
      (t) => t.input === example.answers || JSON.stringify(t.input) === JSON.stringify(example.answers),
    );
    expect(expected).toBeDefined();
    expect(evaluate(compile(snap).compiled!, example.answers, { asOf: example.date }).eligibility).toBe(expected!.expected.eligibility);
  });

  it('serves the interactive reference and swagger-ui from this server', async () => {
    const page = await fetch(`${h.url}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await fetch(`${h.url}/api/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect((await fetch(`${h.url}/api/docs/init.js`)).status).toBe(200);
  });

  it('every success response seen by the other tests matches its schema (spot check: lists)', async () => {
    const { schemaErrors } = await import('../../../runtime/openapi/validator.ts');
    expect(schemaErrors('ProgramList', (await h.call('GET', '/api/programs')).body)).toEqual([]);
    expect(schemaErrors('ProgramDetail', (await h.call('GET', '/api/programs/emergency-rental-assistance')).body)).toEqual([]);
    expect(schemaErrors('VersionWithDocument', (await h.call('GET', '/api/programs/emergency-rental-assistance/current')).body)).toEqual([]);
    expect(schemaErrors('UserList', (await h.call('GET', '/api/users', { token: h.adminToken })).body)).toEqual([]);
    expect(schemaErrors('User', (await h.call('GET', '/api/auth/me', { token: h.adminToken })).body)).toEqual([]);
    expect(schemaErrors('Health', (await h.call('GET', '/api/health')).body)).toEqual([]);
    expect(schemaErrors('Error', (await h.call('GET', '/api/cases')).body)).toEqual([]);
  });
});
