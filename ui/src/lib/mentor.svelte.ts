// A mentor's device: the assigned apprentices, shared by the Apprentices screen and the
// sidebar's count of entries waiting for review. The shell reloads it after every write.

import type { ApprenticeOverview } from '../bindings/ApprenticeOverview';
import { backend } from './api';
import { describe } from './errors';

export class MentorState {
  apprentices = $state<ApprenticeOverview[] | null>(null);
  failure = $state<string | null>(null);

  /** Entries waiting for a decision, across every apprentice. */
  get waiting(): number {
    return (this.apprentices ?? []).reduce((n, a) => n + a.pending_entries, 0);
  }

  async load(): Promise<void> {
    try {
      this.apprentices = await backend().mentorApprentices();
      this.failure = null;
    } catch (e) {
      this.failure = describe(e);
    }
  }
}

export const mentor = new MentorState();
