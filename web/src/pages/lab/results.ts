// Result entry: one block per test item of the task's category (name, unit, method, the limit for this sample), a
// verdict preview as the analyst types (the server's verdict on posting decides), CSV upload checked row by row, and
// the post itself. Items already posted are shown read-only: a posted result is never changed.
import { currentSession, type Problem, type Schemas } from '../../api/client';
import { t } from '../../i18n';
import { go } from '../../router';
import { field, h, input, showProblem, table, word } from '../../ui';
import { isObservation, limitText, nameOf, type Category, type Item } from '../../catalogue';
import { isKind, kinds, normalNumber, parseResultsCsv, type CsvProblem } from './csv';
import { act, rawJson, type Task } from './send';

type ItemResult = Schemas['ItemResult'];
type Measurement = Schemas['Measurement'];

/** The verdict the preview endpoint answers (BatchVerdict; enum values camelCase). */
interface BatchVerdict {
  outcome: string;
  summary: string;
  items: { itemCode: string; outcome: string; required: boolean; reason: string }[];
  problems?: string[];
}

/** An outcome as a word ("pass", "notTested", "not-tested" → 合格, 未检). */
export function outcomeWord(outcome: string): string {
  return word('lab.outcome', outcome.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()));
}

export function outcomeClass(outcome: string): string {
  return outcome === 'pass' ? 'ok' : outcome === 'fail' ? 'fail' : '';
}

export function sampleOf(task: Task): { variants: Record<string, string>; properties: Record<string, string | number> } {
  return { variants: task.sampling?.variants ?? {}, properties: task.sampling?.properties ?? {} };
}

/** What a posted result says ("98.0", "未检出（检出限 0.01）", "符合"). */
export function resultText(r: ItemResult, item: Item | undefined): string {
  const unit = item?.unit ? ` ${item.unit}` : '';
  if (r.kind === 'value') return `${String(r.value)}${unit}`;
  if (r.kind === 'not-detected') return word('lab.kind', r.kind) + (r.detectionLimit != null ? `（${t('lab.dl')} ${String(r.detectionLimit)}${unit}）` : '');
  return word('lab.kind', r.kind) + (r.reportedAs ? ` ${r.reportedAs}` : '');
}

/** The preview endpoint's measurement for one entered result. */
function measurement(r: ItemResult): Measurement {
  switch (r.kind) {
    case 'value': return { kind: 'value', value: r.value ?? '0' };
    case 'not-detected': return { kind: 'notDetected', detectionLimit: r.detectionLimit ?? null };
    case 'detected': return { kind: 'detected', reportedAs: r.reportedAs ?? null };
    default: return { kind: 'observation', conforming: r.kind === 'conforms', note: r.note ?? null };
  }
}

interface Entry { item: Item; kind: HTMLSelectElement; value: HTMLInputElement; valueField: HTMLElement; preview: HTMLElement; error: HTMLElement }

export function resultsForm(task: Task, category: Category): HTMLElement {
  const retest = task.stage === 'RetestReceived';
  const posted = (retest ? task.retest?.results : task.results) ?? [];
  const postedCodes = new Set(posted.map((r) => r.item));
  const scope = retest ? category.items.filter((i) => task.objection?.items.includes(i.code)) : category.items;
  const sample = sampleOf(task);
  const entries: EntryWithBlock[] = scope.filter((i) => !postedCodes.has(i.code)).map((i) => entry(category, i, sample));
  const batch = h('div', { class: 'lab-batch', 'data-testid': 'preview-batch', 'aria-live': 'polite' });
  const csvBox = h('div', { 'data-testid': 'csv-result' });

  const form = h('form', { class: 'card', 'data-testid': 'results-form', novalidate: true, 'aria-labelledby': 'results-title' },
    h('h2', { id: 'results-title' }, retest ? t('lab.retestResults') : t('lab.results')),
    h('p', { class: 'notice' }, t('lab.serverDecides')),
    csvSection(entries, postedCodes, csvBox),
    h('div', { class: 'lab-items' },
      scope.map((i) => postedCodes.has(i.code) ? postedBlock(category, i, posted.find((r) => r.item === i.code)!, sample) : entries.find((e) => e.item.code === i.code)!.block)),
    h('h3', {}, t('lab.preview')), batch,
    h('p', { class: 'form-error', role: 'alert' }),
    entries.length ? h('button', { type: 'submit', class: 'primary' }, t('lab.post')) : h('p', {}, t('lab.allPosted')));

  const refresh = debounce(() => void preview(task, posted, entries, batch), 400);
  form.addEventListener('input', refresh);
  form.addEventListener('change', (e) => { if ((e.target as HTMLElement).getAttribute('type') !== 'file') refresh(); });
  form.addEventListener('submit', (e) => { e.preventDefault(); void submit(task, form, entries); });
  if (posted.length) refresh();
  return form;
}

