// Checks this browser's verifier against the specification's own test vectors (draw/spec/vectors, computed by an
// independent implementation): a visitor who doubts the page's code can see it reproduce the published numbers first.
import vectors from '../../../draw/spec/vectors/draw-vectors.json';
import { stream, ticket, uniform } from './drawCheck';
import { sha256Hex } from './sha256';

export interface VectorResult { kind: 'uniform' | 'ticket' | 'order' | 'stream'; passed: number; total: number }

export function checkVectors(): VectorResult[] {
  const count = (kind: VectorResult['kind'], oks: boolean[]): VectorResult => ({ kind, passed: oks.filter(Boolean).length, total: oks.length });
  return [
    count('uniform', vectors.sha256_uniform.map((v) => uniform(v.input) === v.output)),
    count('ticket', vectors.tickets.map((v) => ticket(v.id, sha256Hex(v.seed)) === v.ticket)),
    count('order', vectors.samples.map((v) => {
      const seedHex = sha256Hex(v.seed);
      const order = v.ids.map((id) => ({ id, ticket: ticket(id, seedHex) }))
        .sort((a, b) => (a.ticket !== b.ticket ? (a.ticket < b.ticket ? -1 : 1) : a.id < b.id ? -1 : 1));
      return order.length === v.order.length && order.every((o, i) => o.id === v.order[i].id && o.ticket === v.order[i].ticket);
    })),
    count('stream', vectors.streams.map((v) => {
      const s = stream(v.ids, v.seed);
      return v.emissions.slice(0, v.take).every((e) => {
        const next = s.next().value;
        return next !== undefined && next.id === e.id && next.ticket === e.ticket && next.generation === e.generation;
      });
    })),
  ];
}
