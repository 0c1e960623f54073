/**
 * The organisation settings (administrators): today `makerChecker`, whether publishing needs a second person.
 * Saved with optimistic concurrency and audited.
 */
import type { AuthUser } from '../auth/context.ts';
import type { OrganisationSettings } from '../store/types.ts';
import type { ServiceContext } from './context.ts';

/** The settings with their revision. */
export async function getSettings(ctx: ServiceContext) {
  return ctx.store.getSettings();
}

/** Replaces the settings if they are still at `revision` (409 `stale-revision` otherwise). */
export async function saveSettings(ctx: ServiceContext, actor: AuthUser, settings: OrganisationSettings, revision: number) {
  const before = await ctx.store.getSettings();
  return ctx.store.saveSettings(
    { settings: { makerChecker: settings.makerChecker }, expectedRevision: revision, updatedBy: actor.id },
    {
      actorId: actor.id,
      action: 'settings.update',
      entity: 'settings',
      entityId: 'organisation',
      details: { from: { makerChecker: before.makerChecker }, to: { makerChecker: settings.makerChecker } },
    },
  );
}
