import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import TopBar from '../../src/shell/TopBar.svelte';
import EmployerSection from '../../src/screens/settings/EmployerSection.svelte';
import SyncScreen from '../../src/screens/sync/SyncScreen.svelte';
import Setup from '../../src/screens/setup/Setup.svelte';
import { setBackend } from '../../src/lib/api';
import { FakeBackend } from '../../src/lib/fake/backend';
import { TEST_CODE } from '../../src/lib/fake/employer';
import { app } from '../../src/lib/state.svelte';
import { sync } from '../../src/lib/sync.svelte';
import { TODAY, fakeWithProfile, ojl } from './helpers';

beforeEach(() => {
  sync.status = null;
  sync.nowError = null;
  sync.running = false;
});

describe('TopBar', () => {
  it('shows the phase word, the counts, and opens Sync from a badge', async () => {
    const fake = fakeWithProfile();
    fake.employer.seedConnected();
    fake.employer.seedConflict();
    fake.employer.seedAttention();
    await fake.logOjl(ojl());
    await sync.refresh();
    const user = userEvent.setup();
    render(TopBar);
    const status = screen.getByTestId('sync-status');
    expect(status).toHaveAttribute('data-phase', 'pending');
    expect(status).toHaveTextContent('Pending 1');
    expect(screen.getByTestId('sync-conflicts-badge')).toHaveAccessibleName('1 conflict to resolve');
    expect(screen.getByTestId('sync-attention-badge')).toHaveAccessibleName('1 change needs attention');
    await user.click(screen.getByTestId('sync-attention-badge'));
    expect(app.screen).toBe('sync');
  });

  it('is a quiet link to Settings when local only, with no Sync now', async () => {
    fakeWithProfile();
    await sync.refresh();
    const user = userEvent.setup();
    render(TopBar);
    expect(screen.getByTestId('sync-status')).toHaveTextContent('Local only');
    expect(screen.queryByTestId('sync-now')).toBeNull();
    await user.click(screen.getByTestId('sync-status'));
    expect(app.screen).toBe('settings');
  });

  it('shows why Sync now failed, and the offline word with the count kept', async () => {
    const fake = fakeWithProfile();
    fake.employer.seedConnected();
    await fake.logOjl(ojl());
    fake.employer.offline = true;
    await sync.refresh();
    const user = userEvent.setup();
    render(TopBar);
    await user.click(screen.getByTestId('sync-now'));
    expect(await screen.findByTestId('sync-now-error')).toHaveTextContent(/^Can't reach the employer server/);
    await waitFor(() => expect(screen.getByTestId('sync-status')).toHaveAttribute('data-phase', 'offline'));
    expect(screen.getByTestId('sync-status')).toHaveTextContent('Offline · 1 pending');
    expect(screen.getByTestId('sync-announce')).toHaveTextContent('Sync: Offline');
  });
});

describe('EmployerSection', () => {
  it('puts a bad server URL next to its field, then connects and shows the employer', async () => {
    fakeWithProfile();
    await sync.refresh();
    const user = userEvent.setup();
    render(EmployerSection);
    expect(screen.getByLabelText('Device name')).toHaveValue("Jordan's laptop");
    await user.type(screen.getByLabelText('Server address'), 'http://sync.northwind-robotics.com');
    await user.type(screen.getByLabelText('Enrollment code'), TEST_CODE);
    await user.click(screen.getByTestId('connect-submit'));
    expect(await screen.findByTestId('error-server_url')).toHaveTextContent(/plain http/);
    expect(screen.getByLabelText('Server address')).toHaveAttribute('aria-invalid', 'true');
    await user.clear(screen.getByLabelText('Server address'));
    await user.type(screen.getByLabelText('Server address'), 'https://journeylog.northwind-robotics.com');
    await user.click(screen.getByTestId('connect-submit'));
    const facts = await screen.findByTestId('employer-facts');
    expect(within(facts).getByTestId('employer-name')).toHaveTextContent('Northwind Robotics');
    expect(screen.getByTestId('disconnect')).toBeInTheDocument();
  });
});

describe('SyncScreen', () => {
  it('lists a conflict with the differing fields marked and takes theirs', async () => {
    const fake = fakeWithProfile();
    fake.employer.seedConnected();
    const id = fake.employer.seedConflict();
    await sync.refresh();
    const user = userEvent.setup();
    render(SyncScreen);
    const row = await screen.findByTestId('conflict-row');
    const marked = Array.from(row.querySelectorAll<HTMLElement>('tr[data-differs=true]')).map((tr) => tr.dataset.field);
    expect(marked).toEqual(['minutes', 'note', 'site']);
    expect(within(row).getByRole('rowheader', { name: 'Hours (differs)' })).toBeInTheDocument();
    await user.click(within(row).getByTestId('keep-theirs'));
    await waitFor(() => expect(screen.queryByTestId('conflict-row')).toBeNull());
    expect(fake.rec.ojl.find((e) => e.id === id)?.minutes).toBe(480);
    expect(screen.getByTestId('conflicts-section')).toHaveTextContent('No conflicts');
  });

  it('says what the lists are for when they are empty, and how to connect', async () => {
    fakeWithProfile();
    await sync.refresh();
    render(SyncScreen);
    expect(await screen.findByText('Nothing needs attention')).toBeInTheDocument();
    expect(screen.getByText('No conflicts')).toBeInTheDocument();
    expect(screen.getByTestId('sync-local-only')).toHaveTextContent(/Connect to your employer's server in Settings/);
  });
});

describe('Setup: connect this device', () => {
  const URL_OK = 'https://journeylog.northwind-robotics.com';

  function firstRun(): FakeBackend {
    const fake = new FakeBackend({ today: TODAY });
    setBackend(fake);
    app.profile = null;
    app.phase = 'setup';
    return fake;
  }

  async function connect(user: ReturnType<typeof userEvent.setup>, code = TEST_CODE) {
    await user.click(await screen.findByTestId('setup-connect-link'));
    await user.type(screen.getByLabelText('Server address'), URL_OK);
    await user.type(screen.getByLabelText('Enrollment code'), code);
    await user.click(screen.getByTestId('connect-submit'));
  }

  it('opens the dashboard once the profile the server holds has arrived', async () => {
    const fake = firstRun();
    fake.employer.seedRemoteEnrollment({ name: 'Dana Apprentice' });
    fake.employer.roundMs = 30;
    const user = userEvent.setup();
    render(Setup);
    expect(await screen.findByTestId('setup-form')).toBeInTheDocument();
    await connect(user);
    expect(await screen.findByTestId('setup-connect-waiting')).toHaveTextContent('Fetching your logbook');
    expect(screen.getByRole('heading', { name: 'Connected to Northwind Robotics' })).toBeInTheDocument();
    await waitFor(() => expect(app.phase).toBe('ready'));
    expect(app.profile?.enrollment.apprentice_name).toBe('Dana Apprentice');
    expect(app.screen).toBe('dashboard');
    expect(fake.rec.ojl).toHaveLength(3);
  });

  it('puts a wrong code next to its field and goes back to the setup form', async () => {
    firstRun();
    const user = userEvent.setup();
    render(Setup);
    await connect(user, 'JL-NOPE');
    expect(await screen.findByTestId('error-code')).toHaveTextContent(/is not known/);
    expect(app.phase).toBe('setup');
    await user.click(screen.getByTestId('setup-back'));
    expect(await screen.findByTestId('setup-form')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Set up your logbook' })).toHaveFocus();
  });

  it('says so when the server has no logbook yet, and the new profile is queued for it', async () => {
    const fake = firstRun();
    const user = userEvent.setup();
    render(Setup);
    await connect(user);
    const banner = await screen.findByTestId('setup-no-enrollment');
    expect(banner).toHaveTextContent('Northwind Robotics has no logbook for Jordan Reyes yet');
    expect(screen.queryByTestId('setup-connect-link')).toBeNull();
    expect(document.getElementById('setup-name')).toHaveValue('Jordan Reyes');
    await waitFor(() => expect((document.getElementById('setup-program') as HTMLSelectElement).value).toBe('mra-phase-1'));
    await user.click(screen.getByTestId('setup-submit'));
    await waitFor(() => expect(app.phase).toBe('ready'));
    expect(fake.employer.connection).not.toBeNull();
    expect(fake.employer.outbox.map((m) => m.kind)).toEqual(['enrollment.upsert']);
  });

  it('after a failed first round offers Try again, which brings the logbook', async () => {
    const fake = firstRun();
    fake.employer.seedRemoteEnrollment();
    // Connected on an earlier run; then the first round could not reach the server.
    fake.employer.connect({ serverUrl: URL_OK, code: TEST_CODE, deviceName: 'x' });
    fake.employer.offline = true;
    await waitFor(() => expect(fake.employer.lastErrorCode).toBe('offline'));
    const user = userEvent.setup();
    render(Setup);
    expect(await screen.findByTestId('setup-connect-failed')).toHaveTextContent(/Can't reach the employer server/);
    fake.employer.offline = false;
    await user.click(screen.getByTestId('setup-retry'));
    await waitFor(() => expect(app.phase).toBe('ready'));
    expect(app.profile?.enrollment.apprentice_name).toBe('Jordan Reyes');
  });
});
