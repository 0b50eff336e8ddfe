// Bar charts of pass rates, drawn as plain SVG inside HTML rows: the label and the figure are text a screen reader and a
// search read, the bar is decoration (aria-hidden). SVG attributes, not inline styles, size the bars: the silo's
// Content-Security-Policy allows no style attributes. No chart library: a phone downloads a page, not a runtime.
import type { Schemas } from '../../api/client';
import { t } from '../../i18n';
import { h } from '../../ui';

type Tally = Schemas['Tally'];

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string>): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  return el;
}

/** A tally's pass rate as a number (the API may send numbers as strings), null when nothing was judged. */
export function rate(tally: Tally): number | null {
  return tally.passRate === null || tally.passRate === undefined ? null : Number(tally.passRate);
}

/** "92.5 %", or "—" when nothing was judged. */
export function percent(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)} %`;
}

/** A horizontal bar per tally: its name, the pass rate as a bar out of 100 %, and the rate with passed of judged. */
export function passRateBars(caption: string, tallies: Tally[], testId: string): HTMLElement {
  return h('figure', { class: 'bars', 'data-testid': testId },
    h('figcaption', {}, caption),
    tallies.length === 0 ? h('p', {}, t('common.none')) : h('ol', {}, tallies.map(bar)));
}

function bar(tally: Tally): HTMLElement {
  const value = rate(tally);
  const passed = Number(tally.passed);
  const judged = passed + Number(tally.failed);
  const track = svg('svg', { class: 'track', 'aria-hidden': 'true', focusable: 'false', preserveAspectRatio: 'none' });
  track.append(svg('rect', { class: 'bg', x: '0', y: '0', width: '100%', height: '100%', rx: '3' }));
  if (value !== null) track.append(svg('rect', { class: value < 100 ? 'fill some-failed' : 'fill', x: '0', y: '0', width: `${Math.max(0, Math.min(100, value))}%`, height: '100%', rx: '3' }));
  return h('li', { 'data-key': tally.key },
    h('span', { class: 'label' }, tally.name),
    track,
    h('span', { class: 'value' }, percent(value), h('small', {}, ` ${t('bulletins.passedOf', { passed, judged })}`)));
}
