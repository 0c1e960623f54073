/**
 * Page furniture shared by the applicant and staff pages, in USWDS markup: the page layout (skip link, header with
 * the language switch, main, footer), alerts, and the readable text of an error.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { ApiError } from './api.ts';
import { useI18n, type Translate } from './i18n.tsx';
import { Link } from './router.tsx';

/** The readable sentence for a failed call: the server's message, or "we could not reach the server". */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('common.network');
    if (error.message.startsWith('status-')) return t('common.error');
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** A USWDS alert; `focus` moves keyboard focus to it when it appears (for error summaries). */
export function Alert({
  type,
  heading,
  children,
  focus = false,
  slim = false,
}: {
  type: 'error' | 'warning' | 'success' | 'info';
  heading?: string;
  children?: ReactNode;
  focus?: boolean;
  slim?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div
      ref={ref}
      tabIndex={focus ? -1 : undefined}
      className={`usa-alert usa-alert--${type}${slim ? ' usa-alert--slim' : ''} margin-bottom-3`}
      role={type === 'error' ? 'alert' : 'status'}
    >
      <div className="usa-alert__body">
        {heading && <h2 className="usa-alert__heading">{heading}</h2>}
        {children && <div className="usa-alert__text">{children}</div>}
      </div>
    </div>
  );
}

/** The frame of every page. `nav` lists header links; the language switch is always there. */
export function Layout({
  title,
  homeHref,
  nav,
  children,
  extra,
  footer,
  wide = false,
}: {
  title: string;
  homeHref: string;
  nav: { href: string; label: string }[];
  children: ReactNode;
  extra?: ReactNode;
  /** The footer line; none when absent. */
  footer?: string;
  /** Use the whole window width (the studio's editor), not the reading width. */
  wide?: boolean;
}) {
  const { lang, setLang, t } = useI18n();
  const other = lang === 'en' ? 'es' : 'en';
  return (
    <>
      <a className="usa-skipnav" href="#main-content">
        {t('site.skip')}
      </a>
      <header className="usa-header usa-header--basic mandate-header">
        <div className={`mandate-header__inner grid-container${wide ? ' mandate-wide' : ''}`}>
          <div className="usa-logo">
            <em className="usa-logo__text">
              <Link href={homeHref} title={title}>
                {title}
              </Link>
            </em>
          </div>
          <nav aria-label={title} className="mandate-nav">
            <ul className="usa-list usa-list--unstyled mandate-nav__list">
              {nav.map((item) => (
                <li key={item.href}>
                  <Link className="usa-link" href={item.href}>
                    {item.label}
                  </Link>
                </li>
              ))}
              {extra && <li>{extra}</li>}
              <li>
                <button
                  type="button"
                  className="usa-button usa-button--outline usa-button--small"
                  lang={other}
                  title={t('lang.switchLabel')}
                  onClick={() => setLang(other)}
                >
                  {t('lang.switch')}
                </button>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main-content" className={`grid-container padding-bottom-5${wide ? ' mandate-wide' : ''}`} tabIndex={-1}>
        {children}
      </main>
      {footer && (
        <footer className="usa-footer usa-footer--slim">
          <div className="grid-container padding-y-2">
            <p className="margin-0">{footer}</p>
          </div>
        </footer>
      )}
    </>
  );
}

/** Moves keyboard focus to the page's heading when a step appears (screen readers announce the new step). */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/** Sets the document title (page name first, then the site). */
export function useTitle(title: string, site: string): void {
  useEffect(() => {
    document.title = title ? `${title} | ${site}` : site;
  }, [title, site]);
}

/**
 * A checkbox the person must tick to agree (a consent): after a try without it (`missing`), it shows `error` above the
 * box, linked to it, until ticked. One block for every consent on the pages (referrals, earlier answers, case referrals).
 */
export function AgreementCheckbox(props: {
  id: string;
  label: string;
  error: string;
  missing: boolean;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Extra classes of the box (e.g. `bg-transparent` on a coloured panel). */
  boxClass?: string;
}) {
  const shown = props.missing && !props.checked;
  const errorId = `${props.id}-error`;
  return (
    <div className={`usa-form-group${shown ? ' usa-form-group--error' : ''}`}>
      {shown && (
        <span className="usa-error-message" id={errorId}>
          {props.error}
        </span>
      )}
      <div className={props.boxClass ? `usa-checkbox ${props.boxClass}` : 'usa-checkbox'}>
        <input
          className="usa-checkbox__input"
          id={props.id}
          type="checkbox"
          checked={props.checked}
          aria-describedby={shown ? errorId : undefined}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        <label className="usa-checkbox__label" htmlFor={props.id}>
          {props.label}
        </label>
      </div>
    </div>
  );
}
