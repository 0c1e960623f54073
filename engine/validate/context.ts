/**
 * What the semantic checks share: the document (already known to fit the format schema), the names it defines,
 * and the list diagnostics are added to.
 */
import { diagnostic, type MessageCode } from '../messages/definition.ts';
import type { Diagnostic, JsonSchema } from '../format/types.ts';
import type { ProgramWithDefaults } from '../normalize/defaults.ts';
import { describePointer } from '../format/pointer.ts';

/** The names a program defines, and the diagnostics found so far. */
export interface CheckContext {
  program: ProgramWithDefaults;
  /** Top-level form fields → their schema. */
  fields: Map<string, JsonSchema>;
  /** Derived value names. */
  derived: Set<string>;
  /** Where each parameter is named (JSON Pointers of the formulas, conditions, messages and limits), filled by the reference checks. */
  parameterUses: Map<string, string[]>;
  /** Shared conditions already checked, by kind of use ("rule <name>", "page <name>", "guard <name>"). */
  checkedShared: Set<string>;
  diagnostics: Diagnostic[];
  /** Adds a diagnostic; `where` is filled from the pointer unless given. */
  report(code: MessageCode, path: string, params?: Record<string, unknown>): void;
  /** A readable name for the place a pointer points at. */
  where(path: string): string;
  /** Records that the place at `path` names the parameter `name`. */
  useParameter(name: string, path: string): void;
}

/** Collects the property schemas an object schema may have, including those in if/then/else, allOf/anyOf/oneOf and dependencies. */
export function propertiesOf(schema: unknown): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const s = node as Record<string, unknown>;
    // A null property schema is no schema (the form's meta-schema check reports it): nothing to look into.
    for (const [name, sub] of Object.entries((s.properties as Record<string, JsonSchema | null>) ?? {}))
      if (sub !== null && !out.has(name)) out.set(name, sub);
    for (const key of ['then', 'else']) visit(s[key]);
    for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(s[key])) (s[key] as unknown[]).forEach(visit);
    if (s.dependencies && typeof s.dependencies === 'object') for (const dep of Object.values(s.dependencies)) if (!Array.isArray(dep)) visit(dep);
  };
  visit(schema);
  return out;
}

/** The item schema of an array schema, or `undefined` when `schema` does not describe a list of one kind. */
export function itemsOf(schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema || schema.type !== 'array') return undefined;
  const items = schema.items;
  return items && typeof items === 'object' && !Array.isArray(items) ? (items as JsonSchema) : undefined;
}

/** Builds the shared context for a program that passed the format schema. */
export function createContext(program: ProgramWithDefaults): CheckContext {
  const diagnostics: Diagnostic[] = [];
  // Keys of the diagnostics reported, so that a repeat is found in constant time (a definition with 16,000 values
  // may well have 16,000 diagnostics: a scan of the list per report would be quadratic).
  const reported = new Set<string>();
  const ctx: CheckContext = {
    program,
    fields: propertiesOf(program.form.schema),
    derived: new Set(Object.keys(program.derived)),
    parameterUses: new Map(),
    checkedShared: new Set(),
    diagnostics,
    where: (path) => describePointer(program, path),
    useParameter(name, path) {
      const paths = ctx.parameterUses.get(name);
      if (!paths) ctx.parameterUses.set(name, [path]);
      else if (!paths.includes(path)) paths.push(path);
    },
    report(code, path, params = {}) {
      const made = diagnostic(code, path, { where: ctx.where(path), ...params });
      // A shared condition checked for two kinds of use may find the same problem twice: report it once.
      const key = `${made.code}\u0000${made.path}\u0000${made.message}`;
      if (!reported.has(key)) {
        reported.add(key);
        diagnostics.push(made);
      }
    },
  };
  return ctx;
}
