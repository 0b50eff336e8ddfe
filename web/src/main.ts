// The people's web application: one page per daily path, chosen by the logged-in person's role.
import './style.css';
import { currentSession } from './api/client';
import { t } from './i18n';
import { startSync } from './offline/queue';
import { current, go, otherwise, render, route } from './router';
import { header, loginPage, passwordPage } from './session';
import { h, show } from './ui';
import * as inspector from './pages/inspector';
import * as lab from './pages/lab';
import * as supervisor from './pages/supervisor';
import * as oversight from './pages/oversight';
import * as enterprise from './pages/enterprise';
import * as admin from './pages/admin';
import * as publicPages from './pages/public';
import * as documents from './pages/documents';
import * as bulletins from './pages/bulletins';
import * as risk from './pages/risk';

/** Each role's pages and where its people start. */
const homes: Record<string, { home: string; nav: [string, string][] }> = {
  inspector: { home: '/inbox', nav: [['/inbox', 'inspector.inbox'], ['/queue', 'inspector.queue']] },
  lab: { home: '/lab', nav: [['/lab', 'lab.samples']] },
  supervisor: { home: '/draws', nav: [['/draws', 'supervisor.draws'], ['/tasks', 'supervisor.tasks'], ['/overdue', 'supervisor.overdue'], ['/progress', 'supervisor.progress'], ['/results', 'public.results']] },
  admin: { home: '/users', nav: [['/users', 'admin.users'], ['/draws', 'supervisor.draws'], ['/tasks', 'supervisor.tasks'], ['/results', 'public.results']] },
  enterprise: { home: '/mine', nav: [['/mine', 'enterprise.mine'], ['/results', 'public.results']] },
};
// The quality bulletins (质量公告) are public; supervisors and admins also draft and publish them there.
homes.supervisor.nav.push(['/bulletins', 'bulletins.menu']);
homes.admin.nav.push(['/bulletins', 'bulletins.menu']);
// Risk classification (风险分类): supervisors and admins only.
homes.supervisor.nav.push(['/risk', 'risk.menu']);
homes.admin.nav.push(['/risk', 'risk.menu']);

function nav(): HTMLElement | null {
  const s = currentSession();
  const mine = s ? homes[s.role] : undefined;
  const links: [string, string][] = mine?.nav ?? [['/results', 'public.results'], ['/bulletins', 'bulletins.menu'], ['/draws/public', 'public.draws'], ['/verify', 'documents.verify']];
  return h('nav', { 'aria-label': t('common.menu') }, links.map(([path, key]) =>
    h('a', { href: '#' + path, 'aria-current': current().startsWith(path) ? 'page' : null }, t(key))));
}

/** Only public pages and the login are open without a session; a first password must be changed before anything. */
function guard(page: (...p: string[]) => Promise<void> | void, open = false) {
  return (...params: string[]) => {
    const s = currentSession();
    if (!open && !s) return go('/login');
    if (s?.mustChangePassword && !open) return go('/password');
    header(nav());
    return page(...params);
  };
}

route('/', () => go(homes[currentSession()?.role ?? '']?.home ?? '/results'));
route('/login', () => { header(nav()); loginPage(); });
route('/password', () => { header(nav()); passwordPage(); });
bulletins.routes(route, guard);
inspector.routes(route, guard);
lab.routes(route, guard);
supervisor.routes(route, guard);
oversight.routes(route, guard);
enterprise.routes(route, guard);
admin.routes(route, guard);
publicPages.routes(route, guard);
documents.routes(route, guard);
risk.routes(route, guard);
otherwise(guard((path) => show(h('h1', {}, t('common.notFound')), h('p', {}, path), h('a', { href: '#/' }, t('common.home'))), true));

addEventListener('hashchange', () => void render());
void render();
startSync();

// The service worker makes the app open with no connection (after one visit with one).
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' });
