// The draw ceremony on one screen (draw/spec/draw-spec.md §3): commit the round, watch the entropy window count down
// while witnesses' contributions arrive, reveal and draw once it has passed, then the picks, teams and supplements, and
// verify the published draw in this browser. The screen polls the draw every 2 s, so everyone watching sees the same.
import { api, asProblem, type Schemas } from '../../api/client';
import { t } from '../../i18n';
import { button, field, h, input, show, showProblem, table, values } from '../../ui';
import { verifyPanel } from '../../verify/panel';
import { contributionsSince, startOfTrail, type Arrived } from './contributions';
import { chinaTime, countdown, drawIdOf, namesFor, stratumLabel, targetParts, wordOf, type Names } from './format';
import { drawResult } from './result';
import { supplementForm } from './supplements';
import './ceremony.css';

type DrawView = Schemas['DrawView'];
type Commitment = Schemas['Commitment'];
type Bundle = Schemas['DrawBundle'];

const POLL_MS = 2000;

export async function ceremonyPage(planId: string, roundText: string): Promise<void> {
  const round = Number(roundText);
  const drawId = drawIdOf(planId, round);
  const { data, response } = await api.GET('/api/draws/{drawId}', { params: { path: { drawId } } });
  const title = h('h1', {}, t('supervisor.ceremonyTitle', { plan: planId, round }));
  if (data) return showCeremony(title, data);
  if (response.status !== 404) return show(title, h('p', { class: 'fail', role: 'alert' }, t(`errors.${response.status}`)));
  show(title, h('p', { class: 'code' }, drawId), commitForm(planId, round, title));
}

/** Step 1: the commitment, with the entropy window, an optional drand beacon and whether short teams are allowed. */
function commitForm(planId: string, round: number, title: HTMLElement): HTMLElement {
  const beacon = h('select', { name: 'beacon' }, ['', 'quicknet', 'default'].map((b) => h('option', { value: b }, b ? b : t('supervisor.noBeacon'))));
  const short = input('allowShortTeams', { type: 'checkbox', id: 'f-allowShortTeams' });
  const form = h('form', { class: 'card', 'data-testid': 'commit-form', 'aria-labelledby': 'commit-title', novalidate: true },
    h('h2', { id: 'commit-title' }, t('supervisor.stepCommit')),
    h('p', {}, t('supervisor.commitHelp')),
    field(t('supervisor.windowMinutes'), input('entropyDeadline', { type: 'number', min: 0, step: 'any', value: 10, inputmode: 'decimal', required: true }), t('supervisor.windowHint')),
    h('div', { class: 'row' }, field(t('supervisor.beacon'), beacon, t('supervisor.beaconHint')),
      field(t('supervisor.beaconRound'), input('beaconRound', { type: 'number', min: 1, step: 1, inputmode: 'numeric' }), t('supervisor.beaconRoundHint'))),
    h('div', { class: 'field check' }, short, h('label', { for: short.id }, t('supervisor.allowShortTeams'))),
    h('p', { class: 'form-error', role: 'alert' }),
    h('button', { type: 'submit' }, t('supervisor.commit')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = values(form);
    const minutes = Number(v.entropyDeadline);
    if (!v.entropyDeadline || !(minutes > 0)) return showProblem(form, { status: 400, errors: { entropyDeadline: [t('supervisor.windowPositive')] } });
    // The deadline is absolute (the silo keeps it, witnesses see it); the window counts from now.
    const { data, error, response } = await api.POST('/api/plans/{planId}/rounds/{round}/commit', {
      params: { path: { planId, round } },
      body: { entropyDeadline: new Date(Date.now() + minutes * 60_000).toISOString(), beacon: v.beacon || null,
        beaconRound: v.beaconRound ? Number(v.beaconRound) : null, allowShortTeams: v.allowShortTeams === 'true' },
    });
    if (!data) return showProblem(form, asProblem(error, response.status));
    showCeremony(title, data);
  });
  return form;
}

/** What the screen keeps between polls. */
interface State {
  view: DrawView;
  arrived: Arrived[];
  cursor: number | null;
  bundle: Bundle | null;
  names: Names | null;
  /** The trail being read (a poll and a form's refresh must not read the same rows twice). */
  reading: Promise<void> | null;
}

function commitmentOf(view: DrawView): Commitment {
  // The status carries the commitment as JSON (the API types it as a JSON element); it is the Commitment schema.
  return view.commitment as unknown as Commitment;
}

