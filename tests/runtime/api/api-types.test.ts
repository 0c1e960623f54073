/**
 * The API's TypeScript types have one source, the component schemas: `web/src/shared/api-types.ts` is what
 * `npm run generate:types` makes of them, and what the services answer is assignable to the generated types of the
 * routes that send it (checked by `tsc`: `npm run typecheck`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { apiTypesSource } from '../../../runtime/openapi/api-types.ts';
import { componentSchemas } from '../../../runtime/openapi/schemas.ts';
import type * as applications from '../../../runtime/services/applications.ts';
import type * as cases from '../../../runtime/services/cases.ts';
import type * as programs from '../../../runtime/services/programs.ts';
import type * as publication from '../../../runtime/services/publication.ts';
import type * as screening from '../../../runtime/services/screening.ts';
import type * as settings from '../../../runtime/services/settings.ts';
import type * as users from '../../../runtime/services/users.ts';
import type { ApiSchemas } from '../../../web/src/shared/api-types.ts';

/** What an (async) service function answers. */
type Answer<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

const GENERATED = path.resolve('web/src/shared/api-types.ts');

describe('the API types generated from the component schemas', () => {
  it('web/src/shared/api-types.ts is what `npm run generate:types` makes of runtime/openapi/schemas.ts (regenerate after editing it)', async () => {
    expect(await apiTypesSource()).toBe(readFileSync(GENERATED, 'utf8'));
  }, 30_000);

  it('exports one type per component schema, named after it, and imports nothing that runs in the browser', () => {
    const source = readFileSync(GENERATED, 'utf8');
    for (const name of Object.keys(componentSchemas)) expect(source, name).toMatch(new RegExp(`^export (interface|type) ${name}\\b`, 'm'));
    expect(source.match(/^import .*$/gm)).toEqual(["import type * as engine from '../../../engine/browser.ts';"]);
  });

  it('types what the services answer for the main routes (a mismatch fails `npm run typecheck`)', () => {
    expectTypeOf<Answer<typeof programs.listPrograms>>().toExtend<ApiSchemas['ProgramList']>();
    expectTypeOf<Answer<typeof programs.getProgram>>().toExtend<ApiSchemas['ProgramDetail']>();
    expectTypeOf<Answer<typeof programs.currentVersion>>().toExtend<ApiSchemas['VersionWithDocument']>();
    expectTypeOf<Answer<typeof programs.getVersion>>().toExtend<ApiSchemas['VersionWithDocument']>();
    expectTypeOf<Answer<typeof programs.getDraft>>().toExtend<ApiSchemas['VersionWithDocument']>();
    expectTypeOf<Answer<typeof programs.createDraft>>().toExtend<ApiSchemas['DraftResult']>();
    expectTypeOf<Answer<typeof programs.updateDraft>>().toExtend<ApiSchemas['DraftResult']>();
    expectTypeOf<Answer<typeof programs.draftFromVersion>>().toExtend<ApiSchemas['DraftResult']>();
    expectTypeOf<Answer<typeof programs.validateDraft>>().toExtend<ApiSchemas['ValidationResult']>();
    expectTypeOf<Answer<typeof programs.testDraft>>().toExtend<ApiSchemas['TestReport']>();
    expectTypeOf<Answer<typeof programs.evaluateDraft>>().toExtend<ApiSchemas['Determination']>();
    expectTypeOf<Answer<typeof programs.diffVersions>>().toExtend<ApiSchemas['Diff']>();
    expectTypeOf<Answer<typeof programs.programHistory>>().toExtend<ApiSchemas['ProgramHistory']>();
    expectTypeOf<Answer<typeof publication.publicationRequest>>().toExtend<ApiSchemas['PublicationRequest']>();
    expectTypeOf<Answer<typeof publication.publishDraft>>().toExtend<ApiSchemas['PublishResult']>();
    expectTypeOf<Answer<typeof settings.getSettings>>().toExtend<ApiSchemas['Settings']>();
    expectTypeOf<Answer<typeof cases.listCases>>().toExtend<ApiSchemas['CaseList']>();
    expectTypeOf<Answer<typeof cases.caseDetail>>().toExtend<ApiSchemas['CaseDetail']>();
    expectTypeOf<Answer<typeof cases.addNote>>().toExtend<ApiSchemas['Note']>();
    expectTypeOf<Answer<typeof cases.fireTransition>>().toExtend<ApiSchemas['TransitionResult']>();
    expectTypeOf<Answer<typeof cases.redetermineCase>>().toExtend<ApiSchemas['RedetermineResult']>();
    expectTypeOf<Answer<typeof applications.startApplication>>().toExtend<ApiSchemas['StartedApplication']>();
    expectTypeOf<Answer<typeof applications.getApplication>>().toExtend<ApiSchemas['Application']>();
    expectTypeOf<Answer<typeof applications.resumeApplication>>().toExtend<ApiSchemas['Application']>();
    expectTypeOf<Answer<typeof applications.listOwnApplications>>().toExtend<ApiSchemas['ApplicationList']>();
    expectTypeOf<Answer<typeof applications.saveAnswers>>().toExtend<ApiSchemas['Application']>();
    expectTypeOf<Answer<typeof applications.submitApplication>>().toExtend<ApiSchemas['SubmitResult']>();
    expectTypeOf<Answer<typeof screening.screenerFormFor>>().toExtend<ApiSchemas['ScreenerForm']>();
    expectTypeOf<Answer<typeof screening.screen>>().toExtend<ApiSchemas['ScreenResult']>();
    expectTypeOf<Answer<typeof users.listUsers>>().toExtend<ApiSchemas['UserList']>();
  });
});
