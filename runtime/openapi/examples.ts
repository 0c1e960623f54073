/**
 * One example per request body of the API, taken from the shipped programs' real data: the us-snap FY2026 test
 * households for answers, its publication metadata for requesting publication and publishing, the community food
 * bank's whole document for creating a program. `build.ts` publishes them in the OpenAPI document;
 * `tests/runtime/api/openapi.test.ts` checks each against its own schema.
 */
import foodBankBenefits from '../../programs/community-food-bank/benefits.json' with { type: 'json' };
import foodBankDerived from '../../programs/community-food-bank/derived.json' with { type: 'json' };
import foodBankForm from '../../programs/community-food-bank/form.json' with { type: 'json' };
import foodBankParameters from '../../programs/community-food-bank/parameters.json' with { type: 'json' };
import foodBankProgram from '../../programs/community-food-bank/program.json' with { type: 'json' };
import foodBankRules from '../../programs/community-food-bank/rules.json' with { type: 'json' };
import foodBankWorkflow from '../../programs/community-food-bank/workflow.json' with { type: 'json' };
import snapProgram from '../../programs/us-snap/fy2026/program.json' with { type: 'json' };
import snapCases from '../../programs/us-snap/fy2026/tests/cases.json' with { type: 'json' };
import snapWorkflow from '../../programs/us-snap/fy2026/workflow.json' with { type: 'json' };

const household = snapCases[0];
const secondHousehold = snapCases[1] ?? household;

/** Request body schema name → an example body that the schema accepts. */
export const requestExamples: Record<string, unknown> = {
  LoginRequest: { email: 'caseworker@mandate.local', password: 'choose-a-password' },
  CreateUserRequest: { email: 'dana.reyes@mandate.local', name: 'Dana Reyes', roles: ['caseworker'], password: 'a long passphrase' },
  UpdateUserRequest: { roles: ['caseworker', 'supervisor'] },
  ProgramDocument: {
    ...foodBankProgram,
    ...foodBankForm,
    ...foodBankParameters,
    ...foodBankDerived,
    ...foodBankRules,
    ...foodBankBenefits,
    ...foodBankWorkflow,
  },
  FromTemplateRequest: {
    template: 'food-parcel',
    id: 'harbour-pantry',
    title: 'Harbour Pantry weekly parcels',
    owner: 'Harbour Pantry',
    languages: ['en', 'es'],
    effectiveFrom: '2026-12-01',
    titleTranslations: { es: 'Paquetes semanales de Harbour Pantry' },
  },
  EvaluateRequest: { answers: household.input, date: household.date, partial: false, lang: 'en' },
  PublicationRequestBody: { changelog: snapProgram.changelog, effectiveFrom: snapProgram.effectiveFrom, inFlight: snapProgram.inFlight, revision: 3 },
  RejectPublicationRequest: {
    reason: `The FY2026 amounts take effect on ${snapProgram.effectiveFrom}; check the shelter deduction cap against the notice and request again.`,
  },
  // Publishing a requested draft (maker-checker, the default): the terms are the request's; the reviewer confirms the
  // revision they reviewed. (With makerChecker off, an administrator sends the terms instead.)
  PublishRequest: { revision: 3 },
  SettingsRequest: { makerChecker: true, revision: 1 },
  StartApplicationRequest: { programId: snapProgram.id, lang: 'es', onBehalfOf: 'Rosa Díaz', consent: { confirmed: true } },
  SaveAnswersRequest: { answers: secondHousehold.input, revision: 1, lang: 'en' },
  ResumeRequest: { resumeCode: 'K7QM-2XWD-9HTR-4PLA' },
  SubmitRequest: { statusFactor: { kind: 'date-of-birth', dateOfBirth: '1990-04-02' } },
  StatusOpenRequest: { resumeCode: 'K7QM-2XWD-9HTR-4PLA', dateOfBirth: '1990-04-02' },
  EmailCodeRequest: { resumeCode: 'K7QM-2XWD-9HTR-4PLA' },
  DocumentReviewRequest: { status: 'rejected', reason: 'The pay stub is from March; send the ones for the last 30 days.' },
  ScreenRequest: { answers: household.input, date: household.date, lang: 'en' },
  NoteRequest: { text: 'Called the applicant: the pay stubs for September will be uploaded this week.' },
  TransitionRequest: { event: 'deny', reason: snapWorkflow.workflow.decisionReasons[0].id, revision: 2 },
  CorrectionRequest: {
    path: '/members/0/earnedIncome',
    value: 1450,
    note: 'The pay stubs uploaded on 3 October show $1,450 a month, not $1,200 as entered.',
    revision: 3,
  },
  RedetermineRequest: { version: snapProgram.version, apply: false },
  // Re-basing a state's layer on the base's newest published version (the default): from its version 1.
  RebaseRequest: { from: 1 },
  ImpactRequest: {
    version: snapProgram.version,
    against: snapProgram.version - 1,
    source: { kind: 'caseload', states: ['submitted', 'interview-scheduled'] },
    asOf: snapProgram.effectiveFrom,
    by: 'householdSize',
    samples: 3,
  },
  // Networks of care (issue 16)
  SharingConsentRequest: {
    toProgramId: 'community-food-bank',
    concepts: ['person.name', 'household.size'],
    until: '2026-06-30',
    consent: { confirmed: true },
    lang: 'es',
  },
  PrefillRequest: { from: { applicationId: '3f6c1a8e-2b7d-4e1a-9c5f-0d2b8a7e6f41', resumeCode: 'K7QM-2XWD-9HTR-4PLA' } },
  PrefillConfirmRequest: {
    from: { applicationId: '3f6c1a8e-2b7d-4e1a-9c5f-0d2b8a7e6f41', resumeCode: 'K7QM-2XWD-9HTR-4PLA' },
    answers: { name: 'Ana Ruiz', householdSize: 2 },
    revision: 1,
  },
  ReferralRequest: { toProgramId: 'community-food-bank', consent: { confirmed: true }, note: 'Needs food this week.' },
  ScreeningReferralOfferRequest: {
    toProgramId: 'community-food-bank',
    answers: { householdSize: 2, monthlyIncome: 1200 },
    preferred: 'phone',
    lang: 'es',
  },
  ScreeningReferralRequest: {
    toProgramId: 'community-food-bank',
    answers: { householdSize: 2, monthlyIncome: 1200, zipCode: '02905' },
    contact: { name: 'Ana Ruiz', phone: '401-555-0134', preferred: 'phone', note: 'After 5 pm.' },
    concepts: ['household.size', 'income.monthly'],
    until: '2026-06-30',
    consent: { confirmed: true },
    lang: 'es',
  },
  ReferralUpdateRequest: { status: 'declined', reason: 'no-capacity', note: 'Our waiting list is full.', revision: 2 },
  CapacityRequest: { capacity: 'waitlist', note: 'About two weeks.' },
  // Organisations and case teams (issue 16)
  CreateOrganisationRequest: { id: 'housing-advocates', name: 'Housing advocates' },
  UpdateOrganisationRequest: { name: 'Community food bank' },
  ProgramOrganisationRequest: { organisationId: 'community-food-bank-org' },
  SetMemberRequest: { email: 'dana.reyes@mandate.local', roles: ['caseworker', 'supervisor'] },
  SetTeamMemberRequest: { roleLabel: 'Volunteer coordinator' },
};
