// The contributions of a draw still open, as they arrive: the draw's status counts them, and the audit trail (which
// records each with its source, value and who entered it) names them. The bundle lists them only after the reveal.
import { api, type Schemas } from '../../api/client';

export interface Arrived { at: string; source: string; value: string; by: string }

type Row = Schemas['AuditRow'];
/** Rows whose time is this much before the commitment are surely before it (grains' clocks and the trail's order differ a little). */
const MARGIN_MS = 10 * 60_000;
const PAGE = 1000;

async function rows(after: number, limit: number): Promise<Row[]> {
  const { data, response } = await api.GET('/api/audit', { params: { query: { after, limit } } });
  if (!data) throw new Error(String(response.status));
  return data;
}

/**
 * Where to start reading the trail: a binary search over its sequence numbers for the first entry near the
 * commitment, so that a screen opened on a long trail reads a few rows, not all of them.
 */
export async function startOfTrail(committedAt: string): Promise<number> {
  const { data: head } = await api.GET('/api/public/audit/head').catch(() => ({ data: undefined }));
  const before = Date.parse(committedAt) - MARGIN_MS;
  let lo = 0, hi = head ? Number(head.seq) : 0;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const [first] = await rows(mid, 1);
    if (!first || Date.parse(first.at) >= before) hi = mid;
    else lo = Math.max(mid + 1, Number(first.seq));
  }
  return lo;
}

/** The draw's contributions recorded after the cursor, and the cursor to read from next. */
export async function contributionsSince(drawId: string, after: number): Promise<{ arrived: Arrived[]; cursor: number }> {
  const arrived: Arrived[] = [];
  let cursor = after;
  for (;;) {
    const page = await rows(cursor, PAGE);
    for (const r of page) {
      if (r.stream !== drawId || r.action !== 'contribute') continue;
      // The grain writes "source: value" (draw/spec: the source names the witness, the value is what was said).
      const split = r.detail.indexOf(': ');
      arrived.push({ at: r.at, source: split < 0 ? r.detail : r.detail.slice(0, split), value: split < 0 ? '' : r.detail.slice(split + 2), by: r.actor });
    }
    if (page.length > 0) cursor = Number(page[page.length - 1].seq);
    if (page.length < PAGE) return { arrived, cursor };
  }
}
