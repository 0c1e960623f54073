/**
 * The API schemas of networks of care (issue 16): sharing consents, prefilled answers, referrals, capacity and the
 * HSDS directory. Spread into `componentSchemas` (`schemas.ts`), in the same JSON Schema subset.
 */
type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string, extra: Schema = {}): Schema => ({ type: 'string', ...(description ? { description } : {}), ...extra });
const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });
const arrayOf = (items: Schema): Schema => ({ type: 'array', items });
const obj = (properties: Record<string, Schema>, required: string[] = [], additional = true): Schema => ({
  type: 'object',
  properties,
  required,
  ...(additional ? {} : { additionalProperties: false }),
});

const conceptId = str('A concept of the shared vocabulary (engine/format/concepts.ts), e.g. "person.name".', { minLength: 1, maxLength: 64 });
const labelled = obj({ id: str(), label: str() }, ['id', 'label']);
const confirmed = obj(
  { confirmed: { type: 'boolean', const: true, description: 'The person agreed to the statement of the sharing offer.' } },
  ['confirmed'],
  false,
);
const sharing = {
  concepts: { ...arrayOf(conceptId), maxItems: 20, uniqueItems: true, description: 'Which answers to share (absent: every one offered).' },
  until: str('Last day the consent holds (YYYY-MM-DD, at most a year ahead; absent: 90 days).', { maxLength: 10 }),
  consent: confirmed,
  lang: str(undefined, { maxLength: 16 }),
};
const status = { type: 'string', enum: ['pending', 'accepted', 'needs-client-action', 'in-progress', 'got-help', 'declined', 'cancelled'] };
const reason = { type: 'string', enum: ['could-not-contact', 'not-eligible', 'no-capacity', 'no-longer-interested', 'referred-elsewhere'] };
const capacity = { type: 'string', enum: ['open', 'waitlist', 'closed'] };
const source = obj(
  {
    applicationId: str('The earlier application.', { minLength: 1, maxLength: 64 }),
    resumeCode: str('Its resume code (proves it is the same person).', { minLength: 1, maxLength: 64 }),
  },
  ['applicationId', 'resumeCode'],
  false,
);
const contactWay = { type: 'string', enum: ['email', 'phone', 'text'], description: 'How the person prefers to be contacted.' };
const screeningAnswers = { type: 'object', maxProperties: 200, description: 'The screener’s answers (POST /api/screen), by question id.' };
const titled = obj({ title: str(), organisation: str() }, ['title', 'organisation']);

