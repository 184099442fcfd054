import { type Command, type Reply, validateCommand } from '../core/messages';
import { planForHost, reduce, SETTINGS_COMMANDS, type SettingsCommand } from '../core/reducer';
import { ITEMS } from '../core/storage-items';
import { timeBoxError } from '../core/time-box';
import { said } from '../platform/i18n';
import { remove } from '../platform/store';
import { recordChosenHere } from './chosen-here';
import type { Committer } from './commit';
import type { Compare } from './compare';
import type { Okteto } from './okteto';
import type { PageData } from './page-data';
import type { ReloadAfterChange } from './reload-after-change';
import type { Share } from './share';
import type { Subscriptions } from './subscriptions';
import type { Sync } from './sync';

type Row<K extends Command['type']> = (cmd: Extract<Command, { type: K }>) => Promise<Reply>;

type OwnRows = { [K in Exclude<Command['type'], SettingsCommand['type']>]: Row<K> } & {
  [K in SettingsCommand['type']]?: Row<K>;
};

/** The tab a command is made for, when it may change that tab's divert. */
const actingTabOf = (cmd: Command): number | undefined =>
  cmd.type === 'pinTab' ? cmd.tabId : 'actingTab' in cmd ? cmd.actingTab : undefined;

/** The command table: every command an extension page may send, and what runs it. */
export function createCommands({
  answerShareLink,
  clearSiteData,
  commit,
  compareRequest,
  connectOkteto,
  followSubscription,
  forgetOkteto,
  inspectPage,
  refreshOkteto,
  reloadingAfter,
  setOktetoDomains,
  setSync,
  wakeOkteto,
}: Pick<Committer, 'commit'> &
  Pick<Compare, 'compareRequest'> &
  Pick<Okteto, 'connectOkteto' | 'forgetOkteto' | 'refreshOkteto' | 'setOktetoDomains' | 'wakeOkteto'> &
  Pick<PageData, 'clearSiteData' | 'inspectPage'> &
  Pick<ReloadAfterChange, 'reloadingAfter'> &
  Pick<Share, 'answerShareLink'> &
  Pick<Subscriptions, 'followSubscription'> &
  Pick<Sync, 'setSync'>) {
  /** The commands whose names come from someone else's file, never chosen here (see chosen-here.ts). */
  const IMPORTS: ReadonlySet<SettingsCommand['type']> = new Set(['importHeaderRules', 'importPresets']);

  /** A settings command: the pure reducer decides, commit applies (in the queue: rules, then write). */
  const viaReducer = (cmd: SettingsCommand): Promise<Reply> =>
    commit<Reply>(async (settings) => {
      const applied = reduce(settings, cmd);
      if (applied.error !== undefined) return { reply: { ok: false, error: said(applied.error) } };
      // A name the user typed or picked here is one they chose here (share links apply for those);
      // an import's names are someone else's file (header rules, team presets): they ask.
      if (!IMPORTS.has(cmd.type)) await recordChosenHere(settings, applied.value.settings);
      return { settings: applied.value.settings, reply: { ok: true, value: applied.value.value } };
    });

  /**
   * Every command an extension page may send. Settings commands go through the reducer and commit
   * (core/reducer.ts's handlers decide which those are); the rest say here what they do, as does a
   * settings command that needs more than the reducer. Rows that talk to a server fetch first and
   * queue only their commit, so a slow server holds up no other command; questions never queue.
   */
  const OWN: OwnRows = {
    // The reducer is pure: the clock is read here.
    setDivertUntil: (cmd) => {
      const error = cmd.until === null ? undefined : timeBoxError(cmd.until, Date.now());
      return error ? Promise.resolve({ ok: false, error: said(error) }) : viaReducer(cmd);
    },
    pinTab: ({ tabId, namespace }) =>
      commit((_settings, { [tabId]: _old, ...pins }) => ({
        pins: namespace === null ? pins : { ...pins, [tabId]: namespace },
        reply: { ok: true },
      })),
    answerShareLink: ({ tabId, open, namespace, url }) => answerShareLink(tabId, open, namespace, url),
    inspectPage: ({ tabId }) => inspectPage(tabId),
    clearSiteData: ({ tabId }) => clearSiteData(tabId),
    compareRequest: ({ tabId, requestId, against, withCookies }) => compareRequest(tabId, requestId, against, withCookies),
    planForHost: async ({ host }) => ({ ok: true, value: planForHost(host) }),
    subscribe: ({ url }) => followSubscription(url, true),
    refreshSubscription: ({ url }) => followSubscription(url, false),
    connectOkteto: ({ url, token }) => connectOkteto(url, token),
    refreshOkteto: ({ namespaces }) => refreshOkteto(namespaces),
    wakeOkteto: ({ namespace, instance }) => wakeOkteto(namespace, instance),
    setOktetoDomains: ({ instance, domains }) => setOktetoDomains(instance, domains),
    forgetOkteto: ({ instance }) => forgetOkteto(instance),
    setSync: ({ enabled }) => setSync(enabled),
    discardAside: () =>
      commit(async () => {
        await remove(ITEMS.settingsAside);
        return { reply: { ok: true } };
      }),
  };

  const COMMANDS = {
    ...Object.fromEntries(SETTINGS_COMMANDS.map((type) => [type, viaReducer])),
    ...OWN,
  } as { [K in Command['type']]: Row<K> };

  /** A valid command, run by its row; one made for a tab reloads it when its divert changed. */
  function runCommand(cmd: Command): Promise<Reply> {
    const run = () => (COMMANDS[cmd.type] as (c: Command) => Promise<Reply>)(cmd);
    const tabId = actingTabOf(cmd);
    return tabId === undefined ? run() : reloadingAfter(tabId, run);
  }

  /** A message from one of our pages: validated, then run. */
  async function dispatch(input: unknown): Promise<Reply> {
    const cmd = validateCommand(input);
    return cmd.error !== undefined ? { ok: false, error: said(cmd.error) } : runCommand(cmd.value);
  }
  return { runCommand, dispatch };
}
export type Commands = ReturnType<typeof createCommands>;
