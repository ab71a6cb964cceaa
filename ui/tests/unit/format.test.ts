import { describe, expect, it } from 'vitest';
import { formatMinutes, formatRange, relativeDays, shortSha, formatDate, basename } from '../../src/lib/format';
import { addDays, daysBetween, isValidIso, weekStart, addMonths, todayIso } from '../../src/lib/dates';

describe('formatMinutes', () => {
  it('shows clock hours', () => {
    expect(formatMinutes(450)).toBe('7:30');
    expect(formatMinutes(5)).toBe('0:05');
    expect(formatMinutes(1560, 'clock')).toBe('26:00');
  });
  it('shows decimal hours without trailing zeros', () => {
    expect(formatMinutes(450, 'decimal')).toBe('7.5');
    expect(formatMinutes(480, 'decimal')).toBe('8');
    expect(formatMinutes(440, 'decimal')).toBe('7.33');
    expect(formatMinutes(123_450, 'decimal')).toBe('2057.5');
  });
});

describe('dates', () => {
  it('finds the Monday of a week', () => {
    expect(weekStart('2026-03-04')).toBe('2026-03-02');
    expect(weekStart('2026-03-08')).toBe('2026-03-02');
    expect(weekStart('2026-03-09')).toBe('2026-03-09');
  });
  it('adds days across a daylight-saving change and a year end', () => {
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });
  it('validates calendar dates', () => {
    expect(isValidIso('2026-02-29')).toBe(false);
    expect(isValidIso('2028-02-29')).toBe(true);
    expect(isValidIso('2026-3-1')).toBe(false);
  });
  it('adds months, clamping to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-15', 36)).toBe('2029-03-15');
  });
  it('uses the local calendar date for today', () => {
    expect(todayIso(new Date(2026, 2, 4, 23, 59))).toBe('2026-03-04');
  });
});

describe('labels', () => {
  it('formats a week range', () => {
    expect(formatRange('2026-03-02', '2026-03-08')).toBe('Mar 2 – 8, 2026');
    expect(formatRange('2026-03-30', '2026-04-05')).toBe('Mar 30 – Apr 5, 2026');
    expect(formatRange('2026-12-28', '2027-01-03')).toBe('Dec 28, 2026 – Jan 3, 2027');
  });
  it('formats dates in UTC so the day never shifts', () => {
    expect(formatDate('2026-03-02', 'weekday')).toBe('Mon, Mar 2');
    expect(formatDate(null)).toBe('—');
  });
  it('says relative days', () => {
    expect(relativeDays(0)).toBe('today');
    expect(relativeDays(12)).toBe('in 12 days');
    expect(relativeDays(-3)).toBe('3 days ago');
  });
  it('shortens digests and paths', () => {
    expect(shortSha('a'.repeat(64))).toHaveLength(12);
    expect(basename('/home/a/osha card.pdf')).toBe('osha card.pdf');
    expect(basename('C:\\Users\\a\\x.toml')).toBe('x.toml');
  });
});
