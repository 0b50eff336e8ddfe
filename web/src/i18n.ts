// Every word the app shows comes from the resource files in locales/<lang>/<area>.json; Chinese is the default,
// English a switch kept in this browser. Dates and times are shown in China time whatever the phone's zone.
type Table = Record<string, string>;
const files = import.meta.glob<Table>('./locales/*/*.json', { eager: true, import: 'default' });

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const tables: Record<string, Table> = {};
for (const [path, table] of Object.entries(files)) {
  const [, lang, area] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path)!;
  for (const [key, text] of Object.entries(table)) (tables[lang] ??= {})[`${area}.${key}`] = text;
}

let current: Language = (localStorage.getItem('samples.lang') as Language | null) ?? 'zh-CN';
if (!languages.includes(current)) current = 'zh-CN';
document.documentElement.lang = current;

export const language = (): Language => current;

export function setLanguage(lang: Language): void {
  current = lang;
  localStorage.setItem('samples.lang', lang);
  document.documentElement.lang = lang;
}

/** The text for "area.key", with {name} placeholders filled; a missing key shows itself, so a test finds it. */
export function t(key: string, values: Record<string, string | number> = {}): string {
  const text = tables[current]?.[key] ?? tables['zh-CN']?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** A key's text if it exists, else null (for server values such as stages, kinds and outcomes). */
export function maybe(key: string): string | null {
  return tables[current]?.[key] ?? tables['zh-CN']?.[key] ?? null;
}

const CHINA = 'Asia/Shanghai';

/** "2026-12-05 18:30" in China time. */
export function dateTime(iso: string | Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: CHINA, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(typeof iso === 'string' ? new Date(iso) : iso);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** Today's date in China ("2026-12-05"), the day the law's deadlines count in. */
export function chinaToday(): string {
  return dateTime(new Date()).slice(0, 10);
}
