// Re-checks a published draw in the browser (draw/spec/draw-spec.md), ported from the retired dashboard's verify.js with the
// same checks and algorithm: nothing here trusts the server beyond handing over the public bundle and target frame.
// What it cannot check (team rules, v1 part seals, streams after a supplement) is said so and left to `samples verify`.
import type { Schemas } from '../api/client';
import { sha256Hex } from './sha256';

export type Bundle = Schemas['DrawBundle'];
type Pick = Schemas['Pick'];

/** One check: its id (its name is the text "public.drawCheck.<id>"), the verdict (null: not checked here) and a detail. */
export interface Check {
  id: string;
  ok: boolean | null;
  /** The detail's text is "public.drawDetail.<detail>", filled with values. */
  detail: string;
  values: Record<string, string | number>;
}

/** sha256_uniform(s) = "0." + reverse(decimal(int(sha256_hex(s), 16)) padded to at least 64 digits). */
export function uniform(s: string): string {
  const digits = BigInt('0x' + sha256Hex(s)).toString(10).padStart(64, '0');
  return '0.' + digits.split('').reverse().join('');
}

export function ticket(id: string, seedHex: string): string {
  return uniform(seedHex + id);
}

export interface Ticketed { id: string; ticket: string }

/** Smallest ticket first (as decimal strings of "0.…"), ties by id: the spec's order. */
export function compare(a: Ticketed, b: Ticketed): number {
  if (a.ticket !== b.ticket) return a.ticket < b.ticket ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The next ticket of an inspector in a stream: the first uniform(x:i) that sorts after x (draw-spec §4). */
export function nextFraction(x: string): string {
  const x0 = x + '0';
  let p = 2;
  while (p < x0.length && x0[p] === '9') p++;
  let i = 0;
  let y = '0.';
  while (y <= x0) {
    i++;
    y = x0.slice(0, p) + uniform(x + ':' + i).slice(2);
  }
  return y;
}

export interface Emission { id: string; ticket: string; generation: number }

/** Sampling with replacement over a pool's ids: the emissions in order. */
export function* stream(ids: string[], seed: string): Generator<Emission> {
  const seedHex = sha256Hex(seed);
  const live: Emission[] = ids.map((id) => ({ id, ticket: ticket(id, seedHex), generation: 1 }));
  while (live.length > 0) {
    live.sort(compare);
    const head = live[0];
    yield { ...head };
    live[0] = { id: head.id, ticket: nextFraction(head.ticket), generation: head.generation + 1 };
  }
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * A target frame as the pick checks need it: the SHA-256 of its bytes and, per stratum, its member count and its smallest
 * tickets in order (at least quota + alternates of them). wholeFrame builds it from the text; frameStream.ts from a stream.
 */
export interface FrameSummary { sha256: string; strata: Map<string, { members: number; smallest: Ticketed[] }> }

/** Given sha256_hex of the recomputed target seed, the frame's summary (null when the frame could not be fetched). */
export type FrameSource = (seedHex: string) => Promise<FrameSummary | null>;

/** A frame's rows (the header line left out), each as its comma-separated fields. */
function parseFrame(text: string): string[][] {
  return text.split('\n').filter((l) => l.length > 0).slice(1).map((l) => l.split(','));
}

function groupBy(list: Pick[]): Map<string, Pick[]> {
  const map = new Map<string, Pick[]>();
  for (const p of list) {
    const group = map.get(p.stratum) ?? [];
    group.push(p);
    map.set(p.stratum, group);
  }
  return map;
}

function same(want: Ticketed[], got: Ticketed[]): boolean {
  return want.length === got.length && want.every((w, i) => w.id === got[i].id && w.ticket === got[i].ticket);
}

/** The checks of one bundle; targets is the canonical target frame's text or its stream (null when it could not be fetched). */
export async function run(bundle: Bundle, targets: string | FrameSource | null, bundleSha256?: string | null): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (id: string, ok: boolean | null, detail: string, values: Record<string, string | number> = {}) => checks.push({ id, ok, detail, values });
  const c = bundle.commitment;

  add('nonce', sha256Hex(hexToBytes(bundle.nonce)) === c.nonceSha256, 'nonce');
  add('order', ordered(bundle), 'order', { count: bundle.contributions.length, deadline: c.entropyDeadline });

  const entropy = sha256Hex([bundle.nonce, ...bundle.contributions.map((k) => k.value)].join('|'));
  add('entropy', entropy === bundle.entropy, 'hash', { hash: entropy.slice(0, 16) });
  const targetSeed = `SSJ-v1|targets|${c.drawId}|${c.targetFrameSha256}|${entropy}`;
  const inspectorSeed = `SSJ-v1|inspectors|${c.drawId}|${c.inspectorFrameSha256}|${entropy}`;
  add('seeds', targetSeed === bundle.targetSeed && inspectorSeed === bundle.inspectorSeed, 'seeds');

  const seedHex = sha256Hex(targetSeed);
  const frame = typeof targets === 'string' ? wholeFrame(targets, seedHex) : targets === null ? null : await targets(seedHex);
  if (frame === null) {
    add('frame', false, 'frameMissing');
    return checks;
  }
  add('frame', frame.sha256 === c.targetFrameSha256, 'hash', { hash: c.targetFrameSha256.slice(0, 16) });
  checkPicks(bundle, frame, add);
  checkStreams(bundle, inspectorSeed, add);
  if (bundle.format === 'samples-draw-bundle-v2') checkSeals(bundle, bundleSha256, add);
  if (bundleSha256) add('offline', null, 'offline', { sha: bundleSha256 });
  return checks;
}

/** Commitment, then each contribution inside the entropy window and in order, then the reveal. */
function ordered(bundle: Bundle): boolean {
  const c = bundle.commitment;
  const committed = Date.parse(c.committedAt), deadline = Date.parse(c.entropyDeadline), revealed = Date.parse(bundle.revealedAt);
  let last = committed, inOrder = true;
  for (const k of bundle.contributions) {
    const at = Date.parse(k.at);
    if (!(at > committed && at >= last && at <= deadline)) inOrder = false;
    last = at;
  }
  return inOrder && revealed > last && revealed >= committed;
}

type Add = (id: string, ok: boolean | null, detail: string, values?: Record<string, string | number>) => void;

/** Picks and alternates: per stratum, the quota's smallest tickets and the next ones, recomputed from the frame. */
/** The whole text at once: every member's ticket, each stratum sorted (the streaming check is tested against this). */
export function wholeFrame(targetsText: string, seedHex: string): FrameSummary {
  const byStratum = new Map<string, Ticketed[]>();
  for (const [id, stratum] of parseFrame(targetsText)) {
    const members = byStratum.get(stratum) ?? [];
    members.push({ id, ticket: ticket(id, seedHex) });
    byStratum.set(stratum, members);
  }
  const strata: FrameSummary['strata'] = new Map();
  for (const [stratum, members] of byStratum) strata.set(stratum, { members: members.length, smallest: members.sort(compare) });
  return { sha256: sha256Hex(targetsText), strata };
}

function checkPicks(bundle: Bundle, frame: FrameSummary, add: Add): void {
  const c = bundle.commitment;
  let picksOk = true, altOk = true;
  let problem: [string, Record<string, string | number>] = ['picks', { picks: bundle.picks.length, strata: c.quotas.length }];
  const picks = groupBy(bundle.picks), alternates = groupBy(bundle.alternates);
  for (const q of c.quotas) {
    const { members: count, smallest: members } = frame.strata.get(q.stratum) ?? { members: 0, smallest: [] };
    const quota = Number(q.quota);
    if (count !== Number(q.members) && picksOk) {
      picksOk = false;
      problem = ['frameSize', { stratum: q.stratum, frame: count, quota: Number(q.members) }];
    }
    const want = members.slice(0, quota), wantAlt = members.slice(quota, quota + Number(q.alternates));
    if (!same(want, picks.get(q.stratum) ?? []) && picksOk) {
      picksOk = false;
      problem = ['picksDiffer', { stratum: q.stratum }];
    }
    if (!same(wantAlt, alternates.get(q.stratum) ?? [])) altOk = false;
  }
  add('picks', picksOk, problem[0], problem[1]);
  add('alternates', altOk, 'alternates', { count: bundle.alternates.length });
}

/**
 * Inspector streams: the emissions the teams consumed, pool by pool, are the pool's stream in order. A supplemented
 * draw interleaves replacements with the teams; its streams are left to samples verify.
 */
function checkStreams(bundle: Bundle, inspectorSeed: string, add: Add): void {
  const supplemented = bundle.replacements.length + bundle.alternateUses.length > 0;
  if (supplemented) return add('streams', null, 'supplemented');
  let ok = true, emissions = 0;
  for (const pool of bundle.pools) {
    const consumed = bundle.teams.filter((t) => t.pool === pool.pool).flatMap((t) => t.emissions);
    const s = stream(pool.members, inspectorSeed + '|' + pool.pool);
    for (const e of consumed) {
      const x = s.next().value as Emission | undefined;
      emissions++;
      if (!x || x.id !== e.inspectorId || x.ticket !== e.ticket || x.generation !== Number(e.generation)) { ok = false; break; }
    }
    if (!ok) break;
  }
  add('streams', ok, 'streams', { emissions, pools: bundle.pools.length });
}

/**
 * RFC 8785 (JCS), as draw-spec §6.2 seals a v2 bundle: members sorted by name as UTF-16 code units (what sort() compares),
 * no whitespace, strings and numbers as JSON.stringify writes them (which is JCS's escaping and ECMAScript's number text).
 */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
  const o = value as Record<string, unknown>;
  return '{' + Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => JSON.stringify(k) + ':' + canonical(o[k])).join(',') + '}';
}

const sealedParts = ['commitment', 'contributions', 'picks', 'alternates', 'teams', 'pools', 'replacements', 'alternateUses'] as const;

/** A v2 bundle's seals, each SHA-256 of its part's JCS, and the bundle hash the index announced (of the seals object). */
function checkSeals(bundle: Bundle, bundleSha256: string | null | undefined, add: Add): void {
  const b = bundle as unknown as Record<string, unknown>;
  const seals = bundle.seals as unknown as Record<string, string>;
  const reveal = { format: b.format, nonce: b.nonce, revealedAt: b.revealedAt, entropy: b.entropy, targetSeed: b.targetSeed, inspectorSeed: b.inspectorSeed };
  const changed = [...sealedParts.filter((p) => sha256Hex(canonical(b[p])) !== seals[p]), ...(sha256Hex(canonical(reveal)) !== seals.reveal ? ['reveal'] : [])];
  add('seals', changed.length === 0, changed.length === 0 ? 'seals' : 'sealsChanged', { parts: changed.join(', ') });
  if (bundleSha256) add('bundleHash', sha256Hex(canonical(seals)) === bundleSha256, 'hash', { hash: bundleSha256.slice(0, 16) });
}
