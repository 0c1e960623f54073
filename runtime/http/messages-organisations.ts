/**
 * The HTTP error words of organisations and case teams (issue 16). English and Spanish; spread into `HTTP_MESSAGES`.
 */
import type { Entry } from '../../engine/index.ts';

/** Entries of `HTTP_MESSAGES` for organisations, memberships, case teams and note visibility. */
export const ORGANISATION_ENTRIES = {
  'organisation.program': {
    text: {
      en: (p) =>
        `The program "${p.programId}" is run by the organisation "${p.organisationId}", and you are not a member of it. Ask an administrator of that organisation to add you, or work on your own organisation's programs.`,
      es: (p) =>
        `El programa "${p.programId}" lo administra la organización "${p.organisationId}", y usted no es miembro de ella. Pida a un administrador de esa organización que lo agregue, o trabaje con los programas de su propia organización.`,
    },
  },
  'organisation.not-admin': {
    text: {
      en: (p) => `Only an administrator of the organisation "${p.organisationId}" (or a platform administrator) may do this. Ask one of them.`,
      es: (p) =>
        `Solo un administrador de la organización "${p.organisationId}" (o un administrador de la plataforma) puede hacer esto. Pídaselo a uno de ellos.`,
    },
  },
  'organisation.platform-role': {
    text: {
      en: () =>
        'The role platform-administrator is not held in an organisation: leave it out of "roles" here, and grant it on the account (PUT /api/users/:id) as a platform administrator.',
      es: () =>
        'El rol platform-administrator no se tiene dentro de una organización: quítelo de "roles" aquí y, como administrador de la plataforma, asígnelo en la cuenta (PUT /api/users/:id).',
    },
  },
  'organisation.platform-grant': {
    text: {
      en: () => 'Only a platform administrator may grant or remove the role platform-administrator. Leave it as it is, or ask one.',
      es: () => 'Solo un administrador de la plataforma puede asignar o quitar el rol platform-administrator. Déjelo como está o pídaselo a uno.',
    },
  },
  'organisation.bad-id': {
    text: {
      en: (p) => `"${p.id}" is not a valid organisation id: use lowercase letters, digits and single hyphens, e.g. community-food-bank-org.`,
      es: (p) =>
        `"${p.id}" no es un id de organización válido: use letras minúsculas, dígitos y guiones simples, por ejemplo community-food-bank-org.`,
    },
  },
  'organisation.member-who': {
    text: {
      en: () => 'Say who to add: give "userId" or "email" of an existing account (create accounts with POST /api/users).',
      es: () => 'Indique a quién agregar: dé "userId" o "email" de una cuenta existente (las cuentas se crean con POST /api/users).',
    },
  },
  'organisation.audit': {
    text: {
      en: () => 'The audit log covers every organisation of this installation: with several organisations only a platform administrator reads it.',
      es: () =>
        'El registro de auditoría abarca todas las organizaciones de esta instalación: cuando hay varias, solo un administrador de la plataforma puede leerlo.',
    },
  },
  'team.not-staff': {
    text: {
      en: (p) => `The user "${p.userId}" is not a member of any organisation, so they cannot join a case team. Add them to an organisation first.`,
      es: (p) =>
        `El usuario "${p.userId}" no es miembro de ninguna organización, así que no puede unirse al equipo de un caso. Agréguelo primero a una organización.`,
    },
  },
  'team.read-only': {
    text: {
      en: (p) =>
        `You are on the team of case ${p.caseId} for another organisation: you may read its summary and the notes shared with the team, and add notes for the team, but not do this. Ask the organisation running the program ("${p.organisationId}").`,
      es: (p) =>
        `Usted forma parte del equipo del caso ${p.caseId} por otra organización: puede leer su resumen y las notas compartidas con el equipo, y agregar notas para el equipo, pero no hacer esto. Pídaselo a la organización que administra el programa ("${p.organisationId}").`,
    },
  },
  'team.note-visibility': {
    text: {
      en: () =>
        'As a team member from another organisation you write notes for the team: send "visibility": "team" (or leave it out), not "organisation" or "person".',
      es: () =>
        'Como miembro del equipo de otra organización, usted escribe notas para el equipo: envíe "visibility": "team" (o no lo envíe), no "organisation" ni "person".',
    },
  },
} satisfies Record<string, Entry>;
