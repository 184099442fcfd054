import { SUBSCRIPTION_LIMITS } from '../core/subscription';
import { browser, type Runtime, type Tabs } from '../platform/browser';
import { onMessage } from '../platform/polyfill';
import { KEYS, OKTETO_STATE, PINS_KEY, readPins, removeTabServed, writePins } from '../platform/store';
import { handleContent } from './content';
import { context, invalidateContext } from './context';
import { dispatch } from './handle';
import { applyManaged } from './managed';
import { enqueue } from './queue';
import { reconcile } from './reconcile';
import { forgetTab, onNavigate, onResponse, onSent, onTabUpdated, refreshTabs, runProbe, scheduleRefreshTabs } from './served';
import { loadSettings } from './settings-store';
import { TOGGLE_COMMAND, toggleSite } from './shortcut';
import { refreshAll } from './subscriptions';
import { pullIfEnabled, pushIfEnabled } from './sync';

// Listeners are registered synchronously at top level so that an event waking the worker reaches them.
const reconcileFromStorage = () => enqueue(async () => reconcile(await loadSettings()));

const fromOurPages = (sender: Runtime.MessageSender) =>
  sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL(''));

onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (fromOurPages(sender)) {
    return dispatch(message).catch((e: Error) => ({ ok: false, error: `Divert Switch failed: ${e.message}` }));
  }
  // A page badge: it may ask for its tab's state and remember where it sits, nothing else.
  if (sender.id === browser.runtime.id && sender.tab?.id !== undefined) return handleContent(message, sender.tab.id, sender.url);
  return undefined;
});

const REFRESH_ALARM = 'refresh-subscriptions';
const scheduleRefresh = () => browser.alarms.create(REFRESH_ALARM, { periodInMinutes: SUBSCRIPTION_LIMITS.periodMinutes });
browser.alarms.onAlarm.addListener((alarm: { name: string }) => {
  if (alarm.name === REFRESH_ALARM) void refreshAll();
});

// Install and update: loadSettings migrates; rules are rebuilt from settings, not trusted.
browser.runtime.onInstalled.addListener(() => {
  void reconcileFromStorage();
  void applyManaged();
  void scheduleRefresh();
});

// Browser start: pins ended with the last session; some Firefox versions lose dynamic rules.
browser.runtime.onStartup.addListener(() => {
  void enqueue(async () => {
    await writePins({});
    await reconcile(await loadSettings(), {});
  });
  void applyManaged();
  void scheduleRefresh();
  void refreshAll();
});

// Granted or revoked host access changes which domains can carry the header.
const onPermissions = () => {
  invalidateContext();
  void reconcileFromStorage();
};
browser.permissions.onAdded.addListener(onPermissions);
browser.permissions.onRemoved.addListener(onPermissions);

browser.tabs.onRemoved.addListener((tabId: number) => {
  forgetTab(tabId);
  void enqueue(async () => {
    await removeTabServed(tabId);
    const pins = await readPins();
    if (!(tabId in pins)) return;
    delete pins[tabId];
    await writePins(pins);
    await reconcile(await loadSettings(), pins);
  });
});

// ---- served-by: which namespace answered (non-blocking observers; only hosts we have access to) ----
type Headers = { name: string; value?: string }[];
const baggageOf = (headers?: Headers) => headers?.find((h) => h.name.toLowerCase() === 'baggage')?.value;

browser.webRequest.onBeforeRequest.addListener(
  (d: { tabId: number; url: string }) => void (d.tabId >= 0 && onNavigate(d.tabId, d.url)),
  { urls: ['<all_urls>'], types: ['main_frame'] },
);
// Documents and API calls only: they say which namespace answered and whether our header left.
// Images, scripts and the like would only cost an event each (npm run bench: request overhead).
const OBSERVED: Parameters<typeof browser.webRequest.onSendHeaders.addListener>[1] = {
  urls: ['<all_urls>'],
  types: ['main_frame', 'sub_frame', 'xmlhttprequest'],
};
browser.webRequest.onSendHeaders.addListener(
  (d: { tabId: number; url: string; requestHeaders?: Headers }) => void onSent(d.tabId, d.url, baggageOf(d.requestHeaders)),
  OBSERVED,
  ['requestHeaders'],
);
browser.webRequest.onHeadersReceived.addListener(
  (d: { tabId: number; url: string; responseHeaders?: Headers }) => void onResponse(d.tabId, d.url, d.responseHeaders ?? []),
  OBSERVED,
  ['responseHeaders'],
);

browser.tabs.onUpdated.addListener((tabId: number, change: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab) => {
  if (change.status === 'loading' || change.status === 'complete') void onTabUpdated(tabId, tab.url);
  if (change.status === 'complete' && tab.url) void runProbe(tabId, tab.url);
});

browser.storage.onChanged.addListener((changes: Record<string, { newValue?: unknown }>, area: string) => {
  invalidateContext();
  if (area === 'managed') void applyManaged();
  // Sync, when on: our changes go out, other browsers' changes come in (each in the queue).
  if (area === 'local' && KEYS.settings in changes) void enqueue(pushIfEnabled);
  if ((area === 'local' && KEYS.settings in changes) || (area === 'session' && PINS_KEY in changes)) scheduleRefreshTabs();
  if (area === 'sync') void enqueue(() => pullIfEnabled(changes));
  // A new list of Okteto namespaces may warn about (or clear the warning for) open tabs.
  if (area === 'local' && OKTETO_STATE in changes) void context().then(refreshTabs);
});

const onCommand = (command: string, tab?: Tabs.Tab) =>
  command === TOGGLE_COMMAND
    ? enqueue(async () => toggleSite(tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]))
    : Promise.resolve('unknown command');
browser.commands.onCommand.addListener((command: string, tab?: Tabs.Tab) => void onCommand(command, tab));

// e2e builds only: headless browsers cannot press an extension shortcut, so tests call its handler.
if (import.meta.env.MODE === 'e2e') {
  (globalThis as Record<string, unknown>).divertSwitchTest = {
    onCommand: async (command: string, tabId: number) => onCommand(command, await browser.tabs.get(tabId)),
  };
}

// Every wake-up checks the rules against settings; a no-change reconcile writes nothing.
void reconcileFromStorage();
