/**
 * The words of a mass re-determination: the notice an applicant receives when a new version changes their result
 * (in the applicant's language, saying what changed in plain words), and the summary of a job (in the reader's).
 * Both are catalogues of the one shape (engine `catalogue`), in English and Spanish.
 */
import { catalogue, formatDate, formatUsd, type Determination, type Lang } from '../../engine/index.ts';
import type { JobRecord } from '../store/types.ts';
import type { Decision } from './determinations.ts';

const PERIODS: Record<string, Record<Lang, string>> = {
  month: { en: 'a month', es: 'al mes' },
  week: { en: 'a week', es: 'a la semana' },
  year: { en: 'a year', es: 'al año' },
  once: { en: 'once', es: 'una sola vez' },
};
const per = (period: unknown, lang: Lang) => PERIODS[String(period)]?.[lang] ?? String(period);
const usd = (v: unknown) => formatUsd(Number(v));

/** The notice's sentences: an opening, then one line per thing that changed. */
export const NOTICE_MESSAGES = catalogue('notice', ['en', 'es'], {
  'notice.opening': {
    text: {
      en: (p) => `We reviewed your ${p.program} case under the rules in effect from ${formatDate(String(p.date), 'en')}.`,
      es: (p) => `Revisamos su caso de ${p.program} con las reglas vigentes desde el ${formatDate(String(p.date), 'es')}.`,
    },
  },
  'notice.now-eligible': {
    text: { en: () => 'You are now eligible.', es: () => 'Ahora usted es elegible.' },
  },
  'notice.no-longer-eligible': {
    text: {
      en: (p) => `You are no longer eligible${p.reasons ? `: ${p.reasons}` : '.'}`,
      es: (p) => `Usted ya no es elegible${p.reasons ? `: ${p.reasons}` : '.'}`,
    },
  },
  'notice.still-ineligible': {
    text: {
      en: (p) => `You are still not eligible, for a different reason: ${p.reasons}`,
      es: (p) => `Usted sigue sin ser elegible, por otro motivo: ${p.reasons}`,
    },
  },
  'notice.needs-information': {
    text: {
      en: (p) => `We need more information to decide: ${p.missing}.`,
      es: (p) => `Necesitamos más información para decidir: ${p.missing}.`,
    },
  },
  'notice.amount-changed': {
    text: {
      en: (p) => `Your ${p.benefit} changes from ${usd(p.before)} to ${usd(p.after)} ${per(p.period, 'en')}.`,
      es: (p) => `Su ${p.benefit} cambia de ${usd(p.before)} a ${usd(p.after)} ${per(p.period, 'es')}.`,
    },
  },
  'notice.amount-new': {
    text: {
      en: (p) => `Your ${p.benefit} is ${usd(p.after)} ${per(p.period, 'en')}.`,
      es: (p) => `Su ${p.benefit} es de ${usd(p.after)} ${per(p.period, 'es')}.`,
    },
  },
  'notice.reasons-changed': {
    text: {
      en: () => 'Your result is the same, but the reasons for it changed. Your result page explains them.',
      es: () => 'Su resultado es el mismo, pero cambiaron los motivos. La página de su resultado los explica.',
    },
  },
  'notice.closing': {
    text: {
      en: () => 'Your result page shows the full explanation. Contact us if something is wrong.',
      es: () => 'La página de su resultado muestra la explicación completa. Comuníquese con nosotros si algo no es correcto.',
    },
  },
});

/**
 * The notice to an applicant whose result changed from `before` (null: no earlier determination) to `after` (the
 * full determination, in the applicant's language), for the program titled `program` effective from `date`.
 */
export function noticeText(before: Decision | null, after: Determination, program: string, date: string, lang: string): string {
  const say = (code: Parameters<typeof NOTICE_MESSAGES.render>[0], params: Record<string, unknown> = {}) =>
    NOTICE_MESSAGES.render(code, params, lang);
  const lines = [say('notice.opening', { program, date })];
  const failing = after.reasons
    .filter((r) => r.outcome === 'fail')
    .map((r) => r.text)
    .join(' ');
  const was = before?.eligibility ?? null;
  if (after.eligibility === 'eligible') {
    if (was !== 'eligible') lines.push(say('notice.now-eligible'));
    for (const b of after.benefits) {
      const old = was === 'eligible' ? before?.benefits[b.id] : undefined;
      if (old === undefined) lines.push(say('notice.amount-new', { benefit: b.title, after: b.amount, period: b.period }));
      else if (old !== b.amount) lines.push(say('notice.amount-changed', { benefit: b.title, before: old, after: b.amount, period: b.period }));
    }
  } else if (after.eligibility === 'ineligible') {
    lines.push(was === 'ineligible' ? say('notice.still-ineligible', { reasons: failing }) : say('notice.no-longer-eligible', { reasons: failing }));
  } else {
    lines.push(say('notice.needs-information', { missing: after.missing.map((m) => m.title).join(', ') }));
  }
  if (lines.length === 1) lines.push(say('notice.reasons-changed'));
  lines.push(say('notice.closing'));
  return lines.join(' ');
}

