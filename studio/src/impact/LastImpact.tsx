/**
 * The impact on the publish screen: the last finished impact of this draft version against the version in force,
 * its big numbers and when it ran, marked stale when the draft changed after the run (the draft's content hash is
 * no longer the one the job evaluated, or the text on screen is not saved yet); or an invitation to run it.
 */
import { api } from '../../../web/src/shared/api.ts';
import { Alert, errorText } from '../../../web/src/shared/components.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../../web/src/shared/format.ts';
import { useLoad } from '../../../web/src/shared/hooks.ts';
import { useI18n } from '../../../web/src/shared/i18n.tsx';
import { useText } from '../text.ts';
import type { ProgramDetail } from '../types.ts';
import { ImpactNumbers } from './ImpactResults.tsx';
import { jobOfDraft, listJobs } from './jobs.ts';

/** Props: the stored draft (version and content hash), whether the text on screen is unsaved, and how to open the Impact tab. */
export interface LastImpactProps {
  programId: string;
  draftVersion: number;
  draftHash: string;
  draftCreatedAt?: string;
  unsaved: boolean;
  /** Opens the Impact tab, set to compare with the version in force. */
  onOpen: (inForce: number) => void;
}

/** The last impact against the version in force, on the publish screen. */
export function LastImpact({ programId, draftVersion, draftHash, draftCreatedAt, unsaved, onOpen }: LastImpactProps) {
  const { t, lang } = useI18n();
  const s = useText();
  const loaded = useLoad(async () => {
    const [program, jobs] = await Promise.all([api<ProgramDetail>('GET', `/api/programs/${encodeURIComponent(programId)}`), listJobs(programId)]);
    const inForce = program.current?.version ?? null;
    const job =
      inForce === null
        ? null
        : jobOfDraft(
            jobs.filter((j) => j.status === 'done'),
            { version: draftVersion, createdAt: draftCreatedAt },
            inForce,
          );
    return { inForce, job };
  }, [programId, draftVersion, draftHash, draftCreatedAt]);

  return (
    <section aria-labelledby="last-impact-heading" className="mandate-last-impact" data-testid="last-impact">
      <h3 id="last-impact-heading" className="margin-top-0">
        {s('impact.publish.heading')}
      </h3>
      {loaded.error !== undefined ? (
        <Alert type="error" slim>
          {errorText(loaded.error, t)}
        </Alert>
      ) : !loaded.data ? (
        <p>{t('common.loading')}</p>
      ) : loaded.data.inForce === null ? (
        <p>{s('impact.publish.noVersion')}</p>
      ) : !loaded.data.job?.summary ? (
        <>
          <p>{s('impact.publish.none', { version: loaded.data.inForce })}</p>
          <button type="button" className="usa-button usa-button--outline" onClick={() => onOpen(loaded.data?.inForce ?? 0)}>
            {s('impact.publish.run')}
          </button>
        </>
      ) : (
        <>
          {(unsaved || loaded.data.job.summary.after.hash !== draftHash) && (
            <Alert type="warning" slim>
              <span data-testid="last-impact-stale">{s('impact.publish.stale')}</span>
            </Alert>
          )}
          <p>
            {s('impact.publish.ran', {
              when: formatDateTime(loaded.data.job.finishedAt ?? loaded.data.job.startedAt, lang),
              date: formatDate(loaded.data.job.asOf, lang),
              count: formatNumber(loaded.data.job.summary.households, lang),
            })}
          </p>
          <ImpactNumbers summary={loaded.data.job.summary} />
          <button type="button" className="usa-button usa-button--unstyled" onClick={() => onOpen(loaded.data?.inForce ?? 0)}>
            {s('impact.publish.open')}
          </button>
        </>
      )}
    </section>
  );
}