/** The component schemas of networks of care. */
export const referralSchemas: Record<string, Schema> = {
  SharingOffer: obj(
    {
      programId: str(),
      title: str(),
      source: obj({ programId: str(), title: str() }, ['programId', 'title']),
      organisation: obj({ id: str(), name: str() }, ['id', 'name']),
      concepts: arrayOf(labelled),
      until: str(),
      purpose: { type: 'string', enum: ['application', 'referral'] },
      statement: str('The words the person agrees to.'),
      lang: str(),
    },
    ['programId', 'title', 'source', 'organisation', 'concepts', 'until', 'purpose', 'statement', 'lang'],
  ),
  SharingConsentRequest: obj({ toProgramId: str(undefined, { minLength: 1, maxLength: 64 }), ...sharing }, ['toProgramId', 'consent'], false),
  SharingConsent: obj(
    {
      id: str(),
      programId: str(),
      program: str(),
      organisation: str(),
      concepts: arrayOf(labelled),
      purpose: str(),
      statement: str(),
      confirmedAt: str(),
      until: str(),
      state: { type: 'string', enum: ['in-force', 'withdrawn', 'ended'] },
      withdrawnAt: nullable(str()),
      shares: arrayOf(
        obj({ applicationId: nullable(str()), referralId: nullable(str()), concepts: arrayOf(str()), at: str() }, [
          'applicationId',
          'referralId',
          'concepts',
          'at',
        ]),
      ),
    },
    ['id', 'programId', 'program', 'organisation', 'concepts', 'purpose', 'statement', 'until', 'state', 'shares'],
  ),
  SharingConsentList: obj({ items: arrayOf(ref('SharingConsent')) }, ['items']),
  PrefillRequest: obj({ from: source, lang: str(undefined, { maxLength: 16 }) }, ['from'], false),
  Prefill: obj(
    {
      source: obj({ applicationId: str(), programId: str(), title: str(), organisation: str() }, [
        'applicationId',
        'programId',
        'title',
        'organisation',
      ]),
      fields: arrayOf(
        obj({ field: str(), concept: str(), conceptLabel: str(), title: str(), value: {} }, ['field', 'concept', 'conceptLabel', 'title', 'value']),
      ),
    },
    ['source', 'fields'],
  ),
  PrefillConfirmRequest: obj(
    {
      from: source,
      answers: { type: 'object', description: 'The prefilled answers the person confirmed (possibly corrected), by question id.' },
      revision: { type: 'integer' },
      lang: str(undefined, { maxLength: 16 }),
    },
    ['from', 'answers'],
    false,
  ),
  ReferralTargets: obj(
    {
      items: arrayOf(
        obj(
          {
            capacity,
            capacityNote: nullable(str()),
            programId: str(),
            title: str(),
            description: str(),
            organisation: obj({ id: str(), name: str() }, ['id', 'name']),
            concepts: arrayOf(labelled),
          },
          ['capacity', 'programId', 'title', 'organisation', 'concepts'],
        ),
      ),
    },
    ['items'],
  ),
  ReferralRequest: obj(
    { toProgramId: str(undefined, { minLength: 1, maxLength: 64 }), note: str(undefined, { maxLength: 2000 }), ...sharing },
    ['toProgramId', 'consent'],
    false,
  ),
  Referral: obj(
    {
      id: str(),
      fromProgramId: nullable(str('The referring program; null for a referral from the screener.')),
      fromApplicationId: nullable(str('The application it was made from; null for a referral from the screener.')),
      fromCaseId: nullable(str()),
      source: {
        type: 'string',
        enum: ['application', 'screening'],
        description: 'Made from an application (or its case), or from a screening result.',
      },
      contact: nullable(ref('ReferralContact')),
      toProgramId: str(),
      toOrganisationId: str(),
      consentId: str(),
      status,
      reason: nullable(reason),
      personName: str(),
      note: nullable(str()),
      referredBy: nullable(str()),
      targetApplicationId: nullable(str()),
      history: arrayOf(obj({ at: str(), status, reason: nullable(reason), note: nullable(str()), by: nullable(str()) }, ['at', 'status'])),
      revision: { type: 'integer' },
      createdAt: str(),
      updatedAt: str(),
      from: nullable(titled),
      to: titled,
      capacity,
      stale: { type: 'boolean', description: 'Open and unchanged for the configured number of days.' },
      idleDays: { type: 'integer' },
      sharedAnswers: arrayOf(
        obj(
          {
            concept: str(),
            label: str(),
            value: { description: "Shaped by the concept's type (engine `conceptSchema`): text, an ISO date, a number, a list of members." },
          },
          ['concept', 'label', 'value'],
        ),
      ),
    },
    [
      'id',
      'source',
      'fromProgramId',
      'fromApplicationId',
      'fromCaseId',
      'toProgramId',
      'consentId',
      'status',
      'reason',
      'personName',
      'note',
      'revision',
      'createdAt',
      'updatedAt',
      'from',
      'to',
      'capacity',
      'stale',
      'idleDays',
      'sharedAnswers',
      'history',
    ],
  ),
  ReferralContact: obj(
    {
      name: str('The name to ask for.', { minLength: 1, maxLength: 200 }),
      email: nullable(str(undefined, { maxLength: 254 })),
      phone: nullable(str(undefined, { maxLength: 32 })),
      preferred: contactWay,
      note: nullable(str(undefined, { maxLength: 500 })),
    },
    ['name', 'email', 'phone', 'preferred', 'note'],
  ),
  ScreeningReferralOfferRequest: obj(
    {
      toProgramId: str(undefined, { minLength: 1, maxLength: 64 }),
      answers: screeningAnswers,
      preferred: contactWay,
      until: sharing.until,
      lang: sharing.lang,
    },
    ['toProgramId', 'answers'],
    false,
  ),
  ScreeningReferralOffer: obj(
    {
      programId: str(),
      title: str(),
      organisation: obj({ id: str(), name: str() }, ['id', 'name']),
      capacity,
      capacityNote: nullable(str()),
      concepts: arrayOf(obj({ id: str(), label: str(), value: {} }, ['id', 'label', 'value'])),
      until: str(),
      purpose: { type: 'string', enum: ['referral'] },
      statement: str('The words the person agrees to.'),
      lang: str(),
    },
    ['programId', 'title', 'organisation', 'capacity', 'concepts', 'until', 'purpose', 'statement', 'lang'],
  ),
  ScreeningReferralRequest: obj(
    {
      toProgramId: str(undefined, { minLength: 1, maxLength: 64 }),
      answers: screeningAnswers,
      contact: obj(
        {
          name: str('The name to ask for.', { minLength: 1, maxLength: 200, pattern: '\\S' }),
          email: str(undefined, { maxLength: 254, pattern: '^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' }),
          phone: str(undefined, { maxLength: 32, pattern: '^$|^[0-9+()\\-. ]{7,32}$' }),
          preferred: contactWay,
          note: str('When to call, what to know first.', { maxLength: 500 }),
        },
        ['name', 'preferred'],
        false,
      ),
      note: str(undefined, { maxLength: 2000 }),
      ...sharing,
    },
    ['toProgramId', 'answers', 'contact', 'consent'],
    false,
  ),
  FollowedReferral: {
    allOf: [
      ref('Referral'),
      obj(
        {
          referralCode: str('Given once, when the referral is made: the person follows it with this code (X-Referral-Code).'),
          consent: obj(
            {
              id: str(),
              statement: str('The statement exactly as the person agreed to it (the record), in `lang`.'),
              lang: str('The language the statement was shown and agreed in (`en`, `es`).'),
              until: str(),
              state: { type: 'string', enum: ['in-force', 'withdrawn', 'ended'] },
              withdrawnAt: nullable(str()),
            },
            ['id', 'statement', 'lang', 'until', 'state', 'withdrawnAt'],
          ),
        },
        ['consent'],
      ),
    ],
  },
  ReferralList: obj({ items: arrayOf(ref('Referral')) }, ['items']),
  ReferralInbox: obj({ received: arrayOf(ref('Referral')), sent: arrayOf(ref('Referral')), staleDays: { type: 'integer' } }, [
    'received',
    'sent',
    'staleDays',
  ]),
  ReferralUpdateRequest: obj(
    {
      status,
      reason,
      note: str(undefined, { maxLength: 2000 }),
      revision: { type: 'integer', description: 'The revision you saw; 409 when it changed since.' },
      lang: str(undefined, { maxLength: 16 }),
    },
    ['status', 'revision'],
    false,
  ),
  Capacity: obj({ programId: str(), capacity, note: nullable(str()), updatedAt: nullable(str()), updatedBy: nullable(str()) }, [
    'programId',
    'capacity',
  ]),
  CapacityRequest: obj({ capacity, note: str(undefined, { maxLength: 500 }) }, ['capacity'], false),
  HsdsServicePage: obj(
    {
      total_items: { type: 'integer' },
      total_pages: { type: 'integer' },
      page_number: { type: 'integer' },
      size: { type: 'integer' },
      first_page: { type: 'boolean' },
      last_page: { type: 'boolean' },
      empty: { type: 'boolean' },
      contents: arrayOf({ type: 'object', description: 'An Open Referral HSDS 3.1 service with its organization.' }),
    },
    ['total_items', 'contents'],
  ),
};
