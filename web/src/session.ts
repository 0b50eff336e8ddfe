// Logging in and out, the first password's change, and the header that shows who is logged in.
import { api, asProblem, currentSession, rememberSession } from './api/client';
import { language, languages, setLanguage, t } from './i18n';
import { go, render } from './router';
import { button, field, h, input, show, showProblem, values } from './ui';

export function loginPage(): void {
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'login-title', novalidate: true },
    h('h1', { id: 'login-title' }, t('common.login')),
    field(t('common.userName'), input('userName', { autocomplete: 'username', required: true, autocapitalize: 'none' })),
    field(t('common.password'), input('password', { type: 'password', autocomplete: 'current-password', required: true })),
    h('p', { class: 'form-error', role: 'alert' }),
    h('button', { type: 'submit' }, t('common.loginButton')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = values(form);
    const { data, error, response } = await api.POST('/api/session', { body: { userName: v.userName, password: v.password } });
    if (!data) return showProblem(form, asProblem(error, response.status));
    rememberSession(data);
    header();
    go(data.mustChangePassword ? '/password' : '/');
  });
  show(form);
}

export function passwordPage(): void {
  const s = currentSession();
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'pw-title', novalidate: true },
    h('h1', { id: 'pw-title' }, t('common.changePassword')),
    s?.mustChangePassword ? h('p', { class: 'notice' }, t('common.firstPassword')) : null,
    field(t('common.currentPassword'), input('currentPassword', { type: 'password', autocomplete: 'current-password', required: true })),
    field(t('common.newPassword'), input('newPassword', { type: 'password', autocomplete: 'new-password', required: true }), t('common.passwordRule')),
    h('p', { class: 'form-error', role: 'alert' }),
    h('button', { type: 'submit' }, t('common.save')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = values(form);
    const { error, response } = await api.POST('/api/session/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
    if (!response.ok) return showProblem(form, asProblem(error, response.status));
    const { data } = await api.GET('/api/session');
    rememberSession(data ?? (s && { ...s, mustChangePassword: false }));
    header();
    go('/');
  });
  show(form);
}

export async function logout(): Promise<void> {
  await api.DELETE('/api/session').catch(() => undefined);
  rememberSession(null);
  header();
  go('/login');
}

/** The top bar: the app's name, who is logged in (name and role, in words), the language switch, log out. */
export function header(nav: HTMLElement | null = null): void {
  const s = currentSession();
  const lang = h('select', { 'aria-label': t('common.language'), name: 'lang' },
    languages.map((l) => h('option', { value: l, selected: l === language() }, l === 'zh-CN' ? '中文' : 'English')));
  lang.addEventListener('change', () => { setLanguage(lang.value as (typeof languages)[number]); header(nav); void render(); });
  document.getElementById('top')!.replaceChildren(h('div', { class: 'bar' },
    h('a', { href: '#/', class: 'brand' }, t('common.appName')),
    s ? h('span', { id: 'who' }, `${s.name} · ${t(`roles.${s.role}`)}`) : null,
    lang,
    s ? button(t('common.logout'), { onclick: () => void logout() }) : h('a', { href: '#/login' }, t('common.login'))),
    nav ?? '');
}
