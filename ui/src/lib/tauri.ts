// The Backend over Tauri IPC. Argument objects carry exactly the keys the commands take.

import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { open, save } from '@tauri-apps/plugin-dialog';
import type { AppInfo, Backend, ConnectInput, FileFilter, SyncEvent } from './api';
import { toApiError } from './errors';
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
import type { AttentionItem } from '../bindings/AttentionItem';
import type { ConflictChoice } from '../bindings/ConflictChoice';
import type { SyncConflict } from '../bindings/SyncConflict';
import type { SyncReport } from '../bindings/SyncReport';
import type { SyncStatus } from '../bindings/SyncStatus';
import type { ApprenticeOverview } from '../bindings/ApprenticeOverview';
import type { MilestoneRequest } from '../bindings/MilestoneRequest';
import type { RecordReview } from '../bindings/RecordReview';
import type { ReviewDecision } from '../bindings/ReviewDecision';
import type { ReviewPeriod } from '../bindings/ReviewPeriod';
import type { SignoffMade } from '../bindings/SignoffMade';
import type { ExportReport } from '../bindings/ExportReport';
import type { ExportRequest } from '../bindings/ExportRequest';
import type { ExportStage } from '../bindings/ExportStage';

export const SYNC_STATUS_EVENT = 'sync://status';
export const SYNC_CHANGED_EVENT = 'sync://changed';
export const EXPORT_PROGRESS_EVENT = 'export://progress';

async function call<T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toApiError(e);
  }
}

export class TauriBackend implements Backend {
  readonly kind = 'tauri' as const;

  appInfo = () => call<AppInfo>('app_info');
  listTemplates = () => call<TemplateInfo[]>('list_templates');
  getProfile = () => call<Profile | null>('get_profile');
  createProfile = (input: ProfileInput) => call<Profile>('create_profile', { input });
  importProgram = (path: string) => call<Profile>('import_program', { path });
  exportProgram = async (path: string) => { await call<null>('export_program', { path }); };
  getProgress = () => call<Progress>('get_progress');
  getWeek = (date: string) => call<WeekLog>('get_week', { date });
  listEntries = (range: DateRange) => call<LogItem[]>('list_entries', { range });
  recentEntries = (limit: number) => call<LogItem[]>('recent_entries', { limit });
  logOjl = (input: OjlInput) => call<Saved<OjlEntry>>('log_ojl', { input });
  updateOjl = (id: string, input: OjlInput) => call<Saved<OjlEntry>>('update_ojl', { id, input });
  deleteOjl = async (id: string) => { await call<null>('delete_ojl', { id }); };
  logCoursework = (input: CourseworkInput) => call<Saved<CourseworkEntry>>('log_coursework', { input });
  updateCoursework = (id: string, input: CourseworkInput) =>
    call<Saved<CourseworkEntry>>('update_coursework', { id, input });
  deleteCoursework = async (id: string) => { await call<null>('delete_coursework', { id }); };
  listCoursework = (range: DateRange) => call<CourseworkEntry[]>('list_coursework', { range });
  addCertification = (input: CertificationInput) => call<Saved<Certification>>('add_certification', { input });
  updateCertification = (id: string, input: CertificationInput) =>
    call<Saved<Certification>>('update_certification', { id, input });
  deleteCertification = async (id: string) => { await call<null>('delete_certification', { id }); };
  listCertifications = () => call<Certification[]>('list_certifications');
  submitEntries = (range: DateRange) => call<number>('submit_entries', { range });
  getSettings = () => call<Settings>('get_settings');
  saveSettings = (settings: Settings) => call<Settings>('save_settings', { settings });
  benchPainted = async (label: string) => { await call<null>('bench_painted', { label }); };

