// Risk-based supervision for supervisors and admins (#/risk): the enterprise evaluation model in force and its
// versions, a new version uploaded, a month's indicators imported, the monthly run with its counts, digests and
// early warnings, the month's classifications each explained by its indicators; and one enterprise's class history
// (#/risk/enterprise/:uscc). Every class is internal: only the weights and the digests are public.
import { api, type Problem, type Schemas } from '../api/client';
import { chinaToday, dateTime, language, maybe, t } from '../i18n';
import { go, query } from '../router';
import { button, field, h, input, show, table } from '../ui';
import { classBars } from './risk/bars';
import { sendRaw } from './risk/send';
import type { Guard, Route } from './types';
import './risk/risk.css';

type ModelView = Schemas['ModelView'];
type RunView = Schemas['RunView'];
type Evaluation = Schemas['RiskEvaluation'];
type Contribution = Schemas['RiskContribution'];

export function routes(route: Route, guard: Guard): void {
  route('/risk', guard(riskPage));
  route('/risk/enterprise/:uscc', guard(enterprisePage));
}

const CLASSES = ['A', 'B', 'C', 'D'] as const;
/** The classifications shown at once: a province has thousands of enterprises, a phone shows a page of them. */
const PAGE = 50;

/** The indicators' names in the reader's language, from every model version (a run may be under an older one). */
let indicatorNames = new Map<string, { zh: string; en: string }>();

function indicatorName(code: string, fallback?: string): string {
  const n = indicatorNames.get(code);
  return n ? (language() === 'en' ? n.en : n.zh) : (fallback ?? code);
}

/** "12", "0.5": the API sends decimals as numbers or strings. */
const num = (x: number | string): string => String(Number(x));

const classWord = (c: string): string => maybe(`risk.class-${c}`) ?? c;

function classBadge(c: string): HTMLElement {
  return h('span', { class: `risk-class risk-${c}`, 'data-class': c }, classWord(c));
}

/** The current month in China ("2026-12"). */
const thisMonth = (): string => chinaToday().slice(0, 7);

async function riskPage(): Promise<void> {
  const month = query('month') ?? thisMonth();
  const { data: models, response } = await api.GET('/api/risk/models');
  if (!models) return show(h('h1', {}, t('risk.title')), h('p', { class: 'fail', role: 'alert' }, maybe(`errors.${response.status}`) ?? t('errors.other', { status: response.status })));
  indicatorNames = new Map(models.flatMap((m) => m.model.indicators.map((i) => [i.code, { zh: i.nameZh, en: i.nameEn }] as const)));
  const runBox = h('section', { 'aria-labelledby': 'run-result-title', 'data-testid': 'run-result', 'aria-live': 'polite' });
  show(h('h1', {}, t('risk.title')),
    h('p', {}, t('risk.intro')),
    h('nav', { class: 'risk-jump', 'aria-label': t('risk.sections') },
      ['import', 'run', 'model', 'upload', 'lookup'].map((s) => h('a', { href: `#/risk?month=${month}`, 'data-jump': s, onclick: jump(s) }, t(`risk.jump-${s}`)))),
    // The monthly path first (import, run, read the result), then the model it runs under.
    importForm(month),
    runForm(month, runBox),
    runBox,
    modelSection(models),
    uploadForm(models[0]),
    lookupForm());
  const { data: run } = await api.GET('/api/risk/runs/{month}', { params: { path: { month } } });
  await showRun(runBox, month, run ?? null);
}

/** The in-page links scroll to their section (the hash is the route, so a plain fragment link would not do). */
function jump(section: string): EventListener {
  return (e) => {
    e.preventDefault();
    const target = document.getElementById(`risk-${section}`);
    target?.scrollIntoView();
    target?.querySelector<HTMLElement>('h2')?.focus();
  };
}

function heading(id: string, text: string): HTMLElement {
  return h('h2', { id: `${id}-title`, tabindex: -1 }, text);
}

// ————— The model —————

