// Server values the enterprise reads, in words: outcomes, a result's value, the kind of a notice, a refusal.
import type { Schemas } from '../../api/client';
import { maybe, t } from '../../i18n';
import { h } from '../../ui';

/** "pass" → 合格, "not-tested" → 未检验; an unknown value shows itself. */
export function outcome(value: string | null | undefined): string {
  if (!value) return '—';
  return maybe(`enterprise.outcome-${value}`) ?? value;
}

/** A measured value as the lab reported it, or what was found ("未检出"). */
export function itemValue(result: Schemas['ItemResult'] | undefined): string {
  if (!result) return '—';
  if (result.reportedAs) return result.reportedAs;
  if (result.value !== null && result.value !== undefined) return String(result.value);
  return maybe(`enterprise.kind-${result.kind}`) ?? result.kind;
}

/** The server writes notices as sentences; their kind (result, publication, stop order) is said in the reader's words. */
const kinds: [RegExp, string][] = [
  [/^result of sampling /, 'notice-result'],
  [/^result of .* published/, 'notice-published'],
  [/ failed: stop producing/, 'notice-failed'],
];

export function noticeKind(message: string): string {
  const kind = kinds.find(([pattern]) => pattern.test(message));
  return kind ? t(`enterprise.${kind[1]}`) : t('enterprise.notice-other');
}

/** A refusal as a sentence: another enterprise's task is "not yours" (403) or "not found" (404), never an empty page. */
export function refusal(status: number): HTMLElement {
  const text = status === 0 ? t('errors.offline') : maybe(`enterprise.refused-${status}`) ?? maybe(`errors.${status}`) ?? t('errors.other', { status });
  return h('p', { class: 'notice', 'data-testid': 'refused', role: 'status' }, text);
}
