// The one typed client for the backend. Screens call `backend()`; it is the Tauri
// implementation inside the desktop shell and the in-memory fake anywhere else (browser
// tests, `vite dev`). Both implement `Backend` and throw ApiError on failure.

import type { CertificationInput } from '../bindings/CertificationInput';
import type { Certification } from '../bindings/Certification';
import type { CourseworkEntry } from '../bindings/CourseworkEntry';
import type { CourseworkInput } from '../bindings/CourseworkInput';
import type { DateRange } from '../bindings/DateRange';
import type { LogItem } from '../bindings/LogItem';
import type { OjlEntry } from '../bindings/OjlEntry';
import type { OjlInput } from '../bindings/OjlInput';
import type { Profile } from '../bindings/Profile';
import type { ProfileInput } from '../bindings/ProfileInput';
import type { Progress } from '../bindings/Progress';
import type { Saved } from '../bindings/Saved';
import type { Settings } from '../bindings/Settings';
import type { TemplateInfo } from '../bindings/TemplateInfo';
import type { WeekLog } from '../bindings/WeekLog';

import type { AppInfo } from '../bindings/AppInfo';

export type { AppInfo };

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface Backend {
  readonly kind: 'tauri' | 'fake';
  appInfo(): Promise<AppInfo>;
  listTemplates(): Promise<TemplateInfo[]>;
  getProfile(): Promise<Profile | null>;
  createProfile(input: ProfileInput): Promise<Profile>;
  importProgram(path: string): Promise<Profile>;
  exportProgram(path: string): Promise<void>;
  getProgress(): Promise<Progress>;
  /** The Monday–Sunday week containing `date`; "" means this week. */
  getWeek(date: string): Promise<WeekLog>;
  listEntries(range: DateRange): Promise<LogItem[]>;
  recentEntries(limit: number): Promise<LogItem[]>;
  logOjl(input: OjlInput): Promise<Saved<OjlEntry>>;
  updateOjl(id: string, input: OjlInput): Promise<Saved<OjlEntry>>;
  deleteOjl(id: string): Promise<void>;
  logCoursework(input: CourseworkInput): Promise<Saved<CourseworkEntry>>;
  updateCoursework(id: string, input: CourseworkInput): Promise<Saved<CourseworkEntry>>;
  deleteCoursework(id: string): Promise<void>;
  listCoursework(range: DateRange): Promise<CourseworkEntry[]>;
  addCertification(input: CertificationInput): Promise<Saved<Certification>>;
  updateCertification(id: string, input: CertificationInput): Promise<Saved<Certification>>;
  deleteCertification(id: string): Promise<void>;
  listCertifications(): Promise<Certification[]>;
  /** Marks the drafts in range submitted; returns how many. */
  submitEntries(range: DateRange): Promise<number>;
  getSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<Settings>;
  benchPainted(label: string): Promise<void>;
  /** Native open dialog; null when cancelled. */
  pickFile(filters: FileFilter[], title?: string): Promise<string | null>;
  /** Native save dialog; null when cancelled. */
  pickSavePath(defaultName: string, filters: FileFilter[], title?: string): Promise<string | null>;
}

export const ALL_TIME: DateRange = { from: '', to: '' };

let active: Backend | null = null;

export function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

/** Picks the implementation once: Tauri inside the shell, the fake elsewhere. */
export async function initBackend(): Promise<Backend> {
  if (active) return active;
  if (inTauri()) {
    const { TauriBackend } = await import('./tauri');
    active = new TauriBackend();
  } else {
    const { createFakeFromLocation } = await import('./fake/index');
    active = createFakeFromLocation(window.location.search);
  }
  return active;
}

export function backend(): Backend {
  if (!active) throw new Error('backend not initialised: call initBackend() first');
  return active;
}

/** For tests: install a specific implementation. */
export function setBackend(b: Backend | null): void {
  active = b;
}
