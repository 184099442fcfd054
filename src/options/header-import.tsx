import { useState } from 'preact/hooks';
import { type HeaderImport, type HeaderImportPreview, mergeHeaderImport, parseHeaderExport } from '../core/header-import';
import { MAX_FILE_BYTES } from '../core/json-file';
import { NAMESPACE_RULE } from '../core/namespace';
import { problem } from '../core/result';
import type { Settings } from '../core/settings';
import { requestDomains } from '../platform/permissions';
import { said, t } from '../ui/i18n';
import { useCommand } from '../ui/use-command';
import { PendingImport } from './pending-import';

interface Props {
  settings: Settings;
  onError: (message: string | undefined) => void;
}

interface Pending {
  text: string;
  found: HeaderImport;
  preview: HeaderImportPreview;
}

const list = (items: string[]) => (items.length ? items.join(', ') : '—');

/** "Coming from ModHeader or Requestly": a file, a summary of what is found and skipped, then Apply import. */
export function HeaderImportSection({ settings, onError }: Props) {
  const [pending, setPending] = useState<Pending>();
  const [done, setDone] = useState<string>();
  const { run } = useCommand(onError);

  const preview = (text: string) => {
    const parsed = parseHeaderExport(text);
    if (parsed.error !== undefined) return onError(said(parsed.error));
    const merged = mergeHeaderImport(settings, parsed.value);
    if (merged.error !== undefined) return onError(said(merged.error));
    onError(undefined);
    setPending({ text, found: parsed.value, preview: merged.value.preview });
  };

  const onFile = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    setDone(undefined);
    setPending(undefined);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return onError(said(problem('headerFileTooLarge')));
    void file.text().then(preview);
  };

  const apply = () => {
    if (!pending) return;
    const { text, preview: p } = pending;
    // One prompt for every new domain, inside the click; declined, they show "needs access".
    const asked = p.domains.added.length ? requestDomains(p.domains.added) : Promise.resolve(true);
    void asked.then(async () => {
      const reply = await run<HeaderImportPreview>({ type: 'importHeaderRules', text });
      if (!reply.ok) return;
      setPending(undefined);
      const r = reply.value as HeaderImportPreview;
      const added = r.presets.added.length + r.domains.added.length;
      setDone(t('headerImported', r.tool, String(added), String(r.presets.kept.length + r.domains.kept.length)));
    });
  };

  return (
    <section aria-labelledby="header-import-h">
      <h2 id="header-import-h">{t('headerImportTitle')}</h2>
      <p class="muted">{t('headerImportIntro')}</p>
      <label class="file">
        {t('importHeaderExport')}
        <input type="file" accept="application/json,.json" onChange={onFile} />
      </label>
      <PendingImport
        title={pending && t('headerImportOf', pending.preview.tool)}
        done={done}
        onApply={apply}
        onCancel={() => setPending(undefined)}
      >
        {pending && <Found found={pending.found} preview={pending.preview} />}
      </PendingImport>
    </section>
  );
}

/** What the file gives (added, already yours) and what it leaves out, each with its reason. */
function Found({ found, preview }: { found: HeaderImport; preview: HeaderImportPreview }) {
  const label = (ns: string) => found.presets.find((p) => p.namespace === ns)?.label;
  const preset = (ns: string) =>
    label(ns) ? t('headerImportPresetLabel', ns, label(ns) as string) : t('headerImportPreset', ns);
  const s = found.skipped;
  const skips = [
    s.notDivert > 0 && t('headerSkipNotDivert', String(s.notDivert)),
    s.off > 0 && t('headerSkipOff', String(s.off)),
    ...s.badNamespaces.map((ns) => said(problem('headerSkipNamespace', ns, NAMESPACE_RULE))),
    ...s.filters.map((f) => said(problem('headerSkipFilter', f.filter, f.why))),
    s.more > 0 && t('headerSkipMore', String(s.more)),
    ...s.everyUrl.map((name) => t('headerSkipEveryUrl', name)),
    s.otherFilters > 0 && t('headerSkipOtherFilters', String(s.otherFilters)),
    s.otherRules > 0 && t('headerSkipOtherRules', String(s.otherRules)),
  ].filter((x): x is string => !!x);
  return (
    <>
      <ul>
        <li>{t('previewAdded', list([...preview.presets.added.map(preset), ...preview.domains.added]))}</li>
        {preview.presets.kept.length + preview.domains.kept.length > 0 && (
          <li>{t('previewKept', list([...preview.presets.kept.map(preset), ...preview.domains.kept]))}</li>
        )}
        {preview.activeNamespace && <li>{t('headerImportActive', preview.activeNamespace)}</li>}
      </ul>
      {skips.length > 0 && (
        <>
          <p>{t('headerImportSkipped')}</p>
          <ul class="skipped">
            {skips.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
