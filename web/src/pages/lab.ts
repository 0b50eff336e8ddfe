// The lab's pages: the samples to act on with their deadlines, and one sample's task by stage — receive it with the
// seal check, enter the results item by item against the catalogue (with a verdict preview and CSV upload), issue
// the report — with the server's verdict, each item's reason and the task's history.
import './lab/lab.css';
import { api, asProblem, type Schemas } from '../api/client';
import { historyTable } from '../history';
import { chinaToday, t } from '../i18n';
import { go, query } from '../router';
import { field, h, input, show, showProblem, table, values, word } from '../ui';
import { catalogue, categoryOf, itemOf, nameOf, parseKeepingNumbers, variantText, type Catalogue, type Category } from '../catalogue';
import { outcomeClass, outcomeWord, resultsForm, resultText } from './lab/results';
import { act, type Task } from './lab/send';
import type { Guard, Route } from './types';
import { documentsSection } from './documents';

type Row = Schemas['BoardRow'];

export function routes(route: Route, guard: Guard): void {
  route('/lab', guard(samples));
  route('/lab/sample/:id', guard(samplePage));
}

const samplePath = (id: string) => `/lab/sample/${encodeURIComponent(id)}`;

function due(row: Row): HTMLElement {
  const late = Boolean(row.dueFlag) || (row.dueOn !== null && row.dueOn < chinaToday());
  const text = row.dueFlag ? t('lab.dueUnknown') : row.dueOn ? `${row.dueOn}${row.dueWhat ? ` · ${row.dueWhat}` : ''}` : '—';
  return h('span', { class: late ? 'late' : '' }, text);
}

async function samples(): Promise<void> {
  const all = query('all') === 'true';
  const [{ data, error, response }, cat] = await Promise.all([api.GET('/api/lab/samples', { params: { query: { all } } }), catalogue()]);
  const toggle = input('all', { type: 'checkbox', checked: all, 'data-testid': 'show-all' });
  toggle.id = 'lab-all';
  toggle.addEventListener('change', () => go(toggle.checked ? '/lab?all=true' : '/lab'));
  const box = h('div', {}, h('p', { class: 'form-error', role: 'alert' }));
  if (!data) showProblem(box, asProblem(error, response.status));
  show(h('h1', {}, t('lab.samples')),
    h('div', { class: 'field check' }, toggle, h('label', { for: toggle.id }, t('lab.showAll'))),
    box,
    sampleList(all ? t('lab.allCaption') : t('lab.samplesCaption'), data ?? [], cat));
}

/** One card per sample (a phone has no room for a five-column table with long task ids). */
function sampleList(caption: string, rows: Row[], cat: Catalogue | null): HTMLElement {
  const facts = (r: Row): [string, Node | string][] => [
    [t('fields.stage'), word('stages', r.stage) + (r.retestLabId && r.stage.startsWith('Retest') ? ` · ${t('lab.retest')}` : '')],
    [t('fields.category'), nameOf(categoryOf(cat, r.category), r.category)],
    [t('fields.batchId'), r.batchId ?? '—'],
    [t('fields.due'), due(r)],
  ];
  return h('section', { 'aria-labelledby': 'lab-list-title' }, h('h2', { id: 'lab-list-title' }, caption),
    rows.length === 0 ? h('p', {}, t('common.none')) : h('ul', { class: 'lab-list', 'data-testid': 'lab-samples' }, rows.map((r) => h('li', {},
      h('a', { href: '#' + samplePath(r.taskId) }, r.taskId),
      h('dl', {}, facts(r).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))))));
}

