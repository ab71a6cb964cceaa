// Filtering and ranking for the combobox: every word typed must appear in the option's
// value or label; exact and prefix matches on the value come first.

export interface ComboOption {
  value: string;
  label: string;
  detail?: string;
}

export function filterOptions(options: ComboOption[], query: string): ComboOption[] {
  const q = query.trim().toLowerCase();
  if (!q) return options;
  const words = q.split(/\s+/);
  const scored: [number, number, ComboOption][] = [];
  options.forEach((o, i) => {
    const value = o.value.toLowerCase();
    const label = o.label.toLowerCase();
    const hay = `${value} ${label}`;
    if (!words.every((w) => hay.includes(w))) return;
    let score = 3;
    if (value === q) score = 0;
    else if (value.startsWith(q)) score = 1;
    else if (label.split(/[^a-z0-9]+/).some((word) => word.startsWith(words[0]))) score = 2;
    scored.push([score, i, o]);
  });
  return scored.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((s) => s[2]);
}

/** What the input shows for a picked option. */
export function displayOf(o: ComboOption | undefined): string {
  return o ? `${o.value} · ${o.label}` : '';
}
