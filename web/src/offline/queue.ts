// Task actions made on the phone are queued here first, each with its Idempotency-Key and the photos it cites, and
// sent in order when there is a connection: a retry after a lost answer changes nothing twice. An action the server
// refuses because the task changed meanwhile (409) stays, marked as a conflict, until the inspector decides.
import { api, asProblem, idempotent, type Problem, type Schemas } from '../api/client';
import { putTaskFile } from '../files';
import { allQueued, deleteQueued, putQueued, remember } from './db';

export interface QueuedPhoto { sha256: string; kind: string; type: string; blob: Blob }

/** The body of each action the phone may queue, as the OpenAPI document types it. */
export interface ActionBodies {
  accept: Schemas['AcceptTask'];
  decline: Schemas['DeclineTask'];
  'record-sampling': Schemas['RecordSampling'];
  'cannot-sample': Schemas['CannotSample'];
  'enterprise-refused': Schemas['EnterpriseRefused'];
  'hand-over': Schemas['HandOver'];
}

export type QueueableAction = keyof ActionBodies;

/** A batch the inspector describes on the spot (抽样单: product, standard, batch number …), recorded before the action. */
export interface QueuedBatch { id: string; body: Schemas['BatchRequest'] }

export interface QueuedAction {
  id: string; // the Idempotency-Key
  taskId: string;
  batch?: QueuedBatch;
  action: QueueableAction;
  body: ActionBodies[QueueableAction];
  photos: QueuedPhoto[];
  createdAt: string;
  state: 'waiting' | 'conflict' | 'refused';
  problem?: Problem;
}

type Listener = (items: QueuedAction[]) => void;
const listeners = new Set<Listener>();

export function onQueueChange(listener: Listener): () => void {
  listeners.add(listener);
  void waiting().then(listener);
  return () => listeners.delete(listener);
}

export async function waiting(): Promise<QueuedAction[]> {
  return (await allQueued<QueuedAction>()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

async function changed(): Promise<void> {
  const items = await waiting();
  for (const listener of listeners) listener(items);
}

export async function enqueue<A extends QueueableAction>(taskId: string, action: A, body: ActionBodies[A], photos: QueuedPhoto[] = [], batch?: QueuedBatch): Promise<QueuedAction> {
  const item: QueuedAction = { id: crypto.randomUUID(), taskId, action, body, photos, batch, createdAt: new Date().toISOString(), state: 'waiting' };
  await putQueued(item);
  await changed();
  void flush();
  return item;
}

export async function discard(id: string): Promise<void> {
  await deleteQueued(id);
  await changed();
}

export async function retry(id: string): Promise<void> {
  const item = (await waiting()).find((i) => i.id === id);
  if (!item) return;
  await putQueued({ ...item, state: 'waiting', problem: undefined });
  await changed();
  void flush();
}

/**
 * Sends what waits, oldest first; stops at the first network failure (the rest waits for the next chance). Calls are
 * chained, never run side by side, so each caller's promise settles after its own action had its try.
 */
export function flush(): Promise<void> {
  if (!navigator.onLine) return Promise.resolve();
  chain = chain.then(sendAll, sendAll);
  return chain;
}

let chain: Promise<void> = Promise.resolve();

async function sendAll(): Promise<void> {
  try {
    for (const item of await waiting()) {
      if (item.state !== 'waiting') continue;
      const outcome = await send(item);
      if (outcome === 'offline') break;
      await changed();
    }
  } finally {
    await changed();
  }
}

async function send(item: QueuedAction): Promise<'sent' | 'kept' | 'offline'> {
  try {
    if (item.batch) {
      // Recording the same batch again is harmless (200); the same id with other facts is a conflict (409).
      const response = await fetch(`/api/batches/${encodeURIComponent(item.batch.id)}`, {
        method: 'PUT', body: JSON.stringify(item.batch.body), headers: { 'Content-Type': 'application/json', ...idempotent(item.id) }, credentials: 'same-origin',
      });
      if (!response.ok) return await keep(item, response.status, await response.json().catch(() => ({})));
    }
    for (const photo of item.photos) {
      const response = await putTaskFile(item.taskId, photo.sha256, photo.kind, photo.blob, photo.type, idempotent(item.id));
      if (!response.ok) return await keep(item, response.status, await response.json().catch(() => ({})));
    }
    const response = await fetch(`/api/tasks/${encodeURIComponent(item.taskId)}/${item.action}`, {
      method: 'POST', body: JSON.stringify(item.body), headers: { 'Content-Type': 'application/json', ...idempotent(item.id) }, credentials: 'same-origin',
    });
    if (!response.ok) return await keep(item, response.status, await response.json().catch(() => ({})));
    const task = (await response.json()) as Schemas['TaskView'];
    await remember(`task:${task.taskId}`, task);
    await deleteQueued(item.id);
    return 'sent';
  } catch {
    return 'offline';
  }
}

/** A 5xx or a lost session waits for a later try; a refusal is kept with its reason, never dropped. */
async function keep(item: QueuedAction, status: number, body: unknown): Promise<'kept' | 'offline'> {
  if (status >= 500 || status === 401 || status === 429) return 'offline';
  await putQueued({ ...item, state: status === 409 ? 'conflict' : 'refused', problem: asProblem(body, status) });
  return 'kept';
}

export function startSync(): void {
  addEventListener('online', () => void flush());
  setInterval(() => void flush(), 30_000);
  void flush();
}

/** The inbox as last seen, for a phone with no signal. */
export async function refreshInbox(): Promise<Schemas['BoardRow'][] | null> {
  try {
    const { data } = await api.GET('/api/tasks/inbox');
    if (data) await remember('inbox', data);
    return data ?? null;
  } catch {
    return null;
  }
}
