// The fake backend's logbook: profile, entries, certifications and settings, with the
// core's key rules reproduced (see validate.ts and ledger.ts). FakeBackend (backend.ts)
// adds sync and sign-offs on top. A test double for UI flows only; the real rules live in Rust.

import type { AppInfo, FileFilter } from '../api';
import type { EntryStatus } from '../../bindings/EntryStatus';
import type { Certification } from '../../bindings/Certification';
import type { CertificationInput } from '../../bindings/CertificationInput';
import type { CourseworkEntry } from '../../bindings/CourseworkEntry';
import type { CourseworkInput } from '../../bindings/CourseworkInput';
import type { DateRange } from '../../bindings/DateRange';
import type { DayLog } from '../../bindings/DayLog';
import type { LogItem } from '../../bindings/LogItem';
import type { OjlEntry } from '../../bindings/OjlEntry';
import type { OjlInput } from '../../bindings/OjlInput';
import type { Profile } from '../../bindings/Profile';
import type { ProfileInput } from '../../bindings/ProfileInput';
import type { Progress } from '../../bindings/Progress';
import type { Saved } from '../../bindings/Saved';
import type { Settings } from '../../bindings/Settings';
import type { TemplateInfo } from '../../bindings/TemplateInfo';
import type { WeekLog } from '../../bindings/WeekLog';
import { addDays, isValidIso, todayIso, weekStart } from '../dates';
import { ApiError } from '../errors';
import { basename } from '../format';
import { FakeEmployer, type SyncHost } from './employer';
import { parseMinutes } from './hours';
import { clone, MRA_PHASE_1, PROGRAMS, templateInfo } from './programs';
import { computeProgress, type Records } from './progress';
import { certificationRecord, courseworkRecord, ojlRecord } from './records';
import { requireText } from './validate';
import { FakeLedger, type Change, type Entry } from './ledger';
import type { FakeMentor } from './mentor';

export interface FakeOptions {
  /** Milliseconds each call takes, to see loading states. */
  latencyMs?: number;
  /** Fixed "today"; defaults to the local date at each call. */
  today?: string;
}

const DATA_DIR = '/home/apprentice/.local/share/journeylog';

export abstract class FakeLogbook implements SyncHost {
  profile: Profile | null = null;
  rec: Records = { ojl: [], coursework: [], certs: [] };
  settings: Settings = { theme: 'system', hours_display: 'clock', default_work_process: '' };
  /** What the next pickFile / pickSavePath returns (tests may change it; null = cancel). */
  nextPickedFile: string | null = '/home/apprentice/Documents/osha-10-card.pdf';
  nextSavePath: string | null = `/home/apprentice/Documents/program.toml`;
  benchLabels: string[] = [];
  /** Commands called, in order, for tests. */
  calls: string[] = [];
  /** The simulated employer server and this device's sync state. */
  readonly employer: FakeEmployer = new FakeEmployer(this);
  /** The mentor decisions this logbook holds, and the milestone requests. */
  readonly ledger = new FakeLedger();
  /** Only a mentor's device has apprentices (see backend.ts). */
  abstract readonly mentor: FakeMentor;

  constructor(private opts: FakeOptions = {}) {}

  today(): string {
    return this.opts.today ?? todayIso();
  }

  protected async run<T>(cmd: string, f: () => T | Promise<T>): Promise<T> {
    this.calls.push(cmd);
    if (this.opts.latencyMs) await new Promise((r) => setTimeout(r, this.opts.latencyMs));
    else await Promise.resolve();
    // Results are copies, as if they had crossed IPC.
    return clone(await f());
  }

  protected needProfile(): Profile {
    if (!this.profile) throw new ApiError({ code: 'no_profile', message: 'no profile yet: create one with a program and a start date first' });
    return this.profile;
  }

