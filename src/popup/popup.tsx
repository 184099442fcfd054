import { useEffect, useState } from 'preact/hooks';
import type { Command, HostPlan } from '../core/messages';
import { validateNamespace } from '../core/namespace';
import { grantsDomain } from '../core/permissions';
import { entryCovering, namespaceFor } from '../core/settings';
import { browser } from '../platform/browser';
import { send } from '../platform/messaging';
import { requestDomains } from '../platform/permissions';
import { Combobox } from '../ui/combobox';
import { namespaceOptions } from '../ui/namespace-options';
import { Switch } from '../ui/switch';
import { useExtensionState } from '../ui/use-settings';
import { useTab } from './use-tab';

export function Popup() {
  const { settings, pins, origins, loaded } = useExtensionState();
  const tab = useTab();
  const [plan, setPlan] = useState<HostPlan>();
  const [error, setError] = useState<string>();

  const host = tab.host;
  useEffect(() => {
    if (host) void send<HostPlan>({ type: 'planForHost', host }).then((r) => r.ok && setPlan(r.value));
  }, [host, settings]);

  const entry = host ? entryCovering(settings, host) : undefined;
  const target = entry?.domain ?? plan?.suggested;
  const diverted = !!entry?.enabled;
  const granted = target !== undefined && grantsDomain(origins, target);
  const pinned = tab.id === undefined ? undefined : pins[tab.id];
  const namespace = pinned ?? (entry ? namespaceFor(settings, entry) : settings.activeNamespace);

  const run = async (cmd: Command) => {
    const reply = await send(cmd);
    if (!reply.ok) setError(reply.error);
    return reply.ok;
  };

  // permissions.request is called before any await: Firefox shows the prompt only inside the click.
  const askAccessThen = (domain: string, cmd: Command) => {
    void requestDomains([domain]).then((ok) => {
      if (ok) return run(cmd);
      setError(`Divert Switch needs access to ${domain} to add the header there. Turn divert on again and allow it.`);
    });
  };

  const onDivert = (on: boolean) => {
    setError(undefined);
    if (!host) return;
    if (!on) {
      if (entry) void run({ type: 'setDomainEnabled', domain: entry.domain, enabled: false });
      return;
    }
    if (target === undefined) {
      setError(plan?.error ?? 'Divert Switch is still reading this page; try again in a moment.');
      return;
    }
    askAccessThen(target, { type: 'enableForHost', host });
  };

  const onNamespace = (text: string) => {
    setError(undefined);
    const ns = validateNamespace(text);
    if (ns.error !== undefined) return setError(ns.error);
    if (pinned !== undefined && tab.id !== undefined) void run({ type: 'pinTab', tabId: tab.id, namespace: ns.value });
    else if (entry?.namespace) void run({ type: 'setDomainNamespace', domain: entry.domain, namespace: ns.value });
    else void run({ type: 'setNamespace', namespace: ns.value });
  };

  const onPin = (on: boolean) => {
    setError(undefined);
    if (tab.id === undefined) return;
    if (on && namespace === '') return setError('Choose a namespace first, then pin it to this tab.');
    void run({ type: 'pinTab', tabId: tab.id, namespace: on ? namespace : null });
  };

  const status = describe({
    host,
    paused: settings.paused,
    diverted,
    domain: entry?.domain,
    namespace,
    granted,
    pinned: pinned !== undefined,
  });

  return (
    <div class={`popup ${diverted && !settings.paused ? 'is-on' : ''}`} aria-busy={!loaded || !tab.ready}>
      <header>
        <img src="/icons/icon-32.png" alt="" width={20} height={20} />
        <h1>Divert Switch</h1>
        <Switch label="Pause" checked={settings.paused} onChange={(paused) => void run({ type: 'setPaused', paused })} />
      </header>

      {host ? (
        <section class="site">
          <div class="host" title={host}>
            {host}
          </div>
          <Switch label="Divert this site" checked={diverted} onChange={onDivert} />
          {entry && (
            <p class="entry">
              Entry <code>{entry.domain === host ? host : `*.${entry.domain}`}</code>
              {entry.domain !== host && (
                <button
                  type="button"
                  class="link"
                  onClick={() => void run({ type: 'replaceDomain', from: entry.domain, to: host })}
                >
                  Only {host}
                </button>
              )}
            </p>
          )}
          {!entry && plan?.suggested && <p class="entry muted">Turning it on adds {`*.${plan.suggested}`}</p>}
        </section>
      ) : (
        <p class="muted">{tab.ready ? 'Open a web page on your Okteto domain to divert it.' : 'Loading…'}</p>
      )}

      <Combobox
        id="namespace"
        label="Namespace"
        value={namespace}
        placeholder="e.g. alice"
        options={namespaceOptions(settings)}
        invalid={error !== undefined}
        onCommit={onNamespace}
      />
      {host && tab.id !== undefined && (
        <label class="check">
          <input
            type="checkbox"
            checked={pinned !== undefined}
            onChange={(e) => onPin((e.currentTarget as HTMLInputElement).checked)}
          />
          This tab only
        </label>
      )}

      {entry?.namespace && pinned === undefined && (
        <p class="entry">
          Only {entry.domain === host ? host : `*.${entry.domain}`} uses {entry.namespace}.
          <button
            type="button"
            class="link"
            onClick={() => void run({ type: 'setDomainNamespace', domain: entry.domain, namespace: null })}
          >
            Use the default{settings.activeNamespace ? ` (${settings.activeNamespace})` : ''}
          </button>
        </p>
      )}
      {settings.paused && (
        <p class="attention">
          Paused: every setting is kept.{' '}
          <button type="button" onClick={() => void run({ type: 'setPaused', paused: false })}>
            Resume
          </button>
        </p>
      )}
      {diverted && !granted && target && (
        <p class="attention">
          Needs access to {target}.{' '}
          <button
            type="button"
            onClick={() => askAccessThen(target, { type: 'setDomainEnabled', domain: target, enabled: true })}
          >
            Grant access
          </button>
        </p>
      )}
      <p role="status" class="status">
        {status}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <footer>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          Domains and options
        </button>
      </footer>
    </div>
  );
}

interface StatusInput {
  host?: string;
  paused: boolean;
  diverted: boolean;
  domain?: string;
  namespace: string;
  granted: boolean;
  pinned: boolean;
}

/** One sentence that says what happens to this tab's requests. */
function describe(s: StatusInput): string {
  if (!s.host) return 'No request from this tab is diverted.';
  if (s.paused) return 'Paused: no request carries okteto-divert. Turn Pause off to resume.';
  if (!s.diverted || !s.domain) return `Requests to ${s.host} are not diverted.`;
  if (s.namespace === '') return 'Choose a namespace: nothing is diverted until you do.';
  if (!s.granted) return `Not diverted yet: Divert Switch needs access to ${s.domain}.`;
  const where = s.domain === s.host ? s.host : `*.${s.domain}`;
  return `Requests to ${where} carry okteto-divert=${s.namespace}${s.pinned ? ' in this tab' : ''}.`;
}
