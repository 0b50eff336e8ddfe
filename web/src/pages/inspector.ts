// The inspector's phone: the inbox of drawn tasks with their deadlines, a task with accept/decline, the sampling
// record (抽样单) with photos, cannot-sample, refused and hand-over. Everything works with no signal: the inbox and
// tasks last seen are kept, and actions wait in the queue (offline/queue.ts) until they can be sent.
import { api, type Schemas } from '../api/client';
import { sha256OfBlob } from '../files';
import { historyTable } from '../history';
import { catalogue, categoryName, categoryOf, nameOf, type Category } from '../catalogue';
import { chinaToday, dateTime, t } from '../i18n';
import { recall, remember } from '../offline/db';
import { discard, enqueue, flush, onQueueChange, refreshInbox, retry, waiting, type ActionBodies, type QueueableAction, type QueuedAction, type QueuedBatch, type QueuedPhoto } from '../offline/queue';
import { go } from '../router';
import { button, field, h, input, show, showProblem, table, values, word } from '../ui';
import type { Guard, Route } from './types';
import { documentsSection } from './documents';

type Task = Schemas['TaskView'];
type Row = Schemas['BoardRow'];

export function routes(route: Route, guard: Guard): void {
  route('/inbox', guard(inbox));
  route('/queue', guard(queuePage));
  route('/task/:id', guard(taskPage));
}

function due(row: { dueOn?: string | null; dueWhat?: string | null; dueFlag?: string | null }): string {
  if (row.dueFlag) return t('inspector.dueUnknown');
  return row.dueOn ? `${row.dueOn}${row.dueWhat ? ` · ${row.dueWhat}` : ''}` : '—';
}

/** A strip saying what waits to be sent (shown on every inspector page), with conflicts called out. */
function queueStrip(): HTMLElement {
  const strip = h('p', { class: 'queue-strip', 'data-testid': 'queue-strip', hidden: true });
  const stop = onQueueChange((items) => {
    if (!strip.isConnected && items.length >= 0 && document.body.contains(strip) === false && strip.dataset.mounted) return stop();
    strip.dataset.mounted = '1';
    const conflicts = items.filter((i) => i.state !== 'waiting').length;
    strip.hidden = items.length === 0;
    strip.replaceChildren(
      t('inspector.waiting', { count: items.length - conflicts }),
      conflicts ? h('strong', {}, ' ' + t('inspector.conflicts', { count: conflicts })) : '',
      ' ', h('a', { href: '#/queue' }, t('inspector.queue')));
  });
  return strip;
}

function offlineNote(): HTMLElement | null {
  return navigator.onLine ? null : h('p', { class: 'notice', 'data-testid': 'offline' }, t('inspector.offline'));
}

async function inbox(): Promise<void> {
  const fresh = await refreshInbox();
  const rows = fresh ?? (await recall<Row[]>('inbox')) ?? [];
  const pending = await waiting();
  const cat = await catalogue();
  show(h('h1', {}, t('inspector.inbox')), offlineNote(), queueStrip(),
    fresh ? null : h('p', { class: 'notice' }, t('inspector.lastSeen')),
    table(t('inspector.inboxCaption'), [t('fields.taskId'), t('fields.stage'), t('fields.category'), t('fields.due')],
      rows.map((r) => [
        h('a', { href: `#/task/${encodeURIComponent(r.taskId)}` }, r.taskId),
        word('stages', r.stage) + (r.purpose === 'risk-monitoring' ? ` · ${t('monitoring.tag')}` : '')
          + (pending.some((p) => p.taskId === r.taskId) ? ` · ${t('inspector.pending')}` : ''),
        categoryName(cat, r.category), h('span', { class: r.dueFlag || (r.dueOn && r.dueOn < chinaToday()) ? 'late' : '' }, due(r)),
      ]), 'inbox'));
}

async function loadTask(id: string): Promise<{ task: Task | null; fresh: boolean }> {
  try {
    const { data } = await api.GET('/api/tasks/{taskId}', { params: { path: { taskId: id } } });
    if (data) {
      await remember(`task:${id}`, data);
      return { task: data, fresh: true };
    }
  } catch { /* no connection: what was last seen */ }
  return { task: (await recall<Task>(`task:${id}`)) ?? null, fresh: false };
}

