import locale from '../../public/_locales/en/messages.json';
import type { HeaderRule } from '../../src/core/rules';

type Listener = (...args: never[]) => unknown;

function event() {
  const listeners: Listener[] = [];
  return {
    listeners,
    addListener: (l: Listener) => void listeners.push(l),
    removeListener: (l: Listener) => void listeners.splice(listeners.indexOf(l), 1),
    fire: (...args: unknown[]) => listeners.map((l) => (l as (...a: unknown[]) => unknown)(...args)),
  };
}

type Changes = Record<string, { oldValue?: unknown; newValue?: unknown }>;

/** Bytes an area holds, as Chrome counts them for its quota: each key and its value's JSON. */
const bytesOf = (data: Record<string, unknown>) =>
  Object.entries(data).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(JSON.stringify(v)), 0);

/**
 * A storage area that, like the browser's, tells storage.onChanged after every write that changed
 * something, and refuses a write that would take it past its quota (Chrome: 10 MiB for session).
 */
function area(name: string, changed: (changes: Changes, area: string) => void, quota = Number.POSITIVE_INFINITY) {
  let data: Record<string, unknown> = {};
  const tell = (changes: Changes) => {
    if (Object.keys(changes).length) queueMicrotask(() => changed(changes, name));
  };
  return {
    remove: async (key: string | string[]) => {
      const changes: Changes = {};
      for (const k of Array.isArray(key) ? key : [key]) {
        if (k in data) changes[k] = { oldValue: data[k] };
        delete data[k];
      }
      tell(changes);
    },
    get: async (key: string | string[] | null) => {
      const keys = key === null ? Object.keys(data) : Array.isArray(key) ? key : [key];
      return structuredClone(Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]])));
    },
    set: async (items: Record<string, unknown>) => {
      const changes: Changes = {};
      for (const [k, v] of Object.entries(items)) {
        if (JSON.stringify(data[k]) !== JSON.stringify(v)) changes[k] = { oldValue: data[k], newValue: structuredClone(v) };
      }
      const next = { ...data, ...structuredClone(items) };
      if (Number.isFinite(quota) && bytesOf(next) > quota) throw new Error('Resource::kQuotaBytes quota exceeded'); // Chrome's words
      data = next;
      tell(changes);
    },
    getBytesInUse: async () => bytesOf(data),
    dump: () => data,
  };
}

/** A DNR rule store that behaves like the browser's: it throws on duplicate or missing ids. */
function ruleStore(limit: number) {
  let rules: HeaderRule[] = [];
  return {
    get: async () => structuredClone(rules),
    update: async ({ addRules = [], removeRuleIds = [] }: { addRules?: HeaderRule[]; removeRuleIds?: number[] }) => {
      const next = rules.filter((r) => !removeRuleIds.includes(r.id));
      for (const rule of addRules) {
        if (next.some((r) => r.id === rule.id)) throw new Error(`Rule with id ${rule.id} does not have a unique ID.`);
        if (!rule.condition.requestDomains?.length) throw new Error('a rule without requestDomains would match every site');
        next.push(structuredClone(rule));
      }
      if (next.length > limit) throw new Error('Dynamic rule count exceeded.');
      rules = next;
    },
    wipe: () => {
      rules = [];
    },
  };
}

/** Just enough of webextension-polyfill for unit tests of the background logic. */
/**
 * `firefox`: the manifest asks for webRequestBlocking, as the Firefox build's does. `android`: as
 * Firefox for Android, without contextMenus and commands (and, like every fake here, no devtools).
 */
