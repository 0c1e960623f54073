/** Entry of the applicant pages (`index.html`). */
import { createRoot } from 'react-dom/client';
import '../shared/styles.css';
import { LangProvider } from '../shared/i18n.tsx';
import { ApplicantApp } from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <LangProvider>
    <ApplicantApp />
  </LangProvider>,
);
