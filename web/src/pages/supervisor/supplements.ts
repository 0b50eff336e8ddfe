// Supplementing a drawn round: a withdrawn inspector's replacement, an alternate for a target that cannot be sampled,
// or completing a short team. Each needs a reason, which the bundle keeps; without grounds recorded on the target's
// task, the silo waits for a second supervisor to make the same request (202), and the form says so.
import { api, asProblem, type Schemas } from '../../api/client';
import { t } from '../../i18n';
import { field, h, showProblem, values } from '../../ui';
import { inspectorNumber, targetParts, type Names } from './format';

type Bundle = Schemas['DrawBundle'];
type Kind = 'replacements' | 'alternates' | 'completions';

function targetLabel(id: string, names: Names): string {
  const { uscc, category } = targetParts(id);
  return `${names.enterprise(uscc) ?? uscc} · ${category}`;
}

function memberLabel(id: string, names: Names): string {
  const number = inspectorNumber(id);
  return names.inspector(number)?.name ? `${names.inspector(number)?.name}（${number}）` : number;
}

async function send(kind: Kind, drawId: string, body: { targetId: string; inspectorId: string; reason: string }) {
  const path = { params: { path: { drawId } } };
  if (kind === 'replacements') return api.POST('/api/draws/{drawId}/replacements', { ...path, body });
  if (kind === 'alternates') return api.POST('/api/draws/{drawId}/alternates', { ...path, body: { targetId: body.targetId, inspectorId: null, reason: body.reason } });
  return api.POST('/api/draws/{drawId}/completions', { ...path, body: { targetId: body.targetId, reason: body.reason } });
}

export function supplementForm(drawId: string, bundle: Bundle, names: Names, changed: () => void): HTMLElement {
  const kind = h('select', { name: 'kind' }, (['replacements', 'alternates', 'completions'] as const).map((k) => h('option', { value: k }, t(`supervisor.kind.${k}`))));
  const target = h('select', { name: 'targetId' }, bundle.teams.map((team) => h('option', { value: team.targetId }, targetLabel(team.targetId, names))));
  const member = h('select', { name: 'inspectorId' });
  const memberField = field(t('supervisor.withdrawing'), member);
  const fill = () => {
    const team = bundle.teams.find((x) => x.targetId === target.value);
    member.replaceChildren(...(team?.members ?? []).map((m) => h('option', { value: m }, memberLabel(m, names))));
    memberField.hidden = kind.value !== 'replacements';
  };
  kind.addEventListener('change', fill);
  target.addEventListener('change', fill);
  const note = h('p', { class: 'notice', 'data-testid': 'supplement-pending', hidden: true });
  const form = h('form', { class: 'inner', 'data-testid': 'supplement-form', 'aria-labelledby': 'supplement-title', novalidate: true },
    h('h3', { id: 'supplement-title' }, t('supervisor.supplement')),
    h('p', {}, t('supervisor.supplementHelp')),
    h('div', { class: 'row' }, field(t('supervisor.kindLabel'), kind), field(t('supervisor.target'), target), memberField),
    field(t('fields.reason'), h('textarea', { name: 'reason', rows: 2, required: true })),
    note, h('p', { class: 'form-error', role: 'alert' }),
    h('button', { type: 'submit' }, t('supervisor.supplementButton')));
  fill();
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = values(form);
    if (!v.reason) return showProblem(form, { status: 400, errors: { reason: [t('errors.required')] } });
    const { data, error, response } = await send(v.kind as Kind, drawId, { targetId: v.targetId, inspectorId: v.inspectorId, reason: v.reason });
    if (!response.ok) return showProblem(form, asProblem(error, response.status));
    if (response.status === 202) {
      note.hidden = false;
      note.textContent = t('supervisor.supplementPending');
      return;
    }
    if (data) changed();
  });
  return form;
}
