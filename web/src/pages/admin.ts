// The admin's pages: person accounts (list, create with a first password, log out everywhere), directory imports
// (a CSV file, its rows shown with each row's problems in place), and the catalogue's versions.
import { api, asProblem, type Schemas } from '../api/client';
import { dateTime, maybe, t } from '../i18n';
import { button, field, h, input, show, showProblem, status, table, values, word } from '../ui';
import { importsPage } from './admin/imports';
import { adminLinks } from './admin/links';
import type { Guard, Route } from './types';
import './admin/admin.css';

type Account = Schemas['AccountView'];

/** Every role a person may have; those acting as a directory entry name it as their subject. */
const roles = ['inspector', 'lab', 'supervisor', 'admin', 'witness', 'enterprise'] as const;
const withSubject = new Set<string>(['inspector', 'lab', 'enterprise']);

export function routes(route: Route, guard: Guard): void {
  route('/users', guard(usersPage));
  route('/imports', guard(importsPage));
  route('/catalogue', guard(cataloguePage));
}

async function usersPage(): Promise<void> {
  const list = h('div', { 'data-testid': 'users-list' }, h('p', {}, t('common.loading')));
  const refresh = async () => list.replaceChildren(await usersTable(refresh));
  show(h('h1', {}, t('admin.users')), adminLinks(), createForm(refresh), list);
  await refresh();
}

async function usersTable(refresh: () => Promise<void>): Promise<HTMLElement> {
  const { data, error, response } = await api.GET('/api/users');
  if (!data) return h('p', { class: 'notice' }, asProblem(error, response.status).detail ?? t('errors.other', { status: response.status }));
  const sorted = [...data].sort((a, b) => a.userName.localeCompare(b.userName));
  return table(t('admin.usersCaption'), [t('common.userName'), t('fields.name'), t('fields.role'), t('fields.subject'), t('admin.mustChange'), t('admin.lockedUntil'), t('admin.sessions'), ''],
    sorted.map((u) => [
      u.userName, u.name, word('roles', u.role), u.subject ?? '—',
      u.mustChangePassword ? t('admin.yes') : t('admin.no'),
      u.lockedUntil ? h('span', { class: 'late' }, dateTime(u.lockedUntil)) : '—',
      String(u.openSessions),
      logoutButton(u, refresh),
    ]), 'users');
}

/** Ends every session of the account at once (a lost phone, a person who left). */
function logoutButton(u: Account, refresh: () => Promise<void>): HTMLElement {
  return button(t('admin.logoutEverywhere'), {
    'aria-label': t('admin.logoutEverywhereOf', { user: u.userName }),
    onclick: async () => {
      const { error, response } = await api.POST('/api/users/{userName}/logout-everywhere', { params: { path: { userName: u.userName } } });
      status(response.ok ? t('admin.loggedOut', { user: u.userName }) : asProblem(error, response.status).detail ?? t('errors.other', { status: response.status }));
      await refresh();
    },
  });
}

function subjectHint(role: string): string {
  return t(withSubject.has(role) ? `admin.subjectHint-${role}` : 'admin.subjectHint-none');
}

function createForm(refresh: () => Promise<void>): HTMLFormElement {
  const role = h('select', { name: 'role', required: true }, roles.map((r) => h('option', { value: r }, word('roles', r))));
  const subject = input('subject', { autocomplete: 'off', autocapitalize: 'none' });
  const subjectField = field(t('fields.subject'), subject, subjectHint(role.value));
  const hint = subjectField.querySelector('small')!;
  role.addEventListener('change', () => { hint.textContent = subjectHint(role.value); });
  const form = h('form', { class: 'card', 'data-testid': 'create-user', novalidate: true, 'aria-labelledby': 'create-user-title' },
    h('h2', { id: 'create-user-title' }, t('admin.createUser')),
    h('div', { class: 'row' },
      field(t('common.userName'), input('userName', { required: true, autocomplete: 'off', autocapitalize: 'none' }), t('admin.userNameHint')),
      field(t('fields.name'), input('name', { required: true, autocomplete: 'off' }))),
    h('div', { class: 'row' }, field(t('fields.role'), role), subjectField),
    field(t('admin.firstPassword'), input('password', { type: 'password', required: true, autocomplete: 'new-password' }), t('admin.firstPasswordHint')),
    h('p', { class: 'form-error', role: 'alert' }),
    button(t('admin.create'), { type: 'submit', class: 'primary' }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = values(form);
    // The required fields are checked here, in the reader's words; everything else is the server's to say.
    const errors: Record<string, string[]> = {};
    for (const name of ['userName', 'name', 'password']) if (!v[name]) errors[name] = [t('errors.required')];
    if (withSubject.has(v.role) && !v.subject) errors.subject = [`${t('errors.required')}：${subjectHint(v.role)}`];
    if (Object.keys(errors).length) return showProblem(form, { status: 400, errors });
    const { data, error, response } = await api.POST('/api/users', {
      body: { userName: v.userName, name: v.name, role: v.role, subject: v.subject || null, password: v.password },
    });
    if (!data) return showProblem(form, asProblem(error, response.status));
    for (const el of form.querySelectorAll<HTMLElement>('[data-error-for], .form-error')) el.textContent = '';
    form.reset();
    hint.textContent = subjectHint(role.value);
    status(t('admin.created', { user: data.userName }));
    await refresh();
  });
  return form;
}

async function cataloguePage(): Promise<void> {
  show(h('h1', {}, t('admin.catalogue')), adminLinks(), h('p', {}, t('common.loading')));
  const { data, error, response } = await api.GET('/api/catalogue/versions');
  const body = data
    ? table(t('admin.catalogueCaption'), [t('admin.version'), t('admin.effectiveDate'), t('admin.categories'), t('admin.origin'), t('admin.uploadedAt'), t('admin.uploadedBy'), t('admin.inForce')],
      [...data].sort((a, b) => Number(b.version) - Number(a.version)).map((c) => [
        String(c.version), c.effectiveDate, String(c.categories), maybe(`admin.origin-${c.origin}`) ?? c.origin,
        c.uploadedAt ? dateTime(c.uploadedAt) : '—', c.uploadedBy ?? '—',
        c.inForce ? h('strong', { class: 'ok' }, t('admin.inForceYes')) : '',
      ]), 'catalogue')
    : h('p', { class: 'notice' }, asProblem(error, response.status).detail ?? t('errors.other', { status: response.status }));
  show(h('h1', {}, t('admin.catalogue')), adminLinks(), h('p', {}, t('admin.catalogueHelp')), body);
}
