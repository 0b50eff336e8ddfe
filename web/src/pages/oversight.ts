// The supervisor's oversight pages: a plan's tasks and the steps only a supervisor takes on them (notify the
// enterprise, enter an objection from its letter, assign the re-test, conclude, publish, record the disposal of a
// failed product), the overdue list, and the plan's progress toward its goal with the fairness tests.
import { api, asProblem, idempotent, type Schemas } from '../api/client';
import { catalogue, categoryName, type Catalogue } from '../catalogue';
import { historyTable } from '../history';
import { evidenceList } from './enterprise/rectification';
import { documentsSection } from './documents';
import { replaceForm, targetedForm } from './oversight/targeted';
import { chinaToday, t } from '../i18n';
import { go, query } from '../router';
import { field, h, input, show, showProblem, table, values, word } from '../ui';
import type { Guard, Route } from './types';

type Task = Schemas['TaskView'];
type Row = Schemas['BoardRow'];

export function routes(route: Route, guard: Guard): void {
  route('/tasks', guard(tasks));
  route('/oversee/:id', guard(oversee));
  route('/overdue', guard(overdue));
  route('/progress', guard(progress));
}

const PLAN_KEY = 'samples.plan';

/** The plan a page is about: ?plan=, else the one last opened in this browser. */
function planForm(path: string): { plan: string | null; form: HTMLFormElement } {
  const plan = query('plan') ?? localStorage.getItem(PLAN_KEY);
  const form = h('form', { class: 'row', 'aria-label': t('oversight.choosePlan') },
    field(t('oversight.planId'), input('plan', { value: plan ?? '', required: true, autocomplete: 'off' })),
    h('button', { type: 'submit' }, t('oversight.open')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const chosen = values(form).plan;
    if (chosen) localStorage.setItem(PLAN_KEY, chosen);
    go(`${path}?plan=${encodeURIComponent(chosen)}`);
  });
  if (plan) localStorage.setItem(PLAN_KEY, plan);
  return { plan, form };
}

function dueText(r: Row): HTMLElement {
  const late = r.dueFlag !== null || (r.dueOn !== null && r.dueOn < chinaToday());
  return h('span', { class: late ? 'late' : '' }, r.dueFlag ? t('oversight.dueUnknown') : r.dueOn ? `${r.dueOn} · ${word('owners', r.dueOwner)}` : '—');
}

function rows(list: Row[], cat: Catalogue | null): (HTMLElement | string)[][] {
  return list.map((r) => [
    h('span', {}, h('a', { href: `#/oversee/${encodeURIComponent(r.taskId)}` }, r.taskId),
      r.purpose === 'risk-monitoring' ? h('span', { class: 'tag', 'data-testid': 'monitoring-tag' }, ` ${t('monitoring.tag')}`) : null),
    word('stages', r.stage), categoryName(cat, r.category), r.region,
    dueText(r), r.outcome ? h('span', { class: r.outcome === 'fail' ? 'fail' : 'ok' }, word('outcomes', r.outcome)) : '—',
    h('span', { 'data-basis': r.basis }, r.targetedReason ? `${t('targeted.targeted')} · ${word('targeted', r.targetedReason)}` : t('targeted.random')),
  ]);
}

const headers = () => [t('fields.taskId'), t('fields.stage'), t('fields.category'), t('fields.region'), t('fields.due'), t('fields.outcome'), t('targeted.basis')];

async function tasks(): Promise<void> {
  const { plan, form } = planForm('/tasks');
  if (!plan) return show(h('h1', {}, t('supervisor.tasks')), form);
  const [{ data, error, response }, { data: definition }, cat] = await Promise.all([
    api.GET('/api/plans/{planId}/tasks', { params: { path: { planId: plan } } }),
    api.GET('/api/plans/{id}', { params: { path: { id: plan } } }).catch(() => ({ data: undefined })),
    catalogue()]);
  const box = h('p', { class: 'form-error', role: 'alert' });
  if (!data) showProblem(h('div', {}, box), asProblem(error, response.status));
  show(h('h1', {}, t('oversight.planTasks', { plan })), form, box,
    definition ? h('details', { 'data-testid': 'targeted' }, h('summary', {}, t('targeted.title')), targetedForm(plan, definition.definition.categories, cat)) : null,
    table(t('oversight.tasksCaption'), headers(), rows(data ?? [], cat), 'plan-tasks'));
}

/** The working calendar's warning when a year that deadlines reach is missing (deadlines there cannot be computed). */
async function calendarNotice(): Promise<HTMLElement | null> {
  const { data } = await api.GET('/api/calendar').catch(() => ({ data: undefined }));
  return data?.notice ? h('p', { class: 'notice', 'data-testid': 'calendar-notice' }, `${t('oversight.calendar')}：${data.notice}`) : null;
}

