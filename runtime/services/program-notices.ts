/**
 * The letters applicants receive: a program's notice templates (`notices` in the definition, in the applicant's
 * language through the program's translations) filled from the case, plus the few words of the runtime's own (the
 * subject of a plain message, the one-time status code). Also where a notice is delivered: the email address the
 * application's contact question holds, when the applicant agreed to be contacted.
 *
 * Filling: every `{name}` of NOTICE_PLACEHOLDERS is replaced by its value; a paragraph (text between blank lines)
 * whose placeholders are all empty is left out, so "Why: {decisionReason}" disappears when no reason was chosen.
 */
import { catalogue, localize, type NoticeKind, type NoticePlaceholder, type Program } from '../../engine/index.ts';
import type { ApplicationRecord, CaseRecord, NewMessage } from '../store/types.ts';

/** The runtime's own words in letters. */
export const LETTER_WORDS = catalogue('letters', ['en', 'es'], {
  'letter.subject': {
    text: {
      en: (p) => `${p.program}: a message about your application ${p.caseRef}`,
      es: (p) => `${p.program}: un mensaje sobre su solicitud ${p.caseRef}`,
    },
  },
  'letter.footer': {
    text: {
      en: () => 'You can read every notice about your application on the status page, with your resume code.',
      es: () => 'Puede leer todos los avisos sobre su solicitud en la página de estado, con su código para continuar.',
    },
  },
  'letter.note': {
    text: {
      en: (p) => `From your caseworker: ${p.note}`,
      es: (p) => `De parte de su trabajador social: ${p.note}`,
    },
  },
  'letter.code-subject': {
    text: { en: () => 'Your code to open your status page', es: () => 'Su código para abrir su página de estado' },
  },
  'letter.code-body': {
    text: {
      en: (p) => `Your code is ${p.code}. It works for 15 minutes. If you did not ask for it, you can ignore this email.`,
      es: (p) => `Su código es ${p.code}. Sirve durante 15 minutos. Si usted no lo pidió, puede ignorar este correo.`,
    },
  },
});

/** The values a notice's placeholders are filled with. */
export type NoticeValues = Partial<Record<NoticePlaceholder, string>>;

/** `text` with its placeholders filled; paragraphs whose placeholders are all empty are left out. */
export function fillNotice(text: string, values: NoticeValues): string {
  const paragraphs = text.split(/\n\s*\n/);
  const kept: string[] = [];
  for (const paragraph of paragraphs) {
    const names = [...paragraph.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as NoticePlaceholder);
    if (names.length > 0 && names.every((n) => !values[n])) continue;
    kept.push(paragraph.replace(/\{(\w+)\}/g, (whole, name: string) => values[name as NoticePlaceholder] ?? whole).trim());
  }
  return kept.join('\n\n');
}

const localized = new Map<string, Program>();
/** The program in `lang`, kept per version hash (published versions never change). */
export function programIn(doc: Program, hash: string, lang: string): Program {
  const key = `${hash}\u0000${lang}`;
  let program = localized.get(key);
  if (!program) {
    program = localize(doc, lang);
    if (localized.size > 200) localized.clear();
    localized.set(key, program);
  }
  return program;
}

/** The prefix of a program's case references: its `referencePrefix`, else the initials of its id's parts (at least two letters). */
export function referencePrefix(doc: Program): string {
  if (doc.referencePrefix) return doc.referencePrefix;
  const parts = doc.id.split('-').filter(Boolean);
  const initials = parts.map((p) => p[0]).join('');
  const letters = (initials.length >= 2 ? initials : doc.id.replace(/[^a-z]/gi, '').slice(0, 4)).toUpperCase().replace(/[^A-Z]/g, '');
  return letters.length >= 2 ? letters.slice(0, 8) : 'CASE';
}

/** The email address to send an application's notices to: the contact question's answer, when consent was given. */
export function noticeEmail(doc: Program, app: Pick<ApplicationRecord, 'answers'>): string | null {
  const contact = doc.contact;
  if (!contact?.email) return null;
  const email = app.answers[contact.email];
  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email.trim())) return null;
  if (contact.consent && app.answers[contact.consent] !== true) return null;
  return email.trim();
}

/** A case's reference as shown (cases opened before references existed show the start of their id). */
export function shownReference(kase: Pick<CaseRecord, 'reference' | 'id'>): string {
  return kase.reference ?? kase.id.slice(0, 8).toUpperCase();
}

/**
 * `template`, a `notify` action's text in `doc` (English), as `program` (the same document in the applicant's language)
 * words it: the translation of the action that has this template; the English text when none is translated.
 */
function templateIn(doc: Program, program: Program, template: string): string {
  for (const [i, transition] of doc.workflow.transitions.entries()) {
    for (const [j, action] of (transition.actions ?? []).entries()) {
      if (action.type === 'notify' && action.template === template) {
        const translated = program.workflow.transitions[i]?.actions?.[j]?.template;
        return typeof translated === 'string' ? translated : template;
      }
    }
  }
  return template;
}

/**
 * The message for an applicant: the program's notice `kind` (when `kind` is given) or the plain `template`, in the
 * application's language, filled with `values`; emailed too when the applicant gave an address and consent.
 */
export function applicantMessage(
  doc: Program,
  hash: string,
  app: Pick<ApplicationRecord, 'answers' | 'lang'>,
  input: { kind?: NoticeKind | null; template?: string; values: NoticeValues },
): NewMessage {
  const program = programIn(doc, hash, app.lang);
  const values: NoticeValues = { program: program.title, ...input.values };
  const email = noticeEmail(doc, app);
  const notice = input.kind ? program.notices?.[input.kind] : undefined;
  if (notice) {
    return { to: 'applicant', notice: input.kind, subject: fillNotice(notice.subject, values), text: fillNotice(notice.body, values), email };
  }
  const text = fillNotice(templateIn(doc, program, input.template ?? ''), values);
  const subject = LETTER_WORDS.render('letter.subject', { program: program.title, caseRef: values.caseRef ?? '' }, app.lang);
  return { to: 'applicant', notice: input.kind ?? null, subject, text, email };
}