  appInfo(): Promise<AppInfo> {
    return this.run('app_info', () => ({ version: '0.1.0 (preview)', data_dir: DATA_DIR, db_path: `${DATA_DIR}/journeylog.db`, schema_version: 1 }));
  }

  listTemplates(): Promise<TemplateInfo[]> {
    return this.run('list_templates', () => PROGRAMS.map(templateInfo));
  }

  getProfile(): Promise<Profile | null> {
    return this.run('get_profile', () => this.profile);
  }

  createProfile(input: ProfileInput): Promise<Profile> {
    return this.run('create_profile', () => {
      if (this.profile) throw new ApiError({ code: 'profile_exists', message: 'a profile already exists in this logbook' });
      const name = requireText('apprentice_name', input.apprentice_name, 'apprentice name');
      const start = input.start_date.trim();
      if (!isValidIso(start)) throw ApiError.invalid('start_date', `start date "${start}" is not a date; use YYYY-MM-DD`);
      const priorOjl = input.prior_ojl_hours.trim() ? parseMinutes('prior_ojl_hours', input.prior_ojl_hours) : 0;
      const priorRti = input.prior_rti_hours.trim() ? parseMinutes('prior_rti_hours', input.prior_rti_hours) : 0;
      const program =
        input.program.kind === 'template'
          ? PROGRAMS.find((p) => p.id === (input.program as { id: string }).id)
          : { ...MRA_PHASE_1, revision: 2 };
      if (!program) throw ApiError.invalid('program', `no bundled program template is called "${(input.program as { id: string }).id}"`);
      this.profile = {
        enrollment: {
          apprentice_name: name,
          program_id: program.id,
          start_date: start,
          prior_ojl_minutes: priorOjl,
          prior_rti_minutes: priorRti,
          version: 1,
          created_at: new Date().toISOString(),
        },
        program: clone(program),
        data_dir: DATA_DIR,
      };
      // Like the core: the new enrollment waits in the outbox for the employer's server.
      this.employer.recordEnrollment(this.profile);
      return this.profile;
    });
  }

  importProgram(path: string): Promise<Profile> {
    return this.run('import_program', () => {
      const profile = this.needProfile();
      if (!/\.(toml|json)$/i.test(path)) {
        throw new ApiError({ code: 'program_file', message: `program file ${basename(path)}: not a .toml or .json file` });
      }
      profile.program = { ...clone(profile.program), revision: profile.program.revision + 1 };
      return profile;
    });
  }

  exportProgram(path: string): Promise<void> {
    return this.run('export_program', () => {
      this.needProfile();
      if (!path) throw new ApiError({ code: 'io', message: 'no path given' });
    });
  }

  getProgress(): Promise<Progress> {
    return this.run('get_progress', () => computeProgress(this.needProfile(), this.rec, this.today(), this.ledger));
  }

  getWeek(date: string): Promise<WeekLog> {
    return this.run('get_week', () => {
      this.needProfile();
      const d = date.trim() === '' ? this.today() : date;
      if (!isValidIso(d)) throw ApiError.invalid('date', `date "${d}" is not a date; use YYYY-MM-DD`);
      const start = weekStart(d);
      const days: DayLog[] = [];
      for (let i = 0; i < 7; i++) {
        const day = addDays(start, i);
        const ojl = this.rec.ojl.filter((e) => e.date === day).sort(byCreated);
        const coursework = this.rec.coursework.filter((e) => e.date === day).sort(byCreated);
        const total = [...ojl, ...coursework].reduce((a, e) => a + e.minutes, 0);
        days.push({ date: day, ojl, coursework, total_minutes: total });
      }
      const ojlMinutes = days.reduce((a, d) => a + d.ojl.reduce((b, e) => b + e.minutes, 0), 0);
      const rtiMinutes = days.reduce((a, d) => a + d.coursework.reduce((b, e) => b + e.minutes, 0), 0);
      return { start, end: addDays(start, 6), days, ojl_minutes: ojlMinutes, rti_minutes: rtiMinutes, total_minutes: ojlMinutes + rtiMinutes };
    });
  }

