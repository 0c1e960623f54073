/**
 * The RJSF validator of the pages, over ajv's own compiled code: `formValidator(validation)` is RJSF's
 * `ValidatorType` for one form, given the form's compiled validate function and those of the sub-schemas RJSF tests
 * (`isValid` on an `if`, a `oneOf` option). Where they come from is the caller's: the applicant pages load the
 * server's precompiled module (`loadValidator`, no run-time code generation, so the strict Content-Security-Policy
 * holds: web/CSP.md); a page allowed `'unsafe-eval'` (the studio) can compile them in the browser with `formAjv()`.
 * Validators are made once per form, so their identity stays stable across renders.
 */
import {
  createErrorHandler,
  getDefaultFormState,
  hashForSchema,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
  type CustomValidator,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';
import type { ErrorObject } from 'ajv';
import { useEffect, useState } from 'react';

/** A compiled ajv validate function: true when `data` is valid, else false with `errors` set. */
export type CompiledValidate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** The compiled functions of one form. */
export interface FormValidation {
  /** The whole form's function (compiled with `formAjv`'s options): its verdict is the server's. */
  validate: CompiledValidate;
  /** The function of a sub-schema of the form that RJSF tests; throws when there is none for it. */
  subschema(schema: RJSFSchema): CompiledValidate;
}

/** What a validator module (`GET /api/validators/<hash>.js`, runtime/services/form-validators.ts) exports. */
export interface ValidatorModule {
  validate: CompiledValidate;
  /** By the sub-schema's `$id`, else RJSF's `hashForSchema` of it (the keys of `schemaParser`). */
  subschemas: Record<string, CompiledValidate>;
}

/** Turns ajv errors into RJSF's (`property` like `.members.0.name`, required errors pointing at the field). */
export function toRjsfErrors(errors: ErrorObject[]): RJSFValidationError[] {
  return errors.map((e) => {
    let property = e.instancePath.replace(/\//g, '.');
    if (typeof e.params.missingProperty === 'string') property = `${property}.${e.params.missingProperty}`;
    return {
      name: e.keyword,
      property,
      message: e.message,
      params: e.params,
      stack: `${property} ${e.message ?? ''}`.trim(),
      schemaPath: e.schemaPath,
    };
  });
}

/** Runs `validate` on `data` and returns its errors (none when valid). */
function errorsOf(validate: CompiledValidate, data: unknown): ErrorObject[] {
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

class CompiledValidator implements ValidatorType {
  constructor(private readonly validation: FormValidation) {}

  // RJSF passes the root schema or the root resolved for the answers (conditions applied); either way the verdict
  // is the whole form's, as on the server.
  validateFormData(
    formData: unknown,
    schema: RJSFSchema,
    customValidate?: CustomValidator,
    transformErrors?: ErrorTransformer,
    uiSchema?: UiSchema,
  ): ValidationData<unknown> {
    let errors = toRjsfErrors(errorsOf(this.validation.validate, formData ?? {}));
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const errorSchema = toErrorSchema(errors);
    if (!customValidate) return { errors, errorSchema };
    const data = getDefaultFormState(this, schema, formData, schema, true);
    const handler = customValidate(data, createErrorHandler(data), uiSchema, errorSchema);
    return validationDataMerge({ errors, errorSchema }, unwrapErrorHandler(handler));
  }

  isValid(schema: RJSFSchema, formData: unknown): boolean {
    return this.validation.subschema(schema)(formData);
  }

  rawValidation<Result = ErrorObject>(schema: RJSFSchema, formData?: unknown): { errors?: Result[]; validationError?: Error } {
    try {
      const errors = errorsOf(this.validation.subschema(schema), formData);
      return { errors: errors.length ? (errors as Result[]) : undefined };
    } catch (error) {
      return { validationError: error as Error };
    }
  }
}

/** RJSF's validator for one form, over its compiled functions. */
export function formValidator(validation: FormValidation): ValidatorType {
  return new CompiledValidator(validation);
}

/** The `FormValidation` of a validator module: sub-schemas looked up by `$id`, else by `hashForSchema`. */
export function moduleValidation(module: ValidatorModule): FormValidation {
  return {
    validate: module.validate,
    subschema(schema) {
      const key = typeof schema.$id === 'string' ? schema.$id : hashForSchema(schema);
      const found = module.subschemas[key];
      if (!found) {
        throw new Error(
          `The form's validator module has no function for the sub-schema ${key} (${JSON.stringify(schema).slice(0, 120)}): it was built from another schema than the page shows.`,
        );
      }
      return found;
    },
  };
}

/**
 * The validator in place while a form's module loads: the form renders (conditional questions show their `else`
 * case), and it finds nothing wrong. `MandateForm` holds a submission back until the real validator is there.
 */
export const loadingValidator: ValidatorType = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: () => false,
  rawValidation: () => ({}),
};

const loaded = new Map<string, Promise<ValidatorType>>();

/** The validator of the module at `url` (same origin, allowed by `script-src 'self'`), imported once per page. */
export function loadValidator(url: string): Promise<ValidatorType> {
  let pending = loaded.get(url);
  if (!pending) {
    pending = (import(/* @vite-ignore */ url) as Promise<ValidatorModule>).then((m) => formValidator(moduleValidation(m)));
    pending.catch(() => loaded.delete(url));
    loaded.set(url, pending);
  }
  return pending;
}

/**
 * The validator of the module at `url` for a component: undefined while it loads (or with no `url`), and the load's
 * error if the module cannot be imported. Never the validator of another URL.
 */
export function useFormValidator(url: string | undefined): { validator?: ValidatorType; error?: unknown } {
  const [state, setState] = useState<{ url?: string; validator?: ValidatorType; error?: unknown }>({});
  useEffect(() => {
    if (!url) return;
    let live = true;
    loadValidator(url).then(
      (validator) => live && setState({ url, validator }),
      (error: unknown) => live && setState({ url, error }),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return state.url === url ? { validator: state.validator, error: state.error } : {};
}
