/**
 * Routes: the program templates and a new program made from one (analysts and administrators; issue 11).
 */
import type { RouteSpec } from '../route.ts';
import type { ServiceContext } from '../../services/context.ts';
import { createFromTemplate, listTemplates } from '../../services/templates.ts';

const EDITORS = ['analyst', 'administrator'] as const;

/** The template routes. */
export function templateRoutes(ctx: ServiceContext): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/templates',
      tag: 'programs',
      access: EDITORS,
      summary: 'List the program templates',
      description: 'Each template with its title, description and what it gives, in every studio language, and the languages it has texts in.',
      response: { status: 200, schema: 'TemplateList', description: 'Templates.' },
      handler: () => listTemplates(),
    },
    {
      method: 'post',
      path: '/api/programs/from-template',
      tag: 'programs',
      access: EDITORS,
      body: 'FromTemplateRequest',
      summary: 'Create a new program from a template',
      description:
        'Fills the template with the id, title, organisation, languages and start date, and stores the result as version 1, a draft (nothing is published). 422 names the field of an unknown template or an unusable choice; 409 when the id is taken.',
      response: { status: 201, schema: 'DraftResult', description: 'The draft and its diagnostics.' },
      errors: [409, 422],
      handler: ({ user, body }) => createFromTemplate(ctx, user!, body),
    },
  ];
}
