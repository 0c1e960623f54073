/**
 * The shapes the web pages read from the runtime API (docs/design.md §4): the types generated from the API's
 * component schemas (`api-types.ts`, from runtime/openapi/schemas.ts), under the names the pages use.
 */
import type * as api from './api-types.ts';

export type { Determination, Program } from '../../../engine/browser.ts';
export type { Application, ScreenerForm, ScreenResult, StartedApplication, SubmitResult, VersionWithDocument } from './api-types.ts';

/** One entry of `GET /api/programs`. */
export type ProgramSummary = api.ProgramList[number];

/** The workflow's next step after a submission. */
export type NextStep = api.SubmitResult['nextStep'];

/** One program's line in `POST /api/screen`. */
export type ScreenLine = api.ScreenResult['results'][number];
