// A task's hash-chained history as the pages show it: when (China time), who, what, and the detail.
import type { Schemas } from './api/client';
import { dateTime, t } from './i18n';
import { table, word } from './ui';

export function historyTable(task: Schemas['TaskView']): HTMLElement {
  return table(t('inspector.history'), [t('fields.at'), t('fields.actor'), t('fields.action'), t('fields.detail')],
    task.history.map((e) => [dateTime(e.at), e.actor, word('actions', e.action), e.detail]), 'history');
}
