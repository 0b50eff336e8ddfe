// The API client, typed from the silo's own OpenAPI document (api/openapi.json, checked against the running silo by
// the host tests): a changed endpoint breaks this build, not the user. Session cookies go along by themselves; a
// change made with a session carries the session's CSRF token.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { go } from '../router';

export type Schemas = components['schemas'];
export type Session = Schemas['SessionView'];

const SESSION_KEY = 'samples.session';
let session: Session | null = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;

export const currentSession = (): Session | null => session;

// The session ended on a 401 during this page's life: answers still under way that are 401 too lead to the login as
// well.
let endedHere = false;

export function rememberSession(value: Session | null): void {
  session = value;
  if (value) endedHere = false;
  if (value) localStorage.setItem(SESSION_KEY, JSON.stringify(value));
  else localStorage.removeItem(SESSION_KEY);
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && session?.csrfToken) request.headers.set('X-CSRF-Token', session.csrfToken);
    return request;
  },
};

/** A session that ended (idle 12 h, 7 days old, logged out elsewhere) sends the person to the login page. */
const ended: Middleware = {
  onResponse({ request, response }) {
    if (response.status === 401 && (session || endedHere) && !new URL(request.url).pathname.startsWith('/api/session')) {
      rememberSession(null);
      endedHere = true;
      go('/login');
      // The page that asked never gets this answer: were it to draw its error once the body is read (later than any
      // timer under load), it would cover the login form. Its page is gone; the promise is collected with it.
      return new Promise<Response>(() => undefined);
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: location.origin, credentials: 'same-origin' });
api.use(csrf, ended);

/** A problem body as the silo writes it (RFC 9457), with each refused field and why. */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

export function asProblem(error: unknown, status: number): Problem {
  const body = (error ?? {}) as Partial<Problem>;
  return { status, title: body.title, detail: body.detail, errors: body.errors };
}

/** Headers for a task action: the Idempotency-Key makes a retry (a weak signal, a queued action) safe. */
export function idempotent(key: string): Record<string, string> {
  const headers: Record<string, string> = { 'Idempotency-Key': key };
  if (session?.csrfToken) headers['X-CSRF-Token'] = session.csrfToken;
  return headers;
}
