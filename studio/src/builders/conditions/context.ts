/**
 * What the parts of one condition builder share: the caller's props, the tree being edited (with its root as a
 * group), the way to write it back, the words, and an id prefix unique to this builder.
 */
import type { ConditionTree, Diagnostic } from '../../../../engine/index.ts';
import type { StudioText } from '../../text.ts';
import type { Fact, ParamChoice } from './facts.ts';

/** Props of the condition builder. */
export interface ConditionBuilderProps {
  /** The tree as the definition holds it (absent: an empty "all of" group). */
  value: ConditionTree | undefined;
  onChange: (next: ConditionTree) => void;
  /** The JSON Pointer of the tree in the definition, e.g. `/rules/0/conditions`. */
  pointer: string;
  facts: Fact[];
  /** Parameters a value may name. */
  params: ParamChoice[];
  /** Names of the shared conditions (`conditions`), and where each one is shown. */
  shared: string[];
  sharedHref?: (name: string) => string;
  diagnostics: Diagnostic[];
  /** The accessible name of the whole tree, e.g. "Conditions of Household income". */
  label: string;
}

/** The shared context of one builder's groups and leaves. */
export interface Ctx extends Omit<ConditionBuilderProps, 'value' | 'onChange'> {
  tree: ConditionTree;
  set: (next: ConditionTree) => void;
  s: StudioText;
  uid: string;
}
