// Directory imports: the CSV file goes to the silo as it is (the silo checks every row and applies nothing when one
// is wrong); the answer's counts are shown, or its problems on the rows they are in, beside the bad value.
import { currentSession } from '../../api/client';
import { maybe, t } from '../../i18n';
import { field, h, input, show, showProblem } from '../../ui';
import { records } from './csv';
import { adminLinks } from './links';

const directories = ['enterprises', 'inspectors', 'labs', 'batches'] as const;

/** Files larger than this are sent but not read into the page (a million-row directory is 200 MB). */
const READ_LIMIT = 5 * 1024 * 1024;
/** A file with more rows than this shows only its rows with problems. */
const ALL_ROWS_LIMIT = 300;

/** One bad row or value (the silo's ImportProblem; the import's answer is not typed in the OpenAPI document). */
interface ImportProblem { row: number; field: string; reason: string }

/** The two shapes of an import's counts: enterprises (inserted, updated) and the other directories (changed). */
interface ImportReport { dryRun: boolean; rows: number; inserted?: number; updated?: number; changed?: number; unchanged: number }

interface ImportAnswer { status: number; report?: ImportReport; detail?: string; problems?: ImportProblem[] }

export function importsPage(): void {
  const directory = h('select', { name: 'directory' }, directories.map((d) => h('option', { value: d }, t(`admin.dir-${d}`))));
  const file = input('file', { type: 'file', accept: '.csv,text/csv', required: true });
  const dryRun = input('dryRun', { type: 'checkbox', id: 'f-dryRun' });
  const answer = h('div', { 'data-testid': 'import-answer', 'aria-live': 'polite' });
  const form = h('form', { class: 'card', 'data-testid': 'import-form', novalidate: true, 'aria-labelledby': 'import-title' },
    h('h2', { id: 'import-title' }, t('admin.importFile')),
    field(t('admin.directory'), directory),
    field(t('admin.csvFile'), file, t('admin.csvHint')),
    h('div', { class: 'field check' }, dryRun, h('label', { for: dryRun.id }, t('admin.dryRun'))),
    h('p', { class: 'form-error', role: 'alert' }),
    h('button', { type: 'submit', class: 'primary' }, t('admin.import')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return showProblem(form, { status: 400, errors: { file: [t('errors.required')] } });
    for (const el of form.querySelectorAll<HTMLElement>('[data-error-for], .form-error')) el.textContent = '';
    answer.replaceChildren(h('p', {}, t('admin.importing')));
    const result = await upload(directory.value, chosen, dryRun.checked);
    const text = chosen.size <= READ_LIMIT ? await chosen.text() : null;
    answer.replaceChildren(...shown(result, text));
  });
  show(h('h1', {}, t('admin.imports')), adminLinks(), h('p', {}, t('admin.importsHelp')), form, answer);
}

async function upload(directory: string, file: File, dryRun: boolean): Promise<ImportAnswer> {
  const query = new URLSearchParams({ dryRun: String(dryRun), source: file.name });
  const headers: Record<string, string> = { 'Content-Type': 'text/csv' };
  const csrf = currentSession()?.csrfToken;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  try {
    const response = await fetch(`/api/${directory}/import?${query}`, { method: 'POST', body: file, headers, credentials: 'same-origin' });
    const body = (await response.json().catch(() => ({}))) as Partial<ImportReport> & { detail?: string; problems?: ImportProblem[] };
    return response.ok
      ? { status: response.status, report: body as ImportReport }
      : { status: response.status, detail: body.detail, problems: body.problems };
  } catch {
    return { status: 0, detail: t('errors.offline') };
  }
}

function shown(result: ImportAnswer, text: string | null): HTMLElement[] {
  if (result.report) return [counts(result.report)];
  const general = maybe(`errors.${result.status}`) ?? t('errors.other', { status: result.status });
  const problems = result.problems ?? [];
  if (problems.length === 0) return [h('p', { class: 'form-error', role: 'alert' }, [general, result.detail].filter(Boolean).join(' — '))];
  return [
    h('p', { class: 'form-error', role: 'alert', 'data-testid': 'import-refused' }, t('admin.importRefused', { count: problems.length })),
    ...(text === null ? [problemList(problems)] : rowsTable(records(text), problems)),
  ];
}

function counts(r: ImportReport): HTMLElement {
  const rows: [string, number | undefined][] = [
    [t('admin.countRows'), r.rows], [t('admin.countInserted'), r.inserted], [t('admin.countUpdated'), r.updated],
    [t('admin.countChanged'), r.changed], [t('admin.countUnchanged'), r.unchanged],
  ];
  return h('section', { class: 'card', 'data-testid': 'import-counts' },
    h('h2', {}, r.dryRun ? t('admin.dryRunDone') : t('admin.imported')),
    h('dl', { class: 'facts' }, rows.filter(([, v]) => v !== undefined).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))])));
}

/** Problems alone (a file too large to show): row, column, reason. */
function problemList(problems: ImportProblem[]): HTMLElement {
  return h('ul', { 'data-testid': 'import-problems' }, problems.map((p) => h('li', {}, t('admin.problemAt', { row: p.row, field: p.field, reason: p.reason }))));
}

/**
 * The file's rows with each row's problems beside it and the bad value marked; a long file shows only its bad rows.
 * Problems about the header or the file as a whole come first.
 */
function rowsTable(all: string[][], problems: ImportProblem[]): HTMLElement[] {
  const header = all[0] ?? [];
  const byRow = new Map<number, ImportProblem[]>();
  for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
  const rowNumbers = all.map((_, i) => i + 1).slice(1);
  const listed = all.length - 1 > ALL_ROWS_LIMIT ? rowNumbers.filter((n) => byRow.has(n)) : rowNumbers;
  const loose = problems.filter((p) => p.row <= 1 || p.row > all.length);
  const body = listed.map((n) => {
    const bad = byRow.get(n) ?? [];
    const fields = new Set(bad.map((p) => p.field.toLowerCase()));
    const cells = header.map((col, i) => {
      const value = all[n - 1][i] ?? '';
      return fields.has(col.trim().toLowerCase()) ? h('td', { class: 'bad-cell' }, h('mark', {}, value)) : h('td', {}, value);
    });
    // The problems come right after the row number, so a phone shows them without scrolling sideways.
    return h('tr', { class: bad.length ? 'bad-row' : null, 'data-row': n },
      h('th', { scope: 'row' }, String(n)),
      h('td', { class: 'problems' }, bad.map((p) => h('div', {}, `${p.field}：${p.reason}`))), ...cells);
  });
  return [
    loose.length ? problemList(loose) : null,
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t('admin.rowsCaption') },
      h('table', { 'data-testid': 'import-rows' },
        h('caption', {}, listed.length < rowNumbers.length ? t('admin.badRowsCaption') : t('admin.rowsCaption')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('admin.row')), h('th', { scope: 'col' }, t('admin.problems')), header.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, body))),
  ].filter((x): x is HTMLElement => x !== null);
}
