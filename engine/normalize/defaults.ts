/**
 * The defaults of a program document's optional parts, in one place: a part the author left out means "none" —
 * no derived values, shared conditions, benefits, translations or test cases, no ui options, no deadlines, no
 * actions on a transition. `withDefaults` writes them in once, so every stage after `normalize` (and every tool
 * that reads a document as written) sees each part present, typed as such, and never guesses with `?? {}`.
 */
import type { FormDefinition, Program, Transition, Workflow, WorkflowAction } from '../format/types.ts';

/** A transition with its actions present (none: `[]`). */
export type TransitionWithDefaults = Transition & { actions: WorkflowAction[] };

/** A workflow with its deadlines and every transition's actions present. */
export type WorkflowWithDefaults = Omit<Workflow, 'deadlines' | 'transitions'> & {
  deadlines: NonNullable<Workflow['deadlines']>;
  transitions: TransitionWithDefaults[];
};

/** A program document with every optional collection present: what `normalize` returns and the stages after it read. */
export type ProgramWithDefaults = Omit<Program, 'derived' | 'conditions' | 'benefits' | 'translations' | 'tests' | 'form' | 'workflow'> &
  Required<Pick<Program, 'derived' | 'conditions' | 'benefits' | 'translations' | 'tests'>> & {
    form: FormDefinition & Required<Pick<FormDefinition, 'uiSchema'>>;
    workflow: WorkflowWithDefaults;
  };

/** The workflow with its defaults; the same object when nothing was missing. */
export function workflowWithDefaults(workflow: Workflow): WorkflowWithDefaults {
  const complete = workflow.transitions.every((t) => t.actions);
  if (workflow.deadlines && complete) return workflow as WorkflowWithDefaults;
  return {
    ...workflow,
    deadlines: workflow.deadlines ?? [],
    transitions: complete
      ? (workflow.transitions as TransitionWithDefaults[])
      : workflow.transitions.map((t) => (t.actions ? t : { ...t, actions: [] })),
  } as WorkflowWithDefaults;
}

/** The program with the defaults of its optional parts written in; the same object when nothing was missing. */
export function withDefaults(program: Program): ProgramWithDefaults {
  const workflow = workflowWithDefaults(program.workflow);
  const { derived, conditions, benefits, translations, tests, form } = program;
  if (derived && conditions && benefits && translations && tests && form.uiSchema && workflow === program.workflow) {
    return program as ProgramWithDefaults;
  }
  return {
    ...program,
    derived: derived ?? {},
    conditions: conditions ?? {},
    benefits: benefits ?? [],
    translations: translations ?? {},
    tests: tests ?? [],
    form: form.uiSchema ? (form as ProgramWithDefaults['form']) : { ...form, uiSchema: {} },
    workflow,
  };
}
