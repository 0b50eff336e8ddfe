// Quality bulletins (质量公告): anyone reads the published ones (#/bulletins, #/bulletins/:id) with their figures, charts,
// failing products, PDF and CSV, and the verification code; supervisors draft one for a period and scope, review its
// figures, PDF and CSV, and publish exactly what they reviewed (#/bulletins/draft).
import { api, asProblem, currentSession, type Problem, type Schemas } from '../api/client';
import { catalogue } from '../catalogue';
import { chinaToday, dateTime, language, maybe, t } from '../i18n';
import { query } from '../router';
import { button, field, h, show, showProblem, table, word } from '../ui';
import { failedItems } from './public';
import { passRateBars, percent, rate } from './bulletins/charts';
import type { Guard, Route } from './types';
import './bulletins/bulletins.css';

type Bulletin = Schemas['BulletinView'];
type Tally = Schemas['Tally'];

/** Qinghai's prefectures (GB/T 2260), the scopes a prefecture's bulletin may have; their names are in the locale files. */
const PREFECTURES = ['630100', '630200', '632200', '632300', '632500', '632600', '632700', '632800'];

export function routes(route: Route, guard: Guard): void {
  // The drafting page before the bulletin's: "draft" would otherwise be read as a bulletin's id.
  route('/bulletins/draft', guard(draftPage));
  route('/bulletins', guard(listPage, true));
  route('/bulletins/:id', guard(bulletinPage, true));
}

const isSupervisor = (): boolean => ['supervisor', 'admin'].includes(currentSession()?.role ?? '');

function failure(status: number): string {
  return maybe(`errors.${status}`) ?? t('errors.other', { status });
}

async function load<T>(get: () => Promise<{ data?: T; response: Response }>): Promise<T | string> {
  try {
    const { data, response } = await get();
    return data ?? failure(response.status);
  } catch {
    return t('errors.offline');
  }
}

async function listPage(): Promise<void> {
  show(h('h1', {}, t('bulletins.title')), h('p', {}, t('common.loading')));
  const published = await load(() => api.GET('/api/bulletins'));
  const drafts = isSupervisor() ? await load(() => api.GET('/api/bulletins/drafts')) : null;
  show(h('h1', {}, t('bulletins.title')),
    h('p', {}, t('bulletins.intro')),
    isSupervisor() ? h('p', {}, h('a', { href: '#/bulletins/draft', class: 'button-link', 'data-testid': 'new-draft' }, t('bulletins.newDraft'))) : null,
    typeof published === 'string' ? h('p', { class: 'notice', role: 'status' }, published)
      : table(t('bulletins.published', { count: published.length }), [t('bulletins.bulletin'), t('bulletins.number'), t('bulletins.publishedAt')],
        [...published].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '')).map((b) => [
          h('a', { href: `#/bulletins/${encodeURIComponent(b.id)}` }, b.title),
          h('span', { class: 'code' }, b.number ?? '—'),
          b.publishedAt ? dateTime(b.publishedAt) : '—',
        ]), 'bulletins'),
    drafts === null ? null : typeof drafts === 'string' ? h('p', { class: 'notice', role: 'status' }, drafts)
      : table(t('bulletins.drafts', { count: drafts.length }), [t('bulletins.bulletin'), t('bulletins.edition'), t('bulletins.draftedAt')],
        drafts.map((d) => [h('a', { href: `#/bulletins/draft?id=${encodeURIComponent(d.id)}` }, d.title), String(d.edition), dateTime(d.draftedAt)]), 'drafts'));
}

async function bulletinPage(id: string): Promise<void> {
  show(h('h1', {}, t('bulletins.title')), h('p', {}, t('common.loading')));
  const bulletin = await load(() => api.GET('/api/bulletins/{id}', { params: { path: { id } } }));
  if (typeof bulletin === 'string') return show(h('h1', {}, t('bulletins.title')), h('p', { class: 'notice', role: 'status' }, bulletin), back());
  show(...bulletinBody(bulletin), back());
}

