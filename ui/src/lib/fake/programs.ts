// Program fixtures for the fake backend: the MRA phase 1 standard in full, and lighter
// versions of the other bundled templates for the first-run picker. Hours follow
// ../shared/programs-reference.md and, like the real templates, are illustrative.

import type { ProgramStandard } from '../../bindings/ProgramStandard';
import type { TemplateInfo } from '../../bindings/TemplateInfo';
import type { WorkProcess } from '../../bindings/WorkProcess';

const ILLUSTRATIVE =
  'Illustrative template: these hours and work processes are modelled on published standards, not taken from your sponsor. Check them against your registered standard and edit or import the real one.';

function wp(code: string, title: string, min: number, competencies: string[], max: number | null = null): WorkProcess {
  return {
    code,
    title,
    min_hours: min,
    max_hours: max,
    competencies: competencies.map((t, i) => ({ code: `${code}.${i + 1}`, title: t })),
  };
}

export const MRA_PHASE_1: ProgramStandard = {
  id: 'mra-phase-1',
  title: 'Mechatronics and Robotics Apprenticeship: Phase 1',
  revision: 1,
  occupation: 'Mechatronics Technician',
  sponsor: 'Amazon (template)',
  approach: 'time_based',
  term_hours: 2000,
  notice: ILLUSTRATIVE,
  rti_hours_per_year: 144,
  work_processes: [
    wp('WP1', 'Safety, LOTO, tools and parts requisitioning', 150, [
      'Apply lockout/tagout to electrical and stored energy',
      'Select, inspect and use hand and power tools',
      'Requisition parts through the maintenance system',
    ]),
    wp('WP2', 'Electrical distribution and motor circuits', 250, [
      'Trace three-phase distribution to the load',
      'Wire and test motor starters and contactors',
      'Measure voltage, current and insulation resistance',
    ]),
    wp('WP3', 'PLCs, sensors and controls', 400, [
      'Read and edit ladder logic',
      'Commission and calibrate sensors',
      'Diagnose I/O faults from the HMI',
      'Back up and restore controller programs',
    ]),
    wp('WP4', 'Preventive maintenance: electrical', 250, [
      'Perform thermographic inspections',
      'Clean and torque electrical terminations',
    ]),
    wp('WP5', 'Preventive maintenance: mechanical (drives, bearings, conveyors)', 350, [
      'Align shafts and belts',
      'Lubricate and replace bearings',
      'Adjust conveyor tracking and tension',
    ]),
    wp('WP6', 'Fluid power', 200, ['Read pneumatic and hydraulic schematics', 'Replace valves, cylinders and fittings']),
    wp('WP7', 'Electronics and robotics troubleshooting', 250, [
      'Recover a robot from a fault and re-home it',
      'Replace and configure drives and encoders',
    ]),
    wp('WP8', 'Material-handling systems', 150, ['Maintain sorters, diverters and scanners']),
  ],
  courses: [
    { code: 'MRA-101', title: 'Industrial safety and trade math', hours: 48 },
    { code: 'MRA-102', title: 'DC fundamentals', hours: 72 },
    { code: 'MRA-103', title: 'AC fundamentals', hours: 72 },
    { code: 'MRA-104', title: 'Electrical control systems', hours: 72 },
    { code: 'MRA-105', title: 'AC/DC drives and print reading', hours: 72 },
    { code: 'MRA-106', title: 'Mechatronic principles and PLCs', hours: 72 },
    { code: 'MRA-107', title: 'Fluid power and mechanical systems', hours: 72 },
  ],
  certifications: [
    { code: 'OSHA10', title: 'OSHA 10-Hour General Industry', issuer: 'OSHA', validity_months: null },
    { code: 'NFPA70E', title: 'NFPA 70E Electrical Safety', issuer: 'NFPA', validity_months: 36 },
    { code: 'PLC1', title: 'PLC Fundamentals Certificate', issuer: 'College partner', validity_months: null },
  ],
  milestones: [
    { code: 'M1', title: 'Probation complete', criteria: [{ kind: 'ojl_hours', hours: 500 }] },
    {
      code: 'M2',
      title: 'Classroom phase complete',
      criteria: [
        { kind: 'rti_hours', hours: 480 },
        { kind: 'certification', code: 'OSHA10' },
      ],
    },
    {
      code: 'M3',
      title: 'Controls technician',
      criteria: [
        { kind: 'work_process_hours', code: 'WP3', hours: 200 },
        { kind: 'course_completed', code: 'MRA-106' },
        { kind: 'certification', code: 'PLC1' },
      ],
    },
    { code: 'M4', title: 'Journey-level ready', criteria: [{ kind: 'ojl_hours', hours: 2000 }] },
  ],
  wage_steps: [
    { label: 'Step 1', percent: 85, trigger: { kind: 'start' } },
    { label: 'Step 2', percent: 92, trigger: { kind: 'ojl_hours', hours: 1000 } },
    { label: 'Completion', percent: 100, trigger: { kind: 'ojl_hours', hours: 2000 } },
  ],
  probation: { kind: 'hours', hours: 500 },
};

