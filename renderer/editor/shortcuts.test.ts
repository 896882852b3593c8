import { describe, expect, it } from 'vitest';
import { shortcutAction, shortcutLabel } from './shortcuts.ts';

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key: k,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  shiftKey: !!mods.shift,
  altKey: !!mods.alt,
});

describe('editor shortcuts', () => {
  it.each([
    ['Ctrl+Enter applies', key('Enter', { ctrl: true }), 'apply'],
    ['Cmd+S applies', key('s', { meta: true }), 'apply'],
    ['Ctrl+Shift+Enter is a dry run', key('Enter', { ctrl: true, shift: true }), 'dryRun'],
    ['Ctrl+Shift+D diffs (D as the shifted key reports it)', key('D', { ctrl: true, shift: true }), 'diff'],
    ['Enter alone does nothing', key('Enter'), undefined],
    ['Ctrl+Alt+Enter does nothing', key('Enter', { ctrl: true, alt: true }), undefined],
  ])('%s', (_name, event, action) => {
    expect(shortcutAction(event)).toBe(action);
  });

  it('labels an action with all its keys', () => {
    expect(shortcutLabel('apply')).toBe('Ctrl+Enter or Ctrl+S');
  });
});