/** The committed (or drawn) ceremony: every section, refreshed by one timer while the screen is shown. */
function showCeremony(title: HTMLElement, view: DrawView): void {
  const state: State = { view, arrived: [], cursor: null, bundle: null, names: null, reading: null };
  const parts = {
    commitment: h('section', { class: 'card', 'aria-labelledby': 'commitment-title', 'data-testid': 'commitment' }),
    entropy: h('section', { class: 'card', 'aria-labelledby': 'entropy-title', 'data-testid': 'entropy' }),
    draw: h('section', { class: 'card', 'aria-labelledby': 'draw-title', 'data-testid': 'draw-step' }),
    result: h('section', { 'data-testid': 'result' }),
    steps: h('section', { 'data-testid': 'steps' }),
  };
  const clock = h('p', { class: 'countdown', role: 'timer', 'data-testid': 'countdown' });
  const list = h('div', { 'data-testid': 'contributions', 'aria-live': 'polite' });
  const root = h('div', { class: 'ceremony' }, h('p', { class: 'code' }, view.drawId), parts.commitment, parts.entropy, parts.draw, parts.result, parts.steps);
  show(title, root);

  const redraw = () => {
    renderCommitment(parts.commitment, state.view);
    renderEntropy(parts.entropy, state, clock, list);
    renderDraw(parts.draw, state, () => void afterDraw());
    parts.steps.replaceChildren(stepsTable(state.view));
  };
  const afterDraw = async () => {
    await loadResult(state);
    redraw();
    renderResult(parts.result, state, () => void afterDraw());
  };
  const poll = async () => {
    const before = state.view.step;
    const { data } = await api.GET('/api/draws/{drawId}', { params: { path: { drawId: state.view.drawId } } }).catch(() => ({ data: undefined }));
    if (data) state.view = data;
    if (state.view.step === 'committed') await refreshContributions(state);
    if (state.view.step !== before && state.view.step === 'drawn') return afterDraw();
    renderContributions(list, state);
    parts.steps.replaceChildren(stepsTable(state.view));
  };

  redraw();
  tick(state, clock, parts.draw);
  if (state.view.step === 'drawn') void afterDraw();
  else void refreshContributions(state).then(() => renderContributions(list, state));
  let seconds = 0;
  const timer = setInterval(() => {
    if (!root.isConnected) return clearInterval(timer);
    tick(state, clock, parts.draw);
    if (++seconds % (POLL_MS / 1000) === 0) void poll();
  }, 1000);
}

/** The countdown, and the draw button once the window has passed (as this browser's clock sees it; the silo checks again). */
function tick(state: State, clock: HTMLElement, drawPart: HTMLElement): void {
  const left = Date.parse(state.view.entropyDeadline) - Date.now();
  const open = state.view.step === 'committed' && left > 0;
  clock.textContent = state.view.step !== 'committed' ? t('supervisor.windowClosed')
    : open ? t('supervisor.timeLeft', { left: countdown(left) }) : t('supervisor.windowPassed');
  clock.classList.toggle('open', open);
  const draw = drawPart.querySelector<HTMLButtonElement>('[data-testid=draw]');
  if (draw && !draw.dataset.busy) draw.disabled = open;
  const wait = drawPart.querySelector<HTMLElement>('[data-testid=draw-wait]');
  if (wait) wait.hidden = !open;
  const form = document.querySelector<HTMLElement>('[data-testid=contribution-form]');
  if (form) form.hidden = !open;
}

function fact(term: string, value: string | HTMLElement, testId?: string): HTMLElement[] {
  return [h('dt', {}, term), h('dd', { 'data-testid': testId }, value)];
}

function renderCommitment(part: HTMLElement, view: DrawView): void {
  const c = commitmentOf(view);
  part.replaceChildren(
    h('h2', { id: 'commitment-title' }, t('supervisor.stepCommitted')),
    h('p', {}, t('supervisor.commitmentHelp')),
    h('dl', { class: 'facts' },
      fact(t('supervisor.committedAt'), chinaTime(view.committedAt)),
      fact(t('supervisor.commitmentSha256'), h('span', { class: 'code' }, view.commitmentSha256), 'commitment-sha'),
      fact(t('supervisor.nonceSha256'), h('span', { class: 'code' }, c.nonceSha256)),
      fact(t('supervisor.targetFrameSha256'), h('span', { class: 'code' }, c.targetFrameSha256)),
      fact(t('supervisor.inspectorFrameSha256'), h('span', { class: 'code' }, c.inspectorFrameSha256)),
      fact(t('supervisor.planVersion'), String(view.planVersion)),
      fact(t('supervisor.drawDate'), c.drawDate),
      fact(t('supervisor.beacon'), c.beacon ? t('supervisor.beaconNamed', { chain: c.beacon.chain, round: String(c.beacon.round), at: chinaTime(c.beacon.emittedAt) }) : t('supervisor.noBeacon')),
      c.staffing ? fact(t('supervisor.shortTeams'), t('supervisor.shortTeamsAllowed')) : []),
    table(t('supervisor.quotas'), [t('supervisor.stratum'), t('supervisor.frameMembers'), t('supervisor.quota'), t('supervisor.alternateCount'), t('supervisor.rule')],
      c.quotas.map((q) => [stratumLabel(q.stratum), String(q.members), String(q.quota), String(q.alternates), q.rule]), 'quotas'));
}

