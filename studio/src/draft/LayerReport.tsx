/**
 * A layer against its base (docs/design.md, "Programs that extend programs"): "Extends us-snap version 4", what the
 * layer changes from the base in words ("Washington: … instead of …"), and whether a newer base version is
 * published, with what it would change for the layer and the action to re-base (the caller's: a new draft from the
 * program page, the draft's own /extends in the draft page). Reads `GET /api/programs/:id/layer`.
 */
import { api } from '../../../web/src/shared/api.ts';
import { Alert, errorText } from '../../../web/src/shared/components.tsx';
import { LoadError } from '../../../web/src/shared/DeterminationView.tsx';
import { formatDate } from '../../../web/src/shared/format.ts';
import { useLoad } from '../../../web/src/shared/hooks.ts';
import { useI18n } from '../../../web/src/shared/i18n.tsx';
import { useText } from '../text.ts';
import type { LayerReport as Report } from '../types.ts';

interface Props {
  programId: string;
  /** `draft`, `current` or a version number. */
  version: string;
  /** Changes when the report must be read again (the draft's revision). */
  revision?: number;
  /** The re-base action, offered when a newer base is published; `disabled` says why it cannot run now. */
  rebase?: { run: (version: number) => void; label?: (version: number) => string; busy?: boolean; disabled?: string };
}

function Changes({ title, items, testId }: { title: string; items: string[]; testId: string }) {
  if (items.length === 0) return null;
  return (
    <>
      <h4 className="margin-bottom-05">{title}</h4>
      <ul className="usa-list margin-top-05" data-testid={testId}>
        {items.map((text, i) => (
          <li key={`${i}-${text}`}>{text}</li>
        ))}
      </ul>
    </>
  );
}

/** The layer report of one version of a program that extends another. */
export function LayerReport({ programId, version, revision, rebase }: Props) {
  const { t, lang } = useI18n();
  const s = useText();
  const report = useLoad(
    () => api<Report>('GET', `/api/programs/${encodeURIComponent(programId)}/layer?version=${encodeURIComponent(version)}&lang=${lang}`),
    [programId, version, revision, lang],
  );
  if (report.error !== undefined) return <LoadError message={errorText(report.error, t)} />;
  if (!report.data) return <p>{t('common.loading')}</p>;
  const r = report.data;
  const behind = r.behind;
  return (
    <section aria-labelledby="layer-heading" className="mandate-layer-report" data-testid="layer-report">
      <h3 id="layer-heading" className="margin-top-0">
        {s('layer.extends', { title: r.extends.title, program: r.extends.program, version: r.extends.version })}
      </h3>
      <p className="text-base-dark margin-top-05">{s('layer.intro', { date: formatDate(r.extends.effectiveFrom, lang) })}</p>
      <h4 className="margin-bottom-05">{s('layer.changes')}</h4>
      {r.changes.length === 0 ? (
        <p>{s('layer.noChanges')}</p>
      ) : (
        <ul className="usa-list margin-top-05" data-testid="layer-changes">
          {r.changes.map((c, i) => (
            <li key={`${i}-${c.path}`}>{c.text}</li>
          ))}
        </ul>
      )}
      {behind.behind ? (
        <Alert type="warning" heading={s('layer.behind', { program: r.extends.program, version: behind.latest.version })}>
          <p>{s('layer.behindIntro', { date: formatDate(behind.latest.effectiveFrom, lang), changelog: behind.latest.changelog })}</p>
          <Changes title={s('layer.inherited')} items={behind.inherited.map((c) => c.text)} testId="layer-inherited" />
          <Changes title={s('layer.shadowed')} items={behind.shadowed.map((c) => c.text)} testId="layer-shadowed" />
          <Changes
            title={s('layer.overtaken')}
            items={behind.overtaken.map((c) => s('layer.overtakenItem', { change: c.text, date: c.override.split('/').at(-1) }))}
            testId="layer-overtaken"
          />
          <Changes title={s('layer.conflicts')} items={behind.conflicts.map((d) => `${d.path}: ${d.message}`)} testId="layer-conflicts" />
          {rebase && (
            <p>
              <button
                type="button"
                className="usa-button"
                disabled={rebase.busy || !!rebase.disabled}
                aria-describedby={rebase.disabled ? 'rebase-why' : undefined}
                onClick={() => rebase.run(behind.latest.version)}
              >
                {rebase.label ? rebase.label(behind.latest.version) : s('layer.rebase', { version: behind.latest.version })}
              </button>
              {rebase.disabled && (
                <span id="rebase-why" className="display-block text-base-dark margin-top-1">
                  {rebase.disabled}
                </span>
              )}
            </p>
          )}
        </Alert>
      ) : (
        <p data-testid="layer-up-to-date">{s('layer.upToDate', { program: r.extends.program, version: behind.latest.version })}</p>
      )}
    </section>
  );
}
