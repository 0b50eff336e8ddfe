// The public draw check (一公开): every draw's commitment hash from the moment it is committed, and for a drawn round
// its picks and teams and the verification in the visitor's own browser. Ids only: the directory's names are staff's.
import { api, type Schemas } from '../../api/client';
import { t } from '../../i18n';
import { h, show, table } from '../../ui';
import { verifyPanel } from '../../verify/panel';
import { chinaTime, noNames, wordOf } from './format';
import { drawResult } from './result';

const checkLink = (drawId: string): HTMLElement => h('a', { href: `#/draws/public/${encodeURIComponent(drawId)}` }, drawId);

export async function publicDrawsPage(): Promise<void> {
  const { data } = await api.GET('/api/public/draws').catch(() => ({ data: undefined }));
  const index = [...(data ?? [])].sort((a, b) => b.committedAt.localeCompare(a.committedAt));
  show(h('h1', {}, t('public.drawsTitle')), h('p', {}, t('public.drawsIntro')),
    table(t('public.drawsTitle'), [t('public.drawId'), t('public.drawState'), t('public.drawCommittedAt'), t('public.drawRevealedAt'), t('public.drawCommitmentSha256')],
      index.map((d) => [checkLink(d.drawId), wordOf('public.drawStep', d.step), chinaTime(d.committedAt), d.revealedAt ? chinaTime(d.revealedAt) : '—',
        h('span', { class: 'code' }, d.commitmentSha256)]), 'public-draws'));
}

function facts(entry: Schemas['DrawIndexEntry']): HTMLElement {
  const rows: [string, string | HTMLElement][] = [
    [t('public.drawState'), wordOf('public.drawStep', entry.step)],
    [t('public.drawCommittedAt'), chinaTime(entry.committedAt)],
    [t('public.drawRevealedAt'), entry.revealedAt ? chinaTime(entry.revealedAt) : '—'],
    [t('public.drawOutsideEntropy'), entry.outsideEntropy ? t('public.drawYes') : t('public.drawNo')],
    [t('public.drawCommitmentSha256'), h('span', { class: 'code' }, entry.commitmentSha256)],
    [t('public.drawBundleSha256'), h('span', { class: 'code' }, entry.bundleSha256 ?? '—')],
  ];
  return h('dl', { class: 'facts', 'data-testid': 'draw-facts' }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

export async function publicDrawPage(drawId: string): Promise<void> {
  const { data } = await api.GET('/api/public/draws').catch(() => ({ data: undefined }));
  const entry = data?.find((d) => d.drawId === drawId);
  const title = h('h1', {}, t('public.drawTitle', { id: drawId }));
  const back = h('p', {}, h('a', { href: '#/draws/public' }, t('public.drawsAll')));
  if (!entry) return show(title, h('p', { class: 'fail', role: 'alert' }, t('public.drawUnknown')), back);
  const weighting = await riskRun(drawId);
  if (entry.step !== 'drawn') return show(title, facts(entry), weighting, h('p', { class: 'notice' }, t('public.drawNotYet')), back);
  const { data: bundle } = await api.GET('/api/public/draws/{drawId}/bundle', { params: { path: { drawId } } }).catch(() => ({ data: undefined }));
  show(title, facts(entry), weighting, verifyPanel(drawId), bundle ? drawResult(bundle, noNames) : null, back);
}

/** The evaluation run whose risk classes the round's frames froze: its model, weights and the digests of its inputs. */
async function riskRun(drawId: string): Promise<HTMLElement> {
  const { data: run } = await api.GET('/api/public/risk/draws/{drawId}', { params: { path: { drawId } } }).catch(() => ({ data: undefined }));
  if (!run) return h('p', { 'data-testid': 'draw-risk-run' }, t('public.drawRiskNone'));
  const weights = run.model.indicators.map((i) => t('public.drawRiskWeight', { name: i.nameZh, points: String(i.pointsPerUnit), cap: String(i.cap) })).join('；');
  const rows: [string, string | HTMLElement][] = [
    [t('public.drawRiskRun'), t('public.drawRiskRunOf', { month: run.month, run: String(run.run), at: chinaTime(run.runAt) })],
    [t('public.drawRiskModel'), `${run.model.nameZh} (${run.model.nameEn}) v${run.model.version}`],
    [t('public.drawRiskWeights'), weights],
    [t('public.drawRiskModelSha256'), h('span', { class: 'code' }, run.modelSha256)],
    [t('public.drawRiskInputsSha256'), h('span', { class: 'code' }, run.inputsSha256)],
  ];
  return h('section', { 'data-testid': 'draw-risk-run', 'aria-labelledby': 'risk-run-title' }, h('h2', { id: 'risk-run-title' }, t('public.drawRiskTitle')),
    h('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
}