const back = (): HTMLElement => h('p', {}, h('a', { href: '#/bulletins' }, t('bulletins.back')));

/** A bulletin as a reader reads it: what it is, the summary, the charts, the tables, the failing products, the files. */
function bulletinBody(b: Bulletin): HTMLElement[] {
  const f = b.figures;
  return [
    h('h1', {}, b.title),
    identity(b),
    summary(f),
    h('section', { class: 'charts', 'aria-labelledby': 'charts-title' },
      h('h2', { id: 'charts-title' }, t('bulletins.charts')),
      passRateBars(t('bulletins.byCategoryChart'), f.byCategory, 'chart-category'),
      passRateBars(t('bulletins.byPrefectureChart'), f.byPrefecture, 'chart-prefecture'),
      passRateBars(t('bulletins.trendChart'), f.trend, 'chart-trend')),
    h('section', { 'aria-labelledby': 'tables-title' },
      h('h2', { id: 'tables-title' }, t('bulletins.tables')),
      tallies(t('bulletins.byCategory'), t('fields.category'), f.byCategory, 'by-category'),
      tallies(t('bulletins.byPrefecture'), t('bulletins.prefecture'), f.byPrefecture, 'by-prefecture'),
      tallies(t('bulletins.byEnterpriseKind'), t('bulletins.enterpriseKind'), f.byEnterpriseKind, 'by-kind'),
      tallies(t('bulletins.trend'), t('bulletins.period'), f.trend, 'trend')),
    failing(f.failing),
    files(b),
  ];
}

/** Number, verification code, publication and correction; or the draft's marker. */
function identity(b: Bulletin): HTMLElement {
  const published = b.status === 'published';
  return h('dl', { class: 'facts bulletin-identity', 'data-testid': 'bulletin-identity' },
    h('dt', {}, t('bulletins.status')), h('dd', {}, published ? t('bulletins.status-published') : h('strong', { class: 'draft-mark' }, t('bulletins.status-draft'))),
    b.number ? [h('dt', {}, t('bulletins.number')), h('dd', { class: 'code', 'data-testid': 'bulletin-number' }, b.number)] : null,
    b.code ? [h('dt', {}, t('bulletins.code')), h('dd', {}, h('a', { href: `#/verify/${encodeURIComponent(b.code)}`, class: 'code', 'data-testid': 'verify-link' }, b.code),
      h('small', {}, ` ${t('bulletins.codeHelp')}`))] : null,
    b.publishedAt ? [h('dt', {}, t('bulletins.publishedAt')), h('dd', {}, dateTime(b.publishedAt))] : [h('dt', {}, t('bulletins.draftedAt')), h('dd', {}, dateTime(b.draftedAt))],
    h('dt', {}, t('bulletins.range')), h('dd', {}, `${b.figures.from} — ${b.figures.to}`),
    b.replaces ? [h('dt', {}, t('bulletins.replaces')), h('dd', {}, h('span', { class: 'code' }, b.replaces), b.reason ? `：${b.reason}` : '')] : null,
    h('dt', {}, t('bulletins.sha')), h('dd', { class: 'code sha', 'data-testid': 'figures-sha' }, b.figuresSha256));
}

function summary(f: Bulletin['figures']): HTMLElement {
  const tile = (label: string, value: string, testId: string, cls = ''): HTMLElement =>
    h('div', { class: `tile ${cls}`, 'data-testid': testId }, h('span', { class: 'tile-value' }, value), h('span', { class: 'tile-label' }, label));
  const r = f.retests;
  return h('section', { 'aria-labelledby': 'summary-title' },
    h('h2', { id: 'summary-title' }, t('bulletins.summary')),
    h('div', { class: 'tiles' },
      tile(t('bulletins.batches'), String(f.total.batches), 'total-batches'),
      tile(t('bulletins.passed'), String(f.total.passed), 'total-passed', 'ok'),
      tile(t('bulletins.failed'), String(f.total.failed), 'total-failed', Number(f.total.failed) > 0 ? 'fail' : ''),
      tile(t('bulletins.passRate'), percent(rate(f.total)), 'total-rate')),
    h('p', { 'data-testid': 'retests' }, t('bulletins.retests', { retested: r.retested, reversed: r.reversed, upheld: r.upheld })),
    Number(f.withdrawn) > 0 ? h('p', {}, t('bulletins.withdrawn', { count: f.withdrawn })) : null);
}

