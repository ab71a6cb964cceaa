// App-wide state: who is logged in (the profile), their settings, which screen is open,
// and a revision counter that screens watch to refetch after any write.

import type { Profile } from '../bindings/Profile';
import type { Settings } from '../bindings/Settings';
import { backend } from './api';
import { describe } from './errors';
import { formatMinutes } from './format';
import { applyTheme } from './theme';

export type Screen =
  | 'dashboard' | 'log' | 'coursework' | 'certifications' | 'program' | 'export' | 'sync' | 'settings'
  | 'apprentices' | 'review';

/** An apprentice's device keeps a logbook; a mentor's device reviews its apprentices'. */
export type Mode = 'apprentice' | 'mentor';

export const SCREENS: { id: Screen; label: string }[] = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'log', label: 'Log hours' },
  { id: 'coursework', label: 'Coursework' },
  { id: 'certifications', label: 'Certifications' },
  { id: 'program', label: 'Program' },
  { id: 'export', label: 'Export' },
  { id: 'sync', label: 'Sync' },
  { id: 'settings', label: 'Settings' },
];

/** A mentor's device has no logbook of its own (Alt+1…4). */
export const MENTOR_SCREENS: { id: Screen; label: string }[] = [
  { id: 'apprentices', label: 'Apprentices' },
  { id: 'review', label: 'Review' },
  { id: 'sync', label: 'Sync' },
  { id: 'settings', label: 'Settings' },
];

export const DEFAULT_SETTINGS: Settings = { theme: 'system', hours_display: 'clock', default_work_process: '' };

export type Phase = 'booting' | 'setup' | 'ready' | 'failed';

export class AppState {
  phase = $state<Phase>('booting');
  failure = $state<string | null>(null);
  profile = $state<Profile | null>(null);
  settings = $state<Settings>({ ...DEFAULT_SETTINGS });
  screen = $state<Screen>('dashboard');
  mode = $state<Mode>('apprentice');
  /** On the Review screen, only this apprentice's periods (null: everyone's). */
  reviewFilter = $state<string | null>(null);
  /** Bumped after every write; screens reload when it changes. */
  revision = $state(0);

  /** Minutes as hours text in the user's chosen style. */
  hours = (minutes: number): string => formatMinutes(minutes, this.settings.hours_display);

  /** The screens of this device's mode, in sidebar (and Alt+number) order. */
  get screens(): { id: Screen; label: string }[] {
    return this.mode === 'mentor' ? MENTOR_SCREENS : SCREENS;
  }

  async boot(): Promise<void> {
    try {
      const api = backend();
      const [profile, settings] = await Promise.all([api.getProfile(), api.getSettings()]);
      this.settings = settings;
      applyTheme(settings.theme);
      this.profile = profile;
      if (profile) {
        this.phase = 'ready';
        return;
      }
      // No logbook: a mentor's device never has one, anything else goes to first-run setup.
      const status = await api.syncStatus().catch(() => null);
      if (status?.role === 'mentor') this.enterMentor();
      else this.phase = 'setup';
    } catch (e) {
      this.failure = describe(e);
      this.phase = 'failed';
    }
  }

  enter(profile: Profile): void {
    this.mode = 'apprentice';
    this.profile = profile;
    this.screen = 'dashboard';
    this.phase = 'ready';
    this.changed();
  }

  /** A mentor's device: Apprentices and Review instead of a logbook. */
  enterMentor(): void {
    this.mode = 'mentor';
    this.profile = null;
    this.screen = 'apprentices';
    this.phase = 'ready';
    this.changed();
  }

  go(screen: Screen): void {
    this.screen = screen;
  }

  changed(): void {
    this.revision++;
  }

  /** Re-reads the profile, e.g. after sync brought a new program revision. */
  async reloadProfile(): Promise<void> {
    try {
      const profile = await backend().getProfile();
      if (profile) this.profile = profile;
    } catch {
      // Keep what is shown; the next reload tries again.
    }
  }

  async saveSettings(next: Settings): Promise<void> {
    const previous = this.settings;
    this.settings = next;
    applyTheme(next.theme);
    try {
      this.settings = await backend().saveSettings(next);
      applyTheme(this.settings.theme);
    } catch (e) {
      this.settings = previous;
      applyTheme(previous.theme);
      throw e;
    }
  }
}

export const app = new AppState();
