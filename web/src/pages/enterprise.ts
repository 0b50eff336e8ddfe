// The enterprise's pages: its own notices and its own tasks (from the notice of its result on), each with the result,
// the verdict per item with its reason and the objection window; while the window is open the enterprise files its
// own objection here. The server decides what is whose: anything else answers 403/404, shown as a sentence.
import { api, asProblem, idempotent, type Schemas } from '../api/client';
import { chinaToday, dateTime, maybe, t } from '../i18n';
import { button, field, h, show, showProblem, status, table, word } from '../ui';
import { evidenceList, rectificationForm } from './enterprise/rectification';
import { itemValue, noticeKind, outcome, refusal } from './enterprise/words';
import type { Guard, Route } from './types';
import { documentsSection } from './documents';
import './enterprise/enterprise.css';

type Task = Schemas['TaskView'];
type Notice = Schemas['NotificationRow'];
type Verdict = Schemas['VerdictView'];

export function routes(route: Route, guard: Guard): void {
  route('/mine', guard(mine));
  route('/mine/task/:id', guard(onePage));
}

/** A task as the server answers it, or the status it refused with (0: no connection). */
async function loadTask(id: string): Promise<{ task: Task | null; status: number }> {
  try {
    const { data, response } = await api.GET('/api/tasks/{taskId}', { params: { path: { taskId: id } } });
    return { task: data ?? null, status: response.status };
  } catch {
    return { task: null, status: 0 };
  }
}

async function mine(): Promise<void> {
  show(h('h1', {}, t('enterprise.mine')), h('p', {}, t('common.loading')));
  const [notices, rows] = await Promise.all([
    api.GET('/api/notifications').catch(() => null),
    api.GET('/api/enterprise/tasks').catch(() => null),
  ]);
  if (!rows?.data) return show(h('h1', {}, t('enterprise.mine')), refusal(rows?.response.status ?? 0));
  const tasks = await Promise.all(rows.data.map((r) => loadTask(r.taskId)));
  show(h('h1', {}, t('enterprise.mine')),
    noticeList(notices?.data ?? []),
    h('h2', {}, t('enterprise.tasks')),
    tasks.length === 0 ? h('p', {}, t('enterprise.noTasks')) : null,
    ...tasks.map((x, i) => (x.task ? taskCard(x.task) : h('section', { class: 'card' }, h('h3', {}, rows.data[i].taskId), refusal(x.status)))),
    await creditRecord(tasks.find((x) => x.task)?.task?.uscc));
}

/** The enterprise's credit record from sampling (failures, refusals, failed re-inspections), derived by the server from its tasks. */
async function creditRecord(uscc: string | undefined): Promise<HTMLElement | null> {
  if (!uscc) return null;
  const answer = await api.GET('/api/enterprises/{uscc}/credit', { params: { path: { uscc } } }).catch(() => null);
  if (!answer?.data) return null;
  return h('section', { class: 'card', 'data-testid': 'credit' }, h('h2', {}, t('enterprise.credit')), h('p', {}, t('enterprise.creditHelp')),
    table(t('enterprise.credit'), [t('enterprise.creditOn'), t('enterprise.creditKind'), t('enterprise.creditTask')],
      answer.data.map((e) => [e.on, word('enterprise', `credit-${e.kind}`), h('a', { href: `#/mine/task/${encodeURIComponent(e.taskId)}` }, e.taskId)])));
}

/** One task alone (a notice's link); another enterprise's task is refused by the server and said so here. */
async function onePage(id: string): Promise<void> {
  const { task, status: code } = await loadTask(id);
  show(h('h1', {}, t('enterprise.task', { id })), task ? taskCard(task) : refusal(code), task ? documentsSection(task) : null,
    h('p', {}, h('a', { href: '#/mine' }, t('enterprise.back'))));
}

/** Newest first, in China time; the kind of notice in words, the server's own sentence under it (a list reads on a phone). */
function noticeList(notices: Notice[]): HTMLElement {
  const sorted = [...notices].sort((a, b) => b.at.localeCompare(a.at));
  return h('section', { 'aria-labelledby': 'notices-title' }, h('h2', { id: 'notices-title' }, t('enterprise.notices')),
    h('ol', { class: 'notices', 'data-testid': 'notices' }, sorted.length === 0 ? h('li', {}, t('common.none')) : sorted.map((n) => h('li', {},
      h('strong', {}, noticeKind(n.message)), ' ', h('time', { datetime: n.at }, dateTime(n.at)),
      h('div', {}, h('a', { href: `#/mine/task/${encodeURIComponent(n.taskId)}` }, n.taskId)),
      h('small', {}, n.message)))));
}

function taskCard(task: Task): HTMLElement {
  const heading = `task-h-${++headings}`;
  const card = h('section', { class: 'card task-card', 'data-testid': 'enterprise-task', 'data-task': task.taskId, 'aria-labelledby': heading });
  const redraw = (next: Task) => card.replaceWith(taskCard(next));
  const parts = [
    h('h3', { id: heading }, task.taskId),
    facts(task),
    verdictTable(t('enterprise.verdict'), task.verdict, task),
    task.finalVerdict ? verdictTable(t('enterprise.finalVerdict'), task.finalVerdict, task) : null,
    objectionPart(task, redraw),
    evidenceList(task),
    rectificationForm(task, redraw)];
  card.append(...parts.filter((p): p is HTMLElement => p !== null));
  return card;
}

let headings = 0;

