// The supervisor's draw pages: the draws and a plan's rounds (#/draws), the ceremony of one round on one screen
// (#/ceremony/:planId/:round), and the public draw check (#/draws/public), open to anyone.
import { api, type Schemas } from '../api/client';
import { t } from '../i18n';
import { go, query } from '../router';
import { field, h, input, show, table, values, word } from '../ui';
import { ceremonyPage } from './supervisor/ceremony';
import { chinaTime, roundOf, wordOf } from './supervisor/format';
import { publicDrawPage, publicDrawsPage } from './supervisor/publicDraws';
import type { Guard, Route } from './types';
import './supervisor/ceremony.css';

export function routes(route: Route, guard: Guard): void {
  route('/draws', guard(drawsPage));
  route('/ceremony/:plan/:round', guard(ceremonyPage));
  route('/draws/public', guard(publicDrawsPage, true));
  route('/draws/public/:draw', guard(publicDrawPage, true));
}

const ceremonyLink = (planId: string, round: number | string): string => `#/ceremony/${encodeURIComponent(planId)}/${round}`;

async function drawsPage(): Promise<void> {
  const plan = query('plan');
  const { data: index } = await api.GET('/api/public/draws').catch(() => ({ data: undefined }));
  show(h('h1', {}, t('supervisor.drawsTitle')),
    openForm(plan),
    plan ? await planRounds(plan, index ?? []) : null,
    drawsTable(index ?? []));
}

/** Open a plan (its rounds) or straight a round's ceremony. */
function openForm(plan: string | null): HTMLElement {
  const form = h('form', { class: 'card', 'data-testid': 'open-plan', 'aria-labelledby': 'open-title', novalidate: true },
    h('h2', { id: 'open-title' }, t('supervisor.openPlan')),
    h('div', { class: 'row' },
      field(t('supervisor.planId'), input('planId', { required: true, autocomplete: 'off', value: plan ?? '' })),
      field(t('supervisor.round'), input('round', { type: 'number', min: 1, step: 1, inputmode: 'numeric' }), t('supervisor.roundHint'))),
    h('p', { class: 'form-error', role: 'alert' }),
    h('button', { type: 'submit' }, t('supervisor.open')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = values(form);
    if (!v.planId) return;
    if (v.round) location.hash = ceremonyLink(v.planId, v.round);
    else go(`/draws?plan=${encodeURIComponent(v.planId)}`);
  });
  return form;
}

/** A plan's facts and its rounds as scheduled, each with its draw's state and the way to its ceremony. */
async function planRounds(planId: string, index: Schemas['DrawIndexEntry'][]): Promise<HTMLElement> {
  const [{ data: plan, response }, { data: schedule }] = await Promise.all([
    api.GET('/api/plans/{id}', { params: { path: { id: planId } } }),
    api.GET('/api/plans/{id}/schedule', { params: { path: { id: planId } } }).catch(() => ({ data: undefined })),
  ]);
  if (!plan) return h('p', { class: 'fail', role: 'alert', 'data-testid': 'plan-missing' }, t('supervisor.planMissing', { plan: planId, status: response.status }));
  const d = plan.definition;
  const step = (drawId: string) => index.find((x) => x.drawId === drawId)?.step;
  return h('section', { class: 'card', 'aria-labelledby': 'plan-title', 'data-testid': 'plan' },
    h('h2', { id: 'plan-title' }, t('supervisor.planTitle', { plan: planId })),
    h('dl', { class: 'facts' },
      h('dt', {}, t('supervisor.department')), h('dd', {}, d.department),
      h('dt', {}, t('supervisor.year')), h('dd', {}, String(d.year)),
      h('dt', {}, t('fields.category')), h('dd', {}, d.categories.join('、')),
      h('dt', {}, t('monitoring.purpose')), h('dd', { 'data-testid': 'plan-purpose' }, word('monitoring', d.purpose)),
      h('dt', {}, t('supervisor.goal')), h('dd', {}, String(d.goalBatches)),
      h('dt', {}, t('supervisor.planVersion')), h('dd', {}, `${plan.version} · ${chinaTime(plan.savedAt)}`)),
    table(t('supervisor.rounds'), [t('supervisor.round'), t('supervisor.roundTime'), t('supervisor.schedule'), t('supervisor.state'), ''],
      (schedule ?? []).map((r) => [String(r.round), chinaTime(r.roundTime), wordOf('supervisor.roundState', r.state),
        wordOf('supervisor.step', step(r.drawId) ?? 'none'),
        h('a', { href: ceremonyLink(planId, r.round) }, t('supervisor.openCeremony', { round: String(r.round) }))]), 'rounds'));
}

function drawsTable(index: Schemas['DrawIndexEntry'][]): HTMLElement {
  const rows = [...index].sort((a, b) => b.committedAt.localeCompare(a.committedAt)).map((d) => {
    const r = roundOf(d.drawId);
    return [d.drawId, wordOf('supervisor.step', d.step), chinaTime(d.committedAt), d.revealedAt ? chinaTime(d.revealedAt) : '—',
      d.outsideEntropy ? t('supervisor.yes') : t('supervisor.no'),
      h('span', {}, r ? h('a', { href: ceremonyLink(r.planId, r.round) }, t('supervisor.ceremony')) : null, ' ',
        h('a', { href: `#/draws/public/${encodeURIComponent(d.drawId)}` }, t('supervisor.check')))];
  });
  return h('section', { 'aria-labelledby': 'draws-title' }, h('h2', { id: 'draws-title' }, t('supervisor.published')),
    table(t('supervisor.published'), [t('supervisor.drawId'), t('supervisor.state'), t('supervisor.committedAt'), t('supervisor.revealedAt'), t('supervisor.outsideEntropy'), ''], rows, 'draws'));
}
