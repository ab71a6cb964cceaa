// A port of the core's duration parser (crates/core/src/duration.rs) for the fake
// backend. The UI itself never parses hours: it sends the text as typed.

import { ApiError } from '../errors';

const HINT = 'write hours as 7.5, 7:30 or 7h30m';

function parseWhole(s: string): number | null {
  if (s.length === 0 || s.length > 9 || !/^\d+$/.test(s)) return null;
  return Number(s);
}

function unitForm(raw: string): number | null {
  const lower = raw.toLowerCase().replace(/ /g, '');
  const hIdx = lower.indexOf('h');
  const hoursPart = hIdx >= 0 ? lower.slice(0, hIdx) : null;
  const rest = hIdx >= 0 ? lower.slice(hIdx + 1) : lower;
  let minutesPart: string | null = null;
  if (rest !== '') {
    if (rest.endsWith('min')) minutesPart = rest.slice(0, -3);
    else if (rest.endsWith('m')) minutesPart = rest.slice(0, -1);
    else return null;
  }
  if (hoursPart === null && minutesPart === null) return null;
  const hours = hoursPart === null ? 0 : parseWhole(hoursPart);
  const mins = minutesPart === null ? 0 : parseWhole(minutesPart);
  if (hours === null || mins === null) return null;
  if (hoursPart !== null && mins >= 60) return null;
  return hours * 60 + mins;
}

function decimalHours(raw: string): number | null {
  const normalised = raw.replaceAll(',', '.');
  const dot = normalised.indexOf('.');
  const whole = dot >= 0 ? normalised.slice(0, dot) : normalised;
  const frac = dot >= 0 ? normalised.slice(dot + 1) : '';
  if (whole === '' && frac === '') return null;
  const w = whole === '' ? 0 : parseWhole(whole);
  if (w === null) return null;
  if (frac.length > 4 || !/^\d*$/.test(frac)) return null;
  const tenThousandths = Number(frac.padEnd(4, '0'));
  return w * 60 + Math.floor((tenThousandths * 60 + 5000) / 10000);
}

/** `7.5`, `7:30`, `7h30m`, `8` → minutes; throws `invalid_input` naming `field`. */
export function parseMinutes(field: string, text: string): number {
  const raw = text.trim();
  const bad = (why: string) => ApiError.invalid(field, `${field} "${raw}" ${why}; ${HINT}`);
  if (raw === '') throw ApiError.invalid(field, `${field} is required; ${HINT}`);
  if (raw.startsWith('-')) throw bad('is negative');
  let minutes: number | null;
  const colon = raw.indexOf(':');
  if (colon >= 0) {
    const h = parseWhole(raw.slice(0, colon));
    const m = raw.slice(colon + 1);
    if (h === null) throw bad('is not a time');
    if (m.length !== 2) throw bad('needs two digits of minutes');
    const mins = parseWhole(m);
    if (mins === null) throw bad('is not a time');
    if (mins >= 60) throw bad('has more than 59 minutes');
    minutes = h * 60 + mins;
  } else if (/[hHmM]/.test(raw)) {
    minutes = unitForm(raw);
    if (minutes === null) throw bad('is not a duration');
  } else {
    minutes = decimalHours(raw);
    if (minutes === null) throw bad('is not a number of hours');
  }
  if (minutes > 0xffffffff) throw bad('is too large');
  return minutes;
}
