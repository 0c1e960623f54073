/**
 * The page language: `LangProvider` keeps the chosen language (remembered on the device, `?lang=` wins), sets
 * `<html lang>` and the API calls' `Accept-Language`, and `useI18n()` gives `t(key, params)` over the chrome texts in
 * `web/src/i18n/`.
 * `{name}` in a text is replaced by `params.name`; `{Name}` by the same value with its first letter capitalised.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from '../i18n/en.ts';
import { es } from '../i18n/es.ts';
import { setApiLanguage } from './api.ts';

/** The languages the chrome is written in. */
export const LANGUAGES = ['en', 'es'] as const;
export type Lang = (typeof LANGUAGES)[number];

const dictionaries: Record<Lang, Record<string, unknown>> = { en, es };
const STORAGE_KEY = 'mandate.lang';

/** Replaces `{name}` / `{Name}` placeholders; unknown placeholders are left as they are. */
export function fill(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const lower = name.charAt(0).toLowerCase() + name.slice(1);
    if (name in params) return String(params[name]);
    if (lower in params) {
      const value = String(params[lower]);
      return value.charAt(0).toUpperCase() + value.slice(1);
    }
    return whole;
  });
}

/** Translator over the chrome texts of one language. */
export type Translate = (key: MessageKey, params?: Record<string, unknown>) => string;

/** Builds `t` for a language; a function-valued text receives `params.item`. */
export function translator(lang: Lang): Translate {
  const dictionary = dictionaries[lang];
  return (key, params = {}) => {
    const entry = dictionary[key] ?? (en as Record<string, unknown>)[key];
    if (typeof entry === 'function') return (entry as (item: string) => string)(String(params.item ?? ''));
    return fill(String(entry ?? key), params);
  };
}

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue>({ lang: 'en', setLang: () => undefined, t: translator('en') });

function initialLang(): Lang {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'es') return fromUrl;
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return stored === 'es' ? 'es' : 'en';
}

/** Provides the language to the page and keeps `<html lang>` and the stored choice in step. */
export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  // Set during render, not in an effect, so the first requests of the page already ask for its language.
  setApiLanguage(lang);
  useEffect(() => {
    document.documentElement.lang = lang;
    window.localStorage.setItem(STORAGE_KEY, lang);
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang: setLangState, t: translator(lang) }), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language, its translator and a way to switch. */
export function useI18n(): I18nValue {
  return useContext(I18nContext);
}

/**
 * A part of a page in another language (the studio's preview of a program in Spanish): texts in `lang`, without
 * changing the page's own language or the stored choice. Give the element around it `lang={lang}`.
 */
export function LangScope({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo(() => ({ lang, setLang: () => undefined, t: translator(lang) }), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
