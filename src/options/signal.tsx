import { useState } from 'preact/hooks';
import { DEFAULT_FIELD, DEFAULT_HEADER } from '../core/probe';
import type { DomainEntry } from '../core/settings';
import { t } from '../ui/i18n';
import { useCommand } from '../ui/use-command';

interface Props {
  entry: DomainEntry;
  onError: (message: string | undefined) => void;
}

/** Per domain: where the app tells which namespace served (header name, JSON probe path and field). */
export function Signal({ entry, onError }: Props) {
  const from = entry.namespaceFrom ?? {};
  const [open, setOpen] = useState(false);
  const [header, setHeader] = useState(from.header ?? '');
  const [probe, setProbe] = useState(from.probe ?? '');
  const [field, setField] = useState(from.field ?? '');
  const [saved, setSaved] = useState(false);
  const { run } = useCommand(onError);
  const d = entry.domain;
  const id = `signal-${d.replace(/[^a-z0-9-]/g, '-')}`;
  const save = async (e: Event) => {
    e.preventDefault();
    const namespaceFrom = {
      header: header.trim() || undefined,
      probe: probe.trim() || undefined,
      field: field.trim() || undefined,
    };
    setSaved(false);
    setSaved((await run({ type: 'setDomainSource', domain: d, namespaceFrom })).ok);
  };
  const input = (label: string, value: string, set: (v: string) => void, placeholder: string) => (
    <input
      type="text"
      aria-label={label}
      placeholder={placeholder}
      value={value}
      onInput={(e) => set((e.currentTarget as HTMLInputElement).value)}
    />
  );
  return (
    <div class="signal">
      <button
        type="button"
        class="link"
        aria-expanded={open}
        aria-controls={id}
        aria-label={t('signalFor', d)}
        onClick={() => setOpen(!open)}
      >
        {open ? '▾' : '▸'} {t('servedBySignal')}
      </button>
      {open && (
        <form id={id} onSubmit={save}>
          <p class="muted">{t('signalIntro')}</p>
          {input(t('signalHeader', d), header, setHeader, DEFAULT_HEADER)}
          {input(t('signalProbe', d), probe, setProbe, '/api/catalog/healthz')}
          {input(t('signalField', d), field, setField, DEFAULT_FIELD)}
          <label class="check">
            <input
              type="checkbox"
              checked={!!entry.probeCookies}
              onChange={(e) =>
                void run({ type: 'setProbeCookies', domain: d, send: (e.currentTarget as HTMLInputElement).checked })
              }
            />
            {t('probeCookies', d)}
          </label>
          <button type="submit" aria-label={t('saveSignal', d)}>
            {t('save')}
          </button>
          <span role="status" class="muted">
            {saved ? t('saved') : ''}
          </span>
        </form>
      )}
    </div>
  );
}
