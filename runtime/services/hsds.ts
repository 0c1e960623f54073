/**
 * The directory export (issue 16): the programs in force as Open Referral HSDS 3.1 services, each with its
 * organisation (the program's owner), eligibility description (the program's description and its rules' titles),
 * contact (email, phone, web page), languages and status (a program whose capacity is `closed` is "temporarily
 * closed"; a waitlist is said in `wait_time`). The shape is the HSDS API's page of services (`GET /services`).
 * HSDS identifiers are UUIDs: derived from the program id and the organisation's name, so they are stable.
 */
import { createHash } from 'node:crypto';
import type { IsoDate, Program } from '../../engine/index.ts';
import type { Store } from '../store/types.ts';
import { organisationName } from './organisations-port.ts';
import { versionInForce } from './versions.ts';

/** A stable UUID (version-5 layout) for `name`. */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(`mandate-hsds:${name}`).digest('hex');
  const variant = ((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', es: 'Spanish' };
const isUri = (s: string | undefined): s is string => !!s && /^https?:\/\/[^\s]+$/.test(s);
const isEmail = (s: string | undefined): s is string => !!s && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);

/** One program as an HSDS service with its organisation embedded. */
export function hsdsService(doc: Program, capacity: 'open' | 'waitlist' | 'closed', applyUrl: string | null) {
  const serviceId = stableUuid(`service:${doc.id}`);
  const orgName = organisationName(doc);
  const organizationId = stableUuid(`organization:${orgName}`);
  const email = doc.owner.email ?? undefined;
  const phone = doc.owner.phone ?? doc.referral?.phone;
  const url = isUri(doc.owner.url) ? doc.owner.url : isUri(doc.referral?.url) ? doc.referral?.url : undefined;
  const rules = doc.rules.map((r) => r.title).filter(Boolean);
  return {
    id: serviceId,
    organization_id: organizationId,
    name: doc.title,
    description: doc.description,
    ...(url ? { url } : {}),
    ...(isEmail(email) ? { email } : {}),
    status: capacity === 'closed' ? 'temporarily closed' : 'active',
    ...(capacity === 'waitlist' ? { wait_time: 'Waitlist: new applicants wait for a place.' } : {}),
    application_process: doc.referral
      ? `Apply with ${doc.referral.organisation}${doc.referral.url ? ` at ${doc.referral.url}` : ''}.${doc.referral.instructions ? ` ${doc.referral.instructions}` : ''}`
      : applyUrl
        ? `Apply online at ${applyUrl}.`
        : 'Apply online.',
    eligibility_description: rules.length > 0 ? `${doc.description} Who qualifies: ${rules.join('; ')}.` : doc.description,
    phones: phone ? [{ id: stableUuid(`phone:${doc.id}:${phone}`), service_id: serviceId, number: phone }] : [],
    languages: doc.languages.map((code) => ({
      id: stableUuid(`language:${doc.id}:${code}`),
      service_id: serviceId,
      name: LANGUAGE_NAMES[code] ?? code,
      code,
    })),
    contacts: isEmail(email) ? [{ id: stableUuid(`contact:${doc.id}`), service_id: serviceId, name: orgName, email }] : [],
    organization: {
      id: organizationId,
      name: orgName,
      description: `${orgName} runs ${doc.title}.`,
      ...(isUri(doc.owner.url) ? { website: doc.owner.url } : {}),
      ...(isEmail(email) ? { email } : {}),
    },
  };
}

/**
 * The HSDS page of services for the programs in force on `date`, in the store's order; `baseUrl` (the public
 * address) makes the apply link of programs taken here.
 */
export async function hsdsDirectory(store: Store, date: IsoDate, baseUrl?: string) {
  const all = await store.listProgramVersions({ status: 'published' });
  const ids = [...new Set(all.map((v) => v.programId))];
  const contents = [];
  for (const id of ids) {
    const version = versionInForce(
      all.filter((v) => v.programId === id),
      date,
    );
    if (!version) continue;
    const capacity = (await store.getCapacity(id)).capacity;
    contents.push(hsdsService(version.doc, capacity, baseUrl ? `${baseUrl.replace(/\/$/, '')}/apply/${id}` : null));
  }
  return {
    total_items: contents.length,
    total_pages: 1,
    page_number: 1,
    size: contents.length,
    first_page: true,
    last_page: true,
    empty: contents.length === 0,
    contents,
  };
}
