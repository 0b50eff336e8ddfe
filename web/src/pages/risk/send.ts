// The two risk uploads send their body as it is (the model's JSON, the month's CSV): the OpenAPI document declares no
// request body for them, so they go through fetch with the session's CSRF token, and the answer's problem is read here.
import { currentSession, type Problem } from '../../api/client';
import { t } from '../../i18n';

export interface Sent<T> { data?: T; problem?: Problem }

export async function sendRaw<T>(path: string, body: Blob | string, contentType: string): Promise<Sent<T>> {
  const headers: Record<string, string> = { 'Content-Type': contentType };
  const csrf = currentSession()?.csrfToken;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  try {
    const response = await fetch(path, { method: 'POST', body, headers, credentials: 'same-origin' });
    const answer = (await response.json().catch(() => ({}))) as Partial<Problem> & T;
    return response.ok ? { data: answer } : { problem: { status: response.status, title: answer.title, detail: answer.detail, errors: answer.errors } };
  } catch {
    return { problem: { status: 0, detail: t('errors.offline') } };
  }
}
