// The enterprise's evidence of rectification (整改材料): once a supervisor ordered rectification of a failed product,
// the enterprise uploads photos or PDFs (named by their SHA-256, stored once, never changed) and says what it did; the
// supervisors are told, and one of them records the rectification after checking it.
import { api, asProblem, idempotent, type Schemas } from '../../api/client';
import { putTaskFile, sha256OfBlob } from '../../files';
import { maybe, t } from '../../i18n';
import { button, field, h, showProblem, status } from '../../ui';

type Task = Schemas['TaskView'];

/** The files already given, each a link to itself, with its SHA-256 (anyone who may read the task may open them). */
export function evidenceList(task: Task): HTMLElement | null {
  const files = task.disposal?.evidence ?? [];
  if (files.length === 0) return null;
  return h('section', { 'data-testid': 'evidence' }, h('h4', {}, t('enterprise.evidence')),
    h('ul', {}, files.map((f) => h('li', {},
      h('a', { href: `/api/tasks/${encodeURIComponent(task.taskId)}/photos/${f.sha256}`, target: '_blank', rel: 'noopener' }, `SHA-256 ${f.sha256.slice(0, 16)}…`),
      ` · ${(Number(f.bytes) / 1024).toFixed(0)} KB`))));
}

/** The upload form while rectification is ordered and not yet recorded as done; null otherwise. */
export function rectificationForm(task: Task, redraw: (next: Task) => void): HTMLElement | null {
  const d = task.disposal;
  if (!d?.orderedOn || d.rectifiedOn) return null;
  const files = h('input', { type: 'file', name: 'files', accept: 'image/jpeg,image/png,image/webp,application/pdf', multiple: true, id: `rect-${task.taskId}-files` });
  const note = h('textarea', { name: 'note', rows: 3, required: true, id: `rect-${task.taskId}-note` });
  const form = h('form', { class: 'card', 'data-testid': 'rectification-form', novalidate: true, 'aria-label': t('enterprise.rectify') },
    h('h4', {}, t('enterprise.rectify')), h('p', {}, t('enterprise.rectifyHelp', { on: d.orderedOn })),
    field(t('enterprise.evidenceFiles'), files, t('enterprise.evidenceHint')),
    h('span', { class: 'error', 'data-error-for': 'files', role: 'alert' }),
    field(t('enterprise.whatWasDone'), note),
    h('p', { class: 'form-error', role: 'alert' }),
    button(t('enterprise.submitEvidence'), { type: 'submit', class: 'primary' }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = Array.from(files.files ?? []);
    const errors: Record<string, string[]> = {};
    if (chosen.length === 0) errors.files = [t('errors.required')];
    if (chosen.some((f) => f.size > 2 * 1024 * 1024)) errors.files = [t('enterprise.tooLarge')];
    if (!note.value.trim()) errors.note = [t('errors.required')];
    if (Object.keys(errors).length) return showProblem(form, { status: 400, errors });
    try {
      const cited: Schemas['PhotoRef'][] = [];
      for (const file of chosen) {
        const sha256 = await sha256OfBlob(file);
        const response = await putTaskFile(task.taskId, sha256, 'rectification', file, file.type, idempotent(sha256));
        if (!response.ok) return showProblem(form, asProblem(await response.json().catch(() => ({})), response.status));
        cited.push({ kind: 'rectification', sha256, bytes: file.size });
      }
      const { data, error, response } = await api.POST('/api/tasks/{taskId}/submit-rectification', {
        params: { path: { taskId: task.taskId } }, body: { files: cited, note: note.value.trim() }, headers: idempotent(crypto.randomUUID()),
      });
      if (!data) return showProblem(form, asProblem(error, response.status));
      status(t('enterprise.evidenceSent'));
      redraw(data);
    } catch {
      showProblem(form, { status: 0, detail: maybe('errors.offline') ?? '' });
    }
  });
  return form;
}
