/**
 * "This is a shared device": the applicant's choice to keep their resume code, answers and result on this device
 * only until the window closes (sessionStorage, `drafts.ts`), so the next person at a library computer finds nothing.
 */
import { useState } from 'react';
import { useI18n } from '../shared/i18n.tsx';
import { isSharedDevice, setSharedDevice } from './drafts.ts';

/** The checkbox; `onChange` hears the new choice. */
export function SharedDeviceChoice({ onChange }: { onChange?: (shared: boolean) => void }) {
  const { t } = useI18n();
  const [shared, setShared] = useState(isSharedDevice);
  return (
    <div className="usa-checkbox margin-y-3">
      <input
        className="usa-checkbox__input"
        id="shared-device"
        type="checkbox"
        checked={shared}
        onChange={(e) => {
          setSharedDevice(e.target.checked);
          setShared(e.target.checked);
          onChange?.(e.target.checked);
        }}
      />
      <label className="usa-checkbox__label" htmlFor="shared-device">
        {t('shared.label')}
        <span className="usa-checkbox__label-description">{t('shared.hint')}</span>
      </label>
    </div>
  );
}
