// The origin the UI is served from inside the desktop app: `app://kubelab/`, a privileged standard and secure scheme
// (see app-scheme.ts). Navigation, IPC senders and permission checks are all judged against it.

export const APP_SCHEME = 'app';
const APP_HOST = 'kubelab';
/** The URL of the UI's page. */
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`;

/**
 * Whether a URL belongs to the app's own origin. Node's URL gives custom schemes the opaque origin 'null', so the
 * scheme, host and port are compared instead of `origin`; anything with credentials in it is refused too.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === ''
  );
}
