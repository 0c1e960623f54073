/**
 * The consent of a client an intermediary applies for (issue 15). The statement names the person, who applies
 * (the intermediary), the program, what the intermediary may do (fill in and submit the application, follow it,
 * receive its notices) and the right to withdraw consent, after the elements of 42 CFR 2.31. The intermediary reads
 * it to the client and confirms it with a checkbox; the statement exactly as shown, its language, who confirmed it
 * and when are stored with the application and in the audit log.
 */
import { catalogue, conceptLabel, type Program } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { unprocessable, words } from '../http/errors.ts';
import type { ConsentRecord } from '../store/types.ts';
import { hasRole } from './access.ts';
import type { ServiceContext } from './context.ts';
import { localize } from './engine-port.ts';

/** The consent statement, in every language the server speaks. */
export const CONSENT_MESSAGES = catalogue('consent', ['en', 'es'], {
  'consent.statement': {
    text: {
      en: (p) =>
        `${p.client} agrees that ${p.intermediary} may apply for ${p.program} on their behalf: fill in and submit the application with the information ${p.client} gives, follow its progress, and receive a copy of its notices. ${p.client} may withdraw this consent at any time by telling ${p.intermediary} or the program.`,
      es: (p) =>
        `${p.client} acepta que ${p.intermediary} solicite ${p.program} en su nombre: que complete y envíe la solicitud con la información que ${p.client} le dé, siga su avance y reciba una copia de sus avisos. ${p.client} puede retirar este consentimiento en cualquier momento avisando a ${p.intermediary} o al programa.`,
    },
  },
  // Issue 16: a person's consent to share answers with another organisation's program (42 CFR 2.31's elements:
  // who discloses, what, to whom, why, until when, the right to withdraw).
  'consent.sharing': {
    text: {
      en: (p) =>
        `I agree that ${p.source} shares these answers from my application with ${p.organisation} for ${p.program}: ${p.concepts}. Purpose: ${p.purpose === 'referral' ? `a referral to ${p.program}, so ${p.organisation} can contact me and help` : `my application to ${p.program}, filled in with answers I will check`}. This consent lasts until ${p.until}. I can withdraw it at any time on my status page; answers already shared stay with ${p.organisation}, and privacy laws that protect them at ${p.source} may not apply there.`,
      es: (p) =>
        `Acepto que ${p.source} comparta estas respuestas de mi solicitud con ${p.organisation} para ${p.program}: ${p.concepts}. Propósito: ${p.purpose === 'referral' ? `una derivación a ${p.program}, para que ${p.organisation} pueda contactarme y ayudarme` : `mi solicitud a ${p.program}, completada con respuestas que revisaré`}. Este consentimiento dura hasta el ${p.until}. Puedo retirarlo en cualquier momento en mi página de estado; las respuestas ya compartidas se quedan con ${p.organisation}, y las leyes de privacidad que las protegen en ${p.source} pueden no aplicarse allí.`,
    },
  },
  // A referral straight from a screening result: the person's screening answers and contact details, with no
  // application behind them; withdrawn with the referral's follow code.
  'consent.screening': {
    text: {
      en: (p) =>
        `I agree that Mandate's screener shares these answers and contact details with ${p.organisation} for ${p.program}: ${p.concepts}. Purpose: a referral to ${p.program}, so ${p.organisation} can contact me (${p.preferred}) and help. This consent lasts until ${p.until}. I can withdraw it at any time with my referral code; what was already shared stays with ${p.organisation}, and privacy laws that protect my answers here may not apply there.`,
      es: (p) =>
        `Acepto que el cuestionario de Mandate comparta estas respuestas y datos de contacto con ${p.organisation} para ${p.program}: ${p.concepts}. Propósito: una derivación a ${p.program}, para que ${p.organisation} pueda contactarme (${p.preferred}) y ayudarme. Este consentimiento dura hasta el ${p.until}. Puedo retirarlo en cualquier momento con mi código de derivación; lo ya compartido se queda con ${p.organisation}, y las leyes de privacidad que protegen mis respuestas aquí pueden no aplicarse allí.`,
    },
  },
});