async function taskPage(id: string): Promise<void> {
  const { task, fresh } = await loadTask(id);
  if (!task) return show(h('h1', {}, id), offlineNote(), h('p', {}, t('inspector.notSeen')));
  const pending = (await waiting()).filter((p) => p.taskId === id);
  const stage = String(task.stage);
  show(
    h('h1', {}, t('inspector.task', { id })), offlineNote(), queueStrip(),
    fresh ? null : h('p', { class: 'notice' }, t('inspector.lastSeen')),
    facts(task, await catalogue()),
    pending.length ? h('p', { class: 'notice', 'data-testid': 'task-pending' }, t('inspector.taskPending', { count: pending.length })) : null,
    stage === 'Assigned' ? acceptForms(task) : null,
    stage === 'Accepted' || stage === 'Assigned' ? samplingForm(task, categoryOf(await catalogue(), task.category)) : null,
    stage === 'Accepted' || stage === 'Assigned' ? giveUpForms(task) : null,
    stage === 'Sampled' ? handOverForm(task) : null,
    fresh ? documentsSection(task) : null,
    history(task));
}

function facts(task: Task, cat: Awaited<ReturnType<typeof catalogue>>): HTMLElement {
  const rows: [string, string][] = [
    [t('fields.stage'), word('stages', String(task.stage))],
    [t('fields.uscc'), task.uscc], [t('fields.category'), categoryName(cat, task.category)], [t('fields.region'), task.region],
    [t('fields.team'), task.team.map((m) => `${m.inspectorId} (${word('member', m.status)})`).join('、')],
    [t('fields.due'), task.due ? `${task.due.on ?? t('inspector.dueUnknown')} · ${task.due.what}` : '—'],
    [t('fields.nextStep'), task.nextStep ?? '—'],
  ];
  return h('dl', { class: 'facts', 'data-testid': 'task-facts' }, rows.flatMap(([k, v], i) => [h('dt', {}, k), h('dd', { 'data-testid': i === 0 ? 'stage' : null }, v)]));
}

function formOf(title: string, testId: string, ...content: (HTMLElement | null)[]): HTMLFormElement {
  return h('form', { class: 'card', 'data-testid': testId, novalidate: true, 'aria-label': title },
    h('h2', {}, title), ...content, h('p', { class: 'form-error', role: 'alert' }));
}

/** Queues the action and goes back to the task: the queue sends it now if it can, later if not. */
async function act<A extends QueueableAction>(task: Task, action: A, body: ActionBodies[A], photos: QueuedPhoto[] = [], batch?: QueuedBatch): Promise<void> {
  await enqueue(task.taskId, action, body, photos, batch);
  await flush();
  go(`/task/${encodeURIComponent(task.taskId)}`);
}

function acceptForms(task: Task): HTMLElement {
  const decline = formOf(t('inspector.decline'), 'decline-form',
    field(t('fields.reason'), h('textarea', { name: 'reason', required: true, rows: 2 })),
    h('button', { type: 'submit' }, t('inspector.decline')));
  decline.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = values(decline);
    if (!v.reason) return showProblem(decline, { status: 400, errors: { reason: [t('errors.required')] } });
    void act(task, 'decline', { reason: v.reason });
  });
  return h('section', {}, button(t('inspector.accept'), { class: 'primary', 'data-testid': 'accept', onclick: () => void act(task, 'accept', {}) }), decline);
}

/** Shrinks a camera picture to at most 1600 px as JPEG (a phone's photo is megabytes; the server keeps at most 2 MiB). */
async function shrink(file: File): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/jpeg', 0.8));
}


/** The category's grades (variants) and measured properties, as the catalogue in force names them. */
function sampleDescription(category: Category | undefined): HTMLElement | null {
  if (!category || (!category.variants?.length && !category.properties?.length)) return null;
  return h('fieldset', {}, h('legend', {}, t('inspector.description')),
    (category.variants ?? []).map((axis) => field(nameOf(axis), h('select', { name: `variant:${axis.code}`, required: true },
      h('option', { value: '' }, t('inspector.choose')), axis.options.map((o) => h('option', { value: o.code }, nameOf(o)))))),
    (category.properties ?? []).map((p) => field(`${nameOf(p)}${p.unit ? `（${p.unit}）` : ''}`,
      input(`property:${p.code}`, { type: 'number', inputmode: 'decimal', step: 'any' }))),
    h('span', { class: 'error', 'data-error-for': 'variants', role: 'alert' }));
}

