// The editor's keyboard shortcuts, one list for the window's key handler and Monaco's commands (Ctrl is Cmd on a Mac).

export type EditorAction = 'apply' | 'dryRun' | 'diff' | 'delete';

export interface Shortcut {
  action: EditorAction;
  /** As the button's title shows it. */
  label: string;
  key: string;
  shift: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'apply', label: 'Ctrl+Enter', key: 'Enter', shift: false },
  { action: 'apply', label: 'Ctrl+S', key: 's', shift: false },
  { action: 'dryRun', label: 'Ctrl+Shift+Enter', key: 'Enter', shift: true },
  { action: 'diff', label: 'Ctrl+Shift+D', key: 'd', shift: true },
];

/** The action a key press asks for, if any. */
export function shortcutAction(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): EditorAction | undefined {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return undefined;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return SHORTCUTS.find((s) => s.key === key && s.shift === event.shiftKey)?.action;
}

export function shortcutLabel(action: EditorAction): string {
  return SHORTCUTS.filter((s) => s.action === action)
    .map((s) => s.label)
    .join(' or ');
}
