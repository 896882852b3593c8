// Expands a prompt string's backslash escapes as ash and bash do: \w (working directory, ~ for HOME), \W, \u, \h, \H,
// \$ ("#" for root), \n and \\.

export interface PromptState {
  cwd: string;
  home: string;
  hostname: string;
  user: string;
}

export function expandPrompt(ps1: string, state: PromptState): string {
  const tilde =
    state.cwd === state.home || state.cwd.startsWith(state.home + '/')
      ? '~' + state.cwd.slice(state.home.length)
      : state.cwd;
  const replacements: Record<string, string> = {
    w: tilde,
    W: state.cwd === '/' ? '/' : tilde === '~' ? '~' : state.cwd.slice(state.cwd.lastIndexOf('/') + 1),
    u: state.user,
    h: state.hostname.split('.')[0] ?? state.hostname,
    H: state.hostname,
    $: state.user === 'root' ? '#' : '$',
    n: '\n',
    '\\': '\\',
  };
  return ps1.replace(/\\(.)/g, (match, letter: string) => replacements[letter] ?? match);
}
