/**
 * Screening: one set of answers checked against every program in force on a date, by partial evaluation (missing
 * answers make a rule `unknown`, never an error). Programs run by another organisation carry their `referral`
 * metadata so the applicant learns where to apply.
 */
import type { IsoDate } from '../../engine/types.ts';
import { today, type ServiceContext } from './context.ts';
import { compiledFor, evaluate, localize } from './engine-port.ts';
import { versionInForce } from './versions.ts';

/** Evaluates `answers` against each program in force on `date` (default today); eligible ones first. */
export async function screen(ctx: ServiceContext, input: { answers: Record<string, unknown>; date?: IsoDate; lang?: string }) {
  const date = input.date ?? today(ctx);
  const all = await ctx.store.listProgramVersions({ status: 'published' });
  const ids = [...new Set(all.map((v) => v.programId))];
  const results = [];
  for (const id of ids) {
    const version = versionInForce(all.filter((v) => v.programId === id), date);
    if (!version) continue;
    const lang = input.lang && version.doc.languages.includes(input.lang) ? input.lang : version.doc.languages[0] ?? 'en';
    const doc = lang === version.doc.languages[0] ? version.doc : localize(version.doc, lang);
    const d = evaluate(compiledFor(version.doc, version.hash), input.answers, { asOf: date, partial: true, lang });
    results.push({
      programId: id,
      version: version.version,
      hash: version.hash,
      title: doc.title,
      description: doc.description,
      eligibility: d.eligibility,
      reasons: d.reasons,
      missing: d.missing,
      benefits: d.benefits,
      referral: version.doc.referral ?? null,
      applyUrl: version.doc.referral?.url ?? `/apply/${encodeURIComponent(id)}`,
    });
  }
  const rank = { eligible: 0, 'needs-more-information': 1, ineligible: 2 } as const;
  results.sort((a, b) => rank[a.eligibility] - rank[b.eligibility] || a.title.localeCompare(b.title));
  return { date, results };
}
