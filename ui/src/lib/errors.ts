// Every failed backend call becomes an ApiError carrying the core's ErrorPayload, so the
// UI branches on `code` and puts `message` next to the field named by `field`.

import type { ErrorPayload } from '../bindings/ErrorPayload';

export class ApiError extends Error implements ErrorPayload {
  readonly code: string;
  readonly field: string | null;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.code = payload.code;
    this.field = payload.field ?? null;
  }

  static invalid(field: string, message: string): ApiError {
    return new ApiError({ code: 'invalid_input', message, field });
  }
}

function isPayload(v: unknown): v is ErrorPayload {
  return typeof v === 'object' && v !== null && typeof (v as ErrorPayload).code === 'string'
    && typeof (v as ErrorPayload).message === 'string';
}

/** Normalise whatever a rejected call carried (payload object, JSON text, Error, string). */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (isPayload(e)) return new ApiError(e);
  if (typeof e === 'string') {
    try {
      const parsed: unknown = JSON.parse(e);
      if (isPayload(parsed)) return new ApiError(parsed);
    } catch {
      // plain text
    }
    return new ApiError({ code: 'unknown', message: e });
  }
  if (e instanceof Error) return new ApiError({ code: 'unknown', message: e.message });
  return new ApiError({ code: 'unknown', message: 'Something went wrong.' });
}

/** Field errors of a form: the field's message, keyed by field name. */
export type FieldErrors = Record<string, string>;

/**
 * Split an error into a field error (when the field is one this form shows) or a general
 * message for a banner.
 */
export function splitError(e: unknown, fields: readonly string[]): { fields: FieldErrors; general: string | null } {
  const err = toApiError(e);
  if (err.code === 'invalid_input' && err.field && fields.includes(err.field)) {
    return { fields: { [err.field]: err.message }, general: null };
  }
  return { fields: {}, general: describe(err) };
}

/** A sentence for a banner or toast. */
export function describe(e: unknown): string {
  const err = toApiError(e);
  switch (err.code) {
    case 'locked':
      return `${err.message}.`.replace(/\.\.$/, '.');
    case 'storage':
      return `Couldn't save to the logbook: ${err.message}`;
    case 'io':
      return `A file couldn't be read or written: ${err.message}`;
    default:
      return err.message;
  }
}
