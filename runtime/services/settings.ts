/**
 * The organisation settings (administrators): `makerChecker`, whether publishing needs a second person, and
 * `exportColumns`, the columns of the program dashboard's CSV export.
 * Saved with optimistic concurrency and audited.
 */
import type { AuthUser } from '../auth/context.ts';
import type { OrganisationSettings } from '../store/types.ts';
import type { ServiceContext } from './context.ts';
import { checkExportColumns, DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMNS } from './dashboard.ts';

/**
 * What an administrator may choose for the CSV export: the fixed columns (`answer:<question>` columns come on top),
 * the defaults used until one is chosen, and the columns masked (`***`) for roles that may not see applications.
 */
export function exportColumnChoices() {
  return { columns: [...EXPORT_COLUMNS], defaults: [...DEFAULT_EXPORT_COLUMNS], masked: ['applicant', 'answer:*'] };
}

/** The settings with their revision, and the export columns one may choose. */
export async function getSettings(ctx: ServiceContext) {
  return { ...(await ctx.store.getSettings()), exportColumnChoices: exportColumnChoices() };
}

/** Replaces the settings if they are still at `revision` (409 `stale-revision` otherwise). */
export async function saveSettings(ctx: ServiceContext, actor: AuthUser, settings: OrganisationSettings, revision: number) {
  const before = await ctx.store.getSettings();
  if (settings.exportColumns) checkExportColumns(settings.exportColumns);
  // A request without exportColumns (the studio's settings page) keeps the chosen ones.
  const exportColumns = settings.exportColumns ?? before.exportColumns;
  const referralStaleDays = settings.referralStaleDays ?? before.referralStaleDays;
  const next: OrganisationSettings = {
    makerChecker: settings.makerChecker,
    ...(exportColumns ? { exportColumns } : {}),
    ...(referralStaleDays !== undefined ? { referralStaleDays } : {}),
  };
  const saved = await ctx.store.saveSettings(
    { settings: next, expectedRevision: revision, updatedBy: actor.id },
    {
      actorId: actor.id,
      action: 'settings.update',
      entity: 'settings',
      entityId: 'organisation',
      details: {
        from: { makerChecker: before.makerChecker, ...(before.exportColumns ? { exportColumns: before.exportColumns } : {}) },
        to: next,
      },
    },
  );
  return { ...saved, exportColumnChoices: exportColumnChoices() };
}
