/**
 * The headers every response carries, the page and the API alike. The page loads nothing from another
 * origin (the CSP says so, https://www.w3.org/TR/CSP3/); styles may be inline because the page's motion
 * library animates with style attributes; blob: workers run the engine off the main thread.
 * No CORS header is ever sent: a call from another origin fails by the browser's own rule.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};
