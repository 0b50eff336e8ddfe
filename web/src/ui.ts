// A few helpers instead of a framework: the inspector's phone downloads a page, not a runtime.
import { t, maybe } from './i18n';
import type { Problem } from './api/client';

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | null | undefined>;

/** An element with attributes (on* are listeners; false/null are left out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replaces the page's content and moves focus to it (keyboard and screen-reader users land on the new page). */
export function show(...content: Child[]): void {
  const main = document.getElementById('main')!;
  main.replaceChildren(...content.filter((c): c is Node | string => c !== null && c !== undefined && c !== false).map((c) => (c instanceof Node ? c : String(c))));
  main.focus({ preventScroll: true });
}

/** A labelled input: the label is bound to the control, so every field has an accessible name. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  control.id ||= `f-${control.name || Math.random().toString(36).slice(2)}`;
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hint ? h('small', { id: hintId }, hint) : null,
    h('span', { class: 'error', 'data-error-for': control.name, role: 'alert' }));
}

export function table(caption: string, headers: string[], rows: Child[][], testId?: string): HTMLElement {
  // A wide table scrolls on a phone; the region takes focus so a keyboard can scroll it too.
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption }, h('table', { 'data-testid': testId },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.length === 0 ? [h('tr', {}, h('td', { colspan: headers.length }, t('common.none')))] : rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c)))))));
}

/** A server value (stage, kind, outcome) in the reader's language, the value itself when there is no word for it. */
export function word(area: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return maybe(`${area}.${value}`) ?? value;
}

/** Shows a refused request: each refused field beside its input (by name), the rest in the form's message box. */
export function showProblem(form: HTMLElement, problem: Problem): void {
  for (const el of form.querySelectorAll<HTMLElement>('[data-error-for]')) el.textContent = '';
  const box = form.querySelector<HTMLElement>('.form-error');
  const loose: string[] = [];
  for (const [name, messages] of Object.entries(problem.errors ?? {})) {
    const target = form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(name)}"]`)
      ?? form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(name.replace(/\[\d+\].*$/, ''))}"]`);
    const label = maybe(`fields.${name.replace(/\[\d+\].*$/, '')}`) ?? name;
    if (target) target.textContent = `${label}：${messages.join('；')}`;
    else loose.push(`${label}：${messages.join('；')}`);
  }
  const general = maybe(`errors.${problem.status}`) ?? t('errors.other', { status: problem.status });
  if (box) box.textContent = [general, ...(problem.errors ? loose : [problem.detail ?? ''])].filter(Boolean).join(' — ');
}

export function status(message: string): void {
  document.getElementById('status')!.textContent = message;
}

/** Reads a form's named controls as strings (checkboxes as "true"/"false"). */
export function values(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const el of Array.from(form.elements) as HTMLInputElement[]) {
    if (!el.name) continue;
    out[el.name] = el.type === 'checkbox' ? String(el.checked) : el.value.trim();
  }
  return out;
}

export function input(name: string, attrs: Attrs = {}): HTMLInputElement {
  return h('input', { name, ...attrs });
}

export function button(text: string, attrs: Attrs = {}): HTMLButtonElement {
  return h('button', { type: 'button', ...attrs }, text);
}
