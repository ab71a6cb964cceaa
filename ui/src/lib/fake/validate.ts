// The core's input rules that the UI flows exercise, reproduced for the fake backend.

import type { CourseworkEntry } from '../../bindings/CourseworkEntry';
import type { OjlEntry } from '../../bindings/OjlEntry';
import type { Profile } from '../../bindings/Profile';
import { isValidIso } from '../dates';
import { ApiError } from '../errors';
import { formatMinutes } from '../format';
import { parseMinutes } from './hours';

export const DAY_LIMIT = 24 * 60;

export function requireDate(field: string, value: string, today: string): string {
  const v = value.trim();
  if (v === '') throw ApiError.invalid(field, `${field} is required; use YYYY-MM-DD`);
  if (!isValidIso(v)) throw ApiError.invalid(field, `${field} "${v}" is not a date; use YYYY-MM-DD`);
  if (v > today) throw ApiError.invalid(field, `${field} ${v} is in the future; entries can be logged up to today (${today})`);
  return v;
}

export function requireText(field: string, value: string, what = field): string {
  const v = value.trim();
  if (v === '') throw ApiError.invalid(field, `${what} is required`);
  return v;
}

/** Hours of an entry: parsed, more than zero, at most a day. */
export function entryMinutes(text: string): number {
  const minutes = parseMinutes('hours', text);
  if (minutes === 0) throw ApiError.invalid('hours', 'hours must be more than zero');
  return minutes;
}

export function checkNotBeforeStart(profile: Profile, date: string, priorCredit: boolean): void {
  if (!priorCredit && date < profile.enrollment.start_date) {
    throw ApiError.invalid(
      'date',
      `date ${date} is before the enrollment start date ${profile.enrollment.start_date}; only prior credit can be dated earlier`,
    );
  }
}

/** At most 24:00 on one calendar day, across OJL and coursework. */
export function checkDayTotal(
  date: string,
  minutes: number,
  ojl: OjlEntry[],
  coursework: CourseworkEntry[],
  exceptId: string | null,
): void {
  const already =
    ojl.filter((e) => e.date === date && e.id !== exceptId).reduce((a, e) => a + e.minutes, 0) +
    coursework.filter((e) => e.date === date && e.id !== exceptId).reduce((a, e) => a + e.minutes, 0);
  const total = already + minutes;
  if (total > DAY_LIMIT) {
    const logged = already > 0 ? ` (${formatMinutes(already)} is already logged that day)` : '';
    throw ApiError.invalid('hours', `hours on ${date} would total ${formatMinutes(total)}; a day holds at most 24:00${logged}`);
  }
}
