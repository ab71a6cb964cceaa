// Progress for the fake backend: a plausible, simplified version of the core's
// computation, enough to drive the dashboard in browser tests and screenshots.

import type { Certification } from '../../bindings/Certification';
import type { CertificationStatus } from '../../bindings/CertificationStatus';
import type { CourseworkEntry } from '../../bindings/CourseworkEntry';
import type { Criterion } from '../../bindings/Criterion';
import type { CriterionProgress } from '../../bindings/CriterionProgress';
import type { MilestoneProgress } from '../../bindings/MilestoneProgress';
import type { OjlEntry } from '../../bindings/OjlEntry';
import type { Profile } from '../../bindings/Profile';
import type { Progress } from '../../bindings/Progress';
import type { WageStep } from '../../bindings/WageStep';
import type { WageStepStatus } from '../../bindings/WageStepStatus';
import type { WeekTotal } from '../../bindings/WeekTotal';
import { addDays, addMonths, daysBetween, weekStart } from '../dates';
import type { FakeLedger } from './ledger';

export const EXPIRING_WITHIN_DAYS = 60;
const WEEKS_SHOWN = 26;

export interface Records {
  ojl: OjlEntry[];
  coursework: CourseworkEntry[];
  certs: Certification[];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const round1 = (x: number) => Math.round(x * 10) / 10;

export function certState(expiresOn: string | null | undefined, today: string): Pick<CertificationStatus, 'state' | 'days_left'> {
  if (!expiresOn) return { state: 'valid', days_left: null };
  const days = daysBetween(today, expiresOn);
  if (days < 0) return { state: 'expired', days_left: days };
  if (days <= EXPIRING_WITHIN_DAYS) return { state: 'expiring', days_left: days };
  return { state: 'valid', days_left: days };
}

function certificationStatuses(profile: Profile, certs: Certification[], today: string): CertificationStatus[] {
  const out: CertificationStatus[] = certs.map((c) => ({
    id: c.id,
    code: c.code ?? null,
    title: c.title,
    expires_on: c.expires_on ?? null,
    ...certState(c.expires_on, today),
  }));
  for (const req of profile.program.certifications) {
    if (!certs.some((c) => c.code === req.code)) {
      out.push({ id: null, code: req.code, title: req.title, state: 'missing', expires_on: null, days_left: null });
    }
  }
  return out;
}

/** The date cumulative OJL first reached `minutes`, or null. */
function dateReached(ojl: OjlEntry[], startMinutes: number, minutes: number, start: string): string | null {
  if (startMinutes >= minutes) return start;
  let acc = startMinutes;
  for (const e of [...ojl].sort((a, b) => a.date.localeCompare(b.date))) {
    acc += e.minutes;
    if (acc >= minutes) return e.date;
  }
  return null;
}

/** `ledger` holds the mentor's decisions: only approved entries count as approved. */
export function computeProgress(profile: Profile, rec: Records, today: string, ledger: FakeLedger): Progress {
  const program = profile.program;
  const enr = profile.enrollment;
  const logged = rec.ojl.filter((e) => !e.prior_credit);
  const priorEntries = sum(rec.ojl.filter((e) => e.prior_credit).map((e) => e.minutes));
  const prior = enr.prior_ojl_minutes + priorEntries;
  const draft = sum(logged.filter((e) => e.status === 'draft').map((e) => e.minutes));
  const submitted = sum(logged.filter((e) => e.status === 'submitted').map((e) => e.minutes));
  const total = prior + draft + submitted;
  const term = program.term_hours * 60;

  const approvedOjl = logged.filter((e) => ledger.approved(e));
  const approvedIn = (code: string) => sum(approvedOjl.filter((e) => e.work_process === code).map((e) => e.minutes));
  const approvedTotal = sum(approvedOjl.map((e) => e.minutes));
  const work_processes = program.work_processes.map((w) => {
    const mine = rec.ojl.filter((e) => e.work_process === w.code);
    const d = sum(mine.filter((e) => e.status === 'draft').map((e) => e.minutes));
    const s = sum(mine.filter((e) => e.status === 'submitted').map((e) => e.minutes));
    const minutes = d + s;
    return {
      code: w.code,
      title: w.title,
      minutes,
      draft_minutes: d,
      submitted_minutes: s,
      approved_minutes: approvedIn(w.code),
      min_hours: w.min_hours,
      max_hours: w.max_hours ?? null,
      percent: w.min_hours > 0 ? Math.min(100, round1((minutes / (w.min_hours * 60)) * 100)) : 100,
      over_max: w.max_hours != null && minutes > w.max_hours * 60,
    };
  });

  const rtiLogged = sum(rec.coursework.map((c) => c.minutes));
  const rtiTotal = rtiLogged + enr.prior_rti_minutes;
  const elapsedDays = Math.max(0, daysBetween(enr.start_date, today));
  const courses = program.courses.map((c) => {
    const minutes = sum(rec.coursework.filter((w) => w.course === c.code).map((w) => w.minutes));
    return { code: c.code, title: c.title, hours: c.hours, minutes, completed: minutes >= c.hours * 60 };
  });

  const paceFrom = addDays(today, -55);
  const last8 = sum(logged.filter((e) => e.date >= paceFrom && e.date <= today).map((e) => e.minutes));
  const perWeek = Math.round(last8 / 8);
  const projectTo = (remaining: number): string | null =>
    remaining <= 0 ? today : perWeek > 0 ? addDays(today, Math.ceil((remaining / perWeek) * 7)) : null;

  const certifications = certificationStatuses(profile, rec.certs, today);
  const held = (code: string) => certifications.some((c) => c.code === code && c.id && c.state !== 'expired');
  const wpMinutes = (code: string) => work_processes.find((w) => w.code === code)?.minutes ?? 0;
  const courseMinutes = (code: string) => courses.find((c) => c.code === code);

  const criterion = (c: Criterion): CriterionProgress => {
    switch (c.kind) {
      case 'ojl_hours':
        return { label: `${c.hours.toLocaleString('en-US')} OJL hours`, met: total >= c.hours * 60, current: total, target: c.hours * 60 };
      case 'work_process_hours': {
        const m = wpMinutes(c.code);
        return { label: `${c.hours.toLocaleString('en-US')} hours in ${c.code}`, met: m >= c.hours * 60, current: m, target: c.hours * 60 };
      }
      case 'rti_hours':
        return { label: `${c.hours.toLocaleString('en-US')} RTI hours`, met: rtiTotal >= c.hours * 60, current: rtiTotal, target: c.hours * 60 };
      case 'course_completed': {
        const done = courseMinutes(c.code)?.completed ?? false;
        return { label: `Course ${c.code} completed`, met: done, current: done ? 1 : 0, target: 1 };
      }
      case 'certification': {
        const ok = held(c.code);
        return { label: `Certification ${c.code} held`, met: ok, current: ok ? 1 : 0, target: 1 };
      }
    }
  };
  const milestones: MilestoneProgress[] = program.milestones.map((m) => {
    const criteria = m.criteria.map(criterion);
    const allMet = criteria.every((c) => c.met);
    const any = criteria.some((c) => c.current > 0);
    const request = ledger.requests.find((r) => r.code === m.code);
    const signed = request?.signed?.approved ? request.signed : null;
    const state = signed ? 'signed_off' : request ? 'requested' : allMet ? 'criteria_met' : any ? 'in_progress' : 'not_started';
    return { code: m.code, title: m.title, criteria, state, signed_off: signed };
  });

  const stepReached = (s: WageStep) =>
    s.trigger.kind === 'start' ||
    (s.trigger.kind === 'ojl_hours' && total >= s.trigger.hours * 60) ||
    (s.trigger.kind === 'milestone' && ['criteria_met', 'requested', 'signed_off'].includes(milestones.find((m) => m.code === (s.trigger as { code: string }).code)?.state ?? ''));
  const status = (s: WageStep): WageStepStatus => ({
    label: s.label,
    percent: s.percent,
    trigger:
      s.trigger.kind === 'start' ? 'at start'
      : s.trigger.kind === 'ojl_hours' ? `at ${s.trigger.hours.toLocaleString('en-US')} OJL hours`
      : `when milestone ${s.trigger.code} is met`,
  });
  const reachedSteps = program.wage_steps.filter(stepReached);
  const nextStep = program.wage_steps.find((s) => !stepReached(s)) ?? null;
  const needed = nextStep?.trigger.kind === 'ojl_hours' ? Math.max(0, nextStep.trigger.hours * 60 - total) : null;

  const probation = (() => {
    const p = program.probation;
    if (p.kind === 'months') {
      const ends = addMonths(enr.start_date, p.months);
      return { description: `First ${p.months} months`, ends_on: ends, completed: today >= ends };
    }
    const target = p.hours * 60;
    const done = total >= target;
    return {
      description: `First ${p.hours.toLocaleString('en-US')} OJL hours`,
      ends_on: done ? dateReached(rec.ojl, enr.prior_ojl_minutes, target, enr.start_date) : projectTo(target - total),
      completed: done,
    };
  })();

  const thisWeek = weekStart(today);
  let first = addDays(thisWeek, -7 * (WEEKS_SHOWN - 1));
  const startWeek = weekStart(enr.start_date);
  if (startWeek > first) first = startWeek;
  const weekly: WeekTotal[] = [];
  for (let w = first; w <= thisWeek; w = addDays(w, 7)) {
    const end = addDays(w, 6);
    const inWeek = (d: string) => d >= w && d <= end;
    weekly.push({
      week_start: w,
      ojl_minutes: sum(logged.filter((e) => inWeek(e.date)).map((e) => e.minutes)),
      rti_minutes: sum(rec.coursework.filter((c) => inWeek(c.date)).map((c) => c.minutes)),
    });
  }

  return {
    as_of: today,
    program_id: program.id,
    program_title: program.title,
    overall: {
      ojl_minutes: total,
      term_minutes: term,
      percent: term > 0 ? Math.min(100, round1((total / term) * 100)) : 0,
      approved_minutes: prior + approvedTotal,
      approved_percent: term > 0 ? Math.min(100, round1(((prior + approvedTotal) / term) * 100)) : 0,
    },
    ojl: {
      total_minutes: total,
      prior_minutes: prior,
      draft_minutes: draft,
      submitted_minutes: submitted,
      approved_minutes: approvedTotal,
      pending_minutes: Math.max(0, draft + submitted - approvedTotal),
      work_processes,
    },
    rti: {
      total_minutes: rtiTotal,
      prior_minutes: enr.prior_rti_minutes,
      unpaid_minutes: sum(rec.coursework.filter((c) => !c.paid).map((c) => c.minutes)),
      approved_minutes: sum(rec.coursework.filter((c) => ledger.approved(c)).map((c) => c.minutes)),
      program_minutes: sum(program.courses.map((c) => c.hours * 60)),
      pace_hours_per_year: program.rti_hours_per_year,
      pace_expected_minutes: Math.round((elapsedDays / 365) * program.rti_hours_per_year * 60),
      courses,
    },
    certifications,
    milestones,
    wage: {
      current: reachedSteps.length ? status(reachedSteps[reachedSteps.length - 1]) : null,
      next: nextStep ? status(nextStep) : null,
      minutes_needed: needed,
      projected_date: needed != null ? projectTo(needed) : null,
    },
    pace: { ojl_minutes_last_8_weeks: last8, ojl_minutes_per_week: perWeek },
    probation,
    projected_completion: total >= term ? dateReached(rec.ojl, enr.prior_ojl_minutes, term, enr.start_date) : projectTo(term - total),
    weekly,
    signoff_problems: {
      changed_after_signoff: [...rec.ojl, ...rec.coursework].map((e) => ledger.review(e)).filter((r) => r.state === 'changed_after_signoff'),
      invalid_signoffs: [...ledger.invalid],
    },
  };
}
