// Opening a targeted inspection (重点检查) for a named enterprise: the reason of a fixed kind, its reference, the
// evidence (files stay on this computer: only their SHA-256 fingerprints are sent and recorded), and the team the
// supervisor names. The form keeps one Idempotency-Key, so a double click or a retry opens no second task.
import { api, asProblem, idempotent, type Schemas } from '../../api/client';
import { categoryName, type Catalogue } from '../../catalogue';
import { sha256OfBlob } from '../../files';
import { t } from '../../i18n';
import { go } from '../../router';
import { field, h, input, showProblem, values, word } from '../../ui';

export const reasonKinds = ['complaint', 'risk-signal', 'failed-follow-up', 'higher-level'] as const;

export function targetedForm(planId: string, categories: string[], cat: Catalogue | null): HTMLElement {
  const key = crypto.randomUUID();
  const reason = h('select', { name: 'reasonKind', required: true },
    h('option', { value: '' }, t('targeted.chooseReason')), reasonKinds.map((k) => h('option', { value: k }, word('targeted', k))));
  const category = h('select', { name: 'category' },
    categories.length === 1 ? null : h('option', { value: '' }, t('targeted.anyCategory')),
    categories.map((c) => h('option', { value: c }, categoryName(cat, c))));
  const files = input('evidenceFiles', { type: 'file', multiple: true });
  const form = h('form', { class: 'card', 'data-testid': 'targeted-form', novalidate: true, 'aria-labelledby': 'targeted-title' },
    h('h2', { id: 'targeted-title' }, t('targeted.title')),
    h('p', {}, t('targeted.help')),
    field(t('fields.uscc'), input('uscc', { required: true, autocomplete: 'off', maxlength: 18 })),
    field(t('fields.category'), category),
    field(t('targeted.reasonKind'), reason),
    field(t('targeted.reference'), input('reference', { required: true, autocomplete: 'off', maxlength: 200 }), t('targeted.referenceHint')),
    field(t('targeted.evidence'), h('textarea', { name: 'evidence', rows: 3, required: true, maxlength: 2000 })),
    field(t('targeted.evidenceFiles'), files, t('targeted.evidenceFilesHint')),
    field(t('targeted.team'), input('team', { required: true, autocomplete: 'off' }), t('targeted.teamHint')),
    h('p', { class: 'form-error', role: 'alert' }),
    h('button', { type: 'submit' }, t('targeted.open')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void (async () => {
      const v = values(form);
      const evidenceSha256 = await Promise.all(Array.from(files.files ?? [], (f) => sha256OfBlob(f)));
      const { data, error, response } = await api.POST('/api/plans/{planId}/targeted-tasks', {
        params: { path: { planId } },
        headers: idempotent(key),
        body: {
          uscc: v.uscc || null, category: v.category || null, reasonKind: v.reasonKind || null, reference: v.reference || null,
          evidence: v.evidence || null, evidenceSha256, team: v.team ? v.team.split(/[\s,，、;；]+/).filter(Boolean) : null,
        },
      });
      if (!data) return showProblem(form, asProblem(error, response.status));
      go(`/oversee/${encodeURIComponent(data.taskId)}`);
    })();
  });
  return form;
}

/**
 * A targeted task's member who declined is replaced by the inspector the supervisor names (no draw stands behind the
 * task); the silo checks him against the directory as at the opening.
 */
export function replaceForm(task: Schemas['TaskView'], done: () => Promise<void>): HTMLElement | null {
  const declined = task.team.filter((m) => m.status === 'declined');
  if (!task.targeted || declined.length === 0 || !['Assigned', 'Accepted'].includes(String(task.stage))) return null;
  const key = crypto.randomUUID();
  const withdrawn = h('select', { name: 'withdrawn' }, declined.map((m) => h('option', { value: m.inspectorId }, `${m.inspectorId}（${m.reason ?? ''}）`)));
  const form = h('form', { class: 'card', 'data-testid': 'replace-form', novalidate: true, 'aria-labelledby': 'replace-title' },
    h('h2', { id: 'replace-title' }, t('targeted.replaceTitle')), h('p', {}, t('targeted.replaceHelp')),
    field(t('targeted.withdrawn'), withdrawn),
    field(t('targeted.replacer'), input('replacer', { required: true, autocomplete: 'off' })),
    h('p', { class: 'form-error', role: 'alert' }),
    h('button', { type: 'submit' }, t('targeted.replace')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void (async () => {
      const v = values(form);
      const { error, response } = await api.POST('/api/tasks/{taskId}/replace-member', {
        params: { path: { taskId: task.taskId } }, headers: idempotent(key), body: { withdrawn: v.withdrawn || null, replacer: v.replacer || null },
      });
      if (!response.ok) return showProblem(form, asProblem(error, response.status));
      await done();
    })();
  });
  return form;
}
