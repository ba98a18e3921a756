import { COLORS, labelWidth, line, rect, svgDocument, text } from './svg.js';

export interface LatencyRow {
  label: string;
  p50Ms: number;
  p99Ms: number;
  ceiling?: { p50Ms: number; p99Ms: number };
}

const PLOT_WIDTH = 440;
const ROW = 26;
const TOP = 60;

/**
 * p50 and p99 per line on a logarithmic axis (latencies here span 0.1 ms to seconds): the dark
 * part of a bar reaches p50, the light part p99; the thin grey bar under it is the ceiling's.
 */
export const latencyChart = (rows: readonly LatencyRow[], title: string): string => {
  const LABEL_WIDTH = labelWidth(rows.map((r) => r.label));
  const values = rows.flatMap((r) => [
    r.p50Ms,
    r.p99Ms,
    r.ceiling?.p50Ms ?? r.p50Ms,
    r.ceiling?.p99Ms ?? r.p99Ms,
  ]);
  const lowExp = Math.floor(Math.log10(Math.max(0.01, Math.min(...values.filter((v) => v > 0), 1))));
  const highExp = Math.ceil(Math.log10(Math.max(...values, 1)));
  const x = (ms: number) =>
    LABEL_WIDTH +
    ((Math.log10(Math.max(ms, 10 ** lowExp)) - lowExp) / Math.max(1, highExp - lowExp)) * PLOT_WIDTH;
  const height = TOP + rows.length * ROW + 30;
  const body: string[] = [
    rect(LABEL_WIDTH, 30, 12, 10, { fill: COLORS.neutral }),
    text(LABEL_WIDTH + 16, 39, 'p50'),
    rect(LABEL_WIDTH + 50, 30, 12, 10, { fill: COLORS.light }),
    text(LABEL_WIDTH + 66, 39, 'p99'),
    rect(LABEL_WIDTH + 100, 33, 12, 4, { fill: COLORS.ceiling }),
    text(LABEL_WIDTH + 116, 39, 'ceiling p50 / p99'),
  ];
  for (let exp = lowExp; exp <= highExp; exp++) {
    const at = x(10 ** exp);
    body.push(line(at, TOP - 6, at, height - 26, { stroke: COLORS.grid }));
    body.push(
      text(at, height - 12, `${10 ** exp >= 1 ? 10 ** exp : (10 ** exp).toFixed(-exp)} ms`, {
        'text-anchor': 'middle',
        fill: COLORS.axis,
      }),
    );
  }
  rows.forEach((r, i) => {
    const y = TOP + i * ROW;
    body.push(text(LABEL_WIDTH - 8, y + 13, r.label, { 'text-anchor': 'end', fill: '#333' }));
    body.push(rect(x(10 ** lowExp), y + 3, x(r.p99Ms) - x(10 ** lowExp), 12, { fill: COLORS.light }));
    body.push(rect(x(10 ** lowExp), y + 3, x(r.p50Ms) - x(10 ** lowExp), 12, { fill: COLORS.neutral }));
    body.push(
      text(x(r.p99Ms) + 4, y + 13, `${fmtMs(r.p50Ms)} / ${fmtMs(r.p99Ms)}`, {
        fill: '#333',
        'font-size': 11,
      }),
    );
    if (r.ceiling) {
      body.push(
        rect(x(10 ** lowExp), y + 17, x(r.ceiling.p99Ms) - x(10 ** lowExp), 4, { fill: COLORS.ceilingLight }),
      );
      body.push(
        rect(x(10 ** lowExp), y + 17, x(r.ceiling.p50Ms) - x(10 ** lowExp), 4, { fill: COLORS.ceiling }),
      );
    }
  });
  return svgDocument(LABEL_WIDTH + PLOT_WIDTH + 110, height, title, body);
};

const fmtMs = (ms: number) =>
  ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms).toString();