function modelSection(models: ModelView[]): HTMLElement {
  const inForce = models[0];
  const m = inForce.model;
  return h('section', { class: 'card', id: 'risk-model', 'aria-labelledby': 'model-title', 'data-testid': 'model' },
    heading('model', t('risk.modelInForce')),
    h('dl', { class: 'facts' },
      h('dt', {}, t('risk.modelName')), h('dd', {}, language() === 'en' ? m.nameEn : m.nameZh),
      h('dt', {}, t('risk.version')), h('dd', { 'data-testid': 'model-version' }, `${m.id} v${m.version}`),
      h('dt', {}, t('risk.effectiveFrom')), h('dd', {}, m.effectiveFrom),
      h('dt', {}, t('risk.modelSource')), h('dd', {}, m.source),
      h('dt', {}, t('risk.uploaded')), h('dd', {}, uploaded(inForce)),
      h('dt', {}, 'SHA-256'), h('dd', { class: 'code' }, inForce.sha256)),
    table(t('risk.indicators'), [t('risk.indicator'), t('risk.definition'), t('risk.source'), t('risk.pointsPerUnit'), t('risk.cap')],
      m.indicators.map((i) => [h('span', {}, indicatorName(i.code, i.nameZh), h('br'), h('small', { class: 'code' }, i.code)), i.definition,
        maybe(`risk.source-${i.source}`) ?? i.source, num(i.pointsPerUnit), num(i.cap)]), 'indicators'),
    table(t('risk.thresholds'), [t('risk.class'), t('risk.minScore')],
      m.classes.map((c) => [classBadge(c.class), t('risk.fromScore', { score: num(c.minScore) })]), 'thresholds'),
    table(t('risk.versions'), [t('risk.version'), t('risk.modelName'), t('risk.effectiveFrom'), t('risk.uploaded'), 'SHA-256'],
      models.map((v) => [`v${v.model.version}`, language() === 'en' ? v.model.nameEn : v.model.nameZh, v.model.effectiveFrom,
        uploaded(v), h('span', { class: 'code' }, v.sha256.slice(0, 16) + '…')]), 'versions'));
}

/** Who stored a version and when; the version shipped with the product has no upload. */
const uploaded = (v: ModelView): string => (v.uploadedBy === 'shipped' ? t('risk.shipped') : `${v.uploadedBy} · ${dateTime(v.uploadedAt)}`);

/** A refused upload's problems, each with the field it names (the server names fields like indicators[2].cap). */
function problemList(problem: Problem, testId: string): HTMLElement {
  const general = maybe(`errors.${problem.status}`) ?? t('errors.other', { status: problem.status });
  const entries = Object.entries(problem.errors ?? {});
  return h('div', { class: 'risk-problems', role: 'alert', 'data-testid': testId },
    h('p', { class: 'form-error' }, entries.length ? t('risk.refused', { count: entries.length }) : [general, problem.detail].filter(Boolean).join(' — ')),
    entries.length ? h('ul', {}, entries.map(([name, messages]) => h('li', {}, h('code', {}, name), '：', messages.join('；')))) : null);
}

function uploadForm(inForce: ModelView): HTMLElement {
  const file = input('modelFile', { type: 'file', accept: '.json,application/json' });
  const text = h('textarea', { name: 'modelJson', rows: 8, spellcheck: 'false', class: 'code' });
  const answer = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card', id: 'risk-upload', 'aria-labelledby': 'upload-title', 'data-testid': 'upload-form', novalidate: true },
    heading('upload', t('risk.upload')),
    h('p', {}, t('risk.uploadHelp', { version: Number(inForce.model.version) + 1 })),
    field(t('risk.modelFile'), file, t('risk.modelFileHint')),
    field(t('risk.modelJson'), text, t('risk.modelJsonHint')),
    h('div', { class: 'row' },
      button(t('risk.startFromInForce'), { 'data-testid': 'start-from', onclick: () => { text.value = JSON.stringify({ ...inForce.model, version: Number(inForce.model.version) + 1 }, null, 2); } }),
      h('button', { type: 'submit' }, t('risk.uploadButton'))),
    answer);
  file.addEventListener('change', async () => { const f = file.files?.[0]; if (f) text.value = await f.text(); });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!text.value.trim()) return answer.replaceChildren(problemList({ status: 400, errors: { modelJson: [t('errors.required')] } }, 'upload-problems'));
    const { data, problem } = await sendRaw<ModelView>('/api/risk/models', text.value, 'application/json');
    if (!data) return answer.replaceChildren(problemList(problem!, 'upload-problems'));
    go(`/risk?month=${query('month') ?? thisMonth()}&uploaded=${data.model.version}`);
  });
  const uploaded = query('uploaded');
  if (uploaded) answer.append(h('p', { class: 'ok', role: 'status' }, t('risk.uploadedVersion', { version: uploaded })));
  return form;
}

