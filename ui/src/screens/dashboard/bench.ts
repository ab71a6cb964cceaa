// Tells the shell, once per app start, that the dashboard has its data on screen
// (after two animation frames, so the frame is really painted). Errors are ignored:
// it only feeds the start-up benchmark.

import { backend } from '../../lib/api';

let reported = false;

export function reportPainted(): void {
  if (reported) return;
  reported = true;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      backend()
        .benchPainted('dashboard')
        .catch(() => undefined);
    }),
  );
}
