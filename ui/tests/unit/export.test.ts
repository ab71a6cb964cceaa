import '@testing-library/jest-dom/vitest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
const listeners = new Map<string, (e: { payload: unknown }) => void>();
const unlisten = vi.fn();
vi.mock('@tauri-apps/api/event', () => ({
  listen: vi.fn(async (name: string, cb: (e: { payload: unknown }) => void) => {
    listeners.set(name, cb);
    return () => {
      unlisten(name);
      listeners.delete(name);
    };
  }),
}));
const reveal = vi.fn();
vi.mock('@tauri-apps/plugin-opener', () => ({ revealItemInDir: (p: string) => reveal(p) }));

import ExportScreen from '../../src/screens/export/ExportScreen.svelte';
import ExportProgress from '../../src/screens/export/ExportProgress.svelte';
import {
  ALL_SECTIONS, buildRequest, defaultFileName, describeRange, presetRange, slug, splitPath, withExtension,
} from '../../src/screens/export/export';
import { TauriBackend } from '../../src/lib/tauri';
import { ApiError } from '../../src/lib/errors';
import { todayIso } from '../../src/lib/dates';
import type { Backend } from '../../src/lib/api';
import type { FakeBackend } from '../../src/lib/fake/backend';
import { fakeWithProfile } from './helpers';

afterEach(() => {
  invoke.mockReset();
  unlisten.mockReset();
  reveal.mockReset();
  listeners.clear();
});