type EntryWithBlock = Entry & { block: HTMLElement };

function entry(category: Category, item: Item, sample: ReturnType<typeof sampleOf>): EntryWithBlock {
  const observation = isObservation(item.limit, sample);
  const kind = h('select', { name: `kind-${item.code}`, 'data-testid': `kind-${item.code}` },
    h('option', { value: '' }, t('lab.notEntered')),
    kinds.map((k) => h('option', { value: k, selected: !observation && k === 'value' }, word('lab.kind', k))));
  const value = input(`value-${item.code}`, { inputmode: 'decimal', autocomplete: 'off', 'data-testid': `value-${item.code}` });
  const valueField = field(t('lab.value'), value);
  const kindField = field(t('lab.kindLabel'), kind);
  const preview = h('p', { class: 'lab-preview', 'data-testid': `preview-${item.code}` });
  const error = h('span', { class: 'error', 'data-error-for': item.code, role: 'alert' });
  const sync = () => {
    valueField.hidden = !(kind.value === 'value' || kind.value === 'not-detected');
    valueField.querySelector('label')!.textContent = kind.value === 'not-detected' ? t('lab.detectionLimit') : t('lab.value');
  };
  kind.addEventListener('change', sync);
  value.addEventListener('input', () => { if (kind.value === '' && value.value.trim()) { kind.value = 'value'; sync(); } });
  sync();
  const block = h('fieldset', { class: 'lab-item', 'data-testid': `item-${item.code}` },
    h('legend', {}, nameOf(item, item.code), item.required === false ? h('small', {}, ` ${t('lab.optional')}`) : null),
    meta(category, item, sample),
    h('div', { class: 'row' }, kindField, valueField), preview, error);
  return { item, kind, value, valueField, preview, error, block };
}

function meta(category: Category, item: Item, sample: ReturnType<typeof sampleOf>): HTMLElement {
  return h('dl', { class: 'lab-meta' },
    h('dt', {}, t('lab.limit')), h('dd', { 'data-testid': `limit-${item.code}` }, limitText(category, item, item.limit, sample)),
    h('dt', {}, t('lab.unit')), h('dd', {}, item.unit ?? '—'),
    h('dt', {}, t('lab.method')), h('dd', {}, item.method));
}

function postedBlock(category: Category, item: Item, r: ItemResult, sample: ReturnType<typeof sampleOf>): HTMLElement {
  return h('div', { class: 'lab-item posted', 'data-testid': `posted-${item.code}` },
    h('h3', {}, nameOf(item, item.code)), meta(category, item, sample),
    h('p', {}, h('strong', {}, t('lab.posted')), ' ', resultText(r, item)),
    h('p', { class: 'lab-preview', 'data-testid': `preview-${item.code}` }));
}

/** The entered result of one block, null when nothing is entered, or a problem text. */
function entered(e: Entry): ItemResult | null | string {
  const kind = e.kind.value;
  const raw = e.value.value.trim();
  if (kind === '' || (kind === 'value' && raw === '')) return null;
  if (!isKind(kind)) return t('lab.csvUnknownKind', { kind, kinds: kinds.join(', ') });
  const number = raw === '' ? null : normalNumber(raw);
  if (raw !== '' && number === null && (kind === 'value' || kind === 'not-detected')) return t('lab.csvBadNumber', { value: raw });
  if (kind === 'value') return { item: e.item.code, kind, value: number };
  if (kind === 'not-detected') return { item: e.item.code, kind, detectionLimit: number };
  return { item: e.item.code, kind };
}

let asked = 0;

async function preview(task: Task, posted: ItemResult[], entries: Entry[], batch: HTMLElement): Promise<void> {
  const results: Record<string, Measurement> = {};
  for (const r of posted) results[r.item] = measurement(r);
  for (const e of entries) {
    const r = entered(e);
    e.preview.replaceChildren(typeof r === 'string' ? h('span', { class: 'fail' }, r) : '');
    if (r && typeof r !== 'string') results[r.item] = measurement(r);
  }
  if (Object.keys(results).length === 0) return void batch.replaceChildren();
  const mine = ++asked;
  const body: Schemas['VerdictRequest'] = { category: task.category, variants: sampleOf(task).variants, properties: sampleOf(task).properties, results };
  const verdict = await fetch('/api/catalogue/verdicts', {
    method: 'POST', body: rawJson(body), credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': currentSession()?.csrfToken ?? '' },
  }).then(async (r) => (r.ok ? ((await r.json()) as BatchVerdict) : null)).catch(() => null);
  if (mine !== asked) return; // a later keystroke asked again
  if (!verdict) return void batch.replaceChildren(h('p', {}, t('lab.previewUnavailable')));
  for (const v of verdict.items) {
    const slot = batch.closest('form')?.querySelector<HTMLElement>(`[data-testid="preview-${CSS.escape(v.itemCode)}"]`);
    if (slot && results[v.itemCode]) slot.replaceChildren(h('span', { class: outcomeClass(v.outcome) }, outcomeWord(v.outcome)), ' ', v.reason);
  }
  batch.replaceChildren(h('p', {}, t('lab.previewOutcome'), ' ', h('strong', { class: outcomeClass(verdict.outcome), 'data-testid': 'preview-outcome' }, outcomeWord(verdict.outcome))),
    h('p', {}, verdict.summary), h('p', {}, h('small', {}, t('lab.serverDecides'))));
}

