/**
 * The storage contract suite: `describeStoreContract(name, makeStore)` registers the same tests for any `Store`
 * implementation (SQLite and PostgreSQL always, MongoDB when `MONGODB_URI` is set). `makeStore` must return a fresh,
 * empty store each time; the suite closes it after each test.
 *
 * One part per aggregate of the store (runtime/store/<aggregate>-types.ts), in `<aggregate>-contract.ts`: a new
 * aggregate is a new file and one more line below; a new store is one more `describeStoreContract` call.
 */
import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../../runtime/store/types.ts';
import { describeUserContract } from './user-contract.ts';
import { describeProgramContract } from './program-contract.ts';
import { describeSettingsContract } from './settings-contract.ts';
import { describeApplicationContract } from './application-contract.ts';
import { describeCaseContract } from './case-contract.ts';
import { describeAuditContract } from './audit-contract.ts';
import { describeJobContract } from './job-contract.ts';
import { describeAfterSubmissionContract } from './after-submission-contract.ts';
import { describeCaseloadContract } from './caseload-contract.ts';
import { describeSharedStateContract } from './shared-state-contract.ts';
import { describeReferralContract } from './referral-contract.ts';
import { describeOrganisationContract } from './organisation-contract.ts';

/** A fresh store per test, shared by the contract's parts. */
export interface StoreHolder {
  store: Store;
}

/** Registers every contract test for the store that `makeStore` opens. */
export function describeStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    const holder = {} as StoreHolder;
    beforeEach(async () => {
      holder.store = await makeStore();
    });
    afterEach(async () => {
      await holder.store.close();
    });

    describeUserContract(holder); // UserStore
    describeProgramContract(holder); // ProgramStore
    describeSettingsContract(holder); // SettingsStore
    describeApplicationContract(holder); // ApplicationStore
    describeCaseContract(holder); // CaseStore
    describeAuditContract(holder); // AuditStore
    describeJobContract(holder); // JobStore
    describeAfterSubmissionContract(holder); // CaseStore (references, files) and JobStore (reminders, outbox)
    describeCaseloadContract(holder); // CaseStore (caseload)
    describeSharedStateContract(holder); // SharedStateStore
    describeReferralContract(holder); // ReferralStore
    describeOrganisationContract(holder); // OrganisationStore
  });
}
