import { useState } from 'preact/hooks';
import { send } from '../platform/messaging';
import { Switch } from '../ui/switch';
import { useExtensionState } from '../ui/use-settings';
import { Domains } from './domains';
import { Presets } from './presets';

export function Options() {
  const { settings, origins, loaded } = useExtensionState();
  const [error, setError] = useState<string>();

  return (
    <div class="options" aria-busy={!loaded}>
      <header>
        <img src="/icons/icon-48.png" alt="" width={32} height={32} />
        <h1>Divert Switch</h1>
      </header>
      <p class="muted">
        Adds <code>baggage: okteto-divert=&lt;namespace&gt;</code> to requests to your Okteto domains, so Okteto Divert routes
        them to the services in your namespace. It replaces any baggage header the page sends itself.
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <Domains settings={settings} origins={origins} onError={setError} />
      <Presets settings={settings} onError={setError} />
      <section aria-labelledby="general-h">
        <h2 id="general-h">General</h2>
        <div class="rows">
          <Switch label="Pause" checked={settings.paused} onChange={(paused) => void send({ type: 'setPaused', paused })} />
          <Switch
            label="Show page badge"
            checked={settings.showPageBadge}
            onChange={(show) => void send({ type: 'setShowPageBadge', show })}
          />
        </div>
      </section>
    </div>
  );
}
