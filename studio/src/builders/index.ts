/**
 * The no-code editors, by the part of the definition each edits. A part with a builder opens in it, with a switch to
 * its JSON; a part without one opens as JSON. To add a builder: a component taking `BuilderProps`, registered here.
 * Inside a builder, put `data-pointer="<JSON Pointer>"` on the control that edits each place of the definition, so
 * that "go to" from the problems list focuses it (see `focusPointer`), and show each place's diagnostics beside it
 * with `FieldProblems`.
 */
import type { ComponentType } from 'react';
import type { Part } from '../draft/parts.ts';
import { RULE_BUILDERS } from './rules/index.ts';
import { FormBuilder } from './form/FormBuilder.tsx';
import type { BuilderProps } from './types.ts';
import { ParametersBuilder } from './parameters/ParametersBuilder.tsx';
import { TranslationsBuilder } from './translations/TranslationsBuilder.tsx';
import { WorkflowBuilder } from './workflow/WorkflowBuilder.tsx';

export const BUILDERS: Partial<Record<Part, ComponentType<BuilderProps>>> = {
  parameters: ParametersBuilder,
  workflow: WorkflowBuilder,
  translations: TranslationsBuilder,
  ...RULE_BUILDERS,
  form: FormBuilder,
};

/**
 * Focuses the control inside `root` that edits `pointer`, or the nearest one editing a place that contains it
 * (`/form/pages/0/title` falls back to `/form/pages/0`). Returns false when the builder has none.
 */
export function focusPointer(root: ParentNode, pointer: string): boolean {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const target = root.querySelector<HTMLElement>(`[data-pointer="${CSS.escape(p)}"]`);
    if (target) {
      target.scrollIntoView({ block: 'center' });
      target.focus();
      return true;
    }
    if (!p) return false;
  }
}