// ————— The month's imported indicators —————

function importForm(month: string): HTMLElement {
  const monthInput = input('importMonth', { type: 'month', value: month, required: true });
  const file = input('indicatorFile', { type: 'file', accept: '.csv,text/csv', required: true });
  const answer = h('div', { 'aria-live': 'polite', 'data-testid': 'import-answer' });
  const form = h('form', { class: 'card', id: 'risk-import', 'aria-labelledby': 'import-title', 'data-testid': 'import-form', novalidate: true },
    heading('import', t('risk.import')),
    h('p', {}, t('risk.importHelp')),
    h('div', { class: 'row' }, field(t('risk.month'), monthInput), field(t('risk.csvFile'), file, t('risk.csvHint'))),
    h('button', { type: 'submit' }, t('risk.importButton')),
    answer);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!monthInput.value || !chosen) return answer.replaceChildren(problemList({ status: 400, errors: { [chosen ? t('risk.month') : t('risk.csvFile')]: [t('errors.required')] } }, 'import-problems'));
    answer.replaceChildren(h('p', {}, t('risk.importing')));
    const { data, problem } = await sendRaw<Schemas['IndicatorImport']>(`/api/risk/indicators?month=${encodeURIComponent(monthInput.value)}`, chosen, 'text/csv');
    answer.replaceChildren(data
      ? h('p', { class: 'ok', role: 'status', 'data-testid': 'imported' }, t('risk.imported', { rows: Number(data.rows), month: data.month }))
      : rowProblems(problem!));
  });
  return form;
}

/** The CSV's problems by row ("row 3.value" → row 3, value), the rest as they come. */
function rowProblems(problem: Problem): HTMLElement {
  const entries = Object.entries(problem.errors ?? {});
  if (entries.length === 0) return problemList(problem, 'import-problems');
  const rows = entries.map(([name, messages]) => {
    const m = /^row (\d+)(?:\.(\w+))?$/.exec(name);
    return [m ? m[1] : '—', m ? (m[2] ?? '—') : name, messages.join('；')];
  });
  return h('div', { role: 'alert', 'data-testid': 'import-problems' },
    h('p', { class: 'form-error' }, t('risk.importRefused', { count: entries.length })),
    table(t('risk.rowProblems'), [t('risk.row'), t('risk.column'), t('risk.problem')], rows));
}

// ————— The monthly run —————

