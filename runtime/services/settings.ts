/**
 * The settings of each organisation (administrators): `makerChecker`, whether publishing needs a second person,
 * `exportColumns`, the columns of the program dashboard's CSV export, and `referralStaleDays`. The installation's
 * settings are the `default` organisation's and hold for every organisation that has not saved its own; each
 * program is governed by the settings of the organisation that runs it (`programSettings`). Saved with optimistic
 * concurrency and audited.
 */
import type { AuthUser } from '../auth/context.ts';
import { forbidden, notFound, words } from '../http/errors.ts';
import { DEFAULT_ORGANISATION, type OrganisationSettings, type SettingsRecord } from '../store/types.ts';
import type { ServiceContext } from './context.ts';
import { checkExportColumns, DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMNS } from './dashboard.ts';
import { isPlatformAdmin } from './organisations.ts';

/**
 * What an administrator may choose for the CSV export: the fixed columns (`answer:<question>` columns come on top),
 * the defaults used until one is chosen, and the columns masked (`***`) for roles that may not see applications.
 */
export function exportColumnChoices() {
  return { columns: [...EXPORT_COLUMNS], defaults: [...DEFAULT_EXPORT_COLUMNS], masked: ['applicant', 'answer:*'] };
}

/** The settings that govern `programId`: those of the organisation running it (the installation's by default). */
export async function programSettings(ctx: ServiceContext, programId: string): Promise<SettingsRecord> {
  return ctx.store.getSettings(await ctx.store.programOrganisation(programId));
}

/**
 * Whose settings `user` reads and edits: `requested` (404 unknown; 403 unless they administer it or are a platform
 * administrator), else the acting organisation: the first they administer, the installation's (`default`) when they
 * administer it or none.
 */
export async function settingsOrganisation(ctx: ServiceContext, user: AuthUser, requested?: string): Promise<string> {
  const administered = (await ctx.store.membershipsOf(user.id)).filter((m) => m.roles.includes('administrator')).map((m) => m.organisationId);
  if (requested !== undefined) {
    if (!(await ctx.store.getOrganisation(requested))) throw notFound('organisation', requested);
    if (!isPlatformAdmin(user) && !administered.includes(requested))
      throw forbidden(words('organisation.not-admin', { organisationId: requested }), 'organisation');
    return requested;
  }
  return administered.length === 0 || administered.includes(DEFAULT_ORGANISATION) ? DEFAULT_ORGANISATION : administered[0];
}

/** The acting organisation's settings with their revision, and the export columns one may choose. */
export async function getSettings(ctx: ServiceContext, user: AuthUser, organisation?: string) {
  const organisationId = await settingsOrganisation(ctx, user, organisation);
  const [settings, record] = await Promise.all([ctx.store.getSettings(organisationId), ctx.store.getOrganisation(organisationId)]);
  return { ...settings, organisationName: record?.name ?? organisationId, exportColumnChoices: exportColumnChoices() };
}

/** Replaces the acting organisation's settings if they are still at `revision` (409 `stale-revision` otherwise). */
export async function saveSettings(ctx: ServiceContext, actor: AuthUser, settings: OrganisationSettings, revision: number, organisation?: string) {
  const organisationId = await settingsOrganisation(ctx, actor, organisation);
  const before = await ctx.store.getSettings(organisationId);
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
    { organisationId, settings: next, expectedRevision: revision, updatedBy: actor.id },
    {
      actorId: actor.id,
      action: 'settings.update',
      entity: 'settings',
      entityId: organisationId === DEFAULT_ORGANISATION ? 'organisation' : `organisation:${organisationId}`,
      details: {
        from: { makerChecker: before.makerChecker, ...(before.exportColumns ? { exportColumns: before.exportColumns } : {}) },
        to: next,
      },
    },
  );
  const record = await ctx.store.getOrganisation(organisationId);
  return { ...saved, organisationName: record?.name ?? organisationId, exportColumnChoices: exportColumnChoices() };
}
