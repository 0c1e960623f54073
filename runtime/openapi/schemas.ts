/**
 * The JSON Schemas of every request body and response of the API: the single source of truth that ajv validates
 * request bodies with (`validator.ts`) and that the OpenAPI document publishes as `components.schemas`.
 *
 * Written in the subset common to JSON Schema draft-07 (ajv) and 2020-12 (OpenAPI 3.1). Refs point at
 * `#/components/schemas/<Name>`. The pages' TypeScript types are generated from these schemas
 * (`api-types.ts` → `web/src/shared/api-types.ts`); a value the engine produces (a program document, a determination,
 * a diff's changes) is outlined here and named by `x-tsType`, an engine type exported by `engine/index.ts`.
 */
import { ROLES } from '../../engine/index.ts';
import { referralSchemas } from './referral-schemas.ts';
import { organisationSchemas } from './schemas-organisations.ts';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string, extra: Schema = {}): Schema => ({ type: 'string', ...(description ? { description } : {}), ...extra });
const date = (description: string): Schema => str(description, { format: 'date' });
const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });
/** A value the engine produces, typed by the engine's `tsType` (exported by `engine/index.ts`); `schema` outlines it. */
const engine = (tsType: string, schema: Schema = { type: 'object' }): Schema => ({ ...schema, 'x-tsType': tsType });
const int: Schema = { type: 'integer' };
const bool: Schema = { type: 'boolean' };
const arrayOf = (items: Schema): Schema => ({ type: 'array', items });
const obj = (properties: Record<string, Schema>, required: string[] = [], additional = true): Schema => ({
  type: 'object',
  properties,
  required,
  ...(additional ? {} : { additionalProperties: false }),
});

const role: Schema = { type: 'string', enum: [...ROLES] };
const roles: Schema = { type: 'array', items: role, minItems: 1, uniqueItems: true };
const password: Schema = str('At least 8 characters.', { minLength: 8, maxLength: 200 });
const answers: Schema = { type: 'object', description: 'Answers keyed by the form schema\u2019s property names.' };
const eligibility: Schema = { type: 'string', enum: ['eligible', 'ineligible', 'needs-more-information'] };
const diagnostic: Schema = obj(
  {
    code: str(),
    severity: { type: 'string', enum: ['error', 'warning', 'info'] },
    path: str('JSON Pointer.'),
    message: str(),
    params: { type: 'object', description: 'The values the message was rendered with.' },
    file: str('Folder imports: the file the pointer lands in.'),
    filePath: str('Folder imports: the pointer inside that file.'),
  },
  ['code', 'severity', 'path', 'message'],
);
const diff = (extra: Record<string, Schema> = {}, required: string[] = []): Schema =>
  obj(
    {
      ...extra,
      from: int,
      to: int,
      changes: arrayOf(engine('Change', obj({ kind: str(), area: str(), path: str(), text: str() }))),
      text: str('The changes in words.'),
    },
    [...required, 'from', 'to', 'changes', 'text'],
  );
const versionSummary: Schema = obj(
  {
    version: { type: 'integer' },
    status: { type: 'string', enum: ['draft', 'published'] },
    hash: str('sha256 of the canonical JSON of the document.'),
    effectiveFrom: str(),
    title: str(),
    changelog: str(),
    inFlight: { type: 'string', enum: ['reevaluate', 'keep'] },
    revision: { type: 'integer' },
    createdBy: nullable(str()),
    createdAt: str(),
    publishedBy: nullable(str()),
    publishedAt: nullable(str()),
    selfPublished: { type: 'boolean', description: 'Published by its requester with maker-checker switched off.' },
    publicationRequested: { type: 'boolean', description: 'Drafts: publication has been requested (GET .../draft/publication-request).' },
    state: {
      type: 'string',
      enum: ['draft', 'in-force', 'scheduled', 'superseded', 'expired'],
      description:
        'Where the version stands today: in force, scheduled (effective from a future date), superseded by a later one, expired (its effectiveTo passed), or the draft.',
    },
  },
  ['version', 'status', 'hash', 'effectiveFrom', 'title', 'revision'],
);
const terms = {
  changelog: str('What changed, for the people who read the history.', { minLength: 1, maxLength: 5000 }),
  effectiveFrom: date('First day the version is in force; a future date schedules it.'),
  inFlight: {
    type: 'string',
    enum: ['reevaluate', 'keep'],
    description: 'reevaluate: pending cases are re-determined under the new version on its effective date; keep: they stay under theirs.',
  },
};
const person: Schema = obj({ id: str(), name: str('Display name.'), email: nullable(str()) }, ['id', 'name']);
const user: Schema = obj({ id: str(), email: str(), name: str(), roles: arrayOf(role), disabled: { type: 'boolean' }, createdAt: str() }, [
  'id',
  'email',
  'name',
  'roles',
]);
const application: Schema = obj(
  {
    id: str(),
    programId: str(),
    version: { type: 'integer' },
    status: { type: 'string', enum: ['draft', 'submitted'] },
    lang: str(),
    answers,
    onBehalfOf: nullable(str()),
    consent: nullable(
      obj(
        {
          statement: str('The consent statement, word for word, as shown to the intermediary.'),
          lang: str(),
          method: { type: 'string', enum: ['checkbox'] },
          confirmedBy: str('The intermediary (user id) who confirmed it.'),
          confirmedAt: str(),
        },
        ['statement', 'lang', 'method', 'confirmedBy', 'confirmedAt'],
      ),
    ),
    revision: { type: 'integer' },
    createdAt: str(),
    updatedAt: str(),
    submittedAt: nullable(str()),
    caseId: nullable(str()),
    determination: nullable(ref('Determination')),
    caseState: nullable(obj({ state: str(), title: str('In the application\u2019s language.'), terminal: bool }, ['state', 'title', 'terminal'])),
  },
  ['id', 'programId', 'version', 'status', 'lang', 'answers', 'onBehalfOf', 'revision', 'submittedAt', 'caseId', 'determination'],
);
const caseSummary: Schema = obj(
  {
    id: str(),
    applicationId: str(),
    programId: str(),
    version: { type: 'integer' },
    hash: str(),
    state: str(),
    assignee: nullable(obj({ id: str(), name: str('The display name; the id when the user is no longer known.') }, ['id', 'name'])),
    label: str(),
    reference: str('The short case reference, e.g. SNAP-26-004217 (the API takes it wherever it takes a case id).'),
    dueOn: nullable(str()),
    stateEnteredAt: str(),
    createdAt: str(),
    updatedAt: str(),
    revision: { type: 'integer' },
    overdue: { type: 'boolean', description: 'Lists: the due date has passed.' },
  },
  ['id', 'applicationId', 'programId', 'version', 'hash', 'state', 'assignee', 'label', 'reference', 'dueOn', 'createdAt', 'revision'],
);
const documentFile: Schema = obj(
  { id: str(), name: str(), mediaType: str(), size: int, sha256: str(), uploadedAt: str(), uploadedBy: nullable(str()) },
  ['id', 'name', 'mediaType', 'size', 'sha256', 'uploadedAt'],
);
const documentStatus: Schema = { type: 'string', enum: ['requested', 'received', 'accepted', 'rejected'] };
const determinationRecord: Schema = obj(
  {
    id: str(),
    caseId: nullable(str()),
    version: { type: 'integer' },
    hash: str(),
    asOf: str(),
    kind: { type: 'string', enum: ['initial', 'redetermination', 'dry-run'] },
    applied: { type: 'boolean' },
    result: ref('Determination'),
    source: {
      type: 'string',
      enum: ['full', 'recomputed', 'evaluated'],
      description:
        'full: stored in full (written before determinations were compact); recomputed: evaluated again from the stored compact ' +
        'determination; evaluated: the evaluation this answer made.',
    },
    check: nullable(ref('RecomputeCheck')),
    createdBy: nullable(str()),
    createdAt: str(),
  },
  ['id', 'caseId', 'version', 'hash', 'asOf', 'kind', 'applied', 'result'],
);
const count = (description: string): Schema => ({ type: 'integer', minimum: 0, description });

