// The catalogue in force (lab results, the inspector's grades and properties), as GET /api/catalogue returns it (format: domain/Catalogue/README.md). The API describes it
// only as JSON, so its shape is written here. Numbers are kept as written ("99.0" stays "99.0"), as the catalogue's
// own messages keep them.
import { language, t } from './i18n';
import { recall, remember } from './offline/db';

/** A number as written in the catalogue. */
export type Num = string;

export interface Named { code: string; nameZh: string; nameEn: string }

export type Limit =
  | { kind: 'min'; min: Num; exclusive?: boolean; timesProperty?: string; unit?: string }
  | { kind: 'max'; max: Num; exclusive?: boolean; timesProperty?: string; unit?: string }
  | { kind: 'range'; min: Num; max: Num }
  | { kind: 'notDetected'; detectionLimit?: Num }
  | { kind: 'passFail'; requirement: string }
  | { kind: 'byVariant'; axis: string; limits: Record<string, Limit> }
  | { kind: 'byProperty'; property: string; bands: { upTo?: Num; limit: Limit }[] }
  | { kind: 'notApplicable'; reason?: string };

export interface Item extends Named {
  symbol?: string;
  unit?: string;
  method: string;
  required?: boolean;
  comparison?: { method: string; interval?: Num };
  limit: Limit;
}

export interface Category extends Named {
  variants?: (Named & { options: Named[] })[];
  properties?: (Named & { unit?: string })[];
  items: Item[];
}

export interface Catalogue { version: Num; categories: Category[] }

let cached: Promise<Catalogue | null> | null = null;

/** The catalogue in force, fetched once per page load (it changes only when an administrator uploads a version). */
export function catalogue(): Promise<Catalogue | null> {
  // Kept in the browser's store too: an inspector with no signal still names the category's grades and properties.
  cached ??= fetch('/api/catalogue', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(async (r) => {
      if (!r.ok) return null;
      const text = await r.text();
      await remember('catalogue', text);
      return parseKeepingNumbers<Catalogue>(text);
    })
    .catch(async () => {
      const text = await recall<string>('catalogue');
      return text ? parseKeepingNumbers<Catalogue>(text) : null;
    });
  const mine = cached;
  void mine.then((c) => { if (!c && cached === mine) cached = null; });
  return mine;
}

/** JSON.parse with every number kept as its source text (where the browser gives it), else as String(n). */
export function parseKeepingNumbers<T>(text: string): T {
  return JSON.parse(text, (_key: string, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' ? (context?.source ?? String(value)) : value) as T;
}

/** A catalogue name in the reader's language; Chinese first (the English name follows it in English). */
export function nameOf(x: Named | undefined, fallback = ''): string {
  if (!x) return fallback;
  return language() === 'zh-CN' ? x.nameZh : `${x.nameEn}（${x.nameZh}）`;
}

export function categoryOf(cat: Catalogue | null, code: string): Category | undefined {
  return cat?.categories.find((c) => c.code === code);
}

/** A category's name in the reader's language, its code when the catalogue is not at hand. */
export function categoryName(cat: Catalogue | null, code: string): string {
  return nameOf(categoryOf(cat, code), code);
}

export function itemOf(category: Category | undefined, code: string): Item | undefined {
  return category?.items.find((i) => i.code === code);
}

/** "等级：电池级" for the sample's variants, named from the category. */
export function variantText(category: Category | undefined, variants: Record<string, string>): string {
  const parts = Object.entries(variants).map(([axis, option]) => {
    const a = category?.variants?.find((v) => v.code === axis);
    return `${nameOf(a, axis)}：${nameOf(a?.options.find((o) => o.code === option), option)}`;
  });
  return parts.length ? parts.join('；') : '—';
}

type Sample = { variants: Record<string, string>; properties: Record<string, string | number> };

/**
 * The limit readably: "≥ 99.5 %", "≤ 0.025 %", "不得检出（检出限 0.01 mg/kg）". A limit by grade or by a property is
 * resolved with the sample's grade/property when known, else every option is listed.
 */
export function limitText(category: Category | undefined, item: Item, limit: Limit, sample: Sample): string {
  const unit = item.unit ? ` ${item.unit}` : '';
  switch (limit.kind) {
    case 'min': return bound(limit.exclusive ? '>' : '≥', limit.min, limit.unit ? ` ${limit.unit}` : unit, category, limit.timesProperty);
    case 'max': return bound(limit.exclusive ? '<' : '≤', limit.max, limit.unit ? ` ${limit.unit}` : unit, category, limit.timesProperty);
    case 'range': return `${limit.min}–${limit.max}${unit}`;
    case 'notDetected': return limit.detectionLimit ? t('lab.limitNotDetectedDl', { dl: `${limit.detectionLimit}${unit}` }) : t('lab.limitNotDetected');
    case 'passFail': return t('lab.limitPassFail', { requirement: limit.requirement });
    case 'notApplicable': return t('lab.limitNotApplicable') + (limit.reason ? `（${limit.reason}）` : '');
    case 'byVariant': return byVariant(category, item, limit, sample);
    case 'byProperty': return byProperty(category, item, limit, sample);
  }
}

function bound(op: string, n: Num, unit: string, category: Category | undefined, times?: string): string {
  if (!times) return `${op} ${n}${unit}`;
  return t('lab.limitTimes', { limit: `${op} ${n}${unit}`, property: nameOf(category?.properties?.find((p) => p.code === times), times) });
}

function byVariant(category: Category | undefined, item: Item, limit: Extract<Limit, { kind: 'byVariant' }>, sample: Sample): string {
  const axis = category?.variants?.find((v) => v.code === limit.axis);
  const chosen = sample.variants[limit.axis];
  const optionName = (code: string) => nameOf(axis?.options.find((o) => o.code === code), code);
  if (chosen && limit.limits[chosen]) return `${limitText(category, item, limit.limits[chosen], sample)}（${optionName(chosen)}）`;
  return Object.entries(limit.limits).map(([option, l]) => `${optionName(option)}：${limitText(category, item, l, sample)}`).join('；');
}

function byProperty(category: Category | undefined, item: Item, limit: Extract<Limit, { kind: 'byProperty' }>, sample: Sample): string {
  const property = category?.properties?.find((p) => p.code === limit.property);
  const unit = property?.unit ? ` ${property.unit}` : '';
  const known = sample.properties[limit.property];
  if (known !== undefined) {
    const band = limit.bands.find((b) => b.upTo === undefined || Number(known) <= Number(b.upTo));
    if (band) return `${limitText(category, item, band.limit, sample)}（${nameOf(property, limit.property)} ${known}${unit}）`;
  }
  return limit.bands.map((b) => `${b.upTo === undefined ? t('lab.bandRest') : `${nameOf(property, limit.property)} ≤ ${b.upTo}${unit}`}：${limitText(category, item, b.limit, sample)}`).join('；');
}

/** Whether results for the item are conformity observations rather than numbers (its limit is pass/fail). */
export function isObservation(limit: Limit, sample: Sample): boolean {
  if (limit.kind === 'passFail') return true;
  if (limit.kind === 'byVariant') {
    const chosen = sample.variants[limit.axis];
    return chosen && limit.limits[chosen] ? isObservation(limit.limits[chosen], sample) : Object.values(limit.limits).some((l) => isObservation(l, sample));
  }
  return false;
}
