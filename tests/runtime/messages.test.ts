/**
 * The runtime's message catalogues (HTTP errors, request validation): every key has every spoken language and
 * renders without holes for realistic params (a fixture per key, so a new key needs one here); an error renders in
 * the language asked, its diagnostics too.
 */
import { describe, expect, it } from 'vitest';
import { SPOKEN, type AnyCatalogue } from '../../engine/index.ts';
import { HTTP_MESSAGES } from '../../runtime/http/messages.ts';
import { REQUEST_MESSAGES } from '../../runtime/openapi/request-messages.ts';
import { errorBody, HttpError, notFound, words } from '../../runtime/http/errors.ts';
import { toDiagnostics, validatorFor } from '../../runtime/openapi/validator.ts';

const HOLES = /undefined|NaN|\[object Object\]/;

const HTTP_PARAMS: Record<keyof typeof HTTP_MESSAGES.entries, Record<string, unknown>> = {
  'bad-request': { detail: 'the id is empty' },
  'malformed-json': { detail: 'Unexpected end of JSON input' },
  'body-too-large': { limit: 1048576 },
  'unsupported-encoding': { detail: 'unsupported charset "LATIN1"' },
  'unsupported-media-type': { type: 'text/plain' },
  'request-aborted': {},
  'forbidden-key': { in: 'body', at: '$.answers.__proto__' },
  'bad-query.integer': { name: 'limit', value: 'ten' },
  'bad-query.boolean': { name: 'overdue', value: 'maybe' },
  'bad-query.date': { name: 'dueBefore', value: '01/02/2025' },
  'bad-query.range': { name: 'offset', value: '99999999999', min: 0, max: 1000000000, where: 'query' },
  'bad-path': { path: '%ff' },
  'lone-surrogate': { in: 'body', at: '$.email' },
  'nul-character': { in: 'body', at: '$.name' },
  'too-many-requests': { what: 'starts', limit: 30, seconds: 3599 },
  'answers-too-large': { size: 2000001, limit: 120402 },
  'definition-too-large': { bytes: 3000000, limit: 1048576 },
  'not-ready': { detail: 'the database is not open' },
  'metrics-token': {},
  'metrics-local-only': {},
  'definition-over-limit': { what: 'derived values', count: 12000, limit: 5000, variable: 'MANDATE_DEFINITION_DERIVED' },
  'bad-query.enum': { name: 'format', value: 'csv', allowed: ['json', 'zip'] },
  'bad-version': { value: 'latest' },
  'application.step': { value: 'nowhere', allowed: ['household', 'review'] },
  'dashboard.period': { from: '2025-09-01', to: '2025-08-01' },
  'dashboard.abandoned-days': { value: '0' },
  'settings.export-column': { index: 2, value: 'ssn', allowed: ['case', 'state'] },
  'bad-version.number': { value: 'v2' },
  'invalid-request': { where: 'body', schema: 'start application request', diagnostics: ['body/programId is required: add "programId".'] },
  unauthenticated: {},
  'bad-credentials': {},
  'too-many-attempts': {},
  'too-many-codes': { minutes: 15 },
  'code-in-url': {},
  csrf: {},
  role: { roles: ['caseworker', 'supervisor'], actual: ['applicant'] },
  'self-lockout': {},
  'not-requester': {},
  'same-person': {},
  'not-found.validator': { hash: 'a'.repeat(64) },
  'not-found': { what: 'program version', id: 'snap@3' },
  'not-found.resume-code': {},
  'not-found.version': { version: '4', programId: 'us-snap' },
  'no-draft': { programId: 'us-snap' },
  'no-publication-request': { programId: 'us-snap' },
  'no-route': { method: 'GET', path: '/api/nothing' },
  'not-in-force': { programId: 'us-snap' },
  'already-submitted': {},
  'stale-revision': { currentRevision: 5, expectedRevision: 4 },
  'stale-revision.requesting': { programId: 'us-snap', currentRevision: 7, expectedRevision: 6 },
  'stale-revision.publishing': { programId: 'us-snap', reviewedRevision: 6, currentRevision: 7 },
  'request-stale': { programId: 'us-snap', requestRevision: 6, currentRevision: 8 },
  'no-publication-request.two-people': { programId: 'us-snap' },
  'wrong-state': { currentState: 'review', expectedState: 'submitted' },
  duplicate: { email: 'ana@example.org' },
  'job-running': { jobId: 'job-1' },
  'redetermine.case-decided': { caseId: 'c-1', state: 'Approved', version: 2 },
  'redetermine.older-version': { caseId: 'c-1', version: 1, current: 2 },
  'case-access.own-case': { caseId: 'c-1' },
  'case-access.not-assignee': { caseId: 'c-1' },
  'job-not-running': { jobId: 'job-1', status: 'done' },
  'stale-cursor': { jobId: 'job-1' },
  'draft-exists': { programId: 'us-snap', draftVersion: 4, draftRevision: 3, from: 2 },
  'not-a-draft': { programId: 'us-snap' },
  'layer-invalid': { programId: 'us-snap-wa', base: 'us-snap', version: 4 },
  'not-a-layer': { programId: 'us-snap', version: 2 },
  frozen: { version: 2, programId: 'us-snap' },
  'if-match-required': {},
  'if-match-required.settings': {},
  'bad-if-match': { header: 'abc' },
  'invalid-answers': { diagnostics: ['Your monthly rent must be 0 or more.', 'Rent you owe now is required.'] },
  'draft-invalid': {},
  'tests-failing': { cases: ['A household of two with no income is eligible for $350.'], total: 12 },
  'test.failing': {
    name: 'A household of two with no income is eligible for $350.',
    failures: [
      { what: 'eligibility', expected: true, actual: false },
      { what: 'benefit monthlyBenefit', expected: 350, actual: 0 },
    ],
  },
  'terms-in-request': { fields: ['changelog', 'effectiveFrom'], revision: 6 },
  'terms-required': { fields: ['effectiveFrom', 'inFlight'] },
  'id-mismatch': { docId: 'snap', programId: 'us-snap' },
  'zip-invalid': { detail: 'invalid zip data' },
  'zip-unsafe-name': { name: '../evil.json', why: 'climbs' },
  'zip-too-many-entries': { limit: 1000 },
  'zip-too-large': { limit: '20 MB' },
  'zip-no-program': {},
  'zip-several-versions': { folders: ['rental/v1', 'rental/v2'] },
  'zip-unreadable': { diagnostics: ['rental/rules.json is not valid JSON: Unexpected token } (line 1, column 2).'] },
  'template-choices': { diagnostics: ['The program id "Harbour Pantry" cannot be used: an id is lowercase letters, digits and hyphens.'] },
  'program-exists': { programId: 'community-food-bank' },
  'impact.same-version': { programId: 'us-snap', version: 3 },
  'impact.invalid-version': { programId: 'us-snap', version: 3, diagnostics: ['rules/0/conditions names an unknown fact "grossIncom".'] },
  'impact.job-running': { programId: 'us-snap', jobId: 'impact-7f3a' },
  'impact.bad-by': { by: 'colour', programId: 'us-snap', names: ['householdSize', 'members', 'rent'] },
  'impact.bad-state': { state: 'closed', programId: 'us-snap', states: ['submitted', 'approved'] },
  'impact.query-required': { name: 'against' },
  'impact.population-type': { type: 'application/json' },
  'impact.population-too-large': { limit: 209715200 },
  'impact.population-header': {},
  'impact.failed': { detail: 'An impact worker stopped: exit code 1' },
  'impact.problem.case-json': { caseId: 'c-12', detail: 'Unexpected token } in JSON at position 4' },
  'impact.problem.json-syntax': { detail: 'Unexpected end of JSON input' },
  'impact.problem.not-an-object': {},
  'impact.problem.csv-record': { found: 5, expected: 12 },
  'impact.problem.csv-value': { column: 'rent', value: 'seven hundred', kind: 'number' },
  // After submission (issue 15)
  'status.wrong-factor': {},
  // Organisations and case teams (issue 16)
  'organisation.program': { programId: 'snap', organisationId: 'default' },
  'organisation.not-admin': { organisationId: 'community-food-bank-org' },
  'organisation.platform-role': {},
  'organisation.platform-grant': {},
  'organisation.bad-id': { id: 'Food Bank' },
  'organisation.member-who': {},
  'organisation.audit': {},
  'team.not-staff': { userId: 'u-1' },
  'team.read-only': { caseId: 'SNAP-26-000001', organisationId: 'default' },
  'team.note-visibility': {},
  'status.not-submitted': {},
  'status.no-factor': {},
  'status.factor-missing': { kind: 'date-of-birth' },
  'status.too-many': { minutes: 15 },
  'status.session': {},
  'status.email-needed': {},
  'status.date-of-birth': {},
  'document.no-file': {},
  'document.too-large': { limit: 10485760, title: 'Proof of income' },
  'document.wrong-type': { found: 'GIF', title: 'Proof of income', accept: ['application/pdf', 'image/png'] },
  'document.rejected-by-scan': {},
  'document.closed': {},
  'document.reason-needed': {},
  'document.not-received': {},
  'document.no-upload': {},
  'bad-query.required': { name: 'client' },
  'reason-required': { action: 'Deny', allowed: ['gross-income-over-limit', 'missed-interview'] },
  'documents-required': { action: 'Ask for documents', allowed: ['proof-of-income', 'proof-of-identity'] },
  'documents-unknown': { id: 'passport', allowed: ['proof-of-income', 'proof-of-identity'] },
  'documents-not-taken': { action: 'Approve' },
  'due-on-out-of-range': { dueOn: '2025-01-01', today: '2025-11-15', latest: '2025-11-25' },
  'reason-unknown': { action: 'Deny', reason: 'too-rich', allowed: ['gross-income-over-limit'] },
  'reason-not-taken': { action: 'Approve' },
  'correction-unknown-field': { path: '/rnet', examples: ['/rent', '/members/0/earnedIncome'] },
  'correction-unchanged': { path: '/rent', value: '700' },
  'correction-decided': { state: 'Denied' },
  'consent-required': {},
  'client-name-required': {},
  'sharing.consent-required': { organisation: 'Community food bank' },
  'sharing.concept': {
    value: 'person.shoeSize',
    path: '/concepts/1',
    program: 'Community food bank weekly parcels',
    allowed: ['person.name', 'household.size'],
  },
  'sharing.nothing-to-share': { program: 'Community food bank weekly parcels', source: 'SNAP' },
  'sharing.until': { value: '2020-01-01', today: '2026-01-05', max: '2027-01-05' },
  'sharing.no-consent': { source: 'app-1', organisation: 'Community food bank' },
  'sharing.field': { field: 'rent', allowed: ['name', 'householdSize'] },
  'sharing.withdrawn': { withdrawnAt: '2026-01-05T10:00:00.000Z' },
  'referral.same-program': {},
  'referral.not-submitted': {},
  'referral.step': { from: 'got-help', to: 'pending', allowed: ['cancelled'] },
  'referral.reason-required': { allowed: ['could-not-contact', 'not-eligible'] },
  'referral.not-receiver': { organisation: 'Community food bank', program: 'Community food bank weekly parcels' },
  internal: {},
};

