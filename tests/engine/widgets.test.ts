/**
 * The widget names validation accepts (`engine/format/widgets.ts`) are exactly those the pages' forms can draw:
 * react-jsonschema-form's own resolution (`getWidget`) over the pages' registry (RJSF's default widgets with the
 * pages' USWDS theme), for every schema type, both ways.
 */
import { getDefaultRegistry } from '@rjsf/core';
import { getWidget, type RJSFSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { WIDGET_COMPONENTS, WIDGETS_BY_TYPE, widgetsFor } from '../../engine/index.ts';
import { widgets as theme } from '../../web/src/forms/theme/index.ts';

const registry = { ...getDefaultRegistry().widgets, ...theme };
const resolves = (type: string, name: string): boolean => {
  try {
    getWidget({ type } as RJSFSchema, name, registry);
    return true;
  } catch {
    return false;
  }
};
const CANDIDATES = [...new Set([...Object.values(WIDGETS_BY_TYPE).flat(), 'updwon', 'radios', 'checkbox-group', 'TextWidgets', 'date', 'toggle'])];

describe('widgets the pages have', () => {
  it('lists every widget component of the pages registry', () => {
    expect([...WIDGET_COMPONENTS].sort()).toEqual(Object.keys(registry).sort());
  });

  for (const type of ['boolean', 'string', 'number', 'integer', 'array']) {
    it(`${type}: a name is accepted exactly when RJSF resolves it with the pages' registry`, () => {
      for (const name of [...CANDIDATES, ...WIDGET_COMPONENTS]) expect(widgetsFor(type).includes(name), `${type} ${name}`).toBe(resolves(type, name));
    });
  }
});
