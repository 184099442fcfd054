import { useState } from 'preact/hooks';
import { validateDomain } from '../core/domain';
import { validateNamespace } from '../core/namespace';
import { grantsDomain } from '../core/permissions';
import type { Settings } from '../core/settings';
import { requestDomains } from '../platform/permissions';
import { said, t } from '../ui/i18n';
import { Switch } from '../ui/switch';
import { useCommand } from '../ui/use-command';
import { Signal } from './signal';

interface Props {
  settings: Settings;
  origins: string[];
  onError: (message: string | undefined) => void;
}

/** The domain list: add, switch on/off (asking host access at that click), remove. */
export function Domains({ settings, origins, onError }: Props) {
  const [text, setText] = useState('');

  const command = useCommand(onError);
  const run = async (cmd: Parameters<typeof command.run>[0]) => (await command.run(cmd)).ok;

  const add = (e: Event) => {
    e.preventDefault();
    const domain = validateDomain(text);
    if (domain.error !== undefined) return onError(said(domain.error));
    // Asked inside the click: Firefox shows no prompt after an await.
    void requestDomains([domain.value]).then(async (granted) => {
      if (await run({ type: 'addDomain', domain: domain.value, enabled: granted })) setText('');
    });
  };

  const toggle = (domain: string, enabled: boolean) => {
    if (!enabled) return void run({ type: 'setDomainEnabled', domain, enabled });
    void requestDomains([domain]).then((granted) => {
      if (granted) return run({ type: 'setDomainEnabled', domain, enabled });
      onError(t('accessRefused', domain));
    });
  };

  /** Empty means "follow the active namespace"; anything else must be a valid namespace. */
  const setOverride = (domain: string, text: string) => {
    const trimmed = text.trim();
    if (trimmed === '') return void run({ type: 'setDomainNamespace', domain, namespace: null });
    const ns = validateNamespace(trimmed);
    if (ns.error !== undefined) return onError(said(ns.error));
    void run({ type: 'setDomainNamespace', domain, namespace: ns.value });
  };

  return (
    <section aria-labelledby="domains-h">
      <h2 id="domains-h">{t('domains')}</h2>
      <p class="muted">{t('domainsIntro')}</p>
      {settings.domains.length === 0 && <p class="muted">{t('domainsEmpty')}</p>}
      <ul class="domains">
        {settings.domains.map((d) => {
          const granted = grantsDomain(origins, d.domain);
          return (
            <li key={d.domain}>
              <Switch
                label={t('divertDomain', d.domain)}
                text={d.domain}
                checked={d.enabled}
                onChange={(on) => toggle(d.domain, on)}
              />
              <input
                type="text"
                class="domain-ns"
                aria-label={t('namespaceFor', d.domain)}
                placeholder={settings.activeNamespace ? t('defaultNs', settings.activeNamespace) : t('defaultPlain')}
                value={d.namespace ?? ''}
                onChange={(e) => setOverride(d.domain, (e.currentTarget as HTMLInputElement).value)}
              />
              {d.team && <span class="tag">{t('team', d.team)}</span>}
              {d.managed && <span class="tag">{t('managed')}</span>}
              {d.enabled && !granted && (
                <button type="button" class="needs-access" onClick={() => toggle(d.domain, true)}>
                  {t('needsAccessGrant')}
                </button>
              )}
              <button
                type="button"
                aria-label={t('removeDomain', d.domain)}
                title={d.managed ? t('setByAdmin') : t('removeDomain', d.domain)}
                disabled={d.managed}
                onClick={() => void run({ type: 'removeDomain', domain: d.domain })}
              >
                {t('remove')}
              </button>
              <Signal entry={d} onError={onError} />
            </li>
          );
        })}
      </ul>
      <form class="add" onSubmit={add}>
        <label for="domain-input">{t('domain')}</label>
        <input
          id="domain-input"
          type="text"
          placeholder={t('domainPlaceholder')}
          value={text}
          onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" class="primary">
          {t('addDomain')}
        </button>
      </form>
    </section>
  );
}
