// A drawn round as people read it: the picks, the ordered alternates, the teams, and every supplement with its reason.
// Names where the reader may see them (staff), ids otherwise (the public).
import type { Schemas } from '../../api/client';
import { t } from '../../i18n';
import { h, table } from '../../ui';
import { inspectorNumber, stratumLabel, targetParts, wordOf, type Names } from './format';

type Bundle = Schemas['DrawBundle'];

/** An enterprise target: its name when known, with its USCC and category. */
function target(id: string, names: Names): HTMLElement {
  const { uscc, category } = targetParts(id);
  const name = names.enterprise(uscc);
  return h('span', {}, name ? h('b', {}, name) : null, name ? h('br') : null, h('span', { class: 'code nowrap' }, uscc), category ? ` · ${category}` : '');
}

/** An inspector: name and unit when known, the number always. */
function inspector(id: string, names: Names): string {
  const number = inspectorNumber(id);
  const known = names.inspector(number);
  return known ? `${known.name}（${known.unit}，${number}）` : number;
}

/** A ticket is an 80-digit fraction: its first digits tell tickets apart on a screen; the verifier checks them all. */
const shortTicket = (ticket: string): HTMLElement => h('span', { class: 'code nowrap', title: ticket }, ticket.slice(0, 12) + '…');

export function picksTable(bundle: Bundle, names: Names): HTMLElement {
  return table(t('supervisor.picks'), [t('supervisor.stratum'), t('supervisor.enterprise'), t('supervisor.ticket')],
    bundle.picks.map((p) => [stratumLabel(p.stratum), target(p.id, names), shortTicket(p.ticket)]), 'picks');
}

export function alternatesTable(bundle: Bundle, names: Names): HTMLElement {
  return table(t('supervisor.alternates'), [t('supervisor.stratum'), t('supervisor.enterprise'), t('supervisor.ticket')],
    bundle.alternates.map((p) => [stratumLabel(p.stratum), target(p.id, names), shortTicket(p.ticket)]), 'alternates');
}

type Department = { id: string; name: string; units: string[] };

/**
 * A joint draw's departments (draw-spec §5.1) and each member's, from the unit in the bundle's inspector frame (or the
 * directory's, for a bundle whose frames are held by hash only); null for a single department's draw.
 */
function departmentOf(bundle: Bundle, names: Names): ((id: string) => string) | null {
  const departments = (bundle.commitment.rules.teams.departments ?? null) as Department[] | null;
  if (!departments || departments.length === 0) return null;
  const units = new Map<string, string>();
  for (const line of (bundle.frames.inspectors ?? '').split('\n').slice(1)) {
    const [id, unit] = line.split(',');
    if (id && unit) units.set(id, unit);
  }
  return (id) => {
    const unit = units.get(id) ?? names.inspector(inspectorNumber(id))?.unit;
    return departments.find((d) => unit !== undefined && d.units.includes(unit))?.name ?? t('supervisor.noDepartment');
  };
}

export function teamsTable(bundle: Bundle, names: Names): HTMLElement {
  const department = departmentOf(bundle, names);
  const member = (m: string): string => (department ? `${inspector(m, names)} · ${department(m)}` : inspector(m, names));
  const teams = table(t('supervisor.teams'), [t('supervisor.enterprise'), t('supervisor.pool'), t('supervisor.members'), t('supervisor.teamStatus')],
    bundle.teams.map((team) => [target(team.targetId, names), team.pool,
      h('ul', { class: 'plain' }, team.members.map((m) => h('li', {}, member(m)))), wordOf('supervisor.team', team.status)]), 'teams');
  const departments = (bundle.commitment.rules.teams.departments ?? []) as Department[];
  return departments.length === 0
    ? teams
    : h('div', {}, h('p', { 'data-testid': 'joint-rule' }, t('supervisor.jointRule', { departments: departments.map((d) => d.name).join('、') })), teams);
}

/** Replacements (a member withdrew) and alternates used (a target could not be sampled), each with its reason. */
export function supplementsTable(bundle: Bundle, names: Names): HTMLElement {
  const rows = [
    ...bundle.replacements.map((r) => [String(r.step), t('supervisor.replacement'), target(r.targetId, names),
      `${inspector(r.withdrawn, names)} → ${r.replacer ? inspector(r.replacer, names) : t('supervisor.noReplacer')}`, r.reason]),
    ...bundle.alternateUses.map((a) => [String(a.step), t('supervisor.alternateUse'), target(a.replaced, names),
      a.alternate ? h('span', {}, t('supervisor.byAlternate'), ' ', target(a.alternate, names)) : t('supervisor.noAlternate'), a.reason]),
  ].sort((a, b) => Number(a[0]) - Number(b[0]));
  return table(t('supervisor.supplements'), [t('supervisor.stepNo'), t('supervisor.kind'), t('supervisor.enterprise'), t('supervisor.change'), t('fields.reason')],
    rows, 'supplements');
}

/** All of a drawn round's result, in reading order. */
export function drawResult(bundle: Bundle, names: Names): HTMLElement {
  return h('div', { class: 'draw-result', 'data-testid': 'draw-result' },
    picksTable(bundle, names), teamsTable(bundle, names), alternatesTable(bundle, names), supplementsTable(bundle, names));
}
