/**
 * The registry of workflow action types: each name a transition may use, with the JSON Schema of its parameters.
 *
 * The engine only names and checks actions; the runtime performs them after a transition. `validate` reports an
 * action whose type is not registered here (`workflow.unknown-action`) or whose parameters do not fit its schema
 * (`workflow.action-params`).
 */
import type { ValidateFunction } from 'ajv';
import { ROLES, type WorkflowAction } from '../format/types.ts';
import { strictAjv } from '../validate/ajv.ts';

const rolePattern = `role:(${ROLES.join('|')})`;

/** One registered action type. */
export interface ActionType {
  /** What the runtime does, in one sentence. */
  description: string;
  /** JSON Schema (draft-07) of the action object, `type` included. */
  schema: Record<string, unknown>;
  /** The parameters in words, for messages. */
  expected: string;
}

const typeProperty = { type: 'string', description: 'The action type.' };

/** The `{name}` placeholders a notice (`notify` template) may use: filled from the case when it is sent. */
export const NOTICE_PLACEHOLDERS = ['caseId', 'programId', 'state', 'applicationId', 'decisionReason'] as const;
/** One of `NOTICE_PLACEHOLDERS`. */
export type NoticePlaceholder = (typeof NOTICE_PLACEHOLDERS)[number];

/** Every action type a workflow may use, by name. */
export const ACTIONS: Readonly<Record<string, ActionType>> = Object.freeze({
  notify: {
    description: 'Sends a message to the applicant, the case assignee, or everyone with a role.',
    expected: '{ "type": "notify", "to": "applicant" | "assignee" | "role:<role>", "template": "message text" }',
    schema: {
      type: 'object',
      required: ['type', 'to', 'template'],
      additionalProperties: false,
      properties: {
        type: typeProperty,
        to: { type: 'string', pattern: `^(applicant|assignee|${rolePattern})$`, description: 'Who receives the message.' },
        template: { type: 'string', minLength: 1, description: 'The message; {name} placeholders are filled from the case.' },
      },
    },
  },
  assign: {
    description: 'Assigns the case to the acting user, to nobody, or to the queue of a role.',
    expected: '{ "type": "assign", "to": "actor" | "none" | "role:<role>" }',
    schema: {
      type: 'object',
      required: ['type', 'to'],
      additionalProperties: false,
      properties: {
        type: typeProperty,
        to: { type: 'string', pattern: `^(actor|none|${rolePattern})$`, description: 'The new assignee.' },
      },
    },
  },
  'request-documents': {
    description: 'Asks the applicant for documents and records what was requested.',
    expected: '{ "type": "request-documents", "documents": ["Proof of income", ...] }',
    schema: {
      type: 'object',
      required: ['type', 'documents'],
      additionalProperties: false,
      properties: {
        type: typeProperty,
        documents: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Documents requested, in plain words.' },
      },
    },
  },
  'record-documents': {
    description: 'Records that the requested documents were received.',
    expected: '{ "type": "record-documents" }',
    schema: { type: 'object', required: ['type'], additionalProperties: false, properties: { type: typeProperty } },
  },
  redetermine: {
    description: 'Evaluates the application again under the program version in force and stores the new determination.',
    expected: '{ "type": "redetermine" }',
    schema: { type: 'object', required: ['type'], additionalProperties: false, properties: { type: typeProperty } },
  },
});

/** The registered action type names. */
export const ACTION_TYPES: readonly string[] = Object.freeze(Object.keys(ACTIONS));

const validators = new Map<string, ValidateFunction>();

/**
 * Problems with one action, in words (empty when it is fine). An unregistered type yields one problem starting
 * with "unknown action type".
 */
export function checkAction(action: WorkflowAction): string[] {
  const type = ACTIONS[action.type] as ActionType | undefined;
  if (!type) return [`unknown action type "${String(action.type)}"`];
  let validate = validators.get(action.type);
  if (!validate) {
    validate = strictAjv().compile(type.schema);
    validators.set(action.type, validate);
  }
  if (validate(action as unknown)) return [];
  return (validate.errors ?? []).map((e) => {
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'additionalProperties') return `"${String(params.additionalProperty)}" is not a parameter of ${action.type}`;
    if (e.keyword === 'required') return `"${String(params.missingProperty)}" is missing`;
    const field = e.instancePath.replace(/^\//, '') || 'the action';
    if (e.keyword === 'pattern')
      return `"${field}" is ${JSON.stringify(e.data ?? (action as Record<string, unknown>)[field])}, not an allowed recipient`;
    return `"${field}" ${e.message ?? 'is invalid'}`;
  });
}