  private items(range: DateRange): LogItem[] {
    const inRange = (d: string) => (!range.from || d >= range.from) && (!range.to || d <= range.to);
    const items: LogItem[] = [
      ...this.rec.ojl.filter((e) => inRange(e.date)).map((e) => ({ kind: 'ojl' as const, ...e })),
      ...this.rec.coursework.filter((e) => inRange(e.date)).map((e) => ({ kind: 'coursework' as const, ...e })),
    ];
    return items.sort((a, b) => b.date.localeCompare(a.date) || b.created_at.localeCompare(a.created_at));
  }

  listEntries(range: DateRange): Promise<LogItem[]> {
    return this.run('list_entries', () => this.items(range));
  }

  recentEntries(limit: number): Promise<LogItem[]> {
    return this.run('recent_entries', () => this.items({ from: '', to: '' }).slice(0, limit));
  }

  /** The entry `id`, if `change` may happen to it now (see FakeLedger.allowed). */
  protected changeable<T extends Entry>(list: T[], id: string, what: string, change: Change): { found: T; status: EntryStatus; amends: number | null } {
    const found = list.find((e) => e.id === id);
    if (!found) throw new ApiError({ code: 'not_found', message: `${what} ${id} was not found` });
    return { found, ...this.ledger.allowed(found, change, what) };
  }

  logOjl(input: OjlInput): Promise<Saved<OjlEntry>> {
    return this.run('log_ojl', () => {
      const { entry, warnings } = ojlRecord(this.needProfile(), this.rec, input, null, this.today());
      this.rec.ojl.push(entry);
      this.employer.record('ojl_entry', 'upsert', entry);
      return { record: entry, warnings };
    });
  }

  updateOjl(id: string, input: OjlInput): Promise<Saved<OjlEntry>> {
    return this.run('update_ojl', () => {
      const { found: existing } = this.changeable(this.rec.ojl, id, 'OJL entry', 'edit');
      const { entry, warnings } = ojlRecord(this.needProfile(), this.rec, input, existing, this.today());
      if (existing.amends_version) entry.amends_version = existing.amends_version;
      this.rec.ojl[this.rec.ojl.indexOf(existing)] = entry;
      this.employer.record('ojl_entry', 'upsert', entry);
      return { record: entry, warnings };
    });
  }

  deleteOjl(id: string): Promise<void> {
    return this.run('delete_ojl', () => {
      const { found: existing } = this.changeable(this.rec.ojl, id, 'OJL entry', 'delete');
      this.rec.ojl.splice(this.rec.ojl.indexOf(existing), 1);
      this.employer.record('ojl_entry', 'delete', existing);
    });
  }

  logCoursework(input: CourseworkInput): Promise<Saved<CourseworkEntry>> {
    return this.run('log_coursework', () => {
      const entry = courseworkRecord(this.needProfile(), this.rec, input, null, this.today());
      this.rec.coursework.push(entry);
      this.employer.record('coursework_entry', 'upsert', entry);
      return { record: entry, warnings: [] };
    });
  }

  updateCoursework(id: string, input: CourseworkInput): Promise<Saved<CourseworkEntry>> {
    return this.run('update_coursework', () => {
      const { found: existing } = this.changeable(this.rec.coursework, id, 'coursework entry', 'edit');
      const entry = courseworkRecord(this.needProfile(), this.rec, input, existing, this.today());
      if (existing.amends_version) entry.amends_version = existing.amends_version;
      this.rec.coursework[this.rec.coursework.indexOf(existing)] = entry;
      this.employer.record('coursework_entry', 'upsert', entry);
      return { record: entry, warnings: [] };
    });
  }

