import { createAlarms } from './alarms';
import { createCommands } from './commands';
import { createCommit } from './commit';
import { createCompare } from './compare';
import { createContent } from './content';
import { createContext } from './context';
import { createDeployNews } from './deploy-news';
import { createKeepPageBaggage } from './keep-page-baggage';
import { createHeldRules } from './keep-page-baggage-rules';
import { createLastPages } from './last-pages';
import { createIdle } from './later';
import { moveLegacyToken } from './legacy';
import { createManaged } from './managed';
import { createObservers } from './observers';
import { createOkteto } from './okteto';
import { createOpenDiverted } from './open-diverted';
import { createPageBaggage } from './page-baggage';
import { createPageData } from './page-data';
import { createProbe } from './probe';
import { createQueue } from './queue';
import { createReconciler } from './reconcile';
import { createReloadAfterChange } from './reload-after-change';
import { createRequestLog } from './request-log';
import { createShare } from './share';
import { createShortcut } from './shortcut';
import { createSubscriptions } from './subscriptions';
import { createSurfaces } from './surfaces';
import { createSync } from './sync';
import { createTabStates } from './tab-states';
import { createTimeBox } from './time-box';
import { createWakeChecks } from './wake';

/**
 * The background's parts, made in the order it starts, each with the parts it needs: what the
 * worker keeps first (the queue, the cached context, each tab's state and request log, the held
 * rules), then what changes the browser's rules (reconcile, commit), then the features. What a
 * part keeps lives in it, for one wake: index.ts makes them once per start and wires the events.
 */
export function makeParts() {
  const queue = createQueue();
  const ctx = createContext();
  const tabs = createTabStates();
  const log = createRequestLog();
  const held = createHeldRules();
  const rules = createReconciler({ ...ctx, ...held, ...queue });
  const committer = createCommit({ ...ctx, ...queue, ...rules });
  const surfaces = createSurfaces({ ...ctx, ...tabs });
  const observers = createObservers({ ...ctx, ...log, ...surfaces, ...tabs });
  const probe = createProbe({ ...ctx, ...log, ...tabs });
  const pageBaggage = createPageBaggage({ ...ctx, ...tabs });
  const keep = createKeepPageBaggage({ ...ctx, ...held, ...pageBaggage, ...tabs });
  const share = createShare({ ...committer, ...ctx, ...queue });
  const pageData = createPageData(ctx);
  const pages = createLastPages(ctx);
  const menus = createOpenDiverted({ ...committer, ...ctx, ...pages, ...rules, ...share });
  const timeBox = createTimeBox({ ...committer, ...ctx, ...surfaces });
  const news = createDeployNews(ctx);
  const okteto = createOkteto({ ...ctx, ...news });
  const subscriptions = createSubscriptions({ ...committer, ...ctx });
  const sync = createSync({ ...committer, ...ctx, ...queue });
  const managed = createManaged(committer);
  const compare = createCompare({ ...ctx, ...log });
  const reloads = createReloadAfterChange(ctx);
  const commands = createCommands({
    ...committer,
    ...compare,
    ...okteto,
    ...pageData,
    ...reloads,
    ...share,
    ...subscriptions,
    ...sync,
  });
  const shortcut = createShortcut({ ...commands, ...ctx });
  const content = createContent({ ...held, ...keep, ...queue, ...surfaces });
  const alarms = createAlarms({ ...okteto, ...subscriptions, ...timeBox });
  const wake = createWakeChecks({ ...committer, ...menus, ...timeBox, moveLegacyToken });
  const idle = createIdle({ ...queue, ...surfaces, ...log, ...rules, ...held, ...wake });
  return {
    queue,
    ctx,
    tabs,
    log,
    held,
    rules,
    committer,
    surfaces,
    observers,
    probe,
    pageBaggage,
    keep,
    share,
    pageData,
    pages,
    menus,
    timeBox,
    news,
    okteto,
    subscriptions,
    sync,
    managed,
    compare,
    reloads,
    commands,
    shortcut,
    content,
    alarms,
    wake,
    idle,
  };
}
