/**
 * Queries of a fixed shape, built and compiled once and then run with each call's values: for the hot path (a
 * submission and the reads before it), where building and compiling a Kysely query each time cost 5–15 µs a query,
 * as much as SQLite takes to run it (the SQLite store's hand-written SQL strings cost nothing). The query is still
 * written once, with the builder, for every dialect: `build` is called once with placeholders in place of the values,
 * compiles to the dialect's SQL with them as its parameters, and each call puts its values in their places. The SQL
 * text stays the same string, so SQLite's statement cache finds it at once too.
 */
import type { Compilable, CompiledQuery } from 'kysely';

/** Stands for the value of `key` in the compiled query's parameters. */
class Placeholder {
  constructor(readonly key: string) {}
}

/**
 * The query `build(values)` as a function of `values`, compiled on its first call. `values` is a flat record of the
 * query's values with the same keys at every call (a row built by one function); `build` only puts them into the
 * query as values, never looks at them. An `undefined` value is bound as NULL (by both drivers), where a query built
 * each time would leave its column out: so give every column.
 */
export function prepared<V extends Record<string, unknown>, R>(build: (values: V) => Compilable<R>): (values: V) => Compilable<R> {
  let template: CompiledQuery<R> | undefined;
  let keys = 0;
  return (values) => ({
    compile(): CompiledQuery<R> {
      if (!template) {
        const placeholders: Record<string, Placeholder> = {};
        for (const key of Object.keys(values)) placeholders[key] = new Placeholder(key);
        keys = Object.keys(placeholders).length;
        template = build(placeholders as unknown as V).compile();
      }
      const parameters = template.parameters.map((p) => (p instanceof Placeholder ? values[p.key] : p));
      if (Object.keys(values).length !== keys) throw new Error('A prepared query was given values of another shape.');
      return { ...template, parameters };
    },
  });
}
