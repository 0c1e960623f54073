/**
 * Every word of every definition diagnostic, in one place (a catalogue of engine/messages/catalogue.ts).
 *
 * Each entry gives a code its default severity and a message built from the diagnostic's params. A message says
 * where (the thing named, beyond the JSON Pointer the diagnostic already carries), what is wrong, and how to fix it.
 * `diagnostic(code, path, params)` is the only way validation code makes a diagnostic, so a code with no words here
 * cannot be emitted. These texts are for analysts writing definitions and are written in English only; a Spanish
 * text per entry can be added as data (declare 'es' in the catalogue's languages).
 */
import { catalogue, list, q, type Entry, type Params } from './catalogue.ts';
import type { Diagnostic, Severity } from '../format/types.ts';

const near = (p: Params): string => (p.suggestion ? ` Did you mean ${q(p.suggestion)}?` : '');

/** Message words and default severity for every definition diagnostic code. */
export const DEFINITION_MESSAGES = catalogue('definition diagnostics', ['en'], {
  // The document as a whole
  'document.not-object': {
    severity: 'error',
    text: {
      en: (p) =>
        `The program document is ${p.actual}, not a JSON object. A program is an object with id, title, form, parameters, rules and workflow; see engine/format/program.v1.json.`,
    },
  },
  'document.json-syntax': {
    severity: 'error',
    text: {
      en: (p) =>
        `${p.file} is not valid JSON: ${p.detail} (line ${p.line}, column ${p.column}). Fix the syntax there; a missing comma or a trailing comma is the usual cause.`,
    },
  },
  'document.file-shape': {
    severity: 'error',
    text: { en: (p) => `${p.file} must hold ${p.expected}, but holds ${p.actual}. Put ${p.expected} at the top level of the file.` },
  },
  'document.missing-file': {
    severity: 'error',
    text: { en: (p) => `The program folder has no ${p.file}, so the program has no "${p.key}". Add ${p.file} holding { "${p.key}": ... }.` },
  },
  'document.no-program': {
    severity: 'error',
    text: { en: (p) => `No program found in ${p.dir}: expected a program.json there, or folders of versions each holding one.` },
  },
  'document.date-invalid': {
    severity: 'error',
    text: { en: (p) => `${q(p.value)} is not a calendar date. Write dates as YYYY-MM-DD with a real month and day, e.g. "2025-10-01".` },
  },
  'metadata.effective-range': {
    severity: 'error',
    text: {
      en: (p) =>
        `effectiveTo ${p.effectiveTo} is before effectiveFrom ${p.effectiveFrom}. Make effectiveTo the last day this version applies, on or after effectiveFrom.`,
    },
  },

  // Programs that extend programs (engine/extend/)
  'extends.unresolved': {
    severity: 'error',
    text: {
      en: (p) =>
        `This version extends ${p.base} version ${p.version}: it is only its own parts, so it is checked together with its base. Validate its folder (the base is found among the sibling program folders, programs/${p.base}/) or publish it where ${p.base} version ${p.version} is published.`,
    },
  },
  'extends.base-not-found': {
    severity: 'error',
    text: {
      en: (p) =>
        `The base ${p.base} version ${p.version} was not found${p.where ? ` in ${p.where}` : ''}${p.available ? ` (versions there: ${p.available})` : ''}. ${p.publish ? `Publish ${p.base} version ${p.version} first, or` : 'Add it, or'} change /extends to a version that exists.`,
    },
  },
  'extends.base-invalid': {
    severity: 'error',
    text: {
      en: (p) =>
        `The base ${p.base} version ${p.version} has errors (the first at ${p.first}), so this layer cannot be resolved. Fix the base first: mandate validate on its folder lists them.`,
    },
  },
  'extends.base-mismatch': {
    severity: 'error',
    text: {
      en: (p) =>
        `/extends names ${q(p.expected)} ${p.what}, but the base given is ${q(p.actual)}. Make /extends/${p.field} ${q(p.actual)}, or resolve the layer on ${q(p.expected)}.`,
    },
  },
  'extends.hash-mismatch': {
    severity: 'error',
    text: {
      en: (p) =>
        `The base ${p.base} version ${p.version} has the content hash ${p.actual}, not ${p.expected} as /extends/hash says: the base changed since this layer was written. Review the layer against the base found, then set /extends/hash to ${p.actual} (or remove it).`,
    },
  },
  'extends.cycle': {
    severity: 'error',
    text: {
      en: (p) =>
        `Programs extend each other in a circle: ${p.cycle}. A base must be a complete program or a layer on another base; break the circle.`,
    },
  },
  'extends.override-missing': {
    severity: 'error',
    text: {
      en: (p) =>
        `The base ${p.base} has no ${p.kind} ${q(p.name)}, so there is nothing to override.${near(p)} To add one, put it under ${p.addPath}.`,
    },
  },
  'extends.add-clash': {
    severity: 'error',
    text: {
      en: (p) =>
        `The base ${p.base} already has a ${p.kind} ${q(p.name)}: an added one would clash with it. To replace the base's, put it under ${p.overridePath}; to keep both, choose another name.`,
    },
  },
  'extends.add-twice': {
    severity: 'error',
    text: { en: (p) => `The layer adds the ${p.kind} ${q(p.name)} twice (also at ${p.other}). Keep one of them.` },
  },
  'extends.page-unknown': {
    severity: 'error',
    text: {
      en: (p) => `There is no page ${q(p.page)} in the base ${p.base} or among the added pages.${near(p)} Name one of: ${list(p.pages as string[])}.`,
    },
  },
  'extends.question-needs': {
    severity: 'error',
    text: {
      en: (p) =>
        `The added question ${q(p.name)} has no ${q(p.missing)}. An added question needs its JSON Schema ("schema") and the id of the page it is asked on ("page").`,
    },
  },
  'extends.inherited-edited': {
    severity: 'error',
    text: {
      en: (p) =>
        `${p.path} is inherited from ${p.base} version ${p.version} and was edited in the resolved document; the edit would be lost. Write the change in the layer instead, under /layer/override (to replace a base part) or /layer/add (to add one).`,
    },
  },

  // Schema of the format (ajv errors translated)
  'schema.required': {
    severity: 'error',
    text: {
      en: (p) => `${p.where} is missing the required property ${q(p.property)}. Add it${p.hint ? ` (${String(p.hint).replace(/\.$/, '')})` : ''}.`,
    },
  },
  'schema.additional-property': {
    severity: 'error',
    text: {
      en: (p) =>
        `${p.where} has the property ${q(p.property)}, which the format does not allow. Remove it or fix its spelling; allowed here: ${list(p.allowed)}.${near(p)}`,
    },
  },
  'schema.type': {
    severity: 'error',
    text: { en: (p) => `${p.where} is ${p.actual} but must be ${p.expected}. Change the value to ${p.expected}.` },
  },
  'schema.enum': {
    severity: 'error',
    text: { en: (p) => `${p.where} is ${q(p.value)}, which is not allowed. Use one of ${list(p.allowed)}.${near(p)}` },
  },
  'schema.const': {
    severity: 'error',
    text: { en: (p) => `${p.where} must be ${q(p.expected)}, not ${q(p.value)}. Set it to ${q(p.expected)}.` },
  },
  'schema.pattern': {
    severity: 'error',
    text: { en: (p) => `${p.where} is ${q(p.value)}, which is not ${p.expected}. ${p.fix}` },
  },
  'schema.key-pattern': {
    severity: 'error',
    text: { en: (p) => `The name ${q(p.value)} in ${p.where} is not ${p.expected}. ${p.fix}` },
  },
  'schema.format': {
    severity: 'error',
    text: {
      en: (p) =>
        `${p.where} is ${q(p.value)}, which is not a valid ${p.format}. ${p.format === 'date' ? 'Write it as YYYY-MM-DD with a real month and day.' : `Write a valid ${p.format}.`}`,
    },
  },
  'schema.too-few': {
    severity: 'error',
    text: { en: (p) => `${p.where} has fewer than ${p.limit} ${p.what}. Add at least ${p.limit}.` },
  },
  'schema.too-small': {
    severity: 'error',
    text: { en: (p) => `${p.where} is ${q(p.value)} but must be ${p.comparison} ${p.limit}. Change it.` },
  },
  'schema.not-unique': {
    severity: 'error',
    text: { en: (p) => `${p.where} lists the same item twice (items ${p.i} and ${p.j}). Remove the duplicate.` },
  },
  'schema.invalid': {
    severity: 'error',
    text: { en: (p) => `${p.where} does not fit the format: ${p.detail}. See the description of this property in engine/format/program.v1.json.` },
  },

  // The form
  'form.schema-invalid': {
    severity: 'error',
    text: { en: (p) => `The form schema is not a valid JSON Schema (draft-07) at ${p.where}: ${p.detail}. Fix the keyword there.` },
  },
  'form.schema-strict': {
    severity: 'error',
    text: {
      en: (p) =>
        `The form schema does not compile in ajv strict mode: ${p.detail}. ${p.keyword ? `Keyword ${q(p.keyword)} is not JSON Schema; move display hints like units and widgets to the uiSchema ("ui:options").` : 'Fix the schema at this place.'}`,
    },
  },
  'form.not-object': {
    severity: 'error',
    text: { en: () => `The form schema must describe an object ("type": "object") with "properties", one per question. Add them.` },
  },
  'form.concept-unknown': {
    severity: 'error',
    text: {
      en: (p) =>
        `Question ${q(p.field)} names the concept ${q(p.concept)}, which is not in the shared vocabulary.${near(p)} Concepts: ${list(p.concepts)}.`,
    },
  },
  'form.concept-field-unknown': {
    severity: 'error',
    text: {
      en: (p) => `form.concepts names ${q(p.field)}, which is not a top-level question of form.schema.${near(p)} Mark one of the form's questions.`,
    },
  },
  'form.concept-type': {
    severity: 'error',
    text: {
      en: (p) =>
        `Question ${q(p.field)} is marked ${q(p.concept)}, whose answers need ${p.expected}. Change the question's type or mark it with another concept.`,
    },
  },
  'form.concept-twice': {
    severity: 'error',
    text: {
      en: (p) => `Questions ${q(p.first)} and ${q(p.field)} are both marked ${q(p.concept)}. Mark one question per concept.`,
    },
  },
  'form.field-untitled': {
    severity: 'warning',
    text: {
      en: (p) =>
        `Form field ${q(p.field)} has no "title". Add a title: intake pages and explanations name fields by their title, never by their key.`,
    },
  },
  'form.field-no-page': {
    severity: 'error',
    text: { en: (p) => `Form field ${q(p.field)} is on no page, so applicants are never asked it. Add ${q(p.field)} to the "fields" of one page.` },
  },
  'form.field-two-pages': {
    severity: 'error',
    text: { en: (p) => `Form field ${q(p.field)} is on ${p.count} pages (${list(p.pages)}). Keep it in the "fields" of exactly one page.` },
  },
  // The screener and the referral (issue 15)
  'screener.unknown-question': {
    severity: 'error',
    text: {
      en: (p) =>
        `The screener asks ${q(p.question)}, which is not a question of the form.${near(p)} List the names of top-level form fields in screener.questions, or leave "screener" out to ask what the rules need.`,
    },
  },
  'referral.placeholder': {
    severity: 'warning',
    text: {
      en: (p) =>
        `The referral's ${p.field} ${q(p.text)} looks like a placeholder (${p.why}); applicants would read it as it is. Write who takes applications and how to reach them, or leave the referral's ${p.field} out.`,
    },
  },
  'form.page-unknown-field': {
    severity: 'error',
    text: {
      en: (p) =>
        `Page ${q(p.page)} lists ${q(p.field)}, which is not a property of the form schema.${near(p)} Add the property to form.schema.properties or remove it from the page.`,
    },
  },
  'form.field-not-collected': {
    severity: 'error',
    text: {
      en: (p) =>
        `${p.where} needs ${q(p.field)}${p.of ? ` of each item of ${q(p.of)}` : ''}, which the form never collects.${near(p)} Add it to the form schema${p.of ? ` (${p.of} items' properties)` : ''} or fix the name.`,
    },
  },
  'form.optional-needed': {
    severity: 'warning',
    text: {
      en: (p) =>
        `The question ${q(p.question)}${p.title ? ` ("${p.title}")` : ''} is optional, but ${p.by} needs its answer: left blank, the result is "needs more information" and the applicant has no way to give it. Make it required (add ${q(
          String(p.question)
            .split(/[.[\]]+/)
            .filter(Boolean)
            .pop(),
        )} to "required" beside it), give it a "default", or, if a blank answer is meant, say why at ${p.uiPath}: "ui:options": { "mayStayBlank": "<why>" }.`,
    },
  },
  'form.unknown-widget': {
    severity: 'error',
    text: {
      en: (p) =>
        `${p.where} names the widget ${q(p.widget)}, which the pages do not have for a question of type ${q(p.type)} (${q(p.question)}): the page would show nothing.${near(p)} Use one of ${list(p.allowed)}, or remove "ui:widget" for the default.`,
    },
  },
  'form.ui-unknown-key': {
    severity: 'warning',
    text: {
      en: (p) =>
        `The uiSchema has options for ${q(p.key)} under ${q(p.question)}, but the form has no question ${q(p.key)} there, so they are ignored.${near(p)} Fix the name, or remove the entry.`,
    },
  },
  'form.ui-order-unknown': {
    severity: 'warning',
    text: {
      en: (p) =>
        `"ui:order" of ${q(p.question)} lists ${q(p.name)}, which is not a question there.${near(p)} Fix the name, or remove it from the list.`,
    },
  },
  'form.pattern-backtracking': {
    severity: 'error',
    text: {
      en: (p) =>
        `The pattern ${q(p.pattern)} (${p.where}) can backtrack catastrophically: one crafted answer would keep the page or the server busy for seconds or more. Rewrite it without a repetition inside a repetition or alternatives that overlap (for example "(a+)+" → "a+", "(\\w+\\s?)*" → "[\\w\\s]*"), or use a "format" or "maxLength" instead.`,
    },
  },
  'form.pattern-unsupported': {
    severity: 'error',
    text: {
      en: (p) =>
        `The pattern ${q(p.pattern)} (${p.where}) cannot run on the linear-time engine every pattern runs on (${p.detail}). Rewrite it without backreferences (\\1) or lookarounds ((?=…), (?!…)), or use a "format" or "maxLength" instead.`,
    },
  },
  'form.pattern-undecided': {
    severity: 'warning',
    text: {
      en: (p) =>
        `The pattern ${q(p.pattern)} (${p.where}) is too complex to check for catastrophic backtracking in ${p.ms} ms. Simplify it (fewer nested or overlapping repetitions), or replace it with a "format" or "maxLength".`,
    },
  },
  'form.page-duplicate-id': {
    severity: 'error',
    text: { en: (p) => `Two pages have the id ${q(p.id)} (pages ${p.first} and ${p.second}). Give each page its own id.` },
  },

  // Formulas and references
  'formula.parse': {
    severity: 'error',
    text: { en: (p) => `${p.where} does not parse: ${p.detail} at character ${p.index} ("${p.excerpt}"). Fix the expression there.` },
  },
  'formula.unknown-identifier': {
    severity: 'error',
    text: {
      en: (p) =>
        `${p.where} uses ${q(p.name)}, which is neither a form field nor a derived value.${near(p)} Define it in "derived", add it to the form, or fix the name.`,
    },
  },
  'formula.bare-number': {
    severity: 'warning',
    text: {
      en: (p) =>
        `${p.where} contains the bare number ${p.value}. Amounts belong in parameters (dated and sourced): add a parameter and use ${p.inRule ? '{ "param": "name" }' : "param('name')"} instead.`,
    },
  },
  'reference.unknown-fact': {
    severity: 'error',
    text: {
      en: (p) =>
        `${p.where} names the fact ${q(p.name)}, which is neither a form field nor a derived value${p.guard ? '' : ' nor "param:<name>"'}.${near(p)} ${p.guard ? 'Workflow guards know only the facts "actor" and "case".' : 'Fix the name or define it.'}`,
    },
  },
  'reference.unknown-parameter': {
    severity: 'error',
    text: { en: (p) => `${p.where} uses the parameter ${q(p.name)}, which is not defined.${near(p)} Add it to "parameters" or fix the name.` },
  },
  'parameter.table-without-key': {
    severity: 'error',
    text: {
      en: (p) => `${p.where} uses the table parameter ${q(p.name)} without a key. Tables need a row key: param('${p.name}', ${p.keyHint ?? 'key'}).`,
    },
  },
  'parameter.scalar-with-key': {
    severity: 'error',
    text: {
      en: (p) =>
        `${p.where} looks up the ${p.type} parameter ${q(p.name)} with a key, but only tables have rows. Remove the key: param('${p.name}').`,
    },
  },
  'parameter.table-in-condition': {
    severity: 'error',
    text: {
      en: (p) =>
        `${p.where} uses the table parameter ${q(p.name)} directly; a condition cannot give it a key. Add a derived value "param('${p.name}', key)" and compare with { "fact": thatValue }.`,
    },
  },
  'parameter.no-value': {
    severity: 'error',
    text: {
      en: (p) =>
        `Parameter ${q(p.name)} has no value in force on ${p.date} (${p.why}); its earliest value starts ${p.earliest}. Add a value dated on or before ${p.date}.`,
    },
  },
  'parameter.value-shape': {
    severity: 'error',
    text: {
      en: (p) =>
        `The value of ${p.type} parameter ${q(p.name)} from ${p.date} is ${p.actual}, but a ${p.type} value must be ${p.expected}. Change the value or the parameter's "type".`,
    },
  },
  'parameter.table-key': {
    severity: 'error',
    text: {
      en: (p) =>
        `Table parameter ${q(p.name)} has the row key ${q(p.key)} on ${p.date}; row keys must be whole numbers written as strings, e.g. "1". Rename the row.`,
    },
  },
  'parameter.key-on-non-table': {
    severity: 'warning',
    text: { en: (p) => `Parameter ${q(p.name)} has a "key" but is not a table. Remove "key" or set "type": "table".` },
  },
  'parameter.unused': {
    severity: 'info',
    text: { en: (p) => `Parameter ${q(p.name)} is not used by any formula, rule, benefit or deadline. Remove it if it is not needed.` },
  },

  // Derived values
  'derived.cycle': {
    severity: 'error',
    text: {
      en: (p) =>
        `Derived values depend on each other in a cycle: ${(p.cycle as string[]).join(' → ')}. Break the cycle: one of them must be computed without the others.`,
    },
  },
  'derived.shadows-field': {
    severity: 'error',
    text: { en: (p) => `Derived value ${q(p.name)} has the same name as a form field. Rename one of them: a formula could not tell them apart.` },
  },

  // Rules and conditions
  'rule.duplicate-id': {
    severity: 'error',
    text: { en: (p) => `Two rules have the id ${q(p.id)} (rules ${p.first} and ${p.second}). Give each rule its own id.` },
  },
  'condition.unknown-operator': {
    severity: 'error',
    text: { en: (p) => `${p.where} uses the operator ${q(p.name)}, which has no implementation.${near(p)} Use one of ${list(p.available)}.` },
  },
  'condition.member-operator-nested': {
    severity: 'error',
    text: {
      en: (p) =>
        `${p.where} nests the member-wise operator ${q(p.name)} inside a member condition. Use a plain operator (equal, greaterThan, ...) for the item test.`,
    },
  },
  'condition.member-value': {
    severity: 'error',
    text: {
      en: (p) =>
        `${p.where} uses the member-wise operator ${q(p.name)}, whose value must be { "field": ..., "operator": ..., "value": ... }. Write the test applied to each item there.`,
    },
  },
  'condition.bad-path': {
    severity: 'error',
    text: { en: (p) => `${p.where} uses the path ${q(p.path)}, which is not of the simple form. Write it as "$.a.b[0].c".` },
  },
  'condition.member-not-array': {
    severity: 'error',
    text: {
      en: (p) =>
        `${p.where} applies ${q(p.operator)} to ${q(p.fact)}, which is not a list. Member-wise operators need a repeating group (an array of objects) such as "members".`,
    },
  },
  'condition.member-field-unknown': {
    severity: 'error',
    text: {
      en: (p) =>
        `${p.where} tests the field ${q(p.field)} of each item of ${q(p.fact)}, but those items have no such property.${near(p)} Use one of ${list(p.available)}.`,
    },
  },
  'condition.member-value-misplaced': {
    severity: 'error',
    text: {
      en: (p) =>
        `${p.where} uses a member test { field, operator, value } with the operator ${q(p.operator)}, which is not member-wise. Use anyMember, allMembers or noMember, or compare with a plain value.`,
    },
  },
  'condition.unknown-shared': {
    severity: 'error',
    text: {
      en: (p) =>
        `${p.where} refers to the shared condition ${q(p.name)}, which the program's "conditions" does not define.${near(p)} Add it to "conditions" or use one of ${list(p.available)}.`,
    },
  },
  'condition.shared-cycle': {
    severity: 'error',
    text: {
      en: (p) =>
        `Shared conditions refer to each other in a cycle: ${(p.cycle as string[]).join(' → ')}. Break the cycle: one of them must be written without referring back.`,
    },
  },
  'condition.shared-unused': {
    severity: 'warning',
    text: {
      en: (p) =>
        `The shared condition ${q(p.name)} is not used by any rule, waiver, page or guard. Refer to it with { "condition": ${q(p.name)} } or remove it.`,
    },
  },
  'condition.null-value': {
    severity: 'warning',
    text: {
      en: (p) =>
        `${p.where} compares with null using ${q(p.operator)}. Mandate treats null as a missing answer, so this condition is never decided (unlike json-rules-engine, where it tests for null). To test that the answer is ${p.operator === 'equal' ? 'missing, write "operator": "isNotSet"' : 'given, write "operator": "isSet"'} instead (its value is not read).`,
    },
  },
  'template.unknown-name': {
    severity: 'error',
    text: {
      en: (p) =>
        `The message ${p.where} uses {${p.name}}, which is neither a form field nor a derived value.${near(p)} Use a known name or remove the placeholder.`,
    },
  },

  'template.unknown-notice-name': {
    severity: 'error',
    text: {
      en: (p) =>
        `The notice ${p.where} uses {${p.name}}, which a notice cannot fill: a notice is sent from the case and fills only ${list(p.allowed)}.${near(p)} Use one of those, or write the words out.`,
    },
  },

  // After submission (issue 15): notices, document types, contact questions
  'notice.unknown': {
    severity: 'error',
    text: {
      en: (p) =>
        `The notify action of transition ${q(p.event)} names the notice ${q(p.notice)}, which the program does not define. Add it under "notices" (${list(p.kinds)}), or write the words in "template".`,
    },
  },
  'notice.unused': {
    severity: 'warning',
    text: {
      en: (p) =>
        `The notice ${q(p.kind)} is defined but no transition sends it (the re-determination job sends "result-changed", the scheduler "deadline-reminder" for a deadline with reminderDays). Name it in a notify action ({ "type": "notify", "to": "applicant", "notice": ${q(p.kind)} }) or remove it.`,
    },
  },
  'deadline.reminder-staff-only': {
    severity: 'error',
    text: {
      en: (p) =>
        `The deadline ${q(p.id)} sends reminders (reminderDays) but has no applicantTitle, so the applicant is never told of it. Give it an applicantTitle (e.g. "Send your documents by") or remove reminderDays.`,
    },
  },
  'deadline.reminder-without-notice': {
    severity: 'error',
    text: {
      en: (p) =>
        `The deadline ${q(p.id)} sends reminders (reminderDays) but the program has no "deadline-reminder" notice to send. Add notices["deadline-reminder"] with a subject and a body (it may use {dueOn} and {documents}), or remove reminderDays.`,
    },
  },
  'document.unknown-type': {
    severity: 'error',
    text: {
      en: (p) =>
        `The request-documents action of transition ${q(p.event)} asks for ${q(p.id)}, which is not one of the program's document types.${near(p)} Add it under "documents" with its title, accepted types and largest size, or use one of ${list(p.available)}.`,
    },
  },
  'document.duplicate-id': {
    severity: 'error',
    text: { en: (p) => `Two document types have the id ${q(p.id)} (documents ${p.first} and ${p.second}). Give each its own id.` },
  },
  'contact.unknown-field': {
    severity: 'error',
    text: {
      en: (p) =>
        `"contact.${p.role}" names the question ${q(p.field)}, which is not a top-level question of the form.${near(p)} Name the question that holds the ${p.role === 'consent' ? 'yes/no consent to be contacted' : p.role}.`,
    },
  },
  'contact.wrong-type': {
    severity: 'error',
    text: {
      en: (p) =>
        `"contact.${p.role}" names the question ${q(p.field)}, which is ${p.actual}; it must be ${p.expected}. Name a question of that kind.`,
    },
  },

  // Benefits
  'benefit.duplicate-id': {
    severity: 'error',
    text: { en: (p) => `Two benefits have the id ${q(p.id)} (benefits ${p.first} and ${p.second}). Give each benefit its own id.` },
  },

  // Workflow
  'workflow.unknown-initial': {
    severity: 'error',
    text: { en: (p) => `The workflow's initial state ${q(p.state)} is not one of its states.${near(p)} Set "initial" to one of ${list(p.states)}.` },
  },
  'workflow.unknown-state': {
    severity: 'error',
    text: {
      en: (p) =>
        `Transition ${q(p.event)} ${p.side === 'from' ? 'starts from' : 'leads to'} the state ${q(p.state)}, which is not defined.${near(p)} Add it to workflow.states or use one of ${list(p.states)}.`,
    },
  },
  'workflow.unreachable': {
    severity: 'error',
    text: {
      en: (p) =>
        `Workflow state ${q(p.state)} cannot be reached from the initial state ${q(p.initial)}: no chain of transitions leads there. Add a transition to it, or remove the state.`,
    },
  },
  'workflow.dead-end': {
    severity: 'warning',
    text: {
      en: (p) =>
        `Workflow state ${q(p.state)} is not terminal but no transition leaves it, so cases there are stuck. Add a transition out of it, or mark it "terminal": true.`,
    },
  },
  'workflow.terminal-exit': {
    severity: 'warning',
    text: {
      en: (p) =>
        `Workflow state ${q(p.state)} is terminal, yet transition ${q(p.event)} leaves it; that transition can never run. Remove ${q(p.state)} from its "from", or make the state non-terminal.`,
    },
  },
  'workflow.duplicate-transition': {
    severity: 'error',
    text: {
      en: (p) =>
        `Two transitions handle the event ${q(p.event)} from the state ${q(p.state)} (transitions ${p.first} and ${p.second}); the outcome would be ambiguous. Keep one, or use different events.`,
    },
  },
  'workflow.unknown-action': {
    severity: 'error',
    text: {
      en: (p) =>
        `Transition ${q(p.event)} has an action of type ${q(p.type)}, which has no implementation.${near(p)} Use one of ${list(p.available)}.`,
    },
  },
  'workflow.action-params': {
    severity: 'error',
    text: { en: (p) => `The ${q(p.type)} action of transition ${q(p.event)} has bad parameters: ${p.detail}. Expected: ${p.expected}.` },
  },
  'workflow.unknown-role': {
    severity: 'error',
    text: { en: (p) => `${p.where} names the role ${q(p.role)}, which does not exist.${near(p)} Roles: ${list(p.roles)}.` },
  },
  'workflow.guard-fact': {
    severity: 'error',
    text: {
      en: (p) =>
        `The guard of transition ${q(p.event)} tests the fact ${q(p.name)}; guards know only "actor" ({ id, roles }) and "case" ({ state, assignee, performedBy, determination, data }). Use one of those with a "path".`,
    },
  },
  'workflow.deadline-unknown-state': {
    severity: 'error',
    text: {
      en: (p) => `Deadline ${q(p.id)} names the state ${q(p.state)} in "${p.field}", which is not defined.${near(p)} Use one of ${list(p.states)}.`,
    },
  },
  'workflow.deadline-unknown-parameter': {
    severity: 'error',
    text: {
      en: (p) =>
        `Deadline ${q(p.id)} takes its days from the parameter ${q(p.name)}, which is not defined.${near(p)} Add it to "parameters" or fix the name.`,
    },
  },
  'workflow.deadline-duplicate-id': {
    severity: 'error',
    text: { en: (p) => `Two deadlines have the id ${q(p.id)}. Give each deadline its own id.` },
  },
  'workflow.reason-duplicate-id': {
    severity: 'error',
    text: { en: (p) => `Two decision reasons have the id ${q(p.id)}. Give each reason its own id: it is what the case records.` },
  },
  'workflow.reason-unknown-event': {
    severity: 'error',
    text: {
      en: (p) => `Decision reason ${q(p.id)} is for the event ${q(p.event)}, which no transition has.${near(p)} Use one of ${list(p.events)}.`,
    },
  },

  // Translations
  'translation.missing': {
    severity: 'warning',
    text: {
      en: (p) =>
        `The ${p.lang} translation of ${q(p.text)} (${p.pointer}) is missing. Add "${p.pointer}" to translations.${p.lang}; until then ${p.lang} readers see English.`,
    },
  },
  'translation.stale': {
    severity: 'warning',
    text: {
      en: (p) =>
        `The ${p.lang} translation of ${p.pointer} was written for the English ${q(p.before)}, but that text is now ${q(p.after)}, so ${q(p.text)} may no longer say the same. Translate the new text and set its "source" to the new English (the studio's Translations tab does both); if the translation is still correct, only set "source" ("Mark as still correct" in the studio).`,
    },
  },
  'translation.source-unrecorded': {
    severity: 'info',
    text: {
      en: (p) =>
        `translations.${p.lang} has ${p.count} plain-string translation${p.count === 1 ? '' : 's'}, which record${p.count === 1 ? 's' : ''} no English source, so a later change of the English text cannot be reported as stale. Once the ${p.lang} texts are reviewed as current, run \`mandate translations stamp <program-folder>\` (or edit them in the studio's Translations tab) to rewrite them as { "text", "source" }.`,
    },
  },
  'translation.unknown-path': {
    severity: 'warning',
    text: {
      en: (p) =>
        `translations.${p.lang} has a text for ${p.pointer}, which points at no translatable text in the program.${near(p)} Fix the pointer or remove the entry.`,
    },
  },
  'translation.undeclared-language': {
    severity: 'warning',
    text: {
      en: (p) =>
        `translations has texts for ${q(p.lang)}, which is not in "languages". Add ${q(p.lang)} to "languages" or remove these translations.`,
    },
  },

  // Compiling
  'compile.failed': {
    severity: 'error',
    text: {
      en: (p) =>
        `The program passed validation but could not be compiled: ${p.detail}. Fix the part this points at; if the definition looks right, report it as an engine bug with this message.`,
    },
  },

  // Test cases
  'test.duplicate-name': {
    severity: 'error',
    text: { en: (p) => `Two test cases have the name ${q(p.name)} (cases ${p.first} and ${p.second}). Give each case its own sentence.` },
  },
  'test.unknown-name': {
    severity: 'error',
    text: { en: (p) => `Test case ${q(p.test)} expects a ${p.kind} named ${q(p.name)}, which the program does not define.${near(p)} Fix the name.` },
  },
  'test.date-out-of-range': {
    severity: 'warning',
    text: { en: (p) => `Test case ${q(p.test)} is dated ${p.date}, ${p.why}. Date the case inside this version's effective period.` },
  },
});

/** The entries of `DEFINITION_MESSAGES`, by code. */
export const MESSAGES = DEFINITION_MESSAGES.entries;

/** A diagnostic code that has words in `MESSAGES`. */
export type MessageCode = keyof typeof MESSAGES;

/** Builds the diagnostic for `code` at `path` (a JSON Pointer), with the message from `MESSAGES` and the given params. */
export function diagnostic(code: MessageCode, path: string, params: Params = {}, severity?: Severity): Diagnostic {
  const entry: Entry<'en'> = MESSAGES[code];
  const text = DEFINITION_MESSAGES.render(code, params);
  return { code, severity: severity ?? entry.severity ?? 'error', path, message: text.startsWith('the ') ? `T${text.slice(1)}` : text, params };
}