/** Step 2: the deadline and its countdown, the contributions so far, and the forms to add one while the window is open. */
function renderEntropy(part: HTMLElement, state: State, clock: HTMLElement, list: HTMLElement): void {
  const c = commitmentOf(state.view);
  part.replaceChildren(
    h('h2', { id: 'entropy-title' }, t('supervisor.stepEntropy')),
    h('p', {}, t('supervisor.entropyHelp')),
    h('dl', { class: 'facts' }, fact(t('supervisor.deadline'), t('supervisor.chinaTime', { at: chinaTime(state.view.entropyDeadline) }), 'deadline')),
    clock, list,
    state.view.step === 'committed' ? contributionForm(state, list) : '',
    state.view.step === 'committed' && c.beacon ? beaconForm(state, c.beacon) : '');
  renderContributions(list, state);
}

function renderContributions(list: HTMLElement, state: State): void {
  const rows: Arrived[] = state.bundle
    ? state.bundle.contributions.map((k) => ({ at: k.at, source: k.source, value: k.value, by: '' }))
    : state.arrived;
  const count = state.bundle ? rows.length : Number(state.view.contributions);
  if (list.dataset.count === String(count) && list.dataset.rows === String(rows.length) && list.childElementCount) return;
  list.dataset.count = String(count);
  list.dataset.rows = String(rows.length);
  list.replaceChildren(
    h('p', { 'data-testid': 'contribution-count' }, t('supervisor.contributionCount', { count })),
    table(t('supervisor.contributions'), [t('fields.at'), t('supervisor.source'), t('supervisor.value'), t('supervisor.enteredBy')],
      rows.map((r) => [chinaTime(r.at), r.source, h('span', { class: 'code' }, r.value), r.by || '—']), 'contribution-list'));
}

/** The contributions recorded since the last poll, read from the audit trail (the bundle has them only after the reveal). */
async function refreshContributions(state: State): Promise<void> {
  if (state.reading) return state.reading;
  state.reading = readTrail(state).finally(() => { state.reading = null; });
  return state.reading;
}

async function readTrail(state: State): Promise<void> {
  try {
    state.cursor ??= await startOfTrail(state.view.committedAt);
    const { arrived, cursor } = await contributionsSince(state.view.drawId, state.cursor);
    state.arrived.push(...arrived);
    state.cursor = cursor;
  } catch { /* the count from the status still shows; the list catches up on the next poll */ }
}

function contributionForm(state: State, list: HTMLElement): HTMLElement {
  const form = h('form', { class: 'inner', 'data-testid': 'contribution-form', 'aria-labelledby': 'contribute-title', novalidate: true },
    h('h3', { id: 'contribute-title' }, t('supervisor.contribute')),
    h('p', {}, t('supervisor.contributeHelp')),
    h('div', { class: 'row' },
      field(t('supervisor.source'), input('source', { required: true, autocomplete: 'off' }), t('supervisor.sourceHint')),
      field(t('supervisor.value'), input('value', { required: true, autocomplete: 'off' }), t('supervisor.valueHint'))),
    h('p', { class: 'form-error', role: 'alert' }),
    h('button', { type: 'submit' }, t('supervisor.addContribution')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = values(form);
    const errors: Record<string, string[]> = {};
    for (const name of ['source', 'value']) if (!v[name]) errors[name] = [t('errors.required')];
    if (Object.keys(errors).length) return showProblem(form, { status: 400, errors });
    const { data, error, response } = await api.POST('/api/draws/{drawId}/contributions', { params: { path: { drawId: state.view.drawId } }, body: { source: v.source, value: v.value } });
    if (!data) return showProblem(form, asProblem(error, response.status));
    state.view = data;
    form.reset();
    for (const el of form.querySelectorAll<HTMLElement>('.form-error, [data-error-for]')) el.textContent = '';
    await refreshContributions(state);
    renderContributions(list, state);
  });
  return form;
}

