import { useState } from 'preact/hooks';
import type { Command } from '../core/messages';
import type { Preset, Settings } from '../core/settings';
import { t } from '../ui/i18n';
import { useCommand } from '../ui/use-command';

interface Props {
  settings: Settings;
  onError: (message: string | undefined) => void;
}

const source = (p: Preset) => (p.managed ? t('managed') : p.team ? t('team', p.team) : undefined);

/** Namespace presets: the list the popup's "Namespace" control offers first, in this order. */
export function Presets({ settings, onError }: Props) {
  const [namespace, setNamespace] = useState('');
  const [label, setLabel] = useState('');
  const command = useCommand(onError);
  const run = async (cmd: Command) => (await command.run(cmd)).ok;
  const add = async (e: Event) => {
    e.preventDefault();
    if (await run({ type: 'addPreset', namespace, label })) {
      setNamespace('');
      setLabel('');
    }
  };
  const presets = settings.presets;

  return (
    <section aria-labelledby="presets-h">
      <h2 id="presets-h">{t('presets')}</h2>
      <p class="muted">{t('presetsIntro')}</p>
      {presets.length === 0 && <p class="muted">{t('presetsEmpty')}</p>}
      <ul class="presets">
        {presets.map((p, i) => {
          const locked = source(p);
          return (
            <li key={`${p.namespace}/${p.team ?? ''}`}>
              <code class="ns">{p.namespace}</code>
              {locked ? (
                <span class="label">{p.label}</span>
              ) : (
                <input
                  type="text"
                  class="label"
                  aria-label={t('labelFor', p.namespace)}
                  placeholder={t('label')}
                  value={p.label ?? ''}
                  maxLength={100}
                  onChange={(e) =>
                    void run({ type: 'renamePreset', namespace: p.namespace, label: (e.currentTarget as HTMLInputElement).value })
                  }
                />
              )}
              {locked && <span class="tag">{locked}</span>}
              <button
                type="button"
                aria-label={t('moveUp', p.namespace)}
                disabled={i === 0}
                onClick={() => void run({ type: 'movePreset', namespace: p.namespace, index: i - 1 })}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={t('moveDown', p.namespace)}
                disabled={i === presets.length - 1}
                onClick={() => void run({ type: 'movePreset', namespace: p.namespace, index: i + 1 })}
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={t('removePreset', p.namespace)}
                disabled={!!locked}
                title={locked ? t('fromSource', locked) : undefined}
                onClick={() => void run({ type: 'removePreset', namespace: p.namespace })}
              >
                {t('remove')}
              </button>
            </li>
          );
        })}
      </ul>
      <form class="add add-preset" onSubmit={add}>
        <label for="preset-ns">{t('presetNamespace')}</label>
        <input
          id="preset-ns"
          type="text"
          placeholder="alice"
          value={namespace}
          onInput={(e) => setNamespace((e.currentTarget as HTMLInputElement).value)}
        />
        <label for="preset-label">{t('presetLabel')}</label>
        <input
          id="preset-label"
          type="text"
          placeholder={t('presetLabelPlaceholder')}
          maxLength={100}
          value={label}
          onInput={(e) => setLabel((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" class="primary">
          {t('addPreset')}
        </button>
      </form>
    </section>
  );
}
