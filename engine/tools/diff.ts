/**
 * What changed between two versions of a program, in words a policy analyst reads: form fields and pages,
 * parameter values by date, derived formulas, rules, benefits, workflow, translations and test cases. Version
 * metadata (version, effective dates, changelog) is one header line, not a change.
 */
import { canonicalJson } from '../format/hash.ts';
import type { Change, ChangeArea, ChangeList, ConditionTree, JsonSchema, Parameter, ParameterValue, Program } from '../format/types.ts';
import { withDefaults, type ProgramWithDefaults } from '../normalize/defaults.ts';
import { escapeSegment } from '../format/pointer.ts';
import { translationOf, type TranslationTable } from './translations.ts';

export type { Change, ChangeArea, ChangeList, VersionHeader } from '../format/types.ts';

const same = (a: unknown, b: unknown): boolean => (a === undefined || b === undefined ? a === b : canonicalJson(a) === canonicalJson(b));
const q = (s: unknown): string => JSON.stringify(s);
const short = (s: unknown): string => {
  const text = typeof s === 'string' ? s : canonicalJson(s);
  return q(text.length > 120 ? `${text.slice(0, 117)}...` : text);
};

function keyed<T>(items: T[] | undefined, key: (t: T) => string): Map<string, { item: T; index: number }> {
  return new Map((items ?? []).map((item, index) => [key(item), { item, index }]));
}

/** Compares two keyed collections, calling `changed` for items in both. */
function compareKeyed<T>(
  a: Map<string, { item: T; index: number | string }>,
  b: Map<string, { item: T; index: number | string }>,
  on: {
    added(k: string, t: T, at: number | string): void;
    removed(k: string, t: T, at: number | string): void;
    changed(k: string, x: T, y: T, at: number | string): void;
  },
): void {
  for (const [k, { item, index }] of b) {
    const old = a.get(k);
    if (!old) on.added(k, item, index);
    else if (!same(old.item, item)) on.changed(k, old.item, item, index);
  }
  for (const [k, { item, index }] of a) if (!b.has(k)) on.removed(k, item, index);
}

// ------------------------------------------------------------------------------------------------ parameters

function unwrap(v: ParameterValue): unknown {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && 'value' in v ? v.value : v;
}

function formatAmount(value: unknown, unit: string | undefined): string {
  if (typeof value === 'number' && unit?.startsWith('USD')) {
    return `$${value.toLocaleString('en-US', { minimumFractionDigits: Number.isInteger(value) ? 0 : 2, maximumFractionDigits: 2 })}`;
  }
  if (Array.isArray(value)) return value.map(String).join(', ');
  return typeof value === 'number' && unit && !unit.startsWith('USD') && unit !== 'people' ? `${value} ${unit}` : String(value);
}

