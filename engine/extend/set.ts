/**
 * A set of program versions, some of them layers on others (a folder of programs, the shipped `programs/`): each
 * validated, each layer resolved on its base found in the set (chains: the base's base first), in an order where a
 * base comes before the layers on it. Pure: the caller reads the files or the store.
 */
import type { Diagnostic, Program } from '../format/types.ts';
import { diagnostic } from '../messages/definition.ts';
import { hasErrors, validate, type ValidationResult } from '../validate/index.ts';
import { isLayer, resolveLayer, type LayerOrigin } from './resolve.ts';

/** One version of the set as written; `key` names it in messages (a folder, a store key). */
export interface VersionSource {
  key: string;
  doc: unknown;
}

/** One version checked: the complete program (the document itself, or the layer resolved) when it has no errors. */
export interface CheckedSource extends VersionSource {
  /** The complete program as written or resolved (what is stored and hashed), set when there is no error. */
  resolved?: Program;
  /** `validate`'s program (normalized) of `resolved`, set when there is no error. */
  program?: ValidationResult['program'];
  diagnostics: Diagnostic[];
  /** For a layer: the key of its base in the set, and where each of its parts landed. */
  base?: string;
  origins?: LayerOrigin[];
}

const idOf = (doc: unknown): { id?: unknown; version?: unknown } =>
  doc !== null && typeof doc === 'object' ? (doc as { id?: unknown; version?: unknown }) : {};

/**
 * Checks every version of `sources`: complete ones with `validate`, layers with `resolveLayer` on the version of the
 * set their `extends` names (`extends.base-not-found` naming the versions there are, `extends.base-invalid`,
 * `extends.cycle`). The result lists bases before the layers on them, otherwise in the order given. `where` names
 * the set in the "not found" message.
 */
export function checkVersionSet(sources: VersionSource[], where?: string): CheckedSource[] {
  const byName = new Map<string, VersionSource>();
  for (const s of sources) {
    const { id, version } = idOf(s.doc);
    if (typeof id === 'string' && typeof version === 'number' && !byName.has(`${id}@${version}`)) byName.set(`${id}@${version}`, s);
  }
  const done = new Map<VersionSource, CheckedSource>();
  const order: CheckedSource[] = [];
  const visit = (source: VersionSource, stack: VersionSource[]): CheckedSource => {
    const known = done.get(source);
    if (known) return known;
    let checked: CheckedSource;
    if (!isLayer(source.doc)) {
      const result = validate(source.doc);
      checked = { ...source, diagnostics: result.diagnostics };
      if (result.program) Object.assign(checked, { resolved: source.doc as Program, program: result.program });
    } else {
      const { program: baseId, version } = source.doc.extends;
      const baseSource = byName.get(`${baseId}@${version}`);
      if (!baseSource) {
        const available = sources
          .map((s) => idOf(s.doc))
          .filter((d) => d.id === baseId)
          .map((d) => String(d.version));
        checked = {
          ...source,
          diagnostics: [
            diagnostic('extends.base-not-found', '/extends', { base: baseId, version, where, available: available.join(', ') || undefined }),
          ],
        };
      } else if (stack.includes(baseSource) || baseSource === source) {
        const cycle = [...stack.slice(stack.indexOf(baseSource)), source, baseSource]
          .map((s) => `${idOf(s.doc).id} v${idOf(s.doc).version}`)
          .join(' → ');
        checked = { ...source, diagnostics: [diagnostic('extends.cycle', '/extends', { cycle })] };
      } else {
        const base = visit(baseSource, [...stack, source]);
        if (!base.resolved) {
          const first = base.diagnostics.find((d) => d.severity === 'error');
          checked = {
            ...source,
            base: base.key,
            diagnostics: [diagnostic('extends.base-invalid', '/extends', { base: baseId, version, first: `${first?.path || '/'} (${first?.code})` })],
          };
        } else {
          const result = resolveLayer(source.doc, base.resolved);
          checked = { ...source, base: base.key, origins: result.origins, diagnostics: result.diagnostics };
          if (result.program && result.normalized && !hasErrors(result.diagnostics))
            Object.assign(checked, { resolved: result.program, program: result.normalized });
        }
      }
    }
    done.set(source, checked);
    order.push(checked);
    return checked;
  };
  for (const s of sources) visit(s, []);
  return order;
}
