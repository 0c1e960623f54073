/**
 * Deleting a parameter: first the places that name it (the engine's `parameterUses`, asked of the worker on the
 * definition as it stands), then the analyst confirms or cancels; the focus goes into the warning and back.
 */
import { useEffect, useRef, useState } from 'react';
import type { ParameterUseSite } from '../../../../engine/index.ts';
import { textOf } from '../../draft/useDraft.ts';
import { engine } from '../../engine/client.ts';
import { useText } from '../../text.ts';

export interface DeleteParameterProps {
  name: string;
  doc: Record<string, unknown>;
  onDelete: () => void;
}

/** The delete button, and once pressed the warning with the parameter's uses and the confirmation. */
export function DeleteParameter({ name, doc, onDelete }: DeleteParameterProps) {
  const s = useText();
  // null: not asked; `uses` undefined while the worker looks, null when the definition could not be walked.
  const [deleting, setDeleting] = useState<{ uses?: ParameterUseSite[] | null } | null>(null);
  const deleteHeading = useRef<HTMLHeadingElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  const confirming = deleting !== null;
  useEffect(() => {
    // Into the warning when it opens; back to its button when it is cancelled.
    if (confirming) deleteHeading.current?.focus();
    else if (wasConfirming.current) deleteButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const askDelete = () => {
    setDeleting({});
    engine.parameterUses(textOf(doc)).then(
      (uses) => setDeleting({ uses: uses ? (uses[name] ?? []) : null }),
      () => setDeleting({ uses: null }),
    );
  };
  return (
    <div className="margin-top-3">
      {deleting === null ? (
        <button ref={deleteButton} type="button" className="usa-button usa-button--secondary" onClick={askDelete}>
          {s('parameters.delete')}
        </button>
      ) : (
        <section className="usa-alert usa-alert--warning" aria-labelledby={`param-${name}-delete-heading`}>
          <div className="usa-alert__body">
            <h4 className="usa-alert__heading" id={`param-${name}-delete-heading`} tabIndex={-1} ref={deleteHeading}>
              {s('parameters.deleteHeading', { name })}
            </h4>
            <div className="usa-alert__text" aria-live="polite">
              {deleting.uses === undefined ? (
                <p>{s('parameters.deleteChecking')}</p>
              ) : deleting.uses === null ? (
                <p>{s('parameters.deleteUnknown')}</p>
              ) : deleting.uses.length === 0 ? (
                <p>{s('parameters.deleteUnused')}</p>
              ) : (
                <>
                  <p>{s('parameters.deleteUsed', { count: deleting.uses.length })}</p>
                  <ul data-testid="parameter-uses">
                    {deleting.uses.map((u) => (
                      <li key={u.path}>
                        {u.where} <code>{u.path}</code>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
            <ul className="usa-button-group">
              <li className="usa-button-group__item">
                <button type="button" className="usa-button usa-button--secondary" disabled={deleting.uses === undefined} onClick={onDelete}>
                  {s('parameters.deleteConfirm', { name })}
                </button>
              </li>
              <li className="usa-button-group__item">
                <button type="button" className="usa-button usa-button--outline" onClick={() => setDeleting(null)}>
                  {s('parameters.cancel')}
                </button>
              </li>
            </ul>
          </div>
        </section>
      )}
    </div>
  );
}
