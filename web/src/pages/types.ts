import type { Page } from '../router';

export type Route = (path: string, page: Page) => void;
/** Wraps a page: a session is needed (unless open), and the header and menu are drawn first. */
export type Guard = (page: Page, open?: boolean) => Page;
