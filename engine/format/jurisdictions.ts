/**
 * Where programs apply (`jurisdiction`, ISO 3166): the names of the places the pages offer, and which programs apply
 * in a place. Browser-safe (no imports beyond types): the pages' state picker and the engine's layer diff read it.
 */
import type { Program } from './types.ts';

/** The places a program may name below a country, with their names in English and Spanish (ISO 3166-2:US). */
export const JURISDICTION_NAMES: Record<string, { en: string; es: string }> = {
  US: { en: 'United States', es: 'Estados Unidos' },
  'US-AL': { en: 'Alabama', es: 'Alabama' },
  'US-AK': { en: 'Alaska', es: 'Alaska' },
  'US-AZ': { en: 'Arizona', es: 'Arizona' },
  'US-AR': { en: 'Arkansas', es: 'Arkansas' },
  'US-CA': { en: 'California', es: 'California' },
  'US-CO': { en: 'Colorado', es: 'Colorado' },
  'US-CT': { en: 'Connecticut', es: 'Connecticut' },
  'US-DE': { en: 'Delaware', es: 'Delaware' },
  'US-DC': { en: 'District of Columbia', es: 'Distrito de Columbia' },
  'US-FL': { en: 'Florida', es: 'Florida' },
  'US-GA': { en: 'Georgia', es: 'Georgia' },
  'US-HI': { en: 'Hawaii', es: 'Hawái' },
  'US-ID': { en: 'Idaho', es: 'Idaho' },
  'US-IL': { en: 'Illinois', es: 'Illinois' },
  'US-IN': { en: 'Indiana', es: 'Indiana' },
  'US-IA': { en: 'Iowa', es: 'Iowa' },
  'US-KS': { en: 'Kansas', es: 'Kansas' },
  'US-KY': { en: 'Kentucky', es: 'Kentucky' },
  'US-LA': { en: 'Louisiana', es: 'Luisiana' },
  'US-ME': { en: 'Maine', es: 'Maine' },
  'US-MD': { en: 'Maryland', es: 'Maryland' },
  'US-MA': { en: 'Massachusetts', es: 'Massachusetts' },
  'US-MI': { en: 'Michigan', es: 'Míchigan' },
  'US-MN': { en: 'Minnesota', es: 'Minnesota' },
  'US-MS': { en: 'Mississippi', es: 'Misisipi' },
  'US-MO': { en: 'Missouri', es: 'Misuri' },
  'US-MT': { en: 'Montana', es: 'Montana' },
  'US-NE': { en: 'Nebraska', es: 'Nebraska' },
  'US-NV': { en: 'Nevada', es: 'Nevada' },
  'US-NH': { en: 'New Hampshire', es: 'Nuevo Hampshire' },
  'US-NJ': { en: 'New Jersey', es: 'Nueva Jersey' },
  'US-NM': { en: 'New Mexico', es: 'Nuevo México' },
  'US-NY': { en: 'New York', es: 'Nueva York' },
  'US-NC': { en: 'North Carolina', es: 'Carolina del Norte' },
  'US-ND': { en: 'North Dakota', es: 'Dakota del Norte' },
  'US-OH': { en: 'Ohio', es: 'Ohio' },
  'US-OK': { en: 'Oklahoma', es: 'Oklahoma' },
  'US-OR': { en: 'Oregon', es: 'Oregón' },
  'US-PA': { en: 'Pennsylvania', es: 'Pensilvania' },
  'US-RI': { en: 'Rhode Island', es: 'Rhode Island' },
  'US-SC': { en: 'South Carolina', es: 'Carolina del Sur' },
  'US-SD': { en: 'South Dakota', es: 'Dakota del Sur' },
  'US-TN': { en: 'Tennessee', es: 'Tennessee' },
  'US-TX': { en: 'Texas', es: 'Texas' },
  'US-UT': { en: 'Utah', es: 'Utah' },
  'US-VT': { en: 'Vermont', es: 'Vermont' },
  'US-VA': { en: 'Virginia', es: 'Virginia' },
  'US-WA': { en: 'Washington', es: 'Washington' },
  'US-WV': { en: 'West Virginia', es: 'Virginia Occidental' },
  'US-WI': { en: 'Wisconsin', es: 'Wisconsin' },
  'US-WY': { en: 'Wyoming', es: 'Wyoming' },
};

/** The name of a place in `lang` (English when the language is not known), or undefined for a code not listed. */
export function jurisdictionName(code: string | undefined, lang = 'en'): string | undefined {
  if (!code) return undefined;
  const names = JURISDICTION_NAMES[code];
  return names ? (lang === 'es' ? names.es : names.en) : undefined;
}

/** True when a program for `jurisdiction` applies in `place`: everywhere (none), the place itself, or its country. */
export function appliesIn(jurisdiction: string | undefined, place: string): boolean {
  return !jurisdiction || jurisdiction === place || place.startsWith(`${jurisdiction}-`);
}

/** What `programsIn` reads of a program: its id, where it applies, and the base it extends. */
export type PlacedProgram = Pick<Program, 'id' | 'jurisdiction' | 'extends'>;

/**
 * The programs offered in `place`: those that apply there, less each base that a program applying there extends
 * (a state's layer replaces the federal program it extends). With no place, every program that is not tied to a
 * state (jurisdiction absent or a country) and every state layer's base: the pages ask for the state first.
 */
export function programsIn<T extends PlacedProgram>(programs: T[], place: string | undefined): T[] {
  if (!place) return programs.filter((p) => !p.jurisdiction || !p.jurisdiction.includes('-'));
  const applying = programs.filter((p) => appliesIn(p.jurisdiction, place));
  const replaced = new Set(applying.flatMap((p) => (p.extends ? [p.extends.program] : [])));
  return applying.filter((p) => !replaced.has(p.id));
}

/** The states (places below a country) some program is tied to, sorted by code: what the pages' state picker offers. */
export function statesWithPrograms(programs: PlacedProgram[]): string[] {
  return [...new Set(programs.flatMap((p) => (p.jurisdiction?.includes('-') ? [p.jurisdiction] : [])))].sort();
}
