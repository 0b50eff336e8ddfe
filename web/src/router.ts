// Hash routes ("#/task/QH-…"): the page works from the cached index.html with no server round trip, offline included.
export type Page = (...params: string[]) => Promise<void> | void;

const routes: { pattern: RegExp; page: Page }[] = [];

/** "/task/:id" → a page called with the id. */
export function route(path: string, page: Page): void {
  routes.push({ pattern: new RegExp('^' + path.replace(/:[a-z]+/g, '([^/]+)') + '$'), page });
}

export function go(path: string): void {
  if (location.hash === '#' + path) void render();
  else location.hash = path;
}

export function current(): string {
  return location.hash.replace(/^#/, '') || '/';
}

export async function render(): Promise<void> {
  const path = current().split('?')[0];
  for (const { pattern, page } of routes) {
    const match = pattern.exec(path);
    if (match) return page(...match.slice(1).map(decodeURIComponent));
  }
  return notFound(path);
}

let notFound: Page = () => undefined;

/** The page for a path no route knows (never a redirect: a role's home that is missing must not loop). */
export function otherwise(page: Page): void {
  notFound = page;
}

export function query(name: string): string | null {
  return new URLSearchParams(current().split('?')[1] ?? '').get(name);
}
