/**
 * The storage contract of the settings aggregate (`SettingsStore`, runtime/store/settings-types.ts): each
 * organisation's settings with optimistic revisions, the installation's inherited.
 * Registered by `describeStoreContract`.
 */
import { describe, expect, it } from 'vitest';
import { auditOf } from './fixtures.ts';
import type { StoreHolder } from './store-contract.ts';

/** Registers the settings contract tests. */
export function describeSettingsContract(h: StoreHolder): void {
  describe('settings', () => {
    it('has maker-checker on until saved, then saves with optimistic revisions', async () => {
      expect(await h.store.getSettings()).toEqual({
        makerChecker: true,
        organisationId: 'default',
        inherited: false,
        revision: 0,
        updatedAt: null,
        updatedBy: null,
      });
      await expect(h.store.saveSettings({ settings: { makerChecker: false }, expectedRevision: 1, updatedBy: 'admin' })).rejects.toMatchObject({
        code: 'stale-revision',
      });
      const saved = await h.store.saveSettings(
        { settings: { makerChecker: false }, expectedRevision: 0, updatedBy: 'admin' },
        auditOf('settings.update', 'organisation'),
      );
      expect(saved).toMatchObject({ makerChecker: false, revision: 1, updatedBy: 'admin' });
      expect(await h.store.getSettings()).toEqual(saved);
      await expect(h.store.saveSettings({ settings: { makerChecker: true }, expectedRevision: 0, updatedBy: 'admin' })).rejects.toMatchObject({
        code: 'stale-revision',
      });
      expect((await h.store.saveSettings({ settings: { makerChecker: true }, expectedRevision: 1, updatedBy: 'admin' })).revision).toBe(2);
      expect((await h.store.listAudit({ action: 'settings.update' })).length).toBe(1);
    });

    it('gives an organisation the installation’s settings until it saves its own, which change nothing elsewhere', async () => {
      const installation = await h.store.getSettings();
      expect(await h.store.getSettings('food-bank')).toMatchObject({
        makerChecker: installation.makerChecker,
        organisationId: 'food-bank',
        inherited: true,
        revision: 0,
      });
      const own = await h.store.saveSettings({
        organisationId: 'food-bank',
        settings: { makerChecker: !installation.makerChecker, exportColumns: ['reference'] },
        expectedRevision: 0,
        updatedBy: 'admin',
      });
      expect(own).toMatchObject({ organisationId: 'food-bank', inherited: false, revision: 1, exportColumns: ['reference'] });
      expect(await h.store.getSettings('food-bank')).toEqual(own);
      expect(await h.store.getSettings()).toEqual(installation);
      expect(await h.store.getSettings('default')).toEqual(installation);
      await expect(
        h.store.saveSettings({ organisationId: 'food-bank', settings: { makerChecker: true }, expectedRevision: 0, updatedBy: 'admin' }),
      ).rejects.toMatchObject({ code: 'stale-revision' });
      expect((await h.store.getSettings('housing')).inherited).toBe(true);
    });
  });
}
