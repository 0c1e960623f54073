/**
 * Screening: one set of answers checked against every program in force on a date, by partial evaluation (missing
 * answers make a rule `unknown`, never an error), with the amounts of the likely benefits and the questions still
 * unanswered (`missing`, by title). Programs run by another organisation carry their `referral` metadata (its
 * instructions in the applicant's language) so the applicant learns where to apply.
 */
import { programsIn, statesWithPrograms, type IsoDate } from '../../engine/index.ts';
import { HttpError, words } from '../http/errors.ts';
import { today, type ServiceContext } from './context.ts';
import type { ProgramVersionRecord } from '../store/types.ts';
import { compiledFor, evaluate, screenerForm, stillNeeded } from './engine-port.ts';
import { validatorModule } from './form-validators.ts';
import { inLanguage } from './programs.ts';
import { versionInForce } from './versions.ts';

/** The version of each program in force on `date`, in the store's order of programs. */
export async function versionsInForce(ctx: ServiceContext, date: IsoDate): Promise<ProgramVersionRecord[]> {
  const all = await ctx.store.listProgramVersions({ status: 'published' });
  const ids = [...new Set(all.map((v) => v.programId))];
  return ids
    .map((id) =>
      versionInForce(
        all.filter((v) => v.programId === id),
        date,
      ),
    )
    .filter((v) => v !== null);
}

/** What `GET /api/screen/form?state=` takes: an ISO 3166 code (as a program's `jurisdiction`) or `other`. */
const STATE = /^([A-Z]{2}(-[A-Z0-9]{1,3})?|other)$/;

/**
 * The versions offered in `state` (the pages' `programsIn`: a state's layer in place of the program it extends;
 * `other`, or a state no program is tied to, gives the programs tied to no state); every version without a state.
 */
function offeredIn(versions: ProgramVersionRecord[], state: string | undefined): ProgramVersionRecord[] {
  if (state === undefined) return versions;
  if (!STATE.test(state)) throw new HttpError(400, 'bad-query', words('bad-query.state', { value: state }));
  const states = statesWithPrograms(versions.map((v) => v.doc.jurisdiction));
  return programsIn(versions, states.includes(state) ? state : undefined, (v) => ({
    id: v.programId,
    jurisdiction: v.doc.jurisdiction,
    extends: v.doc.extends?.program,
  }));
}

/**
 * The screener's questionnaire for today's programs (texts in `lang` where translated) with `validator`, the URL of
 * its validator module; with `state`, only the questions of the programs offered there (`offeredIn`), so that an
 * applicant in Texas is not asked where in New York they live.
 */
export async function screenerFormFor(ctx: ServiceContext, lang?: string, state?: string) {
  const versions = offeredIn(await versionsInForce(ctx, today(ctx)), state);
  // Built once per set of versions in force and language, not per request.
  const key = `${lang ?? ''} ${versions.map((v) => v.hash).join(' ')}`;
  let form = screenerForms.get(key);
  if (!form) {
    form = screenerForm(versions.map((v) => inLanguage(v.doc, lang).doc));
    screenerForms.set(key, form);
    if (screenerForms.size > 20) screenerForms.delete(screenerForms.keys().next().value!);
  }
  return { ...form, validator: (await validatorModule(form.schema)).url };
}

const screenerForms = new Map<string, ReturnType<typeof screenerForm>>();

/** Evaluates `answers` against each program in force on `date` (default today); eligible ones first. */
export async function screen(ctx: ServiceContext, input: { answers: Record<string, unknown>; date?: IsoDate; lang?: string }) {
  const date = input.date ?? today(ctx);
  const results = [];
  for (const version of await versionsInForce(ctx, date)) {
    const id = version.programId;
    const { lang, doc } = inLanguage(version.doc, input.lang);
    const d = evaluate(compiledFor(version.doc, version.hash), input.answers, { asOf: date, partial: true, lang });
    results.push({
      programId: id,
      version: version.version,
      hash: version.hash,
      title: doc.title,
      description: doc.description,
      eligibility: d.eligibility,
      reasons: d.reasons,
      missing: stillNeeded(version.doc, d.missing),
      benefits: d.benefits,
      referral: doc.referral ?? null,
      applyUrl: doc.referral?.url ?? `/apply/${encodeURIComponent(id)}`,
      // Where it applies, and what it extends: the pages offer the programs of the applicant's state (programsIn).
      jurisdiction: version.doc.jurisdiction ?? null,
      extends: version.doc.extends?.program ?? null,
    });
  }
  const rank = { eligible: 0, 'needs-more-information': 1, ineligible: 2 } as const;
  results.sort((a, b) => rank[a.eligibility] - rank[b.eligibility] || a.title.localeCompare(b.title));
  return { date, results };
}
