import { deployNews, newsToSay } from '../core/deploy-news';
import { namespacesInUse } from '../core/namespaces-in-use';
import type { OktetoState } from '../core/okteto';
import { webHost } from '../core/url';
import { browser } from '../platform/browser';
import { words } from '../platform/i18n';
import { canNotify, notify, onNotificationAction } from '../platform/notifications';
import { allTabs } from '../platform/tabs';
import { type ContextCache, divertIn } from './context';

/** Follow my deploy: what changed in a namespace in use, said in the toolbar and, when asked for, a notification. */
export function createDeployNews({ context }: Pick<ContextCache, 'context'>) {
  /**
   * Follow my deploy: after each refresh of the Okteto API, what changed in the namespaces diverted
   * to now goes into the state (the toolbar title says it) and, with "Tell me when my namespace
   * changes" and its permission, into a notification whose button reloads the diverted tabs without
   * the cache, or wakes a namespace that went to sleep. Returns the state with its news.
   */
  async function followDeploys(before: OktetoState | undefined, after: OktetoState): Promise<OktetoState> {
    const ctx = await context();
    const { settings, pins } = ctx;
    if (settings.paused) return after;
    const news = newsToSay(deployNews(before, after, namespacesInUse(settings, pins, 'carried'), words), words);
    if (news.length === 0) return { ...after, news: before?.news };
    const at = Date.now();
    const kept = { ...before?.news, ...Object.fromEntries(news.map((n) => [n.namespace, { line: n.line, at }])) };
    if (settings.notifyChanges && (await canNotify())) {
      for (const n of news) {
        const action = n.kind === 'running' || n.kind === 'many' ? 'reload' : n.kind === 'asleep' ? 'wake' : 'none';
        const button = action === 'reload' ? words('newsReload') : action === 'wake' ? words('newsWake') : undefined;
        const clickTo = button ? words('newsClickTo', button) : undefined;
        await notify(`divert-news:${action}:${n.namespace}:${at}:${n.service ?? ''}`, `${n.line}.`, button, clickTo);
      }
    }
    return { ...after, news: kept };
  }

  /** A click on a news notification (or its button): reload the namespace's tabs, or wake it. */
  async function onNewsAction(id: string, wake: (namespace: string) => Promise<unknown>): Promise<void> {
    const m = /^divert-news:(reload|wake|none):([a-z0-9-]{1,63}):/.exec(id);
    if (m?.[1] === 'wake') await wake(m[2] as string);
    if (m?.[1] === 'reload') await reloadDivertedTo(m[2] as string);
  }

  const wireDeployNotifications = (wake: (namespace: string) => Promise<unknown>): void =>
    onNotificationAction((id) => void onNewsAction(id, wake));

  /** Every tab whose page is diverted to `namespace` now, reloaded past the HTTP cache. */
  async function reloadDivertedTo(namespace: string): Promise<void> {
    const ctx = await context();
    for (const tab of await allTabs()) {
      const host = webHost(tab.url);
      if (tab.id !== undefined && host && divertIn(ctx, tab.id, host)?.namespace === namespace)
        await browser.tabs.reload(tab.id, { bypassCache: true }).catch(() => undefined);
    }
  }
  return { followDeploys, onNewsAction, wireDeployNotifications };
}
export type DeployNews = ReturnType<typeof createDeployNews>;
