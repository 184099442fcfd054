import type { Command, HostPlan } from './messages';
import { validateNamespace } from './namespace';
import { missingFromOkteto, type OktetoState } from './okteto';
import { grantsDomain } from './permissions';
import { fail, ok, type Result } from './result';
import type { TabPins } from './rules';
import { type DomainEntry, entryCovering, namespaceFor, type Settings } from './settings';
import { divertFor } from './tab-state';

/** What the popup knows: stored state, the tab it acts on, and the plan for a host with no entry. */
export interface PopupInput {
  settings: Settings;
  pins: TabPins;
  origins: string[];
  okteto?: OktetoState;
  tab: { id?: number; host?: string };
  plan?: HostPlan;
}

/** The sentence that says what happens to the tab's requests (a _locales key and its arguments). */
type StatusLine =
  | { key: 'statusNoTab' | 'statusPaused' | 'statusNoNamespace' }
  | { key: 'statusOff'; args: [host: string] }
  | { key: 'statusNoAccess'; args: [where: string] }
  | { key: 'statusOn' | 'statusOnPinned'; args: [where: string, namespace: string] };

export interface PopupView {
  /** The entry covering the tab's host, if any. */
  entry?: DomainEntry;
  /** The domain "Divert this site" acts on: the covering entry, or the one it would add. */
  target?: string;
  /** How the entry is shown: the host itself, or *.domain. */
  where?: string;
  diverted: boolean;
  granted: boolean;
  /** The tab's own namespace ("This tab only"), if pinned. */
  pinned?: string;
  /** The namespace this tab's requests carry, or would carry once diverted. */
  namespace: string;
  /** The header is on this tab's requests now: exactly what the compiled rules do (divertFor). */
  live: boolean;
  /** The namespace is not among the user's Okteto namespaces (only said while live). */
  missing: boolean;
  status: StatusLine;
}

const shown = (domain: string, host: string) => (domain === host ? host : `*.${domain}`);

/** Pure: everything the popup shows about its tab, from the same rules the background applies. */
export function popupView({ settings, pins, origins, okteto, tab, plan }: PopupInput): PopupView {
  const { host, id } = tab;
  const entry = host ? entryCovering(settings, host) : undefined;
  const target = entry?.domain ?? plan?.suggested;
  const pinned = id === undefined ? undefined : pins[id];
  const divert = host && id !== undefined ? divertFor(settings, pins, origins, id, host) : undefined;
  const namespace = divert?.namespace ?? pinned ?? (entry ? namespaceFor(settings, entry) : settings.activeNamespace);
  const view: PopupView = {
    entry,
    target,
    where: entry && host ? shown(entry.domain, host) : undefined,
    diverted: !!entry?.enabled,
    granted: target !== undefined && grantsDomain(origins, target),
    pinned,
    namespace,
    live: divert !== undefined,
    missing: !!divert && missingFromOkteto(okteto, divert.namespace),
    status: { key: 'statusNoTab' },
  };
  view.status = statusOf(view, host, settings.paused);
  return view;
}

function statusOf(v: PopupView, host: string | undefined, paused: boolean): StatusLine {
  if (!host) return { key: 'statusNoTab' };
  if (paused) return { key: 'statusPaused' };
  if (!v.diverted || !v.where) return { key: 'statusOff', args: [host] };
  if (v.namespace === '') return { key: 'statusNoNamespace' };
  if (!v.granted) return { key: 'statusNoAccess', args: [v.where] };
  return { key: v.pinned !== undefined ? 'statusOnPinned' : 'statusOn', args: [v.where, v.namespace] };
}

/** Where the popup's typed namespace goes: the tab it acts on, whether "This tab only" is ticked. */
export interface NamespaceAt {
  tabId?: number;
  /** The entry covering the tab's host (popupView's `entry`). */
  entry?: DomainEntry;
  pinOn: boolean;
}

/**
 * A namespace typed in the popup, as the command it makes: checked by the namespace rule, then this
 * tab alone with "This tab only", else the site's entry when it has a namespace of its own, else
 * the saved namespace. Made for the tab (actingTab), so a change of its divert reloads it.
 */
export function namespaceCommand(text: string, { tabId, entry, pinOn }: NamespaceAt): Result<Command> {
  const ns = validateNamespace(text);
  if (ns.error !== undefined) return ns;
  const namespace = ns.value;
  if (pinOn && tabId !== undefined) return ok({ type: 'pinTab', tabId, namespace });
  if (entry?.namespace) return ok({ type: 'setDomainNamespace', domain: entry.domain, namespace, actingTab: tabId });
  return ok({ type: 'setNamespace', namespace, actingTab: tabId });
}

/** What turning "Divert this site" on sends: the domain to ask access for, then the command. */
export interface DivertOn {
  access: string;
  command: Command;
}

/**
 * "Divert this site" switched on: the entry it acts on (covering, or the plan's), and on an Okteto
 * endpoint with no namespace chosen, that endpoint's namespace in the same command.
 */
export function divertOnCommand(
  view: Pick<PopupView, 'target' | 'namespace'>,
  host: string,
  tabId: number | undefined,
  plan: HostPlan | undefined,
  endpoint: { namespace: string } | undefined,
): Result<DivertOn> {
  // Until the plan is back there is nothing to ask access for.
  if (view.target === undefined) return plan?.error ? { error: plan.error } : fail('stillReading');
  const namespace = view.namespace === '' ? endpoint?.namespace : undefined;
  const command: Command = { type: 'enableForHost', host, actingTab: tabId };
  if (namespace) command.namespace = namespace;
  return ok({ access: view.target, command });
}
