// The run's counts per class as bars: the label and the count are text (a screen reader reads them), the bar is
// decoration (aria-hidden) sized by SVG attributes, since the Content-Security-Policy allows no style attributes.
import { h } from '../../ui';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string>): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  return el;
}

export interface ClassCount { key: string; label: string; count: number }

export function classBars(caption: string, counts: ClassCount[], total: number): HTMLElement {
  return h('figure', { class: 'risk-bars', 'data-testid': 'counts' },
    h('figcaption', {}, caption),
    h('ol', {}, counts.map((c) => {
      const share = total > 0 ? (100 * c.count) / total : 0;
      const track = svg('svg', { class: 'track', 'aria-hidden': 'true', focusable: 'false', preserveAspectRatio: 'none' });
      track.append(svg('rect', { class: 'bg', x: '0', y: '0', width: '100%', height: '100%', rx: '3' }));
      track.append(svg('rect', { class: `fill risk-fill-${c.key}`, x: '0', y: '0', width: `${share}%`, height: '100%', rx: '3' }));
      return h('li', { 'data-class': c.key },
        h('span', { class: 'label' }, c.label), track,
        h('span', { class: 'value', 'data-testid': `count-${c.key}` }, String(c.count), h('small', {}, ` (${share.toFixed(1)} %)`)));
    })));
}
