/**
 * The words of every HTTP error the runtime answers with, in every language the server speaks (a catalogue of
 * engine/messages/catalogue.ts). Services throw `HttpError(status, code, words(key, params))`; the error middleware renders
 * the key in the caller's language. Keys are the response codes, with a suffix where one code has several wordings
 * (`bad-query.date`).
 */
import { catalogue, orList, q, type Lang, type Params } from '../../engine/index.ts';
import { AFTER_SUBMISSION_ENTRIES } from './messages-after.ts';
import { ORGANISATION_ENTRIES } from './messages-organisations.ts';

/** Nouns for "no such thing", with the negative article Spanish needs. */
const NOUNS = {
  program: { en: 'program', es: 'ningún programa' },
  'program version': { en: 'program version', es: 'ninguna versión de programa' },
  'program-version': { en: 'program version', es: 'ninguna versión de programa' },
  'published program version': { en: 'published program version', es: 'ninguna versión publicada de programa' },
  'published version of program': { en: 'published version of program', es: 'ninguna versión publicada del programa' },
  application: { en: 'application', es: 'ninguna solicitud' },
  case: { en: 'case', es: 'ningún caso' },
  user: { en: 'user', es: 'ningún usuario' },
  session: { en: 'session', es: 'ninguna sesión' },
  document: { en: 'document', es: 'ningún documento' },
  determination: { en: 'determination', es: 'ninguna determinación' },
  audit: { en: 'audit entry', es: 'ninguna entrada de auditoría' },
  job: { en: 're-determination job', es: 'ningún trabajo de nueva determinación' },
  'impact job': { en: 'impact job', es: 'ningún trabajo de impacto' },
  consent: { en: 'consent to share answers', es: 'ningún consentimiento para compartir respuestas' },
  referral: { en: 'referral', es: 'ninguna derivación' },
  // Organisations (issue 16)
  organisation: { en: 'organisation', es: 'ninguna organización' },
  membership: { en: 'membership (organisation/user)', es: 'ninguna membresía (organización/usuario)' },
  'team-member': { en: 'team member (case/user)', es: 'ningún miembro del equipo (caso/usuario)' },
} satisfies Record<string, Record<Lang, string>>;
/** A thing that can be not found (`notFound(what, id)`), in `NOUNS`. */
export type Noun = keyof typeof NOUNS;
const noun = (p: Params, lang: Lang): string => (Object.hasOwn(NOUNS, String(p.what)) ? NOUNS[p.what as Noun][lang] : String(p.what));

/** Why a zip entry's name is refused (`zip-unsafe-name`), as the end of a sentence about the entry. */
const UNSAFE_NAMES = {
  absolute: { en: 'is an absolute path', es: 'es una ruta absoluta' },
  backslash: { en: 'contains a backslash', es: 'contiene una barra invertida' },
  climbs: { en: 'climbs out of the folder with ".."', es: 'sale de la carpeta con ".."' },
} satisfies Record<string, Record<Lang, string>>;
/** A reason a zip entry's name is refused, in `UNSAFE_NAMES`. */
export type UnsafeName = keyof typeof UNSAFE_NAMES;

/** What a failing test case compared (engine `TestFailure.what`: `eligibility`, `benefit <id>`, …), in Spanish. */
const COMPARED_ES: Record<string, string> = {
  eligibility: 'elegibilidad',
  benefit: 'prestación',
  reason: 'motivo',
  value: 'valor',
  missing: 'datos que faltan',
  error: 'error',
};
const comparedEs = (what: string): string => {
  const [first, ...rest] = what.split(' ');
  return Object.hasOwn(COMPARED_ES, first) ? [COMPARED_ES[first], ...rest].join(' ') : what;
};
interface Failure {
  what: string;
  expected: unknown;
  actual: unknown;
}
/** A failing test case's failures, each worded by `say`, joined with semicolons. */
const failures = (p: Params, say: (f: Failure) => string): string => (Array.isArray(p.failures) ? (p.failures as Failure[]) : []).map(say).join('; ');
const names = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
/** The messages of the diagnostics the error carries (rendered first, in the same language), up to `n`. */
const firstOf = (p: Params, n: number): string => names(p.diagnostics).slice(0, n).join(' ');
/** Names quoted as they are: `"a", "b"`. */
const quoted = (v: unknown): string =>
  names(v)
    .map((n) => `"${n}"`)
    .join(', ');
/** The values a query parameter accepts, as `name=value` choices joined by `or`. */
const choices = (p: Params, or?: string): string =>
  orList(
    names(p.allowed).map((a) => `${p.name}=${a}`),
    or,
  );
/** A program's publication-request address. */
const requestPath = (p: Params): string => `/api/programs/${p.programId}/draft/publication-request`;

