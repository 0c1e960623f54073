/**
 * New programs from templates over the real server + SQLite: the list in both studio languages; a program made
 * from a template is a draft at version 1 (nothing published) that validates and passes its tests; the choices are
 * refused at the field they name (422, in the caller's language), and a taken id is a 409.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROGRAM_ID, startHarness, type Harness } from './harness.ts';

let h: Harness;
let analyst: string;
beforeEach(async () => {
  h = await startHarness({ today: '2026-11-20' });
  analyst = (await h.user(['analyst'])).token;
});
afterEach(() => h?.close());

const CHOICES = { template: 'food-parcel', id: 'harbour-pantry', title: 'Harbour Pantry parcels', owner: 'Harbour Pantry', languages: ['en', 'es'] };

describe('templates API', () => {
  it('lists the templates with their words in English and Spanish', async () => {
    const res = await h.call('GET', '/api/templates', { token: analyst });
    expect(res.status).toBe(200);
    expect(res.body.map((t: { name: string }) => t.name)).toEqual(['food-parcel', 'cash-aid', 'fee-discount', 'one-time-grant', 'rental-help']);
    expect(res.body[0]).toMatchObject({ title: { en: 'Food parcel', es: 'Paquete de alimentos' }, languages: ['en', 'es'] });
  });

  it('creates a new program whose version 1 is a draft that validates and passes its tests; nothing is published', async () => {
    const res = await h.call('POST', '/api/programs/from-template', {
      token: analyst,
      body: {
        ...CHOICES,
        effectiveFrom: '2026-12-01',
        titleTranslations: { es: 'Paquetes de Harbour Pantry' },
        ownerTranslations: { es: 'Despensa Harbour' },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.draft).toMatchObject({ programId: 'harbour-pantry', version: 1, status: 'draft' });
    expect(res.body.draft.doc).toMatchObject({ title: 'Harbour Pantry parcels', owner: { name: 'Harbour Pantry' }, effectiveFrom: '2026-12-01' });
    expect(res.body.diagnostics).toEqual([]);
    const tested = await h.call('POST', '/api/programs/harbour-pantry/draft/test', { token: analyst });
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ total: 6, failed: 0 });
    const program = await h.call('GET', '/api/programs/harbour-pantry', { token: analyst });
    expect(program.body.current).toBeNull();
    const history = await h.call('GET', '/api/programs/harbour-pantry/history', { token: analyst });
    expect(history.body[0]).toMatchObject({ action: 'program.draft.from-template' });
    expect(history.body[0].details).toMatchObject({ template: 'food-parcel', version: 1 });
  });

  it('refuses unusable choices at their fields, in the language asked', async () => {
    const res = await h.call('POST', '/api/programs/from-template', {
      token: analyst,
      headers: { 'accept-language': 'es' },
      body: { ...CHOICES, id: 'Harbour Pantry', languages: ['en', 'fr'], effectiveFrom: '2025-01-01' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid-choices');
    expect(res.body.error.diagnostics.map((d: { path: string }) => d.path)).toEqual(['/id', '/languages/1', '/effectiveFrom']);
    expect(res.body.error.diagnostics[1].message).toBe('"fr" no es un idioma de las páginas para solicitantes. Elija entre "en", "es".');
    expect(res.body.error.message).toMatch(/^No se puede crear el programa desde la plantilla con estas opciones: No se puede usar el identificador/);

    const unknown = await h.call('POST', '/api/programs/from-template', { token: analyst, body: { ...CHOICES, template: 'soup' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.diagnostics[0]).toMatchObject({ path: '/template', code: 'template.unknown' });
    expect(unknown.body.error.diagnostics[0].message).toContain('"food-parcel", "cash-aid"');

    const missing = await h.call('POST', '/api/programs/from-template', { token: analyst, body: { template: 'food-parcel' } });
    expect(missing.status).toBe(422);
  });

  it('409 when a program or a draft already has the id', async () => {
    expect((await h.call('POST', '/api/programs/from-template', { token: analyst, body: CHOICES })).status).toBe(201);
    const again = await h.call('POST', '/api/programs/from-template', { token: analyst, body: CHOICES });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'program-exists' });
    const shipped = await h.call('POST', '/api/programs/from-template', { token: analyst, body: { ...CHOICES, id: PROGRAM_ID } });
    expect(shipped.status).toBe(409);
  });

  it('is for analysts and administrators only', async () => {
    const caseworker = (await h.user(['caseworker'])).token;
    expect((await h.call('GET', '/api/templates', { token: caseworker })).status).toBe(403);
    expect((await h.call('POST', '/api/programs/from-template', { token: caseworker, body: CHOICES })).status).toBe(403);
  });
});
