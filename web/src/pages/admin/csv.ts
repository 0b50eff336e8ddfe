// Reads a CSV file's records as the silo counts them (the header is row 1), so a problem is shown on its own row.

/** The records of a CSV text: commas, double quotes ("" inside quotes), CRLF or LF, a leading BOM dropped. */
export function records(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let value = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { value += '"'; i++; }
      else if (c === '"') quoted = false;
      else value += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(value); value = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(value); out.push(row); row = []; value = '';
    } else value += c;
  }
  if (value !== '' || row.length) { row.push(value); out.push(row); }
  return out;
}
