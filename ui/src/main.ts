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

// Follow the system until the settings arrive, so the first frame is the right colour.
applyTheme('system');

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

mount(App, { target });

initBackend()
  .then(() => app.boot())
  .catch((e: unknown) => {
    app.failure = e instanceof Error ? e.message : String(e);
    app.phase = 'failed';
  });