function samplingForm(task: Task, category: Category | undefined): HTMLElement {
  const photos: QueuedPhoto[] = [];
  const list = h('ul', { class: 'photos', 'data-testid': 'photos' });
  const kind = h('select', { name: 'photoKind' }, ['label', 'sample', 'seals'].map((k) => h('option', { value: k }, word('photo', k))));
  const picker = h('input', { type: 'file', name: 'photo', accept: 'image/*', capture: 'environment' });
  picker.addEventListener('change', async () => {
    for (const file of Array.from(picker.files ?? [])) {
      const blob = await shrink(file).catch(() => file);
      const hash = await sha256OfBlob(blob);
      if (photos.some((p) => p.sha256 === hash)) continue;
      photos.push({ sha256: hash, kind: kind.value, type: blob.type || 'image/jpeg', blob });
      list.append(h('li', {}, h('img', { src: URL.createObjectURL(blob), alt: word('photo', kind.value), width: 64, height: 64 }),
        ` ${word('photo', kind.value)} · ${(blob.size / 1024).toFixed(0)} KB · SHA-256 ${hash.slice(0, 12)}…`));
    }
    picker.value = '';
  });
  const signed = input('signedByEnterprise', { type: 'checkbox', checked: true });
  const form = formOf(t('inspector.record'), 'sampling-form',
    task.stage === 'Assigned' ? h('p', { class: 'notice' }, t('inspector.acceptFirst')) : null,
    field(t('fields.batchId'), input('batchId', { required: true, autocomplete: 'off' }), t('inspector.batchHint')),
    h('fieldset', {}, h('legend', {}, t('inspector.product')), h('p', {}, h('small', {}, t('inspector.productHint'))),
      field(t('fields.productName'), input('productName', { autocomplete: 'off' })),
      h('div', { class: 'row' }, field(t('fields.trademark'), input('trademark', { autocomplete: 'off' })), field(t('fields.specModel'), input('specModel', { autocomplete: 'off' }))),
      h('div', { class: 'row' }, field(t('fields.standard'), input('standard', { autocomplete: 'off' })), field(t('fields.batchNumber'), input('batchNumber', { autocomplete: 'off' }))),
      h('div', { class: 'row' }, field(t('fields.productionDate'), input('productionDate', { type: 'date' })),
        field(t('fields.producerUscc'), input('producerUscc', { autocomplete: 'off', value: task.uscc }), t('inspector.producerHint')))),
    h('div', { class: 'row' },
      field(t('fields.testQuantity'), input('testQuantity', { type: 'number', inputmode: 'decimal', min: 0, step: 'any', required: true })),
      field(t('fields.reserveQuantity'), input('reserveQuantity', { type: 'number', inputmode: 'decimal', min: 0, step: 'any', required: true })),
      field(t('fields.unit'), input('unit', { required: true, value: 'kg' }))),
    field(t('fields.seals'), input('seals', { required: true, autocomplete: 'off' }), t('inspector.sealsHint')),
    field(t('fields.sampledOn'), input('sampledOn', { type: 'date', required: true, value: chinaToday() })),
    sampleDescription(category),
    h('div', { class: 'field check' }, signed, h('label', { for: (signed.id = 'f-signed') }, t('fields.signedByEnterprise'))),
    field(t('fields.refusedToSignNote'), h('textarea', { name: 'refusedToSignNote', rows: 2 }), t('inspector.refusedHint')),
    h('fieldset', {}, h('legend', {}, t('inspector.photos')), field(t('fields.photoKind'), kind), field(t('fields.photo'), picker), list,
      h('span', { class: 'error', 'data-error-for': 'photos', role: 'alert' })),
    h('button', { type: 'submit', class: 'primary' }, t('inspector.saveRecord')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = values(form);
    const errors: Record<string, string[]> = {};
    for (const name of ['batchId', 'testQuantity', 'reserveQuantity', 'unit', 'seals', 'sampledOn']) if (!v[name]) errors[name] = [t('errors.required')];
    if (v.signedByEnterprise !== 'true' && !v.refusedToSignNote) errors.refusedToSignNote = [t('inspector.refusedHint')];
    for (const axis of category?.variants ?? []) if (!v[`variant:${axis.code}`]) errors[`variant:${axis.code}`] = [t('errors.required')];
    if (v.productName) for (const name of ['standard', 'batchNumber', 'producerUscc']) if (!v[name]) errors[name] = [t('errors.required')];
    if (Object.keys(errors).length) return showProblem(form, { status: 400, errors });
    void act(task, 'record-sampling', {
      batchId: v.batchId, testQuantity: Number(v.testQuantity), reserveQuantity: Number(v.reserveQuantity), unit: v.unit,
      seals: v.seals.split(/[,，、\s]+/).filter(Boolean), signedByEnterprise: v.signedByEnterprise === 'true',
      refusedToSignNote: v.signedByEnterprise === 'true' ? null : v.refusedToSignNote, sampledOn: v.sampledOn,
      variants: Object.fromEntries((category?.variants ?? []).map((a) => [a.code, v[`variant:${a.code}`]])),
      properties: Object.fromEntries((category?.properties ?? []).filter((p) => v[`property:${p.code}`]).map((p) => [p.code, Number(v[`property:${p.code}`])])),
      photos: photos.map((p) => ({ kind: p.kind, sha256: p.sha256, bytes: p.blob.size })),
    }, photos, v.productName ? {
      id: v.batchId,
      body: {
        enterpriseUscc: task.uscc, producerUscc: v.producerUscc, category: task.category, productName: v.productName, trademark: v.trademark || null,
        specModel: v.specModel || null, standard: v.standard, batchNumber: v.batchNumber, productionDate: v.productionDate || null,
      },
    } : undefined);
  });
  return form;
}

