/**
 * Routes (issue 16): organisations and their members (platform administrators; an organisation's administrators
 * for their own), which organisation runs a program (platform administrators), the team around a case and the
 * staff directory its team panel picks members from (caseworkers, supervisors, administrators).
 */
import type { RouteSpec } from '../route.ts';
import type { ServiceContext } from '../../services/context.ts';
import * as organisations from '../../services/organisations.ts';
import { listTeam, removeTeamMember, setTeamMember } from '../../services/case-team.ts';

const ADMINS = ['administrator', 'platform-administrator'] as const;
const CASE_ROLES = ['caseworker', 'supervisor', 'administrator'] as const;

/** The organisation, membership and case-team routes. */
export function organisationRoutes(ctx: ServiceContext): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/organisations',
      tag: 'organisations',
      access: ADMINS,
      summary: 'The organisations you administer (all of them for a platform administrator), with their programs',
      response: { status: 200, schema: 'OrganisationList', description: 'Organisations.' },
      handler: ({ user }) => organisations.listOrganisations(ctx, user!),
    },
    {
      method: 'post',
      path: '/api/organisations',
      tag: 'organisations',
      access: ['platform-administrator'],
      body: 'CreateOrganisationRequest',
      summary: 'Create an organisation',
      response: { status: 201, schema: 'Organisation', description: 'The organisation.' },
      errors: [409, 422],
      handler: ({ user, body }) => organisations.createOrganisation(ctx, user!, body),
    },
    {
      method: 'put',
      path: '/api/organisations/:id',
      tag: 'organisations',
      access: ADMINS,
      body: 'UpdateOrganisationRequest',
      summary: 'Rename an organisation (its administrators, or a platform administrator)',
      response: { status: 200, schema: 'Organisation', description: 'The organisation.' },
      errors: [404],
      handler: ({ user, params, body }) => organisations.renameOrganisation(ctx, user!, params.id, body.name),
    },
    {
      method: 'get',
      path: '/api/organisations/:id/members',
      tag: 'organisations',
      access: ADMINS,
      summary: 'The members of an organisation with their roles there',
      response: { status: 200, schema: 'MemberList', description: 'Members, by email.' },
      errors: [404],
      handler: ({ user, params }) => organisations.listMembers(ctx, user!, params.id),
    },
    {
      method: 'put',
      path: '/api/organisations/:id/members',
      tag: 'organisations',
      access: ADMINS,
      body: 'SetMemberRequest',
      summary: 'Add an account (by userId or email) to the organisation with roles, or change its roles there',
      description:
        'The account\u2019s roles become the union of its roles in every organisation. platform-administrator is not held in an organisation (422).',
      response: { status: 200, schema: 'Member', description: 'The membership.' },
      errors: [404, 422],
      handler: ({ user, params, body }) => organisations.setMember(ctx, user!, params.id, body),
    },
    {
      method: 'delete',
      path: '/api/organisations/:id/members/:userId',
      tag: 'organisations',
      access: ADMINS,
      summary: 'Remove a member from the organisation',
      response: { status: 204, schema: null, description: 'Removed.' },
      errors: [404, 422],
      handler: ({ user, params }) => organisations.removeMember(ctx, user!, params.id, params.userId),
    },
    {
      method: 'put',
      path: '/api/programs/:id/organisation',
      tag: 'organisations',
      access: ['platform-administrator'],
      body: 'ProgramOrganisationRequest',
      summary: 'Assign a program to the organisation that runs it',
      description: 'From then on only that organisation\u2019s members see and work the program\u2019s cases, applications and drafts.',
      response: { status: 200, schema: 'ProgramOrganisation', description: 'The assignment.' },
      errors: [404],
      handler: ({ user, params, body }) => organisations.assignProgram(ctx, user!, params.id, body.organisationId),
    },
    {
      method: 'get',
      path: '/api/staff-directory',
      tag: 'cases',
      access: CASE_ROLES,
      summary: 'Staff of every organisation (name and organisations), to add to a case team',
      response: { status: 200, schema: 'StaffDirectory', description: 'Staff, by name.' },
      handler: () => organisations.staffDirectory(ctx),
    },
    {
      method: 'get',
      path: '/api/cases/:id/team',
      tag: 'cases',
      access: CASE_ROLES,
      summary: 'The team around the case (members of several organisations)',
      response: { status: 200, schema: 'TeamList', description: 'The team, in the order members were added.' },
      errors: [404],
      handler: ({ user, params }) => listTeam(ctx, user!, params.id),
    },
    {
      method: 'put',
      path: '/api/cases/:id/team/:userId',
      tag: 'cases',
      access: CASE_ROLES,
      body: 'SetTeamMemberRequest',
      summary: 'Add a member to the case team with a role label, or change the label',
      description:
        'Staff of the organisation running the program only. A member from another organisation sees the case summary, status and the notes shared with the team, not the answers.',
      response: { status: 200, schema: 'TeamMember', description: 'The member.' },
      errors: [404, 422],
      handler: ({ user, params, body }) => setTeamMember(ctx, user!, params.id, params.userId, body.roleLabel),
    },
    {
      method: 'delete',
      path: '/api/cases/:id/team/:userId',
      tag: 'cases',
      access: CASE_ROLES,
      summary: 'Remove a member from the case team',
      response: { status: 204, schema: null, description: 'Removed.' },
      errors: [404],
      handler: ({ user, params }) => removeTeamMember(ctx, user!, params.id, params.userId),
    },
  ];
}
