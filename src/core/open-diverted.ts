import type { OktetoState } from './okteto';
import { grantsDomain } from './permissions';
import { domainsOf } from './previews';
import type { Settings } from './settings';

/** The most namespaces the "Open diverted to" submenu offers (presets first, then recent ones). */
const MAX_CHOICES = 15;

export interface OpenDivertedMenu {
  /** Links it is offered on: the enabled, granted domains and their subdomains. */
  patterns: string[];
  choices: { namespace: string; title: string }[];
  /**
   * Links to the connected instances that own a diverted domain, where "Its preview, on your
   * site" is offered (core/previews.ts; the click checks the exact origin, patterns ignore ports).
   */
  previews: string[];
}

/** A match pattern for an instance's links (`*://host/*`: match patterns have no port). */
const instancePattern = (url: string): string | undefined => {
  try {
    return `${new URL(url).protocol}//${new URL(url).hostname}/*`;
  } catch {
    return undefined;
  }
};

/**
 * The link context menu "Open diverted to ▸": offered only on links to hosts the user diverts now
 * (access granted), with the presets and recent namespaces, and on preview links of a connected
 * instance that owns one of them; undefined when it has nothing to offer.
 * Pure, so the menu the background builds and the one its tests read are the same.
 */
export function openDivertedMenu(
  settings: Settings,
  origins: readonly string[],
  instances: readonly OktetoState[] = [],
): OpenDivertedMenu | undefined {
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
  const previews = [
    ...new Set(
      instances
        .filter((i) => domainsOf(settings, origins, instances, i).length > 0)
        .map((i) => instancePattern(i.url))
        .filter((p): p is string => !!p),
    ),
  ];
  if (domains.length === 0 || (choices.length === 0 && previews.length === 0)) return undefined;
  // Match patterns ignore the port; `*.` does not include the domain itself.
  return { patterns: domains.flatMap((d) => [`*://${d}/*`, `*://*.${d}/*`]), choices, previews };
}
