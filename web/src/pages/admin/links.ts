import { t } from '../../i18n';
import { current } from '../../router';
import { h } from '../../ui';

/** The admin's own pages side by side (the shared menu has room for one admin entry: users). */
export function adminLinks(): HTMLElement {
  const link = (path: string, key: string) => h('a', { href: '#' + path, 'aria-current': current() === path ? 'page' : null }, t(key));
  return h('nav', { class: 'admin-links', 'aria-label': t('admin.more') },
    link('/users', 'admin.users'), link('/imports', 'admin.imports'), link('/catalogue', 'admin.catalogue'));
}
