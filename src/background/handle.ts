import { type Command, type Reply, validateCommand } from '../core/messages';
import { planForHost, reduce } from '../core/reducer';
import { readPins, writePins, writeSettings } from '../platform/store';
import { reconcile } from './reconcile';
import { loadSettings } from './settings-store';

/** One validated command: load, apply, save, reconcile, reply. Runs inside the queue. */
export async function handle(input: unknown): Promise<Reply> {
  const cmd = validateCommand(input);
  if (cmd.error !== undefined) return { ok: false, error: cmd.error };
  return run(cmd.value);
}

async function run(cmd: Command): Promise<Reply> {
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
