/** The format's JSON Schema served at its stable URL, `/schema/program/v1.json`. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_SCHEMA_ID, programSchema } from '../../engine/index.ts';
import { startHarness, type Harness } from './api/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({});
});
afterAll(() => h?.close());

describe('GET /schema/program/v1.json', () => {
  it('serves the engine schema as application/schema+json with a long public cache', async () => {
    const res = await fetch(`${h.url}/schema/program/v1.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/schema\+json/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual(programSchema);
    expect(body.$id).toBe(FORMAT_SCHEMA_ID);
  });

  it('answers 304 to a recheck with the ETag it gave', async () => {
    const first = await fetch(`${h.url}/schema/program/v1.json`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${h.url}/schema/program/v1.json`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });
});
