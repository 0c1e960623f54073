/** Entry of the studio (`studio/index.html`), served at `/studio`. */
import { createRoot } from 'react-dom/client';
import '../../web/src/shared/styles.css';
import './studio.css';
import { LangProvider } from '../../web/src/shared/i18n.tsx';
import { SessionProvider } from '../../web/src/staff/session.tsx';
import { StudioApp } from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <LangProvider>
    <SessionProvider>
      <StudioApp />
    </SessionProvider>
  </LangProvider>,
);