export function createFakeBrowser(
  origins: string[] = ['*://*/*'],
  { firefox = false, android = false }: { firefox?: boolean; android?: boolean } = {},
) {
  const manifestPermissions = ['storage', 'webRequest', ...(firefox ? ['webRequestBlocking'] : [])];
  const dynamic = ruleStore(5000);
  const tabs: { id: number; url?: string; active?: boolean }[] = [];
  const badges: Record<number, { text?: string; title?: string }> = {};
  const popups: number[] = [];
  const managed: Record<string, unknown> = {};
  const alarms = new Map<string, object>();
  type Script = { id: string; matches: string[]; world?: string; js?: string[] };
  const scripts: Script[] = [];
  const injected: number[] = [];
  /** Tabs whose current page runs the badge script (newPage: a navigation replaced it). */
  const badged = new Set<number>();
  const messages: { tabId: number; message: unknown }[] = [];
  /** Link context menu entries as created (removeAll empties it), and tab reloads asked for. */
  const menus: { id: string; parentId?: string; title: string; targetUrlPatterns?: string[] }[] = [];
  const reloads: { tabId: number; bypassCache?: boolean }[] = [];
  /** Optional API permissions granted now (browsingData, asked for in a click). */
  const optional: string[] = [];
  const session = ruleStore(5000);
  const onChanged = event();
  const changed = (changes: Changes, name: string) => void onChanged.fire(changes, name);
  const fake = {
    runtime: {
      id: 'fake-id',
      getURL: (p: string) => `chrome-extension://fake-id/${p}`,
      getManifest: () => ({ permissions: [...manifestPermissions] }),
      onMessage: event(),
      onInstalled: event(),
      onStartup: event(),
    },
    storage: {
      local: area('local', changed),
      session: area('session', changed, 10 * 1024 * 1024),
      sync: area('sync', changed),
      managed: { get: async () => structuredClone(managed) },
      onChanged,
    },
    alarms: {
      create: async (name: string, info: object) => void alarms.set(name, info),
      get: async (name: string) => (alarms.has(name) ? { name, ...alarms.get(name) } : undefined),
      clear: async (name: string) => alarms.delete(name),
      onAlarm: event(),
    },
    permissions: {
      getAll: async () => ({ origins: [...origins], permissions: [...optional] }),
      contains: async ({ permissions = [] }: { permissions?: string[] }) => permissions.every((p) => optional.includes(p)),
      remove: async ({ origins: gone = [], permissions: dropped = [] }: { origins?: string[]; permissions?: string[] }) => {
        for (const p of dropped) if (optional.includes(p)) optional.splice(optional.indexOf(p), 1);
        const removed = gone.filter((o) => origins.includes(o));
        for (const o of removed) origins.splice(origins.indexOf(o), 1);
        if (removed.length) fake.permissions.onRemoved.fire({ origins: removed });
        return removed.length > 0;
      },
      onAdded: event(),
      onRemoved: event(),
    },
    tabs: {
      onRemoved: event(),
      onUpdated: event(),
      query: async () => tabs,
      get: async (id: number) => tabs.find((t) => t.id === id),
      reload: async (tabId: number, props: { bypassCache?: boolean } = {}) => void reloads.push({ tabId, ...props }),
      create: async ({ url }: { url: string }) => {
        // A blank page loads at once.
        const tab = { id: Math.max(0, ...tabs.map((t) => t.id)) + 1, url, status: 'complete' };
        tabs.push(tab);
        return tab;
      },
      update: async (tabId: number, { url }: { url: string }) => {
        const tab = tabs.find((t) => t.id === tabId);
        if (tab) tab.url = url;
        return tab;
      },
      // As the browsers do: a message to a tab where no badge script listens fails.
      sendMessage: async (tabId: number, message: unknown) => {
        if (!badged.has(tabId)) throw new Error('Could not establish connection. Receiving end does not exist.');
        messages.push({ tabId, message });
      },
    },
    commands: { onCommand: event() },
    contextMenus: {
      create: (props: (typeof menus)[number], done?: () => void) => {
        if (menus.some((m) => m.id === props.id)) throw new Error(`Duplicate menu id ${props.id}`);
        menus.push(props);
        done?.();
      },
      removeAll: async () => void menus.splice(0),
      onClicked: event(),
    },
    // As browser.i18n does: the English message with $1… replaced, '' for an unknown key.
    i18n: {
      getMessage: (key: string, subs: string[] = []) =>
        ((locale as Record<string, { message: string }>)[key]?.message ?? '').replace(
          /\$(\d)/g,
          (_: string, n: string) => subs[Number(n) - 1] ?? '',
        ),
    },
    webRequest: {
      onBeforeRequest: event(),
      onBeforeSendHeaders: event(),
      onSendHeaders: event(),
      onHeadersReceived: event(),
      onCompleted: event(),
      onErrorOccurred: event(),
    },
    scripting: {
      getRegisteredContentScripts: async ({ ids }: { ids?: string[] } = {}) => scripts.filter((x) => !ids || ids.includes(x.id)),
      registerContentScripts: async (s: Script[]) => {
        if (s.some((x) => scripts.some((y) => y.id === x.id))) throw new Error('Duplicate script ID');
        scripts.push(...s);
      },
      updateContentScripts: async (s: Script[]) => {
        for (const x of s)
          scripts.splice(
            scripts.findIndex((y) => y.id === x.id),
            1,
            x,
          );
      },
      unregisterContentScripts: async ({ ids }: { ids?: string[] } = {}) => {
        const keep = scripts.filter((x) => ids && !ids.includes(x.id));
        scripts.splice(0, scripts.length, ...keep);
      },
      executeScript: async ({ target }: { target: { tabId: number } }) => {
        injected.push(target.tabId);
        badged.add(target.tabId);
      },
    },
    action: {
      setBadgeText: async ({ tabId, text }: { tabId: number; text: string }) => {
        badges[tabId] = { ...badges[tabId], text };
      },
      setTitle: async ({ tabId, title }: { tabId: number; title: string }) => {
        badges[tabId] = { ...badges[tabId], title };
      },
      setIcon: async () => undefined,
      setBadgeBackgroundColor: async () => undefined,
      openPopup: async () => void popups.push(Date.now()),
    },
    declarativeNetRequest: {
      getDynamicRules: dynamic.get,
      updateDynamicRules: dynamic.update,
      getSessionRules: session.get,
      updateSessionRules: session.update,
    },
  };
  if (android) {
    delete (fake as Partial<typeof fake>).contextMenus;
    delete (fake as Partial<typeof fake>).commands;
  }
  return {
    fake,
    dynamic,
    session,
    origins,
    optional,
    tabs,
    badges,
    popups,
    scripts,
    injected,
    messages,
    managed,
    alarms,
    menus,
    reloads,
    newPage: (tabId: number) => void badged.delete(tabId),
  };
}