async function overdue(): Promise<void> {
  const [{ data }, notice] = await Promise.all([api.GET('/api/tasks/overdue', { params: { query: {} } }), calendarNotice()]);
  show(h('h1', {}, t('supervisor.overdue')), notice, h('p', {}, t('oversight.overdueHelp')),
    table(t('oversight.overdueCaption'), headers(), rows(data ?? [], await catalogue()), 'overdue-tasks'));
}

/** The year's plans, supervision sampling and risk monitoring apart, each toward its own goal (never summed into one). */
async function overview(): Promise<HTMLElement | null> {
  const { data } = await api.GET('/api/progress', { params: { query: {} } }).catch(() => ({ data: undefined }));
  if (!data) return null;
  return table(t('monitoring.overview', { year: data.year }), [t('monitoring.purpose'), t('oversight.planId'), t('oversight.goal'), t('oversight.concluded'), t('oversight.failed')],
    data.purposes.flatMap((p) => [
      [h('strong', {}, word('monitoring', p.purpose)), t('monitoring.total'), String(p.goal), String(p.concluded), String(p.failed)],
      ...p.plans.map((x) => [word('monitoring', p.purpose), h('a', { href: `#/progress?plan=${encodeURIComponent(x.planId)}` }, x.planId), String(x.goal), String(x.concluded), String(x.failed)]),
    ]), 'purpose-overview');
}

async function progress(): Promise<void> {
  const { plan, form } = planForm('/progress');
  if (!plan) return show(h('h1', {}, t('supervisor.progress')), form, await overview());
  const [{ data: p }, { data: fairness }] = await Promise.all([
    api.GET('/api/plans/{planId}/progress', { params: { path: { planId: plan } } }),
    api.GET('/api/plans/{planId}/fairness', { params: { path: { planId: plan } } }),
  ]);
  if (!p) return show(h('h1', {}, t('supervisor.progress')), form, h('p', { class: 'form-error', role: 'alert' }, t('errors.404')));
  const counts = (caption: string, list: Schemas['ProgressCount'][], testId: string) =>
    table(caption, [t('oversight.key'), t('oversight.concluded'), t('oversight.failed')], list.map((c) => [c.key, String(c.concluded), String(c.failed)]), testId);
  const tests: [string, Schemas['SelectionTest'] | undefined][] = fairness
    ? [[t('oversight.enterprises'), fairness.enterprises], [t('oversight.inspectors'), fairness.inspectors]] : [];
  show(h('h1', {}, t('oversight.progressOf', { plan })), form, await calendarNotice(),
    h('dl', { class: 'facts', 'data-testid': 'progress' },
      h('dt', {}, t('monitoring.purpose')), h('dd', { 'data-testid': 'purpose' }, word('monitoring', p.purpose)),
      h('dt', {}, t('oversight.goal')), h('dd', { 'data-testid': 'goal' }, String(p.goal)),
      h('dt', {}, t('oversight.concluded')), h('dd', { 'data-testid': 'concluded' }, String(p.concluded)),
      h('dt', {}, t('oversight.failed')), h('dd', {}, String(p.failed)),
      h('dt', {}, t('oversight.remaining')), h('dd', {}, String(p.remaining)),
      h('dt', {}, t('oversight.reachedOn')), h('dd', { 'data-testid': 'reached-on' }, p.pace.reachedOn ?? '—'),
      h('dt', {}, t('oversight.coverage')), h('dd', {}, `${p.coverage.enterprisesCovered} / ${p.coverage.enterprises}`)),
    basisLine(p.basis),
    counts(t('oversight.byCategory'), p.byCategory, 'by-category'), counts(t('oversight.byRegion'), p.byRegion, 'by-region'),
    // Supervision and monitoring apart: only the plan's own purpose counts toward its goal above.
    table(t('monitoring.byPurpose'), [t('monitoring.purpose'), t('monitoring.tasks'), t('oversight.concluded'), t('oversight.failed')],
      (p.byPurpose ?? []).map((c) => [word('monitoring', c.purpose), String(c.tasks), String(c.concluded), String(c.failed)]), 'by-purpose'),
    await overview(),
    tests.length ? table(t('oversight.fairness'), [t('oversight.test'), t('oversight.rounds'), t('oversight.pValue')],
      tests.map(([name, s]) => [name, String(s?.rounds ?? '—'), s ? Number(s.pValue).toFixed(4) : '—']), 'fairness') : null,
    h('p', {}, h('small', {}, t('oversight.fairnessHelp'))));
}

