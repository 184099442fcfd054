import { suggestEntry, validateDomain } from './domain';
import type { Command, HostPlan } from './messages';
import { validateNamespace } from './namespace';
import { fail, ok, type Result } from './result';
import { type DomainEntry, entryCovering, type Settings } from './settings';

/** Commands that change settings; pins and questions are handled by the background itself. */
export type SettingsCommand = Exclude<Command, { type: 'pinTab' | 'planForHost' }>;

export interface Applied {
  settings: Settings;
  /** What the UI is told besides ok, e.g. the entry "Divert this site" added. */
  value?: unknown;
}

const RECENT_MAX = 10;

function withRecent(settings: Settings, namespace: string): string[] {
  return [namespace, ...settings.recent.filter((n) => n !== namespace)].slice(0, RECENT_MAX);
}

function findEntry(settings: Settings, domain: string): Result<DomainEntry> {
  const entry = settings.domains.find((d) => d.domain === domain);
  return entry ? ok(entry) : fail(`${domain} is not in your domain list.`);
}

function mapEntry(settings: Settings, domain: string, change: (e: DomainEntry) => DomainEntry): Settings {
  return { ...settings, domains: settings.domains.map((d) => (d.domain === domain ? change(d) : d)) };
}

export function planForHost(settings: Settings, host: string): HostPlan {
  const covering = entryCovering(settings, host);
  if (covering) return { covering: covering.domain };
  const suggested = suggestEntry(host);
  return suggested.error !== undefined ? { error: suggested.error } : { suggested: suggested.value };
}

/** Pure: settings + command → new settings, or a message and nothing changed. */
export function reduce(settings: Settings, cmd: SettingsCommand): Result<Applied> {
  switch (cmd.type) {
    case 'enableForHost': {
      const plan = planForHost(settings, cmd.host);
      if (plan.error !== undefined) return fail(plan.error);
      if (plan.covering !== undefined) {
        return ok({ settings: mapEntry(settings, plan.covering, (e) => ({ ...e, enabled: true })), value: plan.covering });
      }
      const domain = plan.suggested as string;
      return ok({ settings: { ...settings, domains: [...settings.domains, { domain, enabled: true }] }, value: domain });
    }
    case 'addDomain': {
      const domain = validateDomain(cmd.domain);
      if (domain.error !== undefined) return fail(domain.error);
      if (settings.domains.some((d) => d.domain === domain.value)) return fail(`${domain.value} is already in your domain list.`);
      const entry = { domain: domain.value, enabled: cmd.enabled };
      return ok({ settings: { ...settings, domains: [...settings.domains, entry] }, value: domain.value });
    }
    case 'setDomainEnabled': {
      const found = findEntry(settings, cmd.domain);
      if (found.error !== undefined) return found;
      return ok({ settings: mapEntry(settings, cmd.domain, (e) => ({ ...e, enabled: cmd.enabled })) });
    }
    case 'removeDomain': {
      const found = findEntry(settings, cmd.domain);
      if (found.error !== undefined) return found;
      if (found.value.managed)
        return fail(`${cmd.domain} is set by your administrator and cannot be removed. You can switch it off.`);
      return ok({ settings: { ...settings, domains: settings.domains.filter((d) => d.domain !== cmd.domain) } });
    }
    case 'replaceDomain': {
      const found = findEntry(settings, cmd.from);
      if (found.error !== undefined) return found;
      const to = validateDomain(cmd.to);
      if (to.error !== undefined) return fail(to.error);
      if (to.value !== cmd.from && settings.domains.some((d) => d.domain === to.value)) {
        return fail(`${to.value} is already in your domain list.`);
      }
      const { team: _team, managed: _managed, ...own } = found.value;
      // A narrowed team or managed entry becomes the user's own; the original stays, switched off.
      const keepOriginal = found.value.team !== undefined || found.value.managed;
      const replaced = { ...own, domain: to.value };
      const domains = keepOriginal
        ? [...settings.domains.map((d) => (d.domain === cmd.from ? { ...d, enabled: false } : d)), replaced]
        : settings.domains.map((d) => (d.domain === cmd.from ? replaced : d));
      return ok({ settings: { ...settings, domains }, value: to.value });
    }
    case 'setNamespace': {
      const ns = validateNamespace(cmd.namespace);
      if (ns.error !== undefined) return fail(ns.error);
      return ok({
        settings: { ...settings, activeNamespace: ns.value, recent: withRecent(settings, ns.value) },
        value: ns.value,
      });
    }
    case 'setDomainNamespace': {
      const found = findEntry(settings, cmd.domain);
      if (found.error !== undefined) return found;
      const { namespace } = cmd;
      const next = mapEntry(settings, cmd.domain, ({ namespace: _old, ...e }) => (namespace === null ? e : { ...e, namespace }));
      return ok({ settings: namespace === null ? next : { ...next, recent: withRecent(settings, namespace) } });
    }
    case 'setPaused':
      return ok({ settings: { ...settings, paused: cmd.paused } });
    case 'setShowPageBadge':
      return ok({ settings: { ...settings, showPageBadge: cmd.show } });
  }
}
