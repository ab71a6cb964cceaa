import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Setup from '../../src/screens/setup/Setup.svelte';
import Dashboard from '../../src/screens/dashboard/Dashboard.svelte';
import SettingsScreen from '../../src/screens/settings/SettingsScreen.svelte';
import CertChip from '../../src/components/CertChip.svelte';
import Meter from '../../src/components/Meter.svelte';
import WorkProcessCard from '../../src/screens/dashboard/WorkProcessCard.svelte';
import { setBackend } from '../../src/lib/api';
import { FakeBackend } from '../../src/lib/fake/backend';
import { app } from '../../src/lib/state.svelte';
import { TODAY, fakeWithProfile, ojl } from './helpers';

describe('Setup', () => {
  it('lists templates with their notice and names the missing field', async () => {
    const fake = new FakeBackend({ today: TODAY });
    setBackend(fake);
    app.phase = 'setup';
    const user = userEvent.setup();
    render(Setup);
    const select = (await screen.findByRole('combobox', { name: /program standard/i })) as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBeGreaterThan(3));
    expect(select.value).toBe('mra-phase-1');
    expect(screen.getByTestId('template-notice')).toHaveTextContent(/illustrative/i);
    await user.click(screen.getByTestId('setup-submit'));
    expect(await screen.findByTestId('error-apprentice_name')).toHaveTextContent(/required/);
    expect(fake.profile).toBeNull();
    await user.type(document.getElementById('setup-name')!, 'Sam Ortiz');
    await user.click(screen.getByTestId('setup-submit'));
    await waitFor(() => expect(app.phase).toBe('ready'));
    expect(app.profile?.enrollment.apprentice_name).toBe('Sam Ortiz');
  });
});

describe('Dashboard', () => {
  it('shows the OJL total in minutes and reports the paint once', async () => {
    const fake = fakeWithProfile();
    await fake.logOjl(ojl({ hours: '7:30' }));
    const raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => {
      cb(0);
      return 0;
    });
    render(Dashboard);
    const total = await screen.findByTestId('ojl-total');
    expect(total).toHaveAttribute('data-minutes', '450');
    expect(total).toHaveTextContent('7:30');
    // Once, then the page's start-up timeline for the benchmark's record.
    await waitFor(() => expect(fake.benchLabels).toEqual(['dashboard', expect.stringMatching(/^page:.*now=\d+$/)]));
    raf.mockRestore();
  });

  it('formats hours as decimals when the setting says so', async () => {
    const fake = fakeWithProfile();
    await fake.logOjl(ojl({ hours: '7:30' }));
    app.settings = { ...app.settings, hours_display: 'decimal' };
    render(Dashboard);
    expect(await screen.findByTestId('ojl-total')).toHaveTextContent('7.5');
  });

  it('lists missing required certifications', async () => {
    fakeWithProfile();
    render(Dashboard);
    const card = await screen.findByTestId('cert-attention');
    expect(within(card).getAllByTestId('cert-attention-item').map((li) => li.dataset.state)).toEqual(['missing', 'missing', 'missing']);
  });
});

describe('Settings', () => {
  it('switches the theme live and saves it', async () => {
    const fake = fakeWithProfile();
    const user = userEvent.setup();
    render(SettingsScreen);
    await user.click(screen.getByTestId('theme-dark'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    await waitFor(() => expect(fake.settings.theme).toBe('dark'));
    await user.click(screen.getByTestId('theme-light'));
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(await screen.findByTestId('data-dir')).toHaveTextContent('/journeylog');
  });
});

describe('WorkProcessCard', () => {
  it('shows a hybrid range with a minimum marker and flags hours past the maximum', () => {
    app.settings = { theme: 'system', hours_display: 'clock', default_work_process: '' };
    const base = {
      code: 'WP1',
      title: 'Onboarding',
      draft_minutes: 0,
      approved_minutes: 0,
      min_hours: 150,
      max_hours: 250,
      percent: 100,
    };
    render(WorkProcessCard, {
      processes: [
        { ...base, minutes: 200 * 60, submitted_minutes: 200 * 60, over_max: false },
        { ...base, code: 'WP2', minutes: 260 * 60, submitted_minutes: 260 * 60, over_max: true },
      ],
    });
    const rows = screen.getAllByTestId('wp-row');
    expect(rows[0]).toHaveTextContent('200:00 / 150–250 h');
    expect(rows[0].querySelector('.marker')).toHaveStyle({ left: '60%' });
    expect(within(rows[0]).queryByText('Over range')).toBeNull();
    expect(within(rows[1]).getByText('Over range')).toBeInTheDocument();
  });
});

describe('small components', () => {
  it('CertChip says how long is left', () => {
    render(CertChip, { state: 'expiring', daysLeft: 12 });
    expect(screen.getByTestId('cert-chip')).toHaveTextContent('Expires in 12 days');
  });

  it('Meter sizes submitted and draft segments against the scale', () => {
    const { container } = render(Meter, { submitted: 30, draft: 20, scale: 100 });
    const [sub, draft] = Array.from(container.querySelectorAll<HTMLElement>('.seg'));
    expect(sub.style.width).toBe('30%');
    expect(draft.style.width).toBe('20%');
    expect(container.querySelector('[role=meter]')).toHaveAttribute('aria-valuenow', '50');
  });
});
