/**
 * How the engine's `rfc` field reads in prose. A bare section ("3.10.7.2") is RFC 9293's; a value that
 * starts with "RFC " names another RFC; anything else ("tcp_check_req") is where Linux does it.
 */
export function citation(rfc: string): string {
  if (rfc === '') return '';
  if (rfc.startsWith('RFC ')) return rfc;
  if (/^\d/.test(rfc)) return `RFC 9293 §${rfc}`;
  return `Linux ${rfc}`;
}
