import type { Command, Reply } from '../core/messages';
import { browser } from './browser';
import { words } from './i18n';

/** Sends a command to the background; a dead background becomes a message, not a throw. */
export async function send<T = unknown>(cmd: Command): Promise<Reply<T>> {
  try {
    return (await browser.runtime.sendMessage(cmd)) as Reply<T>;
  } catch (e) {
    return { ok: false, error: words('backgroundUnreachable', (e as Error).message) };
  }
}
