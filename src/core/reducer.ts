import { suggestEntry, validateDomain } from './domain';
import { mergeHeaderImport, parseHeaderExport } from './header-import';
import type { Command, HostPlan } from './messages';
import { validateNamespace } from './namespace';
import { mergeTeam, parsePresetFile, removeTeam } from './presets';
import { fail, ok, type Result } from './result';
import { type DomainEntry, entryCovering, type Preset, type Settings } from './settings';

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
  return entry ? ok(entry) : fail('notInDomainList', domain);
}

function mapEntry(settings: Settings, domain: string, change: (e: DomainEntry) => DomainEntry): Settings {
  return { ...settings, domains: settings.domains.map((d) => (d.domain === domain ? change(d) : d)) };
}

/** The user's own preset: team and managed presets change only through their source. */
function ownPreset(settings: Settings, namespace: string): Result<Preset> {
  const own = settings.presets.find((p) => p.namespace === namespace && !p.team && !p.managed);
  if (own) return ok(own);
  const other = settings.presets.find((p) => p.namespace === namespace);
  if (other?.managed) return fail('presetManaged', namespace);
  if (other?.team) return fail('presetFromTeam', namespace, other.team);
  return fail('notAPreset', namespace);
}

/** The namespace saved (and first among the recent ones): what the user typed, checked by the namespace rule. */
function withNamespace(settings: Settings, text: string): Result<Settings> {
  const ns = validateNamespace(text);
  if (ns.error !== undefined) return { error: ns.error };
  return ok({ ...settings, activeNamespace: ns.value, recent: withRecent(settings, ns.value) });
}

export function planForHost(host: string): HostPlan {
  const suggested = suggestEntry(host);
  if (suggested.error !== undefined) return { error: suggested.error };
  const { entry, wider } = suggested.value;
  return wider ? { suggested: entry, wider } : { suggested: entry };
}

type Handler<K extends Command['type']> = (settings: Settings, cmd: Extract<Command, { type: K }>) => Result<Applied>;

/**
 * The commands that only change settings, one handler each, keyed by type: the pure reducer.
 * Every other command is the background's own row (background/commands.ts); which is which follows
 * from this map, so a new settings command is its schema entry and one handler here.
 */
