import { describe, expect, it } from 'vitest';
import { filterOptions } from '../../src/components/combobox';
import { layoutChart, niceMax } from '../../src/screens/dashboard/chart';
import { workProcessOptions } from '../../src/lib/options';
import { MRA_PHASE_1 } from '../../src/lib/fake/programs';

const options = workProcessOptions(MRA_PHASE_1);

describe('combobox filtering', () => {
  it('finds PLCs by a word of the title', () => {
    expect(filterOptions(options, 'plc')[0].value).toBe('WP3');
  });
  it('puts an exact code first', () => {
    expect(filterOptions(options, 'wp3')[0].value).toBe('WP3');
    expect(filterOptions(options, 'WP3')).toHaveLength(1);
  });
  it('needs every word to match', () => {
    expect(filterOptions(options, 'preventive mechanical').map((o) => o.value)).toEqual(['WP5']);
    expect(filterOptions(options, 'zzz')).toEqual([]);
  });
  it('keeps all options for an empty query', () => {
    expect(filterOptions(options, '  ')).toHaveLength(8);
  });
});

describe('weekly chart layout', () => {
  const weeks = [
    { week_start: '2026-02-23', ojl_minutes: 40 * 60, rti_minutes: 0 },
    { week_start: '2026-03-02', ojl_minutes: 20 * 60, rti_minutes: 4 * 60 },
  ];
  it('rounds the scale up to 10 hours, at least 40', () => {
    expect(niceMax(0)).toBe(40 * 60);
    expect(niceMax(41 * 60)).toBe(50 * 60);
  });
  it('stacks RTI on OJL with heights proportional to minutes', () => {
    const l = layoutChart(weeks, 400, 200, { left: 0, right: 0, top: 0, bottom: 0 });
    expect(l.maxMinutes).toBe(40 * 60);
    expect(l.bars[0].ojlH).toBeCloseTo(200);
    expect(l.bars[1].ojlH).toBeCloseTo(100);
    expect(l.bars[1].rtiH).toBeCloseTo(20);
    expect(l.bars[1].rtiY + l.bars[1].rtiH).toBeCloseTo(l.bars[1].ojlY);
    expect(l.months.map((m) => m.label)).toEqual(['Feb', 'Mar']);
  });
});
