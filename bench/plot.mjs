// A small hand-written SVG line plot with logarithmic axes: time against schema size, one line a series.

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#17becf', '#7f7f7f'];
const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function decades(min, max) {
  const out = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) out.push(10 ** e);
  return out;
}

function label(value, unit) {
  if (unit === 'ms' && value >= 1000) return `${value / 1000} s`;
  return `${value}${unit ? ` ${unit}` : ''}`;
}

/**
 * series: [{ name, points: [[x, y], ...] }]; x and y must be positive. Returns the SVG text.
 */
export function logLogPlot({ title, xLabel, yLabel, yUnit = 'ms', series, width = 760, height = 460 }) {
  const points = series.flatMap((s) => s.points).filter(([x, y]) => x > 0 && y > 0);
  const xs = decades(Math.min(...points.map((p) => p[0])), Math.max(...points.map((p) => p[0])));
  const ys = decades(Math.min(...points.map((p) => p[1])), Math.max(...points.map((p) => p[1])));
  const left = 70;
  const right = 230;
  const top = 40;
  const bottom = 50;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const lx = (x) => left + ((Math.log10(x) - Math.log10(xs[0])) / (Math.log10(xs.at(-1)) - Math.log10(xs[0]) || 1)) * plotW;
  const ly = (y) => top + plotH - ((Math.log10(y) - Math.log10(ys[0])) / (Math.log10(ys.at(-1)) - Math.log10(ys[0]) || 1)) * plotH;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${left + plotW / 2}" y="22" text-anchor="middle" font-size="15">${escape(title)}</text>`,
  ];
  for (const x of xs) {
    out.push(`<line x1="${lx(x).toFixed(1)}" y1="${top}" x2="${lx(x).toFixed(1)}" y2="${top + plotH}" stroke="#ddd"/>`);
    out.push(`<text x="${lx(x).toFixed(1)}" y="${top + plotH + 18}" text-anchor="middle">${label(x, '')}</text>`);
  }
  for (const y of ys) {
    out.push(`<line x1="${left}" y1="${ly(y).toFixed(1)}" x2="${left + plotW}" y2="${ly(y).toFixed(1)}" stroke="#ddd"/>`);
    out.push(`<text x="${left - 6}" y="${(ly(y) + 4).toFixed(1)}" text-anchor="end">${label(y, yUnit)}</text>`);
  }
  out.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${left + plotW / 2}" y="${height - 10}" text-anchor="middle">${escape(xLabel)}</text>`);
  out.push(`<text transform="translate(16 ${top + plotH / 2}) rotate(-90)" text-anchor="middle">${escape(yLabel)}</text>`);
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const pts = s.points.filter(([x, y]) => x > 0 && y > 0).sort((a, b) => a[0] - b[0]);
    const dash = s.dashed ? ' stroke-dasharray="5 4"' : '';
    if (pts.length > 1) out.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${pts.map(([x, y]) => `${lx(x).toFixed(1)},${ly(y).toFixed(1)}`).join(' ')}"/>`);
    for (const [x, y] of pts) out.push(`<circle cx="${lx(x).toFixed(1)}" cy="${ly(y).toFixed(1)}" r="3" fill="${color}"><title>${escape(`${s.name}: ${x} tables, ${label(Math.round(y), yUnit)}`)}</title></circle>`);
    const ky = top + 10 + i * 20;
    out.push(`<line x1="${left + plotW + 15}" y1="${ky}" x2="${left + plotW + 40}" y2="${ky}" stroke="${color}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${left + plotW + 46}" y="${ky + 4}">${escape(s.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
