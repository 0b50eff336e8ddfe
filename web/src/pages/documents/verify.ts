// The public verify page (#/verify, #/verify/:code), open to anyone: the QR code on every document opens it. A code
// shows what the system holds for that document; a chosen PDF is hashed here in the browser and looked up by its
// SHA-256, so a copy with one changed byte is exposed as not issued here.
import { api, type Schemas } from '../../api/client';
import { dateTime, maybe, t } from '../../i18n';
import { go } from '../../router';
import { field, h, input, show, table } from '../../ui';
import { sha256Hex } from '../../verify/sha256';

type Verified = Schemas['VerifiedDocument'];

export async function verifyPage(code?: string): Promise<void> {
  const result = h('div', { 'data-testid': 'verify-result', 'aria-live': 'polite' });
  show(h('h1', {}, t('documents.verifyTitle')), h('p', {}, t('documents.verifyHelp')), codeForm(code), fileForm(result), result);
  if (code) await byCode(code, result);
}

function codeForm(code: string | undefined): HTMLFormElement {
  const form = h('form', { class: 'card row verify-code', 'aria-label': t('documents.byCode'), novalidate: true },
    field(t('documents.code'), input('code', { value: code ?? '', required: true, autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', placeholder: '7K3M-Q9XD-2PWA' }), t('documents.codeHint')),
    h('button', { type: 'submit' }, t('documents.lookUp')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = (form.elements.namedItem('code') as HTMLInputElement).value.trim();
    if (value) go(`/verify/${encodeURIComponent(value)}`);
  });
  return form;
}

function fileForm(result: HTMLElement): HTMLFormElement {
  const file = input('file', { type: 'file', accept: 'application/pdf,.pdf', 'data-testid': 'verify-file' });
  const form = h('form', { class: 'card verify-file', 'aria-label': t('documents.byFile'), novalidate: true },
    field(t('documents.file'), file, t('documents.fileHint')));
  file.addEventListener('change', () => { const chosen = file.files?.[0]; if (chosen) void byFile(chosen, result); });
  return form;
}

async function byCode(code: string, result: HTMLElement): Promise<void> {
  result.replaceChildren(h('p', {}, t('common.loading')));
  const answer = await lookUp(() => api.GET('/api/verify/{code}', { params: { path: { code } } }));
  if (answer.document) return result.replaceChildren(...documentView(answer.document, code, null));
  result.replaceChildren(h('p', { class: 'verdict bad', role: 'alert', 'data-testid': 'verdict' },
    answer.status === 404 ? t('documents.noSuchCode', { code }) : answer.failed));
}

async function byFile(file: File, result: HTMLElement): Promise<void> {
  result.replaceChildren(h('p', {}, t('documents.hashing')));
  // The page's own SHA-256 (works over plain http too, where WebCrypto is missing); PDFs are small.
  const sha = sha256Hex(new Uint8Array(await file.arrayBuffer()));
  const answer = await lookUp(() => api.GET('/api/verify/files/{sha256}', { params: { path: { sha256: sha } } }));
  if (answer.document) return result.replaceChildren(...documentView(answer.document, null, { name: file.name, sha }));
  result.replaceChildren(
    h('p', { class: 'verdict bad', role: 'alert', 'data-testid': 'verdict' }, answer.status === 404 ? t('documents.notIssued') : answer.failed),
    h('dl', { class: 'facts' }, h('dt', {}, t('documents.fileName')), h('dd', {}, file.name),
      h('dt', {}, t('documents.fileSha256')), h('dd', { class: 'sha' }, sha)),
    answer.status === 404 ? h('p', {}, t('documents.notIssuedHelp')) : '');
}

async function lookUp(get: () => Promise<{ data?: Verified; response: Response }>): Promise<{ document?: Verified; status: number; failed: string }> {
  try {
    const { data, response } = await get();
    return { document: data, status: response.status, failed: maybe(`errors.${response.status}`) ?? t('errors.other', { status: response.status }) };
  } catch {
    return { status: 0, failed: t('errors.offline') };
  }
}

/** What the system holds: the verdict, a warning when replaced, the facts and digests, then every block as printed. */
function documentView(d: Verified, code: string | null, file: { name: string; sha: string } | null): HTMLElement[] {
  const verdict = file
    ? h('p', { class: 'verdict good', role: 'status', 'data-testid': 'verdict' }, t('documents.matches'))
    : d.contentIntact
      ? h('p', { class: 'verdict good', role: 'status', 'data-testid': 'verdict' }, t('documents.onRecord'))
      : h('p', { class: 'verdict bad', role: 'alert', 'data-testid': 'verdict' }, t('documents.recordDamaged'));
  const pairs: [string, string | HTMLElement][] = [
    [t('documents.number'), d.number], [t('documents.version'), String(d.version)], [t('documents.subject'), d.subject],
    [t('documents.issuedOn'), d.issuedOn], [t('documents.issuedAt'), dateTime(d.issuedAt)],
    ...(d.replaces ? [[t('documents.replaces'), `${d.replaces}${d.reason ? ` · ${t('documents.reasonShown', { reason: d.reason })}` : ''}`] as [string, string]] : []),
    [t('documents.contentSha256'), h('span', { class: 'sha', 'data-testid': 'content-sha' }, d.contentSha256)],
    [t('documents.pdfSha256'), h('span', { class: 'sha', 'data-testid': 'pdf-sha' }, d.pdfSha256)],
    ...(file ? [[t('documents.fileName'), file.name] as [string, string]] : []),
  ];
  const parts: (HTMLElement | null)[] = [
    verdict,
    d.replacedBy ? h('p', { class: 'replaced', role: 'alert', 'data-testid': 'replaced' }, t('documents.replacedWarning', { number: d.replacedBy })) : null,
    h('article', { class: 'card verified', 'aria-labelledby': 'verified-title', 'data-testid': 'verified' },
      h('h2', { id: 'verified-title', lang: 'zh-CN' }, d.titleZh, ' ', h('span', { class: 'en', lang: 'en' }, d.titleEn)),
      h('dl', { class: 'facts' }, pairs.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      code ? h('p', {}, h('a', { href: `/api/verify/${encodeURIComponent(code)}/pdf`, target: '_blank', rel: 'noopener', 'data-testid': 'original-pdf' }, t('documents.originalPdf'))) : null,
      ...d.blocks.map(block)),
  ];
  return parts.filter((p): p is HTMLElement => p !== null);
}

/** A block as the PDF prints it: its heading and fields in both languages (Chinese first), then its table. */
function block(b: Schemas['DocumentBlock'], i: number): HTMLElement {
  const id = `block-${i}`;
  return h('section', { class: 'doc-block', 'aria-labelledby': id },
    h('h3', { id }, b.headingZh, ' ', h('span', { class: 'en', lang: 'en' }, b.headingEn)),
    b.fields.length ? h('dl', { class: 'facts' }, b.fields.flatMap((f) => [
      h('dt', {}, f.labelZh, ' ', h('span', { class: 'en', lang: 'en' }, f.labelEn)), h('dd', {}, f.value)])) : null,
    b.table ? table(`${b.headingZh} ${b.headingEn}`, b.table.columns, b.table.rows) : null);
}
