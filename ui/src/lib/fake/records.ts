// Turning inputs into records for the fake backend, with the core's rules applied
// (see validate.ts). Pure functions: the caller stores the result.

import type { Certification } from '../../bindings/Certification';
import type { CertificationInput } from '../../bindings/CertificationInput';
import type { CourseworkEntry } from '../../bindings/CourseworkEntry';
import type { CourseworkInput } from '../../bindings/CourseworkInput';
import type { FieldWarning } from '../../bindings/FieldWarning';
import type { OjlEntry } from '../../bindings/OjlEntry';
import type { OjlInput } from '../../bindings/OjlInput';
import type { Profile } from '../../bindings/Profile';
import { addMonths, isValidIso } from '../dates';
import { ApiError } from '../errors';
import { basename } from '../format';
import { fakeSha256, newId } from './ids';
import type { Records } from './progress';
import { checkDayTotal, checkNotBeforeStart, entryMinutes, requireDate, requireText } from './validate';

export function ojlRecord(
  profile: Profile,
  rec: Records,
  input: OjlInput,
  existing: OjlEntry | null,
  today: string,
): { entry: OjlEntry; warnings: FieldWarning[] } {
  const date = requireDate('date', input.date, today);
  const minutes = entryMinutes(input.hours);
  const code = input.work_process.trim();
  if (code === '') throw ApiError.invalid('work_process', 'work process is required; pick one from the program');
  const wp = profile.program.work_processes.find((w) => w.code.toLowerCase() === code.toLowerCase());
  if (!wp) {
    const known = profile.program.work_processes.map((w) => w.code).join(', ');
    throw ApiError.invalid('work_process', `work process "${code}" is not in the program ${profile.program.id}; choose one of ${known}`);
  }
  checkNotBeforeStart(profile, date, input.prior_credit);
  checkDayTotal(date, minutes, rec.ojl, rec.coursework, existing?.id ?? null);
  const now = new Date().toISOString();
  const entry: OjlEntry = {
    id: existing?.id ?? newId(),
    date,
    minutes,
    work_process: wp.code,
    note: input.note.trim(),
    site: input.site.trim(),
    supervisor: input.supervisor.trim(),
    prior_credit: input.prior_credit,
    status: 'draft',
    version: (existing?.version ?? 0) + 1,
    created_at: existing?.created_at ?? now,
    updated_at: now,
  };
  const warnings: FieldWarning[] = [];
  if (wp.max_hours != null) {
    const after = rec.ojl.filter((e) => e.work_process === wp.code && e.id !== entry.id).reduce((a, e) => a + e.minutes, 0) + minutes;
    if (after > wp.max_hours * 60) {
      warnings.push({
        field: 'work_process',
        message: `${wp.code} now has ${Math.floor(after / 60)} hours, past its range of ${wp.min_hours}-${wp.max_hours}; the hours still count, but talk to your mentor`,
      });
    }
  }
  return { entry, warnings };
}

export function courseworkRecord(
  profile: Profile,
  rec: Records,
  input: CourseworkInput,
  existing: CourseworkEntry | null,
  today: string,
): CourseworkEntry {
  const code = input.course.trim();
  if (code === '') throw ApiError.invalid('course', 'course is required; pick one from the program');
  const course = profile.program.courses.find((c) => c.code === code);
  if (!course) {
    const known = profile.program.courses.map((c) => c.code).join(', ') || 'none are defined';
    throw ApiError.invalid('course', `course "${code}" is not in the program ${profile.program.id}; choose one of ${known}`);
  }
  const date = requireDate('date', input.date, today);
  const minutes = entryMinutes(input.hours);
  checkNotBeforeStart(profile, date, false);
  checkDayTotal(date, minutes, rec.ojl, rec.coursework, existing?.id ?? null);
  const now = new Date().toISOString();
  return {
    id: existing?.id ?? newId(),
    course: course.code,
    date,
    minutes,
    paid: input.paid,
    status: 'draft',
    grade: input.grade.trim() || null,
    note: input.note.trim(),
    version: (existing?.version ?? 0) + 1,
    created_at: existing?.created_at ?? now,
    updated_at: now,
  };
}

export function certificationRecord(
  profile: Profile,
  input: CertificationInput,
  existing: Certification | null,
  today: string,
): Certification {
  const title = requireText('title', input.title);
  const earned = requireDate('earned_on', input.earned_on, today);
  const code = input.code.trim();
  const req = code ? profile.program.certifications.find((c) => c.code === code) : undefined;
  if (code && !req) throw ApiError.invalid('code', `certification "${code}" is not required by ${profile.program.title}`);
  let expires = input.expires_on.trim();
  if (expires) {
    if (!isValidIso(expires)) throw ApiError.invalid('expires_on', `expires on "${expires}" is not a date; use YYYY-MM-DD`);
    if (expires <= earned) throw ApiError.invalid('expires_on', `expires on ${expires} must come after earned on ${earned}`);
  } else if (req?.validity_months) {
    expires = addMonths(earned, req.validity_months);
  }
  const evidencePath = input.evidence_path?.trim();
  const now = new Date().toISOString();
  return {
    id: existing?.id ?? newId(),
    code: code || null,
    title,
    issuer: input.issuer.trim(),
    credential_id: input.credential_id.trim(),
    earned_on: earned,
    expires_on: expires || null,
    evidence: evidencePath
      ? { file_name: basename(evidencePath), sha256: fakeSha256(evidencePath), size_bytes: 180_000 + (evidencePath.length * 7919) % 90_000 }
      : (existing?.evidence ?? null),
    version: (existing?.version ?? 0) + 1,
    created_at: existing?.created_at ?? now,
    updated_at: now,
  };
}