const REQUEST_PARAMS: Record<keyof typeof REQUEST_MESSAGES.entries, Record<string, unknown>> = {
  'request.required': { where: 'body', path: '/programId', missingProperty: 'programId' },
  'request.additionalProperties': { where: 'body', path: '/colour', additionalProperty: 'colour' },
  'request.enum': { where: 'body', path: '/lang', allowedValues: ['en', 'es'] },
  'request.type': { where: 'body', path: '/revision', type: 'integer' },
  'request.const': { where: 'body', path: '/confirm', allowedValue: true },
  'request.minLength': { where: 'body', path: '/password', limit: 12 },
  'request.maxLength': { where: 'body', path: '/note', limit: 2000 },
  'request.minimum': { where: 'body', path: '/revision', comparison: '>=', limit: 0 },
  'request.maximum': { where: 'body', path: '/limit', comparison: '<=', limit: 500 },
  'request.pattern': { where: 'body', path: '/resumeCode', pattern: '^[A-Z2-9-]+$' },
  'request.format': { where: 'body', path: '/asOf', format: 'date' },
  'request.minItems': { where: 'body', path: '/roles', limit: 1 },
  'request.maxItems': { where: 'body', path: '/roles', limit: 6 },
  'request.invalid': { where: 'body', path: '/doc', keyword: 'oneOf', detail: 'must match exactly one schema in oneOf' },
  'request.terms-fixed': { property: 'effectiveFrom' },
  'request.program-id': { programId: 'us-snap' },
};