async function samplePage(id: string): Promise<void> {
  // As text, so that results keep the digits the lab wrote ("98.0" is not shown as "98"); the schema allows strings.
  const [{ data: text, error, response }, cat] = await Promise.all([api.GET('/api/tasks/{taskId}', { params: { path: { taskId: id } }, parseAs: 'text' }), catalogue()]);
  const task = text ? parseKeepingNumbers<Task>(text) : null;
  if (!task) {
    const box = h('div', {}, h('p', { class: 'form-error', role: 'alert' }));
    showProblem(box, asProblem(error, response.status));
    return show(h('h1', {}, t('lab.sample', { id })), box);
  }
  const category = categoryOf(cat, task.category);
  const stage = String(task.stage);
  show(
    h('h1', {}, t('lab.sample', { id })),
    h('p', {}, h('a', { href: '#/lab' }, t('lab.back'))),
    facts(task, category),
    stage === 'HandedOver' || stage === 'RetestAssigned' ? receiveForm(task) : null,
    ['Received', 'Testing', 'RetestReceived'].includes(stage)
      ? (category ? resultsForm(task, category) : h('p', { class: 'notice' }, t('lab.noCatalogue')))
      : postedResults(task, category),
    verdict(task, category),
    stage === 'Tested' ? reportForm(task) : null,
    documentsSection(task),
    historyTable(task));
}

function facts(task: Task, category: Category | undefined): HTMLElement {
  const s = task.sampling;
  const rows: [string, string][] = [
    [t('fields.stage'), word('stages', String(task.stage))],
    [t('fields.category'), nameOf(category, task.category)],
    [t('fields.batchId'), s?.batchId ?? '—'],
    [t('fields.variants'), variantText(category, s?.variants ?? {})],
    [t('fields.seals'), s?.seals.join('、') || '—'],
    [t('lab.quantities'), s ? `${String(s.testQuantity)} + ${String(s.reserveQuantity)} ${s.unit}` : '—'],
    [t('fields.sampledOn'), s?.sampledOn ?? '—'],
    [t('fields.labId'), task.retest ? `${task.labId ?? '—'} → ${task.retest.labId}` : task.labId ?? '—'],
    [t('fields.due'), task.due ? `${task.due.on ?? t('lab.dueUnknown')} · ${task.due.what}` : '—'],
    [t('fields.nextStep'), task.nextStep ?? '—'],
  ];
  if (task.objection) rows.push([t('lab.disputed'), task.objection.items.map((c) => nameOf(itemOf(category, c), c)).join('、')]);
  if (task.report) rows.push([t('lab.report'), `${task.report.number} · ${task.report.issuedOn}`]);
  return h('dl', { class: 'facts', 'data-testid': 'task-facts' }, rows.flatMap(([k, v], i) => [h('dt', {}, k), h('dd', { 'data-testid': i === 0 ? 'stage' : null }, v)]));
}

function formOf(title: string, testId: string, ...content: (HTMLElement | null)[]): HTMLFormElement {
  return h('form', { class: 'card', 'data-testid': testId, novalidate: true, 'aria-label': title },
    h('h2', {}, title), ...content, h('p', { class: 'form-error', role: 'alert' }));
}

