// Sign-off wording and shaping shared by the apprentice's and the mentor's screens: what a
// review state is called, who signed, how a period under review is grouped, and what the
// toast says after a decision. Pure functions, so they are tested without a DOM.

import type { LogItem } from '../bindings/LogItem';
import type { RecordReview } from '../bindings/RecordReview';
import type { ReviewItem } from '../bindings/ReviewItem';
import type { ReviewState } from '../bindings/ReviewState';
import { formatDate } from './format';

export type Tone = '' | 'accent' | 'success' | 'warn' | 'danger';

/** "Dana Whitfield" → "Dana W.", short enough for a badge; one word stays as it is. */
export function shortName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return words[0] ?? '';
  return `${words[0]} ${words[words.length - 1][0].toUpperCase()}.`;
}

export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** The badge for an entry's review state: its words, tone and a longer explanation. */
export function reviewBadge(review: Pick<RecordReview, 'state' | 'decision'>): { text: string; tone: Tone; title: string } {
  const d = review.decision;
  const by = d ? shortName(d.mentor_name) : '';
  const on = d ? formatDate(d.signed_at.slice(0, 10), 'short') : '';
  switch (review.state) {
    case 'draft':
      return { text: 'Draft', tone: '', title: 'Not submitted yet: you can still change or delete it.' };
    case 'submitted':
      return { text: 'Submitted', tone: 'accent', title: "Waiting for your mentor's review. It can't be changed until they approve or return it." };
    case 'approved':
      return { text: by ? `Approved by ${by}` : 'Approved', tone: 'success', title: d ? `Approved by ${d.mentor_name} on ${on}. Correct it with an amendment.` : 'Approved.' };
    case 'returned':
      return { text: 'Returned', tone: 'danger', title: d ? `Returned by ${d.mentor_name} on ${on}. Edit it and submit it again.` : 'Returned.' };
    case 'changed_after_signoff':
      return {
        text: 'Changed after sign-off',
        tone: 'warn',
        title: "This entry no longer matches what your mentor signed, so it is left out of your approved hours. Ask your mentor or admin about it.",
      };
  }
}

/** Why an entry offers no edit button, or null when it can be edited. */
export function lockedReason(state: ReviewState): string | null {
  switch (state) {
    case 'submitted':
      return "Submitted: waiting for your mentor's review, so it can't be changed now.";
    case 'changed_after_signoff':
      return "Changed after sign-off: this entry can't be edited or amended.";
    default:
      return null;
  }
}

/** The day and work process (or course) groups of a period's items, days in order. */
export interface DayGroup {
  date: string;
  minutes: number;
  groups: { key: string; kind: 'ojl' | 'coursework'; items: ReviewItem[]; minutes: number }[];
}

function groupKey(item: LogItem): string {
  return item.kind === 'ojl' ? item.work_process : item.course;
}

export function groupByDay(items: ReviewItem[]): DayGroup[] {
  const days = new Map<string, ReviewItem[]>();
  for (const i of items) days.set(i.item.date, [...(days.get(i.item.date) ?? []), i]);
  return [...days.keys()].sort().map((date) => {
    const list = days.get(date)!;
    const groups = new Map<string, ReviewItem[]>();
    // OJL first, then coursework; each by code.
    const sorted = [...list].sort((a, b) => (a.item.kind === b.item.kind ? groupKey(a.item).localeCompare(groupKey(b.item)) : a.item.kind === 'ojl' ? -1 : 1));
    for (const i of sorted) groups.set(`${i.item.kind}:${groupKey(i.item)}`, [...(groups.get(`${i.item.kind}:${groupKey(i.item)}`) ?? []), i]);
    return {
      date,
      minutes: list.reduce((n, i) => n + i.item.minutes, 0),
      groups: [...groups.entries()].map(([key, its]) => ({
        key: key.slice(key.indexOf(':') + 1),
        kind: its[0].item.kind,
        items: its,
        minutes: its.reduce((n, i) => n + i.item.minutes, 0),
      })),
    };
  });
}

/** The confirmation after a decision, e.g. "Approved 3 entries for Dana — sent with the next sync." */
export function decisionMessage(approve: boolean, count: number, apprenticeName: string): string {
  const what = `${count} ${count === 1 ? 'entry' : 'entries'}`;
  const who = firstName(apprenticeName);
  return approve ? `Approved ${what} for ${who} — sent with the next sync.` : `Returned ${what} to ${who} — sent with the next sync.`;
}