function simple(
  id: string,
  title: string,
  occupation: string,
  approach: ProgramStandard['approach'],
  processes: [string, number, number | null][],
  courses: [string, number][],
): ProgramStandard {
  return {
    id,
    title,
    revision: 1,
    occupation,
    sponsor: null,
    approach,
    term_hours: 2000,
    notice: ILLUSTRATIVE,
    rti_hours_per_year: 144,
    work_processes: processes.map(([t, min, max], i) => wp(`WP${i + 1}`, t, min, [], max)),
    courses: courses.map(([t, h], i) => ({ code: `C${i + 1}`, title: t, hours: h })),
    certifications: [],
    milestones: [{ code: 'M1', title: 'Probation complete', criteria: [{ kind: 'ojl_hours', hours: 500 }] }],
    wage_steps: [
      { label: 'Step 1', percent: 70, trigger: { kind: 'start' } },
      { label: 'Step 2', percent: 80, trigger: { kind: 'ojl_hours', hours: 1000 } },
      { label: 'Completion', percent: 100, trigger: { kind: 'ojl_hours', hours: 2000 } },
    ],
    probation: { kind: 'hours', hours: 500 },
  };
}

export const PROGRAMS: ProgramStandard[] = [
  MRA_PHASE_1,
  simple('atap-cloud-support', 'Amazon Technical Apprenticeship: Cloud Support Associate', 'Cloud Support Associate', 'time_based', [
    ['Hardware install, configuration and repair', 450, null],
    ['Operating systems and applications', 400, null],
    ['Networking and connectivity', 400, null],
    ['Cloud services and virtualization', 300, null],
    ['Ticketing, documentation and customer support', 350, null],
    ['Security and access management', 100, null],
  ], [['Hardware and technical support', 120], ['Network fundamentals', 120], ['Linux and Windows administration', 160]]),
  simple('sde', 'Software Development Engineer Apprenticeship', 'Software Developer', 'hybrid', [
    ['Onboarding, SDLC, tooling and version control', 150, 250],
    ['Requirements and design reviews', 200, 300],
    ['Feature development', 600, 800],
    ['Testing and debugging', 300, 400],
    ['Build, CI/CD and deployment', 150, 250],
    ['Maintenance and operations support', 150, 250],
    ['Secure coding and data privacy', 80, 120],
  ], [['Software engineering foundations', 144]]),
  simple('uxdr', 'UX Design and Research Apprenticeship', 'UX Designer', 'time_based', [
    ['Discovery and stakeholder workshops', 200, null],
    ['User research', 400, null],
    ['Synthesis: personas, journeys, IA', 300, null],
    ['Interaction design: flows and wireframes', 400, null],
    ['Prototyping and design systems', 300, null],
    ['Usability and A/B testing', 250, null],
    ['Accessibility and engineering handoff', 150, null],
  ], [['UX research methods', 72], ['Interaction design studio', 72]]),
  simple('dol-time-based', 'Generic time-based program (29 CFR 29.5)', 'Any apprenticeable occupation', 'time_based', [
    ['Orientation and safety', 200, null],
    ['Core trade skills', 1000, null],
    ['Advanced practice', 600, null],
    ['Quality and documentation', 200, null],
  ], [['Related instruction, year 1', 144]]),
];

export function templateInfo(p: ProgramStandard): TemplateInfo {
  return {
    id: p.id,
    title: p.title,
    occupation: p.occupation,
    approach: p.approach,
    term_hours: p.term_hours,
    work_process_count: p.work_processes.length,
    notice: p.notice ?? null,
  };
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}