/** The seal check: the seals written on the sampling record, each ticked when seen; a broken or missing seal needs a note. */
function receiveForm(task: Task): HTMLElement {
  const retest = task.stage === 'RetestAssigned';
  const seals = task.sampling?.seals ?? [];
  const boxes = seals.map((seal, i) => {
    const box = h('input', { type: 'checkbox', name: `seal-${i}`, id: `seal-${i}`, value: seal });
    return { seal, box, el: h('div', { class: 'field check' }, box, h('label', { for: box.id }, t('lab.sealSeen', { seal }))) };
  });
  const intact = h('input', { type: 'radio', name: 'sealsIntact', value: 'true', id: 'intact-yes' });
  const broken = h('input', { type: 'radio', name: 'sealsIntact', value: 'false', id: 'intact-no' });
  const form = formOf(retest ? t('lab.receiveReserve') : t('lab.receive'), 'receive-form',
    h('fieldset', {}, h('legend', {}, t('lab.sealsRecorded')), boxes.map((b) => b.el),
      h('span', { class: 'error', 'data-error-for': 'sealsSeen', role: 'alert' })),
    h('fieldset', {}, h('legend', {}, t('lab.sealState')),
      h('div', { class: 'field check' }, intact, h('label', { for: intact.id }, t('lab.sealsIntact'))),
      h('div', { class: 'field check' }, broken, h('label', { for: broken.id }, t('lab.sealBroken'))),
      h('span', { class: 'error', 'data-error-for': 'sealsIntact', role: 'alert' })),
    field(t('lab.note'), h('textarea', { name: 'note', rows: 2 }), t('lab.noteHint')),
    h('p', { class: 'notice' }, retest ? t('lab.rejectReserveWarning') : t('lab.rejectWarning')),
    h('button', { type: 'submit', class: 'primary' }, t('lab.receiveButton')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const note = values(form).note;
    const seen = boxes.filter((b) => b.box.checked).map((b) => b.seal);
    const errors: Record<string, string[]> = {};
    if (!intact.checked && !broken.checked) errors.sealsIntact = [t('errors.required')];
    if (seen.length === 0) errors.sealsSeen = [t('lab.tickSeals')];
    const complete = retest || seen.length === seals.length;
    if ((broken.checked || !complete) && !note) errors.note = [t('lab.noteNeeded')];
    if (Object.keys(errors).length) return showProblem(form, { status: 400, errors });
    void act(task.taskId, 'receive', { sealsIntact: intact.checked, sealsSeen: seen, note: note || null }).then(({ problem }) =>
      problem ? showProblem(form, problem) : go(samplePath(task.taskId)));
  });
  return form;
}

function reportForm(task: Task): HTMLElement {
  const form = formOf(t('lab.issueReport'), 'report-form',
    field(t('lab.reportNumber'), input('reportNumber', { required: true, autocomplete: 'off' })),
    h('button', { type: 'submit', class: 'primary' }, t('lab.issueReport')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const { reportNumber } = values(form);
    if (!reportNumber) return showProblem(form, { status: 400, errors: { reportNumber: [t('errors.required')] } });
    void act(task.taskId, 'issue-report', { reportNumber }).then(({ problem }) => (problem ? showProblem(form, problem) : go(samplePath(task.taskId))));
  });
  return form;
}

/** The results as posted (read-only), outside the entry stages. */
function postedResults(task: Task, category: Category | undefined): HTMLElement | null {
  const all = [...task.results.map((r) => ({ r, retest: false })), ...(task.retest?.results ?? []).map((r) => ({ r, retest: true }))];
  if (all.length === 0) return null;
  return table(t('lab.postedResults'), [t('lab.item'), t('lab.result'), t('lab.method')],
    all.map(({ r, retest }) => {
      const item = itemOf(category, r.item);
      return [nameOf(item, r.item) + (retest ? ` · ${t('lab.retest')}` : ''), resultText(r, item), item?.method ?? '—'];
    }), 'posted-results');
}

/** The server's verdict: the batch outcome and each item's outcome with its reason (this one decides, not the preview). */
function verdict(task: Task, category: Category | undefined): HTMLElement | null {
  const v = task.finalVerdict ?? task.verdict;
  if (!v) return null;
  return h('section', { class: 'card', 'data-testid': 'verdict', 'aria-labelledby': 'verdict-title' },
    h('h2', { id: 'verdict-title' }, task.finalVerdict ? t('lab.finalVerdict') : t('lab.verdict')),
    h('p', {}, t('lab.outcomeLabel'), ' ', h('strong', { class: outcomeClass(v.outcome), 'data-testid': 'verdict-outcome' }, outcomeWord(v.outcome)),
      ' · ', t('lab.catalogueVersion', { version: String(v.catalogueVersion) })),
    h('p', {}, v.summary),
    table(t('lab.verdictItems'), [t('lab.item'), t('fields.outcome'), t('fields.reason')],
      v.items.map((i) => [nameOf(itemOf(category, i.item), i.item), h('span', { class: outcomeClass(i.outcome) }, outcomeWord(i.outcome)), i.reason]), 'verdict-items'));
}

