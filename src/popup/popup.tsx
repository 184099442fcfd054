import { useState } from 'preact/hooks';
import type { Command } from '../core/messages';
import { endpointAt } from '../core/okteto';
import { ownerOf } from '../core/okteto-instances';
import { hasAccessPatterns } from '../core/permissions';
import { playwrightScope } from '../core/playwright-script';
import { divertOnCommand, namespaceCommand, popupView } from '../core/popup-view';
import { servedName } from '../core/served';
import { browser } from '../platform/browser';
import { requestDomains } from '../platform/permissions';
import { Combobox } from '../ui/combobox';
import { said, t, words } from '../ui/i18n';
import { namespaceOptions } from '../ui/namespace-options';
import { Switch } from '../ui/switch';
import { useCommand } from '../ui/use-command';
import { useExtensionState } from '../ui/use-settings';
import { CallerOffer, Diagnostics, mismatchFacts } from './diagnostics';
import { NamespaceFacts } from './okteto-facts';
import { PageNotices } from './page-notices';
import { ShareNotice, ShareQuestion, ShareTools } from './share';
import { Site } from './site';
import { SiteNotices } from './site-notices';
import { TimeBoxControls } from './time-box';
import { useHostPlan, useOktetoRefresh, useReadyMarks } from './use-host-facts';
import { useServed } from './use-served';
import { useTab } from './use-tab';

