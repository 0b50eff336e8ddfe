// The streaming verifier checked against the whole-text one on a frame generated here (loaded only when asked for): the
// incremental SHA-256 against the one-shot on random splits, and the streamed picks, alternates and counts against
// drawCheck's whole-text computation of the same frame, gzip-compressed and read back through DecompressionStream.
import type { Bundle } from './drawCheck';
import { sha256Hex, Sha256, sha256Continue } from './sha256';
import { wholeFrame } from './drawCheck';
import { streamFrame } from './frameStream';

export interface SelfCheck { hashes: { passed: number; total: number }; frame: { members: number; gzip: boolean; agrees: boolean; streamMs: number; wholeMs: number } }

/** A small deterministic generator (xorshift32): the same frame on every run, so a failure can be reproduced. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 0x100000000;
  };
}

/** Bytes handed over in pieces of random sizes (by default 1 byte up to 3 blocks): every boundary a chunk can cut. */
function pieces(bytes: Uint8Array, next: () => number, most = 192): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length;) {
    const n = 1 + Math.floor(next() * most);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

function hashes(): { passed: number; total: number } {
  const next = random(22);
  const oks: boolean[] = [];
  for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 1000, 4097, 100_003]) {
    const bytes = Uint8Array.from({ length }, () => Math.floor(next() * 256));
    const whole = sha256Hex(bytes);
    const h = new Sha256();
    for (const p of pieces(bytes, next)) h.update(p);
    oks.push(h.hex() === whole);
    // A ticket's hash: the seed's block compressed once, the id continued from it.
    const prefix = bytes.subarray(0, length - (length % 64));
    const mid = new Sha256().update(prefix).midstate()!;
    oks.push(sha256ContinueHex(mid, bytes.subarray(prefix.length)) === whole);
  }
  return { passed: oks.filter(Boolean).length, total: oks.length };
}

function sha256ContinueHex(mid: { state: Uint32Array; length: number }, rest: Uint8Array): string {
  return Array.from(sha256Continue(mid.state, mid.length, rest, new Uint32Array(8)), (x) => x.toString(16).padStart(8, '0')).join('');
}

/** A frame of `members` enterprises in five strata of unequal sizes, as the silo writes one (header, then id,stratum,…). */
export function generatedFrame(members: number): { text: string; quotas: Bundle['commitment']['quotas'] } {
  const next = random(members);
  const strata = ['食品', '锂盐', 'industrial-gas', '化肥', '玩具'];
  const counts = new Map<string, number>();
  const lines = ['id,stratum,name'];
  for (let i = 0; i < members; i++) {
    const stratum = strata[Math.min(strata.length - 1, Math.floor(next() * next() * strata.length * 1.5))];
    counts.set(stratum, (counts.get(stratum) ?? 0) + 1);
    lines.push(`91${String(Math.floor(next() * 1e14)).padStart(14, '0')}|${i},${stratum},企业${i}`);
  }
  const quotas = strata.map((stratum, i) => ({ stratum, members: counts.get(stratum) ?? 0, quota: [3, 20, 1, 7, 0][i], alternates: [2, 5, 0, 3, 4][i] }));
  return { text: lines.join('\n') + '\n', quotas: quotas as unknown as Bundle['commitment']['quotas'] };
}

const through = (s: CompressionStream | DecompressionStream): TransformStream<Uint8Array, Uint8Array> => s as unknown as TransformStream<Uint8Array, Uint8Array>;

function streamOf(bytes: Uint8Array, most: number, next: () => number): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of pieces(bytes, next, most)) controller.enqueue(p);
      controller.close();
    },
  });
}

/** The frame as the page reads it: gzip-compressed beforehand, then pieces through DecompressionStream where it exists. */
async function compressed(bytes: Uint8Array): Promise<{ bytes: Uint8Array; gzip: boolean }> {
  if (typeof CompressionStream !== 'function' || typeof DecompressionStream !== 'function') return { bytes, gzip: false };
  const gz = await new Response(streamOf(bytes, 65536, random(5)).pipeThrough(through(new CompressionStream('gzip')))).arrayBuffer();
  return { bytes: new Uint8Array(gz), gzip: true };
}

export async function selfCheck(members = 20_000): Promise<SelfCheck> {
  const { text, quotas } = generatedFrame(members);
  const seedHex = sha256Hex(`SSJ-v1|targets|SELF:R1|${members}|`);
  const file = await compressed(new TextEncoder().encode(text));
  // Pieces of up to 16 KiB: lines cut anywhere, without timing a stream of tiny pieces instead of the verifier.
  const read = streamOf(file.bytes, 16384, random(7));
  let started = performance.now();
  const streamed = await streamFrame(file.gzip ? read.pipeThrough(through(new DecompressionStream('gzip'))) : read, quotas, seedHex);
  const streamMs = performance.now() - started;
  started = performance.now();
  const whole = wholeFrame(text, seedHex);
  const wholeMs = performance.now() - started;
  let agrees = streamed.sha256 === whole.sha256 && streamed.strata.size === whole.strata.size;
  for (const q of quotas) {
    const keep = Number(q.quota) + Number(q.alternates);
    const a = streamed.strata.get(q.stratum), b = whole.strata.get(q.stratum);
    if (!a || !b || a.members !== b.members || a.members !== Number(q.members)) { agrees = false; continue; }
    const want = b.smallest.slice(0, keep);
    agrees &&= a.smallest.length === want.length && want.every((w, i) => w.id === a.smallest[i].id && w.ticket === a.smallest[i].ticket);
  }
  return { hashes: hashes(), frame: { members, gzip: file.gzip, agrees, streamMs, wholeMs } };
}
