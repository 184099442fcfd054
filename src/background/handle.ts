import { type Command, type Reply, type ServerCommand, validateCommand } from '../core/messages';
import { planForHost, reduce } from '../core/reducer';
import { ensurePublicSuffixList } from '../platform/psl';
import { readPins, removeAside, writePins, writeSettings } from '../platform/store';
import { connectOkteto, forgetOkteto, refreshOkteto } from './okteto';
import { enqueue } from './queue';
import { reconcile } from './reconcile';
import { loadSettings, peekSettings } from './settings-store';
import { followSubscription } from './subscriptions';
import { setSync } from './sync';

/**
 * A message from one of our pages: validated, then run in the queue. Fetching a subscription
 * happens before it queues, so a slow server holds up no other command.
 */
export async function dispatch(input: unknown): Promise<Reply> {
  await ensurePublicSuffixList(); // domains in commands are checked against it
  const cmd = validateCommand(input);
  if (cmd.error !== undefined) return { ok: false, error: cmd.error };
  const c = cmd.value;
  if (c.type === 'subscribe' || c.type === 'refreshSubscription') return followSubscription(c.url, c.type === 'subscribe');
  if (c.type === 'connectOkteto') return connectOkteto(c.url, c.token);
  if (c.type === 'refreshOkteto') return refreshOkteto();
  if (c.type === 'forgetOkteto') return forgetOkteto();
  if (c.type === 'setSync') return enqueue(() => setSync(c.enabled));
  if (c.type === 'discardAside') return enqueue(async () => (await removeAside(), { ok: true }));
  // A question changes nothing: it need not wait behind queued changes.
  if (c.type === 'planForHost') return { ok: true, value: planForHost(await peekSettings(), c.host) };
  return enqueue(() => run(c));
}

/** One command: load, apply, reconcile, save, reply. Call only from inside the queue. */
export async function run(cmd: Exclude<Command, { type: ServerCommand }>): Promise<Reply> {
  const settings = await loadSettings();
  if (cmd.type === 'planForHost') return { ok: true, value: planForHost(settings, cmd.host) };
  if (cmd.type === 'pinTab') {
    const { [cmd.tabId]: _old, ...pins } = await readPins();
    if (cmd.namespace !== null) pins[cmd.tabId] = cmd.namespace;
    await writePins(pins);
    await reconcile(settings, pins);
    return { ok: true };
  }
  const applied = reduce(settings, cmd);
  if (applied.error !== undefined) return { ok: false, error: applied.error };
  // Rules first: when the browser refuses them, the settings stay as they were.
  await reconcile(applied.value.settings);
  await writeSettings(applied.value.settings);
  return { ok: true, value: applied.value.value };
}
