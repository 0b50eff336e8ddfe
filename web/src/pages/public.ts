// The public pages.
import type { Guard, Route } from './types';

export function routes(_route: Route, _guard: Guard): void {}
