import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { Command, HostPlan, Reply } from '../core/messages';
import { namespaceInHost, type OktetoState } from '../core/okteto';

type Ask = <T = unknown>(cmd: Command) => Promise<Reply<T>>;

/** What "Divert this site" would add depends on the host alone: asked once per host. */
export function useHostPlan(host: string | undefined, ask: Ask): HostPlan | undefined {
  const [plan, setPlan] = useState<HostPlan>();
  useEffect(() => {
    if (host) void ask<HostPlan>({ type: 'planForHost', host }).then((r) => r.ok && setPlan(r.value));
  }, [host]);
  return plan;
}

/**
 * The owning instance's facts, refreshed while the popup is open: besides the namespaces in use
 * (the background knows those), the one that answered (to explain a mismatch) and the one this
 * host's name points at (to recognise an endpoint). The last list shows at once meanwhile.
 */
export function useOktetoRefresh(
  okteto: OktetoState | undefined,
  host: string | undefined,
  servedNs: string | undefined,
  active: string,
  loaded: boolean,
  ask: Ask,
): void {
  const connected = !!okteto;
  useEffect(() => {
    const wanted = [servedNs, okteto && host ? namespaceInHost(okteto, host) : undefined];
    const namespaces = [...new Set(wanted.filter((n): n is string => !!n))];
    if (connected && loaded) void ask({ type: 'refreshOkteto', namespaces });
  }, [connected, loaded, active, servedNs, host]);
}

/**
 * npm run bench reads these marks: the popup is ready when the DOM shows the settings and the tab,
 * and "Divert this site" is usable once it knows what turning it on adds. Taken when that render is
 * committed (as the blank page it is compared with is timed at its load event, before either
 * paints), not an animation frame later.
 */
export function useReadyMarks(ready: boolean, usable: boolean): void {
  useLayoutEffect(() => {
    if (ready) performance.mark('divert-switch:ready');
  }, [ready]);
  useLayoutEffect(() => {
    if (usable) performance.mark('divert-switch:divert-usable');
  }, [usable]);
}