function runForm(month: string, runBox: HTMLElement): HTMLElement {
  const monthInput = input('month', { type: 'month', value: month, required: true });
  const form = h('form', { class: 'card', id: 'risk-run', 'aria-labelledby': 'run-title', 'data-testid': 'run-form', novalidate: true },
    heading('run', t('risk.run')),
    h('p', {}, t('risk.runHelp')),
    field(t('risk.month'), monthInput),
    h('p', { class: 'form-error', role: 'alert' }),
    h('div', { class: 'row' },
      button(t('risk.showRun'), { 'data-testid': 'show-run', onclick: () => go(`/risk?month=${monthInput.value}`) }),
      h('button', { type: 'submit' }, t('risk.runButton'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const box = form.querySelector<HTMLElement>('.form-error')!;
    box.textContent = '';
    if (!monthInput.value) { box.textContent = `${t('risk.month')}：${t('errors.required')}`; return; }
    box.textContent = t('risk.running');
    const { data, error, response } = await api.POST('/api/risk/runs', { body: { month: monthInput.value } });
    box.textContent = '';
    if (!data) {
      const p = (error ?? {}) as Partial<Problem>;
      const general = maybe(`errors.${response.status}`) ?? t('errors.other', { status: response.status });
      box.textContent = [general, ...Object.values(p.errors ?? {}).flat(), p.errors ? '' : p.detail].filter(Boolean).join(' — ');
      return;
    }
    await showRun(runBox, monthInput.value, data, true);
  });
  return form;
}

async function showRun(box: HTMLElement, month: string, view: RunView | null, justRun = false): Promise<void> {
  if (!view) {
    box.replaceChildren(h('p', { class: 'notice', 'data-testid': 'no-run' }, t('risk.noRun', { month })));
    return;
  }
  const r = view.run;
  const total = Number(r.enterprises);
  const warnings = await warningList(view.warnings);
  box.replaceChildren(
    h('div', { class: 'card' },
      heading('run-result', t(justRun ? 'risk.runDone' : 'risk.runOf', { month: r.month, run: Number(r.run) })),
      classBars(t('risk.counts', { total }), CLASSES.map((c) => ({ key: c, label: classWord(c), count: Number(r.counts[c] ?? 0) })), total),
      h('dl', { class: 'facts' },
        h('dt', {}, t('risk.enterprises')), h('dd', { 'data-testid': 'enterprises' }, String(total)),
        h('dt', {}, t('risk.changed')), h('dd', { 'data-testid': 'changed' }, String(Number(r.changed))),
        h('dt', {}, t('risk.modelUsed')), h('dd', { 'data-testid': 'run-model' }, `${r.modelId} v${r.modelVersion}`),
        h('dt', {}, t('risk.modelSha')), h('dd', { class: 'code', 'data-testid': 'model-sha' }, r.modelSha256),
        h('dt', {}, t('risk.inputsSha')), h('dd', { class: 'code', 'data-testid': 'inputs-sha' }, r.inputsSha256),
        h('dt', {}, t('risk.runBy')), h('dd', {}, `${r.runBy} · ${dateTime(r.runAt)}`)),
      h('p', {}, h('small', {}, t('risk.published', { month: r.month })))),
    warnings,
    await classifications(r.month, query('class')));
}

// ————— Names of enterprises —————

const names = new Map<string, string>();

/** Enterprises' names (the directory is for staff), a few requests at a time; an unknown one keeps its code. */
async function lookUp(usccs: string[]): Promise<void> {
  const missing = [...new Set(usccs)].filter((u) => !names.has(u));
  for (let i = 0; i < missing.length; i += 8) {
    await Promise.all(missing.slice(i, i + 8).map(async (uscc) => {
      const { data } = await api.GET('/api/enterprises/{uscc}', { params: { path: { uscc } } }).catch(() => ({ data: undefined }));
      names.set(uscc, data?.name ?? uscc);
    }));
  }
}

function enterpriseLink(uscc: string): HTMLElement {
  return h('span', {}, h('a', { href: `#/risk/enterprise/${encodeURIComponent(uscc)}` }, names.get(uscc) ?? uscc), h('br'), h('small', { class: 'code' }, uscc));
}

// ————— Early warnings and classifications —————

async function warningList(warnings: Schemas['RiskWarning'][]): Promise<HTMLElement> {
  await lookUp(warnings.map((w) => w.uscc));
  return h('section', { class: 'card', 'aria-labelledby': 'warnings-title', 'data-testid': 'warnings' },
    heading('warnings', t('risk.warnings', { count: warnings.length })),
    h('p', {}, t('risk.warningsHelp')),
    table(t('risk.warningsCaption'), [t('risk.enterprise'), t('risk.classChange'), t('risk.scoreChange'), t('risk.rising')],
      warnings.map((w) => [enterpriseLink(w.uscc),
        h('span', { 'data-testid': 'class-change' }, classBadge(w.from), ' → ', classBadge(w.to)),
        `${num(w.scoreBefore)} → ${num(w.scoreNow)}`,
        w.rising.length ? w.rising.map((c) => indicatorName(c)).join('、') : '—'])));
}

async function classifications(month: string, riskClass: string | null): Promise<HTMLElement> {
  const chosen = CLASSES.find((c) => c === riskClass);
  const filter = h('select', { name: 'riskClass' },
    h('option', { value: '' }, t('risk.allClasses')),
    CLASSES.map((c) => h('option', { value: c, selected: c === chosen }, classWord(c))));
  filter.addEventListener('change', () => go(`/risk?month=${month}${filter.value ? `&class=${filter.value}` : ''}`));
  const section = h('section', { class: 'card', 'aria-labelledby': 'classes-title', 'data-testid': 'classifications' },
    heading('classes', t('risk.classifications', { month })),
    field(t('risk.filterClass'), filter));
  const { data } = await api.GET('/api/risk/runs/{month}/classifications', { params: { path: { month }, query: chosen ? { riskClass: chosen } : {} } });
  // The riskiest first: what a supervisor looks at.
  const all = [...(data ?? [])].sort((a, b) => Number(b.score) - Number(a.score) || a.uscc.localeCompare(b.uscc));
  const list = h('ol', { class: 'risk-list' });
  const more = button(t('risk.more'), { 'data-testid': 'more' });
  let shown = 0;
  const next = async (): Promise<void> => {
    const page = all.slice(shown, shown + PAGE);
    await lookUp(page.map((e) => e.uscc));
    list.append(...page.map(explained));
    shown += page.length;
    more.hidden = shown >= all.length;
    counter.textContent = t('risk.showing', { shown, total: all.length });
  };
  const counter = h('p', { 'aria-live': 'polite' });
  more.addEventListener('click', () => void next());
  await next();
  section.append(counter, all.length ? list : h('p', {}, t('common.none')), more);
  return section;
}

/** One enterprise's class, opened to its explanation: each indicator's value and the points it adds. */
function explained(e: Evaluation): HTMLElement {
  return h('li', { 'data-uscc': e.uscc },
    h('details', {},
      h('summary', {}, classBadge(e.class), ' ', names.get(e.uscc) ?? e.uscc, ' · ', t('risk.score', { score: num(e.score) })),
      h('p', {}, enterpriseLink(e.uscc)),
      explanation(e.contributions, e.score)));
}

function explanation(contributions: Contribution[], score: number | string): HTMLElement {
  return table(t('risk.explanation'), [t('risk.indicator'), t('risk.value'), t('risk.points')],
    [...contributions.map((c) => [indicatorName(c.indicator, c.name), num(c.value), Number(c.points) > 0 ? h('strong', {}, num(c.points)) : num(c.points)]),
      [h('strong', {}, t('risk.total')), '', h('strong', {}, num(score))]], 'explanation');
}

// ————— One enterprise —————

function lookupForm(): HTMLElement {
  const uscc = input('uscc', { required: true, autocomplete: 'off', maxlength: 18, autocapitalize: 'characters' });
  const form = h('form', { class: 'card', id: 'risk-lookup', 'aria-labelledby': 'lookup-title', novalidate: true },
    heading('lookup', t('risk.lookup')),
    field(t('risk.uscc'), uscc),
    h('button', { type: 'submit' }, t('risk.lookupButton')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (uscc.value.trim()) go(`/risk/enterprise/${encodeURIComponent(uscc.value.trim().toUpperCase())}`);
  });
  return form;
}

async function enterprisePage(uscc: string): Promise<void> {
  if (indicatorNames.size === 0) {
    const { data: models } = await api.GET('/api/risk/models');
    indicatorNames = new Map((models ?? []).flatMap((m) => m.model.indicators.map((i) => [i.code, { zh: i.nameZh, en: i.nameEn }] as const)));
  }
  const [{ data: enterprise }, { data: history }] = await Promise.all([
    api.GET('/api/enterprises/{uscc}', { params: { path: { uscc } } }),
    api.GET('/api/risk/enterprises/{uscc}', { params: { path: { uscc } } }),
  ]);
  const rows = history ?? [];
  show(h('h1', {}, enterprise?.name ?? uscc),
    h('p', {}, h('a', { href: '#/risk' }, t('risk.back'))),
    h('dl', { class: 'facts' },
      h('dt', {}, t('risk.uscc')), h('dd', { class: 'code' }, uscc),
      h('dt', {}, t('risk.classNow')), h('dd', { 'data-testid': 'class-now' }, enterprise?.riskClass ? classBadge(enterprise.riskClass) : '—')),
    h('section', { 'aria-labelledby': 'history-title', 'data-testid': 'history' },
      h('h2', { id: 'history-title' }, t('risk.history')),
      rows.length === 0 ? h('p', {}, t('risk.noHistory')) : h('ol', { class: 'risk-list' }, rows.map((r, i) =>
        h('li', {}, h('details', { open: i === 0 },
          h('summary', {}, `${r.month} · ${t('risk.runNo', { run: Number(r.run) })} · `, classBadge(r.class), ' · ', t('risk.score', { score: num(r.score) })),
          explanation(r.contributions, r.score)))))));
}
