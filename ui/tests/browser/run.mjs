// npm run test:browser: the UI flows in real Chromium against the built UI and the
// fake backend. Needs ui/dist (the npm script builds it first).
import { runAll } from './harness.mjs';
import { tests } from './flows.mjs';
import { tests as syncTests } from './sync-flows.mjs';
import { tests as signoffTests } from './signoff-flows.mjs';
import { tests as exportTests } from './export-flows.mjs';

await runAll([...tests, ...syncTests, ...signoffTests, ...exportTests]);
