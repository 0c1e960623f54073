/**
 * The preview's form validator: the pages' own RJSF validator (web/src/forms/validator.ts) over functions compiled in
 * the browser by the submissions' ajv (`formAjv`, the same options as the server and the published pages' modules).
 * The studio may compile at run time: its route's CSP allows `'unsafe-eval'` (web/CSP.md "The studio"). A draft's
 * form may be broken while it is edited; then the preview checks nothing and the Problems list says why.
 */
import { hashForSchema, type RJSFSchema, type ValidatorType } from '@rjsf/utils';
import { formAjv } from '../../../engine/index.ts';
import { formValidator, type CompiledValidate } from '../../../web/src/forms/validator.ts';

const acceptAll: CompiledValidate = Object.assign(() => true, { errors: null });

/** A validator for the draft's form schema. */
export function draftFormValidator(schema: RJSFSchema): ValidatorType {
  const strict = formAjv();
  const loose = formAjv({ strict: false });
  let validate: CompiledValidate;
  try {
    validate = strict.compile(schema) as CompiledValidate;
  } catch {
    try {
      validate = loose.compile(schema) as CompiledValidate;
    } catch {
      validate = acceptAll;
    }
  }
  const subschemas = new Map<string, CompiledValidate>();
  return formValidator({
    validate,
    subschema(part) {
      const key = typeof part.$id === 'string' ? part.$id : hashForSchema(part);
      let found = subschemas.get(key);
      if (!found) {
        try {
          found = loose.compile(part) as CompiledValidate;
        } catch {
          found = acceptAll;
        }
        subschemas.set(key, found);
      }
      return found;
    },
  });
}
