/**
 * Programs that extend programs, in the store (docs/design.md, "Programs that extend programs"): a layer sent as a
 * draft is resolved on its base's published version and stored resolved (the complete program, which holds the
 * layer's own parts and the base's hash), so every reader of a version (evaluation, cases, screening) gets a
 * complete program. The layer's report: its changes against its base and whether a newer base is published.
 */
import {
  behindReport,
  canonicalJson,
  diagnostic,
  formatDiff,
  isLayer,
  layerChanges,
  layerOf,
  LAYER_METADATA,
  resolveLayer,
  type Diagnostic,
  type Program,
  type ProgramLayer,
} from '../../engine/index.ts';
import { HttpError, unprocessable, words } from '../http/errors.ts';
import type { ProgramVersionRecord } from '../store/types.ts';
import type { ServiceContext } from './context.ts';

/** The newest published version of a program, or undefined. */
export async function latestPublished(ctx: ServiceContext, programId: string): Promise<ProgramVersionRecord | undefined> {
  const versions = await ctx.store.listProgramVersions({ programId, status: 'published' });
  return versions.sort((a, b) => a.version - b.version).at(-1);
}

/** The published base version a layer names, or 422 `layer-invalid` with `extends.base-not-found` saying to publish it first. */
async function publishedBase(ctx: ServiceContext, layer: ProgramLayer): Promise<ProgramVersionRecord> {
  const { program, version } = layer.extends;
  const record = await ctx.store.getProgramVersion(program, version);
  if (record && record.status === 'published') return record;
  const published = (await ctx.store.listProgramVersions({ programId: program, status: 'published' })).map((v) => v.version);
  throw unprocessable(
    words('layer-invalid', { programId: layer.id, base: program, version }),
    [
      diagnostic('extends.base-not-found', '/extends', {
        base: program,
        version,
        where: 'the published versions',
        available: published.join(', ') || undefined,
        publish: true,
      }),
    ],
    'layer-invalid',
  );
}

/**
 * The document to store for `doc`: itself when it is a complete program; for a layer (as written, or a resolved
 * program whose `/layer` holds the layer's parts) the program resolved on the base's published version, with the
 * layer's diagnostics. 422 `layer-invalid` when the base is not published or the layer itself has errors, and when a
 * resolved program arrives with edits to its resolved parts (they would be lost: they belong under /layer): parts
 * that differ from `previous` (the draft it replaces), or from the resolution when there is none.
 */
export async function storedDocument(ctx: ServiceContext, doc: Program, previous?: Program): Promise<{ doc: Program; diagnostics?: Diagnostic[] }> {
  const written = doc as unknown;
  const layer = isLayer(written) ? written : layerOf(doc);
  if (!layer) return { doc };
  const base = await publishedBase(ctx, layer);
  const result = resolveLayer(layer, base.doc);
  const said = words('layer-invalid', { programId: layer.id, base: base.programId, version: base.version });
  if (!result.program)
    throw unprocessable(
      said,
      result.diagnostics.filter((d) => d.severity === 'error'),
      'layer-invalid',
    );
  if (!isLayer(written)) {
    // A resolved document sent back (the studio edits the whole text): its resolved parts must be what the layer makes.
    const against = previous?.layer ? previous : result.program;
    const own = new Set<string>([...LAYER_METADATA, 'layer', 'extends', 'tests']);
    const value = (p: Program, key: string) => canonicalJson((p as unknown as Record<string, unknown>)[key] ?? null);
    const edited = Object.keys({ ...doc, ...against })
      .filter((key) => !own.has(key) && value(doc, key) !== value(against, key))
      .map((key) => diagnostic('extends.inherited-edited', `/${key}`, { path: `/${key}`, base: base.programId, version: base.version }));
    if (edited.length > 0) throw unprocessable(said, edited, 'layer-invalid');
  }
  // The layer's pointers are under /layer in the stored document.
  const diagnostics = result.diagnostics.map((d) => (/^\/(override|add)(\/|$)/.test(d.path) ? { ...d, path: `/layer${d.path}` } : d));
  return { doc: result.program, diagnostics };
}

/** A version record of a layer, or 422 `not-a-layer`. */
function asLayer(record: ProgramVersionRecord): Program & { extends: NonNullable<Program['extends']> } {
  if (!record.doc.extends || !record.doc.layer)
    throw new HttpError(422, 'not-a-layer', words('not-a-layer', { programId: record.programId, version: record.version }));
  return record.doc as Program & { extends: NonNullable<Program['extends']> };
}

/**
 * The layer report of one version: the base it extends, its changes against that base (data and words), and the
 * behind report against the base's newest published version.
 */
export async function layerReport(ctx: ServiceContext, record: ProgramVersionRecord, lang = 'en') {
  const doc = asLayer(record);
  const base = await ctx.store.getProgramVersion(doc.extends.program, doc.extends.version);
  if (!base)
    throw new HttpError(404, 'not-found', words('not-found', { what: 'program version', id: `${doc.extends.program}@${doc.extends.version}` }));
  const latest = (await latestPublished(ctx, base.programId)) ?? base;
  const changes = layerChanges(doc, base.doc, lang);
  return {
    programId: record.programId,
    version: record.version,
    status: record.status,
    extends: { ...doc.extends, title: base.doc.title, effectiveFrom: base.effectiveFrom },
    changes: [...changes],
    text: formatDiff(changes),
    behind: behindReport(doc, base.doc, latest.doc),
  };
}

/** The layer `record` holds, re-based on `version` of its base (which must be published): the document of a new draft. */
export async function rebasedLayer(ctx: ServiceContext, record: ProgramVersionRecord, version?: number): Promise<Program> {
  const doc = asLayer(record);
  const target = version ?? (await latestPublished(ctx, doc.extends.program))?.version ?? doc.extends.version;
  const layer = layerOf(doc)!;
  return { ...layer, extends: { program: doc.extends.program, version: target } } as unknown as Program;
}
