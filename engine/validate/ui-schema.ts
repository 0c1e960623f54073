/**
 * Checks of the form's uiSchema against its schema (issue 11): a `ui:widget` must name a widget the pages have for
 * the question's type (a typo makes the page throw and show nothing), and every other key must name a question of
 * the schema at that place (`items` for a list's items) and every `ui:order` entry a question (else the options
 * are silently ignored). Each with the nearest name suggested.
 */
import type { CheckContext } from './context.ts';
import { itemsOf, propertiesOf } from './context.ts';
import type { JsonSchema } from '../format/types.ts';
import { escapeSegment } from '../format/pointer.ts';
import { widgetsFor } from '../format/widgets.ts';
import { suggest } from './suggest.ts';

function walk(ctx: CheckContext, ui: unknown, schema: JsonSchema | undefined, at: string, question: string): void {
  if (!ui || typeof ui !== 'object' || Array.isArray(ui)) return;
  const properties = propertiesOf(schema);
  const items = itemsOf(schema);
  for (const [key, value] of Object.entries(ui)) {
    const here = `${at}/${escapeSegment(key)}`;
    if (key === 'ui:widget') {
      if (typeof value !== 'string') continue;
      const allowed = widgetsFor(schema?.type);
      if (!allowed.includes(value))
        ctx.report('form.unknown-widget', here, {
          widget: value,
          question: question || 'the form',
          type: typeof schema?.type === 'string' ? schema.type : 'any',
          allowed: allowed.filter((w) => !/Widget$/.test(w)),
          suggestion: suggest(value, allowed),
        });
    } else if (key === 'ui:order') {
      if (!Array.isArray(value)) continue;
      value.forEach((name, i) => {
        if (name !== '*' && typeof name === 'string' && !properties.has(name))
          ctx.report('form.ui-order-unknown', `${here}/${i}`, {
            name,
            question: question || 'the form',
            suggestion: suggest(name, properties.keys()),
          });
      });
    } else if (key.startsWith('ui:')) {
    } else if (properties.has(key)) {
      walk(ctx, value, properties.get(key), here, question ? `${question}.${key}` : key);
    } else if (key === 'items' && items) {
      walk(ctx, value, items, here, `${question}[]`);
    } else {
      const candidates = [...properties.keys(), ...(items ? ['items'] : [])];
      ctx.report('form.ui-unknown-key', here, { key, question: question || 'the form', suggestion: suggest(key, candidates) });
    }
  }
}

/** Adds the diagnostics of the uiSchema's widgets, keys and orders. */
export function checkUiSchema(ctx: CheckContext): void {
  walk(ctx, ctx.program.form.uiSchema, ctx.program.form.schema, '/form/uiSchema', '');
}
