import { useState } from 'preact/hooks';
import type { Command, Reply } from '../core/messages';
import { send } from '../platform/messaging';

/**
 * Sends commands to the background and keeps the last refusal to show (role alert). `run`
 * resolves to the reply; a refusal is shown, an acceptance clears what was shown.
 */
export function useCommand(onError?: (message: string | undefined) => void) {
  const [own, setOwn] = useState<string>();
  const setError = onError ?? setOwn;
  const run = async <T = unknown>(cmd: Command): Promise<Reply<T>> => {
    const reply = await send<T>(cmd);
    setError(reply.ok ? undefined : reply.error);
    return reply;
  };
  return { run, error: own, setError };
}