/** Random and targeted tasks apart, and the targeted ones by reason: nobody can hide choice behind "random". */
function basisLine(b: Schemas['BasisView']): HTMLElement {
  const share = b.targetedShare === null ? '—' : `${(Number(b.targetedShare) * 100).toFixed(1)}%`;
  return h('section', { 'data-testid': 'basis' },
    h('p', {}, t('targeted.share', { random: String(b.randomTasks), targeted: String(b.targetedTasks), share })),
    b.byReason.length ? table(t('targeted.byReason'), [t('targeted.reasonKind'), t('targeted.tasks'), t('oversight.concluded'), t('oversight.failed')],
      b.byReason.map((r) => [word('targeted', r.kind), String(r.tasks), String(r.concluded), String(r.failed)]), 'by-reason') : null);
}

async function oversee(id: string): Promise<void> {
  const { data: task, error, response } = await api.GET('/api/tasks/{taskId}', { params: { path: { taskId: id } } });
  if (!task) {
    const box = h('p', { class: 'form-error', role: 'alert' });
    showProblem(h('div', {}, box), asProblem(error, response.status));
    return show(h('h1', {}, id), box);
  }
  const stage = String(task.stage);
  // Risk monitoring (风险监测): no notice, objection, publication or disposal; it concludes on its report and ends there.
  const monitoring = task.purpose === 'risk-monitoring';
  show(h('h1', {}, t('oversight.task', { id })), facts(task, await catalogue()), verdict(task),
    replaceForm(task, () => oversee(task.taskId)),
    stage === 'Reported' && !monitoring ? notifyForm(task) : null,
    stage === 'Reported' && monitoring ? simpleAction(task, 'conclude', t('monitoring.conclude'), t('monitoring.concludeHelp')) : null,
    stage === 'Notified' ? objectionForm(task) : null,
    stage === 'Notified' ? simpleAction(task, 'conclude', t('oversight.conclude'), t('oversight.concludeHelp')) : null,
    stage === 'Objected' ? retestForm(task) : null,
    stage === 'Concluded' && !monitoring ? simpleAction(task, 'publish', t('oversight.publish'), t('oversight.publishHelp')) : null,
    stage === 'Concluded' && monitoring ? h('p', { class: 'notice', 'data-testid': 'monitoring-ended' },
      task.outcome === 'fail' ? `${t('monitoring.signal')} ` : '', t('monitoring.ended')) : null,
    task.disposal ? disposalForm(task) : null,
    documentsSection(task),
    historyTable(task));
}

function facts(task: Task, cat: Catalogue | null): HTMLElement {
  const pairs: [string, string][] = [
    [t('fields.stage'), word('stages', String(task.stage))], [t('monitoring.purpose'), word('monitoring', task.purpose)],
    [t('fields.uscc'), task.uscc], [t('fields.category'), categoryName(cat, task.category)],
    [t('fields.labId'), task.labId ?? '—'], [t('fields.due'), task.due ? `${task.due.on ?? t('oversight.dueUnknown')} · ${task.due.what}` : '—'],
    [t('oversight.objectionUntil'), task.objectionDeadline?.on ?? '—'], [t('fields.nextStep'), task.nextStep ?? '—'],
  ];
  return h('dl', { class: 'facts', 'data-testid': 'task-facts' }, pairs.flatMap(([k, v], i) => [h('dt', {}, k), h('dd', { 'data-testid': i === 0 ? 'stage' : null }, v)]));
}

function verdict(task: Task): HTMLElement | null {
  const v = task.finalVerdict ?? task.verdict;
  if (!v) return null;
  return h('section', { 'data-testid': 'verdict' }, h('h2', {}, `${t('oversight.verdict')}：${word('outcomes', v.outcome)}`),
    table(v.summary, [t('fields.items'), t('fields.outcome'), t('fields.reason')],
      v.items.map((i) => [i.item, h('span', { class: i.outcome === 'fail' ? 'fail' : 'ok' }, word('outcomes', i.outcome)), i.reason])));
}

type Action = 'notify-enterprise' | 'file-objection' | 'assign-retest' | 'conclude' | 'publish' | 'record-disposal';

/** Sends a step with a fresh Idempotency-Key (a double click or a retry changes nothing twice), then shows the task again. */
async function send(task: Task, action: Action, body: object, form: HTMLElement): Promise<void> {
  const options = { params: { path: { taskId: task.taskId } }, headers: idempotent(crypto.randomUUID()) };
  const { error, response } = await (
    action === 'notify-enterprise' ? api.POST('/api/tasks/{taskId}/notify-enterprise', { ...options, body: body as Schemas['NotifyEnterprise'] })
    : action === 'file-objection' ? api.POST('/api/tasks/{taskId}/file-objection', { ...options, body: body as Schemas['FileObjection'] })
    : action === 'assign-retest' ? api.POST('/api/tasks/{taskId}/assign-retest', { ...options, body: body as Schemas['AssignRetest'] })
    : action === 'conclude' ? api.POST('/api/tasks/{taskId}/conclude', { ...options, body: body as Schemas['ConcludeTask'] })
    : action === 'publish' ? api.POST('/api/tasks/{taskId}/publish', { ...options, body: body as Schemas['PublishResult'] })
    : api.POST('/api/tasks/{taskId}/record-disposal', { ...options, body: body as Schemas['RecordDisposal'] }));
  if (!response.ok) return showProblem(form, asProblem(error, response.status));
  await oversee(task.taskId);
}

