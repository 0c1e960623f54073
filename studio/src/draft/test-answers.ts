/**
 * Answers a test case is missing: the form's required top-level questions its input does not answer (a question
 * added after the case was written), and the edit that adds one answer to one case. The Tests panel offers them so
 * that a new required question does not leave the old test cases failing with no way, short of JSON, to mend them.
 */

type Json = Record<string, unknown>;

/** A required question a test case has no answer to: its name, title and the kind of answer it takes. */
export interface MissingAnswer {
  name: string;
  title: string;
  kind: 'boolean' | 'number' | 'text';
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The required top-level questions that test case `index` of `doc` does not answer, in the form's order. */
export function missingAnswers(doc: Json, index: number): MissingAnswer[] {
  const schema = isObject(doc.form) && isObject(doc.form.schema) ? doc.form.schema : {};
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.filter((n): n is string => typeof n === 'string') : [];
  const test = Array.isArray(doc.tests) ? doc.tests[index] : undefined;
  if (!isObject(test)) return [];
  const input = isObject(test.input) ? test.input : {};
  return required
    .filter((name) => isObject(properties[name]) && !(name in input))
    .map((name) => {
      const q = properties[name] as Json;
      const kind = q.type === 'boolean' ? 'boolean' : q.type === 'number' || q.type === 'integer' ? 'number' : 'text';
      return { name, title: typeof q.title === 'string' ? q.title : name, kind };
    });
}

/** `doc` with `value` as the answer to question `name` in test case `index`'s input (the other cases unchanged). */
export function withTestAnswer(doc: Json, index: number, name: string, value: unknown): Json {
  const tests = Array.isArray(doc.tests) ? doc.tests : [];
  return {
    ...doc,
    tests: tests.map((t, i) => (i === index && isObject(t) ? { ...t, input: { ...(isObject(t.input) ? t.input : {}), [name]: value } } : t)),
  };
}
