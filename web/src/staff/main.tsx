/** Entry of the staff pages (`staff.html`). */
import { createRoot } from 'react-dom/client';
import '../shared/styles.css';
import { LangProvider } from '../shared/i18n.tsx';
import { StaffApp } from './App.tsx';
import { SessionProvider } from './session.tsx';

createRoot(document.getElementById('root')!).render(
  <LangProvider>
    <SessionProvider>
      <StaffApp />
    </SessionProvider>
  </LangProvider>,
);
