import { describe, expect, it } from 'vitest';
import type { ReviewItem } from '../../src/bindings/ReviewItem';
import { decisionMessage, firstName, groupByDay, lockedReason, reviewBadge, shortName } from '../../src/lib/review';

const decided = {
  signoff_id: 's1', approved: true, comment: '', mentor_id: 'm1', mentor_name: 'Dana Whitfield',
  signed_at: '2026-03-09T17:30:00Z', version: 1, content_hash: 'h',
};

function item(id: string, date: string, kind: 'ojl' | 'coursework', code: string, minutes: number): ReviewItem {
  const base = { id, date, minutes, note: '', status: 'submitted' as const, version: 1, created_at: '', updated_at: '' };
  const it = kind === 'ojl'
    ? { kind, ...base, work_process: code, site: '', supervisor: '', prior_credit: false }
    : { kind, ...base, course: code, paid: true, grade: null };
  return { item: it, review: { record_id: id, state: 'submitted', decision: null } };
}

describe('review wording', () => {
  it('shortens names for badges and finds first names for toasts', () => {
    expect(shortName('Dana Whitfield')).toBe('Dana W.');
    expect(shortName('Ana Maria de la Cruz')).toBe('Ana C.');
    expect(shortName('Cher')).toBe('Cher');
    expect(firstName('Priya Nair')).toBe('Priya');
  });

  it('names the mentor on an approval and warns on a changed entry', () => {
    expect(reviewBadge({ state: 'approved', decision: decided })).toMatchObject({ text: 'Approved by Dana W.', tone: 'success' });
    expect(reviewBadge({ state: 'approved', decision: decided }).title).toContain('Mar 9');
    expect(reviewBadge({ state: 'returned', decision: { ...decided, approved: false } }).tone).toBe('danger');
    expect(reviewBadge({ state: 'changed_after_signoff', decision: decided })).toMatchObject({ text: 'Changed after sign-off', tone: 'warn' });
    expect(reviewBadge({ state: 'draft', decision: null }).text).toBe('Draft');
  });

  it('says why submitted and changed entries are locked, and nothing for editable ones', () => {
    expect(lockedReason('submitted')).toMatch(/waiting for your mentor/);
    expect(lockedReason('changed_after_signoff')).toMatch(/can't be edited/);
    expect(lockedReason('draft')).toBeNull();
    expect(lockedReason('returned')).toBeNull();
    expect(lockedReason('approved')).toBeNull();
  });

  it('confirms a decision with the count and the first name', () => {
    expect(decisionMessage(true, 3, 'Dana Kim')).toBe('Approved 3 entries for Dana — sent with the next sync.');
    expect(decisionMessage(false, 1, 'Jordan Reyes')).toBe('Returned 1 entry to Jordan — sent with the next sync.');
  });
});

describe('groupByDay', () => {
  it('groups a period by day, then OJL by work process before coursework, with totals', () => {
    const days = groupByDay([
      item('a', '2026-03-03', 'ojl', 'WP5', 120),
      item('b', '2026-03-02', 'coursework', 'MRA-106', 120),
      item('c', '2026-03-02', 'ojl', 'WP3', 300),
      item('d', '2026-03-02', 'ojl', 'WP3', 180),
      item('e', '2026-03-02', 'ojl', 'WP1', 60),
    ]);
    expect(days.map((d) => [d.date, d.minutes])).toEqual([['2026-03-02', 660], ['2026-03-03', 120]]);
    expect(days[0].groups.map((g) => [g.kind, g.key, g.minutes, g.items.map((i) => i.item.id).join('')])).toEqual([
      ['ojl', 'WP1', 60, 'e'],
      ['ojl', 'WP3', 480, 'cd'],
      ['coursework', 'MRA-106', 120, 'b'],
    ]);
  });
});
