/**
 * Groups of questions: the form root shows only the current step's fields (no fieldset: the step's heading names
 * it); a nested object is a `usa-fieldset` with a legend; an array item's object is drawn bare because the array
 * item template already wraps it in a fieldset named "Household member 2".
 */
import type { ObjectFieldTemplateProps } from '@rjsf/utils';
import { formContextOf } from './context.ts';

/** The Mandate theme's `ObjectFieldTemplate`. */
export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { properties, title, description, fieldPathId, registry, required } = props;
  const { pageFields, t } = formContextOf(registry);
  const path = fieldPathId.path;
  const isRoot = path.length === 0;
  const visible = properties.filter((p) => !p.hidden && (!isRoot || !pageFields || pageFields.includes(p.name)));
  const content = visible.map((p) => <div key={p.name}>{p.content}</div>);
  if (isRoot || typeof path[path.length - 1] === 'number') return <>{content}</>;
  return (
    <fieldset className="usa-fieldset margin-top-3" id={`${fieldPathId.$id}__fieldset`}>
      {title && (
        <legend className="usa-legend usa-legend--large">
          {title}
          {!required && <span className="mandate-optional"> {t('common.optional')}</span>}
        </legend>
      )}
      {description && <div className="usa-hint">{description}</div>}
      {content}
    </fieldset>
  );
}