function giveUpForms(task: Task): HTMLElement {
  const make = (action: 'cannot-sample' | 'enterprise-refused', title: string) => {
    const form = formOf(title, action + '-form', field(t('fields.reason'), h('textarea', { name: 'reason', rows: 2, required: true })),
      h('button', { type: 'submit' }, title));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const v = values(form);
      if (!v.reason) return showProblem(form, { status: 400, errors: { reason: [t('errors.required')] } });
      void act(task, action, { reason: v.reason });
    });
    return form;
  };
  return h('details', {}, h('summary', {}, t('inspector.cannotOrRefused')), make('cannot-sample', t('inspector.cannotSample')), make('enterprise-refused', t('inspector.refused')));
}

function handOverForm(task: Task): HTMLElement {
  const form = formOf(t('inspector.handOver'), 'hand-over-form',
    field(t('fields.labId'), input('labId', { required: true, autocomplete: 'off' })),
    h('button', { type: 'submit', class: 'primary' }, t('inspector.handOver')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = values(form);
    if (!v.labId) return showProblem(form, { status: 400, errors: { labId: [t('errors.required')] } });
    void act(task, 'hand-over', { labId: v.labId });
  });
  return form;
}

function history(task: Task): HTMLElement {
  const photos = task.sampling?.photos ?? [];
  return h('section', {},
    photos.length ? h('div', { 'data-testid': 'stored-photos' }, h('h2', {}, t('inspector.photos')),
      h('ul', { class: 'photos' }, photos.map((p) => h('li', {},
        h('img', { src: `/api/tasks/${encodeURIComponent(task.taskId)}/photos/${p.sha256}`, alt: word('photo', p.kind), width: 96, height: 96, loading: 'lazy' }),
        ` ${word('photo', p.kind)} · SHA-256 ${p.sha256}`)))) : null,
    historyTable(task));
}

async function queuePage(): Promise<void> {
  const list = h('div', { 'data-testid': 'queue' });
  const draw = (items: QueuedAction[]) => list.replaceChildren(items.length === 0 ? h('p', {}, t('inspector.nothingWaiting'))
    : table(t('inspector.queue'), [t('fields.taskId'), t('fields.action'), t('fields.at'), t('fields.state'), ''], items.map((i) => [
      h('a', { href: `#/task/${encodeURIComponent(i.taskId)}` }, i.taskId), word('actions', i.action), dateTime(i.createdAt),
      h('span', { class: i.state === 'waiting' ? '' : 'late' }, word('queue', i.state) + (i.problem ? ` — ${i.problem.detail ?? ''}` : '')),
      i.state === 'waiting' ? '' : h('span', {}, button(t('inspector.retry'), { onclick: () => void retry(i.id) }), ' ',
        button(t('inspector.discard'), { onclick: () => { if (confirm(t('inspector.discardConfirm'))) void discard(i.id); } })),
    ]), 'queue-table'));
  onQueueChange(draw);
  show(h('h1', {}, t('inspector.queue')), offlineNote(), h('p', {}, t('inspector.queueHelp')), list,
    button(t('inspector.sendNow'), { onclick: () => void flush() }));
}
