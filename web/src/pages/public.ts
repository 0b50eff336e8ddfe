// The public pages: the published results (一公开), open to anyone without logging in. The draw check
// (#/draws/public) is another module's.
import { api, type Schemas } from '../api/client';
import { maybe, t } from '../i18n';
import { h, show, table } from '../ui';
import type { Guard, Route } from './types';
import './public/public.css';

type Result = Schemas['PublishedResult'];

export function routes(route: Route, guard: Guard): void {
  route('/results', guard(resultsPage, true));
}

function outcome(value: string | null | undefined): HTMLElement | string {
  if (!value) return '—';
  return h('span', { class: value === 'fail' ? 'fail' : value === 'pass' ? 'ok' : '' }, maybe(`public.outcome-${value}`) ?? value);
}

async function resultsPage(): Promise<void> {
  show(h('h1', {}, t('public.results')), h('p', {}, t('common.loading')));
  let rows: Result[] | null = null;
  let failed = '';
  try {
    const { data, response } = await api.GET('/api/results', { params: { query: { limit: 500 } } });
    rows = data ?? null;
    if (!data) failed = maybe(`errors.${response.status}`) ?? t('errors.other', { status: response.status });
  } catch {
    failed = t('errors.offline');
  }
  if (!rows) return show(h('h1', {}, t('public.results')), h('p', { class: 'notice', role: 'status' }, failed));
  // Newest publication first: what a reader looks for is what was published lately.
  const sorted = [...rows].sort((a, b) => (b.publishedOn ?? '').localeCompare(a.publishedOn ?? '') || a.taskId.localeCompare(b.taskId));
  show(h('h1', {}, t('public.results')), h('p', {}, t('public.resultsHelp')),
    table(t('public.resultsCaption', { count: sorted.length }),
      // What a reader looks for first (who, passed or not, when) comes first: a phone shows it without scrolling.
      [t('public.enterprise'), t('fields.outcome'), t('public.publishedOn'), t('fields.category'), t('fields.batchId'), t('fields.region')],
      sorted.map((r) => [
        r.enterprise, outcome(r.outcome),
        h('span', {}, r.publishedOn ?? '—', r.late ? h('span', { class: 'late' }, ` ${t('public.late')}`) : null),
        r.category, r.batchId ?? '—', r.region,
      ]), 'results'));
}
