import * as v from 'valibot';
import type { Problem, Result } from './result';
import { DomainSchema, k, NamespaceFromSchema, NamespaceSchema, parseWith } from './schema';
import { SHARE_URL_MAX } from './share-link';

const HostSchema = v.pipe(v.string(k('schemaHostName')), v.maxLength(253));
const TabIdSchema = v.pipe(v.number(), v.integer(), v.minValue(0));
/** An Okteto instance, as it is stored: its origin. */
const InstanceSchema = v.pipe(v.string(), v.maxLength(2000));
const LabelSchema = v.pipe(v.string(k('schemaText')), v.maxLength(100, k('schemaAtMost100')));

/**
 * The tab a change is made for (the popup's tab, the shortcut's): when the change alters that
 * tab's divert, the background reloads it ("Reload the page after a change").
 */
const ActingTab = v.optional(TabIdSchema);

/** Every command an extension page may send the background. The background is the only writer. */
const CommandSchema = v.variant('type', [
  /** Turn divert on for the site a tab shows: the entry covering it, or a new one that does. */
  /** `wide`: the wider entry the plan offers as a choice (e.g. example.com for app.example.com), on the user's click. */
  /** `namespace`: saved as the namespace in the same commit (an Okteto endpoint's own namespace, clicked in the popup). */
  v.object({
    type: v.literal('enableForHost'),
    host: HostSchema,
    wide: v.optional(v.boolean()),
    namespace: v.optional(NamespaceSchema),
    actingTab: ActingTab,
  }),
  v.object({ type: v.literal('setDomainEnabled'), domain: DomainSchema, enabled: v.boolean(), actingTab: ActingTab }),
  /** `domain` is what the user typed: the background normalizes it (URL → host). */
  v.object({ type: v.literal('addDomain'), domain: v.pipe(v.string(), v.maxLength(2000)), enabled: v.boolean() }),
  v.object({ type: v.literal('removeDomain'), domain: DomainSchema }),
  /** Narrow (or widen) an entry, keeping its choices. */
  v.object({ type: v.literal('replaceDomain'), from: DomainSchema, to: v.pipe(v.string(), v.maxLength(2000)) }),
  /** Raw user text: validated by the background so the message names the namespace rule. */
  v.object({ type: v.literal('setNamespace'), namespace: v.pipe(v.string(), v.maxLength(2000)), actingTab: ActingTab }),
  v.object({
    type: v.literal('setDomainNamespace'),
    domain: DomainSchema,
    namespace: v.nullable(NamespaceSchema),
    actingTab: ActingTab,
  }),
  /** How served-by is read for a domain: response header name, JSON probe path and field; null: the defaults. */
  v.object({ type: v.literal('setDomainSource'), domain: DomainSchema, namespaceFrom: v.nullable(NamespaceFromSchema) }),
  /** The user's own switch: send this browser's cookies with the domain's served-by probe (never from a file). */
  v.object({ type: v.literal('setProbeCookies'), domain: DomainSchema, send: v.boolean() }),
  /** `tabId` is also the acting tab. */
  v.object({ type: v.literal('pinTab'), tabId: TabIdSchema, namespace: v.nullable(NamespaceSchema) }),
  /**
   * The person's answer to a share link that asks for a namespace they never chose (popup only),
   * with the namespace and link the question showed: an answer binds to that question alone.
   */
  v.object({
    type: v.literal('answerShareLink'),
    tabId: TabIdSchema,
    open: v.boolean(),
    namespace: NamespaceSchema,
    url: v.pipe(v.string(), v.maxLength(SHARE_URL_MAX)),
  }),
  v.object({ type: v.literal('setPaused'), paused: v.boolean() }),
  /** Own presets: raw namespace text (validated with the rule), a label of at most 100 characters. */
  v.object({ type: v.literal('addPreset'), namespace: v.pipe(v.string(), v.maxLength(2000)), label: LabelSchema }),
  v.object({ type: v.literal('renamePreset'), namespace: NamespaceSchema, label: LabelSchema }),
  v.object({ type: v.literal('removePreset'), namespace: NamespaceSchema }),
  /** Moves a preset to `index` in the list the "Namespace" control offers. */
  v.object({ type: v.literal('movePreset'), namespace: NamespaceSchema, index: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  v.object({ type: v.literal('setShowPageBadge'), show: v.boolean() }),
  v.object({ type: v.literal('setKeepPageBaggage'), keep: v.boolean() }),
  v.object({ type: v.literal('setReloadAfterChange'), reload: v.boolean() }),
  /** The options switch: the notifications permission was asked for in the click, before this. */
  v.object({ type: v.literal('setNotifyChanges'), notify: v.boolean() }),
  v.object({ type: v.literal('setBypassWorker'), bypass: v.boolean() }),
  /** Divert until this time (ms since the epoch), then pause by itself; null: no time limit. */
  v.object({ type: v.literal('setDivertUntil'), until: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))) }),
  /** A team preset file's text, previewed and confirmed in the options page. */
  v.object({ type: v.literal('importPresets'), text: v.pipe(v.string(), v.maxLength(2 * 1024 * 1024)) }),
  /** A ModHeader or Requestly export's text, previewed and confirmed in the options page: your own presets and domains. */
  v.object({ type: v.literal('importHeaderRules'), text: v.pipe(v.string(), v.maxLength(2 * 1024 * 1024)) }),
  /** Follow a team preset file by URL; the background fetches it at once, then hourly and at start. */
  v.object({ type: v.literal('subscribe'), url: v.pipe(v.string(), v.maxLength(2000)) }),
  v.object({ type: v.literal('unsubscribe'), url: v.pipe(v.string(), v.maxLength(2000)) }),
  v.object({ type: v.literal('refreshSubscription'), url: v.pipe(v.string(), v.maxLength(2000)) }),
  /** Okteto instance: the token is kept in the extension's own IndexedDB (platform/secrets.ts), bound to the instance's origin, and sent nowhere else. */
  v.object({
    type: v.literal('connectOkteto'),
    url: v.pipe(v.string(), v.maxLength(2000)),
    token: v.pipe(v.string(), v.maxLength(4096)),
  }),
  // Queries only; `namespaces`: the ones whose services to read first (the popup's).
  v.object({ type: v.literal('refreshOkteto'), namespaces: v.optional(v.pipe(v.array(NamespaceSchema), v.maxLength(3))) }),
  // The one mutation, on the user's click only.
  v.object({ type: v.literal('wakeOkteto'), namespace: NamespaceSchema, instance: v.optional(InstanceSchema) }),
  /** The domains an instance owns, as the user says (empty: guessed from its endpoints). */
  v.object({
    type: v.literal('setOktetoDomains'),
    instance: InstanceSchema,
    domains: v.pipe(v.array(v.pipe(v.string(), v.maxLength(2000))), v.maxLength(50)),
  }),
  /** Opt-in: domains, presets and choices follow the user through storage.sync. */
  v.object({ type: v.literal('setSync'), enabled: v.boolean() }),
  /** One instance and its token; none named: every one. */
  v.object({ type: v.literal('forgetOkteto'), instance: v.optional(InstanceSchema) }),
  /** Drop settings that were kept aside because they could not be read (after exporting them, say). */
  v.object({ type: v.literal('discardAside') }),
  /** A question, not a change: which entry covers `host`, or which one turning divert on would add. */
  v.object({ type: v.literal('planForHost'), host: HostSchema }),
  /** A question about a diverted tab's page: is a service worker in control of it? */
  v.object({ type: v.literal('inspectPage'), tabId: TabIdSchema }),
  /**
   * Removes the service worker and caches of a diverted tab's origin, then reloads it without the
   * cache (the popup asked for the browsingData permission first, in the click).
   */
  v.object({ type: v.literal('clearSiteData'), tabId: TabIdSchema }),
  /**
   * The DevTools panel: send a GET/HEAD of the tab's request list again with the tab's namespace
   * and with `against`, side by side (the URL is read from the list, never from here); `against`
   * null: with no okteto-divert member at all ("Compare without divert").
   */
  v.object({
    type: v.literal('compareRequest'),
    tabId: TabIdSchema,
    requestId: v.pipe(v.string(), v.maxLength(64)),
    against: v.nullable(NamespaceSchema),
    withCookies: v.boolean(),
  }),
]);

export type Command = v.InferOutput<typeof CommandSchema>;

export type Reply<T = unknown> = { ok: true; value?: T } | { ok: false; error: string };

export function validateCommand(input: unknown): Result<Command> {
  return parseWith(CommandSchema, input, 'whatMessage');
}

/** What inspectPage found about a diverted tab's page. */
export interface PageCheck {
  serviceWorker: boolean;
  /** For a pinned tab: what the service and shared workers of its host carry (core/workers.ts). */
  worker?: { carries: string; follows: boolean };
}

/** What "Divert this site" would add for a host no entry covers: it depends on the host alone. */
export interface HostPlan {
  /** The entry "Divert this site" would add when none covers it. */
  suggested?: string;
  /** A wider entry offered only as an explicit choice (never a shared Okteto domain). */
  wider?: string;
  /** Why the host cannot be diverted (an IP, a public suffix…). */
  error?: Problem;
}
