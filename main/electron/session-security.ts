// The hardening of the session the UI runs in: every permission request and check answered "no" (camera, geolocation,
// notifications, USB, …), and every response given the UI's Content-Security-Policy in place of any it had.

import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../host/content-security-policy.ts';

type HardenedSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'
>;

/** Response headers with any Content-Security-Policy replaced by the UI's. */
function withContentSecurityPolicy(headers: Record<string, string[]> = {}): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = values;
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

export function hardenSession(session: HardenedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) }),
  );
}
