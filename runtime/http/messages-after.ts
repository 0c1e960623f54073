/**
 * The HTTP error words of what happens after submission (issue 15): the status page's second factor and its
 * throttle, uploads (type, size, scan), document reviews. English and Spanish; spread into `HTTP_MESSAGES`.
 */
import type { Entry, Lang, Params } from '../../engine/index.ts';

const mb = (bytes: unknown, lang: Lang) => (Number(bytes) / 1048576).toLocaleString(lang === 'es' ? 'es-ES' : 'en-US', { maximumFractionDigits: 1 });
const types = (p: Params): string =>
  (Array.isArray(p.accept) ? p.accept : [])
    .map((t) =>
      String(t)
        .replace(/^application\//, '')
        .replace(/^image\//, '')
        .toUpperCase(),
    )
    .join(', ');

/** Entries of `HTTP_MESSAGES` for the status page, documents and notices. */
export const AFTER_SUBMISSION_ENTRIES = {
  'status.wrong-factor': {
    text: {
      en: () =>
        'The resume code and the date of birth (or the code we emailed you) do not match an application. Check them and try again; after several wrong tries you have to wait.',
      es: () =>
        'El código para continuar y la fecha de nacimiento (o el código que le enviamos por correo) no corresponden a ninguna solicitud. Revíselos y vuelva a intentarlo; después de varios intentos fallidos tendrá que esperar.',
    },
  },
  'status.not-submitted': {
    text: {
      en: () => 'This application has not been submitted yet, so it has no status. Continue it with "Continue an application" and submit it.',
      es: () => 'Esta solicitud todavía no se envió, así que no tiene estado. Continúela con "Continuar una solicitud" y envíela.',
    },
  },
  'status.no-factor': {
    text: {
      en: () =>
        'This application was submitted before the status page asked for a second factor, so it cannot be opened here. Call the office that runs the program and give your case number.',
      es: () =>
        'Esta solicitud se envió antes de que la página de estado pidiera un segundo dato, así que no se puede abrir aquí. Llame a la oficina que administra el programa y dé su número de caso.',
    },
  },
  'status.factor-missing': {
    text: {
      en: (p) =>
        p.kind === 'email'
          ? 'This application is confirmed with a code sent to your email. Ask for the code ("Email me a code"), then enter it in emailCode.'
          : 'This application is confirmed with the date of birth given at submission. Enter it in dateOfBirth as YYYY-MM-DD.',
      es: (p) =>
        p.kind === 'email'
          ? 'Esta solicitud se confirma con un código enviado a su correo electrónico. Pida el código ("Enviarme un código") y escríbalo en emailCode.'
          : 'Esta solicitud se confirma con la fecha de nacimiento indicada al enviarla. Escríbala en dateOfBirth como AAAA-MM-DD.',
    },
  },
  'status.too-many': {
    text: {
      en: (p) => `Too many wrong tries. Wait ${p.minutes} minutes and try again, or call the office that runs the program.`,
      es: (p) => `Demasiados intentos fallidos. Espere ${p.minutes} minutos y vuelva a intentarlo, o llame a la oficina que administra el programa.`,
    },
  },
  'status.session': {
    text: {
      en: () => 'Your status page session ended (they last 30 minutes). Enter your resume code and second factor again.',
      es: () => 'Terminó su sesión de la página de estado (duran 30 minutos). Escriba de nuevo su código para continuar y el segundo dato.',
    },
  },
  'status.email-needed': {
    text: {
      en: () => 'To get codes by email, give an email address in your answers (and say we may contact you there), or choose date of birth instead.',
      es: () =>
        'Para recibir códigos por correo, indique un correo electrónico en sus respuestas (y que podemos comunicarnos con usted allí), o elija la fecha de nacimiento.',
    },
  },
  'status.date-of-birth': {
    text: {
      en: () => 'Give your date of birth as YYYY-MM-DD, e.g. 1990-04-02: you will need it, with your resume code, to open your status page.',
      es: () =>
        'Indique su fecha de nacimiento como AAAA-MM-DD, p. ej. 1990-04-02: la necesitará, con su código para continuar, para abrir su página de estado.',
    },
  },
  'document.no-file': {
    text: {
      en: () => 'Send the file as multipart/form-data in a field named "file".',
      es: () => 'Envíe el archivo como multipart/form-data en un campo llamado "file".',
    },
  },
  'document.too-large': {
    text: {
      en: (p) =>
        `The file is larger than ${mb(p.limit, 'en')} MB, the most accepted for "${p.title}". Send a smaller file (a photo at lower resolution, or fewer pages).`,
      es: (p) =>
        `El archivo supera ${mb(p.limit, 'es')} MB, lo máximo que se acepta para "${p.title}". Envíe un archivo más pequeño (una foto con menos resolución o menos páginas).`,
    },
  },
  'document.wrong-type': {
    text: {
      en: (p) =>
        `The file is ${p.found ? `a ${p.found} file` : 'not a type we recognise'}; "${p.title}" accepts ${types(p)}. Send a file of one of those types (the name's ending does not count: its content does).`,
      es: (p) =>
        `El archivo ${p.found ? `es de tipo ${p.found}` : 'no es de un tipo que reconozcamos'}; "${p.title}" acepta ${types(p)}. Envíe un archivo de uno de esos tipos (no cuenta la terminación del nombre, sino su contenido).`,
    },
  },
  'document.rejected-by-scan': {
    text: {
      en: () => 'The file did not pass the virus check, so it was not accepted. Send another copy of the document.',
      es: () => 'El archivo no pasó el control de virus, así que no se aceptó. Envíe otra copia del documento.',
    },
  },
  'document.closed': {
    text: {
      en: () => 'This document was already accepted, so it cannot be replaced. Ask the caseworker if something is wrong with it.',
      es: () => 'Este documento ya fue aceptado, así que no se puede reemplazar. Pregunte al trabajador social si algo está mal.',
    },
  },
  'document.reason-needed': {
    text: {
      en: () => 'Say why the document is rejected in "reason": the applicant reads it and needs to know what to send instead.',
      es: () => 'Indique en "reason" por qué se rechaza el documento: el solicitante lo lee y necesita saber qué enviar en su lugar.',
    },
  },
  'document.not-received': {
    text: {
      en: () => 'Nothing was received for this document yet; review it once the applicant has sent it.',
      es: () => 'Todavía no se recibió nada para este documento; revíselo cuando el solicitante lo haya enviado.',
    },
  },
  'document.no-upload': {
    text: {
      en: () => 'No file was uploaded for this document (it may have been received on paper).',
      es: () => 'No se subió ningún archivo para este documento (puede haberse recibido en papel).',
    },
  },
} satisfies Record<string, Entry>;
