import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import WeekList from '../../src/screens/log/WeekList.svelte';
import { fakeWithProfile, ojl } from './helpers';

// WeekList asks for "today's" week from the real clock; give it an explicit date instead.
const DATE = '2026-03-04';

describe('WeekList', () => {
  it('shows rows with minutes and the week total', async () => {
    const fake = fakeWithProfile();
    await fake.logOjl(ojl({ date: '2026-03-02', hours: '8' }));
    await fake.logOjl(ojl({ date: '2026-03-03', hours: '7:30', work_process: 'WP5' }));
    render(WeekList, { date: DATE });
    const rows = await screen.findAllByTestId('entry-row');
    expect(rows.map((r) => r.dataset.minutes)).toEqual(['480', '450']);
    expect(screen.getByTestId('week-total')).toHaveAttribute('data-minutes', '930');
  });

  it('deletes a draft after confirming', async () => {
    const fake = fakeWithProfile();
    const { record } = await fake.logOjl(ojl({ date: '2026-03-02' }));
    const user = userEvent.setup();
    render(WeekList, { date: DATE });
    const row = await screen.findByTestId('entry-row');
    await user.click(within(row).getByTestId('entry-delete'));
    await user.click(await screen.findByTestId('confirm-yes'));
    await waitFor(() => expect(fake.rec.ojl.find((e) => e.id === record.id)).toBeUndefined());
    await waitFor(() => expect(screen.queryAllByTestId('entry-row')).toHaveLength(0));
  });

  it('edits a draft in a dialog', async () => {
    const fake = fakeWithProfile();
    await fake.logOjl(ojl({ date: '2026-03-02', hours: '8' }));
    const user = userEvent.setup();
    render(WeekList, { date: DATE });
    await user.click(within(await screen.findByTestId('entry-row')).getByTestId('entry-edit'));
    const hours = (await screen.findByLabelText('Hours')) as HTMLInputElement;
    expect(hours.value).toBe('8:00');
    await user.clear(hours);
    await user.type(hours, '6.5');
    await user.click(screen.getByTestId('entry-save'));
    await waitFor(() => expect(fake.rec.ojl[0].minutes).toBe(390));
  });

  it('submits the week and then offers no edit or delete', async () => {
    const fake = fakeWithProfile();
    await fake.logOjl(ojl({ date: '2026-03-02' }));
    const user = userEvent.setup();
    render(WeekList, { date: DATE });
    await screen.findByTestId('entry-row');
    await user.click(screen.getByTestId('submit-week'));
    await user.click(await screen.findByTestId('confirm-yes'));
    await waitFor(() => expect(screen.getByTestId('entry-row')).toHaveAttribute('data-status', 'submitted'));
    expect(fake.rec.ojl[0].status).toBe('submitted');
    expect(within(screen.getByTestId('entry-row')).queryByTestId('entry-edit')).toBeNull();
  });
});
