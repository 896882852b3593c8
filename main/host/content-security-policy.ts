// The Content-Security-Policy of the UI, in one place: the Electron shell sets it on every response of its app://
// scheme and the browser host on every page it serves, so both run the renderer under the same rules.

/** Scripts and workers only from the app itself: no inline script, no plugins, no frames, no forms, no other hosts. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
