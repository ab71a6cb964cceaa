import { describe, expect, it } from 'vitest';
import { parseMinutes } from '../../src/lib/fake/hours';
import { ApiError } from '../../src/lib/errors';

describe('fake hours parser (port of crates/core duration.rs)', () => {
  it.each([
    ['7.5', 450],
    ['7,5', 450],
    ['7:30', 450],
    ['7h30m', 450],
    ['7h 30m', 450],
    ['8', 480],
    ['8h', 480],
    ['45m', 45],
    ['.25', 15],
    ['0:05', 5],
    [' 2.75 ', 165],
  ])('reads %s as %i minutes', (text, minutes) => {
    expect(parseMinutes('hours', text)).toBe(minutes);
  });

  it.each(['7:75', '-3', 'NaN', 'nan', 'inf', '', '7:5', 'abc', '7.5.1', '1e3', '7h75m', 'h', '7:30:00'])(
    'refuses %j naming the field',
    (bad) => {
      let caught: unknown;
      try {
        parseMinutes('hours', bad);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ApiError);
      const err = caught as ApiError;
      expect(err.code).toBe('invalid_input');
      expect(err.field).toBe('hours');
      expect(err.message.startsWith('hours')).toBe(true);
    },
  );

  it('explains why 7:75 and -3 are wrong', () => {
    expect(() => parseMinutes('hours', '7:75')).toThrow(/more than 59 minutes/);
    expect(() => parseMinutes('hours', '-3')).toThrow(/negative/);
  });
});
