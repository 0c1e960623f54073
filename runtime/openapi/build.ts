/**
 * Builds the OpenAPI 3.1 document from the route list and the component schemas: every mounted route appears,
 * with its access rule, body schema and example (`examples.ts`), query parameters and responses.
 */
import type { RouteSpec } from '../http/route.ts';
import { requestExamples } from './examples.ts';
import { componentSchemas } from './schemas.ts';

const GENERIC_ERRORS: Record<number, string> = {
  400: 'Malformed request (bad JSON, forbidden keys, a lone surrogate in a text, a malformed path encoding, a bad query parameter).',
  401: 'Not signed in.',
  403: 'Signed in, but your role may not do this (or the CSRF token is missing).',
  404: 'Not found (or not yours to see).',
  409: 'Conflict: stale revision, frozen version or wrong state.',
  413: 'The body is larger than the limit.',
  415: 'The body is not application/json.',
  422: 'Invalid: the diagnostics say where and why.',
  428: 'If-Match is required.',
  429: 'Too many requests from this address; wait the seconds Retry-After says, then retry.',
  500: 'Unexpected error (logged).',
};

/** Express `/a/:id/b` → OpenAPI `/a/{id}/b`. */
export function openapiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

function accessText(route: RouteSpec): string {
  if (route.access === 'public') return 'Access: anyone.';
  if (route.access === 'signed-in') return 'Access: any signed-in user.';
  return `Access: ${route.access.join(', ')}.`;
}

/** The OpenAPI 3.1 document describing `routes`. */
export function buildOpenApi(routes: readonly RouteSpec[], version = '0.1.0'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters: unknown[] = [];
    for (const name of route.path.match(/:(\w+)/g) ?? []) {
      parameters.push({ name: name.slice(1), in: 'path', required: true, schema: { type: 'string' } });
    }
    for (const q of route.query ?? [])
      parameters.push({ name: q.name, in: 'query', required: !!q.required, description: q.description, schema: q.schema ?? { type: 'string' } });
    for (const h of route.headers ?? [])
      parameters.push({ name: h.name, in: 'header', required: !!h.required, description: h.description, schema: { type: 'string' } });
    const responses: Record<string, unknown> = {
      [String(route.response.status)]: route.response.schema
        ? {
            description: route.response.description,
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${route.response.schema}` } } },
          }
        : route.response.contentType
          ? { description: route.response.description, content: { [route.response.contentType]: { schema: { type: 'string' } } } }
          : { description: route.response.description },
    };
    const statuses = new Set([
      400,
      415,
      500,
      ...(route.access === 'public' ? [] : [401]),
      ...(Array.isArray(route.access) ? [403] : []),
      ...(route.body ? [413, 422] : []),
      // Public routes that write are rate limited per client address (app.ts).
      ...(route.access === 'public' && route.method !== 'get' ? [429] : []),
      ...(route.errors ?? []),
    ]);
    for (const status of [...statuses].sort()) {
      responses[String(status)] = {
        description: GENERIC_ERRORS[status] ?? 'Error.',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    const operation: Record<string, unknown> = {
      operationId: `${route.method}${route.path.replace(/^\/api/, '').replace(/[/:-](\w)/g, (_, c: string) => c.toUpperCase())}`,
      summary: route.summary,
      description: [route.description, accessText(route)].filter(Boolean).join('\n\n'),
      tags: [route.tag],
      parameters,
      responses,
      security: route.access === 'public' ? [{}, { bearer: [] }, { cookie: [] }] : [{ bearer: [] }, { cookie: [] }],
    };
    if (route.body) {
      const media: Record<string, unknown> = { schema: { $ref: `#/components/schemas/${route.body}` } };
      if (route.body in requestExamples) media.example = requestExamples[route.body];
      operation.requestBody = { required: true, content: { 'application/json': media } };
    }
    if (route.uploads) {
      const upload = { schema: { type: 'string', contentMediaType: route.uploads.types[0], description: route.uploads.description } };
      operation.requestBody = {
        required: true,
        content: {
          ...(operation.requestBody as { content?: object } | undefined)?.content,
          ...Object.fromEntries(route.uploads.types.map((t) => [t, upload])),
        },
      };
    }
    (paths[openapiPath(route.path)] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mandate API',
      version,
      description:
        'Programs and versions, applications, screening, cases and audit. Sign in with POST /api/auth/login; send `Authorization: Bearer <token>`, or use the session cookie with `X-CSRF-Token` on non-GET requests.',
    },
    paths,
    components: {
      schemas: componentSchemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'mandate_session' },
      },
    },
  };
}
