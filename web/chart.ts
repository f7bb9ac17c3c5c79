// The attendance-rate chart as inline SVG, drawn on the server: one bar per month, no script.
import { esc } from './html.js';

export interface MonthRate {
  label: string;
  /** 0..1, or undefined for a month without a held meeting. */
  rate?: number;
}

export function rateChart(months: MonthRate[]): string {
  const w = 560;
  const h = 200;
  const left = 36;
  const bottom = 28;
  const plotH = h - bottom - 12;
  const step = (w - left) / Math.max(1, months.length);
  const bars = months
    .map((m, i) => {
      const x = left + i * step + step * 0.2;
      const bw = step * 0.6;
      const label = `<text x="${x + bw / 2}" y="${h - 8}" text-anchor="middle" font-size="12">${esc(m.label)}</text>`;
      if (m.rate === undefined)
        return `${label}<text x="${x + bw / 2}" y="${h - bottom - 4}" text-anchor="middle" font-size="11" fill="#999">无</text>`;
      const bh = Math.round(plotH * m.rate);
      const y = h - bottom - bh;
      return `${label}<rect x="${x}" y="${y}" width="${bw}" height="${bh}" fill="#c62828"/><text x="${x + bw / 2}" y="${y - 3}" text-anchor="middle" font-size="11">${Math.round(m.rate * 100)}%</text>`;
    })
    .join('');
  const grid = [0, 0.5, 1]
    .map((g) => {
      const y = h - bottom - plotH * g;
      return `<line x1="${left}" x2="${w}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="${left - 4}" y="${y + 4}" text-anchor="end" font-size="11">${g * 100}%</text>`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${w} ${h}" role="img" aria-label="近六个月出席率">${grid}${bars}</svg>`;
}
