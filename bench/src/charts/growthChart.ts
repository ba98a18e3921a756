import type { GrowthSeries } from '../runner/report.js';
import { COLORS, line, niceStep, svgDocument, tag, text } from './svg.js';

const PANEL_WIDTH = 300;
const PANEL_HEIGHT = 200;
const TOP = 50;
const MARGIN = { left: 60, right: 20, bottom: 40 };
const PALETTE = [COLORS.neutral, '#ef6c00', '#6a1b9a', COLORS.ok];

const compact = (n: number): string =>
  n >= 1e6 ? `${+(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${+(n / 1e3).toFixed(1)}k` : `${+n.toFixed(2)}`;

/**
 * One panel per unit, each a line per series over the amounts already stored. The x axis is
 * categorical (0, 100k, 1M are evenly spaced), so a flat line means a flat cost per event.
 */
export const growthChart = (series: readonly GrowthSeries[], title: string): string => {
  const units = [...new Set(series.map((s) => s.unit))];
  const body: string[] = [];
  units.forEach((unit, panel) => {
    const own = series.filter((s) => s.unit === unit);
    const stored = [...new Set(own.flatMap((s) => s.points.map((p) => p.stored)))].sort((a, b) => a - b);
    const highest = Math.max(...own.flatMap((s) => s.points.map((p) => p.value)), 0) * 1.1 || 1;
    const step = niceStep(highest / 4);
    const max = Math.ceil(highest / step) * step;
    const left = panel * (PANEL_WIDTH + 20) + MARGIN.left;
    const width = PANEL_WIDTH - MARGIN.left - MARGIN.right;
    const height = PANEL_HEIGHT - MARGIN.bottom;
    const x = (n: number) =>
      left + (stored.length < 2 ? width / 2 : (stored.indexOf(n) / (stored.length - 1)) * width);
    const y = (v: number) => TOP + height - (v / max) * height;
    body.push(
      text(left + width / 2, TOP - 8, unit, { 'text-anchor': 'middle', 'font-weight': 'bold', fill: '#333' }),
    );
    for (let v = 0; v <= max + step / 2; v += step) {
      body.push(line(left, y(v), left + width, y(v), { stroke: COLORS.grid }));
      body.push(
        text(left - 6, y(v) + 4, compact(v), { 'text-anchor': 'end', fill: COLORS.axis, 'font-size': 10 }),
      );
    }
    for (const n of stored) {
      body.push(text(x(n), TOP + height + 16, compact(n), { 'text-anchor': 'middle', fill: COLORS.axis }));
    }
    body.push(
      text(left + width / 2, TOP + height + 32, 'events already stored', {
        'text-anchor': 'middle',
        fill: COLORS.axis,
        'font-size': 10,
      }),
    );
    own.forEach((s, i) => {
      const color = PALETTE[i % PALETTE.length] as string;
      const points = s.points.map((p) => `${x(p.stored).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
      body.push(tag('polyline', { points, fill: 'none', stroke: color, 'stroke-width': 2 }));
      for (const p of s.points)
        body.push(tag('circle', { cx: x(p.stored), cy: y(p.value), r: 3, fill: color }));
      body.push(text(left + 4, TOP + 12 + i * 14, s.name, { fill: color, 'font-size': 11 }));
    });
  });
  return svgDocument(
    Math.max(1, units.length) * (PANEL_WIDTH + 20) + 20,
    TOP + PANEL_HEIGHT + 10,
    title,
    body,
  );
};
