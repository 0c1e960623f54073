/**
 * The words of the problems with a guided start's choices (`template.*`: a program id, a title, an organisation,
 * languages or a start date that cannot make a program from a template), in every language the server speaks: the
 * studio shows them at the field they name, in the analyst's language.
 */
import { catalogue, list, q } from './catalogue.ts';

/** Messages of `instantiate`'s problems, English and Spanish. */
export const TEMPLATE_MESSAGES = catalogue('template choices', ['en', 'es'], {
  'template.unknown': {
    severity: 'error',
    text: {
      en: (p) => `There is no template ${q(p.value)}. The templates are ${list(p.allowed)}.`,
      es: (p) => `No hay ninguna plantilla ${q(p.value)}. Las plantillas son ${list(p.allowed)}.`,
    },
  },
  'template.id-pattern': {
    severity: 'error',
    text: {
      en: (p) =>
        `The program id ${q(p.value)} cannot be used: an id is at most 64 lowercase letters, digits and hyphens, starting with a letter or digit, e.g. ${q(p.example)}.`,
      es: (p) =>
        `No se puede usar el identificador ${q(p.value)}: un identificador tiene como máximo 64 letras minúsculas, dígitos y guiones, y empieza por una letra o un dígito, por ejemplo ${q(p.example)}.`,
    },
  },
  'template.text-empty': {
    severity: 'error',
    text: {
      en: (p) => `The ${p.what === 'owner' ? "organisation's name" : "program's name"} is empty. Write it as applicants will read it.`,
      es: (p) =>
        `${p.what === 'owner' ? 'El nombre de la organización' : 'El nombre del programa'} está vacío. Escríbalo como lo leerán los solicitantes.`,
    },
  },
  'template.language-unknown': {
    severity: 'error',
    text: {
      en: (p) => `${q(p.value)} is not a language the applicant pages speak. Choose among ${list(p.allowed)}.`,
      es: (p) => `${q(p.value)} no es un idioma de las páginas para solicitantes. Elija entre ${list(p.allowed)}.`,
    },
  },
  'template.language-english': {
    severity: 'error',
    text: {
      en: () => `The languages must include "en": the program's texts are written in English and translated from it. Add "en".`,
      es: () => `Los idiomas deben incluir "en": los textos del programa se escriben en inglés y se traducen desde él. Añada "en".`,
    },
  },
  'template.language-repeated': {
    severity: 'error',
    text: {
      en: (p) => `The language ${q(p.value)} is chosen twice. Choose each language once.`,
      es: (p) => `El idioma ${q(p.value)} está elegido dos veces. Elija cada idioma una sola vez.`,
    },
  },
  'template.date-invalid': {
    severity: 'error',
    text: {
      en: (p) => `${q(p.value)} is not a calendar date. Write the start date as YYYY-MM-DD, e.g. ${q(p.earliest)}.`,
      es: (p) => `${q(p.value)} no es una fecha del calendario. Escriba la fecha de inicio como AAAA-MM-DD, por ejemplo ${q(p.earliest)}.`,
    },
  },
  'template.date-too-early': {
    severity: 'error',
    text: {
      en: (p) =>
        `The program cannot start on ${p.value}: the ${q(p.template)} template's figures apply from ${p.earliest}. Choose ${p.earliest} or a later date.`,
      es: (p) =>
        `El programa no puede empezar el ${p.value}: las cifras de la plantilla ${q(p.template)} se aplican desde el ${p.earliest}. Elija el ${p.earliest} o una fecha posterior.`,
    },
  },
  'template.title-translation-language': {
    severity: 'error',
    text: {
      en: (p) =>
        `There is a ${p.lang} name for the program, but ${q(p.lang)} is not among the chosen languages. Add the language or remove that name.`,
      es: (p) => `Hay un nombre del programa en ${p.lang}, pero ${q(p.lang)} no está entre los idiomas elegidos. Añada el idioma o quite ese nombre.`,
    },
  },
});

/** A code of `TEMPLATE_MESSAGES`. */
export type TemplateCode = keyof typeof TEMPLATE_MESSAGES.entries;
