/** True when the entry `domain` covers `host` (the host itself or one of its subdomains). */
export function covers(domain: string, host: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}
