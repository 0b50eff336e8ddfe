// The public pages: the published results (一公开), open to anyone without logging in: who was sampled and who made the
// product, by name; the product, batch, outcome, failed items with limit and result, lab, re-test and disposal; each
// correction or withdrawal marked with its reason, and each result's revisions. Supervisors correct or withdraw here.
// The draw check (#/draws/public) is another module's.
import { api, asProblem, currentSession, type Schemas } from '../api/client';
import { dateTime, maybe, t } from '../i18n';
import { button, field, h, show, showProblem, table, word } from '../ui';
import type { Guard, Route } from './types';
import './public/public.css';

type Result = Schemas['PublishedResult'];
type Revision = Schemas['PublishedRevision'];

export function routes(route: Route, guard: Guard): void {
  route('/results', guard(resultsPage, true));
  route('/results/:task/history', guard(historyPage, true));
}

export function outcome(value: string | null | undefined): HTMLElement | string {
  if (!value) return '—';
  return h('span', { class: value === 'fail' ? 'fail' : value === 'pass' ? 'ok' : '' }, maybe(`public.outcome-${value}`) ?? value);
}

/** Supervisors and admins may correct or withdraw a published result (the server checks it again). */
const canChange = (): boolean => ['supervisor', 'admin'].includes(currentSession()?.role ?? '');

const historyLink = (taskId: string): string => `#/results/${encodeURIComponent(taskId)}/history`;

async function load<T>(get: () => Promise<{ data?: T; response: Response }>): Promise<T | string> {
  try {
    const { data, response } = await get();
    return data ?? maybe(`errors.${response.status}`) ?? t('errors.other', { status: response.status });
  } catch {
    return t('errors.offline');
  }
}

async function resultsPage(): Promise<void> {
  show(h('h1', {}, t('public.results')), h('p', {}, t('common.loading')));
  const rows = await load(() => api.GET('/api/results', { params: { query: { limit: 500 } } }));
  if (typeof rows === 'string') return show(h('h1', {}, t('public.results')), h('p', { class: 'notice', role: 'status' }, rows));
  // Newest publication first: what a reader looks for is what was published lately.
  const sorted = [...rows].sort((a, b) => (b.publishedOn ?? '').localeCompare(a.publishedOn ?? '') || a.taskId.localeCompare(b.taskId));
  const list = h('div', { class: 'result-cards', 'data-testid': 'results' });
  const count = h('p', { role: 'status', class: 'result-count' });
  const search = h('input', { name: 'q', type: 'search', autocomplete: 'off' });
  const outcomeFilter = h('select', { name: 'outcome' },
    h('option', { value: '' }, t('public.allOutcomes')), h('option', { value: 'pass' }, t('public.outcome-pass')), h('option', { value: 'fail' }, t('public.outcome-fail')));
  const draw = (): void => {
    const q = search.value.trim().toLowerCase();
    const shown = sorted.filter((r) => (!outcomeFilter.value || r.outcome === outcomeFilter.value) && (!q || searchable(r).includes(q)));
    count.textContent = t('public.resultsCaption', { count: shown.length });
    list.replaceChildren(...(shown.length ? shown.map(card) : [h('p', {}, t('common.none'))]));
  };
  search.addEventListener('input', draw);
  outcomeFilter.addEventListener('change', draw);
  show(h('h1', {}, t('public.results')), h('p', {}, t('public.resultsHelp')),
    h('div', { class: 'row result-filters' }, field(t('public.search'), search, t('public.searchHint')), field(t('fields.outcome'), outcomeFilter)),
    count, list);
  draw();
}

/** The words a reader may search by: names, product, trademark, batch, USCC, category. */
function searchable(r: Result): string {
  return [r.enterpriseName, r.enterprise, r.producerName, r.producerUscc, r.productName, r.trademark, r.batchNumber, r.batchId, r.categoryName, r.category, r.regionName]
    .filter(Boolean).join(' ').toLowerCase();
}

/** A fact line; left out when the result does not say it. */
function fact(label: string, value: Node | string | null | undefined): (HTMLElement | null)[] {
  if (value === null || value === undefined || value === '') return [null];
  return [h('dt', {}, label), h('dd', {}, value)];
}

/** One published result as a card: a phone shows it whole without scrolling sideways. */
function card(r: Result): HTMLElement {
  const headingId = `result-${r.taskId.replace(/[^\w-]/g, '_')}`;
  const withdrawn = r.status === 'withdrawn';
  return h('article', { class: `result-card${withdrawn ? ' withdrawn' : ''}`, 'aria-labelledby': headingId, 'data-task': r.taskId },
    h('header', {},
      h('h2', { id: headingId }, r.enterpriseName ?? r.enterprise),
      h('span', { class: 'badge' }, outcome(r.outcome))),
    marker(r),
    h('dl', { class: 'facts' },
      fact(t('fields.uscc'), h('span', { class: 'code' }, r.enterprise)),
      // The producer's code only when it is another enterprise than the one sampled.
      fact(t('public.producer'), r.producerName ? `${r.producerName}${r.producerUscc && r.producerUscc !== r.enterprise ? `（${r.producerUscc}）` : ''}` : r.producerUscc),
      fact(t('fields.productName'), r.productName),
      fact(t('fields.trademark'), r.trademark),
      fact(t('public.specification'), r.specification),
      fact(t('fields.batchNumber'), r.batchNumber),
      fact(t('fields.productionDate'), r.productionDate),
      fact(t('fields.category'), r.categoryName ?? r.category),
      fact(t('fields.region'), r.regionName ?? r.region),
      fact(t('public.lab'), r.lab),
      fact(t('public.retest'), r.retestLab ? `${r.retestLab}：${r.retestOutcome ? word('outcomes', r.retestOutcome) : t('public.retestPending')}` : null),
      fact(t('public.disposal'), r.disposal ? word('disposal', r.disposal) : null),
      fact(t('public.credit'), r.credit?.length ? h('span', { 'data-testid': 'credit' }, r.credit.map((c) => t('public.creditEntry', { what: c.what, on: c.on })).join('；')) : null),
      fact(t('public.publishedOn'), r.publishedOn ? h('span', {}, r.publishedOn, r.late ? h('span', { class: 'late' }, ` ${t('public.late')}`) : null) : null)),
    r.failedItems.length ? failedItems(r.failedItems, r.enterpriseName ?? r.enterprise) : null,
    h('p', { class: 'result-links' }, h('a', { href: historyLink(r.taskId) }, t('public.history', { revision: r.revision }))),
    canChange() && r.revision ? changeActions(r) : null);
}

