/**
 * Route: the pages' form validator modules (ajv standalone code, runtime/services/form-validators.ts), at the URL
 * named by the `validator` field of `GET /api/programs/:id/current` and `GET /api/screen/form`.
 */
import type { RouteSpec } from '../route.ts';
import { HttpError, words } from '../errors.ts';
import { validatorByHash, VALIDATORS_PATH } from '../../services/form-validators.ts';

/** The validator module route. */
export function validatorRoutes(): RouteSpec[] {
  return [
    {
      method: 'get',
      path: `${VALIDATORS_PATH}/:hash.js`,
      tag: 'programs',
      access: 'public',
      summary: 'A form\u2019s validator module for the pages',
      description:
        'A self-contained ES module exporting `validate` (ajv standalone code for a form schema, compiled with the options the server validates submissions with) and `subschemas`. Addressed by the sha256 of its code, so it never changes: cached for a year. Get its URL from the `validator` field of GET /api/programs/{id}/current or GET /api/screen/form; a server keeps the modules it built since it started.',
      response: { status: 200, schema: null, contentType: 'text/javascript', description: 'The ES module.' },
      errors: [404],
      handler: ({ res, params }) => {
        const module = /^[0-9a-f]{64}$/.test(params.hash) ? validatorByHash(params.hash) : undefined;
        if (!module) {
          throw new HttpError(404, 'not-found', words('not-found.validator', { hash: params.hash }));
        }
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        res.type('text/javascript; charset=utf-8').send(module.code);
      },
    },
  ];
}