/** The committed beacon round's randomness, read from the drand chain by a supervisor (the silo does not call out). */
function beaconForm(state: State, beacon: Schemas['BeaconRound']): HTMLElement {
  const form = h('form', { class: 'inner', 'data-testid': 'beacon-form', 'aria-labelledby': 'beacon-title', novalidate: true },
    h('h3', { id: 'beacon-title' }, t('supervisor.beaconValue')),
    h('p', {}, t('supervisor.beaconValueHelp', { chain: beacon.chain, round: String(beacon.round), at: chinaTime(beacon.emittedAt) })),
    input('round', { type: 'hidden', value: String(beacon.round) }),
    field(t('supervisor.randomness'), input('randomness', { required: true, autocomplete: 'off', pattern: '[0-9a-f]{64}' })),
    h('span', { class: 'error', 'data-error-for': 'round', role: 'alert' }),
    h('p', { class: 'form-error', role: 'alert' }),
    h('button', { type: 'submit' }, t('supervisor.addBeacon')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = values(form);
    const { data, error, response } = await api.POST('/api/draws/{drawId}/beacon', { params: { path: { drawId: state.view.drawId } }, body: { round: Number(v.round), randomness: v.randomness } });
    if (!data) return showProblem(form, asProblem(error, response.status));
    state.view = data;
    form.reset();
  });
  return form;
}

/** Step 3: reveal the nonce and draw, once outside entropy is closed. */
function renderDraw(part: HTMLElement, state: State, drawn: () => void): void {
  const view = state.view;
  if (view.step !== 'committed') {
    part.replaceChildren(h('h2', { id: 'draw-title' }, t('supervisor.stepDraw')),
      h('dl', { class: 'facts' }, fact(t('supervisor.revealedAt'), view.revealedAt ? chinaTime(view.revealedAt) : '—', 'revealed-at'),
        fact(t('supervisor.state'), wordOf('supervisor.step', view.step), 'draw-state')));
    return;
  }
  const draw = button(t('supervisor.draw'), { class: 'primary', 'data-testid': 'draw', disabled: Date.parse(view.entropyDeadline) > Date.now() });
  draw.addEventListener('click', async () => {
    draw.disabled = true;
    draw.dataset.busy = '1';
    const { data, error, response } = await api.POST('/api/draws/{drawId}/draw', { params: { path: { drawId: view.drawId } } });
    delete draw.dataset.busy;
    if (!data) {
      draw.disabled = false;
      return showProblem(part, asProblem(error, response.status));
    }
    state.view = data;
    drawn();
  });
  part.replaceChildren(h('h2', { id: 'draw-title' }, t('supervisor.stepDraw')), h('p', {}, t('supervisor.drawHelp')), draw,
    h('p', { class: 'draw-wait', 'data-testid': 'draw-wait', hidden: Date.parse(view.entropyDeadline) <= Date.now() }, t('supervisor.drawWait')),
    h('p', { class: 'form-error', role: 'alert' }));
}

/** After the reveal: the public bundle, and the names of the drawn enterprises and of the inspectors. */
async function loadResult(state: State): Promise<void> {
  const { data } = await api.GET('/api/public/draws/{drawId}/bundle', { params: { path: { drawId: state.view.drawId } } });
  state.bundle = data ?? null;
  if (state.bundle && !state.names) {
    const b = state.bundle;
    state.names = await namesFor([...b.picks, ...b.alternates].map((p) => targetParts(p.id).uscc));
  }
}

/** Step 4: picks, teams, alternates, supplements (and a form for one), then the verification in this browser. */
function renderResult(part: HTMLElement, state: State, changed: () => void): void {
  if (!state.bundle || !state.names) {
    part.replaceChildren(h('p', { class: 'notice' }, t('supervisor.noBundleYet')));
    return;
  }
  part.replaceChildren(
    h('section', { class: 'card', 'aria-labelledby': 'result-title' },
      h('h2', { id: 'result-title' }, t('supervisor.stepResult')),
      h('p', {}, t('supervisor.resultHelp', { picks: state.bundle.picks.length, teams: state.bundle.teams.length })),
      drawResult(state.bundle, state.names),
      supplementForm(state.view.drawId, state.bundle, state.names, changed)),
    verifyPanel(state.view.drawId));
}

function stepsTable(view: DrawView): HTMLElement {
  return table(t('supervisor.steps'), [t('supervisor.step'), t('fields.actor'), t('fields.at'), t('fields.outcome'), t('supervisor.lateBy')],
    view.steps.map((s) => [wordOf('supervisor.stepName', s.step), s.by, chinaTime(s.at), s.outcome === 'done' ? t('supervisor.done') : s.outcome, s.lateBy ?? '—']), 'steps-table');
}