/** A corrected or withdrawn result says so, with the reason, where the reader looks first. */
function marker(r: Result): HTMLElement | null {
  if (r.status !== 'withdrawn' && r.status !== 'corrected') return null;
  return h('p', { class: `marker ${r.status}`, 'data-testid': 'marker' },
    h('strong', {}, t(`public.status-${r.status}`)), r.reason ? `：${r.reason}` : '');
}

export function failedItems(items: Schemas['FailedItem'][], whose: string): HTMLElement {
  return table(t('public.failedItems', { name: whose }), [t('public.item'), t('public.limit'), t('public.measured')],
    items.map((i) => [i.name, i.limit, h('span', { class: 'fail' }, i.result)]), 'failed-items');
}

/** "更正" and "撤回": each asks for the reason the public will read, then records a new revision. */
function changeActions(r: Result): HTMLElement {
  const box = h('div', { class: 'result-actions' });
  const open = (kind: 'correct' | 'withdraw') => box.replaceChildren(reasonForm(r, kind, () => box.replaceChildren(...buttons())));
  const buttons = (): HTMLElement[] => [
    button(t('public.correct'), { onclick: () => open('correct'), 'data-testid': 'correct' }),
    r.status === 'withdrawn' ? null : button(t('public.withdraw'), { onclick: () => open('withdraw'), 'data-testid': 'withdraw' }),
  ].filter((b): b is HTMLButtonElement => b !== null);
  box.replaceChildren(...buttons());
  return box;
}

function reasonForm(r: Result, kind: 'correct' | 'withdraw', cancel: () => void): HTMLFormElement {
  const reason = h('textarea', { name: 'reason', required: true, maxlength: 500, rows: 3, id: `reason-${kind}-${r.taskId.replace(/[^\w-]/g, '_')}` });
  const form = h('form', { class: 'card reason-form', novalidate: true, 'data-testid': `${kind}-form` },
    h('h3', {}, t(`public.${kind}Title`)),
    h('p', {}, t(`public.${kind}Help`)),
    field(t('fields.reason'), reason, t('public.reasonHint')),
    h('p', { class: 'form-error', role: 'alert' }),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, t(`public.${kind}`)), button(t('public.cancel'), { onclick: cancel })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const params = { path: { taskId: r.taskId } };
    const body = { reason: reason.value.trim() };
    const { data, error, response } = kind === 'correct'
      ? await api.POST('/api/results/{taskId}/correct', { params, body })
      : await api.POST('/api/results/{taskId}/withdraw', { params, body });
    if (!data) return showProblem(form, asProblem(error, response.status));
    await resultsPage();
  });
  queueMicrotask(() => reason.focus());
  return form;
}

async function historyPage(taskId: string): Promise<void> {
  const title = t('public.historyTitle');
  show(h('h1', {}, title), h('p', {}, t('common.loading')));
  const revisions = await load(() => api.GET('/api/results/{taskId}/history', { params: { path: { taskId } } }));
  if (typeof revisions === 'string') return show(h('h1', {}, title), h('p', { class: 'notice', role: 'status' }, revisions), h('a', { href: '#/results' }, t('public.back')));
  const last = revisions[revisions.length - 1]?.result;
  show(h('h1', {}, title),
    h('p', { class: 'result-history' }, h('b', {}, last?.enterpriseName ?? last?.enterpriseUscc ?? ''), ' ', last?.productName ?? '', ' ', h('span', { class: 'code' }, taskId)),
    h('p', {}, t('public.historyHelp')),
    table(t('public.revisions', { count: revisions.length }),
      [t('public.revision'), t('public.status'), t('fields.reason'), t('public.recordedAt'), t('fields.outcome'), t('public.whatWasPublished')],
      revisions.map(revisionRow), 'history'),
    h('p', {}, h('a', { href: '#/results' }, t('public.back'))));
}

function revisionRow(v: Revision): (Node | string)[] {
  const x = v.result;
  const said = [x.enterpriseName, x.producerName, x.productName, x.trademark, x.specification, x.batchNumber, x.categoryName, x.lab]
    .filter(Boolean).join(' · ');
  return [String(v.revision), t(`public.status-${v.status}`), v.reason ?? '—', dateTime(v.recordedAt), outcome(x.outcome),
    h('span', {}, said, x.failedItems.length ? h('span', { class: 'fail' }, ` · ${x.failedItems.map((i) => `${i.name} ${i.result}`).join('；')}`) : null)];
}
