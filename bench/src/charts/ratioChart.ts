import type { Comparison } from '../runner/report.js';
import { COLORS, labelWidth, line, niceStep, rect, svgDocument, text } from './svg.js';

const PLOT_WIDTH = 440;
const ROW = 22;
const TOP = 44;

/**
 * Throughput of each subject as a share of its ceiling: one bar per line, a black tick at its
 * target, green when the target is met, red when missed, blue without a target.
 */
export const ratioChart = (comparisons: readonly Comparison[], title: string): string => {
  const labels = comparisons.map((c) => `${c.benchmark} · ${c.scenario}`);
  const LABEL_WIDTH = labelWidth(labels);
  const max = Math.max(1.2, ...comparisons.map((c) => Math.max(c.ratio, c.target ?? 0))) * 1.05;
  const step = niceStep(max / 6);
  const x = (ratio: number) => LABEL_WIDTH + (ratio / max) * PLOT_WIDTH;
  const height = TOP + comparisons.length * ROW + 30;
  const body: string[] = [];
  for (let tick = 0; tick <= max; tick += step) {
    body.push(
      line(x(tick), TOP - 6, x(tick), height - 26, {
        stroke: Math.abs(tick - 1) < 1e-9 ? '#bbb' : COLORS.grid,
      }),
    );
    body.push(
      text(x(tick), height - 12, `${Math.round(tick * 100)}%`, {
        'text-anchor': 'middle',
        fill: COLORS.axis,
      }),
    );
  }
  comparisons.forEach((c, i) => {
    const y = TOP + i * ROW;
    const color = c.target === undefined ? COLORS.neutral : c.ratio >= c.target ? COLORS.ok : COLORS.missed;
    body.push(
      text(LABEL_WIDTH - 8, y + 14, `${c.benchmark} · ${c.scenario}`, { 'text-anchor': 'end', fill: '#333' }),
    );
    body.push(rect(x(0), y + 4, x(c.ratio) - x(0), ROW - 8, { fill: color }));
    body.push(text(x(c.ratio) + 4, y + 14, `${Math.round(c.ratio * 100)}%`, { fill: '#333' }));
    if (c.target !== undefined) {
      body.push(
        line(x(c.target), y + 1, x(c.target), y + ROW - 1, { stroke: COLORS.target, 'stroke-width': 2 }),
      );
    }
  });
  return svgDocument(LABEL_WIDTH + PLOT_WIDTH + 60, height, title, body);
};