/** Words in every language the studio speaks. */
const worded: Schema = obj({ en: str(), es: str() }, ['en', 'es'], false);

/** Every named schema of the API. */
export const componentSchemas: Record<string, Schema> = {
  ...referralSchemas,
  ...organisationSchemas,
  Error: obj({ error: obj({ code: str(), message: str(), diagnostics: arrayOf(ref('Diagnostic')) }, ['code', 'message']) }, ['error']),
  Diagnostic: diagnostic,
  Health: obj({ ok: { type: 'boolean' }, store: str() }, ['ok', 'store']),
  Ready: obj({ ready: { type: 'boolean' }, store: str() }, ['ready', 'store']),

  LoginRequest: obj(
    { email: str(undefined, { minLength: 3, maxLength: 320 }), password: str(undefined, { minLength: 1, maxLength: 200 }) },
    ['email', 'password'],
    false,
  ),
  LoginResponse: obj(
    { token: str('Bearer token; the same value is set as the HttpOnly session cookie.'), csrfToken: str(), expiresAt: str(), user: ref('User') },
    ['token', 'csrfToken', 'user'],
  ),
  Csrf: obj({ csrfToken: str() }, ['csrfToken']),
  User: user,
  UserList: arrayOf(ref('User')),
  CreateUserRequest: obj(
    {
      email: str(undefined, { pattern: '^[^\\s@]+@[^\\s@]+$', maxLength: 320 }),
      name: str(undefined, { minLength: 1, maxLength: 200 }),
      roles,
      password,
      organisationId: str('The organisation the account joins with these roles (issue 16); default: the first one you administer.', {
        pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
        maxLength: 64,
      }),
    },
    ['email', 'name', 'roles', 'password'],
    false,
  ),
  UpdateUserRequest: obj({ name: str(undefined, { minLength: 1, maxLength: 200 }), roles, disabled: { type: 'boolean' }, password }, [], false),

  ProgramDocument: obj({ id: str('Program id: lowercase letters, digits and dashes.', { pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }), title: str() }, [
    'id',
  ]),
  ProgramList: arrayOf(
    obj(
      {
        id: str(),
        title: str(),
        description: str(),
        languages: arrayOf(str()),
        owner: engine('ProgramOwner', obj({ name: str() }, ['name'])),
        current: nullable(obj({ version: int, effectiveFrom: str(), hash: str() }, ['version', 'effectiveFrom', 'hash'])),
        jurisdiction: { ...nullable(str()), description: 'Where the program applies (ISO 3166: "US", "US-WA"); null: everywhere.' },
        extends: { ...nullable(str()), description: 'The id of the program this one extends (a state layer on a federal program), or null.' },
        upcoming: {
          ...arrayOf(obj({ version: int, effectiveFrom: str(), hash: str() }, ['version', 'effectiveFrom', 'hash'])),
          description: 'Published versions effective after today.',
        },
        draft: { ...obj({ version: int, revision: int }, ['version', 'revision']), description: 'Analysts and administrators: the draft.' },
        versions: {
          ...arrayOf(obj({ version: { type: 'integer' }, state: str(), effectiveFrom: str() }, ['version', 'state', 'effectiveFrom'])),
          description: 'Analysts and administrators: every version with its state today.',
        },
      },
      ['id', 'title', 'description', 'languages', 'current', 'upcoming', 'jurisdiction', 'extends'],
    ),
  ),
  ProgramDetail: obj(
    {
      id: str(),
      title: str(),
      description: str(),
      languages: arrayOf(str()),
      current: nullable(ref('VersionSummary')),
      versions: arrayOf(ref('VersionSummary')),
      extends: {
        ...nullable(obj({ program: str(), version: int }, ['program', 'version'])),
        description: 'The base program version the version shown (in force, else the newest) extends; null when it extends none.',
      },
    },
    ['id', 'title', 'description', 'languages', 'current', 'versions', 'extends'],
  ),
  VersionSummary: versionSummary,
  VersionWithDocument: {
    allOf: [
      ref('VersionSummary'),
      obj(
        {
          programId: str(),
          doc: engine('Program'),
          lang: str('The version in force: the language of its texts.'),
          validator: str('The version in force only: URL of its form\u2019s validator module for the pages (GET /api/validators/{hash}.js).'),
        },
        ['programId', 'doc'],
      ),
    ],
  },
  ScreenerForm: obj(
    {
      schema: { type: 'object', description: 'JSON Schema of the questions, all optional.' },
      uiSchema: { type: 'object' },
      fields: arrayOf(str()),
      validator: str('URL of the form\u2019s validator module (GET /api/validators/{hash}.js).'),
    },
    ['schema', 'uiSchema', 'fields', 'validator'],
  ),
  TemplateList: arrayOf(
    obj(
      {
        name: str('The template\u2019s name, e.g. food-parcel.'),
        title: worded,
        description: worded,
        gives: { ...worded, description: 'What a program made from it gives, in a few words.' },
        languages: { ...arrayOf(str()), description: 'The languages the template has texts in (English first).' },
        earliestStart: date('The first start date a program made from it may have: its figures apply from then.'),
      },
      ['name', 'title', 'description', 'gives', 'languages', 'earliestStart'],
    ),
  ),
  FromTemplateRequest: obj(
    {
      template: str('A template\u2019s name (GET /api/templates).', { maxLength: 100 }),
      id: str('The new program\u2019s id: at most 64 lowercase letters, digits and hyphens.', { maxLength: 200 }),
      title: str('The program\u2019s name as applicants know it, in English.', { maxLength: 200 }),
      owner: str('The organisation responsible for the program.', { maxLength: 200 }),
      languages: { ...arrayOf(str(undefined, { maxLength: 16 })), description: 'Languages offered; must include en.', maxItems: 10 },
      effectiveFrom: str('First day the program applies (YYYY-MM-DD); default the template\u2019s start date.', { maxLength: 20 }),
      titleTranslations: {
        type: 'object',
        description: 'The program\u2019s name in other chosen languages, by language code.',
        additionalProperties: str(undefined, { maxLength: 200 }),
      },
      ownerTranslations: {
        type: 'object',
        description: 'The organisation\u2019s name in other chosen languages, by language code.',
        additionalProperties: str(undefined, { maxLength: 200 }),
      },
    },
    ['template', 'id', 'title', 'owner', 'languages'],
    false,
  ),
  DraftResult: obj({ draft: ref('VersionWithDocument'), diagnostics: arrayOf(ref('Diagnostic')) }, ['draft', 'diagnostics']),
  ValidationResult: obj({ valid: bool, diagnostics: arrayOf(ref('Diagnostic')) }, ['valid', 'diagnostics']),
  TestReport: engine(
    'TestReport',
    obj({ programId: str(), version: int, total: int, passed: int, failed: int, results: { type: 'array' } }, [
      'total',
      'passed',
      'failed',
      'results',
    ]),
  ),
  EvaluateRequest: obj({ answers, date: date('Evaluation date; default today.'), partial: { type: 'boolean' }, lang: str() }, ['answers'], false),
  Diff: diff({ programId: str() }, ['programId']),
  LayerReport: obj(
    {
      programId: str(),
      version: int,
      status: { type: 'string', enum: ['draft', 'published'] },
      extends: obj({ program: str(), version: int, hash: str(), title: str(), effectiveFrom: str() }, [
        'program',
        'version',
        'title',
        'effectiveFrom',
      ]),
      changes: {
        ...arrayOf(engine('Change', obj({ kind: str(), area: str(), path: str(), text: str() }))),
        description: 'What the layer changes from its base, each line in words ("Washington: … instead of …").',
      },
      text: str('The changes in words, as mandate diff <layer> prints them.'),
      behind: engine(
        'BehindReport',
        obj(
          {
            behind: bool,
            base: { type: 'object' },
            latest: { type: 'object' },
            shadowed: { type: 'array' },
            inherited: { type: 'array' },
            overtaken: { type: 'array' },
            conflicts: { type: 'array' },
          },
          ['behind', 'base', 'latest', 'shadowed', 'inherited', 'overtaken', 'conflicts'],
        ),
      ),
    },
    ['programId', 'version', 'status', 'extends', 'changes', 'text', 'behind'],
  ),
  RebaseRequest: obj(
    {
      from: { type: 'integer', minimum: 1, description: 'The layer version to re-base; default the version in force, else the newest.' },
      version: { type: 'integer', minimum: 1, description: "The base version to re-base on; default the base's newest published version." },
    },
    [],
    false,
  ),
  ProgramHistory: arrayOf(
    obj(
      {
        at: str(),
        actor: { ...nullable(person), description: 'Who; null for the runtime itself (start-up publication, the scheduler).' },
        action: str('e.g. program.draft.update, program.publication.request, program.publish.'),
        version: nullable({ type: 'integer' }),
        selfPublished: bool,
        details: { type: 'object' },
      },
      ['at', 'actor', 'action', 'version', 'selfPublished', 'details'],
    ),
  ),
  PublicationRequestBody: obj(
    { ...terms, revision: { type: 'integer', minimum: 1, description: 'The draft revision you reviewed; 409 if it changed since.' } },
    ['changelog', 'effectiveFrom', 'inFlight', 'revision'],
    false,
  ),
  PublicationRequest: obj(
    {
      programId: str(),
      version: { type: 'integer' },
      draftRevision: { type: 'integer' },
      current: { type: 'boolean', description: 'False when the draft was saved after the request: it cannot be published on it.' },
      request: obj({ ...terms, revision: { type: 'integer' }, requestedBy: str(), requestedAt: str(), requester: person }, [
        'changelog',
        'effectiveFrom',
        'inFlight',
        'revision',
        'requestedBy',
        'requestedAt',
        'requester',
      ]),
      diff: nullable(diff()),
      pendingCases: { type: 'integer', description: 'Pending (non-terminal) cases of the program not under this version.' },
      pendingCasesTouched: { type: 'integer', description: 'How many of them the new version re-determines (0 with inFlight keep).' },
    },
    ['programId', 'version', 'draftRevision', 'current', 'request', 'diff', 'pendingCases', 'pendingCasesTouched'],
  ),
  RejectPublicationRequest: obj({ reason: str('Why, for the requester.', { minLength: 1, maxLength: 5000 }) }, ['reason'], false),
  PublishRequest: obj(
    { ...terms, revision: { type: 'integer', description: 'The draft revision you reviewed; 409 if it changed since.' } },
    [],
    false,
  ),
  Settings: obj(
    {
      makerChecker: { type: 'boolean', description: 'Publishing needs a second person (default true).' },
      exportColumns: {
        type: 'array',
        items: str(),
        description: 'The columns of the program dashboard’s CSV export (absent: the defaults).',
      },
      referralStaleDays: { type: 'integer', description: 'Days without a change after which an open referral is flagged stale (absent: 14).' },
      exportColumnChoices: obj(
        {
          columns: { ...arrayOf(str()), description: 'The fixed columns one may choose; answer:<question> columns may be added.' },
          defaults: { ...arrayOf(str()), description: 'The columns exported until an administrator chooses.' },
          masked: { ...arrayOf(str()), description: 'Columns shown as *** to roles that may not see applications (answer:* = every answer column).' },
        },
        ['columns', 'defaults', 'masked'],
      ),
      organisationId: str('Whose settings these are (`default`: the installation’s).'),
      organisationName: str(),
      inherited: { type: 'boolean', description: 'The organisation saved none of its own: these are the installation’s.' },
      revision: { type: 'integer' },
      updatedAt: nullable(str()),
      updatedBy: nullable(str()),
    },
    ['makerChecker', 'organisationId', 'inherited', 'revision'],
  ),
  SettingsRequest: obj(
    {
      makerChecker: { type: 'boolean', description: 'false: an administrator may publish their own draft (marked selfPublished).' },
      exportColumns: {
        type: 'array',
        minItems: 1,
        maxItems: 200,
        uniqueItems: true,
        items: str(undefined, { maxLength: 100 }),
        description:
          'The columns of the program dashboard’s CSV export, in order: case, application, applicant, version, status, lastStep, language, started, submitted, state, assignee, decided, daysToDecision, eligibility, or answer:<question>. Absent: unchanged.',
      },
      referralStaleDays: {
        type: 'integer',
        minimum: 1,
        maximum: 365,
        description: 'Days without a change after which an open referral is flagged stale. Absent: unchanged.',
      },
      revision: { type: 'integer', minimum: 0 },
    },
    ['makerChecker'],
    false,
  ),
  PublishResult: { allOf: [ref('VersionSummary'), obj({ programId: str(), redetermined: nullable(ref('RedeterminationJob')) }, ['programId'])] },
  RecomputeCheck: obj(
    {
      ok: { type: 'boolean', description: 'The recomputed determination is the one stored (same answers, version and determination hash).' },
      inputsMatch: bool,
      versionMatch: bool,
      storedHash: str(),
      recomputedHash: str(),
    },
    ['ok', 'inputsMatch', 'versionMatch', 'storedHash', 'recomputedHash'],
  ),
  RedeterminationJob: obj(
    {
      id: str(),
      kind: { type: 'string', enum: ['redetermination'] },
      programId: str(),
      version: int,
      status: { type: 'string', enum: ['running', 'done', 'cancelled', 'failed'] },
      cursor: nullable(str('The last case id done, in case id order; null before the first chunk.')),
      counts: obj(
        {
          seen: count('Cases read.'),
          changed: count('Cases with a changed result: a new determination, an audit entry and a notice each.'),
          unchanged: count('Cases with the same result: moved to the version, their determination kept.'),
          skippedDecided: count('Decided cases (a terminal state of their workflow): left untouched.'),
          skippedNewer: count(
            'Cases under a newer version than the job\u2019s: left there (their workflow does not allow moving to an older version).',
          ),
          alreadyCurrent: count('Cases already under the version: left untouched.'),
          failed: count('Cases that could not be re-determined (see failures): left untouched.'),
        },
        ['seen', 'changed', 'unchanged', 'skippedDecided', 'alreadyCurrent', 'failed'],
      ),
      failures: arrayOf(obj({ caseId: str(), message: str() }, ['caseId', 'message'])),
      trigger: { type: 'string', enum: ['on-demand', 'publication', 'schedule', 'legacy'] },
      startedBy: nullable(str()),
      startedAt: str(),
      updatedAt: str(),
      finishedAt: nullable(str()),
      finishedBy: nullable(str()),
      error: nullable(str()),
      summary: str('What the job did, in words (cancelled: how many chunks stay applied).'),
    },
    ['id', 'kind', 'programId', 'version', 'status', 'cursor', 'counts', 'failures', 'trigger', 'startedBy', 'startedAt', 'finishedAt', 'summary'],
  ),
  RedeterminationJobList: obj({ items: arrayOf(ref('RedeterminationJob')) }, ['items']),

  Determination: engine(
    'Determination',
    obj(
      {
        programId: str(),
        version: int,
        hash: str(),
        asOf: str(),
        eligibility: eligibility,
        benefits: { type: 'array' },
        reasons: { type: 'array' },
        missing: { type: 'array' },
        inputErrors: { type: 'array' },
        values: { type: 'object' },
        trace: { type: 'array' },
      },
      ['programId', 'version', 'hash', 'asOf', 'eligibility', 'benefits', 'reasons', 'missing', 'trace'],
    ),
  ),

  StartApplicationRequest: obj(
    {
      programId: str(undefined, { minLength: 1, maxLength: 64 }),
      lang: str(undefined, { maxLength: 16 }),
      onBehalfOf: str('Intermediaries: the person applied for.', { maxLength: 200 }),
      consent: obj(
        {
          confirmed: { type: 'boolean', const: true, description: 'The client agreed to the consent statement (GET /api/consent-statement).' },
        },
        ['confirmed'],
        false,
      ),
    },
    ['programId'],
    false,
  ),
  ConsentStatement: obj(
    { statement: str('The statement an intermediary confirms, with the client\u2019s and the program\u2019s names filled in.'), lang: str() },
    ['statement', 'lang'],
  ),
  StartedApplication: { allOf: [ref('Application'), obj({ resumeCode: str('Shown once; the applicant\u2019s key to resume.') }, ['resumeCode'])] },
  Application: application,
  ApplicationList: obj({ items: arrayOf(ref('Application')), total: { type: 'integer' } }, ['items', 'total']),
  SaveAnswersRequest: obj(
    {
      answers,
      revision: { type: 'integer' },
      lang: str(undefined, { maxLength: 16 }),
      step: str('The wizard page the applicant goes to with this save (a page id, or "review"); the program dashboard shows where people leave.', {
        maxLength: 100,
      }),
    },
    ['answers'],
    false,
  ),
  ResumeRequest: obj({ resumeCode: str(undefined, { minLength: 4, maxLength: 64 }) }, ['resumeCode'], false),
  SubmitResult: obj(
    {
      caseId: str(),
      reference: str('The short case reference, e.g. SNAP-26-004217.'),
      applicationId: str(),
      determination: ref('Determination'),
      nextStep: obj({ state: str(), title: str(), deadline: nullable(obj({ id: str(), title: str(), dueOn: str() }, ['id', 'title', 'dueOn'])) }, [
        'state',
        'title',
        'deadline',
      ]),
    },
    ['caseId', 'reference', 'applicationId', 'determination', 'nextStep'],
  ),
  SubmitRequest: obj(
    {
      statusFactor: {
        description: 'How the applicant will prove it is them on the status page, with the resume code.',
        oneOf: [
          obj({ kind: { const: 'date-of-birth' }, dateOfBirth: date('The applicant\u2019s date of birth.') }, ['kind', 'dateOfBirth'], false),
          obj({ kind: { const: 'email' } }, ['kind'], false),
        ],
      },
    },
    [],
    false,
  ),
  StatusOpenRequest: obj(
    {
      resumeCode: str(undefined, { minLength: 4, maxLength: 64 }),
      dateOfBirth: date('The date of birth given at submission (when that is the second factor).'),
      emailCode: str('The code emailed on request (when that is the second factor).', { minLength: 4, maxLength: 12 }),
    },
    ['resumeCode'],
    false,
  ),
  EmailCodeRequest: obj({ resumeCode: str(undefined, { minLength: 4, maxLength: 64 }) }, ['resumeCode'], false),
  EmailCodeSent: obj({ sentTo: str('The address, partly hidden.') }, ['sentTo']),
  StatusOpened: obj({ token: str('Send it as X-Status-Token; it lasts 30 minutes.'), expiresAt: str(), status: ref('StatusView') }, [
    'token',
    'expiresAt',
    'status',
  ]),
  StatusView: obj(
    {
      reference: str(),
      programId: str(),
      programTitle: str(),
      lang: str(),
      submittedAt: nullable(str()),
      state: obj({ id: str(), title: nullable(str()), description: nullable(str()), terminal: bool }, ['id', 'title', 'description', 'terminal']),
      determination: nullable(ref('Determination')),
      messages: arrayOf(ref('StatusMessage')),
      documents: arrayOf(ref('StatusDocument')),
      deadlines: arrayOf(
        obj({ id: str(), title: str(), dueOn: str(), daysLeft: int, overdue: bool }, ['id', 'title', 'dueOn', 'daysLeft', 'overdue']),
      ),
      emailed: bool,
      notes: {
        ...arrayOf(obj({ id: str(), at: str(), text: str() }, ['id', 'at', 'text'])),
        description: 'Notes written for the person (visibility "person"), oldest first.',
      },
    },
    ['reference', 'programId', 'programTitle', 'lang', 'state', 'determination', 'messages', 'documents', 'deadlines', 'emailed', 'notes'],
  ),
  StatusMessage: obj({ id: str(), at: str(), subject: nullable(str()), text: str(), notice: nullable(str()) }, [
    'id',
    'at',
    'subject',
    'text',
    'notice',
  ]),
  StatusDocument: obj(
    {
      id: str(),
      typeId: nullable(str()),
      title: str(),
      description: nullable(str()),
      accept: arrayOf(str()),
      maxBytes: nullable(int),
      status: documentStatus,
      reason: nullable(str()),
      requestedAt: str(),
      dueOn: nullable(str('The day the caseworker asked to have it by (YYYY-MM-DD).')),
      note: nullable(str('The caseworker\u2019s note with the request.')),
      receivedAt: nullable(str()),
      file: nullable(documentFile),
    },
    ['id', 'typeId', 'title', 'description', 'accept', 'maxBytes', 'status', 'reason', 'requestedAt', 'receivedAt', 'file'],
  ),
  DocumentReviewRequest: obj(
    {
      status: { type: 'string', enum: ['accepted', 'rejected'] },
      reason: str('Why it is rejected (required then), in words the applicant reads.', { maxLength: 2000 }),
    },
    ['status'],
    false,
  ),
  ScreenRequest: obj({ answers, date: date('Screening date; default today.'), lang: str(undefined, { maxLength: 16 }) }, ['answers'], false),
  ScreenResult: obj(
    {
      date: str(),
      results: arrayOf(
        obj(
          {
            programId: str(),
            version: int,
            hash: str(),
            title: str(),
            description: str(),
            eligibility,
            reasons: arrayOf(engine('Reason')),
            missing: arrayOf(engine('MissingInput')),
            benefits: arrayOf(engine('BenefitResult')),
            referral: nullable(engine('Referral', obj({ organisation: str() }, ['organisation']))),
            applyUrl: str(),
            jurisdiction: { ...nullable(str()), description: 'Where the program applies (ISO 3166); null: everywhere.' },
            extends: { ...nullable(str()), description: 'The id of the program this one extends, or null.' },
          },
          [
            'programId',
            'version',
            'hash',
            'title',
            'eligibility',
            'reasons',
            'missing',
            'benefits',
            'referral',
            'applyUrl',
            'jurisdiction',
            'extends',
          ],
        ),
      ),
    },
    ['date', 'results'],
  ),

  ProgramDashboard: (() => {
    const count = int;
    const num: Schema = { type: 'number' };
    const list = (props: Record<string, Schema>, required: string[]) => arrayOf(obj(props, required));
    return obj(
      {
        programId: str(),
        title: str(),
        version: int,
        from: str(),
        to: str(),
        abandonedDays: int,
        bucket: { type: 'string', enum: ['day', 'month'] },
        applications: obj({ started: count, submitted: count, abandoned: count, inProgress: count }, [
          'started',
          'submitted',
          'abandoned',
          'inProgress',
        ]),
        leftAt: list({ step: nullable(str()), title: nullable(str()), count }, ['step', 'title', 'count']),
        series: list({ bucket: str(), started: count, submitted: count }, ['bucket', 'started', 'submitted']),
        outcomes: list({ state: str(), title: str(), count, averageDays: num, maxDays: num }, ['state', 'title', 'count', 'averageDays', 'maxDays']),
        decisionDays: list({ band: str(), count }, ['band', 'count']),
        deadlines: list({ id: str(), title: str(), days: num, met: count, late: count, open: count, overdue: count }, [
          'id',
          'title',
          'days',
          'met',
          'late',
          'open',
          'overdue',
        ]),
        reasons: list({ rule: str(), title: str(), count }, ['rule', 'title', 'count']),
        backlog: list({ state: str(), title: str(), assignee: nullable(str()), assigneeName: nullable(str()), count }, [
          'state',
          'title',
          'assignee',
          'assigneeName',
          'count',
        ]),
      },
      [
        'programId',
        'title',
        'version',
        'from',
        'to',
        'abandonedDays',
        'bucket',
        'applications',
        'leftAt',
        'series',
        'outcomes',
        'decisionDays',
        'deadlines',
        'reasons',
        'backlog',
      ],
    );
  })(),

  CaseSummary: caseSummary,
  DeterminationRecord: determinationRecord,
  CaseList: obj(
    {
      items: arrayOf(ref('CaseSummary')),
      total: { type: 'integer' },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
      countsByState: { type: 'object', additionalProperties: { type: 'integer' } },
    },
    ['items', 'total', 'countsByState'],
  ),
  CaseDetail: obj(
    {
      case: {
        allOf: [
          ref('CaseSummary'),
          obj(
            {
              performedBy: { type: 'object', description: 'Who performed each workflow event.', additionalProperties: arrayOf(str()) },
              stateTitle: str(),
              terminal: bool,
              decision: nullable(
                obj(
                  {
                    event: str(),
                    to: str(),
                    reason: obj({ id: str(), title: str(), text: str(), lang: str(), reference: nullable(engine('LegalReference')) }, [
                      'id',
                      'title',
                      'text',
                      'lang',
                      'reference',
                    ]),
                    actorId: nullable(str()),
                    at: str(),
                  },
                  ['event', 'to', 'reason', 'actorId', 'at'],
                ),
              ),
            },
            ['performedBy', 'stateTitle', 'terminal', 'decision'],
          ),
        ],
      },
      program: obj({ id: str(), version: int, title: str(), hash: str() }, ['id', 'version', 'title', 'hash']),
      application: nullable(ref('Application')),
      determinations: arrayOf(ref('DeterminationRecord')),
      history: arrayOf(ref('CaseEvent')),
      notes: arrayOf(ref('Note')),
      documents: arrayOf(ref('Document')),
      messages: arrayOf(ref('Message')),
      corrections: arrayOf(ref('Correction')),
      team: arrayOf(ref('TeamMember')),
      access: {
        type: 'string',
        enum: ['organisation', 'team'],
        description:
          'organisation: you work for the organisation running the program (the whole case); team: you are on the case\u2019s team for another organisation (summary, status and the notes shared with the team only).',
      },
      decisionReasons: {
        type: 'object',
        description: 'Event -> the decision reasons the program lists for it (one is required to take the event), in the request\u2019s language.',
        additionalProperties: arrayOf(obj({ id: str(), title: str(), reference: nullable(engine('LegalReference')) }, ['id', 'title', 'reference'])),
      },
      deadlines: arrayOf(
        engine(
          'DeadlineStatus',
          obj({ id: str(), title: str(), dueOn: str(), met: bool, overdue: bool }, ['id', 'title', 'dueOn', 'met', 'overdue']),
        ),
      ),
      availableTransitions: arrayOf(obj({ event: str(), title: str(), to: str() }, ['event', 'title', 'to'])),
      transitions: {
        ...arrayOf(
          obj(
            {
              event: str(),
              title: str(),
              to: str(),
              roles: arrayOf(role),
              allowed: bool,
              reason: nullable(str()),
              code: nullable(str('Which check refused it (unknown-event, wrong-state, role, guard, terminal).')),
            },
            ['event', 'title', 'to', 'allowed', 'reason', 'code'],
          ),
        ),
        description: 'Every transition out of the current state, with whether this user may take it and, if not, why.',
      },
      people: {
        type: 'object',
        description: 'Names of users the case mentions, by id.',
        additionalProperties: obj({ name: str(), email: str() }, ['name', 'email']),
      },
    },
    [
      'case',
      'program',
      'application',
      'determinations',
      'history',
      'notes',
      'documents',
      'messages',
      'deadlines',
      'availableTransitions',
      'transitions',
      'people',
      'team',
      'access',
    ],
  ),
  CaseEvent: obj(
    {
      id: str(),
      caseId: str(),
      at: str(),
      actorId: nullable(str()),
      event: str(),
      from: nullable(str()),
      to: str(),
      actions: arrayOf(engine('WorkflowAction')),
      reason: nullable(str('The decision reason given with the event (its id), or null.')),
    },
    ['id', 'at', 'actorId', 'event', 'from', 'to'],
  ),
  Document: obj(
    {
      id: str(),
      caseId: str(),
      name: str(),
      typeId: nullable(str('The program\u2019s document type.')),
      status: documentStatus,
      requestedAt: str(),
      receivedAt: nullable(str()),
      reviewedAt: nullable(str()),
      reviewedBy: nullable(str()),
      reason: nullable(str()),
      dueOn: nullable(str('The day the caseworker asked to have it by (YYYY-MM-DD).')),
      note: nullable(str('The caseworker\u2019s note to the applicant with the request.')),
      file: nullable(documentFile),
    },
    ['id', 'name', 'typeId', 'status', 'requestedAt', 'receivedAt', 'reviewedAt', 'reviewedBy', 'reason', 'file'],
  ),
  Message: obj(
    {
      id: str(),
      caseId: str(),
      to: str('e.g. applicant, a user id or role:supervisor.'),
      text: str(),
      at: str(),
      subject: nullable(str()),
      notice: nullable(str('The kind of program notice (approval, denial, …).')),
    },
    ['id', 'to', 'text', 'at', 'subject', 'notice'],
  ),
  NoteRequest: obj(
    {
      text: str(undefined, { minLength: 1, maxLength: 10000 }),
      visibility: {
        type: 'string',
        enum: ['organisation', 'team', 'person'],
        description:
          'Who reads it: the program\u2019s organisation (default for its staff), the case\u2019s team too (default for a team member of another organisation), or the person too (on the status page).',
      },
    },
    ['text'],
    false,
  ),
  Note: obj(
    { id: str(), caseId: str(), at: str(), authorId: str(), text: str(), visibility: { type: 'string', enum: ['organisation', 'team', 'person'] } },
    ['id', 'caseId', 'at', 'authorId', 'text', 'visibility'],
  ),
  TransitionRequest: obj(
    {
      event: str(undefined, { minLength: 1, maxLength: 100 }),
      revision: { type: 'integer', description: 'The case revision you saw; 409 if it changed.' },
      reason: str('The id of a decision reason the program lists for this event (workflow.decisionReasons); required when it lists any.', {
        minLength: 1,
        maxLength: 100,
      }),
      documents: {
        type: 'array',
        description:
          'For a transition that asks for documents: the program\u2019s document type ids (documents[].id) to ask for, at least one; without it the workflow\u2019s own list is asked for.',
        items: str(undefined, { minLength: 1, maxLength: 100 }),
        maxItems: 50,
      },
      dueOn: date('For a transition that asks for documents: the day they are due by, after today and not after the workflow\u2019s deadline.'),
      note: str('For a transition that asks for documents: a note to the applicant, e.g. which pay stubs.', { maxLength: 1000 }),
    },
    ['event'],
    false,
  ),
  TransitionPreview: obj(
    {
      event: str(),
      title: str('The action, in the request\u2019s language.'),
      to: str(),
      stateTitle: str('The state the case would move to, in the applicant\u2019s language.'),
      lang: str('The applicant\u2019s language, which the preview is in.'),
      decisionReason: nullable(
        obj({ id: str(), text: str('In the applicant\u2019s language.'), reference: nullable(engine('LegalReference')) }, [
          'id',
          'text',
          'reference',
        ]),
      ),
      reasons: arrayOf(engine('Reason')),
      messages: arrayOf(obj({ to: str(), text: str() }, ['to', 'text'])),
      reasonChoices: arrayOf(obj({ id: str(), title: str(), reference: nullable(engine('LegalReference')) }, ['id', 'title', 'reference'])),
    },
    ['event', 'title', 'to', 'stateTitle', 'lang', 'decisionReason', 'reasons', 'messages', 'reasonChoices'],
  ),
  CorrectionRequest: obj(
    {
      path: str('JSON Pointer of the answer to correct, e.g. /rent or /members/0/earnedIncome.', { minLength: 2, maxLength: 300, pattern: '^/' }),
      value: { description: 'The corrected answer; null removes it.' },
      note: str('Why the answer is corrected (required; kept as a case note).', { minLength: 1, maxLength: 10000 }),
      revision: { type: 'integer', description: 'The case revision you saw; 409 if it changed.' },
    },
    ['path', 'value', 'note'],
    false,
  ),
  Correction: obj(
    {
      id: str(),
      caseId: str(),
      at: str(),
      authorId: str(),
      noteId: str(),
      changes: arrayOf(obj({ path: str(), before: {}, after: {} }, ['path'])),
    },
    ['id', 'caseId', 'at', 'authorId', 'noteId', 'changes'],
  ),
  CorrectionResult: obj(
    {
      correction: ref('Correction'),
      previous: nullable(ref('DeterminationRecord')),
      determination: ref('DeterminationRecord'),
      case: ref('CaseSummary'),
    },
    ['correction', 'previous', 'determination', 'case'],
  ),
  TransitionResult: obj(
    { case: ref('CaseSummary'), event: ref('CaseEvent'), documents: arrayOf(ref('Document')), messages: arrayOf(ref('Message')) },
    ['case', 'event', 'documents', 'messages'],
  ),
  RedetermineRequest: obj(
    { version: { type: 'integer', minimum: 1, description: 'Default: the version in force today.' }, apply: { type: 'boolean' } },
    ['apply'],
    false,
  ),
  RedetermineResult: obj({ previous: nullable(ref('DeterminationRecord')), determination: ref('DeterminationRecord'), case: ref('CaseSummary') }, [
    'previous',
    'determination',
    'case',
  ]),

  ImpactRequest: obj(
    {
      version: { type: 'integer', minimum: 1, description: 'The changed version, usually the draft.' },
      against: { type: 'integer', minimum: 1, description: 'The version it would replace, usually the one in force.' },
      source: obj(
        {
          kind: { type: 'string', const: 'caseload' },
          states: {
            type: 'array',
            items: str(undefined, { minLength: 1, maxLength: 64 }),
            maxItems: 100,
            uniqueItems: true,
            description: 'Only cases in these workflow states; default every pending (non-terminal) state.',
          },
        },
        ['kind'],
        false,
      ),
      asOf: date('The as-of date of both evaluations; default today.'),
      by: str('Breakdown: a derived value, a form field or a JSON Pointer into the answers; default household size.', {
        minLength: 1,
        maxLength: 200,
      }),
      samples: { type: 'integer', minimum: 0, maximum: 20, description: 'Sample cases kept per kind of change; default 3.' },
    },
    ['version', 'against', 'source'],
    false,
  ),
  ImpactSummary: engine(
    'ImpactSummary',
    obj(
      {
        before: obj({ programId: str(), version: int, hash: str() }, ['programId', 'version', 'hash']),
        after: obj({ programId: str(), version: int, hash: str() }, ['programId', 'version', 'hash']),
        asOf: str(),
        by: nullable(str()),
        households: int,
        categories: { type: 'object', description: 'Households per kind of change (newly-eligible, amount-up, unchanged, …).' },
        amountSame: int,
        transitions: { type: 'object', description: 'Households per status change, keyed before→after.' },
        benefits: { type: 'object', description: 'Per benefit: recipients, yearly cents under each version, annual and monthly change.' },
        groups: { type: 'object', description: 'The same counts per group of the breakdown.' },
        histogram: { type: 'object', description: 'Per benefit, bins of the monthly change per recipient.' },
        histogramEdges: arrayOf({ type: 'number' }),
        sampleSize: int,
        samples: { type: 'object', description: 'Per kind of change, the first households with both determinations and their first difference.' },
      },
      [
        'before',
        'after',
        'asOf',
        'by',
        'households',
        'categories',
        'amountSame',
        'transitions',
        'benefits',
        'groups',
        'histogram',
        'histogramEdges',
        'sampleSize',
        'samples',
      ],
    ),
  ),
  ImpactJob: obj(
    {
      id: str(),
      programId: str(),
      version: int,
      against: int,
      source: {
        anyOf: [
          obj({ kind: { type: 'string', const: 'caseload' }, states: arrayOf(str()) }, ['kind', 'states']),
          obj({ kind: { type: 'string', const: 'population' }, format: { type: 'string', enum: ['jsonl', 'csv'] }, bytes: int }, [
            'kind',
            'format',
            'bytes',
          ]),
        ],
      },
      asOf: str(),
      by: nullable(str()),
      status: { type: 'string', enum: ['running', 'done', 'cancelled', 'failed'] },
      progress: obj({ done: int, total: nullable(int) }, ['done', 'total']),
      etaSeconds: nullable({ type: 'number' }),
      startedAt: str(),
      finishedAt: nullable(str()),
      startedBy: nullable(str()),
      summary: nullable(ref('ImpactSummary')),
      error: nullable(str()),
      problems: arrayOf(obj({ line: int, message: str() }, ['line', 'message'])),
    },
    [
      'id',
      'programId',
      'version',
      'against',
      'source',
      'asOf',
      'by',
      'status',
      'progress',
      'etaSeconds',
      'startedAt',
      'finishedAt',
      'startedBy',
      'summary',
      'error',
      'problems',
    ],
  ),
  ImpactJobStarted: obj({ job: ref('ImpactJob') }, ['job']),
  ImpactJobList: obj({ items: arrayOf(ref('ImpactJob')) }, ['items']),

  AuditList: arrayOf(
    obj(
      {
        seq: { type: 'integer' },
        at: str(),
        actorId: nullable(str()),
        action: str(),
        entity: str(),
        entityId: str(),
        details: { type: 'object' },
        prevHash: str(),
        hash: str(),
        mac: nullable(str('HMAC-SHA256 of hash under the audit key; null for entries written before a key was configured.')),
      },
      ['seq', 'at', 'action', 'entity', 'entityId', 'prevHash', 'hash'],
    ),
  ),
};
