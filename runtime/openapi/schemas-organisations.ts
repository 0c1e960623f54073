/**
 * The JSON Schemas of the organisation and case-team routes (issue 16); spread into `componentSchemas`.
 */
import { ROLES } from '../../engine/index.ts';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
const obj = (properties: Record<string, Schema>, required: string[] = [], additional = true): Schema => ({
  type: 'object',
  properties,
  required,
  ...(additional ? {} : { additionalProperties: false }),
});
const slug = str({
  pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
  minLength: 1,
  maxLength: 64,
  description: 'A slug: lowercase letters, digits, single hyphens.',
});
const name = str({ minLength: 1, maxLength: 200 });
const memberRoles: Schema = {
  type: 'array',
  items: { type: 'string', enum: ROLES.filter((r) => r !== 'platform-administrator') },
  uniqueItems: true,
  maxItems: 10,
};

/** Schemas of organisations, memberships and case teams. */
export const organisationSchemas: Record<string, Schema> = {
  Organisation: obj(
    {
      id: str(),
      name: str(),
      createdAt: str(),
      programs: { type: 'array', items: str(), description: 'The ids of the programs it runs.' },
      member: { type: 'boolean', description: 'The caller is a member.' },
      manages: { type: 'boolean', description: 'The caller administers it (or is a platform administrator).' },
    },
    ['id', 'name', 'createdAt'],
  ),
  OrganisationList: obj({ items: { type: 'array', items: ref('Organisation') } }, ['items']),
  CreateOrganisationRequest: obj({ id: slug, name }, ['id', 'name'], false),
  UpdateOrganisationRequest: obj({ name }, ['name'], false),
  ProgramOrganisationRequest: obj({ organisationId: slug }, ['organisationId'], false),
  ProgramOrganisation: obj({ programId: str(), organisationId: str() }, ['programId', 'organisationId']),
  Member: obj({ organisationId: str(), roles: memberRoles, user: ref('User') }, ['organisationId', 'roles', 'user']),
  MemberList: obj({ items: { type: 'array', items: ref('Member') } }, ['items']),
  SetMemberRequest: obj(
    {
      userId: str({ minLength: 1, maxLength: 100 }),
      email: str({ minLength: 3, maxLength: 320 }),
      roles: { ...memberRoles, minItems: 1 },
    },
    ['roles'],
    false,
  ),
  TeamMember: obj(
    {
      caseId: str(),
      userId: str(),
      name: str(),
      roleLabel: str(),
      organisations: { type: 'array', items: obj({ id: str(), name: str() }, ['id', 'name']) },
      addedBy: { anyOf: [str(), { type: 'null' }] },
      addedAt: str(),
    },
    ['caseId', 'userId', 'name', 'roleLabel', 'organisations', 'addedBy', 'addedAt'],
  ),
  StaffDirectory: obj(
    {
      items: {
        type: 'array',
        items: obj({ id: str(), name: str(), organisations: { type: 'array', items: obj({ id: str(), name: str() }, ['id', 'name']) } }, [
          'id',
          'name',
          'organisations',
        ]),
      },
    },
    ['items'],
  ),
  TeamList: obj({ items: { type: 'array', items: ref('TeamMember') } }, ['items']),
  SetTeamMemberRequest: obj({ roleLabel: str({ minLength: 1, maxLength: 100, description: 'e.g. "Volunteer coordinator".' }) }, ['roleLabel'], false),
};
