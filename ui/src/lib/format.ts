// Display formatting. Minutes are integers everywhere; only here do they become text.

import type { HoursDisplay } from '../bindings/HoursDisplay';
import { isoToUtc } from './dates';

const LOCALE = 'en-US';

/** `450` → `7:30` (clock) or `7.5` (decimal). */
export function formatMinutes(minutes: number, display: HoursDisplay = 'clock'): string {
  const sign = minutes < 0 ? '-' : '';
  const m = Math.abs(Math.round(minutes));
  if (display === 'decimal') {
    const hours = Math.round((m / 60) * 100) / 100;
    return sign + hours.toLocaleString(LOCALE, { maximumFractionDigits: 2, useGrouping: false });
  }
  return `${sign}${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

/** Whole hours with grouping, for large figures: `123456` min → `2,057`. */
export function formatWholeHours(minutes: number): string {
  return Math.floor(minutes / 60).toLocaleString(LOCALE);
}

export function formatNumber(n: number, digits = 0): string {
  return n.toLocaleString(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatPercent(p: number, digits = 1): string {
  const clamped = Math.max(0, p);
  return `${clamped.toLocaleString(LOCALE, { maximumFractionDigits: digits, minimumFractionDigits: 0 })}%`;
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let f = fmtCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: 'UTC' });
    fmtCache.set(key, f);
  }
  return f;
}

export type DateStyle = 'short' | 'medium' | 'long' | 'weekday' | 'weekdayLong' | 'month' | 'day';

const STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  short: { month: 'short', day: 'numeric' },
  medium: { month: 'short', day: 'numeric', year: 'numeric' },
  long: { month: 'long', day: 'numeric', year: 'numeric' },
  weekday: { weekday: 'short', month: 'short', day: 'numeric' },
  weekdayLong: { weekday: 'long', month: 'long', day: 'numeric' },
  month: { month: 'short' },
  day: { day: 'numeric' },
};

export function formatDate(iso: string | null | undefined, style: DateStyle = 'medium'): string {
  if (!iso) return '—';
  try {
    return fmt(STYLES[style]).format(new Date(isoToUtc(iso)));
  } catch {
    return iso;
  }
}

/** "Mar 2 – 8, 2026" or "Mar 30 – Apr 5, 2026" or across years. */
export function formatRange(from: string, to: string): string {
  const a = new Date(isoToUtc(from));
  const b = new Date(isoToUtc(to));
  const sameYear = a.getUTCFullYear() === b.getUTCFullYear();
  const sameMonth = sameYear && a.getUTCMonth() === b.getUTCMonth();
  const left = formatDate(from, sameYear ? 'short' : 'medium');
  const right = sameMonth ? formatDate(to, 'day') : formatDate(to, 'short');
  return `${left} – ${right}, ${b.getUTCFullYear()}`;
}

/** `12` → "in 12 days", `-3` → "3 days ago", `0` → "today". */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

export function shortSha(sha: string): string {
  return sha.slice(0, 12);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function basename(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

const APPROACH_LABEL: Record<string, string> = {
  time_based: 'Time-based',
  competency_based: 'Competency-based',
  hybrid: 'Hybrid',
};
export function approachLabel(a: string): string {
  return APPROACH_LABEL[a] ?? a;
}
