// Tells the shell, once per app start, that the dashboard has its data on screen
// (after two animation frames, so the frame is really painted). Errors are ignored:
// it only feeds the start-up benchmark (scripts/bench-app.sh).

import { backend } from '../../lib/api';

let reported = false;

export function reportPainted(): void {
  if (reported) return;
  reported = true;
  performance.mark('data');
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const api = backend();
      const page = `page:${timeline()}`;
      api
        .benchPainted('dashboard')
        .then(() => api.benchPainted(page))
        .catch(() => undefined);
    }),
  );
}

/**
 * Where the page's time went, in ms since navigation start: the document, the first
 * script, the marks set during start-up, and now (the painted frame).
 */
function timeline(): string {
  const ms = (t: number) => String(Math.round(t));
  const parts: string[] = [];
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  if (nav) parts.push(`html=${ms(nav.responseEnd)}`, `dom=${ms(nav.domInteractive)}`);
  for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
    const file = r.name.split('/').pop()?.split('-')[0] ?? '?';
    parts.push(`${file}=${ms(r.startTime)}-${ms(r.responseEnd)}`);
  }
  for (const m of performance.getEntriesByType('mark')) parts.push(`${m.name}=${ms(m.startTime)}`);
  parts.push(`now=${ms(performance.now())}`);
  return parts.join(',');
}
