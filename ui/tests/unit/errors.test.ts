import { describe, expect, it } from 'vitest';
import { ApiError, describe as describeError, splitError, toApiError } from '../../src/lib/errors';

describe('toApiError', () => {
  it('keeps an ErrorPayload object from a rejected invoke', () => {
    const e = toApiError({ code: 'invalid_input', message: 'hours is required', field: 'hours' });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('invalid_input');
    expect(e.field).toBe('hours');
  });
  it('parses a payload sent as JSON text', () => {
    const e = toApiError('{"code":"locked","message":"entry is submitted"}');
    expect(e.code).toBe('locked');
    expect(e.field).toBeNull();
  });
  it('wraps plain text and errors with an unknown code', () => {
    expect(toApiError('boom').code).toBe('unknown');
    expect(toApiError(new Error('bad')).message).toBe('bad');
  });
});

describe('splitError', () => {
  it('puts an invalid field the form shows next to that field', () => {
    const r = splitError({ code: 'invalid_input', message: 'm', field: 'date' }, ['date', 'hours']);
    expect(r.fields).toEqual({ date: 'm' });
    expect(r.general).toBeNull();
  });
  it('sends other errors to the banner', () => {
    const r = splitError({ code: 'invalid_input', message: 'm', field: 'elsewhere' }, ['date']);
    expect(r.fields).toEqual({});
    expect(r.general).toBe('m');
    expect(splitError({ code: 'storage', message: 'disk full' }, ['date']).general).toMatch(/Couldn't save.*disk full/);
  });
  it('describes io errors for people', () => {
    expect(describeError({ code: 'io', message: 'x' })).toMatch(/file/);
  });
});
