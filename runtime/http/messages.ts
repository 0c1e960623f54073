/**
 * The words of every HTTP error the runtime answers with, in every language the server speaks (a catalogue of
 * engine/catalogue.ts). Services throw `HttpError(status, code, words(key, params))`; the error middleware renders
 * the key in the caller's language. Keys are the response codes, with a suffix where one code has several wordings
 * (`bad-query.date`).
 */
import { catalogue, type Lang, type Params } from '../../engine/index.ts';

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
} satisfies Record<string, Record<Lang, string>>;
/** A thing that can be not found (`notFound(what, id)`), in `NOUNS`. */
export type Noun = keyof typeof NOUNS;
const noun = (p: Params, lang: Lang): string => (Object.hasOwn(NOUNS, String(p.what)) ? NOUNS[p.what as Noun][lang] : String(p.what));
const names = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
/** The messages of the diagnostics the error carries (rendered first, in the same language), up to `n`. */
const firstOf = (p: Params, n: number): string => names(p.diagnostics).slice(0, n).join(' ');

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
      en: (p) => `Query parameter ${p.name}="${p.value}" is not a whole number.`,
      es: (p) => `El parámetro de consulta ${p.name}="${p.value}" no es un número entero.`,
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
      en: (p) => `Query parameter ${p.name}="${p.value}" is not a YYYY-MM-DD date.`,
      es: (p) => `El parámetro de consulta ${p.name}="${p.value}" no es una fecha AAAA-MM-DD.`,
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
  'too-many-attempts': {
    text: {
      en: () => 'Too many sign-in attempts from this address; wait 15 minutes and try again.',
      es: () => 'Demasiados intentos de inicio de sesión desde esta dirección; espere 15 minutos y vuelva a intentarlo.',
    },
  },
  csrf: {
    text: {
      en: () => 'This request comes with a session cookie but without a valid X-CSRF-Token header. Get the token from GET /api/auth/csrf (or the sign-in answer) and send it.',
      es: () => 'Esta solicitud trae una cookie de sesión pero no un encabezado X-CSRF-Token válido. Obtenga el token con GET /api/auth/csrf (o de la respuesta del inicio de sesión) y envíelo.',
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
    text: { en: (p) => `No version ${p.version} of program "${p.programId}".`, es: (p) => `El programa "${p.programId}" no tiene la versión ${p.version}.` },
  },
  'no-draft': {
    text: {
      en: (p) => `Program "${p.programId}" has no draft. Create one with POST /api/programs.`,
      es: (p) => `El programa "${p.programId}" no tiene borrador. Cree uno con POST /api/programs.`,
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
        `This was changed by someone else since you loaded it (revision ${p.expectedRevision ?? '?'}, now ${p.currentRevision}). Reload it and apply your change again.`,
      es: (p) =>
        `Otra persona cambió esto después de que usted lo cargara (revisión ${p.expectedRevision ?? '?'}, ahora ${p.currentRevision}). Vuelva a cargarlo y repita su cambio.`,
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
  'not-a-draft': {
    text: {
      en: (p) => `Program "${p.programId}" has no draft; published versions are frozen. Start a new draft with POST /api/programs.`,
      es: (p) => `El programa "${p.programId}" no tiene borrador; las versiones publicadas no cambian. Empiece un borrador nuevo con POST /api/programs.`,
    },
  },
  frozen: {
    text: {
      en: (p) => `Version ${p.version} of "${p.programId}" is published and frozen; start a new draft with POST /api/programs.`,
      es: (p) => `La versión ${p.version} de "${p.programId}" está publicada y no cambia; empiece un borrador nuevo con POST /api/programs.`,
    },
  },
  'if-match-required': {
    text: {
      en: () => 'Send If-Match: <revision> with the draft revision you edited, so a concurrent change is not overwritten.',
      es: () => 'Envíe If-Match: <revisión> con la revisión del borrador que editó, para no sobrescribir un cambio hecho a la vez.',
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
  'id-mismatch': {
    text: {
      en: (p) => `The document's id "${p.docId}" differs from the program "${p.programId}" in the address; a draft cannot change its program id.`,
      es: (p) => `El id "${p.docId}" del documento no coincide con el programa "${p.programId}" de la dirección; un borrador no puede cambiar su id de programa.`,
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