function tallies(caption: string, keyHeader: string, rows: Tally[], testId: string): HTMLElement {
  return table(caption, [keyHeader, t('bulletins.batches'), t('bulletins.passed'), t('bulletins.failed'), t('bulletins.passRate')],
    rows.map((x) => [x.name, String(x.batches), String(x.passed), String(x.failed), percent(rate(x))]), testId);
}

/** Each failing product as a card (a phone reads it whole): who, what, which batch, which items failed by how much. */
function failing(products: Bulletin['figures']['failing']): HTMLElement {
  return h('section', { 'aria-labelledby': 'failing-title', 'data-testid': 'failing' },
    h('h2', { id: 'failing-title' }, t('bulletins.failing', { count: products.length })),
    products.length === 0 ? h('p', {}, t('bulletins.noFailing')) : h('div', { class: 'result-cards' }, products.map((p) => {
      const id = `failing-${p.taskId.replace(/[^\w-]/g, '_')}`;
      const row = (label: string, value: string | null): (HTMLElement | null)[] => value ? [h('dt', {}, label), h('dd', {}, value)] : [null];
      return h('article', { class: 'result-card', 'aria-labelledby': id },
        h('header', {}, h('h3', { id }, p.enterprise)),
        h('dl', { class: 'facts' },
          row(t('public.producer'), p.producer), row(t('fields.productName'), p.product), row(t('fields.trademark'), p.trademark),
          row(t('public.specification'), p.specification), row(t('fields.batchNumber'), p.batchNumber), row(t('fields.category'), p.category),
          row(t('fields.region'), p.region), row(t('public.lab'), p.lab), row(t('public.disposal'), p.disposal ? word('disposal', p.disposal) : null)),
        p.failedItems.length ? failedItems(p.failedItems, p.enterprise) : null);
    })));
}

function files(b: Bulletin): HTMLElement {
  return h('p', { class: 'row bulletin-files' },
    h('a', { href: b.pdfUrl, class: 'button-link', 'data-testid': 'pdf', download: '' }, t(b.status === 'published' ? 'bulletins.pdf' : 'bulletins.draftPdf')),
    h('a', { href: b.csvUrl, class: 'button-link', 'data-testid': 'csv', download: '' }, t(b.status === 'published' ? 'bulletins.csv' : 'bulletins.draftCsv')));
}

// ---- Drafting (supervisors) ----

async function draftPage(): Promise<void> {
  if (!isSupervisor()) return show(h('h1', {}, t('bulletins.draftTitle')), h('p', { class: 'notice' }, t('errors.403')));
  const form = await draftForm();
  const review = h('div', { 'data-testid': 'review' });
  show(h('h1', {}, t('bulletins.draftTitle')), h('p', {}, t('bulletins.draftIntro')), form, review);
  const id = query('id');
  if (id) {
    const draft = await load(() => api.GET('/api/bulletins/{id}/draft', { params: { path: { id } } }));
    if (typeof draft === 'string') review.replaceChildren(h('p', { class: 'notice', role: 'status' }, draft));
    else showDraft(review, draft);
  }
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const period = form.querySelector<HTMLInputElement>('[name=period]')!.value.trim();
    const quarter = form.querySelector<HTMLSelectElement>('[name=quarter]')!.value;
    const scope = form.querySelector<HTMLSelectElement>('[name=scope]')!.value;
    const { data, error, response } = await api.POST('/api/bulletins', { body: { period: quarter ? `${period}-${quarter}` : period, scope } });
    if (!data) return showProblem(form, asProblem(error, response.status));
    for (const el of form.querySelectorAll<HTMLElement>('[data-error-for], .form-error')) el.textContent = '';
    showDraft(review, data);
  });
}

