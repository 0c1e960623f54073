/**
 * The RJSF validator used by the pages: ajv8 with formats, created once per page load (validator identity must stay
 * stable across renders). See web/CSP.md for what this means for the Content-Security-Policy.
 */
import { customizeValidator } from '@rjsf/validator-ajv8';

/** The shared validator instance. */
export const validator = customizeValidator({ ajvOptionsOverrides: { strict: false } });
