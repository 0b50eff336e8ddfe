// The target frame read as a stream (issue 22): hashed chunk by chunk as its bytes arrive, each line parsed once, and per
// stratum only the quota + alternates smallest tickets kept (a bounded max-heap), so a frame of millions of members needs
// memory for the sample, not for the frame. drawCheck.ts compares the result exactly as it compares a whole-text frame.
import type { Bundle, FrameSummary, Ticketed } from './drawCheck';
import { compare } from './drawCheck';
import { Sha256, sha256Continue } from './sha256';

/** How far the stream is: bytes read (of the download, compressed when it is), of total when the server said, members read. */
export interface FrameProgress { bytes: number; total: number | null; members: number }

/** Lead digits compared as one number: 11 digits times 2^16 stays below 2^53, so every step below is exact. */
const LEAD_DIGITS = 11;
const LEAD_MOD = 1e11;

/**
 * The ticket's first 11 digits as a number (draw-spec §1: the ticket's digits are the hash integer's decimal digits
 * reversed, so its first k are int mod 10^k read backwards). Two tickets with different leads are ordered by them; equal
 * leads fall back to the full strings, then the ids, the spec's order.
 */
function lead(h: Uint32Array): number {
  let r = 0;
  for (let i = 0; i < 8; i++) {
    r = (r * 65536 + (h[i] >>> 16)) % LEAD_MOD;
    r = (r * 65536 + (h[i] & 0xffff)) % LEAD_MOD;
  }
  let key = 0;
  for (let i = 0; i < LEAD_DIGITS; i++) {
    key = key * 10 + (r % 10);
    r = Math.floor(r / 10);
  }
  return key;
}

/** The full ticket of a hash, as drawCheck.uniform writes it. */
function fullTicket(h: Uint32Array): string {
  const hex = Array.from(h, (x) => x.toString(16).padStart(8, '0')).join('');
  const digits = BigInt('0x' + hex).toString(10).padStart(64, '0');
  return '0.' + digits.split('').reverse().join('');
}

interface Candidate extends Ticketed { lead: number }

const order = (a: Candidate, b: Candidate): number => (a.lead !== b.lead ? a.lead - b.lead : compare(a, b));

/** The capacity smallest candidates seen, largest on top: a member larger than the top is dropped at once. */
class Smallest {
  readonly items: Candidate[] = [];
  members = 0;
  constructor(readonly capacity: number) {}

  /** Whether a candidate with this lead could enter (equal leads need the full ticket to decide). */
  wants(key: number): boolean {
    return this.items.length < this.capacity || key <= this.items[0].lead;
  }

  offer(c: Candidate): void {
    const heap = this.items;
    if (heap.length < this.capacity) {
      heap.push(c);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (order(heap[parent], heap[i]) >= 0) break;
        [heap[parent], heap[i]] = [heap[i], heap[parent]];
        i = parent;
      }
      return;
    }
    if (order(c, heap[0]) >= 0) return;
    heap[0] = c;
    for (let i = 0; ;) {
      const l = 2 * i + 1, r = l + 1;
      let top = i;
      if (l < heap.length && order(heap[l], heap[top]) > 0) top = l;
      if (r < heap.length && order(heap[r], heap[top]) > 0) top = r;
      if (top === i) break;
      [heap[top], heap[i]] = [heap[i], heap[top]];
      i = top;
    }
  }
}

const NEWLINE = 0x0a, COMMA = 0x2c;
const decoder = new TextDecoder();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Reads a canonical target frame ("id,stratum,…" lines after a header) from a stream of its bytes: the SHA-256 of
 * exactly those bytes, each stratum's member count and its quota + alternates smallest tickets under seedHex
 * (sha256_hex of the target seed). Lines are split on the bytes (a line cut between chunks is carried over), the
 * stratum decoded only when it changes. onProgress is called after every chunk with the members read so far.
 */
export async function streamFrame(bytes: ReadableStream<Uint8Array>, quotas: Bundle['commitment']['quotas'], seedHex: string,
  onProgress: (members: number) => void = () => {}): Promise<FrameSummary> {
  const kept = new Map<string, Smallest>();
  for (const q of quotas) kept.set(q.stratum, new Smallest(Number(q.quota) + Number(q.alternates)));
  const others = new Map<string, Smallest>(); // strata the commitment does not name: counted, nothing kept
  const seed = new Sha256().update(new TextEncoder().encode(seedHex));
  const mid = seed.midstate();
  const frameHash = new Sha256();
  const h = new Uint32Array(8);
  let carry: Uint8Array | null = null;
  let header = true, members = 0;
  let lastStratum = new Uint8Array(0), group: Smallest | undefined;

  const line = (buf: Uint8Array, start: number, end: number): void => {
    if (end === start) return; // empty lines are skipped, as the whole-text check skips them
    if (header) { header = false; return; }
    let comma = start;
    while (comma < end && buf[comma] !== COMMA) comma++;
    let after = comma + 1;
    while (after < end && buf[after] !== COMMA) after++;
    const stratumBytes = comma < end ? buf.subarray(comma + 1, after) : new Uint8Array(0);
    if (group === undefined || !sameBytes(stratumBytes, lastStratum)) {
      lastStratum = stratumBytes.slice();
      const name = decoder.decode(stratumBytes);
      group = kept.get(name);
      if (!group) {
        group = others.get(name) ?? new Smallest(0);
        others.set(name, group);
      }
    }
    const g = group!;
    g.members++;
    members++;
    if (g.capacity === 0) return;
    const id = buf.subarray(start, comma);
    if (mid) sha256Continue(mid.state, mid.length, id, h);
    else h.set(seed.clone().update(id).words());
    const key = lead(h);
    if (g.wants(key)) g.offer({ lead: key, id: decoder.decode(id), ticket: fullTicket(h) });
  };

  const reader = bytes.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    frameHash.update(value);
    let from = 0;
    if (carry) {
      // Only the line cut at the last chunk's end is joined, not the whole chunk.
      const end = value.indexOf(NEWLINE);
      const joined: Uint8Array = new Uint8Array(carry.length + (end < 0 ? value.length : end));
      joined.set(carry);
      joined.set(end < 0 ? value : value.subarray(0, end), carry.length);
      if (end < 0) { carry = joined; continue; }
      carry = null;
      line(joined, 0, joined.length);
      from = end + 1;
    }
    for (let i = value.indexOf(NEWLINE, from); i >= 0; i = value.indexOf(NEWLINE, from)) {
      line(value, from, i);
      from = i + 1;
    }
    if (from < value.length) carry = value.slice(from);
    onProgress(members);
  }
  if (carry) line(carry, 0, carry.length);
  onProgress(members);

  const strata: FrameSummary['strata'] = new Map();
  for (const [name, g] of [...kept, ...others]) {
    strata.set(name, { members: g.members, smallest: g.items.sort(order).map(({ id, ticket }) => ({ id, ticket })) });
  }
  return { sha256: frameHash.hex(), strata };
}

/** Counts the bytes passing through (the download's own bytes, before any decompression). */
export function counting(onBytes: (bytes: number) => void): TransformStream<Uint8Array, Uint8Array> {
  let total = 0;
  return new TransformStream({
    transform(chunk, controller) {
      total += chunk.length;
      onBytes(total);
      controller.enqueue(chunk);
    },
  });
}
