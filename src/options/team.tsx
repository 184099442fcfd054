import { useState } from 'preact/hooks';
import { MAX_FILE_BYTES } from '../core/json-file';
import { describeSignal, exportPresets, type ImportPreview, mergeTeam, parsePresetFile, previewCounts } from '../core/presets';
import type { Settings } from '../core/settings';
import { ITEMS } from '../core/storage-items';
import { validateSubscriptionUrl } from '../core/subscription';
import { requestDomains, requestOrigins } from '../platform/permissions';
import { said, t } from '../ui/i18n';
import { useCommand } from '../ui/use-command';
import { useStored } from '../ui/use-stored';
import { downloadJson } from './download';
import { PendingImport } from './pending-import';

interface Props {
  settings: Settings;
  onError: (message: string | undefined) => void;
}

interface Pending {
  text: string;
  preview: ImportPreview;
  warnings: string[];
  newDomains: string[];
}

const list = (items: string[]) => (items.length ? items.join(', ') : '—');
const when = (ms?: number) => (ms ? new Date(ms).toLocaleString() : t('never'));

/** Import (file or pasted JSON, with a preview), export, and subscriptions to team preset files. */
export function Team({ settings, onError }: Props) {
  const [pending, setPending] = useState<Pending>();
  const [done, setDone] = useState<string>();
  const [pasted, setPasted] = useState('');
  const [url, setUrl] = useState('');
  const [exportTeam, setExportTeam] = useState('personal');
  const status = useStored(ITEMS.subscriptionStatus) ?? {};
  const { run } = useCommand(onError);

  const preview = (text: string) => {
    setDone(undefined);
    setPending(undefined);
    const parsed = parsePresetFile(text);
    if (parsed.error !== undefined) return onError(said(parsed.error));
    onError(undefined);
    const merged = mergeTeam(settings, parsed.value.file);
    const newDomains = merged.preview.domains.added;
    setPending({ text, preview: merged.preview, warnings: parsed.value.warnings, newDomains });
  };

  const onFile = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return onError(t('fileTooLarge'));
    void file.text().then(preview);
  };

  const apply = () => {
    if (!pending) return;
    const { text, newDomains } = pending;
    // One prompt for every new domain, asked inside the click. Declined: imported all the same,
    // and each domain shows "needs access" until granted.
    const asked = newDomains.length ? requestDomains(newDomains) : Promise.resolve(true);
    void asked.then(async () => {
      const reply = await run<ImportPreview>({ type: 'importPresets', text });
      if (!reply.ok) return;
      setPending(undefined);
      const p = reply.value as ImportPreview;
      const n = previewCounts(p);
      setDone(t('imported', p.team, String(n.added), String(n.changed), String(n.removed)));
    });
  };

  const download = () => {
    const file = exportPresets(settings, exportTeam.trim() || 'personal');
    downloadJson(`divert-presets-${file.team}.json`, file);
  };

  const subscribe = (e: Event) => {
    e.preventDefault();
    const checked = validateSubscriptionUrl(url);
    if (checked.error !== undefined) return onError(said(checked.error));
    // Access to the file's host, asked inside the click, lets the background fetch it without CORS.
    void requestOrigins([`*://${new URL(checked.value).hostname}/*`]).then(async () => {
      const reply = await run<ImportPreview>({ type: 'subscribe', url: checked.value });
      if (!reply.ok) return;
      setUrl('');
      const p = reply.value as ImportPreview;
      setDone(t('subscribed', p.team));
    });
  };

  return (
    <section id="import" aria-labelledby="team-h">
      <h2 id="team-h">{t('teamPresets')}</h2>
      <p class="muted">{t('teamIntro')}</p>
      <div class="rows">
        <label class="file">
          {t('importTeamPresets')}
          <input type="file" accept="application/json,.json" onChange={onFile} />
        </label>
        <details>
          <summary>{t('pasteJson')}</summary>
          <textarea
            aria-label={t('pasteLabel')}
            rows={6}
            value={pasted}
            onInput={(e) => setPasted((e.currentTarget as HTMLTextAreaElement).value)}
          />
          <button type="button" onClick={() => preview(pasted)}>
            {t('previewImport')}
          </button>
        </details>
      </div>

      <PendingImport
        title={pending && t('previewOf', pending.preview.team)}
        done={done}
        onApply={apply}
        onCancel={() => setPending(undefined)}
      >
        {pending && <PreviewList preview={pending.preview} />}
        {pending && pending.warnings.length > 0 && (
          <p class="attention">{t('unknownKeys', pending.warnings.slice(0, 10).join(', '))}</p>
        )}
      </PendingImport>

      <h3>{t('subscriptions')}</h3>
      <ul class="subscriptions">
        {settings.subscriptions.map((s) => {
          const st = status[s.url] ?? {};
          return (
            <li key={s.url}>
              <div>
                <strong>{t('team', s.team)}</strong> <code>{s.url}</code>
                <div class="muted">{t('lastUpdated', when(st.lastSuccess))}</div>
                {st.lastError && <div class="attention">{t('lastError', st.lastError, when(st.lastAttempt))}</div>}
                {st.lastChanges && st.lastChanges.signals.length > 0 && <Signals preview={st.lastChanges} />}
              </div>
              <button
                type="button"
                aria-label={t('refreshSub', s.team)}
                onClick={() => void run({ type: 'refreshSubscription', url: s.url })}
              >
                {t('refresh')}
              </button>
              <button
                type="button"
                aria-label={t('unsubscribeTeam', s.team)}
                onClick={() => void run({ type: 'unsubscribe', url: s.url })}
              >
                {t('unsubscribe')}
              </button>
            </li>
          );
        })}
      </ul>
      <form class="add" onSubmit={subscribe}>
        <label for="sub-url">{t('presetUrl')}</label>
        <input
          id="sub-url"
          type="url"
          placeholder="https://example.com/team.json"
          value={url}
          onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit">{t('subscribe')}</button>
      </form>

      <h3>{t('export')}</h3>
      <div class="add">
        <label for="export-team">{t('exportAs')}</label>
        <input
          id="export-team"
          type="text"
          value={exportTeam}
          onInput={(e) => setExportTeam((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="button" onClick={download}>
          {t('exportPresets')}
        </button>
      </div>
    </section>
  );
}

/** What an import adds, changes and removes, domains and namespaces apart, and the signals it sets. */
function PreviewList({ preview }: { preview: ImportPreview }) {
  const { domains, namespaces } = preview;
  return (
    <>
      <ul>
        <li>{t('previewAdded', list([...domains.added, ...namespaces.added.map((n) => t('previewNamespace', n))]))}</li>
        <li>{t('previewChanged', list([...domains.changed, ...namespaces.changed.map((n) => t('previewNamespace', n))]))}</li>
        <li>{t('previewRemoved', list([...domains.removed, ...namespaces.removed.map((n) => t('previewNamespace', n))]))}</li>
        {domains.kept.length > 0 && <li>{t('previewKept', list(domains.kept))}</li>}
      </ul>
      {preview.signals.length > 0 && <Signals preview={preview} />}
    </>
  );
}

/**
 * Served-by signals a team file sets: they decide which response header the extension reads on
 * those domains, so a change is always shown, from and to.
 */
function Signals({ preview }: { preview: ImportPreview }) {
  return (
    <div class="signals">
      <p>{t('signalsChanged')}</p>
      <ul>
        {preview.signals.map((s) => (
          <li key={s.domain}>
            <code>{s.domain}</code>: {t('signalFromTo', describeSignal(s.from), describeSignal(s.to))}
          </li>
        ))}
      </ul>
    </div>
  );
}
