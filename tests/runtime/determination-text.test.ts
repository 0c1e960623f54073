/**
 * A submission's determination is stringified once (hashed for the stored record, and sent as the answer): on every
 * test case of every shipped program, the compact record made with that text is the one made without it (the same
 * determination hash, sha256 of `JSON.stringify` of the determination as ever, so stored hashes still verify), and
 * an answer holding the determination with its kept text is byte for byte `JSON.stringify` of it. The submit answer
 * of the API is held to the same.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, evaluate } from '../../engine/index.ts';
import { canonicalJson } from '../../runtime/services/engine-port.ts';
import { compactDetermination, determinationHash } from '../../runtime/services/determinations.ts';
import { stringifyWithKnownText, withJsonText } from '../../runtime/services/json-text.ts';
import { PROGRAMS_DIR, shippedVersions } from '../programs/load.ts';
import { ELIGIBLE_ANSWERS, PROGRAM_ID, startHarness, type Harness } from './api/harness.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const versions = await shippedVersions();

describe('the determination stringified once', () => {
  for (const version of versions) {
    it(`gives the same record, hashes and answer text on ${path.relative(PROGRAMS_DIR, version.dir)}'s test cases`, () => {
      const { compiled } = compile(version.resolved ?? version.doc);
      const tests = compiled!.program.tests;
      expect(tests.length).toBeGreaterThan(0);
      for (const test of tests) {
        for (const lang of compiled!.program.languages) {
          const full = evaluate(compiled!, test.input, { asOf: test.date, partial: false, lang });
          const text = JSON.stringify(full);
          const record = compactDetermination(full, test.input, text);
          expect(record).toEqual(compactDetermination(full, test.input));
          // The definitions stored hashes were made with.
          expect(record.determinationHash).toBe(sha256(JSON.stringify(full)));
          expect(determinationHash(full)).toBe(record.determinationHash);
          expect(record.inputsHash).toBe(sha256(canonicalJson(test.input ?? {})));
          const answer = {
            caseId: 'c-1',
            reference: 'R-2026-000001',
            applicationId: 'a-1',
            determination: withJsonText(full, text),
            nextStep: { state: 'review', title: 'Review "quoted" \u2028', deadline: null },
            skipped: undefined,
          };
          expect(stringifyWithKnownText(answer)).toBe(JSON.stringify(answer));
        }
      }
    });
  }

  it('stringifies anything else as JSON.stringify does', () => {
    const date = new Date('2026-01-02T03:04:05Z');
    for (const value of [
      null,
      1,
      'x',
      [1, { a: 2 }],
      { a: 1, b: [2], c: undefined, d: () => 1, e: date },
      { toJSON: () => 'custom' },
      Object.create(null),
    ]) {
      expect(stringifyWithKnownText(value)).toBe(JSON.stringify(value));
    }
    const inner = withJsonText({ b: 1 }, '{"b":1}');
    expect(stringifyWithKnownText({ 2: 'two', a: inner, 1: 'one' })).toBe(JSON.stringify({ 2: 'two', a: { b: 1 }, 1: 'one' }));
    // Only a plain object's own properties: nested deeper, the text is made again.
    expect(stringifyWithKnownText({ a: { inner } })).toBe('{"a":{"inner":{"b":1}}}');
  });
});

describe('the submit answer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('is the JSON of the determination the case stored the hash of', async () => {
    const started = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
    const code = { 'x-resume-code': started.body.resumeCode as string };
    expect((await h.call('PUT', `/api/applications/${started.body.id}`, { headers: code, body: { answers: ELIGIBLE_ANSWERS } })).status).toBe(200);
    const res = await fetch(`${h.url}/api/applications/${started.body.id}/submit`, {
      method: 'POST',
      headers: { ...code, 'accept-encoding': 'identity' },
    });
    expect(res.status).toBe(201);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(text).toBe(JSON.stringify(body));
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    const stored = await h.call('GET', `/api/cases/${body.caseId}`, { token: h.adminToken });
    expect(stored.status).toBe(200);
    const record = stored.body.determinations[0];
    expect(record).toMatchObject({ source: 'recomputed', check: { ok: true } });
    expect(record.check.storedHash).toBe(sha256(JSON.stringify(body.determination)));
  });
});
