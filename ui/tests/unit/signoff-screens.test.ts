import '@testing-library/jest-dom/vitest';
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import WeekList from '../../src/screens/log/WeekList.svelte';
import OverallCard from '../../src/screens/dashboard/OverallCard.svelte';
import ReviewPeriodCard from '../../src/screens/mentor/ReviewPeriodCard.svelte';
import ApprenticeCard from '../../src/screens/mentor/ApprenticeCard.svelte';
import Meter from '../../src/components/Meter.svelte';
import CourseworkScreen from '../../src/screens/coursework/CourseworkScreen.svelte';
import { setBackend } from '../../src/lib/api';
import { FakeBackend } from '../../src/lib/fake/backend';
import { JORDAN_ID, PRIYA_ID } from '../../src/lib/fake/mentor-seeds';
import { RETURN_COMMENT, seedSignoffs } from '../../src/lib/fake/signoff-seeds';
import { app } from '../../src/lib/state.svelte';
import { fakeWithProfile, TODAY } from './helpers';

const LAST_WEEK = '2026-02-23';

function mentorDevice(): FakeBackend {
  const fake = new FakeBackend({ today: TODAY });
  fake.employer.seedMentor();
  setBackend(fake);
  app.profile = null;
  app.mode = 'mentor';
  return fake;
}

describe('WeekList with review states', () => {
  it('badges each row and offers what its state allows', async () => {
    const fake = fakeWithProfile();
    seedSignoffs(fake, TODAY);
    render(WeekList, { date: LAST_WEEK });
    await waitFor(() => expect(screen.getAllByTestId('entry-row').some((r) => r.dataset.reviewState === 'approved')).toBe(true));
    const rows = screen.getAllByTestId('entry-row');
    const byState = (s: string) => rows.filter((r) => r.dataset.reviewState === s);
    expect(byState('approved')).toHaveLength(3);
    expect(within(byState('approved')[0]).getByTestId('review-badge')).toHaveTextContent('Approved by Dana W.');
    expect(within(byState('approved')[0]).queryByTestId('entry-edit')).toBeNull();
    expect(within(byState('returned')[0]).getByTestId('review-comment')).toHaveTextContent(RETURN_COMMENT);
    expect(within(byState('returned')[0]).getByTestId('entry-edit')).toBeInTheDocument();
    expect(within(byState('submitted')[0]).getByTestId('entry-locked')).toHaveAttribute('title', expect.stringContaining('waiting'));
    expect(within(byState('draft')[0]).getByTestId('entry-delete')).toBeInTheDocument();
  });

  it('amends an approved entry through the entry form', async () => {
    const fake = fakeWithProfile();
    seedSignoffs(fake, TODAY);
    const user = userEvent.setup();
    render(WeekList, { date: LAST_WEEK });
    const approved = await waitFor(() => screen.getAllByTestId('entry-row').find((r) => r.dataset.reviewState === 'approved' && r.dataset.kind === 'ojl')!);
    await user.click(within(approved).getByTestId('entry-amend'));
    expect(await screen.findByTestId('amend-notice')).toHaveTextContent('Approved by Dana Whitfield');
    const hours = screen.getByLabelText('Hours') as HTMLInputElement;
    await user.clear(hours);
    await user.type(hours, '6');
    await user.click(screen.getByTestId('entry-save'));
    await waitFor(() => expect(fake.calls).toContain('amend_ojl'));
    const stored = fake.rec.ojl.find((e) => e.id === approved.dataset.id)!;
    expect([stored.minutes, stored.status, stored.amends_version]).toEqual([360, 'submitted', 1]);
    expect(fake.calls).not.toContain('update_ojl');
  });
});

describe('Coursework with review states', () => {
  it('offers Amend on approved coursework and sends an amendment', async () => {
    const fake = fakeWithProfile();
    seedSignoffs(fake, TODAY);
    const user = userEvent.setup();
    render(CourseworkScreen);
    const row = await waitFor(() => screen.getAllByTestId('coursework-row').find((r) => r.dataset.reviewState === 'approved')!);
    expect(within(row).queryByTestId('coursework-edit')).toBeNull();
    await user.click(within(row).getByTestId('coursework-amend'));
    expect(await screen.findByTestId('amend-notice')).toBeInTheDocument();
    await user.click(screen.getByTestId('cw-edit-submit'));
    await waitFor(() => expect(fake.calls).toContain('amend_coursework'));
    expect(fake.rec.coursework[0].amends_version).toBe(1);
  });
});

