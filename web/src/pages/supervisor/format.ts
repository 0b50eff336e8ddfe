// Small helpers the draw pages share: times to the second in China time, draw and frame ids, and the names behind them.
import { api, type Schemas } from '../../api/client';
import { maybe } from '../../i18n';

/** "2026-12-05 18:30:12" in China time: a ceremony is watched to the second. */
export function chinaTime(iso: string | Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(typeof iso === 'string' ? new Date(iso) : iso);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** "09:41" (or "1:02:09") left until a deadline; "00:00" once it has passed. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(total / 3600), minutes = Math.floor((total % 3600) / 60), seconds = total % 60;
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

/** A round's draw id, as the silo names it ("QH-2026-DEMO:R1"). */
export const drawIdOf = (planId: string, round: number | string): string => `${planId}:R${round}`;

/** The plan and round of a draw id, or null for an id of another shape. */
export function roundOf(drawId: string): { planId: string; round: number } | null {
  const match = /^(.+):R(\d+)$/.exec(drawId);
  return match ? { planId: match[1], round: Number(match[2]) } : null;
}

/** The USCC and category of a target id (ENT|USCC|category). */
export function targetParts(id: string): { uscc: string; category: string } {
  const [, uscc = id, category = ''] = id.split('|');
  return { uscc, category };
}

/**
 * A stratum as people read it: region|category|class, then the names of its marks when the plan's sampling weights gave
 * it any (region|category|class|mark+mark: "632800|cosmetics|B · 重点监管 + 旅游景区零售").
 */
export function stratumLabel(stratum: string): string {
  const parts = stratum.split('|');
  if (parts.length !== 4 || parts[3] === '') return stratum;
  return `${parts.slice(0, 3).join('|')} · ${parts[3].split('+').map((m) => maybe(`supervisor.mark.${m}`) ?? m).join(' + ')}`;
}

/** The inspector number of an inspector id (INS|number). */
export const inspectorNumber = (id: string): string => (id.startsWith('INS|') ? id.slice(4) : id);

/** A server value in words when the area has a word for it ("supervisor.step.drawn"), else the value itself. */
export function wordOf(area: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return maybe(`${area}.${value}`) ?? value;
}

export interface Names {
  enterprise: (uscc: string) => string | null;
  inspector: (number: string) => Schemas['InspectorView'] | null;
}

export const noNames: Names = { enterprise: () => null, inspector: () => null };

/** The names behind a draw's ids, as far as the reader may see them (the directory is for staff; the public sees ids). */
export async function namesFor(usccs: string[]): Promise<Names> {
  const inspectors = new Map<string, Schemas['InspectorView']>();
  const enterprises = new Map<string, string>();
  const list = await api.GET('/api/inspectors').catch(() => null);
  for (const i of list?.data ?? []) inspectors.set(i.number, i);
  // A handful of picks and alternates per round: one small request each, a few at a time.
  const unique = [...new Set(usccs)].slice(0, 200);
  for (let i = 0; i < unique.length; i += 8) {
    await Promise.all(unique.slice(i, i + 8).map(async (uscc) => {
      const { data } = await api.GET('/api/enterprises/{uscc}', { params: { path: { uscc } } }).catch(() => ({ data: undefined }));
      if (data) enterprises.set(uscc, data.name);
    }));
  }
  return { enterprise: (uscc) => enterprises.get(uscc) ?? null, inspector: (n) => inspectors.get(n) ?? null };
}
