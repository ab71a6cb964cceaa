// The fake backend's exports: a plausible ExportReport after a few progress stages, with
// the core's refusals and their fields (out_path, from/to, format), so the Export screen's
// flows run in a browser. Nothing is written; sizes are estimated from the entry count.
// A test double for UI flows only; the real writers live in crates/core/src/export.

import type { DateRange } from '../../bindings/DateRange';
import type { ExportFormat } from '../../bindings/ExportFormat';
import type { ExportReport } from '../../bindings/ExportReport';
import type { ExportRequest } from '../../bindings/ExportRequest';
import type { ExportStage } from '../../bindings/ExportStage';
import type { Profile } from '../../bindings/Profile';
import { isValidIso } from '../dates';
import { ApiError } from '../errors';
import type { ErrorPayload } from '../../bindings/ErrorPayload';
import { fakeSha256 } from './ids';
import type { Records } from './progress';

/** What the exporter reads from the logbook it belongs to. */
export interface ExportHost {
  profile: Profile | null;
  rec: Records;
  today(): string;
}

/** The core names formats by their Rust variant in its messages. */
const VARIANT: Record<ExportFormat, string> = { pdf: 'Pdf', csv: 'Csv', json: 'Json', xapi: 'Xapi' };

export class FakeExports {
  /** Milliseconds spent on each progress stage, so a browser sees the bar move. */
  stageMs = 120;
  /** While set, every stage waits for this too (tests hold an export mid-way). */
  hold: Promise<void> | null = null;
  /** Formats answered with the core's "not available in this build" (tests). */
  unavailable: ExportFormat[] = [];
  /** The next export fails with this error after its first stage (tests), then it clears. */
  failNext: ErrorPayload | null = null;
  /** Every request that was run, in order (tests read what the screen sent). */
  readonly requests: ExportRequest[] = [];
  /** Paths "Show in folder" was asked to reveal. */
  readonly revealed: string[] = [];

  constructor(private host: ExportHost) {}

  async run(request: ExportRequest, progress: (stage: ExportStage) => void): Promise<ExportReport> {
    this.requests.push(structuredClone(request));
    const out = request.out_path.trim();
    if (!out) throw ApiError.invalid('out_path', 'choose a file to export to');
    progress({ label: 'Reading the logbook', percent: 0 });
    await this.pause();
    if (!this.host.profile) throw new ApiError({ code: 'no_profile', message: 'no profile yet: create one with a program and a start date first' });
    const range = checkRange(request.range);
    if (this.failNext) {
      const failure = this.failNext;
      this.failNext = null;
      throw new ApiError(failure);
    }
    if (this.unavailable.includes(request.format)) {
      throw ApiError.invalid('format', `${VARIANT[request.format]} export is not available in this build`);
    }
    const entries = [...this.host.rec.ojl, ...this.host.rec.coursework].filter(
      (e) => (!range.from || e.date >= range.from) && (!range.to || e.date <= range.to),
    );
    for (const stage of stagesFor(request)) {
      progress(stage);
      await this.pause();
    }
    progress({ label: 'Done', percent: 100 });
    const records = entries.map((e) => `${e.id}@${e.version}`).sort().join(',');
    return {
      format: request.format,
      files: filesFor(request.format, out),
      // ts-rs types the core's u64 as bigint, but IPC carries a JSON number: send what IPC sends.
      bytes: estimateBytes(request, entries.length) as unknown as ExportReport['bytes'],
      entries: entries.length,
      bundle_hash: fakeSha256(`${this.host.profile.enrollment.apprentice_name}|${records}`),
    };
  }

  reveal(path: string): void {
    if (!path.trim()) throw new ApiError({ code: 'io', message: 'no file to show' });
    this.revealed.push(path);
  }

  private async pause(): Promise<void> {
    await new Promise((r) => setTimeout(r, this.stageMs));
    if (this.hold) await this.hold;
  }
}

/** The core's range rules: ISO dates or empty, and `to` not before `from`. */
function checkRange(range: DateRange): DateRange {
  const from = range.from.trim();
  const to = range.to.trim();
  for (const [field, value] of [['from', from], ['to', to]] as const) {
    if (value && !isValidIso(value)) {
      throw ApiError.invalid(field, `${field} "${value}" is not a calendar date; use the form YYYY-MM-DD`);
    }
  }
  if (from && to && to < from) throw ApiError.invalid('to', `to ${to} is before from ${from}`);
  return { from, to };
}

function stagesFor(request: ExportRequest): ExportStage[] {
  const s = request.sections;
  switch (request.format) {
    case 'pdf':
      return [
        s.work_processes && { label: 'Drawing the work processes', percent: 20 },
        s.rti && { label: 'Adding up RTI', percent: 35 },
        s.certifications && { label: 'Listing certifications', percent: 45 },
        s.signoffs && { label: 'Checking every signature', percent: 60 },
        s.appendix && { label: 'Writing the appendix', percent: 80 },
        { label: 'Saving the PDF', percent: 95 },
      ].filter((x): x is ExportStage => Boolean(x));
    case 'csv':
      return [
        { label: 'Writing one row per entry', percent: 40 },
        { label: 'Adding the work-process summary', percent: 80 },
      ];
    case 'json':
      return [
        { label: "Collecting sign-offs and mentors' keys", percent: 35 },
        { label: 'Hashing the records', percent: 70 },
      ];
    case 'xapi':
      return [{ label: 'Writing xAPI statements', percent: 60 }];
  }
}

/** The CSV also writes its per-work-process summary beside the entries, as the core does. */
function filesFor(format: ExportFormat, out: string): string[] {
  if (format !== 'csv') return [out];
  const dot = out.lastIndexOf('.');
  const cut = dot > Math.max(out.lastIndexOf('/'), out.lastIndexOf('\\')) ? dot : out.length;
  return [out, `${out.slice(0, cut)}-summary${out.slice(cut)}`];
}

function estimateBytes(request: ExportRequest, entries: number): number {
  switch (request.format) {
    case 'pdf':
      return 38_000 + (request.sections.appendix ? entries * 96 : 0) + (request.sections.work_processes ? 14_500 : 0);
    case 'csv':
      return 160 + entries * 138;
    case 'json':
      return 3_200 + entries * 612;
    case 'xapi':
      return 2 + entries * 1_140;
  }
}