function checkAll(c: AnyCatalogue, fixtures: Record<string, Record<string, unknown>>): void {
  expect(Object.keys(fixtures).sort()).toEqual(Object.keys(c.entries).sort());
  expect(c.languages).toEqual([...SPOKEN]);
  for (const [key, params] of Object.entries(fixtures)) {
    const texts = SPOKEN.map((lang) => c.render(key, params, lang));
    for (const t of texts) expect(t, key).not.toMatch(HOLES);
    expect(texts[1], `${key} has the same words in Spanish as in English`).not.toBe(texts[0]);
  }
}

describe('runtime catalogues', () => {
  it('every HTTP error key renders in English and Spanish without holes', () => checkAll(HTTP_MESSAGES, HTTP_PARAMS));
  it('every request-validation code renders in English and Spanish without holes', () => checkAll(REQUEST_MESSAGES, REQUEST_PARAMS));
});

describe('HttpError', () => {
  it('carries code and words; its message is English, and the body is worded in the language asked', () => {
    const err = notFound('application', 'a1');
    expect(err.message).toBe('No application with id "a1".');
    expect(errorBody(err, 'es')).toEqual({ error: { code: 'not-found', message: 'No hay ninguna solicitud con el id "a1".' } });
  });

  it('words the diagnostics it carries, and its own message from them, in the same language', () => {
    const validate = validatorFor('StartApplicationRequest');
    validate({});
    const diagnostics = toDiagnostics(validate.errors, 'body');
    const err = new HttpError(422, 'invalid-request', words('invalid-request', { where: 'body', schema: 'start application request' }), diagnostics);
    const body = errorBody(err, 'es').error as { message: string; diagnostics: { code: string; message: string }[] };
    expect(body.diagnostics[0]).toMatchObject({ code: 'request.required', message: 'Falta body/programId: añada "programId".' });
    expect(body.message).toBe('El cuerpo de la solicitud no corresponde a start application request: Falta body/programId: añada "programId".');
    expect(err.message).toBe('The request body does not match start application request: body/programId is required: add "programId".');
  });

  it("keeps the application's language when told so, whatever the request asks", () => {
    const err = new HttpError(409, 'already-submitted', words('already-submitted')).toldIn('es-MX');
    expect(err.lang).toBe('es');
  });
});