async function submit(task: Task, form: HTMLFormElement, entries: Entry[]): Promise<void> {
  const items: ItemResult[] = [];
  const errors: Record<string, string[]> = {};
  for (const e of entries) {
    const r = entered(e);
    if (typeof r === 'string') errors[e.item.code] = [r];
    else if (r) items.push(r);
  }
  if (Object.keys(errors).length) return showItemProblem(form, { status: 400, errors }, items);
  if (items.length === 0) return showItemProblem(form, { status: 400, errors: { items: [t('lab.nothingEntered')] } }, items);
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
  if (button) button.disabled = true;
  const { problem } = await act(task.taskId, 'post-results', { items });
  if (button) button.disabled = false;
  if (problem) return showItemProblem(form, problem, items);
  go(`/lab/sample/${encodeURIComponent(task.taskId)}`);
}

/** The server names a refused result "items[2].kind": shown beside that item's fields, the rest in the form's box. */
function showItemProblem(form: HTMLFormElement, problem: Problem, sent: ItemResult[]): void {
  const perItem: [string, string[]][] = [];
  const rest: Record<string, string[]> = {};
  for (const [name, messages] of Object.entries(problem.errors ?? {})) {
    const index = /^items\[(\d+)\]/.exec(name);
    const code = index ? sent[Number(index[1])]?.item : form.querySelector(`[data-error-for="${CSS.escape(name)}"]`) ? name : undefined;
    if (code && code !== 'items') perItem.push([code, messages]);
    else rest[name] = messages;
  }
  showProblem(form, { ...problem, errors: problem.errors ? rest : undefined });
  if (problem.errors && Object.keys(rest).length === 0) {
    const box = form.querySelector<HTMLElement>('.form-error');
    if (box) box.textContent = t(`errors.${problem.status}`);
  }
  for (const [code, messages] of perItem) {
    const slot = form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(code)}"]`);
    if (slot) slot.textContent = messages.join('；');
  }
}

function csvSection(entries: Entry[], posted: Set<string>, box: HTMLElement): HTMLElement {
  const picker = h('input', { type: 'file', name: 'csv', accept: '.csv,text/csv', 'data-testid': 'csv-file' });
  picker.addEventListener('change', async () => {
    const file = picker.files?.[0];
    if (!file) return;
    const { rows, problems } = parseResultsCsv(await file.text(), new Set(entries.map((e) => e.item.code)), posted);
    for (const row of rows) {
      const e = entries.find((x) => x.item.code === row.item)!;
      e.kind.value = row.kind;
      e.kind.dispatchEvent(new Event('change', { bubbles: true }));
      e.value.value = row.value;
      e.value.dispatchEvent(new Event('input', { bubbles: true }));
    }
    box.replaceChildren(csvReport(rows.length, problems));
    picker.value = '';
  });
  return h('details', { class: 'lab-csv' }, h('summary', {}, t('lab.csvTitle')),
    h('p', {}, t('lab.csvFormat')),
    h('pre', { class: 'lab-sample-csv' }, 'item,kind,value\n' + entries.slice(0, 2).map((e, i) => `${e.item.code},${i === 0 ? 'value,99.6' : 'not-detected,0.001'}`).join('\n')),
    h('p', {}, t('lab.csvKinds', { kinds: kinds.join(', ') })),
    field(t('lab.csvFile'), picker), box);
}

function csvReport(filled: number, problems: CsvProblem[]): HTMLElement {
  return h('div', {},
    h('p', { role: 'status' }, t('lab.csvFilled', { count: filled }), problems.length ? ' ' + t('lab.csvNotSent', { count: problems.length }) : ''),
    problems.length ? table(t('lab.csvErrors'), [t('lab.csvLine'), t('lab.csvColumn'), t('lab.csvWhy')],
      problems.map((p) => [String(p.line), p.column === 'row' ? t('lab.csvWholeRow') : p.column, h('span', { class: 'fail' }, p.text)]), 'csv-errors') : null);
}

function debounce(fn: () => void, ms: number): () => void {
  let timer = 0;
  return () => { clearTimeout(timer); timer = window.setTimeout(fn, ms); };
}

