// "Verify in this browser": downloads a draw's public bundle and streams its target frame (frameStream.ts), runs the
// checks (drawCheck.ts) here and shows each one ✓ or ✗. The server is never asked whether its draw was right.
import { api } from '../api/client';
import { t } from '../i18n';
import { chinaTime } from '../pages/supervisor/format';
import { button, field, h, input } from '../ui';
import { run, type Bundle, type Check, type FrameSource } from './drawCheck';
import { counting, streamFrame } from './frameStream';

async function fetchBundle(drawId: string): Promise<Bundle> {
  const { data, response } = await api.GET('/api/public/draws/{drawId}/bundle', { params: { path: { drawId } } });
  if (!data) throw new Error(t('public.drawNoBundle', { status: response.status }));
  return data;
}

interface Opened { body: ReadableStream<Uint8Array>; total: number | null; gzip: boolean }

/** One published frame file as a stream of its bytes (null when it cannot be had). */
async function open(drawId: string, file: string): Promise<Omit<Opened, 'gzip'> | null> {
  const { data, response } = await api.GET('/api/public/draws/{drawId}/frames/{file}', { params: { path: { drawId, file } }, parseAs: 'stream' })
    .catch(() => ({ data: undefined, response: undefined }));
  if (!response?.ok || !data) return null;
  const length = Number(response.headers.get('Content-Length') ?? NaN);
  return { body: data as ReadableStream<Uint8Array>, total: Number.isFinite(length) && length > 0 ? length : null };
}

/** The target frame file: compressed (targets.csv.gz) where this browser can decompress, else the plain targets.csv. */
async function openTargets(drawId: string): Promise<Opened | null> {
  if (typeof DecompressionStream === 'function') {
    const gz = await open(drawId, 'targets.csv.gz');
    if (gz) return { ...gz, gzip: true };
  }
  const plain = await open(drawId, 'targets.csv');
  return plain && { ...plain, gzip: false };
}

// DOM's typing takes any BufferSource in; bytes in, bytes out is what it does.
const gunzip = (): TransformStream<Uint8Array, Uint8Array> => new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>;

const size = (bytes: number): string => (bytes < 1048576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`);

/**
 * The canonical target frame: the bundle's own text when it carries it, else the published file streamed (read once:
 * hashed and re-drawn as it arrives), the progress shown in the given line.
 */
function targets(drawId: string, bundle: Bundle, progress: HTMLElement): string | FrameSource {
  if (bundle.frames.targets !== null && bundle.frames.targets !== undefined) return bundle.frames.targets;
  return async (seedHex) => {
    const opened = await openTargets(drawId);
    if (!opened) return null;
    let bytes = 0, members = 0;
    const show = (done: boolean): void => {
      const values = { read: size(bytes), total: opened.total === null ? '?' : size(opened.total), members, file: opened.gzip ? 'targets.csv.gz' : 'targets.csv' };
      // The server may stream the file without a length (a chunked answer): then only what was read is shown.
      progress.textContent = t(done ? 'public.drawStreamed' : opened.total === null ? 'public.drawStreamingUnsized' : 'public.drawStreaming', values);
    };
    try {
      const body = opened.body.pipeThrough(counting((n) => { bytes = n; }));
      const frame = await streamFrame(opened.gzip ? body.pipeThrough(gunzip()) : body, bundle.commitment.quotas, seedHex,
        (n) => { members = n; show(false); });
      show(true);
      return frame;
    } catch {
      // A download cut off or a file that does not decompress: the frame could not be had, said as such.
      return null;
    }
  };
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
      const bundleSha = await announcedBundleSha(drawId);
      const progress = h('p', { class: 'progress', 'data-testid': 'verify-progress' });
      result.append(progress);
      await new Promise((r) => setTimeout(r)); // let "checking…" show before the hashing starts
      const checks = await run(bundle, targets(drawId, bundle, progress), bundleSha);
      const failed = checks.filter((c) => c.ok === false).length;
      result.replaceChildren(
        h('p', { class: `verdict ${failed ? 'fail' : 'ok'}`, 'data-testid': 'verdict' },
          failed ? t('public.drawVerdictFailed', { count: failed }) : t('public.drawVerdictPassed')),
        ...(progress.textContent ? [progress] : []),
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
  return h('details', {}, h('summary', {}, t('public.drawVectorsTitle')), h('p', {}, t('public.drawVectorsHelp')), start, result,
    streamCheck());
}

/** The streaming check against the whole-text one on a frame generated here, at a size the visitor picks. */
function streamCheck(): HTMLElement {
  const size = input('members', { type: 'number', min: '1', max: '1000000', step: '1', value: '20000', inputmode: 'numeric' });
  const result = h('ul', { class: 'checks', 'data-testid': 'stream-check-result', 'aria-live': 'polite' });
  const start = button(t('public.drawStreamCheck'), { 'data-testid': 'stream-check' });
  start.addEventListener('click', async () => {
    const members = Math.min(1_000_000, Math.max(1, Math.floor(Number(size.value)) || 20_000));
    start.disabled = true;
    result.replaceChildren(h('li', {}, t('public.drawChecking')));
    try {
      const { selfCheck } = await import('./selfCheck');
      const { hashes, frame } = await selfCheck(members);
      const seconds = (ms: number): string => (ms / 1000).toFixed(2);
      result.replaceChildren(
        h('li', { class: hashes.passed === hashes.total ? 'ok' : 'fail' },
          `${hashes.passed === hashes.total ? '✓' : '✗'} ${t('public.drawStreamCheck.hashes', { ...hashes })}`),
        h('li', { class: frame.agrees ? 'ok' : 'fail', 'data-testid': 'stream-check-frame' },
          `${frame.agrees ? '✓' : '✗'} ${t(frame.agrees ? 'public.drawStreamCheck.frame' : 'public.drawStreamCheck.frameDiffers',
            { members: frame.members, stream: seconds(frame.streamMs), whole: seconds(frame.wholeMs), file: frame.gzip ? 'gzip' : 'csv' })}`));
    } finally {
      start.disabled = false;
    }
  });
  return h('div', { class: 'stream-check' }, h('p', {}, t('public.drawStreamCheckHelp')), field(t('public.drawStreamCheckMembers'), size), start, result);
}
