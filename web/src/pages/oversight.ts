// The supervisor's oversight pages: a plan's tasks with the steps only a supervisor takes, overdue, progress.
import type { Guard, Route } from './types';

export function routes(_route: Route, _guard: Guard): void {}
