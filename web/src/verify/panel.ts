// "Verify in this browser": downloads a draw's public bundle and target frame, runs the checks (drawCheck.ts) here and
// shows each one ✓ or ✗. The server is never asked whether its draw was right.
import { api } from '../api/client';
import { t } from '../i18n';
import { chinaTime } from '../pages/supervisor/format';
import { button, h } from '../ui';
import { run, type Bundle, type Check } from './drawCheck';

async function fetchBundle(drawId: string): Promise<Bundle> {
  const { data, response } = await api.GET('/api/public/draws/{drawId}/bundle', { params: { path: { drawId } } });
  if (!data) throw new Error(t('public.drawNoBundle', { status: response.status }));
  return data;
}

/** The canonical target frame: inside the bundle when it carries it, else the public frame file (null if unreachable). */
async function fetchTargets(drawId: string, bundle: Bundle): Promise<string | null> {
  if (bundle.frames.targets !== null && bundle.frames.targets !== undefined) return bundle.frames.targets;
  const { data } = await api.GET('/api/public/draws/{drawId}/frames/{file}', { params: { path: { drawId, file: 'targets.csv' } }, parseAs: 'text' })
    .catch(() => ({ data: undefined }));
  return typeof data === 'string' ? data : null;
}

/** The bundle hash the public index announces, for the offline check's command line. */
async function announcedBundleSha(drawId: string): Promise<string | null> {
  const { data } = await api.GET('/api/public/draws').catch(() => ({ data: undefined }));
  return data?.find((d) => d.drawId === drawId)?.bundleSha256 ?? null;
}

function checkItem(c: Check): HTMLElement {
  const values = { ...c.values };
  if (typeof values.deadline === 'string') values.deadline = chinaTime(values.deadline);
  const mark = c.ok === null ? '·' : c.ok ? '✓' : '✗';
  const state = c.ok === null ? t('public.drawCheckSkipped') : c.ok ? t('public.drawCheckPassed') : t('public.drawCheckFailed');
  return h('li', { class: c.ok === null ? 'skipped' : c.ok ? 'ok' : 'fail', 'data-check': c.id },
    h('span', { class: 'mark', 'aria-hidden': 'true' }, mark), h('span', { class: 'sr-only' }, state + '：'),
    h('b', {}, t(`public.drawCheck.${c.id}`)), ' — ', t(`public.drawDetail.${c.detail}`, values));
}

/** A panel with the button and, once pressed, the verdict and every check. */
export function verifyPanel(drawId: string): HTMLElement {
  const result = h('div', { 'data-testid': 'verify-result', 'aria-live': 'polite' });
  const start = button(t('public.drawVerify'), { class: 'primary', 'data-testid': 'verify' });
  start.addEventListener('click', async () => {
    start.disabled = true;
    result.replaceChildren(h('p', {}, t('public.drawChecking')));
    try {
      const bundle = await fetchBundle(drawId);
      const [targets, bundleSha] = await Promise.all([fetchTargets(drawId, bundle), announcedBundleSha(drawId)]);
      await new Promise((r) => setTimeout(r)); // let "checking…" show before the hashing starts
      const checks = run(bundle, targets, bundleSha);
      const failed = checks.filter((c) => c.ok === false).length;
      result.replaceChildren(
        h('p', { class: `verdict ${failed ? 'fail' : 'ok'}`, 'data-testid': 'verdict' },
          failed ? t('public.drawVerdictFailed', { count: failed }) : t('public.drawVerdictPassed')),
        h('ul', { class: 'checks', 'data-testid': 'checks' }, checks.map(checkItem)));
    } catch (e) {
      result.replaceChildren(h('p', { class: 'fail', 'data-testid': 'verdict' }, e instanceof Error ? e.message : String(e)));
    } finally {
      start.disabled = false;
    }
  });
  return h('section', { class: 'card verify', 'aria-labelledby': 'verify-title' },
    h('h2', { id: 'verify-title' }, t('public.drawVerifyTitle')), h('p', {}, t('public.drawVerifyHelp')), start, result, vectorsCheck());
}

/** The verifier checked against the specification's vectors (loaded only when asked for). */
function vectorsCheck(): HTMLElement {
  const result = h('ul', { class: 'checks', 'data-testid': 'vectors-result', 'aria-live': 'polite' });
  const start = button(t('public.drawVectors'), { 'data-testid': 'vectors' });
  start.addEventListener('click', async () => {
    const { checkVectors } = await import('./vectors');
    result.replaceChildren(...checkVectors().map((r) => h('li', { class: r.passed === r.total ? 'ok' : 'fail' },
      `${r.passed === r.total ? '✓' : '✗'} ${t(`public.drawVectors.${r.kind}`, { passed: r.passed, total: r.total })}`)));
  });
  return h('details', {}, h('summary', {}, t('public.drawVectorsTitle')), h('p', {}, t('public.drawVectorsHelp')), start, result);
}
