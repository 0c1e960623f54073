/**
 * The members of one organisation with their roles there (issue 16), for its administrators and platform
 * administrators: add an existing account by email with roles (or change its roles), remove a member.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api.ts';
import type { Member, MemberList, Organisation } from '../../shared/api-types.ts';
import { Alert, errorText } from '../../shared/components.tsx';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import type { MessageKey } from '../../i18n/en.ts';

/** The roles held in an organisation (platform administration is not). */
const MEMBER_ROLES = ['caseworker', 'supervisor', 'analyst', 'administrator', 'intermediary'] as const;
type MemberRole = (typeof MEMBER_ROLES)[number];

/** One organisation's members panel. */
export function OrganisationMembers({ organisation }: { organisation: Organisation }) {
  const { t } = useI18n();
  const path = `/api/organisations/${encodeURIComponent(organisation.id)}/members`;
  const members = useLoad(() => api<MemberList>('GET', path), [path]);
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<MemberRole[]>(['caseworker']);
  const [message, setMessage] = useState<{ type: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const roleNames = (list: readonly string[]) => list.map((r) => t(`role.${r}` as MessageKey)).join(', ');
  const run = async (call: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ type: 'success', text: await call() });
      members.reload();
    } catch (error) {
      setMessage({ type: 'error', text: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const saved = await api<Member>('PUT', path, { email: email.trim(), roles });
      setEmail('');
      return t('org.memberSaved', { email: saved.user.email, roles: roleNames(saved.roles) });
    });
  };
  const idBase = `org-${organisation.id}`;
  return (
    <section aria-labelledby={`${idBase}-members`} className="margin-top-4">
      <h2 id={`${idBase}-members`}>{t('org.members', { name: organisation.name })}</h2>
      {message && (
        <Alert type={message.type} slim>
          <p className="usa-alert__text">{message.text}</p>
        </Alert>
      )}
      {members.data && members.data.items.length === 0 && <p>{t('org.noMembers')}</p>}
      {members.data && members.data.items.length > 0 && (
        <table className="usa-table usa-table--stacked usa-table--borderless width-full">
          <thead>
            <tr>
              <th scope="col">{t('org.member')}</th>
              <th scope="col">{t('org.roles')}</th>
              <th scope="col">
                <span className="usa-sr-only">{t('org.remove', { name: '' })}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.data.items.map((m) => (
              <tr key={m.user.id}>
                <td data-label={t('org.member')}>
                  {m.user.name} ({m.user.email})
                </td>
                <td data-label={t('org.roles')}>{roleNames(m.roles)}</td>
                <td>
                  <button
                    type="button"
                    className="usa-button usa-button--unstyled"
                    disabled={busy}
                    onClick={() =>
                      void run(async () => {
                        await api('DELETE', `${path}/${encodeURIComponent(m.user.id)}`);
                        return t('org.memberRemoved');
                      })
                    }
                  >
                    {t('org.remove', { name: m.user.name })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="usa-form" onSubmit={save}>
        <h3>{t('org.addMember')}</h3>
        <label className="usa-label" htmlFor={`${idBase}-email`}>
          {t('org.memberEmail')}
        </label>
        <input className="usa-input" id={`${idBase}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">{t('org.memberRolesLegend')}</legend>
          {MEMBER_ROLES.map((r) => (
            <div className="usa-checkbox" key={r}>
              <input
                className="usa-checkbox__input"
                id={`${idBase}-role-${r}`}
                type="checkbox"
                checked={roles.includes(r)}
                onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))}
              />
              <label className="usa-checkbox__label" htmlFor={`${idBase}-role-${r}`}>
                {t(`role.${r}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="usa-button" disabled={busy || !email.trim() || roles.length === 0}>
          {t('org.saveMember')}
        </button>
      </form>
    </section>
  );
}
