import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Combobox from '../../src/components/Combobox.svelte';
import { workProcessOptions } from '../../src/lib/options';
import { MRA_PHASE_1 } from '../../src/lib/fake/programs';

const options = workProcessOptions(MRA_PHASE_1);

describe('Combobox', () => {
  it('filters as you type and picks the first match with Enter', async () => {
    const picked: string[] = [];
    const user = userEvent.setup();
    render(Combobox, { id: 'wp', options, value: '', onpick: (v: string) => picked.push(v) });
    const input = screen.getByRole('combobox');
    await user.type(input, 'fluid');
    expect(input).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getAllByRole('option').map((o) => o.dataset.value)).toEqual(['WP6']);
    await user.keyboard('{Enter}');
    expect(picked).toEqual(['WP6']);
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect(input).toHaveValue('WP6 · Fluid power');
  });

  it('moves with the arrow keys and closes with Escape', async () => {
    const picked: string[] = [];
    const user = userEvent.setup();
    render(Combobox, { id: 'wp', options, value: '', onpick: (v: string) => picked.push(v) });
    const input = screen.getByRole('combobox');
    await user.click(input);
    await user.keyboard('{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe('wp-opt-1');
    await user.keyboard('{Escape}');
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect(picked).toEqual([]);
  });

  it('picks an option with the mouse', async () => {
    const picked: string[] = [];
    const user = userEvent.setup();
    render(Combobox, { id: 'wp', options, value: 'WP1', onpick: (v: string) => picked.push(v) });
    await user.click(screen.getByRole('combobox'));
    await user.click(screen.getAllByRole('option')[4]);
    expect(picked).toEqual(['WP5']);
  });
});
