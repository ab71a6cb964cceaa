import '@fontsource-variable/inter/wght.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/surfaces.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { initBackend } from './lib/api';
import { app } from './lib/state.svelte';
import { applyTheme } from './lib/theme';
import { prefetchDashboard } from './screens/dashboard/prefetch';

// Fetch the text face now, while the backend boots, not when the first text is laid out.
// (fontsource declares it with font-display: swap, so nothing waits for it.)
document.fonts?.load('1em "Inter Variable"').catch(() => undefined);

// Follow the system until the settings arrive, so the first frame is the right colour.
applyTheme('system');

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

performance.mark('js');
mount(App, { target });

initBackend()
  .then(() => {
    performance.mark('backend');
    // Most starts open the dashboard: ask for its data alongside the profile.
    prefetchDashboard(app.revision);
    return app.boot();
  })
  .then(() => performance.mark('boot'))
  .catch((e: unknown) => {
    app.failure = e instanceof Error ? e.message : String(e);
    app.phase = 'failed';
  });
