/**
 * The server answers in the caller's language, over the shipped emergency rental assistance program (which has
 * Spanish translations): a submission's errors in the application's language, naming fields by their titles in that
 * language; other errors in `?lang=` or `Accept-Language`, else English; a case's determinations in the reader's
 * language, whatever language the applicant used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELIGIBLE_ANSWERS, PROGRAM_ID, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

/** Starts an application in `lang`, saves `answers` and submits them; the submit answer. */
async function submitIn(lang: string, answers: Record<string, unknown>, headers: Record<string, string> = {}) {
  const started = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID, lang } });
  expect(started.body.lang).toBe(lang);
  const code = { 'x-resume-code': started.body.resumeCode };
  expect((await h.call('PUT', `/api/applications/${started.body.id}`, { body: { answers }, headers: code })).status).toBe(200);
  return h.call('POST', `/api/applications/${started.body.id}/submit`, { headers: { ...code, ...headers } });
}

const INVALID = { householdSize: 0, annualIncome: 30000, monthlyRent: -5, pastDueRentNotice: true, evictionNotice: false, unsafeHousing: false };

describe('submission errors in the application language', () => {
  it('a Spanish applicant gets Spanish messages naming the Spanish field titles, even when the browser asks for English', async () => {
    const r = await submitIn('es', INVALID, { 'accept-language': 'en-US,en;q=0.9' });
    expect(r.status).toBe(422);
    expect(r.headers.get('content-language')).toBe('es');
    const byPath = Object.fromEntries(r.body.error.diagnostics.map((d: { path: string; message: string }) => [d.path, d.message]));
    expect(byPath).toEqual({
      '/householdSize': '¿Cuántas personas viven en su casa, incluido usted? debe ser 1 o más.',
      '/monthlyRent': 'Su alquiler mensual debe ser 0 o más.',
      '/rentOwed': 'Alquiler que debe ahora: esta respuesta es obligatoria.',
    });
    expect(r.body.error.message).toMatch(/^Algunas respuestas necesitan atención: /);
    expect(r.body.error.message).toContain('Su alquiler mensual debe ser 0 o más.');
    expect(r.body.error.code).toBe('invalid-answers');
  });

  it('an English applicant gets English messages, even when the browser asks for Spanish', async () => {
    const r = await submitIn('en', INVALID, { 'accept-language': 'es' });
    expect(r.status).toBe(422);
    expect(r.headers.get('content-language')).toBe('en');
    const byPath = Object.fromEntries(r.body.error.diagnostics.map((d: { path: string; message: string }) => [d.path, d.message]));
    expect(byPath).toEqual({
      '/householdSize': 'How many people live in your home, including you? must be 1 or more.',
      '/monthlyRent': 'Your monthly rent must be 0 or more.',
      '/rentOwed': 'Rent you owe now is required.',
    });
    expect(r.body.error.message).toMatch(/^Some answers need attention: /);
  });
});

