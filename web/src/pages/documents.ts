// A task's official documents (文书): the list on every task page (the supervisor's, the inspector's, the lab's, the
// enterprise's), with an issue button for each kind the reader may issue, and the public verify page (#/verify).
import { api, asProblem, currentSession, type Schemas } from '../api/client';
import { dateTime, maybe, t } from '../i18n';
import { field, h, showProblem, status, table } from '../ui';
import { verifyPage } from './documents/verify';
import type { Guard, Route } from './types';
import './documents/documents.css';

type Task = Schemas['TaskView'];
type Info = Schemas['DocumentInfo'];

export function routes(route: Route, guard: Guard): void {
  route('/verify', guard(verifyPage, true));
  route('/verify/:code', guard(verifyPage, true));
}

/** The kinds in the order the work produces them (DocumentKind.All). */
const KINDS = ['sampling-record', 'test-report', 'result-notice', 'disposal-notice', 'result-sheet'] as const;
type Kind = (typeof KINDS)[number];

/** A kind's title in the reader's language (the server's code when the locale file has no word for it). */
export const kindTitle = (kind: string): string => maybe(`documents.kind-${kind}`) ?? kind;

/** Mirrors DocumentKind.MayIssue: supervisors and admins every kind, the team's inspectors the sampling record, the task's lab its report. */
function mayIssue(task: Task, kind: Kind): boolean {
  const s = currentSession();
  if (!s) return false;
  if (s.role === 'supervisor' || s.role === 'admin') return true;
  if (s.role === 'inspector') return kind === 'sampling-record' && task.team.some((m) => m.inspectorId === s.subject && m.status !== 'withdrawn');
  if (s.role === 'lab') return kind === 'test-report' && s.subject !== null && (task.labId === s.subject || task.retest?.labId === s.subject);
  return false;
}

/** Mirrors DocumentKind.NotYet: a button for a document the task cannot have yet would only be refused. */
function ready(task: Task, kind: Kind): boolean {
  switch (kind) {
    case 'sampling-record': return task.sampling !== null || String(task.stage) === 'Refused';
    case 'test-report': return task.report !== null;
    case 'result-notice': return task.notifiedOn !== null;
    case 'disposal-notice': return task.disposal !== null;
    case 'result-sheet': return task.publishedOn !== null;
  }
}

/** The section a task page shows; it fills itself once the list has come (the page is drawn without waiting for it). */
export function documentsSection(task: Task): HTMLElement {
  const section = h('section', { class: 'card documents', 'aria-labelledby': 'documents-title', 'data-testid': 'documents' },
    h('h2', { id: 'documents-title' }, t('documents.title')), h('p', {}, t('common.loading')));
  void fill(section, task);
  return section;
}

async function fill(section: HTMLElement, task: Task): Promise<void> {
  let list: Info[] | null = null;
  let failed = '';
  try {
    const { data, response } = await api.GET('/api/tasks/{taskId}/documents', { params: { path: { taskId: task.taskId } } });
    list = data ?? null;
    if (!data) failed = maybe(`errors.${response.status}`) ?? t('errors.other', { status: response.status });
  } catch {
    failed = t('errors.offline');
  }
  const kinds = KINDS.filter((k) => mayIssue(task, k) && ready(task, k));
  section.replaceChildren(h('h2', { id: 'documents-title' }, t('documents.title')),
    list ? documentsTable(list) : h('p', { class: 'notice', role: 'status' }, failed),
    kinds.length ? issueForm(task, kinds, section) : '',
    h('p', {}, h('small', {}, t('documents.verifyHint'), ' ', h('a', { href: '#/verify' }, t('documents.verify')))));
}

function documentsTable(list: Info[]): HTMLElement {
  // Newest first within a kind; a later version names the one it replaces, so the older row says what replaced it.
  const sorted = [...list].sort((a, b) => KINDS.indexOf(a.kind as Kind) - KINDS.indexOf(b.kind as Kind) || Number(b.version) - Number(a.version));
  const replacedBy = (d: Info) => list.find((x) => x.replaces === d.number)?.number;
  return table(t('documents.caption', { count: list.length }),
    [t('documents.kind'), t('documents.number'), t('documents.version'), t('documents.code'), t('documents.issuedAt'), t('documents.pdf')],
    sorted.map((d) => {
      const later = replacedBy(d);
      return [
        h('span', {}, kindTitle(d.kind), d.reason ? h('small', { class: 'doc-reason' }, t('documents.reasonShown', { reason: d.reason })) : null),
        d.number, String(d.version),
        h('a', { href: `#/verify/${encodeURIComponent(d.code)}`, class: 'doc-code' }, d.code),
        h('span', {}, dateTime(d.issuedAt), h('small', { class: 'doc-by' }, d.issuedBy)),
        h('span', {}, h('a', { href: d.pdfUrl, target: '_blank', rel: 'noopener', 'aria-label': t('documents.openPdfOf', { number: d.number }) }, t('documents.openPdf')),
          later ? h('small', { class: 'late doc-replaced' }, t('documents.replacedBy', { number: later })) : null),
      ];
    }), 'documents-list');
}

/** One button per kind; a correction (changed facts) comes back asking for a reason, and the field appears for it. */
function issueForm(task: Task, kinds: Kind[], section: HTMLElement): HTMLFormElement {
  const reason = h('textarea', { name: 'reason', id: 'doc-reason', rows: 2, maxlength: 500 });
  const reasonField = field(t('documents.reason'), reason, t('documents.reasonHint'));
  reasonField.hidden = true;
  const form = h('form', { class: 'doc-issue', 'data-testid': 'issue-documents', 'aria-labelledby': 'issue-title', novalidate: true },
    h('h3', { id: 'issue-title' }, t('documents.issue')), reasonField,
    h('div', { class: 'row' }, kinds.map((k) => h('button', { type: 'submit', name: 'kind', value: k, 'data-kind': k }, t('documents.issueKind', { kind: kindTitle(k) })))),
    h('p', { class: 'form-error', role: 'alert' }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const kind = ((e as SubmitEvent).submitter as HTMLButtonElement | null)?.value as Kind | undefined;
    if (kind) void issue(task, kind, reason.value.trim() || null, form, reasonField, section);
  });
  return form;
}

async function issue(task: Task, kind: Kind, reason: string | null, form: HTMLFormElement, reasonField: HTMLElement, section: HTMLElement): Promise<void> {
  const { data, error, response } = await api.POST('/api/tasks/{taskId}/documents/{kind}', {
    params: { path: { taskId: task.taskId, kind } }, body: { reason } });
  if (!data) {
    const problem = asProblem(error, response.status);
    if (problem.errors?.reason) {
      reasonField.hidden = false;
      reasonField.querySelector('textarea')?.focus();
    }
    return showProblem(form, problem);
  }
  status(response.status === 201 ? t('documents.issued', { number: data.number }) : t('documents.unchanged', { number: data.number }));
  await fill(section, task);
}
