// Results from a CSV file ("item,kind,value" rows after a header line), checked in the browser row by row so that the
// analyst sees which row and column is wrong, and why, before anything is sent.
import { t } from '../../i18n';

export const kinds = ['value', 'not-detected', 'detected', 'conforms', 'does-not-conform'] as const;
export type Kind = (typeof kinds)[number];

export interface CsvRow { line: number; item: string; kind: Kind; value: string }
export interface CsvProblem { line: number; column: 'item' | 'kind' | 'value' | 'row'; text: string }

/** A decimal as the API takes it ("0.50", "-1.2"); ".5" and "007" are tidied; anything else is not a number. */
export function normalNumber(raw: string): string | null {
  const s = raw.trim().replace(/^\+/, '');
  const m = /^(-?)(\d*)(?:\.(\d+))?$/.exec(s);
  if (!m || (m[2] === '' && m[3] === undefined)) return null;
  const whole = m[2].replace(/^0+(?=\d)/, '') || '0';
  return `${m[1]}${whole}${m[3] !== undefined ? '.' + m[3] : ''}`;
}

export function isKind(s: string): s is Kind {
  return (kinds as readonly string[]).includes(s);
}

/** Splits one line on commas; a field may be quoted ("a,b"), a doubled quote inside is a quote. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '，') { out.push(cur.trim()); cur = ''; } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/**
 * Parses the file. open: the items that may still be given (their codes); posted: items already posted (they are
 * never changed). Every row is checked; the good rows come back with the problems of the others.
 */
export function parseResultsCsv(text: string, open: Set<string>, posted: Set<string>): { rows: CsvRow[]; problems: CsvProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  const header = cells(lines[0] ?? '').map((c) => c.toLowerCase());
  if (header.join(',') !== 'item,kind,value') problems.push({ line: 1, column: 'row', text: t('lab.csvHeader') });
  const seen = new Set<string>();
  lines.slice(1).forEach((line, i) => {
    const n = i + 2;
    if (!line.trim()) return;
    const [item = '', kind = '', value = '', ...extra] = cells(line);
    const before = problems.length;
    if (extra.some((x) => x !== '')) problems.push({ line: n, column: 'row', text: t('lab.csvColumns') });
    if (posted.has(item)) problems.push({ line: n, column: 'item', text: t('lab.csvPosted', { item }) });
    else if (!open.has(item)) problems.push({ line: n, column: 'item', text: t('lab.csvUnknownItem', { item }) });
    else if (seen.has(item)) problems.push({ line: n, column: 'item', text: t('lab.csvTwice', { item }) });
    if (!isKind(kind)) problems.push({ line: n, column: 'kind', text: t('lab.csvUnknownKind', { kind, kinds: kinds.join(', ') }) });
    const number = value === '' ? '' : normalNumber(value);
    if (number === null) problems.push({ line: n, column: 'value', text: t('lab.csvBadNumber', { value }) });
    else if (kind === 'value' && number === '') problems.push({ line: n, column: 'value', text: t('lab.csvNeedsValue') });
    seen.add(item);
    if (problems.length === before && isKind(kind)) rows.push({ line: n, item, kind, value: number ?? '' });
  });
  return { rows, problems };
}
