import { setActionLook } from '../platform/action';
import { browser, type Runtime, type Tabs } from '../platform/browser';
import { grantedOrigins } from '../platform/permissions';
import { readPins, writePins } from '../platform/store';
import { handle } from './handle';
import { createQueue } from './queue';
import { reconcile } from './reconcile';
import { loadSettings } from './settings-store';
import { TOGGLE_COMMAND, toggleSite } from './shortcut';
import { lookFor } from './toolbar';

// Listeners are registered synchronously at top level so that an event waking the worker reaches them.
const enqueue = createQueue();
const reconcileFromStorage = () => enqueue(async () => reconcile(await loadSettings()));

const fromOurPages = (sender: Runtime.MessageSender) =>
  sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL(''));

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!fromOurPages(sender)) return undefined;
  return enqueue(() => handle(message)).catch((e: Error) => ({ ok: false, error: `Divert Switch failed: ${e.message}` }));
});

// Install and update: loadSettings migrates; rules are rebuilt from settings, not trusted.
browser.runtime.onInstalled.addListener(() => void reconcileFromStorage());

// Browser start: pins ended with the last session; some Firefox versions lose dynamic rules.
browser.runtime.onStartup.addListener(() => {
  void enqueue(async () => {
    await writePins({});
    await reconcile(await loadSettings(), {});
  });
});

// Granted or revoked host access changes which domains can carry the header.
browser.permissions.onAdded.addListener(() => void reconcileFromStorage());
browser.permissions.onRemoved.addListener(() => void reconcileFromStorage());

browser.tabs.onRemoved.addListener((tabId: number) => {
  void enqueue(async () => {
    const pins = await readPins();
    if (!(tabId in pins)) return;
    delete pins[tabId];
    await writePins(pins);
    await reconcile(await loadSettings(), pins);
  });
});

// A tab that navigates gets the toolbar button of its new host.
browser.tabs.onUpdated.addListener((tabId: number, change: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab) => {
  if (change.url === undefined && change.status !== 'loading') return;
  void enqueue(async () => {
    const [settings, pins, origins] = await Promise.all([loadSettings(), readPins(), grantedOrigins()]);
    await setActionLook(tabId, lookFor(settings, pins, origins, tabId, tab.url));
  });
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
