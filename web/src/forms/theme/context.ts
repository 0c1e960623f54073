/** What the Mandate RJSF theme reads from `formContext`: the step's fields, the translator and the error state. */
import type { Translate } from '../../shared/i18n.tsx';

/** The `formContext` every Mandate form passes to RJSF. */
export interface MandateFormContext {
  /** Top-level properties rendered on this step; all when absent. */
  pageFields?: string[];
  t: Translate;
  lang: string;
}

/** Reads the Mandate form context from an RJSF registry. */
export function formContextOf(registry: { formContext?: unknown }): MandateFormContext {
  return registry.formContext as MandateFormContext;
}