  syncStatus = () => call<SyncStatus>('sync_status');
  connectEmployer = ({ serverUrl, code, deviceName }: ConnectInput) =>
    call<SyncStatus>('sync_connect', { serverUrl, code, deviceName });
  syncNow = () => call<SyncReport>('sync_now');
  listConflicts = () => call<SyncConflict[]>('sync_conflicts');
  resolveConflict = async (kind: string, recordId: string, choice: ConflictChoice) => {
    await call<null>('sync_resolve_conflict', { kind, recordId, choice });
  };
  listAttention = () => call<AttentionItem[]>('sync_attention');
  dismissAttention = async (mutationId: string) => { await call<null>('sync_dismiss_attention', { mutationId }); };
  disconnectEmployer = async () => { await call<null>('sync_disconnect'); };

  getReviews = (range: DateRange) => call<RecordReview[]>('get_reviews', { range });
  amendOjl = (id: string, input: OjlInput) => call<Saved<OjlEntry>>('amend_ojl', { id, input });
  amendCoursework = (id: string, input: CourseworkInput) => call<Saved<CourseworkEntry>>('amend_coursework', { id, input });
  requestMilestoneSignoff = (code: string, note: string) =>
    call<MilestoneRequest>('request_milestone_signoff', { code, note });
  milestoneRequests = () => call<MilestoneRequest[]>('milestone_requests');
  mentorApprentices = () => call<ApprenticeOverview[]>('mentor_apprentices');
  reviewQueue = (apprenticeId: string | null) => call<ReviewPeriod[]>('review_queue', { apprenticeId });
  reviewDecide = (decision: ReviewDecision) => call<SignoffMade>('review_decide', { decision });
  signMilestone = (apprenticeId: string, code: string, comment: string) =>
    call<SignoffMade>('sign_milestone', { apprenticeId, code, comment });
  signCompetency = (apprenticeId: string, workProcess: string, competency: string, comment: string) =>
    call<SignoffMade>('sign_competency', { apprenticeId, workProcess, competency, comment });

  async exportLogbook(request: ExportRequest, onProgress?: (stage: ExportStage) => void): Promise<ExportReport> {
    // Listening starts before the call, so the first stage is heard; one export runs at a time.
    const unlisten = onProgress
      ? await listen<ExportStage>(EXPORT_PROGRESS_EVENT, (e) => onProgress(e.payload)).catch(() => null)
      : null;
    try {
      return await call<ExportReport>('export_logbook', { request });
    } finally {
      unlisten?.();
    }
  }

  async revealInFolder(path: string): Promise<void> {
    try {
      // Loaded on first use: only the Export screen's result needs it.
      const { revealItemInDir } = await import('@tauri-apps/plugin-opener');
      await revealItemInDir(path);
    } catch (e) {
      throw toApiError(e);
    }
  }

  onSyncEvent(handler: (event: SyncEvent) => void): () => void {
    // listen() resolves asynchronously; an unsubscribe that comes first still takes effect.
    // If listening fails, the UI still re-reads the status after every action.
    let stopped = false;
    const noop: UnlistenFn = () => undefined;
    const pending: Promise<UnlistenFn>[] = [
      listen<SyncStatus>(SYNC_STATUS_EVENT, (e) => {
        if (!stopped) handler({ type: 'status', status: e.payload });
      }),
      listen<SyncReport>(SYNC_CHANGED_EVENT, (e) => {
        if (!stopped) handler({ type: 'changed', report: e.payload });
      }),
    ].map((p) => p.catch(() => noop));
    return () => {
      stopped = true;
      for (const p of pending) void p.then((unlisten) => unlisten());
    };
  }

  async pickFile(filters: FileFilter[], title?: string): Promise<string | null> {
    try {
      const picked = await open({ multiple: false, directory: false, filters, title });
      return typeof picked === 'string' ? picked : null;
    } catch (e) {
      throw toApiError(e);
    }
  }

  async pickSavePath(defaultName: string, filters: FileFilter[], title?: string): Promise<string | null> {
    try {
      return (await save({ defaultPath: defaultName, filters, title })) ?? null;
    } catch (e) {
      throw toApiError(e);
    }
  }
}
