// The dashboard's two queries, started while the app boots (main.ts) so its first frame
// waits for one round trip to the shell, not for boot, then mount, then its own. The early
// answer serves only the first load at the revision it was asked for; a failed one (e.g.
// no profile yet, first run) is asked again.

import type { LogItem } from '../../bindings/LogItem';
import type { Progress } from '../../bindings/Progress';
import { backend } from '../../lib/api';

export type DashboardData = [Progress, LogItem[]];

let early: { revision: number; data: Promise<DashboardData> } | null = null;

function fetchDashboard(): Promise<DashboardData> {
  const api = backend();
  return Promise.all([api.getProgress(), api.recentEntries(5)]);
}

/** Starts the queries now; `revision` is the app's write counter at this moment. */
export function prefetchDashboard(revision: number): void {
  const data = fetchDashboard();
  data.catch(() => undefined);
  early = { revision, data };
}

/** The dashboard's data at `revision`: the early answer if it fits, else a fresh query. */
export function dashboardData(revision: number): Promise<DashboardData> {
  const taken = early;
  early = null;
  if (taken && taken.revision === revision) return taken.data.catch(() => fetchDashboard());
  return fetchDashboard();
}
