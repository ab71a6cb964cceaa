// The Export screen's choices as plain data and functions: the formats and who each is
// for, the date-range presets, the default file name and the request the core receives.
// Kept out of the components so the rules are unit-tested without a DOM.

import type { DateRange } from '../../bindings/DateRange';
import type { ExportFormat } from '../../bindings/ExportFormat';
import type { ExportRequest } from '../../bindings/ExportRequest';
import type { PdfSections } from '../../bindings/PdfSections';
import type { FileFilter } from '../../lib/api';
import { addMonths, isValidIso } from '../../lib/dates';
import { formatRange } from '../../lib/format';

export interface FormatInfo {
  id: ExportFormat;
  title: string;
  /** One line: who the file is for. */
  audience: string;
  /** The main file's extension, without the dot. */
  extension: string;
  /** What the default file name ends with before the extension ('' for none). */
  suffix: string;
  filter: FileFilter;
}

export const FORMATS: readonly FormatInfo[] = [
  {
    id: 'pdf',
    title: 'PDF summary',
    audience: 'For people: your sponsor, a registration agency or a new employer. Hours, certifications and who signed what.',
    extension: 'pdf',
    suffix: '',
    filter: { name: 'PDF document', extensions: ['pdf'] },
  },
  {
    id: 'csv',
    title: 'CSV spreadsheet',
    audience: 'For spreadsheets: one row per entry, opens cleanly in Excel, LibreOffice or Numbers.',
    extension: 'csv',
    suffix: '',
    filter: { name: 'CSV spreadsheet', extensions: ['csv'] },
  },
  {
    id: 'json',
    title: 'Signed bundle (JSON)',
    audience: "For changing employer: your records with your mentors' signatures, checkable offline by anyone.",
    extension: 'json',
    suffix: '-bundle',
    filter: { name: 'Journeylog bundle (JSON)', extensions: ['json'] },
  },
  {
    id: 'xapi',
    title: 'xAPI statements',
    audience: 'For a Learning Record Store: one xAPI 2.0 statement per entry; exporting again never duplicates.',
    extension: 'json',
    suffix: '-xapi',
    filter: { name: 'xAPI statements (JSON)', extensions: ['json'] },
  },
];

export function formatInfo(id: ExportFormat): FormatInfo {
  return FORMATS.find((f) => f.id === id) ?? FORMATS[0];
}

export type SectionKey = keyof PdfSections;

export const SECTIONS: readonly { key: SectionKey; title: string; detail: string }[] = [
  { key: 'work_processes', title: 'Work processes', detail: 'Hours per work process against the standard, with a chart' },
  { key: 'rti', title: 'RTI', detail: 'Coursework hours against the yearly guideline' },
  { key: 'certifications', title: 'Certifications', detail: 'Each credential with its expiry' },
  { key: 'signoffs', title: 'Sign-offs', detail: 'Milestones and wage steps, who signed what and when, and whether each signature verifies' },
  { key: 'appendix', title: 'Appendix', detail: 'Every entry in the range, day by day' },
];

/** Every section, as the core defaults to. */
export const ALL_SECTIONS: PdfSections = { work_processes: true, rti: true, certifications: true, signoffs: true, appendix: true };

export function sectionCount(sections: PdfSections): number {
  return SECTIONS.filter((s) => sections[s.key]).length;
}

export type RangePreset = 'all' | 'this_month' | 'last_month' | 'this_year' | 'custom';

export const PRESETS: readonly { id: RangePreset; label: string }[] = [
  { id: 'all', label: 'All time' },
  { id: 'this_month', label: 'This month' },
  { id: 'last_month', label: 'Last month' },
  { id: 'this_year', label: 'This year' },
  { id: 'custom', label: 'Custom' },
];

/**
 * The dates a preset stands for on `today` (ISO). Ranges end today rather than at the end
 * of the month or year, since nothing can be logged in the future. `custom` keeps `current`.
 */
export function presetRange(preset: RangePreset, today: string, current: DateRange = { from: '', to: '' }): DateRange {
  const year = today.slice(0, 4);
  const monthStart = `${today.slice(0, 7)}-01`;
  switch (preset) {
    case 'all':
      return { from: '', to: '' };
    case 'this_month':
      return { from: monthStart, to: today };
    case 'last_month': {
      const from = addMonths(monthStart, -1);
      return { from, to: lastDayOfMonth(from) };
    }
    case 'this_year':
      return { from: `${year}-01-01`, to: today };
    case 'custom':
      return { ...current };
  }
}

function lastDayOfMonth(firstOfMonth: string): string {
  const [y, m] = [Number(firstOfMonth.slice(0, 4)), Number(firstOfMonth.slice(5, 7))];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${firstOfMonth.slice(0, 7)}-${String(day).padStart(2, '0')}`;
}

/** The range in words, for the summary: "All time", "Mar 1 – 4, 2026", "From Feb 2, 2026". */
export function describeRange(range: DateRange): string {
  const from = range.from.trim();
  const to = range.to.trim();
  if (!from && !to) return 'All time: every entry, up to today';
  if (from && to && isValidIso(from) && isValidIso(to) && from <= to) return formatRange(from, to);
  if (from && !to) return `From ${from} to today`;
  if (!from && to) return `From the first entry to ${to}`;
  return `${from || '…'} to ${to || '…'}`;
}

/** A name a file system and a person both read: "José Núñez" → "jose-nunez". */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** `journeylog-jordan-reyes-2026-03-04.pdf`, `…-bundle.json`, `…-xapi.json`. */
export function defaultFileName(apprenticeName: string, format: ExportFormat, today: string): string {
  const info = formatInfo(format);
  const who = slug(apprenticeName);
  return `journeylog-${who ? `${who}-` : ''}${today}${info.suffix}.${info.extension}`;
}

/**
 * The path with the format's extension when its name has none at all (some save dialogs
 * don't add it); a name the person gave an extension keeps it.
 */
export function withExtension(path: string, extension: string): string {
  const name = path.split(/[\\/]/).pop() ?? '';
  return name.includes('.') || name === '' ? path : `${path}.${extension}`;
}

/** The request `export_logbook` takes, with exactly the core's keys. */
export function buildRequest(format: ExportFormat, range: DateRange, sections: PdfSections, outPath: string): ExportRequest {
  return {
    format,
    range: { from: range.from.trim(), to: range.to.trim() },
    out_path: outPath,
    sections: { ...sections },
  };
}

/** The fields the core's export errors can name; each one's message shows next to it. */
export const EXPORT_FIELDS = ['format', 'from', 'to', 'sections', 'out_path'] as const;

/** "journeylog.pdf" and "/home/a/Documents" from a path, either separator. */
export function splitPath(path: string): { dir: string; name: string } {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? { dir: '', name: path } : { dir: path.slice(0, cut) || path.slice(0, 1), name: path.slice(cut + 1) };
}
