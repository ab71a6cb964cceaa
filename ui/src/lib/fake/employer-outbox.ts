// The changes this device queues for the employer server, shaped as the core's outbox
// shapes them (crates/core/src/sync): each carries the version it was made against, which
// is what lets the server spot a conflicting edit from another device.

import type { JsonValue } from '../../bindings/serde_json/JsonValue';
import type { Profile } from '../../bindings/Profile';
import type { SyncConflict } from '../../bindings/SyncConflict';
import { clone } from './programs';
import { newId } from './ids';

export interface Mutation {
  mutation_id: string;
  kind: string;
  record_id: string;
  base_version: number;
  payload: JsonValue;
}

/** A local write of `record` (already at its new version); a delete sends a tombstone. */
export function writeMutation(kind: string, op: 'upsert' | 'delete', record: { id: string; version: number }): Mutation {
  return {
    mutation_id: newId(),
    kind: `${kind}.${op}`,
    record_id: record.id,
    base_version: op === 'delete' ? record.version : record.version - 1,
    payload: clone(op === 'delete' ? { id: record.id, version: record.version + 1, deleted_at: new Date().toISOString() } : record) as JsonValue,
  };
}

/** A profile created on this device: its enrollment goes to the server like any record. */
export function enrollmentMutation(profile: Profile): Mutation {
  return {
    mutation_id: newId(),
    kind: 'enrollment.upsert',
    record_id: 'enrollment',
    base_version: profile.enrollment.version - 1,
    payload: clone(profile.enrollment) as JsonValue,
  };
}

/**
 * A conflict settled for this device's side: `mine` (the local record, moved past their
 * version) is sent again, or, where it was deleted here, a tombstone.
 */
export function keepMineMutation(c: SyncConflict, mine: object | null): Mutation {
  return {
    mutation_id: newId(),
    kind: `${c.kind}.${c.mine_deleted ? 'delete' : 'upsert'}`,
    record_id: c.record_id,
    base_version: c.theirs_version,
    payload: (mine ?? { id: c.record_id, version: c.theirs_version + 1, deleted_at: new Date().toISOString() }) as JsonValue,
  };
}

/** A sign-off made on a mentor's device, on its way to the server. */
export function signoffMutation(signoffId: string, apprenticeId: string): Mutation {
  return {
    mutation_id: newId(),
    kind: 'signoff.upsert',
    record_id: signoffId,
    base_version: 0,
    payload: { signoff_id: signoffId, apprentice_id: apprenticeId } as JsonValue,
  };
}