export function Popup() {
  const state = useExtensionState();
  const { settings, loaded, oktetos, origins, shared } = state;
  const tab = useTab();
  // The namespaces, statuses and facts of the instance that owns this site.
  const okteto = ownerOf(oktetos, tab.host);
  const { run: send, error, setError } = useCommand();
  // Quiet questions: their answers show as content, not as an error.
  const { run: ask } = useCommand(() => undefined);

  const host = tab.host;
  const served = useServed(tab.id);
  useOktetoRefresh(okteto, host, served?.served, settings.activeNamespace, loaded, ask);
  const plan = useHostPlan(host, ask);

  const view = popupView({ ...state, okteto, tab, plan });
  const { entry, target, diverted, granted, pinned: stored, namespace, live } = view;
  // The box as the person last set it: a namespace typed right after ticking "This tab only" goes
  // to this tab even when the pin it asked for has not come back from the background yet.
  const [pinBox, setPinBox] = useState<{ on: boolean; stored: string | undefined }>();
  const pinOn = pinBox && pinBox.stored === stored ? pinBox.on : stored !== undefined;
  const run = async (cmd: Command) => (await send(cmd)).ok;
  /**
   * A change made for this tab: the background reloads the tab when its divert changed ("Reload
   * the page after a change", decided there, also when the popup has closed by then).
   */
  const change = (cmd: Command) => run(cmd.type === 'pinTab' ? cmd : ({ ...cmd, actingTab: tab.id } as Command));

  // permissions.request is called before any await: Firefox shows the prompt only inside the click.
  // With access already granted there is nothing to ask: the command goes at once.
  const askAccessThen = (domain: string, cmd: Command) => {
    const asked = hasAccessPatterns(origins, domain) ? Promise.resolve(true) : requestDomains([domain]);
    void asked.then((ok) => {
      if (ok) return change(cmd);
      setError(t('accessRefused', domain));
    });
  };

  const onDivert = (on: boolean) => {
    setError(undefined);
    if (!host) return;
    if (!on) {
      if (entry) void change({ type: 'setDomainEnabled', domain: entry.domain, enabled: false });
      return;
    }
    // An endpoint the API knows: no typing, it diverts to that endpoint's namespace (one command).
    const turnOn = divertOnCommand(view, host, tab.id, plan, endpoint);
    if (turnOn.error !== undefined) return setError(said(turnOn.error));
    askAccessThen(turnOn.value.access, turnOn.value.command);
  };

  const onNamespace = (text: string) => {
    setError(undefined);
    const cmd = namespaceCommand(text, { tabId: tab.id, entry, pinOn });
    if (cmd.error !== undefined) return setError(said(cmd.error));
    void run(cmd.value);
  };

  const onPin = (on: boolean) => {
    setError(undefined);
    if (tab.id === undefined) return;
    if (on && namespace === '') return setError(t('pinNeedsNamespace'));
    setPinBox({ on, stored });
    void change({ type: 'pinTab', tabId: tab.id, namespace: on ? namespace : null }).then((ok) => ok || setPinBox(undefined));
  };

  const endpoint = host && !entry ? endpointAt(okteto, host) : undefined;
  const base = t(view.status.key, ...('args' in view.status ? view.status.args : []));
  const ready = loaded && tab.ready;
  useReadyMarks(ready, ready && !!host && (!!entry || !!plan));
  // Only what was observed for the namespace asked for now counts (a change invalidates the rest).
  const observed = live && served?.requested === namespace ? served : undefined;
  const answered = observed && servedName(observed, words);
  const status = answered ? t('servedBy', base.replace(/\.$/, ''), answered) : base;

  return (
    <div class={`popup${live ? ' is-on' : ''}`} aria-busy={!loaded || !tab.ready}>
      <header>
        <img src="/icons/icon-32.png" alt="" width={20} height={20} />
        <h1>{t('extShortName')}</h1>
        <Switch label={t('pause')} checked={settings.paused} onChange={(paused) => void run({ type: 'setPaused', paused })} />
      </header>
      <ShareQuestion url={tab.url} tabId={tab.id} shared={shared} run={run} />

      {host ? (
        <Site
          host={host}
          view={view}
          plan={plan}
          endpoint={endpoint}
          onDivert={onDivert}
          run={run}
          askAccessThen={askAccessThen}
        />
      ) : (
        <p class="muted">{tab.ready ? t('openWebPage') : t('loading')}</p>
      )}

      <Combobox
        id="namespace"
        label={t('namespace')}
        listLabel={t('namespaceSuggestions')}
        value={namespace}
        placeholder={t('namespacePlaceholder')}
        options={namespaceOptions(
          settings,
          t('recent'),
          okteto?.namespaces,
          t('fromOkteto'),
          okteto?.statuses,
          okteto?.previews,
          (branch) => t('previewEnvOf', branch),
        )}
        invalid={error !== undefined}
        onCommit={onNamespace}
      />
      {host && tab.id !== undefined && (
        <label class="check">
          <input type="checkbox" checked={pinOn} onChange={(e) => onPin((e.currentTarget as HTMLInputElement).checked)} />
          {t('thisTabOnly')}
        </label>
      )}

      <SiteNotices
        host={host}
        view={view}
        settings={settings}
        okteto={okteto}
        instances={oktetos.length}
        pinOn={pinOn}
        run={run}
        change={change}
        askAccessThen={askAccessThen}
      />
      {host && (
        <ShareNotice
          url={tab.url}
          host={host}
          tabId={tab.id}
          shared={shared}
          pinned={stored}
          divertable={!!target && granted && !settings.paused && diverted}
        />
      )}
      {settings.domains.some((d) => d.enabled) && <TimeBoxControls until={settings.divertUntil} run={run} onError={setError} />}
      <NamespaceFacts
        okteto={okteto}
        namespace={namespace}
        host={host}
        servicesExplained={mismatchFacts(observed, namespace, okteto) !== undefined}
      />
      {observed && <Diagnostics served={observed} namespace={namespace} okteto={okteto} />}
      {live && tab.id !== undefined && (
        <PageNotices
          tabId={tab.id}
          namespace={namespace}
          bypass={stored !== undefined && settings.bypassWorkerInPinnedTabs === true}
          fromCache={observed?.fromCache ?? 0}
          ask={ask}
          run={run}
          onError={setError}
        />
      )}
      {live && tab.url && tab.id !== undefined && (
        <ShareTools
          url={tab.url}
          namespace={namespace}
          okteto={okteto}
          playwright={playwrightScope(settings, state.pins, origins, tab.id, namespace)}
        />
      )}
      <CallerOffer tabId={tab.id} host={host} settings={settings} origins={origins} onError={setError} />
      <p role="status" class="status">
        {status}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <footer>
        {loaded && settings.domains.length === 0 && (
          <a class="link" href="/src/options/index.html#import" target="_blank" rel="noopener">
            {t('importTeam')}
          </a>
        )}
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('domainsAndOptions')}
        </button>
      </footer>
    </div>
  );
}
