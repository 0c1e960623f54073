/**
 * The builders of derived values, rules and benefits, by the part each edits (registered in `../index.ts`).
 */
import type { ComponentType } from 'react';
import type { Part } from '../../draft/parts.ts';
import type { BuilderProps } from '../types.ts';
import { BenefitsBuilder } from './BenefitsBuilder.tsx';
import { DerivedBuilder } from './DerivedBuilder.tsx';
import { RulesBuilder } from './RulesBuilder.tsx';

export const RULE_BUILDERS: Partial<Record<Part, ComponentType<BuilderProps>>> = {
  derived: DerivedBuilder,
  rules: RulesBuilder,
  benefits: BenefitsBuilder,
};