/** The period (a year and, optionally, a quarter) and the scope (province, a prefecture, a category). */
async function draftForm(): Promise<HTMLFormElement> {
  const year = h('input', { name: 'period', inputmode: 'numeric', required: true, value: chinaToday().slice(0, 4), maxlength: 4, autocomplete: 'off' });
  const quarter = h('select', { name: 'quarter' }, h('option', { value: '' }, t('bulletins.wholeYear')),
    [1, 2, 3, 4].map((q) => h('option', { value: `Q${q}` }, t(`bulletins.q${q}`))));
  const categories = (await catalogue())?.categories ?? [];
  const scope = h('select', { name: 'scope' },
    h('option', { value: 'province' }, t('bulletins.province')),
    h('optgroup', { label: t('bulletins.prefectures') }, PREFECTURES.map((code) => h('option', { value: `prefecture:${code}` }, t(`bulletins.prefecture-${code}`)))),
    categories.length ? h('optgroup', { label: t('bulletins.categories') },
      categories.map((c) => h('option', { value: `category:${c.code}` }, language() === 'en' ? c.nameEn : c.nameZh))) : null);
  return h('form', { class: 'card', novalidate: true, 'data-testid': 'draft-form', 'aria-labelledby': 'draft-form-title' },
    h('h2', { id: 'draft-form-title' }, t('bulletins.choose')),
    h('div', { class: 'row' }, field(t('bulletins.year'), year, t('bulletins.yearHint')), field(t('bulletins.quarter'), quarter), field(t('bulletins.scope'), scope)),
    h('p', { class: 'form-error', role: 'alert' }),
    h('button', { type: 'submit' }, t('bulletins.computeDraft')));
}

/** The draft under review, and the publication form that sends the SHA-256 of exactly these figures. */
function showDraft(box: HTMLElement, draft: Bulletin): void {
  const reason = h('textarea', { name: 'reason', rows: 3, maxlength: 500 });
  const publish = h('form', { class: 'card publish-form', novalidate: true, 'data-testid': 'publish-form', 'aria-labelledby': 'publish-title' },
    h('h2', { id: 'publish-title' }, t('bulletins.publishTitle')),
    h('p', {}, t('bulletins.publishHelp', { sha: draft.figuresSha256.slice(0, 12) })),
    field(t('bulletins.reason'), reason, t('bulletins.reasonHint')),
    h('p', { class: 'form-error', role: 'alert' }),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, t('bulletins.publish'))));
  publish.addEventListener('submit', async (e) => {
    e.preventDefault();
    const { data, error, response } = await api.POST('/api/bulletins/{id}/publish', {
      params: { path: { id: draft.id } },
      body: { figuresSha256: draft.figuresSha256, reason: reason.value.trim() || null },
    });
    if (data) return void (location.hash = `#/bulletins/${encodeURIComponent(data.id)}`);
    refused(publish, asProblem(error, response.status), draft.id, box);
  });
  box.replaceChildren(h('div', { class: 'draft-review' }, ...bulletinBody(draft)), publish);
  // The draft's title takes the page's heading level below the page's own.
  box.querySelector('h1')?.replaceWith(h('h2', { class: 'draft-title', 'data-testid': 'draft-title' }, draft.title));
}

/** A refused publication: the field's problem beside it, a changed draft (409) with a way to review it again. */
function refused(form: HTMLFormElement, problem: Problem, id: string, box: HTMLElement): void {
  showProblem(form, problem);
  if (problem.status !== 409) return;
  const message = form.querySelector<HTMLElement>('.form-error')!;
  message.textContent = `${t('bulletins.changed')}${problem.detail ? ` — ${problem.detail}` : ''}`;
  form.querySelector('.reload')?.remove();
  form.append(button(t('bulletins.reload'), {
    class: 'reload', 'data-testid': 'reload',
    onclick: async () => {
      const draft = await load(() => api.GET('/api/bulletins/{id}/draft', { params: { path: { id } } }));
      if (typeof draft === 'string') message.textContent = draft;
      else showDraft(box, draft);
    },
  }));
}
