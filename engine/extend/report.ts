/**
 * Reports on a layer. `layerChanges`: the layer against its base, in the diff's words ("Washington: gross income
 * limit from 2025-10-01: 200 percent instead of 130 percent"). "Behind": a layer extends a pinned base version; when the base publishes a newer one, the layer does not move
 * (re-basing is a new draft, never automatic), and `behindReport` says what the newer base changes for it: the base
 * changes its overrides hide (it keeps its own value), those it would take on by re-basing, values of the newer base
 * that would take over from one of its dated overrides, and what re-basing as it stands would refuse.
 */
import { canonicalJson } from '../format/hash.ts';
import { jurisdictionName } from '../format/jurisdictions.ts';
import type { Change, ChangeList, Diagnostic, Program } from '../format/types.ts';
import { diff } from '../tools/diff.ts';
import { layerOf, resolveLayer, type LayerOrigin } from './resolve.ts';

/**
 * What a resolved layer changes from its base, as `diff` words it in its layer mode; each line starts with the name
 * of the layer's place (its jurisdiction, in `lang`) when it has one the engine knows.
 */
export function layerChanges(resolved: Program, base: Program, lang = 'en'): ChangeList {
  return diff(base, resolved, { layer: { name: jurisdictionName(resolved.jurisdiction, lang) } });
}

/** What a newer base version changes for a layer. */
export interface BehindReport {
  program: string;
  version: number;
  /** The base version the layer extends. */
  base: { program: string; version: number };
  /** The base version compared with (the newest one, normally). */
  latest: { version: number; effectiveFrom: string; changelog: string };
  /** True when `latest` is newer than the version the layer extends. */
  behind: boolean;
  /** Base changes hidden by the layer's overrides: the layer keeps its own value. */
  shadowed: Change[];
  /** Base changes the layer takes on when it is re-based (besides `overtaken`). */
  inherited: Change[];
  /** New dated base values that would take over from one of the layer's dated overrides after re-basing (each with the override it overtakes). */
  overtaken: (Change & { override: string })[];
  /** What re-basing as the layer stands would refuse (an override of a part the newer base dropped, an add that now clashes), at the layer's paths. */
  conflicts: Diagnostic[];
}

const within = (ptr: string, prefix: string): boolean => ptr === prefix || ptr.startsWith(`${prefix}/`);

/**
 * The behind report of `resolved` (a program resolved from a layer on `base`) against `latest`, a newer version of
 * the same base. Throws when `resolved` is not a resolved layer or the bases are not the one it extends.
 */
export function behindReport(resolved: Program, base: Program, latest: Program): BehindReport {
  const layer = layerOf(resolved);
  if (!layer || resolved.extends?.program !== base.id || resolved.extends.version !== base.version || latest.id !== base.id)
    throw new TypeError(`behindReport: ${resolved.id} v${resolved.version} is not a layer on ${base.id} v${base.version}.`);
  const origins: LayerOrigin[] = resolveLayer(layer, base).origins.filter((o) => o.kind === 'override');
  const report: BehindReport = {
    program: resolved.id,
    version: resolved.version,
    base: { program: base.id, version: base.version },
    latest: { version: latest.version, effectiveFrom: latest.effectiveFrom, changelog: latest.changelog },
    behind: latest.version > base.version,
    shadowed: [],
    inherited: [],
    overtaken: [],
    conflicts: [],
  };
  if (!report.behind || canonicalJson(base) === canonicalJson(latest)) return report;
  for (const change of diff(base, latest)) {
    if (change.area === 'metadata' || change.area === 'translations') continue;
    // A new dated value of a parameter the layer sets at earlier dates: from that date the base's value applies.
    const dated = /^\/parameters\/([^/]+)\/values\/(\d{4}-\d{2}-\d{2})$/.exec(change.path);
    if (dated && change.kind === 'added') {
      const mine = origins
        .map((o) => /^\/parameters\/([^/]+)\/values\/(\d{4}-\d{2}-\d{2})$/.exec(o.resolved))
        .filter((m): m is RegExpExecArray => !!m && m[1] === dated[1] && m[2] < dated[2])
        .map((m) => m[0]);
      const last = mine.sort().at(-1);
      if (last && !origins.some((o) => o.resolved === change.path)) {
        report.overtaken.push({ ...change, override: last });
        continue;
      }
    }
    if (origins.some((o) => within(change.path, o.resolved))) report.shadowed.push(change);
    else report.inherited.push(change);
  }
  const rebased = resolveLayer({ ...layer, extends: { program: base.id, version: latest.version } }, latest);
  report.conflicts = rebased.diagnostics.filter((d) => d.severity === 'error');
  return report;
}

/** The behind report in words, one line per change, as the CLI prints it. */
export function formatBehind(report: BehindReport): string {
  const head = `${report.program} version ${report.version} extends ${report.base.program} version ${report.base.version}`;
  if (!report.behind) return `${head}, the newest (${report.base.program} version ${report.latest.version}): up to date.`;
  const lines = [
    `${head}; ${report.base.program} version ${report.latest.version} (from ${report.latest.effectiveFrom}) is newer${report.latest.changelog ? `: ${report.latest.changelog.replace(/\.$/, '')}` : ''}.`,
    `Re-base on version ${report.latest.version} (a new draft) to take these changes.`,
  ];
  const section = (title: string, items: string[]) => {
    if (items.length > 0) lines.push('', title, ...items.map((t) => `  ${t}`));
  };
  section(
    'Inherited by re-basing (your layer does not override them):',
    report.inherited.map((c) => c.text),
  );
  section(
    'Shadowed by your overrides (you keep your own value):',
    report.shadowed.map((c) => c.text),
  );
  section(
    'Taking over from your dated values after re-basing:',
    report.overtaken.map((c) => {
      const [, name, date] = /^\/parameters\/([^/]+)\/values\/(.+)$/.exec(c.path) ?? [];
      return `${c.text}: replaces your value from ${c.override.split('/').at(-1)} (to keep yours, add a value dated ${date} under /override/parameterValues/${name})`;
    }),
  );
  section(
    'Re-basing as it stands would be refused:',
    report.conflicts.map((d) => `${d.path}  ${d.message}`),
  );
  if (report.inherited.length + report.shadowed.length + report.overtaken.length === 0)
    lines.push('', 'The newer base changes nothing in the policy (only its texts or metadata).');
  return lines.join('\n');
}