const HANDLERS = {
  enableForHost: (settings, cmd) => {
    // With a namespace (an endpoint's own), the site and the namespace change in one commit; only
    // into an empty saved namespace, as the popup saw it: one chosen since (sync, another window) stays.
    const named =
      cmd.namespace === undefined || settings.activeNamespace !== '' ? ok(settings) : withNamespace(settings, cmd.namespace);
    if (named.error !== undefined) return named;
    const base = named.value;
    const covering = entryCovering(base, cmd.host)?.domain;
    if (covering !== undefined) {
      return ok({ settings: mapEntry(base, covering, (e) => ({ ...e, enabled: true })), value: covering });
    }
    const plan = planForHost(cmd.host);
    if (plan.error !== undefined) return { error: plan.error };
    if (cmd.wide && !plan.wider) return fail('noWiderEntry', cmd.host);
    const domain = (cmd.wide ? plan.wider : plan.suggested) as string;
    return ok({ settings: { ...base, domains: [...base.domains, { domain, enabled: true }] }, value: domain });
  },
  addDomain: (settings, cmd) => {
    const domain = validateDomain(cmd.domain);
    if (domain.error !== undefined) return { error: domain.error };
    if (settings.domains.some((d) => d.domain === domain.value)) return fail('alreadyInDomainList', domain.value);
    const entry = { domain: domain.value, enabled: cmd.enabled };
    return ok({ settings: { ...settings, domains: [...settings.domains, entry] }, value: domain.value });
  },
  setDomainEnabled: (settings, cmd) => {
    const found = findEntry(settings, cmd.domain);
    if (found.error !== undefined) return found;
    return ok({ settings: mapEntry(settings, cmd.domain, (e) => ({ ...e, enabled: cmd.enabled })) });
  },
  removeDomain: (settings, cmd) => {
    const found = findEntry(settings, cmd.domain);
    if (found.error !== undefined) return found;
    if (found.value.managed) return fail('domainManaged', cmd.domain);
    return ok({ settings: { ...settings, domains: settings.domains.filter((d) => d.domain !== cmd.domain) } });
  },
  replaceDomain: (settings, cmd) => {
    const found = findEntry(settings, cmd.from);
    if (found.error !== undefined) return found;
    const to = validateDomain(cmd.to);
    if (to.error !== undefined) return { error: to.error };
    if (to.value !== cmd.from && settings.domains.some((d) => d.domain === to.value)) {
      return fail('alreadyInDomainList', to.value);
    }
    const { team: _team, managed: _managed, ...own } = found.value;
    // A narrowed team or managed entry becomes the user's own; the original stays, switched off.
    const keepOriginal = found.value.team !== undefined || found.value.managed;
    const replaced = { ...own, domain: to.value };
    const domains = keepOriginal
      ? [...settings.domains.map((d) => (d.domain === cmd.from ? { ...d, enabled: false } : d)), replaced]
      : settings.domains.map((d) => (d.domain === cmd.from ? replaced : d));
    return ok({ settings: { ...settings, domains }, value: to.value });
  },
  setNamespace: (settings, cmd) => {
    const next = withNamespace(settings, cmd.namespace);
    return next.error !== undefined ? next : ok({ settings: next.value, value: next.value.activeNamespace });
  },
  setDomainNamespace: (settings, cmd) => {
    const found = findEntry(settings, cmd.domain);
    if (found.error !== undefined) return found;
    const { namespace } = cmd;
    const next = mapEntry(settings, cmd.domain, ({ namespace: _old, ...e }) => (namespace === null ? e : { ...e, namespace }));
    return ok({ settings: namespace === null ? next : { ...next, recent: withRecent(settings, namespace) } });
  },
  addPreset: (settings, cmd) => {
    const ns = validateNamespace(cmd.namespace);
    if (ns.error !== undefined) return { error: ns.error };
    if (settings.presets.some((p) => p.namespace === ns.value && !p.team && !p.managed)) {
      return fail('alreadyAPreset', ns.value);
    }
    const label = cmd.label.trim();
    const preset = label ? { namespace: ns.value, label } : { namespace: ns.value };
    return ok({ settings: { ...settings, presets: [...settings.presets, preset] }, value: ns.value });
  },
  renamePreset: (settings, cmd) => {
    const found = ownPreset(settings, cmd.namespace);
    if (found.error !== undefined) return found;
    const label = cmd.label.trim();
    const presets = settings.presets.map((p) => (p === found.value ? (label ? { ...p, label } : { namespace: p.namespace }) : p));
    return ok({ settings: { ...settings, presets } });
  },
  removePreset: (settings, cmd) => {
    const found = ownPreset(settings, cmd.namespace);
    if (found.error !== undefined) return found;
    return ok({ settings: { ...settings, presets: settings.presets.filter((p) => p !== found.value) } });
  },
  movePreset: (settings, cmd) => {
    const from = settings.presets.findIndex((p) => p.namespace === cmd.namespace);
    if (from < 0) return fail('notAPreset', cmd.namespace);
    const presets = [...settings.presets];
    const [moved] = presets.splice(from, 1);
    presets.splice(Math.min(cmd.index, presets.length), 0, moved);
    return ok({ settings: { ...settings, presets } });
  },
  setDomainSource: (settings, cmd) => {
    const found = findEntry(settings, cmd.domain);
    if (found.error !== undefined) return found;
    const from = Object.fromEntries(Object.entries(cmd.namespaceFrom ?? {}).filter(([, v]) => v !== undefined && v !== ''));
    const next = mapEntry(settings, cmd.domain, ({ namespaceFrom: _old, ...e }) =>
      Object.keys(from).length ? { ...e, namespaceFrom: from } : e,
    );
    return ok({ settings: next });
  },
  setProbeCookies: (settings, cmd) => {
    const found = findEntry(settings, cmd.domain);
    if (found.error !== undefined) return found;
    return ok({
      settings: mapEntry(settings, cmd.domain, ({ probeCookies: _old, ...e }) => (cmd.send ? { ...e, probeCookies: true } : e)),
    });
  },
  importPresets: (settings, cmd) => {
    const parsed = parsePresetFile(cmd.text);
    if (parsed.error !== undefined) return { error: parsed.error };
    if (settings.subscriptions.some((s) => s.team === parsed.value.file.team)) {
      return fail('teamFromSubscription', parsed.value.file.team);
    }
    const merged = mergeTeam(settings, parsed.value.file);
    return ok({ settings: merged.settings, value: { ...merged.preview, warnings: parsed.value.warnings } });
  },
  importHeaderRules: (settings, cmd) => {
    const parsed = parseHeaderExport(cmd.text);
    if (parsed.error !== undefined) return { error: parsed.error };
    const merged = mergeHeaderImport(settings, parsed.value);
    if (merged.error !== undefined) return { error: merged.error };
    return ok({ settings: merged.value.settings, value: merged.value.preview });
  },
  unsubscribe: (settings, cmd) => {
    const found = settings.subscriptions.find((s) => s.url === cmd.url);
    if (!found) return fail('notSubscribed');
    const rest = removeTeam(settings, found.team);
    return ok({ settings: { ...rest, subscriptions: settings.subscriptions.filter((s) => s.url !== cmd.url) } });
  },
  setPaused: (settings, cmd) => {
    // Pausing or resuming by hand ends a time box.
    const { divertUntil: _box, ...rest } = settings;
    return ok({ settings: { ...rest, paused: cmd.paused } });
  },
  setDivertUntil: (settings, cmd) => {
    const { divertUntil: _old, ...rest } = settings;
    // A time box starts a divert that was paused; the command row checked the time against the clock.
    return ok({ settings: cmd.until === null ? rest : { ...rest, paused: false, divertUntil: cmd.until } });
  },
  setReloadAfterChange: (settings, cmd) => ok({ settings: { ...settings, reloadAfterChange: cmd.reload } }),
  setNotifyChanges: (settings, cmd) => ok({ settings: { ...settings, notifyChanges: cmd.notify } }),
  setBypassWorker: (settings, cmd) => ok({ settings: { ...settings, bypassWorkerInPinnedTabs: cmd.bypass } }),
  setShowPageBadge: (settings, cmd) => ok({ settings: { ...settings, showPageBadge: cmd.show } }),
  setKeepPageBaggage: (settings, cmd) => ok({ settings: { ...settings, keepPageBaggage: cmd.keep } }),
} satisfies { [K in Command['type']]?: Handler<K> };

/** A command the reducer decides. */
export type SettingsCommand = Extract<Command, { type: keyof typeof HANDLERS }>;
export const SETTINGS_COMMANDS = Object.keys(HANDLERS) as SettingsCommand['type'][];

/** Pure: settings + command → new settings, or a message and nothing changed. */
export function reduce(settings: Settings, cmd: SettingsCommand): Result<Applied> {
  return (HANDLERS[cmd.type] as Handler<SettingsCommand['type']>)(settings, cmd);
}