const n = (v: unknown, lang: Lang) => Number(v).toLocaleString(lang === 'es' ? 'es-ES' : 'en-US');

/** The summary of a job, one sentence per state. */
export const JOB_SUMMARY = catalogue('job-summary', ['en', 'es'], {
  'job.running': {
    text: {
      en: (p) =>
        `Running: ${n(p.seen, 'en')} cases read so far; ${n(p.changed, 'en')} re-determined with a changed result, ${n(p.unchanged, 'en')} unchanged.`,
      es: (p) =>
        `En curso: ${n(p.seen, 'es')} casos leídos hasta ahora; ${n(p.changed, 'es')} con un resultado nuevo, ${n(p.unchanged, 'es')} sin cambios.`,
    },
  },
  'job.done': {
    text: {
      en: (p) =>
        `Done: ${n(p.seen, 'en')} cases read. ${n(p.changed, 'en')} got a new result (each with a notice and an audit entry), ` +
        `${n(p.unchanged, 'en')} kept the same result and moved to version ${p.version}, ${n(p.skippedDecided, 'en')} decided cases were left as they were, ` +
        (Number(p.skippedNewer) > 0 ? `${n(p.skippedNewer, 'en')} under a newer version were left there, ` : '') +
        `${n(p.alreadyCurrent, 'en')} were already under version ${p.version}, ${n(p.failed, 'en')} failed.`,
      es: (p) =>
        `Terminado: ${n(p.seen, 'es')} casos leídos. ${n(p.changed, 'es')} recibieron un resultado nuevo (cada uno con un aviso y una entrada de auditoría), ` +
        `${n(p.unchanged, 'es')} mantuvieron el mismo resultado y pasaron a la versión ${p.version}, ${n(p.skippedDecided, 'es')} casos ya decididos no se tocaron, ` +
        (Number(p.skippedNewer) > 0 ? `${n(p.skippedNewer, 'es')} en una versión más reciente se quedaron en ella, ` : '') +
        `${n(p.alreadyCurrent, 'es')} ya estaban en la versión ${p.version}, ${n(p.failed, 'es')} fallaron.`,
    },
  },
  'job.cancelled': {
    text: {
      en: (p) =>
        `Cancelled after ${n(p.seen, 'en')} cases. The chunks applied before the cancellation stay applied: ${n(p.changed, 'en')} new results and ` +
        `${n(p.unchanged, 'en')} unchanged cases moved to version ${p.version}. Nothing is half-applied; the cases after that point were not touched.`,
      es: (p) =>
        `Cancelado después de ${n(p.seen, 'es')} casos. Los bloques aplicados antes de la cancelación siguen aplicados: ${n(p.changed, 'es')} resultados nuevos y ` +
        `${n(p.unchanged, 'es')} casos sin cambios pasados a la versión ${p.version}. Nada queda a medias; los casos siguientes no se tocaron.`,
    },
  },
  'job.failed': {
    text: {
      en: (p) =>
        `Stopped by an error after ${n(p.seen, 'en')} cases (${p.error}). The chunks applied before it stay applied: ${n(p.changed, 'en')} new results. ` +
        'Start the re-determination again to continue.',
      es: (p) =>
        `Detenido por un error después de ${n(p.seen, 'es')} casos (${p.error}). Los bloques aplicados antes siguen aplicados: ${n(p.changed, 'es')} resultados nuevos. ` +
        'Vuelva a iniciar la nueva determinación para continuar.',
    },
  },
});

/** The job's summary in `lang`. */
export function jobSummary(job: JobRecord, lang: string): string {
  return JOB_SUMMARY.render(`job.${job.status}`, { ...job.counts, version: job.version, error: job.error ?? '' }, lang);
}