  deleteCoursework(id: string): Promise<void> {
    return this.run('delete_coursework', () => {
      const { found: existing } = this.changeable(this.rec.coursework, id, 'coursework entry', 'delete');
      this.rec.coursework.splice(this.rec.coursework.indexOf(existing), 1);
      this.employer.record('coursework_entry', 'delete', existing);
    });
  }

  listCoursework(range: DateRange): Promise<CourseworkEntry[]> {
    return this.run('list_coursework', () =>
      this.rec.coursework
        .filter((e) => (!range.from || e.date >= range.from) && (!range.to || e.date <= range.to))
        .sort((a, b) => b.date.localeCompare(a.date) || b.created_at.localeCompare(a.created_at)),
    );
  }

  addCertification(input: CertificationInput): Promise<Saved<Certification>> {
    return this.run('add_certification', () => {
      const cert = certificationRecord(this.needProfile(), input, null, this.today());
      this.rec.certs.push(cert);
      this.employer.record('certification', 'upsert', cert);
      return { record: cert, warnings: [] };
    });
  }

  updateCertification(id: string, input: CertificationInput): Promise<Saved<Certification>> {
    return this.run('update_certification', () => {
      const existing = this.rec.certs.find((c) => c.id === id);
      if (!existing) throw new ApiError({ code: 'not_found', message: `certification ${id} was not found` });
      const cert = certificationRecord(this.needProfile(), input, existing, this.today());
      this.rec.certs[this.rec.certs.indexOf(existing)] = cert;
      this.employer.record('certification', 'upsert', cert);
      return { record: cert, warnings: [] };
    });
  }

  deleteCertification(id: string): Promise<void> {
    return this.run('delete_certification', () => {
      const i = this.rec.certs.findIndex((c) => c.id === id);
      if (i < 0) throw new ApiError({ code: 'not_found', message: `certification ${id} was not found` });
      this.employer.record('certification', 'delete', this.rec.certs[i]);
      this.rec.certs.splice(i, 1);
    });
  }

  listCertifications(): Promise<Certification[]> {
    return this.run('list_certifications', () => [...this.rec.certs].sort((a, b) => b.earned_on.localeCompare(a.earned_on)));
  }

  submitEntries(range: DateRange): Promise<number> {
    return this.run('submit_entries', () => {
      const inRange = (d: string) => (!range.from || d >= range.from) && (!range.to || d <= range.to);
      let n = 0;
      for (const e of this.rec.ojl) {
        if (e.status === 'draft' && inRange(e.date)) {
          e.status = 'submitted';
          this.employer.record('ojl_entry', 'upsert', e);
          n++;
        }
      }
      for (const e of this.rec.coursework) {
        if (e.status === 'draft' && inRange(e.date)) {
          e.status = 'submitted';
          this.employer.record('coursework_entry', 'upsert', e);
          n++;
        }
      }
      return n;
    });
  }

  getSettings(): Promise<Settings> {
    return this.run('get_settings', () => this.settings);
  }

  saveSettings(settings: Settings): Promise<Settings> {
    return this.run('save_settings', () => {
      const code = settings.default_work_process;
      if (code && this.profile && !this.profile.program.work_processes.some((w) => w.code === code)) {
        throw ApiError.invalid('default_work_process', `work process "${code}" is not in the program`);
      }
      this.settings = clone(settings);
      return this.settings;
    });
  }

  benchPainted(label: string): Promise<void> {
    return this.run('bench_painted', () => {
      this.benchLabels.push(label);
    });
  }

  pickFile(_filters: FileFilter[]): Promise<string | null> {
    return this.run('pick_file', () => this.nextPickedFile);
  }

  pickSavePath(defaultName: string): Promise<string | null> {
    return this.run('pick_save_path', () => (this.nextSavePath === null ? null : this.nextSavePath.replace(/[^/]*$/, defaultName)));
  }
}

function byCreated(a: { created_at: string }, b: { created_at: string }): number {
  return a.created_at.localeCompare(b.created_at);
}
