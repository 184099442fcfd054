import { grantsDomain } from './permissions';
import type { Settings } from './settings';

/** The most namespaces the "Open diverted to" submenu offers (presets first, then recent ones). */
const MAX_CHOICES = 15;

export interface OpenDivertedMenu {
  /** Links it is offered on: the enabled, granted domains and their subdomains. */
  patterns: string[];
  choices: { namespace: string; title: string }[];
}

/**
 * The link context menu "Open diverted to ▸": offered only on links to hosts the user diverts now
 * (access granted), with the presets and recent namespaces; undefined when it has nothing to offer.
 * Pure, so the menu the background builds and the one its tests read are the same.
 */
export function openDivertedMenu(settings: Settings, origins: readonly string[]): OpenDivertedMenu | undefined {
  if (settings.paused) return undefined;
  const domains = settings.domains.filter((d) => d.enabled && grantsDomain(origins, d.domain)).map((d) => d.domain);
  const seen = new Set<string>();
  const choices: OpenDivertedMenu['choices'] = [];
  const offer = (namespace: string, label?: string) => {
    if (seen.has(namespace) || choices.length >= MAX_CHOICES) return;
    seen.add(namespace);
    choices.push({ namespace, title: label && label !== namespace ? `${namespace} (${label})` : namespace });
  };
  for (const p of settings.presets) offer(p.namespace, p.label);
  for (const n of settings.recent) offer(n);
  if (domains.length === 0 || choices.length === 0) return undefined;
  // Match patterns ignore the port; `*.` does not include the domain itself.
  return { patterns: domains.flatMap((d) => [`*://${d}/*`, `*://*.${d}/*`]), choices };
}
