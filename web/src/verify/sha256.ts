// SHA-256 (FIPS 180-4) in TypeScript, ported from the retired dashboard's sha256.js: synchronous (a frame of thousands of
// tickets would otherwise wait on thousands of WebCrypto promises) and available over plain http too.
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
const encoder = new TextEncoder();
const w = new Uint32Array(64);

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

/** One 64-byte block at m[off..] into the state h (FIPS 180-4 §6.2.2). */
function compress(h: Uint32Array, m: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++, off += 4) w[i] = ((m[off] << 24) | (m[off + 1] << 16) | (m[off + 2] << 8) | m[off + 3]) >>> 0;
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15], b = w[i - 2];
    w[i] = (w[i - 16] + (rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)) + w[i - 7] + (rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10))) >>> 0;
  }
  let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (let i = 0; i < 64; i++) {
    const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
    hh = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

function digest(data: string | Uint8Array): Uint32Array {
  const input = typeof data === 'string' ? encoder.encode(data) : data;
  const length = input.length;
  const blocks = ((length + 9 + 63) >> 6) << 6;
  const m = new Uint8Array(blocks);
  m.set(input);
  m[length] = 0x80;
  const view = new DataView(m.buffer);
  const bits = length * 8;
  view.setUint32(blocks - 8, Math.floor(bits / 0x100000000));
  view.setUint32(blocks - 4, bits >>> 0);
  const h = new Uint32Array(INITIAL);
  for (let off = 0; off < blocks; off += 64) compress(h, m, off);
  return h;
}

const hex = (h: Uint32Array): string => Array.from(h, (x) => x.toString(16).padStart(8, '0')).join('');

/** The SHA-256 of a string (as UTF-8) or of bytes, in lower-case hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return hex(digest(data));
}

/**
 * SHA-256 over bytes that arrive in pieces (a frame file read chunk by chunk): update() as often as needed, then words()
 * or hex() once. Only the unfinished block is kept, so memory does not grow with the input. clone() copies the state: a
 * ticket's hash starts from the seed's hex (exactly one 64-byte block), compressed once for every member.
 */
export class Sha256 {
  private readonly h = new Uint32Array(INITIAL);
  private readonly block = new Uint8Array(64);
  private used = 0;
  private length = 0;

  update(bytes: Uint8Array): this {
    let i = 0;
    this.length += bytes.length;
    if (this.used > 0) {
      const take = Math.min(64 - this.used, bytes.length);
      this.block.set(bytes.subarray(0, take), this.used);
      this.used += take;
      i = take;
      if (this.used < 64) return this;
      compress(this.h, this.block, 0);
      this.used = 0;
    }
    for (; i + 64 <= bytes.length; i += 64) compress(this.h, bytes, i);
    if (i < bytes.length) {
      this.block.set(bytes.subarray(i), 0);
      this.used = bytes.length - i;
    }
    return this;
  }

  clone(): Sha256 {
    const copy = new Sha256();
    copy.h.set(this.h);
    copy.block.set(this.block);
    copy.used = this.used;
    copy.length = this.length;
    return copy;
  }

  /** Pads and finishes: the eight words of the hash. The hasher is spent afterwards. */
  words(): Uint32Array {
    const bits = this.length * 8;
    const tail = new Uint8Array(this.used < 56 ? 64 : 128);
    tail.set(this.block.subarray(0, this.used));
    tail[this.used] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, Math.floor(bits / 0x100000000));
    view.setUint32(tail.length - 4, bits >>> 0);
    for (let off = 0; off < tail.length; off += 64) compress(this.h, tail, off);
    return this.h;
  }

  hex(): string {
    return hex(this.words());
  }

  /** The state after whole blocks only (what sha256Continue starts from); null while a block is unfinished. */
  midstate(): { state: Uint32Array; length: number } | null {
    return this.used === 0 ? { state: this.h.slice(), length: this.length } : null;
  }
}

const tail = new Uint8Array(128);

/**
 * The hash of prefix + data, where the prefix's whole blocks are already in state (see Sha256.midstate), written to out:
 * a member's ticket hash without copying or re-hashing the seed, and without allocating (a frame has millions of them).
 */
export function sha256Continue(state: Uint32Array, prefixLength: number, data: Uint8Array, out: Uint32Array): Uint32Array {
  out.set(state);
  let i = 0;
  for (; i + 64 <= data.length; i += 64) compress(out, data, i);
  const rest = data.length - i, size = rest < 56 ? 64 : 128;
  tail.fill(0, 0, size);
  tail.set(data.subarray(i), 0);
  tail[rest] = 0x80;
  const bits = (prefixLength + data.length) * 8;
  const high = Math.floor(bits / 0x100000000), low = bits >>> 0;
  tail[size - 8] = high >>> 24; tail[size - 7] = high >>> 16; tail[size - 6] = high >>> 8; tail[size - 5] = high;
  tail[size - 4] = low >>> 24; tail[size - 3] = low >>> 16; tail[size - 2] = low >>> 8; tail[size - 1] = low;
  compress(out, tail, 0);
  if (size === 128) compress(out, tail, 64);
  return out;
}