function deadlineText(task: Task): string {
  const due = task.objectionDeadline;
  if (!due) return '—';
  return due.on ?? t('enterprise.deadlineUnknown');
}

function facts(task: Task): HTMLElement {
  const rows: [string, string, string?][] = [
    [t('fields.stage'), word('stages', String(task.stage)), 'stage'],
    [t('fields.category'), task.category],
    [t('fields.batchId'), task.sampling?.batchId ?? '—'],
    [t('enterprise.report'), task.report ? `${task.report.number} · ${task.report.issuedOn}` : '—'],
    [t('enterprise.notifiedOn'), task.notifiedOn ?? '—'],
    [t('fields.outcome'), outcome(task.outcome ?? task.finalVerdict?.outcome ?? task.verdict?.outcome), 'outcome'],
    [t('enterprise.objectionDeadline'), deadlineText(task), 'deadline'],
    [t('enterprise.publishedOn'), task.publishedOn ?? '—'],
  ];
  return h('dl', { class: 'facts' }, rows.flatMap(([k, v, id]) => [h('dt', {}, k), h('dd', { 'data-testid': id ?? null }, v)]));
}

/** Each item: the result, its verdict in words and the reason (a failing item stands out). */
function verdictTable(caption: string, verdict: Verdict | null | undefined, task: Task): HTMLElement | null {
  if (!verdict) return null;
  const results = new Map(task.results.map((r) => [r.item, r]));
  return table(`${caption}：${outcome(verdict.outcome)}`, [t('enterprise.item'), t('enterprise.result'), t('fields.outcome'), t('fields.reason')],
    verdict.items.map((i) => [
      i.item, itemValue(results.get(i.item)),
      h('span', { class: i.outcome === 'fail' ? 'fail' : i.outcome === 'pass' ? 'ok' : '' }, outcome(i.outcome)),
      i.reason,
    ]), 'verdict');
}

function windowOpen(task: Task): boolean {
  const closes = task.objectionDeadline?.on;
  return !closes || chinaToday() <= closes;
}

function objectionPart(task: Task, redraw: (next: Task) => void): HTMLElement | null {
  if (task.objection) {
    const o = task.objection;
    return h('section', { class: 'objection', 'data-testid': 'objection' }, h('h4', {}, t('enterprise.objection')),
      h('dl', { class: 'facts' },
        h('dt', {}, t('fields.filedOn')), h('dd', {}, o.filedOn),
        h('dt', {}, t('fields.items')), h('dd', {}, o.items.join('、')),
        h('dt', {}, t('enterprise.grounds')), h('dd', {}, o.reason)));
  }
  if (String(task.stage) !== 'Notified') return null;
  if (!windowOpen(task)) return h('p', { class: 'notice' }, t('enterprise.windowClosed', { on: deadlineText(task) }));
  return objectionForm(task, redraw);
}

let forms = 0;

/** The enterprise's own objection: which items it disputes (the failing ones ticked) and its grounds; filed today (China). */
function objectionForm(task: Task, redraw: (next: Task) => void): HTMLFormElement {
  const n = ++forms;
  const failing = new Set((task.verdict?.items ?? []).filter((i) => i.outcome === 'fail').map((i) => i.item));
  const boxes = task.results.map((r, i) => {
    const box = h('input', { type: 'checkbox', name: 'items', value: r.item, id: `obj-${n}-${i}`, checked: failing.has(r.item) });
    return h('div', { class: 'field check' }, box, h('label', { for: box.id }, `${r.item}（${itemValue(r)}）`));
  });
  const reason = h('textarea', { name: 'reason', rows: 3, required: true, id: `obj-${n}-reason` });
  const form = h('form', { class: 'card objection-form', 'data-testid': 'objection-form', novalidate: true, 'aria-label': t('enterprise.fileObjection') },
    h('h4', {}, t('enterprise.fileObjection')),
    h('p', {}, t('enterprise.objectionHelp', { on: deadlineText(task) })),
    h('fieldset', {}, h('legend', {}, t('enterprise.disputedItems')), ...boxes,
      h('span', { class: 'error', 'data-error-for': 'items', role: 'alert' })),
    field(t('enterprise.grounds'), reason, t('enterprise.groundsHint')),
    h('p', {}, `${t('fields.filedOn')}：${chinaToday()}`),
    h('p', { class: 'form-error', role: 'alert' }),
    button(t('enterprise.fileObjection'), { type: 'submit', class: 'primary' }));
  // One key per objection as written: a retry after a lost answer is the same request, a corrected one a new key.
  let key = crypto.randomUUID();
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const items = Array.from(form.querySelectorAll<HTMLInputElement>('input[name=items]:checked'), (b) => b.value);
    const errors: Record<string, string[]> = {};
    if (items.length === 0) errors.items = [t('enterprise.chooseItems')];
    if (!reason.value.trim()) errors.reason = [t('errors.required')];
    if (Object.keys(errors).length) return showProblem(form, { status: 400, errors });
    try {
      const { data, error, response } = await api.POST('/api/tasks/{taskId}/file-objection', {
        params: { path: { taskId: task.taskId } },
        body: { filedOn: chinaToday(), items, reason: reason.value.trim() },
        headers: idempotent(key),
      });
      if (!data) {
        key = crypto.randomUUID();
        return showProblem(form, asProblem(error, response.status));
      }
      status(t('enterprise.filed'));
      redraw(data);
    } catch {
      showProblem(form, { status: 0, detail: maybe('errors.offline') ?? '' });
    }
  });
  return form;
}
