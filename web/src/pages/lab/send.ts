// Sending the lab's task actions: each with an Idempotency-Key made from the task, the action and the body, so a retry
// of the same request (a double click, a lost answer) is recognised by the server and changes nothing twice.
import { asProblem, idempotent, type Problem, type Schemas } from '../../api/client';
import { sha256OfBlob } from '../../files';
import { t } from '../../i18n';

export type Task = Schemas['TaskView'];

export interface Bodies {
  receive: Schemas['ReceiveSample'];
  'post-results': Schemas['PostResults'];
  'issue-report': Schemas['IssueReport'];
}

/** JSON with decimals given as strings written as numbers, as typed ("98.0" stays 98.0, not 98). */
export function rawJson(body: unknown): string {
  return JSON.stringify(body).replace(/"(value|detectionLimit)":"(-?(?:0|[1-9]\d*)(?:\.\d+)?)"/g, '"$1":$2');
}

export async function act<A extends keyof Bodies>(taskId: string, action: A, body: Bodies[A]): Promise<{ task?: Task; problem?: Problem }> {
  const json = rawJson(body);
  const key = 'lab-' + (await sha256OfBlob(new Blob([`${taskId}\n${action}\n${json}`])));
  try {
    const response = await fetch(`/api/tasks/${encodeURIComponent(taskId)}/${action}`, {
      method: 'POST', body: json, credentials: 'same-origin', headers: { 'Content-Type': 'application/json', ...idempotent(key) },
    });
    const answer: unknown = await response.json().catch(() => null);
    return response.ok ? { task: answer as Task } : { problem: asProblem(answer, response.status) };
  } catch {
    return { problem: { status: 0, detail: t('errors.offline') } };
  }
}
