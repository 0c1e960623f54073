/**
 * The words of workflow refusals (`transition.*`: why an event cannot be performed on a case), in every language
 * the server speaks. State and transition titles arrive in params already in the reader's language.
 */
import { catalogue, orList } from './catalogue.ts';

const quote = (s: unknown): string => `"${s}"`;
const quoted = (v: unknown): string[] => (Array.isArray(v) ? v.map(quote) : []);
const names = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** Workflow refusal messages, English and Spanish. */
export const WORKFLOW_MESSAGES = catalogue('workflow refusals', ['en', 'es'], {
  'transition.unknown-event': {
    severity: 'error',
    text: {
      en: (p) => `There is no event ${quote(p.event)} in this workflow; its events are ${quoted(p.events).join(', ') || '(none)'}.`,
      es: (p) => `Este flujo de trabajo no tiene el evento ${quote(p.event)}; sus eventos son ${quoted(p.events).join(', ') || '(ninguno)'}.`,
    },
  },
  'transition.terminal': {
    severity: 'error',
    text: {
      en: (p) => `The case is ${quote(p.state)}, a final state: no further action is possible.`,
      es: (p) => `El caso está en ${quote(p.state)}, un estado final: no se puede hacer nada más.`,
    },
  },
  'transition.wrong-state': {
    severity: 'error',
    text: {
      en: (p) => `${p.action} is not possible while the case is ${quote(p.state)}; it is allowed only from ${orList(quoted(p.allowed))}.`,
      es: (p) => `${p.action} no es posible mientras el caso está en ${quote(p.state)}; solo se permite desde ${orList(quoted(p.allowed), 'o')}.`,
    },
  },
  'transition.role': {
    severity: 'error',
    text: {
      en: (p) =>
        `Only a ${orList(names(p.roles))} may ${String(p.action).toLowerCase()} here; you are ${names(p.actorRoles).length ? orList(names(p.actorRoles)) : 'signed in without a role'}.`,
      es: (p) =>
        `Solo ${orList(names(p.roles), 'o')} puede hacer «${p.action}» aquí; usted tiene ${names(p.actorRoles).length ? `el rol ${orList(names(p.actorRoles), 'o')}` : 'una sesión sin rol'}.`,
    },
  },
  /** The guard's own message, from the program (already in the reader's language when translated). */
  'transition.guard': {
    severity: 'error',
    text: { en: (p) => String(p.message), es: (p) => String(p.message) },
  },
});

/** A code of `WORKFLOW_MESSAGES`. */
export type WorkflowRefusalCode = keyof typeof WORKFLOW_MESSAGES.entries;
