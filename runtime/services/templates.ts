/**
 * New programs from templates (issue 11): the list the guided start shows, and a new program's first draft made
 * from a template with the engine's `instantiate`. Nothing is published: the draft goes through the same checks,
 * tests and maker-checker publication as any other.
 */
import { instantiate, templateProblem, type Program, type TemplateChoices } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { loadTemplates } from '../fs/templates.ts';
import { conflict, unprocessable, words } from '../http/errors.ts';
import type { ServiceContext } from './context.ts';
import { createDraft } from './programs.ts';

/** The templates: name, words in each studio language, the languages each has texts in, the first possible start. */
export function listTemplates() {
  return loadTemplates().map(({ name, title, description, gives, languages, doc }) => ({
    name,
    title,
    description,
    gives,
    languages,
    earliestStart: doc.effectiveFrom,
  }));
}

/** What `POST /api/programs/from-template` sends: the template's name and the guided start's choices. */
export interface FromTemplateRequest extends TemplateChoices {
  template: string;
}

/**
 * Creates a new program, with version 1 as its draft, from a template filled with the choices. 422 naming the
 * field for an unknown template or an unusable choice; 409 `program-exists` when a program (or draft) has the id.
 */
export async function createFromTemplate(ctx: ServiceContext, actor: AuthUser, request: FromTemplateRequest) {
  const { template: name, ...choices } = request;
  const templates = loadTemplates();
  const template = templates.find((t) => t.name === name);
  if (!template) {
    const problem = templateProblem('template.unknown', '/template', { value: name, allowed: templates.map((t) => t.name) });
    throw unprocessable(words('template-choices', { diagnostics: [problem.message] }), [problem], 'invalid-choices');
  }
  const { program, diagnostics } = instantiate(template.doc, choices);
  if (!program) throw unprocessable(words('template-choices', { diagnostics: diagnostics.map((d) => d.message) }), diagnostics, 'invalid-choices');
  if ((await ctx.store.maxVersion(program.id)) > 0) throw conflict(words('program-exists', { programId: program.id }), 'program-exists');
  return createDraft(ctx, actor, program as Program, 'program.draft.from-template', { template: name });
}