describe('range presets', () => {
  it('all time leaves both ends open', () => {
    expect(presetRange('all', '2026-03-04')).toEqual({ from: '', to: '' });
  });

  it('this month and this year run from their first day to today', () => {
    expect(presetRange('this_month', '2026-03-04')).toEqual({ from: '2026-03-01', to: '2026-03-04' });
    expect(presetRange('this_year', '2026-03-04')).toEqual({ from: '2026-01-01', to: '2026-03-04' });
  });

  it('last month is the whole previous month, across a year and a leap day', () => {
    expect(presetRange('last_month', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('last_month', '2024-03-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetRange('last_month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetRange('last_month', '2026-05-31')).toEqual({ from: '2026-04-01', to: '2026-04-30' });
  });

  it('custom keeps the dates typed', () => {
    expect(presetRange('custom', '2026-03-04', { from: '2025-10-01', to: '' })).toEqual({ from: '2025-10-01', to: '' });
  });

  it('describes the range in words', () => {
    expect(describeRange({ from: '', to: '' })).toBe('All time: every entry, up to today');
    expect(describeRange({ from: '2026-03-01', to: '2026-03-04' })).toBe('Mar 1 – 4, 2026');
    expect(describeRange({ from: '2026-02-02', to: '' })).toBe('From 2026-02-02 to today');
    expect(describeRange({ from: '2026-03-09', to: '2026-03-01' })).toBe('2026-03-09 to 2026-03-01');
  });
});

describe('default file name', () => {
  it('names the apprentice and the day, with the format extension', () => {
    expect(defaultFileName('Jordan Reyes', 'pdf', '2026-03-04')).toBe('journeylog-jordan-reyes-2026-03-04.pdf');
    expect(defaultFileName('Jordan Reyes', 'csv', '2026-03-04')).toBe('journeylog-jordan-reyes-2026-03-04.csv');
    expect(defaultFileName('Jordan Reyes', 'json', '2026-03-04')).toBe('journeylog-jordan-reyes-2026-03-04-bundle.json');
    expect(defaultFileName('Jordan Reyes', 'xapi', '2026-03-04')).toBe('journeylog-jordan-reyes-2026-03-04-xapi.json');
  });

  it('keeps names safe for any file system', () => {
    expect(slug("José Núñez-O'Brien")).toBe('jose-nunez-o-brien');
    expect(slug('  ../../etc/passwd ')).toBe('etc-passwd');
    expect(defaultFileName('李', 'pdf', '2026-03-04')).toBe('journeylog-2026-03-04.pdf');
  });

  it('adds the extension only to a name that has none', () => {
    expect(withExtension('/home/a/report', 'pdf')).toBe('/home/a/report.pdf');
    expect(withExtension('/home/a/report.PDF', 'pdf')).toBe('/home/a/report.PDF');
    expect(withExtension('/home/a.b/report', 'csv')).toBe('/home/a.b/report.csv');
    expect(withExtension('C:\\Users\\a\\report', 'json')).toBe('C:\\Users\\a\\report.json');
  });

  it('splits a path into folder and name', () => {
    expect(splitPath('/home/a/x.pdf')).toEqual({ dir: '/home/a', name: 'x.pdf' });
    expect(splitPath('C:\\a\\x.pdf')).toEqual({ dir: 'C:\\a', name: 'x.pdf' });
    expect(splitPath('/x.pdf')).toEqual({ dir: '/', name: 'x.pdf' });
  });
});

describe('request', () => {
  it('carries exactly the core keys, with trimmed dates and a copy of the sections', () => {
    const sections = { ...ALL_SECTIONS, appendix: false };
    const request = buildRequest('pdf', { from: ' 2026-01-01 ', to: '' }, sections, '/tmp/x.pdf');
    expect(request).toEqual({
      format: 'pdf',
      range: { from: '2026-01-01', to: '' },
      out_path: '/tmp/x.pdf',
      sections: { work_processes: true, rti: true, certifications: true, signoffs: true, appendix: false },
    });
    sections.rti = false;
    expect(request.sections.rti).toBe(true);
  });
});

describe('TauriBackend export', () => {
  it('listens for export://progress during the call, then stops', async () => {
    const b = new TauriBackend();
    const request = buildRequest('csv', { from: '', to: '' }, ALL_SECTIONS, '/tmp/x.csv');
    const report = { format: 'csv', files: ['/tmp/x.csv'], bytes: 10, entries: 1, bundle_hash: 'ab' };
    invoke.mockImplementation(async () => {
      listeners.get('export://progress')!({ payload: { label: 'Reading the logbook', percent: 0 } });
      return report;
    });
    const stages: unknown[] = [];
    expect(await b.exportLogbook(request, (s) => stages.push(s))).toEqual(report);
    expect(invoke.mock.calls).toEqual([['export_logbook', { request }]]);
    expect(stages).toEqual([{ label: 'Reading the logbook', percent: 0 }]);
    expect(unlisten).toHaveBeenCalledWith('export://progress');
  });

  it('stops listening when the export fails, and passes the field on', async () => {
    invoke.mockRejectedValue({ code: 'invalid_input', message: 'Pdf export is not available in this build', field: 'format' });
    const err = await new TauriBackend()
      .exportLogbook(buildRequest('pdf', { from: '', to: '' }, ALL_SECTIONS, '/tmp/x.pdf'), () => undefined)
      .catch((e: unknown) => e);
    expect((err as ApiError).field).toBe('format');
    expect(unlisten).toHaveBeenCalledTimes(1);
  });

  it('reveals through the opener plugin, and a failure becomes an ApiError', async () => {
    const b = new TauriBackend();
    await b.revealInFolder('/tmp/x.pdf');
    expect(reveal).toHaveBeenCalledWith('/tmp/x.pdf');
    reveal.mockRejectedValueOnce('no file manager');
    await expect(b.revealInFolder('/tmp/x.pdf')).rejects.toBeInstanceOf(ApiError);
  });
});

describe('ExportProgress', () => {
  it('shows the stage and the percentage on a progress bar', () => {
    render(ExportProgress, { stage: { label: 'Writing the appendix', percent: 80 } });
    const bar = screen.getByRole('progressbar', { name: 'Export progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '80');
    expect(bar).toHaveAttribute('aria-valuetext', 'Writing the appendix, 80%');
    expect(screen.getByTestId('export-stage')).toHaveTextContent('Writing the appendix');
  });
});

describe('ExportScreen', () => {
  let fake: FakeBackend;
  beforeEach(() => {
    fake = fakeWithProfile({ entries: true });
    fake.exports.stageMs = 0;
    fake.nextSavePath = '/home/apprentice/Documents/placeholder';
  });

  const lastRequest = () => fake.exports.requests.at(-1)!;

  it('exports a PDF of this year without the appendix, and shows what was written', async () => {
    const user = userEvent.setup();
    render(ExportScreen);
    expect(screen.getByTestId('export-filename')).toHaveTextContent(`journeylog-jordan-reyes-${todayIso()}.pdf`);
    expect(screen.queryByLabelText('From')).toBeNull();
    await user.click(screen.getByTestId('export-preset-this_year'));
    expect(screen.getByLabelText('From')).toHaveValue(`${todayIso().slice(0, 4)}-01-01`);
    await user.click(screen.getByTestId('export-section-appendix'));
    await user.click(screen.getByTestId('export-submit'));
    const result = await screen.findByTestId('export-result');
    expect(lastRequest()).toEqual({
      format: 'pdf',
      range: presetRange('this_year', todayIso()),
      out_path: `/home/apprentice/Documents/journeylog-jordan-reyes-${todayIso()}.pdf`,
      sections: { ...ALL_SECTIONS, appendix: false },
    });
    const inRange = [...fake.rec.ojl, ...fake.rec.coursework].filter((e) => e.date >= lastRequest().range.from).length;
    expect(within(result).getByTestId('export-entries')).toHaveTextContent(String(inRange));
    expect(within(result).getByTestId('export-file')).toHaveAttribute('data-path', lastRequest().out_path);
    expect(within(result).getByTestId('export-hash').textContent).toMatch(/^[0-9a-f]{64}$/);
    expect(within(result).getByTestId('export-bytes')).toHaveTextContent('KB');
  });

  it('shows sections only for the PDF, and uses each format extension and filter', async () => {
    const user = userEvent.setup();
    const save = vi.spyOn(fake as Backend, 'pickSavePath');
    render(ExportScreen);
    expect(screen.getByTestId('export-sections')).toBeInTheDocument();
    await user.click(screen.getByTestId('export-format-xapi'));
    expect(screen.queryByTestId('export-sections')).toBeNull();
    expect(screen.getByTestId('export-filename')).toHaveTextContent(/-xapi\.json$/);
    await user.click(screen.getByTestId('export-submit'));
    await screen.findByTestId('export-result');
    expect(save.mock.calls[0][0]).toMatch(/-xapi\.json$/);
    expect(save.mock.calls[0][1]).toEqual([{ name: 'xAPI statements (JSON)', extensions: ['json'] }]);
    expect(lastRequest().format).toBe('xapi');
  });

  it('shows the progress while the export runs, then the result', async () => {
    let release = () => undefined as void;
    fake.exports.hold = new Promise<void>((r) => (release = r));
    const user = userEvent.setup();
    render(ExportScreen);
    await user.click(screen.getByTestId('export-submit'));
    const bar = await screen.findByRole('progressbar');
    expect(bar).toHaveAttribute('aria-valuetext', 'Reading the logbook, 0%');
    expect(screen.getByTestId('export-submit')).toBeDisabled();
    expect(screen.getByTestId('export-format-csv')).toBeDisabled();
    release();
    await screen.findByTestId('export-result');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByTestId('export-submit')).toBeEnabled();
  });

  it("puts the core's format refusal next to the format, and clears it when the format changes", async () => {
    fake.exports.unavailable = ['json'];
    const user = userEvent.setup();
    render(ExportScreen);
    await user.click(screen.getByTestId('export-format-json'));
    await user.click(screen.getByTestId('export-submit'));
    expect(await screen.findByTestId('error-format')).toHaveTextContent('Json export is not available in this build');
    expect(screen.getByTestId('export-formats')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('export-formats')).toHaveAttribute('aria-describedby', 'export-format-error');
    expect(screen.queryByTestId('export-result')).toBeNull();
    await user.click(screen.getByTestId('export-format-csv'));
    expect(screen.queryByTestId('error-format')).toBeNull();
  });

  it('puts a range error next to the To date', async () => {
    const user = userEvent.setup();
    render(ExportScreen);
    await user.click(screen.getByTestId('export-preset-custom'));
    await user.type(screen.getByLabelText('From'), '2026-02-10');
    await user.type(screen.getByLabelText('To'), '2026-02-01');
    await user.click(screen.getByTestId('export-submit'));
    expect(await screen.findByTestId('error-to')).toHaveTextContent('to 2026-02-01 is before from 2026-02-10');
    expect(screen.getByLabelText('To')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('To')).toHaveAttribute('aria-describedby', 'export-to-error');
  });

  it('shows a file that cannot be written in a banner, not on a field', async () => {
    fake.exports.failNext = { code: 'io', message: '/media/usb/x.pdf: read-only file system', field: null };
    const user = userEvent.setup();
    render(ExportScreen);
    await user.click(screen.getByTestId('export-submit'));
    expect(await screen.findByTestId('export-error')).toHaveTextContent("A file couldn't be read or written: /media/usb/x.pdf");
    expect(screen.queryByTestId('error-format')).toBeNull();
  });

  it('does nothing when the save dialog is cancelled', async () => {
    fake.nextSavePath = null;
    const user = userEvent.setup();
    render(ExportScreen);
    await user.click(screen.getByTestId('export-submit'));
    await waitFor(() => expect(fake.calls).toContain('pick_save_path'));
    expect(fake.exports.requests).toHaveLength(0);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByTestId('export-submit')).toBeEnabled();
  });

  it('Show in folder reveals the main file; Ctrl+Enter exports', async () => {
    const user = userEvent.setup();
    render(ExportScreen);
    await user.click(screen.getByTestId('export-format-csv'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    const result = await screen.findByTestId('export-result');
    const files = within(result).getAllByTestId('export-file').map((f) => f.dataset.path);
    expect(files).toEqual([
      `/home/apprentice/Documents/journeylog-jordan-reyes-${todayIso()}.csv`,
      `/home/apprentice/Documents/journeylog-jordan-reyes-${todayIso()}-summary.csv`,
    ]);
    await user.click(within(result).getByTestId('export-reveal'));
    await waitFor(() => expect(fake.exports.revealed).toEqual([files[0]]));
  });
});
