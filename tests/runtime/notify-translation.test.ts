/**
 * A `notify` action's plain message to the applicant is a translatable text (issue 15): a Spanish applicant reads it
 * in Spanish, on the status page and in email, and an English one in English; a staff message is never translated.
 */
import path from 'node:path';
import type { Program } from '../../engine/index.ts';
import { describe, expect, it } from 'vitest';
import { translatableTexts } from '../../engine/tools/translations.ts';
import { loadProgramFolder } from '../../runtime/fs/program-folder.ts';
import { applicantMessage } from '../../runtime/services/program-notices.ts';

const { versions } = loadProgramFolder(path.resolve('programs/emergency-rental-assistance'));
const doc = versions[versions.length - 1]!.doc as unknown as Program;
const RECEIVED = 'We received your application for emergency rental assistance.';

describe('the applicant’s notify messages', () => {
  it('are translatable texts, the staff ones are not', () => {
    const pointers = translatableTexts(doc).filter((t) => /\/actions\/\d+\/template$/.test(t.pointer));
    expect(pointers.map((t) => t.text)).toContain(RECEIVED);
    expect(pointers.map((t) => t.text)).not.toContain('An emergency rental assistance case is ready for approval.');
  });

  it('reach a Spanish applicant in Spanish and an English one in English', () => {
    const es = applicantMessage(doc, 'h-es', { answers: {}, lang: 'es' }, { template: RECEIVED, values: {} });
    expect(es.text).toBe('Recibimos su solicitud de asistencia de emergencia para el alquiler.');
    const en = applicantMessage(doc, 'h-en', { answers: {}, lang: 'en' }, { template: RECEIVED, values: {} });
    expect(en.text).toBe(RECEIVED);
  });
});
