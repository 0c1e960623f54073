/**
 * The error summary at the top of a step (the GOV.UK / USWDS pattern): a `usa-alert--error` listing each problem as
 * a link that moves focus to the question. It takes focus when it appears after "Continue".
 */
import type { RJSFValidationError } from '@rjsf/utils';
import { Alert } from '../shared/components.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { fieldId, pathSegments } from './schema-paths.ts';

function focusField(id: string): void {
  const target =
    document.getElementById(id) ??
    document.getElementById(`${id}-0`) ??
    document.getElementById(`${id}__add`) ??
    document.getElementById(`${id}__fieldset`);
  const input =
    target && target.matches('input,select,textarea,button') ? target : target?.querySelector<HTMLElement>('input,select,textarea,button');
  (input ?? target)?.focus();
  (input ?? target)?.scrollIntoView({ block: 'center' });
}

/** Lists `errors` with links to their fields; renders nothing when there are none. */
export function ErrorSummary({ errors, focusKey }: { errors: RJSFValidationError[]; focusKey: number }) {
  const { t } = useI18n();
  if (errors.length === 0) return null;
  return (
    <div key={focusKey}>
      <Alert type="error" heading={t('errors.heading')} focus>
        <ul className="usa-list usa-list--unstyled">
          {errors.map((error, i) => {
            const id = fieldId(pathSegments(error.property ?? ''));
            return (
              <li key={`${error.property}-${i}`}>
                <a
                  className="usa-link"
                  href={`#${id}`}
                  onClick={(event) => {
                    event.preventDefault();
                    focusField(id);
                  }}
                >
                  {error.message}
                </a>
              </li>
            );
          })}
        </ul>
      </Alert>
    </div>
  );
}