function card(title: string, testId: string, ...content: (HTMLElement | null)[]): HTMLFormElement {
  return h('form', { class: 'card', 'data-testid': testId, novalidate: true, 'aria-label': title }, h('h2', {}, title), ...content,
    h('p', { class: 'form-error', role: 'alert' }));
}

function notifyForm(task: Task): HTMLElement {
  const form = card(t('oversight.notify'), 'notify-form', h('p', {}, t('oversight.notifyHelp')),
    field(t('oversight.receivedOn'), input('receivedOn', { type: 'date', value: chinaToday(), required: true })),
    h('button', { type: 'submit' }, t('oversight.notify')));
  form.addEventListener('submit', (e) => { e.preventDefault(); void send(task, 'notify-enterprise', { receivedOn: values(form).receivedOn }, form); });
  return form;
}

function objectionForm(task: Task): HTMLElement {
  const items = h('fieldset', {}, h('legend', {}, t('fields.items')), task.results.map((r) => {
    const box = input('item', { type: 'checkbox', value: r.item, id: `obj-${r.item}` });
    return h('div', { class: 'field check' }, box, h('label', { for: box.id }, r.item));
  }), h('span', { class: 'error', 'data-error-for': 'items', role: 'alert' }));
  const form = card(t('oversight.objection'), 'objection-form', h('p', {}, t('oversight.objectionHelp')), items,
    field(t('fields.reason'), h('textarea', { name: 'reason', rows: 2, required: true })),
    field(t('fields.filedOn'), input('filedOn', { type: 'date', value: chinaToday(), required: true })),
    h('button', { type: 'submit' }, t('oversight.objection')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const chosen = Array.from(form.querySelectorAll<HTMLInputElement>('input[name=item]:checked'), (b) => b.value);
    const v = values(form);
    void send(task, 'file-objection', { filedOn: v.filedOn, items: chosen, reason: v.reason }, form);
  });
  return form;
}

function retestForm(task: Task): HTMLElement {
  const form = card(t('oversight.retest'), 'retest-form', h('p', {}, t('oversight.retestHelp')),
    field(t('fields.labId'), input('labId', { autocomplete: 'off' }), t('oversight.retestLabHint')),
    h('button', { type: 'submit' }, t('oversight.retest')));
  form.addEventListener('submit', (e) => { e.preventDefault(); void send(task, 'assign-retest', { labId: values(form).labId || null }, form); });
  return form;
}

function simpleAction(task: Task, action: 'conclude' | 'publish', title: string, help: string): HTMLElement {
  const form = card(title, `${action}-form`, h('p', {}, help), h('button', { type: 'submit' }, title));
  form.addEventListener('submit', (e) => { e.preventDefault(); void send(task, action, {}, form); });
  return form;
}

function disposalForm(task: Task): HTMLElement {
  // A producer registered outside Qinghai: its regulator is told too (Order 18 Art 44); the note names the regulator.
  const steps = ['rectification-ordered', 'rectified', 'reinspected', 'provincial-notice', 'second-reinspection',
    ...(task.disposal?.producerElsewhere && !task.disposal.producerRegulatorNotifiedOn ? ['producer-regulator-notified'] : [])];
  const step = h('select', { name: 'step' }, steps.map((s) => h('option', { value: s }, word('disposal', s))));
  const passed = h('select', { name: 'passed' }, h('option', { value: '' }, '—'), h('option', { value: 'true' }, word('outcomes', 'pass')), h('option', { value: 'false' }, word('outcomes', 'fail')));
  const form = card(t('oversight.disposal'), 'disposal-form', h('p', {}, `${t('fields.state')}：${task.disposal?.status ?? '—'}`), evidenceList(task),
    field(t('oversight.step'), step), field(t('oversight.on'), input('on', { type: 'date', value: chinaToday() })),
    field(t('oversight.passed'), passed, t('oversight.passedHint')), field(t('oversight.note'), h('textarea', { name: 'note', rows: 2 })),
    h('button', { type: 'submit' }, t('oversight.record')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = values(form);
    void send(task, 'record-disposal', { step: v.step, on: v.on, passed: v.passed === '' ? null : v.passed === 'true', note: v.note || null }, form);
  });
  return form;
}