/**
 * The statement of a person's consent to share `concepts` (their labels in the language) from an application to
 * `source` with the organisation running `target`, for `purpose`, until `until`, in `lang` (English when unspoken).
 */
export function sharingStatement(
  source: Program,
  target: Program,
  organisation: string,
  concepts: readonly string[],
  purpose: 'application' | 'referral',
  until: string,
  lang: string,
): { statement: string; lang: string } {
  const spoken = CONSENT_MESSAGES.languages.includes(lang as 'en') ? lang : 'en';
  const title = (doc: Program) => (doc.languages.includes(spoken) ? localize(doc, spoken).title : doc.title);
  const labels = concepts.map((c) => conceptLabel(c, spoken)).join(spoken === 'es' ? '; ' : '; ');
  const params = { source: title(source), program: title(target), organisation, concepts: labels, purpose, until };
  return { statement: CONSENT_MESSAGES.render('consent.sharing', params, spoken), lang: spoken };
}

/** How the person prefers to be contacted, as the screening statement says it. */
const PREFERRED = {
  en: { email: 'by email', phone: 'by phone', text: 'by text message' },
  es: { email: 'por correo electrónico', phone: 'por teléfono', text: 'por mensaje de texto' },
} as const;

/**
 * The statement of a person's consent, on a screening result, to share `concepts` (screening answers and contact
 * details) with the organisation running `target`, for a referral, until `until`, in `lang` (English when unspoken).
 */
export function screeningStatement(
  target: Program,
  organisation: string,
  concepts: readonly string[],
  preferred: 'email' | 'phone' | 'text',
  until: string,
  lang: string,
): { statement: string; lang: string } {
  const spoken = CONSENT_MESSAGES.languages.includes(lang as 'en') ? (lang as 'en' | 'es') : 'en';
  const program = target.languages.includes(spoken) ? localize(target, spoken).title : target.title;
  const labels = concepts.map((c) => conceptLabel(c, spoken)).join('; ');
  const params = { program, organisation, concepts: labels, preferred: PREFERRED[spoken][preferred], until };
  return { statement: CONSENT_MESSAGES.render('consent.screening', params, spoken), lang: spoken };
}

/** The statement for `client`, applied for by `intermediary`, for program `doc`, in `lang` (with the program's title in it). */
export function consentStatement(doc: Program, lang: string, client: string, intermediary: string): { statement: string; lang: string } {
  const spoken = CONSENT_MESSAGES.languages.includes(lang as 'en') ? lang : 'en';
  const program = doc.languages.includes(spoken) ? localize(doc, spoken).title : doc.title;
  return { statement: CONSENT_MESSAGES.render('consent.statement', { client, intermediary, program }, spoken), lang: spoken };
}

/**
 * The consent to store with a new application: for an intermediary who names a client, the confirmed statement
 * (422 `consent-required` when not confirmed; `client-name-required` when confirmed without naming the client); null
 * for everyone else.
 */
export function consentFor(
  ctx: ServiceContext,
  user: AuthUser | null,
  doc: Program,
  lang: string,
  onBehalfOf: string | null,
  consent: { confirmed: true } | undefined,
): ConsentRecord | null {
  if (!user || !hasRole(user, ['intermediary'])) return null;
  if (!onBehalfOf) {
    if (!consent) return null;
    throw unprocessable(
      words('client-name-required'),
      [{ code: 'client-name-required', severity: 'error', path: '/onBehalfOf', message: 'Name the client in "onBehalfOf".', params: {} }],
      'client-name-required',
    );
  }
  if (consent?.confirmed !== true) {
    throw unprocessable(
      words('consent-required'),
      [
        {
          code: 'consent-required',
          severity: 'error',
          path: '/consent',
          message: 'Confirm the client\u2019s consent: "consent": { "confirmed": true }.',
          params: {},
        },
      ],
      'consent-required',
    );
  }
  const shown = consentStatement(doc, lang, onBehalfOf, user.name);
  return { ...shown, method: 'checkbox', confirmedBy: user.id, confirmedAt: ctx.now().toISOString() };
}
