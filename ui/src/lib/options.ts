// Program data shaped for pickers.

import type { ProgramStandard } from '../bindings/ProgramStandard';
import type { ComboOption } from '../components/combobox';

export function workProcessOptions(program: ProgramStandard | undefined): ComboOption[] {
  return (program?.work_processes ?? []).map((w) => ({
    value: w.code,
    label: w.title,
    detail: w.max_hours != null ? `${w.min_hours}–${w.max_hours} h` : `${w.min_hours} h`,
  }));
}

export function workProcessTitle(program: ProgramStandard | undefined, code: string): string {
  return program?.work_processes.find((w) => w.code === code)?.title ?? code;
}

export function courseTitle(program: ProgramStandard | undefined, code: string): string {
  return program?.courses.find((c) => c.code === code)?.title ?? code;
}
