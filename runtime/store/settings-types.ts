/**
 * The settings aggregate of the store: each organisation's settings with their optimistic revision.
 * Part of the `Store` contract (`types.ts`, whose conventions hold here too).
 */
import type { AuditArg } from './audit-types.ts';

/** The organisation's settings. */
export interface OrganisationSettings {
  /** Publishing needs a second person (the requester may not publish). Default true. */
  makerChecker: boolean;
  /** The columns of the program dashboard's CSV export, chosen by an administrator (services/dashboard.ts); absent: the defaults. */
  exportColumns?: string[];
  /** Days without a change after which an open referral is flagged stale (issue 16); absent: 14. */
  referralStaleDays?: number;
}

/**
 * The stored settings of one organisation with their optimistic revision (0 while never saved). The installation's
 * settings are the `default` organisation's; another organisation that never saved its own gets them (`inherited`).
 */
export interface SettingsRecord extends OrganisationSettings {
  /** Whose settings these are (`default`: the installation's). */
  organisationId: string;
  /** True when the organisation has no settings of its own and these are the installation's. */
  inherited: boolean;
  revision: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Replace the organisation settings. */
export interface SaveSettingsInput {
  /** Whose settings (absent or `default`: the installation's). */
  organisationId?: string;
  settings: OrganisationSettings;
  /** When given, must equal the stored revision (0 for never-saved settings). */
  expectedRevision?: number;
  updatedBy: string | null;
}

/** Each organisation's settings. */
export interface SettingsStore {
  /**
   * The settings of `organisationId` (absent or `default`: the installation's; the defaults, revision 0, when never
   * saved); an organisation that never saved its own gets the installation's, `inherited`, revision 0.
   */
  getSettings(organisationId?: string): Promise<SettingsRecord>;
  /** Replaces one organisation's settings (revision + 1); `stale-revision` when `expectedRevision` differs. */
  saveSettings(input: SaveSettingsInput, audit?: AuditArg): Promise<SettingsRecord>;
}
