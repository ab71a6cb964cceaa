import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import QuickEntryForm from '../../src/screens/log/QuickEntryForm.svelte';
import { todayIso } from '../../src/lib/dates';
import { fakeWithProfile } from './helpers';

// The form dates entries by the real clock, so the fake uses it too.
const setup = () => fakeWithProfile({ today: todayIso() });

describe('QuickEntryForm', () => {
  it('starts in hours and logs 8 hours with 8, Tab, plc, Enter, Enter', async () => {
    const fake = setup();
    const user = userEvent.setup();
    render(QuickEntryForm);
    const hours = document.getElementById('log-hours') as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(hours));
    await user.keyboard('8');
    await user.tab();
    expect(document.activeElement?.id).toBe('log-process');
    await user.keyboard('plc');
    await user.keyboard('{Enter}');
    expect((document.getElementById('log-process') as HTMLInputElement).value).toMatch(/^WP3 · PLCs/);
    expect(fake.rec.ojl).toHaveLength(0);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(fake.rec.ojl).toHaveLength(1));
    expect(fake.rec.ojl[0]).toMatchObject({ minutes: 480, work_process: 'WP3', date: todayIso() });
    // Hours reset, work process kept, focus back in hours.
    await waitFor(() => expect(hours.value).toBe(''));
    expect((document.getElementById('log-process') as HTMLInputElement).value).toMatch(/^WP3/);
    expect(document.activeElement).toBe(hours);
  });

  it('shows a bad value next to hours and stores nothing', async () => {
    const fake = setup();
    const user = userEvent.setup();
    render(QuickEntryForm);
    await user.type(document.getElementById('log-hours')!, '7:75');
    await user.type(document.getElementById('log-process')!, 'WP1{Enter}');
    await user.click(screen.getByTestId('log-submit'));
    const err = await screen.findByTestId('error-hours');
    expect(err).toHaveTextContent('more than 59 minutes');
    expect(document.getElementById('log-hours')).toHaveAttribute('aria-invalid', 'true');
    expect(document.getElementById('log-hours')).toHaveAttribute('aria-describedby', 'log-hours-error');
    expect(fake.rec.ojl).toHaveLength(0);
  });

  it('saves with Ctrl+Enter from the note field', async () => {
    const fake = setup();
    const user = userEvent.setup();
    render(QuickEntryForm);
    await user.type(document.getElementById('log-hours')!, '7.5');
    await user.type(document.getElementById('log-process')!, 'fluid{Enter}');
    await user.type(document.getElementById('log-note')!, 'Valve bank{Control>}{Enter}{/Control}');
    await waitFor(() => expect(fake.rec.ojl).toHaveLength(1));
    expect(fake.rec.ojl[0]).toMatchObject({ minutes: 450, work_process: 'WP6', note: 'Valve bank' });
  });
});
