/** axe on every page and every wizard step of every shipped program, in Spanish (see support/a11y-suite.ts). */
import { accessibilitySuite } from './support/a11y-suite.ts';

accessibilitySuite('es');