/** HTTP error messages, English and Spanish. */
export const HTTP_MESSAGES = catalogue('HTTP errors', ['en', 'es'], {
  // Requests the server cannot read
  'bad-request': {
    text: { en: (p) => `The request cannot be understood: ${p.detail}.`, es: (p) => `No se puede entender la solicitud: ${p.detail}.` },
  },
  'malformed-json': {
    text: {
      en: (p) => `The request body is not valid JSON: ${p.detail}. Send a JSON document.`,
      es: (p) => `El cuerpo de la solicitud no es JSON válido (${p.detail}). Envíe un documento JSON.`,
    },
  },
  'body-too-large': {
    text: {
      en: (p) => `The request body is larger than the limit of ${p.limit} bytes. Send less data.`,
      es: (p) => `El cuerpo de la solicitud supera el límite de ${p.limit} bytes. Envíe menos datos.`,
    },
  },
  'unsupported-encoding': {
    text: { en: (p) => `${p.detail}. Send UTF-8 JSON.`, es: (p) => `Codificación no admitida (${p.detail}). Envíe JSON en UTF-8.` },
  },
  'unsupported-media-type': {
    text: {
      en: (p) => `The request body has Content-Type "${p.type || '(none)'}"; send it as application/json.`,
      es: (p) => `El cuerpo de la solicitud tiene Content-Type "${p.type || '(ninguno)'}"; envíelo como application/json.`,
    },
  },
  'request-aborted': {
    text: { en: () => 'The request was aborted before its body arrived.', es: () => 'La solicitud se interrumpió antes de que llegara su cuerpo.' },
  },
  'forbidden-key': {
    text: {
      en: (p) =>
        p.in === 'query'
          ? `The query string has a forbidden parameter at ${p.at}. Remove it: keys named __proto__, constructor, prototype or starting with $ are not accepted.`
          : `The request body has a forbidden key at ${p.at}. Remove it: keys named __proto__, constructor, prototype or starting with $ (other than JSON Schema keywords) are not accepted.`,
      es: (p) =>
        `${p.in === 'query' ? 'La cadena de consulta tiene un parámetro prohibido' : 'El cuerpo de la solicitud tiene una clave prohibida'} en ${p.at}. Quítelo: no se aceptan claves llamadas __proto__, constructor, prototype ni que empiecen por $${p.in === 'query' ? '' : ' (salvo palabras clave de JSON Schema)'}.`,
    },
  },
  'bad-query.integer': {
    text: {
      en: (p) =>
        `${p.where === 'path' ? 'Path' : 'Query'} parameter ${p.name}="${p.value}" is not a whole number; write it in digits, like ${p.name}=10.`,
      es: (p) =>
        `El parámetro ${p.where === 'path' ? 'de ruta' : 'de consulta'} ${p.name}="${p.value}" no es un número entero; escríbalo en cifras, como ${p.name}=10.`,
    },
  },
  'bad-query.range': {
    text: {
      en: (p) =>
        `${p.where === 'path' ? 'Path' : 'Query'} parameter ${p.name}=${p.value} is outside ${p.min}..${p.max}; use a whole number in that range.`,
      es: (p) =>
        `El parámetro ${p.where === 'path' ? 'de ruta' : 'de consulta'} ${p.name}=${p.value} está fuera de ${p.min}..${p.max}; use un número entero en ese intervalo.`,
    },
  },
  'bad-path': {
    text: {
      en: (p) =>
        `The path ${p.path} is not valid percent-encoding (a "%" must be followed by two hexadecimal digits of UTF-8). Encode it with encodeURIComponent.`,
      es: (p) =>
        `La ruta ${p.path} no tiene una codificación porcentual válida (tras "%" deben ir dos cifras hexadecimales de UTF-8). Codifíquela con encodeURIComponent.`,
    },
  },
  'lone-surrogate': {
    text: {
      en: (p) =>
        `The ${p.in === 'query' ? 'query string' : 'request body'} has text at ${p.at} with a lone UTF-16 surrogate (half of a character), which cannot be stored. Send well-formed Unicode text.`,
      es: (p) =>
        `${p.in === 'query' ? 'La cadena de consulta' : 'El cuerpo de la solicitud'} tiene en ${p.at} un texto con un sustituto UTF-16 aislado (medio carácter), que no se puede guardar. Envíe texto Unicode bien formado.`,
    },
  },
  'nul-character': {
    text: {
      en: (p) =>
        `The ${p.in === 'path' ? 'path' : p.in === 'query' ? 'query string' : 'request body'} has the character U+0000 (NUL) at ${p.at}, which cannot be stored. Remove it from the text.`,
      es: (p) =>
        `${p.in === 'path' ? 'La ruta' : p.in === 'query' ? 'La cadena de consulta' : 'El cuerpo de la solicitud'} tiene el carácter U+0000 (NUL) en ${p.at}, que no se puede guardar. Quítelo del texto.`,
    },
  },
  'bad-query.boolean': {
    text: {
      en: (p) => `Query parameter ${p.name}="${p.value}" must be true or false.`,
      es: (p) => `El parámetro de consulta ${p.name}="${p.value}" debe ser true o false.`,
    },
  },
  'bad-query.date': {
    text: {
      en: (p) => `Query parameter ${p.name}="${p.value}" is not a real YYYY-MM-DD date; write a day of the calendar, like ${p.name}=2025-10-01.`,
      es: (p) =>
        `El parámetro de consulta ${p.name}="${p.value}" no es una fecha AAAA-MM-DD real; escriba un día del calendario, como ${p.name}=2025-10-01.`,
    },
  },
  'bad-query.enum': {
    text: {
      en: (p) => `Query parameter ${p.name}="${p.value}" is not known; use ${choices(p)}.`,
      es: (p) => `El parámetro de consulta ${p.name}="${p.value}" no es un valor admitido; use ${choices(p, 'o')}.`,
    },
  },
  'application.step': {
    text: {
      en: (p) => `step "${p.value}" is not a page of this application's form: use ${orList(names(p.allowed).map((n) => `"${n}"`))}.`,
      es: (p) =>
        `step "${p.value}" no es una página del formulario de esta solicitud: use ${orList(
          names(p.allowed).map((n) => `"${n}"`),
          'o',
        )}.`,
    },
  },
  'dashboard.period': {
    text: {
      en: (p) => `The period is empty: from=${p.from} is after to=${p.to}. Give a "from" date on or before the "to" date.`,
      es: (p) => `El período está vacío: from=${p.from} es posterior a to=${p.to}. Indique una fecha "from" igual o anterior a la fecha "to".`,
    },
  },
  'dashboard.abandoned-days': {
    text: {
      en: (p) =>
        `Query parameter abandonedDays="${p.value}" must be a whole number of days from 1 to 365 (a draft not saved for that long counts as abandoned).`,
      es: (p) =>
        `El parámetro de consulta abandonedDays="${p.value}" debe ser un número entero de días de 1 a 365 (un borrador que no se guarda durante ese tiempo cuenta como abandonado).`,
    },
  },
  'settings.export-column': {
    text: {
      en: (p) =>
        `exportColumns/${p.index} "${p.value}" is not a column of the dashboard export. Use ${orList(names(p.allowed))}, or "answer:<question>" for an answer (e.g. "answer:householdSize").`,
      es: (p) =>
        `exportColumns/${p.index} "${p.value}" no es una columna de la exportación del panel. Use ${orList(names(p.allowed), 'o')}, o "answer:<pregunta>" para una respuesta (p. ej. "answer:householdSize").`,
    },
  },
  'bad-version': {
    text: {
      en: (p) => `"${p.value}" is not a version: use a number, "current" or "draft".`,
      es: (p) => `"${p.value}" no es una versión: use un número, "current" o "draft".`,
    },
  },
  'bad-version.number': {
    text: { en: (p) => `"${p.value}" is not a version number.`, es: (p) => `"${p.value}" no es un número de versión.` },
  },
  'invalid-request': {
    text: {
      en: (p) => `The request ${p.where} does not match ${p.schema}: ${firstOf(p, 1)}`,
      es: (p) => `El ${p.where === 'body' ? 'cuerpo' : p.where} de la solicitud no corresponde a ${p.schema}: ${firstOf(p, 1)}`,
    },
  },

  // Who is asking
  unauthenticated: {
    text: {
      en: () => 'Sign in first: send a session cookie or an Authorization: Bearer token.',
      es: () => 'Inicie sesión primero: envíe una cookie de sesión o un token Authorization: Bearer.',
    },
  },
  'bad-credentials': {
    text: {
      en: () => 'The email or password is not right, or the account is disabled.',
      es: () => 'El correo electrónico o la contraseña no son correctos, o la cuenta está desactivada.',
    },
  },
  'too-many-requests': {
    text: {
      en: (p) =>
        p.what === 'starts'
          ? `Too many applications started from this address (at most ${p.limit} an hour). Wait ${p.seconds} seconds and try again, or resume an application you started with its resume code.`
          : `Too many requests from this address (at most ${p.limit} a minute). Wait ${p.seconds} seconds and try again.`,
      es: (p) =>
        p.what === 'starts'
          ? `Se iniciaron demasiadas solicitudes desde esta dirección (como máximo ${p.limit} por hora). Espere ${p.seconds} segundos y vuelva a intentarlo, o retome con su código una solicitud que ya inició.`
          : `Demasiadas solicitudes desde esta dirección (como máximo ${p.limit} por minuto). Espere ${p.seconds} segundos y vuelva a intentarlo.`,
    },
  },
  'not-ready': {
    text: {
      en: (p) =>
        `The server is running but its store does not answer (${p.detail}), so it cannot serve requests now. Check that the database is reachable (DATABASE_URL, MONGODB_URI or MANDATE_DATA_DIR) and that its disk is not full; this check passes again by itself once it answers.`,
      es: (p) =>
        `El servidor funciona pero su almacén no responde (${p.detail}), así que no puede atender solicitudes ahora. Compruebe que la base de datos está accesible (DATABASE_URL, MONGODB_URI o MANDATE_DATA_DIR) y que su disco no está lleno; esta comprobación vuelve a pasar sola en cuanto responda.`,
    },
  },
  'metrics-token': {
    text: {
      en: () => 'Reading /metrics needs the metrics token: send "Authorization: Bearer <MANDATE_METRICS_TOKEN>".',
      es: () => 'Para leer /metrics hace falta el token de métricas: envíe "Authorization: Bearer <MANDATE_METRICS_TOKEN>".',
    },
  },
  'metrics-local-only': {
    text: {
      en: () =>
        'Without MANDATE_METRICS_TOKEN, /metrics answers only requests made on this machine (loopback, not through a proxy). Set MANDATE_METRICS_TOKEN and send it as "Authorization: Bearer <token>" to scrape from elsewhere.',
      es: () =>
        'Sin MANDATE_METRICS_TOKEN, /metrics solo responde a solicitudes hechas en esta máquina (loopback, sin pasar por un proxy). Defina MANDATE_METRICS_TOKEN y envíelo como "Authorization: Bearer <token>" para leerlas desde otro lugar.',
    },
  },
  'definition-too-large': {
    text: {
      en: (p) =>
        `The definition is ${p.bytes} bytes of JSON, more than the limit of ${p.limit} (MANDATE_DEFINITION_BYTES). Split the program, or ask the administrator to raise the limit.`,
      es: (p) =>
        `La definición ocupa ${p.bytes} bytes de JSON, más que el límite de ${p.limit} (MANDATE_DEFINITION_BYTES). Divida el programa, o pida al administrador que aumente el límite.`,
    },
  },
  'definition-over-limit': {
    text: {
      en: (p) =>
        `The definition has ${p.count} ${p.what}, more than the limit of ${p.limit} (${p.variable}). Remove some, or ask the administrator to raise the limit.`,
      es: (p) =>
        `La definición tiene ${p.count} ${({ questions: 'preguntas', 'derived values': 'valores derivados', rules: 'reglas' } as Record<string, string>)[String(p.what)] ?? p.what}, más que el límite de ${p.limit} (${p.variable}). Quite algunos, o pida al administrador que aumente el límite.`,
    },
  },
  'answers-too-large': {
    text: {
      en: (p) => `The answers take ${p.size} characters of JSON, more than this form's bound of ${p.limit}. Send shorter answers.`,
      es: (p) =>
        `Las respuestas ocupan ${p.size} caracteres de JSON, más que el límite de ${p.limit} de este formulario. Envíe respuestas más cortas.`,
    },
  },
  'too-many-attempts': {
    text: {
      en: () => 'Too many sign-in attempts from this address; wait 15 minutes and try again.',
      es: () => 'Demasiados intentos de inicio de sesión desde esta dirección; espere 15 minutos y vuelva a intentarlo.',
    },
  },
  'too-many-codes': {
    text: {
      en: (p) =>
        `Too many wrong resume codes for this application or from this address; wait ${p.minutes} minute${p.minutes === 1 ? '' : 's'} and try again. ` +
        'Check the code you wrote down when you started (letters and digits; dashes and spaces do not matter).',
      es: (p) =>
        `Demasiados códigos para continuar incorrectos para esta solicitud o desde esta dirección; espere ${p.minutes} minuto${p.minutes === 1 ? '' : 's'} y vuelva a intentarlo. ` +
        'Revise el código que anotó al empezar (letras y números; los guiones y espacios no importan).',
    },
  },
  'code-in-url': {
    text: {
      en: () =>
        'The resume code must not be sent in the URL (?code=): addresses end up in logs and browser history. Remove it from the URL and send it in the X-Resume-Code header.',
      es: () =>
        'El código para continuar no debe enviarse en la dirección (?code=): las direcciones quedan en registros y en el historial del navegador. Quítelo de la dirección y envíelo en el encabezado X-Resume-Code.',
    },
  },
  csrf: {
    text: {
      en: () =>
        'This request comes with a session cookie but without a valid X-CSRF-Token header. Get the token from GET /api/auth/csrf (or the sign-in answer) and send it.',
      es: () =>
        'Esta solicitud trae una cookie de sesión pero no un encabezado X-CSRF-Token válido. Obtenga el token con GET /api/auth/csrf (o de la respuesta del inicio de sesión) y envíelo.',
    },
  },
  role: {
    text: {
      en: (p) => `This needs one of the roles ${names(p.roles).join(', ')}; you have ${names(p.actual).join(', ') || 'none'}.`,
      es: (p) => `Esto requiere uno de los roles ${names(p.roles).join(', ')}; usted tiene ${names(p.actual).join(', ') || 'ninguno'}.`,
    },
  },
  'self-lockout': {
    text: {
      en: () => 'You cannot disable yourself or remove your own administrator role; ask another administrator.',
      es: () => 'No puede desactivarse a sí mismo ni quitarse su propio rol de administrador; pídaselo a otro administrador.',
    },
  },
  'not-requester': {
    text: {
      en: () => 'Only the person who requested publication, or an administrator, may withdraw the request.',
      es: () => 'Solo la persona que solicitó la publicación, o un administrador, puede retirar la solicitud.',
    },
  },
  'same-person': {
    text: {
      en: () =>
        'You requested this publication, and publishing needs a second person (maker-checker): another administrator must publish it. A one-person organisation can switch makerChecker off with PUT /api/settings.',
      es: () =>
        'Usted solicitó esta publicación, y publicar requiere una segunda persona (doble control, maker-checker): otro administrador debe publicarla. Una organización de una sola persona puede desactivar makerChecker con PUT /api/settings.',
    },
  },

  // What is asked for
  'not-found.validator': {
    text: {
      en: (p) =>
        `No validator module ${p.hash}.js on this server: take the current URL from the "validator" field of GET /api/programs/{id}/current (or GET /api/screen/form), and reload the page if it was open before the server restarted.`,
      es: (p) =>
        `Este servidor no tiene el módulo de validación ${p.hash}.js: tome la dirección actual del campo "validator" de GET /api/programs/{id}/current (o GET /api/screen/form) y vuelva a cargar la página si estaba abierta antes de que el servidor se reiniciara.`,
    },
  },
  'not-found': {
    text: { en: (p) => `No ${noun(p, 'en')} with id "${p.id}".`, es: (p) => `No hay ${noun(p, 'es')} con el id "${p.id}".` },
  },
  'not-found.resume-code': {
    text: {
      en: () => 'No application has that resume code. Check it for typos: it looks like K7QM-2HXP-9RTA-4WCE.',
      es: () => 'Ninguna solicitud tiene ese código para continuar. Revise que esté bien escrito: tiene la forma K7QM-2HXP-9RTA-4WCE.',
    },
  },
  'not-found.version': {
    text: {
      en: (p) => `No version ${p.version} of program "${p.programId}".`,
      es: (p) => `El programa "${p.programId}" no tiene la versión ${p.version}.`,
    },
  },
  'no-draft': {
    text: {
      en: (p) => `Program "${p.programId}" has no draft. Create one with POST /api/programs.`,
      es: (p) => `El programa "${p.programId}" no tiene borrador. Cree uno con POST /api/programs.`,
    },
  },
  'no-publication-request': {
    text: {
      en: (p) => `The draft of "${p.programId}" has no publication request. Request one with POST ${requestPath(p)}.`,
      es: (p) => `El borrador de "${p.programId}" no tiene solicitud de publicación. Solicite la publicación con POST ${requestPath(p)}.`,
    },
  },
  'no-route': {
    text: {
      en: (p) => `No API route ${p.method} ${p.path}. See /openapi.json for the list.`,
      es: (p) => `No existe la ruta de la API ${p.method} ${p.path}. Consulte la lista en /openapi.json.`,
    },
  },
  'not-in-force': {
    text: {
      en: (p) =>
        p.date
          ? `Program "${p.programId}" has no published version in force on ${p.date}.`
          : `Program "${p.programId}" has no version in force today; applications open on its effective date.`,
      es: (p) =>
        p.date
          ? `El programa "${p.programId}" no tiene ninguna versión publicada vigente el ${p.date}.`
          : `El programa "${p.programId}" no tiene ninguna versión vigente hoy; las solicitudes se abren en su fecha de entrada en vigor.`,
    },
  },

  // Conflicts with what is stored
  'already-submitted': {
    text: {
      en: () => 'This application was already submitted; its answers can no longer change.',
      es: () => 'Esta solicitud ya se envió; sus respuestas ya no se pueden cambiar.',
    },
  },
  'stale-revision': {
    text: {
      en: (p) =>
        `This was changed by someone else since you loaded it (revision ${p.expectedRevision ?? '?'}, now ${p.currentRevision ?? '?'}). Reload it and apply your change again.`,
      es: (p) =>
        `Otra persona cambió esto después de que usted lo cargara (revisión ${p.expectedRevision ?? '?'}, ahora ${p.currentRevision ?? '?'}). Vuelva a cargarlo y repita su cambio.`,
    },
  },
  'stale-revision.requesting': {
    text: {
      en: (p) =>
        `The draft of "${p.programId}" is at revision ${p.currentRevision}, not ${p.expectedRevision}: someone saved it since you reviewed it. Reload the draft, check it, and request again with revision ${p.currentRevision}.`,
      es: (p) =>
        `El borrador de "${p.programId}" está en la revisión ${p.currentRevision}, no en la ${p.expectedRevision}: alguien lo guardó después de que usted lo revisara. Vuelva a cargar el borrador, compruébelo y solicite de nuevo la publicación con la revisión ${p.currentRevision}.`,
    },
  },
  'stale-revision.publishing': {
    text: {
      en: (p) =>
        `You reviewed revision ${p.reviewedRevision}, but the request is for revision ${p.currentRevision}. Reload the request (GET ${requestPath(p)}) and review it again.`,
      es: (p) =>
        `Usted examinó la revisión ${p.reviewedRevision}, pero la solicitud es para la revisión ${p.currentRevision}. Vuelva a cargar la solicitud (GET ${requestPath(p)}) y examínela de nuevo.`,
    },
  },
  'request-stale': {
    text: {
      en: (p) =>
        `The draft was saved after publication was requested (request for revision ${p.requestRevision}, draft now at revision ${p.currentRevision}), so what would be published is not what was reviewed. Ask for a new request: POST ${requestPath(p)} with revision ${p.currentRevision}.`,
      es: (p) =>
        `El borrador se guardó después de que se solicitara su publicación (solicitud para la revisión ${p.requestRevision}, borrador ahora en la revisión ${p.currentRevision}), así que lo que se publicaría no es lo que se revisó. Pida una solicitud nueva: POST ${requestPath(p)} con la revisión ${p.currentRevision}.`,
    },
  },
  'no-publication-request.two-people': {
    text: {
      en: (p) =>
        `The draft of "${p.programId}" has no publication request. Publishing needs two people: an analyst requests it (POST ${requestPath(p)}), then another administrator publishes it.`,
      es: (p) =>
        `El borrador de "${p.programId}" no tiene solicitud de publicación. Publicar requiere dos personas: un analista solicita la publicación (POST ${requestPath(p)}) y después otro administrador publica el borrador.`,
    },
  },
  'wrong-state': {
    text: {
      en: (p) => `The case is in state "${p.currentState}", not "${p.expectedState}": reload it and choose an action again.`,
      es: (p) => `El caso está en el estado "${p.currentState}", no en "${p.expectedState}": vuelva a cargarlo y elija de nuevo una acción.`,
    },
  },
  duplicate: {
    text: {
      en: (p) =>
        p.email
          ? `A user with the email "${p.email}" already exists: use another email.`
          : p.programId && p.version
            ? `Program "${p.programId}" already has a version ${p.version}: published versions are frozen, so use a new version number.`
            : p.programId
              ? `Program "${p.programId}" already has a draft: edit that draft, or delete it before starting another.`
              : `Something with these identifiers already exists${p.id ? ` (id "${p.id}")` : ''}: try again.`,
      es: (p) =>
        p.email
          ? `Ya existe un usuario con el correo electrónico "${p.email}": use otro correo.`
          : p.programId && p.version
            ? `El programa "${p.programId}" ya tiene una versión ${p.version}: las versiones publicadas no cambian, así que use otro número de versión.`
            : p.programId
              ? `El programa "${p.programId}" ya tiene un borrador: edite ese borrador o bórrelo antes de empezar otro.`
              : `Ya existe algo con estos identificadores${p.id ? ` (id "${p.id}")` : ''}: vuelva a intentarlo.`,
    },
  },
  'redetermine.case-decided': {
    text: {
      en: (p) =>
        `Case ${p.caseId} is decided ("${p.state}", a final state of its workflow): its decision stands and a re-determination cannot change it. ` +
        'Run a dry run ("apply": false) to see what another version would decide; a change after a decision needs a workflow transition for it (for example a change of circumstances with a "redetermine" action) from a state that is not final.',
      es: (p) =>
        `El caso ${p.caseId} está decidido ("${p.state}", un estado final de su flujo de trabajo): su decisión se mantiene y una nueva determinación no puede cambiarla. ` +
        'Haga una simulación ("apply": false) para ver qué decidiría otra versión; un cambio después de una decisión necesita una transición del flujo de trabajo para ello (por ejemplo, un cambio de circunstancias con una acción "redetermine") desde un estado que no sea final.',
    },
  },
  'redetermine.older-version': {
    text: {
      en: (p) =>
        `Case ${p.caseId} is under version ${p.current}; re-determining it under the older version ${p.version} would undo a newer decision, and its workflow does not allow that. ` +
        `Re-determine it under version ${p.current} or a later one, or, if the newer version was published in error, set "redetermineToOlderVersion": true in the workflow and publish that.`,
      es: (p) =>
        `El caso ${p.caseId} está en la versión ${p.current}; determinarlo de nuevo con la versión anterior ${p.version} desharía una decisión más reciente, y su flujo de trabajo no lo permite. ` +
        `Determínelo de nuevo con la versión ${p.current} o una posterior o, si la versión más reciente se publicó por error, ponga "redetermineToOlderVersion": true en el flujo de trabajo y publíquelo.`,
    },
  },
  'case-access.own-case': {
    text: {
      en: (p) =>
        `You cannot act on case ${p.caseId}: its application was started or submitted with your account (you are its applicant or the person who applied for them). ` +
        'Staff never decide their own cases; another member of staff must handle it.',
      es: (p) =>
        `No puede actuar sobre el caso ${p.caseId}: su solicitud se inició o se envió con su cuenta (usted es el solicitante o la persona que presentó la solicitud por él). ` +
        'El personal nunca decide sus propios casos; debe tramitarlo otra persona del personal.',
    },
  },
  'case-access.not-assignee': {
    text: {
      en: (p) =>
        `Case ${p.caseId} is assigned to another caseworker, and this program lets only the assignee act on an assigned case. ` +
        'Ask the assignee to act, or a supervisor to take it over.',
      es: (p) =>
        `El caso ${p.caseId} está asignado a otro trabajador social, y este programa solo permite actuar sobre un caso asignado a la persona asignada. ` +
        'Pida a esa persona que actúe, o a un supervisor que se encargue del caso.',
    },
  },
  'job-running': {
    text: {
      en: (p) =>
        `This program version already has a re-determination running (job "${p.jobId}"); one runs at a time. ` +
        `Follow it with GET /api/redetermination-jobs/${p.jobId}, or cancel it with POST /api/redetermination-jobs/${p.jobId}/cancel first.`,
      es: (p) =>
        `Esta versión del programa ya tiene una nueva determinación en curso (trabajo "${p.jobId}"); solo se ejecuta una a la vez. ` +
        `Sígala con GET /api/redetermination-jobs/${p.jobId}, o cancélela antes con POST /api/redetermination-jobs/${p.jobId}/cancel.`,
    },
  },
  'job-not-running': {
    text: {
      en: (p) => `The re-determination job "${p.jobId}" is ${p.status}, not running: there is nothing to cancel. Start a new one if needed.`,
      es: (p) =>
        `El trabajo de nueva determinación "${p.jobId}" no está en curso (estado: ${p.status}): no hay nada que cancelar. Inicie uno nuevo si hace falta.`,
    },
  },
  'stale-cursor': {
    text: {
      en: (p) => `The re-determination job "${p.jobId}" was advanced by another runner at the same time; reload it to see where it stands.`,
      es: (p) => `Otro proceso hizo avanzar el trabajo de nueva determinación "${p.jobId}" al mismo tiempo; vuelva a cargarlo para ver su estado.`,
    },
  },
  'draft-exists': {
    text: {
      en: (p) =>
        `Program "${p.programId}" already has a draft (version ${p.draftVersion}, revision ${p.draftRevision}); a program has one draft at a time. ` +
        `Open it with GET /api/programs/${p.programId}/draft, or delete it with DELETE /api/programs/${p.programId}/draft and start again from version ${p.from}.`,
      es: (p) =>
        `El programa "${p.programId}" ya tiene un borrador (versión ${p.draftVersion}, revisión ${p.draftRevision}); un programa tiene un solo borrador a la vez. ` +
        `Ábralo con GET /api/programs/${p.programId}/draft, o bórrelo con DELETE /api/programs/${p.programId}/draft y vuelva a empezar desde la versión ${p.from}.`,
    },
  },
  'layer-invalid': {
    text: {
      en: (p) =>
        `Program "${p.programId}" extends ${p.base} version ${p.version}, and it cannot be resolved on it: see the diagnostics, each at the path to fix (publish the base first when it is not published).`,
      es: (p) =>
        `El programa "${p.programId}" amplía ${p.base} versión ${p.version} y no se puede resolver sobre ella: vea los diagnósticos, cada uno en la ruta que hay que corregir (publique antes la base si no está publicada).`,
    },
  },
  'not-a-layer': {
    text: {
      en: (p) =>
        `Program "${p.programId}" version ${p.version} extends no base program, so it has no layer report. Ask for a version with "extends".`,
      es: (p) =>
        `El programa "${p.programId}" versión ${p.version} no amplía ningún programa base, así que no tiene informe de capa. Pida una versión con "extends".`,
    },
  },
  'not-a-draft': {
    text: {
      en: (p) =>
        `Program "${p.programId}" has no draft; published versions are frozen. Start a new draft as a copy of one with POST /api/programs/${p.programId}/versions/{version}/draft, or from a document with POST /api/programs.`,
      es: (p) =>
        `El programa "${p.programId}" no tiene borrador; las versiones publicadas no cambian. Empiece un borrador nuevo como copia de una de ellas con POST /api/programs/${p.programId}/versions/{version}/draft, o a partir de un documento con POST /api/programs.`,
    },
  },
  frozen: {
    text: {
      en: (p) =>
        `Version ${p.version} of "${p.programId}" is published and frozen; start a new draft as a copy of it with POST /api/programs/${p.programId}/versions/${p.version}/draft, or from a document with POST /api/programs.`,
      es: (p) =>
        `La versión ${p.version} de "${p.programId}" está publicada y no cambia; empiece un borrador nuevo como copia de ella con POST /api/programs/${p.programId}/versions/${p.version}/draft, o a partir de un documento con POST /api/programs.`,
    },
  },
  'if-match-required': {
    text: {
      en: () => 'Send If-Match: <revision> with the draft revision you edited, so a concurrent change is not overwritten.',
      es: () => 'Envíe If-Match: <revisión> con la revisión del borrador que editó, para no sobrescribir un cambio hecho a la vez.',
    },
  },
  'if-match-required.settings': {
    text: {
      en: () =>
        'Send the settings revision you read, as If-Match: <revision> or "revision" in the body (0 when they were never saved), so a concurrent change is not overwritten.',
      es: () =>
        'Envíe la revisión de la configuración que leyó, como If-Match: <revisión> o como "revision" en el cuerpo (0 si nunca se guardó), para no sobrescribir un cambio hecho a la vez.',
    },
  },
  'bad-if-match': {
    text: { en: (p) => `If-Match "${p.header}" is not a revision number.`, es: (p) => `If-Match "${p.header}" no es un número de revisión.` },
  },

  // Content that does not hold
  'invalid-answers': {
    text: { en: (p) => `Some answers need attention: ${firstOf(p, 3)}`, es: (p) => `Algunas respuestas necesitan atención: ${firstOf(p, 3)}` },
  },
  'draft-invalid': {
    text: { en: () => 'The draft has errors; fix them before running it.', es: () => 'El borrador tiene errores; corríjalos antes de ejecutarlo.' },
  },
  'tests-failing': {
    text: {
      en: (p) =>
        `${names(p.cases).length} of ${p.total} test cases fail (${quoted(p.cases)}); fix the rules or the expected values (POST .../draft/test shows each trace), then try again.`,
      es: (p) =>
        `${names(p.cases).length === 1 ? 'Falla' : 'Fallan'} ${names(p.cases).length} de ${p.total} casos de prueba (${quoted(p.cases)}); corrija las reglas o los valores esperados (POST .../draft/test muestra la traza de cada uno) y vuelva a intentarlo.`,
    },
  },
  // The diagnostic of `tests-failing`, one per failing case.
  'test.failing': {
    severity: 'error',
    text: {
      en: (p) => `Test case "${p.name}" fails: ${failures(p, (f) => `${f.what} expected ${q(f.expected)}, got ${q(f.actual)}`)}.`,
      es: (p) =>
        `El caso de prueba "${p.name}" falla: ${failures(p, (f) => `${comparedEs(f.what)}: se esperaba ${q(f.expected)}, se obtuvo ${q(f.actual)}`)}.`,
    },
  },
  'terms-in-request': {
    text: {
      en: (p) =>
        `The publication request fixes the terms; do not send ${names(p.fields).join(', ')}. Publish with { "revision": ${p.revision} }, or withdraw the request and request again with new terms.`,
      es: (p) =>
        `La solicitud de publicación fija las condiciones; no envíe ${names(p.fields).join(', ')}. Publique con { "revision": ${p.revision} }, o retire la solicitud y vuelva a solicitar la publicación con condiciones nuevas.`,
    },
  },
  'terms-required': {
    text: {
      en: (p) => `Publishing without a request needs the terms: send ${names(p.fields).join(', ')}.`,
      es: (p) => `Para publicar sin una solicitud hacen falta las condiciones: envíe ${names(p.fields).join(', ')}.`,
    },
  },
  'id-mismatch': {
    text: {
      en: (p) => `The document's id "${p.docId}" differs from the program "${p.programId}" in the address; a draft cannot change its program id.`,
      es: (p) =>
        `El id "${p.docId}" del documento no coincide con el programa "${p.programId}" de la dirección; un borrador no puede cambiar su id de programa.`,
    },
  },

  // Uploaded zips
  'zip-invalid': {
    text: {
      en: (p) => `The body is not a readable zip (${p.detail}). Send a .zip of a program folder with Content-Type: application/zip.`,
      es: (p) => `El cuerpo no es un zip legible (${p.detail}). Envíe un .zip de la carpeta de un programa con Content-Type: application/zip.`,
    },
  },
  'zip-unsafe-name': {
    text: {
      en: (p) =>
        `The zip entry "${p.name}" ${UNSAFE_NAMES[p.why as UnsafeName].en}; a program folder's files have relative names such as "rules.json" or "tests/cases.json". Zip the folder itself.`,
      es: (p) =>
        `La entrada "${p.name}" del zip ${UNSAFE_NAMES[p.why as UnsafeName].es}; los archivos de la carpeta de un programa tienen nombres relativos, como "rules.json" o "tests/cases.json". Comprima la propia carpeta.`,
    },
  },
  'zip-too-many-entries': {
    text: {
      en: (p) => `The zip has more than ${p.limit} entries; a program folder has a few dozen. Zip only the program's version folder.`,
      es: (p) =>
        `El zip tiene más de ${p.limit} entradas; la carpeta de un programa tiene unas pocas decenas. Comprima solo la carpeta de la versión del programa.`,
    },
  },
  'zip-too-large': {
    text: {
      en: (p) =>
        `The zip's files add up to more than ${p.limit} uncompressed; a program folder is far smaller. Zip only the program's version folder.`,
      es: (p) =>
        `Los archivos del zip suman más de ${p.limit} sin comprimir; la carpeta de un programa es mucho más pequeña. Comprima solo la carpeta de la versión del programa.`,
    },
  },
  'zip-no-program': {
    text: {
      en: () => 'The zip holds no program: put program.json at its top, or in one folder, beside form.json, rules.json and the other parts.',
      es: () =>
        'El zip no contiene ningún programa: ponga program.json en su nivel superior, o dentro de una carpeta, junto a form.json, rules.json y las demás partes.',
    },
  },
  'zip-several-versions': {
    text: {
      en: (p) => `The zip holds ${names(p.folders).length} versions (folders ${quoted(p.folders)}); import one version folder at a time.`,
      es: (p) =>
        `El zip contiene ${names(p.folders).length} versiones (carpetas ${quoted(p.folders)}); importe una sola carpeta de versión cada vez.`,
    },
  },
  'zip-unreadable': {
    text: {
      en: (p) => `Some files in the zip cannot be read: ${firstOf(p, 1)}`,
      es: (p) => `Algunos archivos del zip no se pueden leer: ${firstOf(p, 1)}`,
    },
  },

  // New programs from templates (issue 11)
  'template-choices': {
    text: {
      en: (p) => `The program cannot be made from the template with these choices: ${firstOf(p, 3)}`,
      es: (p) => `No se puede crear el programa desde la plantilla con estas opciones: ${firstOf(p, 3)}`,
    },
  },
  'program-exists': {
    text: {
      en: (p) => `A program with the id "${p.programId}" already exists. Choose another id, or open that program to start a new version of it.`,
      es: (p) =>
        `Ya existe un programa con el identificador "${p.programId}". Elija otro identificador, o abra ese programa para empezar una nueva versión.`,
    },
  },
  // Impact previews (runtime/services/impact-jobs.ts) and the problems a job reports per household
  'impact.same-version': {
    text: {
      en: (p) =>
        `version and against are both ${p.version}: compare two different versions of ${p.programId}, usually the draft against the version in force.`,
      es: (p) =>
        `version y against son ambas ${p.version}: compare dos versiones distintas de ${p.programId}, normalmente el borrador con la versión vigente.`,
    },
  },
  'impact.invalid-version': {
    text: {
      en: (p) =>
        `Version ${p.version} of ${p.programId} has errors and cannot be compared: ${firstOf(p, 3)} Fix them first (POST /api/programs/${p.programId}/draft/validate lists them all).`,
      es: (p) =>
        `La versión ${p.version} de ${p.programId} tiene errores y no se puede comparar: ${firstOf(p, 3)} Corríjalos antes (POST /api/programs/${p.programId}/draft/validate los enumera todos).`,
    },
  },
  'impact.job-running': {
    text: {
      en: (p) =>
        `An impact job is already running for ${p.programId} (${p.jobId}); follow it at GET /api/impact-jobs/${p.jobId}, or cancel it, before starting another.`,
      es: (p) =>
        `Ya hay un trabajo de impacto en curso para ${p.programId} (${p.jobId}); sígalo en GET /api/impact-jobs/${p.jobId}, o cancélelo, antes de empezar otro.`,
    },
  },
  'impact.bad-by': {
    text: {
      en: (p) =>
        `by: "${p.by}" is neither a derived value nor a form field of ${p.programId}; use one of ${quoted(p.names)}, or a JSON Pointer into the answers such as /members/0/disabled.`,
      es: (p) =>
        `by: "${p.by}" no es un valor derivado ni un campo del formulario de ${p.programId}; use uno de ${quoted(p.names)}, o un JSON Pointer en las respuestas como /members/0/disabled.`,
    },
  },
  'impact.bad-state': {
    text: {
      en: (p) =>
        `source.states: "${p.state}" is not a state of ${p.programId}'s workflow; use some of ${quoted(p.states)}, or leave states out for every pending case.`,
      es: (p) =>
        `source.states: "${p.state}" no es un estado del flujo de trabajo de ${p.programId}; use algunos de ${quoted(p.states)}, u omita states para todos los casos pendientes.`,
    },
  },
  'impact.query-required': {
    text: {
      en: (p) =>
        `Query parameter ${p.name} is required: the ${p.name === 'version' ? 'version to preview, usually the draft' : 'version it would replace'}, e.g. ?version=3&against=2.`,
      es: (p) =>
        `Falta el parámetro de consulta ${p.name}: la ${p.name === 'version' ? 'versión que se quiere ver, normalmente el borrador' : 'versión a la que sustituiría'}, p. ej. ?version=3&against=2.`,
    },
  },
  'impact.population-type': {
    text: {
      en: (p) =>
        `The population file has Content-Type "${p.type || '(none)'}"; send it as application/x-ndjson (JSON Lines: one household's answers per line) or text/csv (a header row of field ids).`,
      es: (p) =>
        `El archivo de población tiene Content-Type "${p.type || '(ninguno)'}"; envíelo como application/x-ndjson (JSON Lines: las respuestas de un hogar por línea) o text/csv (una fila de cabecera con los id de los campos).`,
    },
  },
  'impact.population-too-large': {
    text: {
      en: (p) =>
        `The population file is larger than the limit of ${p.limit} bytes; send a smaller sample of households, or raise MANDATE_POPULATION_LIMIT.`,
      es: (p) =>
        `El archivo de población supera el límite de ${p.limit} bytes; envíe una muestra de hogares más pequeña, o aumente MANDATE_POPULATION_LIMIT.`,
    },
  },
  'impact.population-header': {
    text: {
      en: () => "The CSV file has no header row: its first line must name the form's fields, e.g. members,rent,utilities.",
      es: () => 'El archivo CSV no tiene fila de cabecera: su primera línea debe nombrar los campos del formulario, p. ej. members,rent,utilities.',
    },
  },
  'impact.failed': {
    text: {
      en: (p) => `The impact job stopped: ${p.detail}. Its partial figures were discarded; start it again.`,
      es: (p) => `El trabajo de impacto se detuvo: ${p.detail}. Sus cifras parciales se descartaron; vuelva a iniciarlo.`,
    },
  },
  'impact.problem.case-json': {
    text: {
      en: (p) => `The stored answers of case ${p.caseId} are not valid JSON (${p.detail}); the case counts as invalid.`,
      es: (p) => `Las respuestas guardadas del caso ${p.caseId} no son JSON válido (${p.detail}); el caso cuenta como no válido.`,
    },
  },
  'impact.problem.json-syntax': {
    text: {
      en: (p) => `This line is not valid JSON (${p.detail}); each line must be one household's answers as a JSON object. Counted as invalid.`,
      es: (p) =>
        `Esta línea no es JSON válido (${p.detail}); cada línea debe ser las respuestas de un hogar como objeto JSON. Cuenta como no válida.`,
    },
  },
  'impact.problem.not-an-object': {
    text: {
      en: () => 'This line is JSON but not an object; each line must be one household\'s answers, e.g. {"members": [...]}. Counted as invalid.',
      es: () =>
        'Esta línea es JSON pero no un objeto; cada línea debe ser las respuestas de un hogar, p. ej. {"members": [...]}. Cuenta como no válida.',
    },
  },
  'impact.problem.csv-record': {
    text: {
      en: (p) => `This record has ${p.found} cells where the header has ${p.expected} columns; quote cells that hold commas. Counted as invalid.`,
      es: (p) =>
        `Este registro tiene ${p.found} celdas y la cabecera ${p.expected} columnas; ponga entre comillas las celdas con comas. Cuenta como no válido.`,
    },
  },
  'impact.problem.csv-value': {
    text: {
      en: (p) =>
        `Column ${p.column}: "${p.value}" is not ${p.kind === 'number' ? 'a number' : p.kind === 'boolean' ? 'true or false' : 'JSON (a list or object, e.g. [{"name": "Ana"}])'}. The household counts as invalid.`,
      es: (p) =>
        `Columna ${p.column}: "${p.value}" no es ${p.kind === 'number' ? 'un número' : p.kind === 'boolean' ? 'true ni false' : 'JSON (una lista u objeto, p. ej. [{"name": "Ana"}])'}. El hogar cuenta como no válido.`,
    },
  },

  // After submission (issue 15): runtime/http/messages-after.ts
  ...AFTER_SUBMISSION_ENTRIES,
  // Organisations and case teams (issue 16): runtime/http/messages-organisations.ts
  ...ORGANISATION_ENTRIES,
  // Decisions with a reason, corrections, intermediaries' consent (issue 15)
  'bad-query.required': {
    text: {
      en: (p) => `The query parameter "${p.name}" is required. Add ?${p.name}=… to the address.`,
      es: (p) => `Falta el parámetro "${p.name}" en la consulta. Añada ?${p.name}=… a la dirección.`,
    },
  },
  'documents-required': {
    text: {
      en: (p) => `"${p.action}" asks for documents: choose at least one. Send "documents" with one or more of: ${names(p.allowed).join(', ')}.`,
      es: (p) => `"${p.action}" pide documentos: elija al menos uno. Envíe "documents" con uno o más de estos: ${names(p.allowed).join(', ')}.`,
    },
  },
  'documents-unknown': {
    text: {
      en: (p) => `"${p.id}" is not one of the program's document types. Send "documents" with ids from: ${names(p.allowed).join(', ')}.`,
      es: (p) =>
        `"${p.id}" no es uno de los tipos de documento del programa. Envíe "documents" con identificadores de: ${names(p.allowed).join(', ')}.`,
    },
  },
  'documents-not-taken': {
    text: {
      en: (p) => `"${p.action}" does not ask for documents; remove "documents", "dueOn" and "note".`,
      es: (p) => `"${p.action}" no pide documentos; quite "documents", "dueOn" y "note".`,
    },
  },
  'due-on-out-of-range': {
    text: {
      en: (p) =>
        `The due date ${p.dueOn} is not allowed: choose a day after today (${p.today})${p.latest ? ` and no later than ${p.latest}, the workflow's deadline` : ''}.`,
      es: (p) =>
        `La fecha límite ${p.dueOn} no está permitida: elija un día posterior a hoy (${p.today})${p.latest ? ` y no posterior al ${p.latest}, el plazo del flujo de trabajo` : ''}.`,
    },
  },
  'reason-required': {
    text: {
      en: (p) => `"${p.action}" needs a reason from the program's list. Send "reason" with one of: ${names(p.allowed).join(', ')}.`,
      es: (p) => `"${p.action}" necesita un motivo de la lista del programa. Envíe "reason" con uno de estos: ${names(p.allowed).join(', ')}.`,
    },
  },
  'reason-unknown': {
    text: {
      en: (p) => `"${p.reason}" is not a reason the program lists for "${p.action}". Send "reason" with one of: ${names(p.allowed).join(', ')}.`,
      es: (p) =>
        `"${p.reason}" no es un motivo que el programa admita para "${p.action}". Envíe "reason" con uno de estos: ${names(p.allowed).join(', ')}.`,
    },
  },
  'reason-not-taken': {
    text: {
      en: (p) => `"${p.action}" takes no reason (the program lists none for it). Remove "reason" from the request.`,
      es: (p) => `"${p.action}" no lleva motivo (el programa no define ninguno para esa acción). Quite "reason" de la solicitud.`,
    },
  },
  'correction-unknown-field': {
    text: {
      en: (p) => `"${p.path}" is not a question of this program's form. Use the JSON Pointer of an answer, e.g. ${names(p.examples).join(', ')}.`,
      es: (p) =>
        `"${p.path}" no es una pregunta del formulario de este programa. Use el JSON Pointer de una respuesta, p. ej. ${names(p.examples).join(', ')}.`,
    },
  },
  'correction-unchanged': {
    text: {
      en: (p) => `The answer at "${p.path}" already is ${p.value}. Give the corrected value, or leave the answer as it is.`,
      es: (p) => `La respuesta en "${p.path}" ya es ${p.value}. Indique el valor corregido, o deje la respuesta como está.`,
    },
  },
  'correction-decided': {
    text: {
      en: (p) => `This case is decided ("${p.state}"), so its answers can no longer be corrected. Corrections are for cases still open.`,
      es: (p) =>
        `Este caso ya está decidido ("${p.state}"), así que sus respuestas ya no se pueden corregir. Las correcciones son para casos abiertos.`,
    },
  },
  'consent-required': {
    text: {
      en: () =>
        'Applying on behalf of a client needs their consent: read them the consent statement, then send "consent": { "confirmed": true } with "onBehalfOf" naming them.',
      es: () =>
        'Solicitar en nombre de un cliente necesita su consentimiento: léale la declaración de consentimiento y envíe "consent": { "confirmed": true } con "onBehalfOf" indicando su nombre.',
    },
  },
  'client-name-required': {
    text: {
      en: () => 'Name the client you apply for in "onBehalfOf" (their full name), so their application and notices can be found.',
      es: () => 'Indique en "onBehalfOf" el nombre completo del cliente para quien solicita, para que su solicitud y sus avisos se puedan encontrar.',
    },
  },

  // Networks of care (issue 16): sharing consents, prefilled answers, referrals, capacity
  'sharing.consent-required': {
    text: {
      en: (p) =>
        `Sharing answers with ${p.organisation} needs the person's consent: show them the statement, then send "consent": { "confirmed": true }.`,
      es: (p) =>
        `Compartir respuestas con ${p.organisation} necesita el consentimiento de la persona: muéstrele la declaración y envíe "consent": { "confirmed": true }.`,
    },
  },
  'sharing.concept': {
    text: {
      en: (p) => `"${p.value}" at ${p.path} is not an answer ${p.program} asks for. Share some of: ${orList(names(p.allowed))}.`,
      es: (p) => `"${p.value}" en ${p.path} no es una respuesta que ${p.program} pida. Comparta algunas de: ${orList(names(p.allowed), 'o')}.`,
    },
  },
  'sharing.nothing-to-share': {
    text: {
      en: (p) =>
        `${p.program} asks none of the answers ${p.source} can share, so there is nothing to share. Refer without "concepts", or pick another program.`,
      es: (p) =>
        `${p.program} no pide ninguna de las respuestas que ${p.source} puede compartir: no hay nada que compartir. Derive sin "concepts" o elija otro programa.`,
    },
  },
  'sharing.until': {
    text: {
      en: (p) => `"until" (${p.value}) must be a date (YYYY-MM-DD) from today (${p.today}) to at most one year ahead (${p.max}).`,
      es: (p) => `"until" (${p.value}) debe ser una fecha (AAAA-MM-DD) desde hoy (${p.today}) hasta un año después como mucho (${p.max}).`,
    },
  },
  'sharing.no-consent': {
    text: {
      en: (p) =>
        `There is no consent in force to share the answers of application ${p.source} with ${p.organisation}: it was never given, it was withdrawn, or it ended. Give consent from the earlier application first.`,
      es: (p) =>
        `No hay un consentimiento vigente para compartir las respuestas de la solicitud ${p.source} con ${p.organisation}: nunca se dio, se retiró o venció. Dé primero su consentimiento desde la solicitud anterior.`,
    },
  },
  'sharing.field': {
    text: {
      en: (p) => `"${p.field}" was not among the answers filled from the earlier application. Confirm only these: ${orList(names(p.allowed))}.`,
      es: (p) =>
        `"${p.field}" no estaba entre las respuestas completadas con la solicitud anterior. Confirme solo estas: ${orList(names(p.allowed), 'o')}.`,
    },
  },
  'sharing.withdrawn': {
    text: {
      en: (p) => `This consent was withdrawn on ${p.withdrawnAt}: nothing more is shared under it. Give a new consent to share again.`,
      es: (p) =>
        `Este consentimiento se retiró el ${p.withdrawnAt}: ya no se comparte nada con él. Dé un consentimiento nuevo para volver a compartir.`,
    },
  },
  'referral.same-program': {
    text: {
      en: () => 'A referral goes to another program: pick a program other than the one of the application.',
      es: () => 'Una derivación va a otro programa: elija un programa distinto del de la solicitud.',
    },
  },
  'referral.not-submitted': {
    text: {
      en: () => 'Submit the application first: a referral is made from a submitted application or a case.',
      es: () => 'Envíe primero la solicitud: una derivación se hace desde una solicitud enviada o un caso.',
    },
  },
  'referral.step': {
    text: {
      en: (p) => `A referral that is "${p.from}" cannot become "${p.to}". From "${p.from}" it can become: ${orList(names(p.allowed))}.`,
      es: (p) =>
        `Una derivación en estado "${p.from}" no puede pasar a "${p.to}". Desde "${p.from}" puede pasar a: ${orList(names(p.allowed), 'o')}.`,
    },
  },
  'referral.reason-required': {
    text: {
      en: (p) => `Say why the referral is declined: "reason" is one of ${orList(names(p.allowed))}.`,
      es: (p) => `Indique por qué se rechaza la derivación: "reason" es una de ${orList(names(p.allowed), 'o')}.`,
    },
  },
  'referral.not-receiver': {
    text: {
      en: (p) => `Only the staff of ${p.organisation}, which runs ${p.program}, answer this referral.`,
      es: (p) => `Solo el personal de ${p.organisation}, que administra ${p.program}, responde a esta derivación.`,
    },
  },

  // Our fault
  internal: {
    text: {
      en: () => 'Something went wrong on our side. The error was logged; please try again.',
      es: () => 'Algo salió mal por nuestra parte. El error quedó registrado; vuelva a intentarlo.',
    },
  },
});

/** A key of `HTTP_MESSAGES`. */
export type HttpMessageKey = keyof typeof HTTP_MESSAGES.entries;
