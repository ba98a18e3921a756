/** A tiny SVG writer: elements as strings, attributes escaped. Enough for bar and line charts. */
export type Attributes = Record<string, string | number | undefined>;

export const escapeXml = (value: string): string => value.replace(/[<>&"']/g, (c) => ENTITIES[c] ?? c);

const ENTITIES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
};

const attributes = (attrs: Attributes): string =>
  Object.entries(attrs)
    .filter(([, value]) => value !== undefined)
    .map(
      ([name, value]) => ` ${name}="${escapeXml(typeof value === 'number' ? round(value) : String(value))}"`,
    )
    .join('');

const round = (n: number): string => String(Math.round(n * 100) / 100);

export const tag = (name: string, attrs: Attributes, children: readonly string[] = []): string =>
  children.length === 0
    ? `<${name}${attributes(attrs)}/>`
    : `<${name}${attributes(attrs)}>${children.join('')}</${name}>`;

export const text = (x: number, y: number, content: string, attrs: Attributes = {}): string =>
  `<text${attributes({ x, y, ...attrs })}>${escapeXml(content)}</text>`;

export const line = (x1: number, y1: number, x2: number, y2: number, attrs: Attributes = {}): string =>
  tag('line', { x1, y1, x2, y2, ...attrs });

export const rect = (x: number, y: number, width: number, height: number, attrs: Attributes = {}): string =>
  tag('rect', { x, y, width: Math.max(0, width), height, ...attrs });

export const svgDocument = (width: number, height: number, title: string, body: readonly string[]): string =>
  `${tag(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${round(width)} ${round(height)}`,
      'font-family': 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif',
      'font-size': 12,
    },
    [
      `<title>${escapeXml(title)}</title>`,
      rect(0, 0, width, height, { fill: '#ffffff' }),
      text(12, 20, title, { 'font-size': 14, 'font-weight': 'bold', fill: '#222' }),
      ...body,
    ],
  )}\n`;

export const COLORS = {
  ok: '#2e7d32',
  missed: '#c62828',
  neutral: '#1565c0',
  light: '#90caf9',
  ceiling: '#9e9e9e',
  ceilingLight: '#e0e0e0',
  grid: '#eeeeee',
  axis: '#555555',
  target: '#222222',
} as const;

/** Room for the longest label at 12 px (about 7 px a character), within bounds. */
export const labelWidth = (labels: readonly string[]): number =>
  Math.min(800, Math.max(160, ...labels.map((l) => l.length * 7 + 16)));

/** A round tick step (1, 2, 2.5 or 5 times a power of ten) near `rough`. */
export const niceStep = (rough: number): number => {
  const power = 10 ** Math.floor(Math.log10(rough));
  const scaled = rough / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10) * power;
};
