/**
 * Checks of what an applicant receives after submitting (issue 15): the program's notices (placeholders a notice
 * can fill; every notice a notify action names exists; a defined notice is sent), its document types (unique ids;
 * every request-documents action names known ones) and its contact questions (top-level questions of the right kind).
 */
import { pointer } from '../format/pointer.ts';
import { NOTICE_KINDS, NOTICE_PLACEHOLDERS } from '../workflow/actions.ts';
import type { CheckContext } from './context.ts';
import { suggest } from './suggest.ts';

/** A notice text's placeholders: a notice is sent from the case, so it fills only the case's own names. */
export function checkNoticeText(ctx: CheckContext, text: string, path: string): void {
  for (const match of text.matchAll(/\{([^{}]+)\}/g)) {
    const name = match[1].trim();
    if ((NOTICE_PLACEHOLDERS as readonly string[]).includes(name)) continue;
    ctx.report('template.unknown-notice-name', path, { name, allowed: NOTICE_PLACEHOLDERS, suggestion: suggest(name, NOTICE_PLACEHOLDERS) });
  }
}

/** Adds the diagnostics of notices, document types and contact questions. */
export function checkAfterSubmission(ctx: CheckContext): void {
  const program = ctx.program;
  const notices = program.notices ?? {};
  for (const [kind, notice] of Object.entries(notices)) {
    if (!notice) continue;
    checkNoticeText(ctx, notice.subject, pointer('notices', kind, 'subject'));
    checkNoticeText(ctx, notice.body, pointer('notices', kind, 'body'));
  }
  const documents = program.documents ?? [];
  const firstById = new Map<string, number>();
  documents.forEach((d, i) => {
    const first = firstById.get(d.id);
    if (first !== undefined) ctx.report('document.duplicate-id', pointer('documents', i, 'id'), { id: d.id, first: first + 1, second: i + 1 });
    else firstById.set(d.id, i);
  });
  const available = [...firstById.keys()];
  const sent = new Set<string>(['result-changed']);
  program.workflow.transitions.forEach((t, i) => {
    t.actions.forEach((action, j) => {
      const at = pointer('workflow', 'transitions', i, 'actions', j);
      if (action.type === 'notify' && typeof action.notice === 'string') {
        sent.add(action.notice);
        if (!notices[action.notice as keyof typeof notices])
          ctx.report('notice.unknown', `${at}/notice`, { event: t.event, notice: action.notice, kinds: NOTICE_KINDS });
      }
      if (action.type === 'request-documents' && Array.isArray(action.documents)) {
        action.documents.forEach((id, k) => {
          if (typeof id === 'string' && !firstById.has(id))
            ctx.report('document.unknown-type', `${at}/documents/${k}`, { event: t.event, id, available, suggestion: suggest(id, available) });
        });
      }
    });
  });
  (program.workflow.deadlines ?? []).forEach((d, i) => {
    if (!d.reminderDays) return;
    sent.add('deadline-reminder');
    const at = pointer('workflow', 'deadlines', i, 'reminderDays');
    if (!d.applicantTitle) ctx.report('deadline.reminder-staff-only', at, { id: d.id });
    else if (!notices['deadline-reminder']) ctx.report('deadline.reminder-without-notice', at, { id: d.id });
  });
  for (const kind of Object.keys(notices)) if (!sent.has(kind)) ctx.report('notice.unused', pointer('notices', kind), { kind });
  const topLevel = Object.keys(program.form.schema.properties ?? {});
  const expected = {
    email: ['string', 'a text question'],
    phone: ['string', 'a text question'],
    consent: ['boolean', 'a yes/no question'],
  } as const;
  for (const role of ['email', 'phone', 'consent'] as const) {
    const field = program.contact?.[role];
    if (field === undefined) continue;
    const schema = (program.form.schema.properties as Record<string, { type?: unknown }> | undefined)?.[field];
    if (!schema) {
      ctx.report('contact.unknown-field', pointer('contact', role), { role, field, suggestion: suggest(field, topLevel) });
      continue;
    }
    if (schema.type !== expected[role][0])
      ctx.report('contact.wrong-type', pointer('contact', role), {
        role,
        field,
        actual: `of type ${String(schema.type)}`,
        expected: expected[role][1],
      });
  }
}
