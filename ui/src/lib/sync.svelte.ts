// Sync state shared by the header, Settings and the Sync screen: the latest status,
// whether a "Sync now" round is running and how the last one failed. It follows the
// shell's `sync://status` and `sync://changed` events and re-reads the status after
// every action (local writes add pending changes without an event).

import type { ConnectInput } from './api';
import { backend } from './api';
import type { ConflictChoice } from '../bindings/ConflictChoice';
import type { SyncReport } from '../bindings/SyncReport';
import type { SyncStatus } from '../bindings/SyncStatus';
import { describe } from './errors';
import { plural, sentence } from './sync';
import { app } from './state.svelte';
import { toasts } from './toasts.svelte';

export class SyncState {
  status = $state<SyncStatus | null>(null);
  /** A round started with "Sync now" is running. */
  running = $state(false);
  /** Why the last "Sync now" failed, as a sentence; cleared by the next attempt. */
  nowError = $state<string | null>(null);
  /** Bumped whenever the status is re-read; lists of conflicts and refused changes reload on it. */
  revision = $state(0);

  get connected(): boolean {
    return !!this.status && this.status.phase !== 'not_connected';
  }

  /** Follows the shell's events; returns the function that stops following. */
  start(): () => void {
    return backend().onSyncEvent((e) => {
      if (e.type === 'status') this.apply(e.status);
      else this.pulled(e.report);
    });
  }

  apply(status: SyncStatus): void {
    this.status = status;
    if (status.phase === 'synced' || status.phase === 'pending') this.nowError = null;
    this.revision++;
  }

  async refresh(): Promise<void> {
    try {
      this.apply(await backend().syncStatus());
    } catch {
      // Keep the last status; the header is never the place for a crash.
    }
  }

  /** A round changed the logbook: every screen reloads what it shows. */
  pulled(_report: SyncReport): void {
    app.changed();
    void app.reloadProfile();
  }

  async syncNow(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.nowError = null;
    try {
      const report = await backend().syncNow();
      if (report.rejected > 0) {
        toasts.show('warn', `The server refused ${plural(report.rejected, 'change')}. See Sync for the reason.`);
      } else if (report.conflicts > 0) {
        toasts.show('warn', `${plural(report.conflicts, 'entry', 'entries')} changed on another device too. Choose which version to keep in Sync.`);
      }
      if (report.updated > 0) this.pulled(report);
    } catch (e) {
      this.nowError = sentence(describe(e));
    } finally {
      this.running = false;
      await this.refresh();
    }
  }

  async connect(input: ConnectInput): Promise<SyncStatus> {
    const status = await backend().connectEmployer(input);
    this.apply(status);
    return status;
  }

  async disconnect(): Promise<void> {
    await backend().disconnectEmployer();
    this.nowError = null;
    await this.refresh();
  }

  async resolve(kind: string, recordId: string, choice: ConflictChoice): Promise<void> {
    await backend().resolveConflict(kind, recordId, choice);
    // Taking theirs changes the logbook; keeping mine queues a change. Both show.
    app.changed();
    await this.refresh();
  }

  async dismiss(mutationId: string): Promise<void> {
    await backend().dismissAttention(mutationId);
    await this.refresh();
  }
}

export const sync = new SyncState();