describe('HTTP errors in the requested language', () => {
  it('404, 401 and 400 in Spanish with Accept-Language: es (routes, programs, sign-in, bodies); English without it', async () => {
    const es = { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' };
    const noRoute = await h.call('GET', '/api/nothing-here', { headers: es });
    expect(noRoute.status).toBe(404);
    expect(noRoute.body.error).toEqual({
      code: 'no-route',
      message: 'No existe la ruta de la API GET /api/nothing-here. Consulte la lista en /openapi.json.',
    });
    expect(noRoute.headers.get('content-language')).toBe('es');

    const resume = await h.call('POST', '/api/applications/resume', { body: { resumeCode: 'AAAA-BBBB-CCCC-DDDD' }, headers: es });
    expect(resume.status).toBe(404);
    expect(resume.body.error.message).toMatch(/^Ninguna solicitud tiene ese código/);

    const program = await h.call('GET', '/api/programs/no-such-program', { headers: es });
    expect(program.status).toBe(404);
    expect(program.body.error.message).toBe('No hay ningún programa con el id "no-such-program".');

    const signedOut = await h.call('GET', '/api/cases', { headers: es });
    expect(signedOut.status).toBe(401);
    expect(signedOut.body.error).toEqual({
      code: 'unauthenticated',
      message: 'Inicie sesión primero: envíe una cookie de sesión o un token Authorization: Bearer.',
    });

    const malformed = await h.call('POST', '/api/applications', { rawBody: '{"programId":', headers: { ...es, 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed-json');
    expect(malformed.body.error.message).toMatch(/^El cuerpo de la solicitud no es JSON válido/);

    const login = await h.call('POST', '/api/auth/login', { body: { email: 'nobody@test.local', password: 'wrong-password-1' }, headers: es });
    expect(login.status).toBe(401);
    expect(login.body.error).toEqual({
      code: 'bad-credentials',
      message: 'El correo electrónico o la contraseña no son correctos, o la cuenta está desactivada.',
    });

    const badDate = await h.call('GET', `/api/programs/${PROGRAM_ID}/current?date=01-07-2025`, { headers: es });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error).toEqual({
      code: 'bad-query',
      message: 'El parámetro de consulta date="01-07-2025" no es una fecha AAAA-MM-DD real; escriba un día del calendario, como date=2025-10-01.',
    });

    const english = await h.call('GET', '/api/cases');
    expect(english.body.error.message).toBe('Sign in first: send a session cookie or an Authorization: Bearer token.');
    expect(english.headers.get('content-language')).toBe('en');
    const french = await h.call('GET', '/api/cases', { headers: { 'accept-language': 'fr-FR' } });
    expect(french.body.error.message).toBe('Sign in first: send a session cookie or an Authorization: Bearer token.');
  });

  it('?lang= wins over Accept-Language', async () => {
    const r = await h.call('GET', '/api/cases?lang=es', { headers: { 'accept-language': 'en' } });
    expect(r.body.error.message).toMatch(/^Inicie sesión primero/);
  });

  it("request-validation errors (422) are worded in the caller's language, diagnostics included", async () => {
    const r = await h.call('POST', '/api/applications', { body: { lang: 'es' }, headers: { 'accept-language': 'es' } });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('invalid-request');
    expect(r.body.error.diagnostics[0]).toMatchObject({
      code: 'request.required',
      path: '/programId',
      message: 'Falta body/programId: añada "programId".',
    });
    expect(r.body.error.message).toContain('Falta body/programId');
  });

  it('workflow refusals are worded in Spanish for a Spanish-speaking caseworker', async () => {
    const started = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
    const code = { 'x-resume-code': started.body.resumeCode };
    await h.call('PUT', `/api/applications/${started.body.id}`, {
      body: {
        answers: {
          householdSize: 3,
          annualIncome: 60000,
          monthlyRent: 2000,
          rentOwed: 4500,
          pastDueRentNotice: false,
          evictionNotice: true,
          unsafeHousing: false,
        },
      },
      headers: code,
    });
    const submitted = await h.call('POST', `/api/applications/${started.body.id}/submit`, { headers: code });
    const worker = await h.user(['caseworker']);
    const r = await h.call('POST', `/api/cases/${submitted.body.caseId}/transitions`, {
      body: { event: 'approve' },
      token: worker.token,
      headers: { 'accept-language': 'es' },
    });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('wrong-state');
    // The state and transition titles are the program's own texts, in the caller's language (its translations).
    expect(r.body.error.message).toBe(
      'Aprobar el pago no es posible mientras el caso está en "Enviada"; solo se permite desde "Esperando la aprobación del supervisor".',
    );
  });
});

describe("a case's determinations in the reader's language", () => {
  type Words = { rule: string; title: string; text: string; outcome: string }[];
  const words = (reasons: Words) => reasons.map(({ rule, title, text, outcome }) => ({ rule, title, text, outcome }));
  /** The reasons an applicant in `lang` is given for the eligible answers (submitted in that language). */
  const reasonsFor = async (lang: string): Promise<Words> => words((await submitIn(lang, ELIGIBLE_ANSWERS)).body.determination.reasons);

  it("a Spanish caseworker reads an English applicant's reasons in Spanish, and an English one in English", async () => {
    const [english, spanish] = [await reasonsFor('en'), await reasonsFor('es')];
    expect(spanish).not.toEqual(english); // the program translates its rules: the test compares two real wordings
    const submitted = await submitIn('en', ELIGIBLE_ANSWERS);
    expect(submitted.status).toBe(201);
    const worker = await h.user(['caseworker']);
    const read = (lang: string) =>
      h.call('GET', `/api/cases/${submitted.body.caseId}`, { token: worker.token, headers: { 'accept-language': lang } });

    const es = (await read('es')).body.determinations[0];
    expect(words(es.result.reasons)).toEqual(spanish);
    expect(es.result.lang).toBe('es');
    expect(es.check.ok).toBe(true); // still checked against what was stored (in English): the decision is the same
    expect(es.result.eligibility).toBe(submitted.body.determination.eligibility);

    const en = (await read('en')).body.determinations[0];
    expect(words(en.result.reasons)).toEqual(english);
  });

  it("a re-determination shows the case's determination before and after in the reader's language", async () => {
    const spanish = await reasonsFor('es');
    const submitted = await submitIn('en', ELIGIBLE_ANSWERS);
    const worker = await h.user(['caseworker']);
    const r = await h.call('POST', `/api/cases/${submitted.body.caseId}/redetermine`, {
      token: worker.token,
      body: { apply: false },
      headers: { 'accept-language': 'es' },
    });
    expect(r.status).toBe(201);
    expect(words(r.body.previous.result.reasons)).toEqual(spanish);
    expect(words(r.body.determination.result.reasons)).toEqual(spanish);
    // What the case stores stays in the applicant's language: an English reader gets English back.
    const en = await h.call('GET', `/api/cases/${submitted.body.caseId}`, { token: worker.token, headers: { 'accept-language': 'en' } });
    expect(en.body.determinations.at(-1).result.lang).toBe('en');
  });
});
