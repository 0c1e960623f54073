/**
 * Routes: programs and versions (public reads of published versions; analysts and administrators edit drafts, see
 * the history, import and export). Publication and settings are `publication.ts`.
 */
import type { RouteSpec } from '../route.ts';
import type { ServiceContext } from '../../services/context.ts';
import { HttpError, conflict, words } from '../errors.ts';
import * as programs from '../../services/programs.ts';
import { dateQuery } from '../params.ts';
import { exportZip, importZip, ZIP_LIMITS } from '../../services/program-zip.ts';

const EDITORS = ['analyst', 'administrator'] as const;
const DATE = { format: 'date' };

/** A version number from a path; 400 when it is not a whole number. */
export function versionParam(v: string): number {
  if (!/^\d{1,9}$/.test(v)) throw new HttpError(400, 'bad-version', words('bad-version.number', { value: v }));
  return Number(v);
}

/** The revision an `If-Match` header names; 428 when it is absent, 400 when it is not a number. */
export function ifMatch(header: string | undefined): number {
  if (header === undefined) throw new HttpError(428, 'if-match-required', words('if-match-required'));
  const value = header.replace(/^W\//, '').replace(/"/g, '').trim();
  if (!/^\d+$/.test(value)) throw new HttpError(400, 'bad-if-match', words('bad-if-match', { header }));
  return Number(value);
}

/** The program routes. */
export function programRoutes(ctx: ServiceContext): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/programs',
      tag: 'programs',
      access: 'public',
      summary: 'List programs with the version in force today',
      query: [{ name: 'lang', description: 'Language of titles and descriptions, e.g. es.' }],
      response: { status: 200, schema: 'ProgramList', description: 'Programs.' },
      handler: ({ user, query }) => programs.listPrograms(ctx, user, query.lang),
    },
    {
      method: 'post',
      path: '/api/programs',
      tag: 'programs',
      access: EDITORS,
      body: 'ProgramDocument',
      summary: 'Create a draft from a document',
      description:
        'A new program, or the next version of an existing one (the version number is assigned). Stored even with errors; diagnostics come back.',
      response: { status: 201, schema: 'DraftResult', description: 'The draft and its diagnostics.' },
      errors: [409, 422],
      handler: ({ user, body }) => programs.createDraft(ctx, user!, body),
    },
    {
      method: 'post',
      path: '/api/programs/import',
      tag: 'programs',
      access: EDITORS,
      body: 'ProgramDocument',
      uploads: {
        types: ['application/zip'],
        limitBytes: ZIP_LIMITS.uploadBytes,
        description: `A program version folder as a .zip (at most ${ZIP_LIMITS.entries} entries, ${ZIP_LIMITS.uncompressedBytes / 1024 / 1024} MB uncompressed).`,
      },
      summary: 'Import an exported document, or a program folder as a .zip, as a draft',
      description:
        'Send one JSON document (application/json) or a version folder as a zip (application/zip; the layout of programs/<id>/, files at the top or in one folder). Diagnostics of a zip name the file inside it (`file`) and the pointer in that file (`filePath`).',
      response: { status: 201, schema: 'DraftResult', description: 'The draft and its diagnostics.' },
      errors: [409, 413, 422],
      handler: ({ user, body }) => (Buffer.isBuffer(body) ? importZip(ctx, user!, body) : programs.importDocument(ctx, user!, body)),
    },
    {
      method: 'get',
      path: '/api/programs/:id',
      tag: 'programs',
      access: 'public',
      summary: 'A program with its versions',
      response: { status: 200, schema: 'ProgramDetail', description: 'The program.' },
      errors: [404],
      handler: ({ user, params }) => programs.getProgram(ctx, user, params.id),
    },
    {
      method: 'get',
      path: '/api/programs/:id/history',
      tag: 'programs',
      access: EDITORS,
      summary: 'Who changed what and when',
      description:
        'The program\u2019s audit entries (drafts, imports, publication requests, publications, re-determinations), newest first, with each actor\u2019s name.',
      response: { status: 200, schema: 'ProgramHistory', description: 'The history.' },
      errors: [404],
      handler: ({ params }) => programs.programHistory(ctx, params.id),
    },
    {
      method: 'get',
      path: '/api/programs/:id/current',
      tag: 'programs',
      access: 'public',
      summary: 'The version in force on a date, localized',
      query: [
        { name: 'date', description: 'YYYY-MM-DD; default today.', schema: { type: 'string', ...DATE } },
        { name: 'lang', description: 'Language code, e.g. es.' },
      ],
      response: { status: 200, schema: 'VersionWithDocument', description: 'The version and its (localized) document.' },
      errors: [404],
      handler: ({ params, query }) => programs.currentVersion(ctx, params.id, dateQuery(query.date, 'date'), query.lang),
    },
    {
      method: 'get',
      path: '/api/programs/:id/versions/:version',
      tag: 'programs',
      access: 'public',
      summary: 'One version with its document',
      description: 'Drafts are visible to analysts and administrators only.',
      query: [{ name: 'lang', description: 'Language of the texts (titles, questions, states), e.g. es; without it, the document as written.' }],
      response: { status: 200, schema: 'VersionWithDocument', description: 'The version.' },
      errors: [404],
      handler: ({ user, params, query }) => programs.getVersion(ctx, user, params.id, versionParam(params.version), query.lang),
    },
    {
      method: 'put',
      path: '/api/programs/:id/versions/:version',
      tag: 'programs',
      access: EDITORS,
      body: 'ProgramDocument',
      summary: 'Write a version (drafts only)',
      description: 'Published versions are frozen: always 409. For the draft this is the same as PUT /draft.',
      headers: [{ name: 'If-Match', description: 'The draft revision you edited.', required: true }],
      response: { status: 200, schema: 'DraftResult', description: 'The saved draft.' },
      errors: [404, 409, 428],
      handler: async ({ req, user, params, body }) => {
        const v = await ctx.store.getProgramVersion(params.id, versionParam(params.version));
        if (v?.status === 'published') throw conflict(words('frozen', { version: v.version, programId: params.id }), 'frozen');
        if (!v) throw new HttpError(404, 'not-found', words('not-found.version', { version: params.version, programId: params.id }));
        return programs.updateDraft(ctx, user!, params.id, ifMatch(req.headers['if-match']), body);
      },
    },
    {
      method: 'post',
      path: '/api/programs/:id/versions/:version/draft',
      tag: 'drafts',
      access: EDITORS,
      summary: 'Start the draft as a copy of a version',
      description:
        'Any version, so "revert" is a new draft from an older one. 409 `draft-exists` when the program has a draft: edit or delete it first.',
      response: { status: 201, schema: 'DraftResult', description: 'The new draft and its diagnostics.' },
      errors: [404, 409],
      handler: ({ user, params }) => programs.draftFromVersion(ctx, user!, params.id, versionParam(params.version)),
    },
    {
      method: 'delete',
      path: '/api/programs/:id/draft',
      tag: 'drafts',
      access: EDITORS,
      summary: 'Delete the draft',
      description: 'Also drops its publication request. Published versions are never deleted.',
      response: { status: 204, schema: null, description: 'Deleted.' },
      errors: [404],
      handler: ({ user, params }) => programs.deleteDraft(ctx, user!, params.id),
    },
    {
      method: 'get',
      path: '/api/programs/:id/draft',
      tag: 'drafts',
      access: EDITORS,
      summary: 'The draft',
      response: { status: 200, schema: 'VersionWithDocument', description: 'The draft with its revision.' },
      errors: [404],
      handler: ({ params }) => programs.getDraft(ctx, params.id),
    },
    {
      method: 'put',
      path: '/api/programs/:id/draft',
      tag: 'drafts',
      access: EDITORS,
      body: 'ProgramDocument',
      summary: 'Save the draft',
      headers: [{ name: 'If-Match', description: 'The draft revision you edited; 409 when someone saved since.', required: true }],
      response: { status: 200, schema: 'DraftResult', description: 'The saved draft (new revision) and its diagnostics.' },
      errors: [404, 409, 422, 428],
      handler: ({ req, user, params, body }) => programs.updateDraft(ctx, user!, params.id, ifMatch(req.headers['if-match']), body),
    },
    {
      method: 'post',
      path: '/api/programs/:id/draft/validate',
      tag: 'drafts',
      access: EDITORS,
      summary: 'Validate and compile the draft',
      response: { status: 200, schema: 'ValidationResult', description: 'Diagnostics.' },
      errors: [404],
      handler: ({ params }) => programs.validateDraft(ctx, params.id),
    },
    {
      method: 'post',
      path: '/api/programs/:id/draft/test',
      tag: 'drafts',
      access: EDITORS,
      summary: 'Run the draft\u2019s test cases',
      response: { status: 200, schema: 'TestReport', description: 'The report.' },
      errors: [404, 422],
      handler: ({ params }) => programs.testDraft(ctx, params.id),
    },
    {
      method: 'post',
      path: '/api/programs/:id/draft/evaluate',
      tag: 'drafts',
      access: EDITORS,
      body: 'EvaluateRequest',
      summary: 'Evaluate answers against the draft',
      response: { status: 200, schema: 'Determination', description: 'The determination (not stored).' },
      errors: [404, 422],
      handler: ({ params, body }) => programs.evaluateDraft(ctx, params.id, body),
    },
    {
      method: 'get',
      path: '/api/programs/:id/diff',
      tag: 'drafts',
      access: EDITORS,
      summary: 'Changes between two versions',
      query: [
        { name: 'from', description: 'A version number, current or draft; default current.' },
        { name: 'to', description: 'A version number, current or draft; default draft.' },
      ],
      response: { status: 200, schema: 'Diff', description: 'The changes, as data and in words.' },
      errors: [404],
      handler: ({ params, query }) => programs.diffVersions(ctx, params.id, query.from, query.to),
    },
    {
      method: 'get',
      path: '/api/programs/:id/layer',
      tag: 'drafts',
      access: EDITORS,
      summary: 'A layer against its base, and whether a newer base is published',
      description:
        'For a version that extends a base program: its changes from the base version it extends, and the behind report against the base\u2019s newest published version (base changes it inherits by re-basing, those its overrides shadow, new dated values that take over from its own, what re-basing would refuse).',
      query: [
        { name: 'version', description: 'A version number, current or draft; default current.' },
        { name: 'lang', description: 'Language of the place name at the start of each change, e.g. es.' },
      ],
      response: { status: 200, schema: 'LayerReport', description: 'The report.' },
      errors: [404, 422],
      handler: ({ params, query }) => programs.versionLayerReport(ctx, params.id, query.version, query.lang),
    },
    {
      method: 'post',
      path: '/api/programs/:id/rebase',
      tag: 'drafts',
      access: EDITORS,
      body: 'RebaseRequest',
      summary: 'Re-base a layer on a newer base version (a new draft)',
      description:
        'The layer\u2019s own parts on the base\u2019s newer version, as the program\u2019s new draft; never automatic. 409 while a draft exists; 422 when the layer does not resolve on that base.',
      response: { status: 201, schema: 'DraftResult', description: 'The new draft and its diagnostics.' },
      errors: [404, 409, 422],
      handler: ({ user, params, body }) => programs.rebaseDraft(ctx, user!, params.id, body),
    },
    {
      method: 'get',
      path: '/api/programs/:id/export',
      tag: 'programs',
      access: 'public',
      summary: 'One version as a standalone JSON document, or its folder as a .zip',
      query: [
        { name: 'version', description: 'Default: the version in force today.' },
        {
          name: 'format',
          description:
            '`json` (default) or `zip`: the version folder (program.json, form.json, ..., i18n/, tests/) that POST /api/programs/import reads back.',
          schema: { type: 'string', enum: ['json', 'zip'] },
        },
      ],
      response: { status: 200, schema: 'ProgramDocument', description: 'The document (or, with format=zip, application/zip).' },
      errors: [404],
      handler: async ({ res, user, params, query }) => {
        if (query.version !== undefined) versionParam(query.version);
        const format = query.format ?? 'json';
        if (format !== 'json' && format !== 'zip')
          throw new HttpError(400, 'bad-query', words('bad-query.enum', { name: 'format', value: format, allowed: ['json', 'zip'] }));
        if (format === 'zip') {
          const { name, zip } = await exportZip(ctx, user, params.id, query.version);
          res.attachment(name).type('application/zip').send(Buffer.from(zip));
          return;
        }
        res.attachment(`${params.id}${query.version ? `-v${query.version}` : ''}.json`);
        return programs.exportVersion(ctx, user, params.id, query.version);
      },
    },
  ];
}