/** A parameter's short title in words: its description up to the first clause ("Maximum monthly SNAP allotment"), or its name. */
export function parameterTitle(name: string, p: Pick<Parameter, 'description'>): string {
  const cut = p.description
    .split(/[;,]|\s\(|\.\s|\sby\s/)[0]
    .trim()
    .replace(/\.$/, '');
  return cut || name;
}

/** The value in force just before `date` in a parameter's values. */
function previousValue(values: Record<string, ParameterValue>, date: string): { date: string; value: unknown } | undefined {
  const earlier = Object.keys(values)
    .filter((d) => d < date)
    .sort();
  const last = earlier[earlier.length - 1];
  return last === undefined ? undefined : { date: last, value: unwrap(values[last]) };
}

/**
 * How a value replacing another is said: between two versions "was → now" (default), between a layer and its base
 * "now instead of was" (the layer's value beside the base's).
 */
type ValueWording = (label: string, was: string, now: string, suffix: string) => string;
const VERSION_WORDING: ValueWording = (label, was, now, suffix) => `${label}: ${was} → ${now}${suffix}`;
const LAYER_WORDING: ValueWording = (label, was, now, suffix) => `${label}${suffix}: ${now} instead of ${was}`;

/** Words for a value replacing another from `date`: one line per changed table row, or one line for a scalar/list. */
function valueLines(label: string, p: Parameter, before: unknown, after: unknown, suffix: string, say: ValueWording = VERSION_WORDING): string[] {
  const isTable = (v: unknown): v is { rows: Record<string, number>; increment?: number } =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && 'rows' in v;
  if (isTable(before) && isTable(after)) {
    const keyName = p.key ?? 'row';
    const lines: string[] = [];
    const rows = [...new Set([...Object.keys(before.rows), ...Object.keys(after.rows)])].sort((x, y) => Number(x) - Number(y) || x.localeCompare(y));
    for (const row of rows) {
      const x = before.rows[row];
      const y = after.rows[row];
      if (x === y) continue;
      const was = x === undefined ? '(no row)' : formatAmount(x, p.unit);
      const now = y === undefined ? '(row removed)' : formatAmount(y, p.unit);
      lines.push(say(`${label}, ${keyName} ${row}`, was, now, suffix));
    }
    if (before.increment !== after.increment) {
      lines.push(
        say(
          `${label}, each ${keyName} above the last row adds`,
          formatAmount(before.increment ?? '(nothing)', p.unit),
          formatAmount(after.increment ?? '(nothing)', p.unit),
          suffix,
        ),
      );
    }
    return lines;
  }
  if (same(before, after)) return [];
  return [say(label, before === undefined ? '(no value)' : formatAmount(before, p.unit), formatAmount(after, p.unit), suffix)];
}

function diffParameter(out: Change[], name: string, a: Parameter, b: Parameter, layer: boolean): void {
  const label = parameterTitle(name, b);
  const say = layer ? LAYER_WORDING : VERSION_WORDING;
  const at = `/parameters/${escapeSegment(name)}`;
  for (const key of ['description', 'unit', 'type', 'key'] as const) {
    if (!same(a[key], b[key]))
      out.push({
        kind: 'changed',
        area: 'parameters',
        path: `${at}/${key}`,
        text: `Parameter ${q(name)}: ${key} ${short(a[key] ?? '(none)')} → ${short(b[key] ?? '(none)')}`,
        before: a[key],
        after: b[key],
      });
  }
  if (!same(a.reference, b.reference))
    out.push({
      kind: 'changed',
      area: 'parameters',
      path: `${at}/reference`,
      text: `${label}: source changed to ${b.reference.citation ?? b.reference.title ?? b.reference.url ?? '(none)'}`,
      before: a.reference,
      after: b.reference,
    });
  const dates = [...new Set([...Object.keys(a.values), ...Object.keys(b.values)])].sort();
  for (const date of dates) {
    const path = `${at}/values/${date}`;
    const inA = date in a.values;
    const inB = date in b.values;
    if (inA && inB) {
      const x = unwrap(a.values[date]);
      const y = unwrap(b.values[date]);
      for (const text of valueLines(label, b, x, y, layer ? ` from ${date}` : ` (value from ${date} corrected)`, say))
        out.push({ kind: 'changed', area: 'parameters', path, text, before: x, after: y });
      if (same(x, y) && !same(a.values[date], b.values[date]))
        out.push({
          kind: 'changed',
          area: 'parameters',
          path,
          text: `${label}: source of the value from ${date} changed`,
          before: a.values[date],
          after: b.values[date],
        });
    } else if (inB) {
      const y = unwrap(b.values[date]);
      const prev = previousValue(b.values, date) ?? previousValue(a.values, date);
      const lines = valueLines(label, b, prev?.value, y, ` from ${date}`, say);
      if (lines.length === 0) lines.push(`${label}: unchanged value ${formatAmount(y, b.unit)} restated from ${date}`);
      for (const text of lines) out.push({ kind: 'added', area: 'parameters', path, text, before: prev?.value, after: y });
    } else {
      out.push({
        kind: 'removed',
        area: 'parameters',
        path,
        text: `${label}: the value from ${date} (${short(unwrap(a.values[date]))}) was removed`,
        before: unwrap(a.values[date]),
      });
    }
  }
}

/** A new parameter's dated values in words ("200 percent from 2024-10-01"; a table's rows, or their count past three). */
function valuesInWords(p: Parameter): string {
  const key = p.key ?? 'row';
  const table = (v: { rows: Record<string, unknown>; increment?: unknown }) => {
    const rows = Object.entries(v.rows);
    const shown =
      rows.length > 3 ? [`a table of ${rows.length} rows by ${key}`] : rows.map(([row, x]) => `${formatAmount(x, p.unit)} for ${key} ${row}`);
    if (v.increment !== undefined) shown.push(`${formatAmount(v.increment, p.unit)} more for each ${key} above`);
    return shown.join(', ');
  };
  return Object.keys(p.values)
    .sort()
    .map((date) => {
      const v = unwrap(p.values[date]);
      const isTable = v !== null && typeof v === 'object' && !Array.isArray(v) && 'rows' in v;
      return `${isTable ? table(v as { rows: Record<string, unknown>; increment?: unknown }) : formatAmount(v, p.unit)} from ${date}`;
    })
    .join('; ');
}

function diffParameters(out: Change[], a: ProgramWithDefaults, b: ProgramWithDefaults, layer: boolean): void {
  const toMap = (p: ProgramWithDefaults) => new Map(Object.entries(p.parameters).map(([k, v]) => [k, { item: v, index: k }]));
  compareKeyed(toMap(a), toMap(b), {
    added: (name, p) =>
      out.push({
        kind: 'added',
        area: 'parameters',
        path: `/parameters/${escapeSegment(name)}`,
        text: `New parameter ${q(name)}: ${p.description.replace(/\.$/, '')} (${valuesInWords(p)})`,
        after: p,
      }),
    removed: (name) =>
      out.push({ kind: 'removed', area: 'parameters', path: `/parameters/${escapeSegment(name)}`, text: `Parameter ${q(name)} removed` }),
    changed: (name, x, y) => diffParameter(out, name, x, y, layer),
  });
}

// ------------------------------------------------------------------------------------------------ form

/** Fields of a form schema flattened to `name` / `members[].earnedIncome`, with their schema and whether required. */
function flattenFields(
  schema: JsonSchema,
  prefix = '',
  at = '/form/schema',
): Map<string, { item: { schema: JsonSchema; required: boolean; path: string }; index: string }> {
  const out = new Map<string, { item: { schema: JsonSchema; required: boolean; path: string }; index: string }>();
  const required = new Set((schema.required as string[] | undefined) ?? []);
  for (const [name, sub] of Object.entries((schema.properties as Record<string, JsonSchema>) ?? {})) {
    const key = `${prefix}${name}`;
    const path = `${at}/properties/${escapeSegment(name)}`;
    out.set(key, { item: { schema: sub, required: required.has(name), path }, index: path });
    const nested =
      sub.type === 'array' && sub.items && typeof sub.items === 'object' ? (sub.items as JsonSchema) : sub.type === 'object' ? sub : undefined;
    if (nested)
      for (const [k, v] of flattenFields(nested, sub.type === 'array' ? `${key}[].` : `${key}.`, sub.type === 'array' ? `${path}/items` : path))
        out.set(k, v);
  }
  return out;
}

function diffForm(out: Change[], a: ProgramWithDefaults, b: ProgramWithDefaults): void {
  const fa = flattenFields(a.form.schema);
  const fb = flattenFields(b.form.schema);
  const title = (s: JsonSchema, key: string): string => (typeof s.title === 'string' ? `${q(s.title)} (${key})` : q(key));
  compareKeyed(fa, fb, {
    added: (key, f) =>
      out.push({
        kind: 'added',
        area: 'form',
        path: f.path,
        text: `New question ${title(f.schema, key)}: ${f.schema.type ?? 'any'}${f.required ? ', required' : ', optional'}`,
      }),
    removed: (key, f) => out.push({ kind: 'removed', area: 'form', path: f.path, text: `Question ${title(f.schema, key)} removed` }),
    changed: (key, x, y) => {
      const parts: string[] = [];
      const nestedOnly = (s: JsonSchema): JsonSchema => ({ ...s, properties: undefined, items: s.type === 'array' ? undefined : s.items });
      if (x.schema.title !== y.schema.title) parts.push(`title ${q(x.schema.title)} → ${q(y.schema.title)}`);
      if (!same(x.schema.type, y.schema.type)) parts.push(`type ${q(x.schema.type)} → ${q(y.schema.type)}`);
      if (x.required !== y.required) parts.push(y.required ? 'now required' : 'now optional');
      const { title: _t1, type: _y1, ...restX } = nestedOnly(x.schema);
      const { title: _t2, type: _y2, ...restY } = nestedOnly(y.schema);
      if (!same(restX, restY)) {
        const keys = [...new Set([...Object.keys(restX), ...Object.keys(restY)])].filter(
          (k) => !same((restX as Record<string, unknown>)[k], (restY as Record<string, unknown>)[k]),
        );
        parts.push(`${keys.join(', ')} changed`);
      }
      if (parts.length > 0) out.push({ kind: 'changed', area: 'form', path: y.path, text: `Question ${title(y.schema, key)}: ${parts.join('; ')}` });
    },
  });
  if (!same(a.form.uiSchema, b.form.uiSchema))
    out.push({
      kind: 'changed',
      area: 'form',
      path: '/form/uiSchema',
      text: 'Display settings (uiSchema) changed',
      before: a.form.uiSchema,
      after: b.form.uiSchema,
    });
  compareKeyed(
    keyed(a.form.pages, (p) => p.id),
    keyed(b.form.pages, (p) => p.id),
    {
      added: (id, p, i) =>
        out.push({ kind: 'added', area: 'form', path: `/form/pages/${i}`, text: `New page ${q(p.title)} asking ${p.fields.join(', ')}` }),
      removed: (id, p, i) => out.push({ kind: 'removed', area: 'form', path: `/form/pages/${i}`, text: `Page ${q(p.title)} removed` }),
      changed: (id, x, y, i) => {
        const parts: string[] = [];
        if (x.title !== y.title) parts.push(`title ${q(x.title)} → ${q(y.title)}`);
        if (x.description !== y.description) parts.push('description changed');
        if (!same(x.fields, y.fields)) parts.push(`questions ${x.fields.join(', ')} → ${y.fields.join(', ')}`);
        if (!same(x.showWhen, y.showWhen)) parts.push(`shown when ${short(x.showWhen ?? 'always')} → ${short(y.showWhen ?? 'always')}`);
        out.push({ kind: 'changed', area: 'form', path: `/form/pages/${i}`, text: `Page ${q(y.title)}: ${parts.join('; ')}` });
      },
    },
  );
}

// ------------------------------------------------------------------------------------------------ logic

function fieldChanges(x: Record<string, unknown>, y: Record<string, unknown>, keys: string[]): string[] {
  return keys
    .filter((k) => !same(x[k], y[k]))
    .map((k) =>
      typeof x[k] === 'string' || typeof y[k] === 'string' ? `${k} ${short(x[k] ?? '(none)')} → ${short(y[k] ?? '(none)')}` : `${k} changed`,
    );
}

function conditionWords(c: ConditionTree | undefined): string {
  return c === undefined ? '(none)' : short(c);
}

function diffLogic(out: Change[], a: ProgramWithDefaults, b: ProgramWithDefaults): void {
  const derivedMap = (p: ProgramWithDefaults) => new Map(Object.entries(p.derived).map(([k, v]) => [k, { item: v, index: k }]));
  compareKeyed(derivedMap(a), derivedMap(b), {
    added: (name, d) =>
      out.push({ kind: 'added', area: 'derived', path: `/derived/${escapeSegment(name)}`, text: `New value ${q(d.title)} (${name}) = ${d.formula}` }),
    removed: (name, d) =>
      out.push({ kind: 'removed', area: 'derived', path: `/derived/${escapeSegment(name)}`, text: `Value ${q(d.title)} (${name}) removed` }),
    changed: (name, x, y) => {
      const parts = x.formula !== y.formula ? [`formula ${x.formula} → ${y.formula}`] : [];
      parts.push(...fieldChanges(x as unknown as Record<string, unknown>, y as unknown as Record<string, unknown>, ['title', 'unit', 'description']));
      out.push({
        kind: 'changed',
        area: 'derived',
        path: `/derived/${escapeSegment(name)}`,
        text: `Value ${q(y.title)} (${name}): ${parts.join('; ')}`,
        before: x,
        after: y,
      });
    },
  });
  const sharedMap = (p: ProgramWithDefaults) => new Map(Object.entries(p.conditions).map(([k, v]) => [k, { item: v, index: k }]));
  compareKeyed(sharedMap(a), sharedMap(b), {
    added: (name, c) =>
      out.push({
        kind: 'added',
        area: 'rules',
        path: `/conditions/${escapeSegment(name)}`,
        text: `New shared condition ${q(name)}: ${conditionWords(c)}`,
      }),
    removed: (name) =>
      out.push({ kind: 'removed', area: 'rules', path: `/conditions/${escapeSegment(name)}`, text: `Shared condition ${q(name)} removed` }),
    changed: (name, x, y) =>
      out.push({
        kind: 'changed',
        area: 'rules',
        path: `/conditions/${escapeSegment(name)}`,
        text: `Shared condition ${q(name)}: ${conditionWords(x)} → ${conditionWords(y)}`,
        before: x,
        after: y,
      }),
  });
  compareKeyed(
    keyed(a.rules, (r) => r.id),
    keyed(b.rules, (r) => r.id),
    {
      added: (id, r, i) =>
        out.push({ kind: 'added', area: 'rules', path: `/rules/${i}`, text: `New rule ${q(r.title)} (${id}): ${conditionWords(r.conditions)}` }),
      removed: (id, r, i) => out.push({ kind: 'removed', area: 'rules', path: `/rules/${i}`, text: `Rule ${q(r.title)} (${id}) removed` }),
      changed: (id, x, y, i) => {
        const parts: string[] = [];
        if (!same(x.conditions, y.conditions)) parts.push(`conditions ${conditionWords(x.conditions)} → ${conditionWords(y.conditions)}`);
        if (!same(x.waiver, y.waiver)) parts.push(`waiver ${short(x.waiver ?? '(none)')} → ${short(y.waiver ?? '(none)')}`);
        for (const key of ['pass', 'fail', 'unknown'] as const)
          if (x.messages[key] !== y.messages[key])
            parts.push(`${key} message ${short(x.messages[key] ?? '(none)')} → ${short(y.messages[key] ?? '(none)')}`);
        parts.push(
          ...fieldChanges(x as unknown as Record<string, unknown>, y as unknown as Record<string, unknown>, [
            'title',
            'description',
            'reference',
            'name',
            'priority',
            'event',
          ]),
        );
        out.push({
          kind: 'changed',
          area: 'rules',
          path: `/rules/${i}`,
          text: `Rule ${q(y.title)} (${id}): ${parts.join('; ')}`,
          before: x,
          after: y,
        });
      },
    },
  );
  compareKeyed(
    keyed(a.benefits, (r) => r.id),
    keyed(b.benefits, (r) => r.id),
    {
      added: (id, r, i) =>
        out.push({
          kind: 'added',
          area: 'benefits',
          path: `/benefits/${i}`,
          text: `New benefit ${q(r.title)} (${id}) per ${r.period} = ${r.formula}`,
        }),
      removed: (id, r, i) => out.push({ kind: 'removed', area: 'benefits', path: `/benefits/${i}`, text: `Benefit ${q(r.title)} (${id}) removed` }),
      changed: (id, x, y, i) => {
        const parts = x.formula !== y.formula ? [`formula ${x.formula} → ${y.formula}`] : [];
        parts.push(
          ...fieldChanges(x as unknown as Record<string, unknown>, y as unknown as Record<string, unknown>, [
            'title',
            'period',
            'unit',
            'rounding',
            'minimum',
            'maximum',
            'reference',
            'messages',
          ]),
        );
        out.push({
          kind: 'changed',
          area: 'benefits',
          path: `/benefits/${i}`,
          text: `Benefit ${q(y.title)} (${id}): ${parts.join('; ')}`,
          before: x,
          after: y,
        });
      },
    },
  );
}

// ------------------------------------------------------------------------------------------------ workflow

function diffWorkflow(out: Change[], a: ProgramWithDefaults, b: ProgramWithDefaults): void {
  const wa = a.workflow;
  const wb = b.workflow;
  if (wa.initial !== wb.initial)
    out.push({
      kind: 'changed',
      area: 'workflow',
      path: '/workflow/initial',
      text: `Cases now start in ${q(wb.initial)} instead of ${q(wa.initial)}`,
    });
  if ((wa.caseAccess ?? 'program') !== (wb.caseAccess ?? 'program'))
    out.push({
      kind: 'changed',
      area: 'workflow',
      path: '/workflow/caseAccess',
      text:
        (wb.caseAccess ?? 'program') === 'assignee'
          ? 'Only the assignee among caseworkers may now act on an assigned case (caseAccess "assignee")'
          : 'Any caseworker of the program may now act on any of its cases (caseAccess "program")',
    });
  if (!!wa.redetermineToOlderVersion !== !!wb.redetermineToOlderVersion)
    out.push({
      kind: 'changed',
      area: 'workflow',
      path: '/workflow/redetermineToOlderVersion',
      text: wb.redetermineToOlderVersion
        ? 'Cases may now be re-determined under a version older than the one they are under'
        : 'Cases may no longer be re-determined under a version older than the one they are under',
    });
  const stateMap = (w: typeof wa) => new Map(Object.entries(w.states).map(([k, v]) => [k, { item: v, index: k }]));
  compareKeyed(stateMap(wa), stateMap(wb), {
    added: (id, s) =>
      out.push({
        kind: 'added',
        area: 'workflow',
        path: `/workflow/states/${escapeSegment(id)}`,
        text: `New state ${q(s.title)} (${id})${s.terminal ? ', final' : ''}`,
      }),
    removed: (id, s) =>
      out.push({ kind: 'removed', area: 'workflow', path: `/workflow/states/${escapeSegment(id)}`, text: `State ${q(s.title)} (${id}) removed` }),
    changed: (id, x, y) =>
      out.push({
        kind: 'changed',
        area: 'workflow',
        path: `/workflow/states/${escapeSegment(id)}`,
        text: `State ${q(y.title)} (${id}): ${fieldChanges(x as unknown as Record<string, unknown>, y as unknown as Record<string, unknown>, ['title', 'description', 'terminal']).join('; ')}`,
      }),
  });
  const transitionKey = (t: (typeof wa.transitions)[number]) => `${t.event} from ${[...t.from].sort().join(', ')}`;
  compareKeyed(keyed(wa.transitions, transitionKey), keyed(wb.transitions, transitionKey), {
    added: (k, t, i) =>
      out.push({
        kind: 'added',
        area: 'workflow',
        path: `/workflow/transitions/${i}`,
        text: `New transition ${q(t.title)} (${k} to ${t.to}) for ${t.roles.join(', ')}`,
      }),
    removed: (k, t, i) =>
      out.push({ kind: 'removed', area: 'workflow', path: `/workflow/transitions/${i}`, text: `Transition ${q(t.title)} (${k}) removed` }),
    changed: (k, x, y, i) => {
      const parts = fieldChanges(x as unknown as Record<string, unknown>, y as unknown as Record<string, unknown>, ['title', 'to']);
      if (!same(x.roles, y.roles)) parts.push(`roles ${x.roles.join(', ')} → ${y.roles.join(', ')}`);
      if (!same(x.guard, y.guard)) parts.push(`guard ${short(x.guard ?? '(none)')} → ${short(y.guard ?? '(none)')}`);
      if (!same(x.actions, y.actions)) parts.push(`actions ${short(x.actions)} → ${short(y.actions)}`);
      out.push({
        kind: 'changed',
        area: 'workflow',
        path: `/workflow/transitions/${i}`,
        text: `Transition ${q(y.title)} (${k}): ${parts.join('; ')}`,
      });
    },
  });
  compareKeyed(
    keyed(wa.deadlines, (d) => d.id),
    keyed(wb.deadlines, (d) => d.id),
    {
      added: (id, d, i) =>
        out.push({ kind: 'added', area: 'workflow', path: `/workflow/deadlines/${i}`, text: `New deadline ${q(d.title)} (${id})` }),
      removed: (id, d, i) =>
        out.push({ kind: 'removed', area: 'workflow', path: `/workflow/deadlines/${i}`, text: `Deadline ${q(d.title)} (${id}) removed` }),
      changed: (id, x, y, i) =>
        out.push({
          kind: 'changed',
          area: 'workflow',
          path: `/workflow/deadlines/${i}`,
          text: `Deadline ${q(y.title)} (${id}): ${fieldChanges(x as unknown as Record<string, unknown>, y as unknown as Record<string, unknown>, ['title', 'from', 'days', 'until']).join('; ')}`,
        }),
    },
  );
}

// ------------------------------------------------------------------------------------------------ the rest

function diffMetadata(out: Change[], a: ProgramWithDefaults, b: ProgramWithDefaults): void {
  for (const key of ['id', 'title', 'description', 'owner', 'languages', 'inFlight', 'referral'] as const) {
    if (!same(a[key], b[key]))
      out.push({
        kind: 'changed',
        area: 'metadata',
        path: `/${key}`,
        text: `Program ${key}: ${short(a[key] ?? '(none)')} → ${short(b[key] ?? '(none)')}`,
        before: a[key],
        after: b[key],
      });
  }
}

function diffTranslations(out: Change[], a: ProgramWithDefaults, b: ProgramWithDefaults): void {
  const langs = [...new Set([...Object.keys(a.translations), ...Object.keys(b.translations)])].sort();
  for (const lang of langs) {
    // Either form of a translation reads the same: a plain string and { text, source } with that text differ only
    // in the recorded source.
    const entries = (table: TranslationTable | undefined) =>
      new Map(Object.keys(table ?? {}).map((k) => [k, { item: translationOf(table, k) ?? { text: '' }, index: k }]));
    const path = (k: string) => `/translations/${lang}/${escapeSegment(k)}`;
    compareKeyed(entries(a.translations[lang]), entries(b.translations[lang]), {
      added: (k, v) => out.push({ kind: 'added', area: 'translations', path: path(k), text: `${lang} text for ${k} added: ${short(v.text)}` }),
      removed: (k) => out.push({ kind: 'removed', area: 'translations', path: path(k), text: `${lang} text for ${k} removed` }),
      changed: (k, x, y) =>
        out.push({
          kind: 'changed',
          area: 'translations',
          path: path(k),
          text:
            x.text !== y.text
              ? `${lang} text for ${k}: ${short(x.text)} → ${short(y.text)}`
              : y.source === undefined
                ? `${lang} text for ${k} no longer records its English source`
                : `${lang} text for ${k} now records that it translates ${short(y.source)}`,
        }),
    });
  }
}

function diffTests(out: Change[], a: ProgramWithDefaults, b: ProgramWithDefaults): void {
  compareKeyed(
    keyed(a.tests, (t) => t.name),
    keyed(b.tests, (t) => t.name),
    {
      added: (name, _t, i) => out.push({ kind: 'added', area: 'tests', path: `/tests/${i}`, text: `New test case: ${name}` }),
      removed: (name, _t, i) => out.push({ kind: 'removed', area: 'tests', path: `/tests/${i}`, text: `Test case removed: ${name}` }),
      changed: (name, _x, _y, i) => out.push({ kind: 'changed', area: 'tests', path: `/tests/${i}`, text: `Test case changed: ${name}` }),
    },
  );
}

/** What `diff` compares beyond the policy itself. */
export interface DiffOptions {
  /** Also list added, removed and changed test cases (they are evidence, not policy; off by default). */
  tests?: boolean;
  /**
   * `after` is a layer resolved on `before`, its base: only the policy areas are compared (not the metadata, which is
   * the layer's own, nor translations), values are said "now instead of was", and each line starts with `name`
   * (the layer's place, e.g. "Washington") when given.
   */
  layer?: { name?: string };
}

/**
 * The changes from version `a` to version `b` of a program, grouped by area in document order. The result also
 * carries `header` (ids, versions, dates, changelog) for `formatDiff`'s first line.
 */
export function diff(before: Program, after: Program, options: DiffOptions = {}): ChangeList {
  const a = withDefaults(before);
  const b = withDefaults(after);
  let out: ChangeList = [];
  const layer = options.layer !== undefined;
  if (!layer) diffMetadata(out, a, b);
  diffForm(out, a, b);
  diffParameters(out, a, b, layer);
  diffLogic(out, a, b);
  diffWorkflow(out, a, b);
  if (!layer) diffTranslations(out, a, b);
  if (options.tests) diffTests(out, a, b);
  const name = options.layer?.name;
  if (name)
    out = out.map((c) => ({ ...c, text: `${name}: ${/^[A-Z][a-z]/.test(c.text) ? c.text.charAt(0).toLowerCase() + c.text.slice(1) : c.text}` }));
  out.header = {
    id: b.id,
    from: { version: a.version, effectiveFrom: a.effectiveFrom },
    to: { version: b.version, effectiveFrom: b.effectiveFrom, changelog: b.changelog },
    ...(layer ? { base: { id: a.id, version: a.version } } : {}),
  };
  return out;
}

const AREA_TITLES: Record<ChangeArea, string> = {
  metadata: 'Program',
  form: 'Form',
  parameters: 'Parameters',
  derived: 'Derived values',
  rules: 'Eligibility rules',
  benefits: 'Benefits',
  workflow: 'Workflow',
  translations: 'Translations',
  tests: 'Test cases',
};

/** The changes as text: the version header line, then one section per area with one line per change. */
export function formatDiff(changes: ChangeList | Change[]): string {
  const lines: string[] = [];
  const header = (changes as ChangeList).header;
  if (header?.base)
    lines.push(
      `${header.id} version ${header.to.version} (from ${header.to.effectiveFrom}) against its base ${header.base.id} version ${header.base.version}:`,
    );
  else if (header) {
    lines.push(
      `${header.id}: version ${header.from.version} (from ${header.from.effectiveFrom}) → version ${header.to.version} (from ${header.to.effectiveFrom})${header.to.changelog ? `: ${header.to.changelog}` : ''}`,
    );
  }
  if (changes.length === 0) {
    lines.push('No changes.');
    return lines.join('\n');
  }
  for (const area of Object.keys(AREA_TITLES) as ChangeArea[]) {
    const inArea = changes.filter((c) => c.area === area);
    if (inArea.length === 0) continue;
    lines.push('', `${AREA_TITLES[area]}:`);
    const mark = { added: '+', removed: '-', changed: '~' } as const;
    for (const c of inArea) lines.push(`  ${mark[c.kind]} ${c.text}`);
  }
  return lines.join('\n');
}
