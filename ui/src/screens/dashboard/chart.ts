// Geometry for the weekly bar chart, kept apart from the markup so it can be tested.

import type { WeekTotal } from '../../bindings/WeekTotal';

export interface Bar {
  week: WeekTotal;
  x: number;
  width: number;
  ojlY: number;
  ojlH: number;
  rtiY: number;
  rtiH: number;
}

export interface ChartLayout {
  bars: Bar[];
  /** Y-axis ticks in minutes with their pixel positions. */
  ticks: { minutes: number; y: number }[];
  /** Month labels at the first week of each month. */
  months: { label: string; x: number }[];
  maxMinutes: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The smallest "nice" hour ceiling (multiple of 10 h, at least 40 h) above the data. */
export function niceMax(minutes: number): number {
  const hours = Math.max(40, Math.ceil(minutes / 60 / 10) * 10);
  return hours * 60;
}

export function layoutChart(weekly: WeekTotal[], width: number, height: number, pad = { left: 36, right: 8, top: 8, bottom: 22 }): ChartLayout {
  const plotW = Math.max(0, width - pad.left - pad.right);
  const plotH = Math.max(0, height - pad.top - pad.bottom);
  const maxMinutes = niceMax(Math.max(0, ...weekly.map((w) => w.ojl_minutes + w.rti_minutes)));
  const band = weekly.length ? plotW / weekly.length : 0;
  const barW = Math.max(2, Math.min(28, band * 0.62));
  const y = (m: number) => pad.top + plotH - (m / maxMinutes) * plotH;

  const bars = weekly.map((w, i) => {
    const x = pad.left + i * band + (band - barW) / 2;
    const ojlH = (w.ojl_minutes / maxMinutes) * plotH;
    const rtiH = (w.rti_minutes / maxMinutes) * plotH;
    return { week: w, x, width: barW, ojlY: y(w.ojl_minutes), ojlH, rtiY: y(w.ojl_minutes + w.rti_minutes), rtiH };
  });

  const ticks = [0, 0.5, 1].map((f) => ({ minutes: maxMinutes * f, y: y(maxMinutes * f) }));

  const months: { label: string; x: number }[] = [];
  let lastMonth = -1;
  weekly.forEach((w, i) => {
    const month = Number(w.week_start.slice(5, 7)) - 1;
    if (month !== lastMonth) {
      // Skip a label that would crowd the previous one.
      const x = pad.left + i * band + band / 2;
      if (!months.length || x - months[months.length - 1].x > 28) months.push({ label: MONTHS[month], x });
      lastMonth = month;
    }
  });

  return { bars, ticks, months, maxMinutes };
}
