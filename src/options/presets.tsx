import { useState } from 'preact/hooks';
import type { Command } from '../core/messages';
import type { Preset, Settings } from '../core/settings';
import { send } from '../platform/messaging';

interface Props {
  settings: Settings;
  onError: (message: string | undefined) => void;
}

const source = (p: Preset) => (p.managed ? 'managed' : p.team ? `team ${p.team}` : undefined);

/** Namespace presets: the list the popup's "Namespace" control offers first, in this order. */
export function Presets({ settings, onError }: Props) {
  const [namespace, setNamespace] = useState('');
  const [label, setLabel] = useState('');
  const run = async (cmd: Command) => {
    const reply = await send(cmd);
    onError(reply.ok ? undefined : reply.error);
    return reply.ok;
  };
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
      <h2 id="presets-h">Namespace presets</h2>
      <p class="muted">The popup offers these first, in this order, then your recent namespaces.</p>
      {presets.length === 0 && <p class="muted">No presets yet.</p>}
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
                  aria-label={`Label for ${p.namespace}`}
                  placeholder="Label"
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
                aria-label={`Move ${p.namespace} up`}
                disabled={i === 0}
                onClick={() => void run({ type: 'movePreset', namespace: p.namespace, index: i - 1 })}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`Move ${p.namespace} down`}
                disabled={i === presets.length - 1}
                onClick={() => void run({ type: 'movePreset', namespace: p.namespace, index: i + 1 })}
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={`Remove preset ${p.namespace}`}
                disabled={!!locked}
                title={locked ? `From ${locked}: change it at its source` : undefined}
                onClick={() => void run({ type: 'removePreset', namespace: p.namespace })}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ul>
      <form class="add add-preset" onSubmit={add}>
        <label for="preset-ns">Preset namespace</label>
        <input
          id="preset-ns"
          type="text"
          placeholder="alice"
          value={namespace}
          onInput={(e) => setNamespace((e.currentTarget as HTMLInputElement).value)}
        />
        <label for="preset-label">Preset label</label>
        <input
          id="preset-label"
          type="text"
          placeholder="Alice (optional)"
          maxLength={100}
          value={label}
          onInput={(e) => setLabel((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" class="primary">
          Add preset
        </button>
      </form>
    </section>
  );
}
