/**
 * The RJSF validator of the pages: `checkSchema` (an interpreter, no run-time code generation) behind RJSF's
 * `ValidatorType`, so the pages run under a Content-Security-Policy without `'unsafe-eval'` (see web/CSP.md).
 * One instance, so its identity stays stable across renders.
 */
import {
  createErrorHandler,
  getDefaultFormState,
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
import { checkSchema, type SchemaError } from './schema-check.ts';

/** Turns ajv-shaped errors into RJSF's (`property` like `.members.0.name`, required errors pointing at the field). */
export function toRjsfErrors(errors: SchemaError[]): RJSFValidationError[] {
  return errors.map((e) => {
    let property = e.instancePath.replace(/\//g, '.');
    if (typeof e.params.missingProperty === 'string') property = `${property}.${e.params.missingProperty}`;
    return {
      name: e.keyword,
      property,
      message: e.message,
      params: e.params,
      stack: `${property} ${e.message}`.trim(),
      schemaPath: e.schemaPath,
    };
  });
}

class InterpretingValidator implements ValidatorType {
  validateFormData(
    formData: unknown,
    schema: RJSFSchema,
    customValidate?: CustomValidator,
    transformErrors?: ErrorTransformer,
    uiSchema?: UiSchema,
  ): ValidationData<unknown> {
    let errors = toRjsfErrors(checkSchema(schema, formData ?? {}, schema));
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const errorSchema = toErrorSchema(errors);
    if (!customValidate) return { errors, errorSchema };
    const data = getDefaultFormState(this, schema, formData, schema, true);
    const handler = customValidate(data, createErrorHandler(data), uiSchema, errorSchema);
    return validationDataMerge({ errors, errorSchema }, unwrapErrorHandler(handler));
  }

  isValid(schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema): boolean {
    try {
      return checkSchema(schema, formData, rootSchema, true).length === 0;
    } catch {
      return false;
    }
  }

  rawValidation<Result = SchemaError>(
    schema: RJSFSchema,
    formData?: unknown,
  ): { errors?: Result[]; validationError?: Error } {
    try {
      const errors = checkSchema(schema, formData, schema);
      return { errors: errors.length ? (errors as Result[]) : undefined };
    } catch (error) {
      return { validationError: error as Error };
    }
  }
}

/** The shared validator instance. */
export const validator: ValidatorType = new InterpretingValidator();
