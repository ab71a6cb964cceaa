// Applies the theme setting to <html data-theme>, following the system live when the
// setting is "system".

import type { Theme } from '../bindings/Theme';

let media: MediaQueryList | null = null;
let current: Theme = 'system';

function systemPrefersDark(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

export function resolveTheme(theme: Theme): 'light' | 'dark' {
  if (theme === 'system') return systemPrefersDark() ? 'dark' : 'light';
  return theme;
}

function paint(): void {
  document.documentElement.dataset.theme = resolveTheme(current);
}

export function applyTheme(theme: Theme): void {
  current = theme;
  if (!media && typeof window !== 'undefined' && typeof window.matchMedia === 'function') {
    media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', () => {
      if (current === 'system') paint();
    });
  }
  paint();
}