describe('OverallCard', () => {
  it('shows approved and pending hours apart', async () => {
    const fake = fakeWithProfile();
    seedSignoffs(fake, TODAY);
    render(OverallCard, { progress: await fake.getProgress() });
    expect(screen.getByTestId('approved-hours')).toHaveTextContent('16:00 approved');
    expect(screen.getByTestId('approved-hours')).toHaveAttribute('data-minutes', '960');
    expect(screen.getByTestId('pending-hours')).toHaveTextContent('20:30 pending');
  });

  it('says the approved figure includes prior credit when there is some', async () => {
    const fake = fakeWithProfile();
    seedSignoffs(fake, TODAY);
    const progress = await fake.getProgress();
    const credited = { ...progress, ojl: { ...progress.ojl, prior_minutes: 2400 } };
    render(OverallCard, { progress: credited });
    expect(screen.getByTestId('approved-hours')).toHaveTextContent('16:00 approved and credited');
  });
});

describe('Meter with approvals', () => {
  it('splits submitted into approved and the rest', () => {
    const { container } = render(Meter, { approved: 20, submitted: 30, draft: 10, scale: 100 });
    const widths = Array.from(container.querySelectorAll<HTMLElement>('.seg')).map((s) => [s.dataset.segment ?? 'draft', s.style.width]);
    expect(widths).toEqual([['approved', '20%'], ['submitted', '10%'], ['draft', '10%']]);
  });
});

describe('ReviewPeriodCard', () => {
  it('names the missing comment at its field, then returns only the chosen entry', async () => {
    const fake = mentorDevice();
    const [period] = await fake.reviewQueue(PRIYA_ID);
    const user = userEvent.setup();
    render(ReviewPeriodCard, { period });
    const boxes = screen.getAllByTestId('review-select') as HTMLInputElement[];
    expect(boxes.every((b) => b.checked)).toBe(true);
    await user.click(screen.getByTestId('review-return'));
    expect(await screen.findByTestId('error-comment')).toHaveTextContent('needs a comment');
    expect(screen.getByTestId('review-comment-input')).toHaveAttribute('aria-invalid', 'true');
    await user.click(boxes[1]);
    await user.click(boxes[2]);
    expect(screen.getByTestId('review-return')).toHaveTextContent('Return 1 entry');
    await user.type(screen.getByTestId('review-comment-input'), 'Which ticket was this?');
    await user.click(screen.getByTestId('review-return'));
    await waitFor(() => expect(fake.calls).toContain('review_decide'));
    const states = (await fake.mentorApprentices()).find((a) => a.apprentice_id === PRIYA_ID)!;
    expect(states.pending_entries).toBe(2);
  });
});

describe('ApprenticeCard', () => {
  it('shows approved against logged hours and signs the requested milestone', async () => {
    const fake = mentorDevice();
    const jordan = (await fake.mentorApprentices()).find((a) => a.apprentice_id === JORDAN_ID)!;
    const user = userEvent.setup();
    render(ApprenticeCard, { apprentice: jordan });
    expect(screen.getByTestId('apprentice-approved')).toHaveTextContent(app.hours(jordan.approved_ojl_minutes));
    expect(screen.getByTestId('apprentice-review')).toHaveTextContent(`Review ${jordan.pending_entries} entries`);
    await user.click(screen.getByTestId('milestone-sign'));
    await user.click(await screen.findByTestId('signoff-confirm'));
    await waitFor(() => expect(fake.calls).toContain('sign_milestone'));
    expect((await fake.mentorApprentices())[0].milestone_requests[0].signed?.mentor_name).toBe('Dana Whitfield');
  });
});

describe('AppState on a mentor device', () => {
  it('boots into mentor mode with its own screens when the device has no logbook', async () => {
    mentorDevice();
    app.mode = 'apprentice';
    app.phase = 'booting';
    await app.boot();
    expect([app.phase, app.mode, app.screen]).toEqual(['ready', 'mentor', 'apprentices']);
    expect(app.screens.map((s) => s.id)).toEqual(['apprentices', 'review', 'sync', 'settings']);
  });

  it('still sends a device with no logbook and no mentor role to setup', async () => {
    setBackend(new FakeBackend({ today: TODAY }));
    app.mode = 'apprentice';
    app.phase = 'booting';
    await app.boot();
    expect(app.phase).toBe('setup');
  });
});
