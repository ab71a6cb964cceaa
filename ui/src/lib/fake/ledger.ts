// The apprentice's side of sign-offs in the fake backend: the mentor decisions this
// logbook holds (as sync would have brought them), each entry's review state, and the
// rule for which changes an entry still allows. Mirrors crates/core/src/journal/review.rs
// and entries.rs (`Change::allowed`), with the core's messages; the signatures themselves
// are not simulated, only what they decide.

import type { CourseworkEntry } from '../../bindings/CourseworkEntry';
import type { Decided } from '../../bindings/Decided';
import type { EntryStatus } from '../../bindings/EntryStatus';
import type { InvalidSignoff } from '../../bindings/InvalidSignoff';
import type { MilestoneRequest } from '../../bindings/MilestoneRequest';
import type { OjlEntry } from '../../bindings/OjlEntry';
import type { RecordReview } from '../../bindings/RecordReview';
import { ApiError } from '../errors';
import { fakeSha256, newId } from './ids';

export type Entry = OjlEntry | CourseworkEntry;

/** Who the fake's mentor is, on every seeded or simulated decision. */
export const MENTOR = { id: 'mentor-dana-whitfield', name: 'Dana Whitfield' };

/** What a change to an entry is, for the rule that decides whether it may happen. */
export type Change = 'edit' | 'delete' | 'amend';

/** The signed content of a record: what the "content hash" stands for here. */
function contentOf(e: Entry): string {
  // Status is not content: the core's hash covers the record's fields, and an entry
  // stays `submitted` in the table when its mentor approves or returns it.
  const { status: _status, ...rest } = e;
  return JSON.stringify(rest);
}

interface Signed extends Decided {
  content: string;
}

export class FakeLedger {
  /** The latest decision on each record, by record id. */
  decisions = new Map<string, Signed>();
  /** Milestones the apprentice asked to have signed, with the sign-off once given. */
  requests: MilestoneRequest[] = [];
  /** Sign-offs that failed verification (a test knob: nothing here fails by itself). */
  invalid: InvalidSignoff[] = [];

  /** A mentor's decision on `entry` as it is now, as if a sync had just brought it. */
  decide(entry: Entry, approved: boolean, comment = '', mentor = MENTOR, signedAt = new Date().toISOString()): Decided {
    const content = contentOf(entry);
    const decided: Signed = {
      signoff_id: newId(),
      approved,
      comment,
      mentor_id: mentor.id,
      mentor_name: mentor.name,
      signed_at: signedAt,
      version: entry.version,
      content_hash: fakeSha256(content),
      content,
    };
    this.decisions.set(entry.id, decided);
    return strip(decided);
  }

  /** A milestone sign-off arriving for a requested milestone. */
  signMilestone(code: string, comment = '', mentor = MENTOR): void {
    const request = this.requests.find((r) => r.code === code);
    if (!request) return;
    request.signed = {
      signoff_id: newId(), approved: true, comment, mentor_id: mentor.id, mentor_name: mentor.name,
      signed_at: new Date().toISOString(), version: 0, content_hash: '',
    };
  }

  review(e: Entry): RecordReview {
    const amends = e.amends_version ?? null;
    const d = this.decisions.get(e.id);
    if (d && d.version === e.version) {
      if (d.content !== contentOf(e)) return { record_id: e.id, state: 'changed_after_signoff', decision: strip(d), amends_version: amends };
      return { record_id: e.id, state: d.approved ? 'approved' : 'returned', decision: strip(d), amends_version: amends };
    }
    return { record_id: e.id, state: e.status, decision: null, amends_version: amends };
  }

  approved(e: Entry): boolean {
    return this.review(e).state === 'approved';
  }

  /**
   * The core's `Change::allowed`: drafts and returned entries change freely (back to
   * draft); a submitted one waits for its mentor; an approved one changes only by an
   * amendment, which is submitted at once. Returns the new status and, for an
   * amendment, the version it corrects.
   */
  allowed(e: Entry, change: Change, what: string): { status: EntryStatus; amends: number | null } {
    const state = this.review(e).state;
    const subject = `the ${what} of ${e.date}`;
    if (change !== 'amend' && (state === 'draft' || state === 'returned')) return { status: 'draft', amends: null };
    if (change === 'amend' && state === 'approved') return { status: 'submitted', amends: e.version };
    if (change === 'amend') {
      throw ApiError.invalid('amend', `${subject} is ${state}; only an approved entry is amended (edit it instead)`);
    }
    if (state === 'approved' || state === 'changed_after_signoff') {
      throw new ApiError({
        code: 'signed_off',
        message: `${subject} was signed off by your mentor and is locked; correct it with an amendment, which your mentor approves again`,
      });
    }
    throw new ApiError({ code: 'locked', message: `${subject} is ${state} and can no longer be changed` });
  }
}

function strip(d: Signed): Decided {
  const { content: _content, ...decided } = d;
  return decided;
}
