import { useMemo, useState } from 'preact/hooks';
import { type Comparison, compareChoice } from '../core/compare';
import type { Reply } from '../core/messages';
import { isGoing, type OktetoState } from '../core/okteto';
import { ownerOf } from '../core/okteto-instances';
import { filterLog, type LogFilter, type LoggedRequest, namespacesIn, replayable, rowVerdict } from '../core/request-log';
import { curlCommand } from '../core/share-link';
import { requestLogItem } from '../core/storage-items';
import { webHost } from '../core/url';
import { inspectedTabId } from '../platform/devtools';
import { send } from '../platform/messaging';
import { copy } from '../ui/copy';
import { whyMismatch } from '../ui/explain-mismatch';
import { t } from '../ui/i18n';
import { useExtensionState } from '../ui/use-settings';
import { useStored } from '../ui/use-stored';
import { ComparisonView } from './comparison';

/** The tab this panel is about: DevTools' inspected tab, or `?tab=<id>` (as the popup opens). */
function panelTab(): number | undefined {
  const param = new URLSearchParams(location.search).get('tab');
  return param !== null && /^\d+$/.test(param) ? Number(param) : inspectedTabId();
}

const NONE = 'none';
const sentText = (row: LoggedRequest) =>
  row.sent ?? (row.idle === 'paused' ? t('panelNonePaused') : row.idle === 'off' ? t('panelNoneOff') : t('panelNoneStripped'));

/** Why a row's namespaces differ, from what the popup already knows (the Okteto facts, else the usual causes). */
function explainRow(row: LoggedRequest, okteto: OktetoState | undefined): string[] {
  const expected = row.expected;
  if (expected !== undefined && row.sent !== expected)
    return [row.sent ? t('panelHeaderChanged', row.sent, expected) : t('panelHeaderStripped', expected)];
  const ns = row.sent ?? '';
  const status = okteto?.statuses?.[ns];
  if (status === 'Sleeping') return [t('panelSleeping', ns)];
  if (isGoing(status)) return [t('goingShort', ns)];
  return whyMismatch(okteto, { host: webHost(row.url), served: row.served }, ns, 'request');
}

export function Panel() {
  const [tabId] = useState(panelTab);
  const stored = useStored(tabId === undefined ? undefined : requestLogItem(tabId));
  const log = stored ?? [];
  const { settings, oktetos: instances } = useExtensionState();
  const [filter, setFilter] = useState<LogFilter>({});
  const [chosen, setChosen] = useState<string>();
  const [withCookies, setWithCookies] = useState(false);
  const [comparison, setComparison] = useState<{ busy?: string; result?: Comparison; error?: string }>({});
  const [copied, setCopied] = useState<string>();

  // The facts of the instance that owns the tab's site (its newest request's host).
  const okteto = ownerOf(instances, webHost(log[0]?.url));
  const known = useMemo(() => namespacesIn(log), [log]);
  const { targets: others, against } = compareChoice(settings, okteto?.namespaces ?? [], log, chosen);
  const rows = filterLog(log, filter);

  /** `target` null: "Compare without divert". */
  const compare = async (row: LoggedRequest, target: string | null) => {
    if (tabId === undefined) return;
    setComparison({ busy: row.id });
    const reply = (await send<Comparison>({
      type: 'compareRequest',
      tabId,
      requestId: row.id,
      against: target,
      withCookies,
    })) as Reply<Comparison>;
    setComparison(reply.ok ? { result: reply.value } : { error: reply.error });
  };
  const copyThen = (text: string, said: string) => void copy(text).then((ok) => setCopied(ok ? said : t('copyFailed')));

  if (tabId === undefined)
    return (
      <p class="panel-empty" aria-busy="false">
        {t('panelNoTab')}
      </p>
    );
  return (
    <div class="panel" aria-busy={stored === undefined ? 'true' : 'false'}>
      <header>
        <h1>{t('panelTitle')}</h1>
        <label>
          {t('panelFilterNamespace')}{' '}
          <select
            aria-label={t('panelFilterNamespace')}
            value={filter.namespace ?? ''}
            onChange={(e) => setFilter({ ...filter, namespace: e.currentTarget.value || undefined })}
          >
            <option value="">{t('panelAll')}</option>
            {[...known, ...(log.some((r) => r.sent === undefined) ? [NONE] : [])].map((ns) => (
              <option key={ns} value={ns}>
                {ns === NONE ? t('panelNone') : ns}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={!!filter.mismatchesOnly}
            onChange={(e) => setFilter({ ...filter, mismatchesOnly: e.currentTarget.checked })}
          />{' '}
          {t('panelMismatchesOnly')}
        </label>
        {others.length > 0 && (
          <label>
            {t('panelCompareAgainst')}{' '}
            <select aria-label={t('panelCompareAgainst')} value={against} onChange={(e) => setChosen(e.currentTarget.value)}>
              {others.map((ns) => (
                <option key={ns} value={ns}>
                  {ns}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <input type="checkbox" checked={withCookies} onChange={(e) => setWithCookies(e.currentTarget.checked)} />{' '}
          {t('panelWithCookies')}
        </label>
      </header>
      {copied && (
        <p role="status" class="muted">
          {copied}
        </p>
      )}
      {log.length === 0 ? (
        <p class="muted">{t('panelEmpty')}</p>
      ) : (
        <table aria-label={t('panelRequests')}>
          <thead>
            <tr>
              <th scope="col">{t('panelMethod')}</th>
              <th scope="col">{t('panelUrl')}</th>
              <th scope="col">{t('panelType')}</th>
              <th scope="col">{t('panelSent')}</th>
              <th scope="col">{t('panelServed')}</th>
              <th scope="col">{t('panelStatus')}</th>
              <th scope="col">{t('panelTime')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('panelActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <Row
                key={row.id}
                row={row}
                okteto={okteto}
                against={against}
                busy={comparison.busy === row.id}
                onCompare={(target) => void compare(row, target)}
                onCopy={(text, said) => copyThen(text, said)}
              />
            ))}
          </tbody>
        </table>
      )}
      {(comparison.result || comparison.error || comparison.busy) && (
        <section class="comparison" aria-label={t('panelComparison')}>
          {comparison.busy && <p class="muted">{t('panelComparing')}</p>}
          {comparison.error && (
            <p role="alert" class="error">
              {comparison.error}
            </p>
          )}
          {comparison.result && <ComparisonView comparison={comparison.result} />}
        </section>
      )}
    </div>
  );
}

function Row(p: {
  row: LoggedRequest;
  okteto: OktetoState | undefined;
  against: string | undefined;
  busy: boolean;
  onCompare: (target: string | null) => void;
  onCopy: (text: string, said: string) => void;
}) {
  const { row } = p;
  const verdict = rowVerdict(row);
  const ns = row.sent ?? row.expected;
  return (
    <tr class={`row-${verdict}`}>
      <td>{row.method}</td>
      <td class="url">
        <span title={row.url}>{row.url}</span>
        {verdict === 'mismatch' && (
          <ul class="why" aria-label={t('panelWhy')}>
            {explainRow(row, p.okteto).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </td>
      <td>{row.type}</td>
      <td>{sentText(row)}</td>
      <td>
        {verdict === 'mismatch' && <span class="mark">{t('panelMismatchMark')} </span>}
        {row.cached ? t('panelCached') : (row.served ?? '—')}
        {row.source === 'probe' && <span class="muted"> {t('panelByProbe')}</span>}
      </td>
      <td>{row.error ?? row.status ?? '…'}</td>
      <td>{row.ms === undefined ? '…' : `${row.ms} ms`}</td>
      <td class="actions">
        {ns && (
          <button type="button" onClick={() => p.onCopy(curlCommand(row.url, ns, row.method), t('curlCopied'))}>
            {t('copyAsCurl')}
          </button>
        )}
        {ns && replayable(row) && (
          <button type="button" disabled={p.busy} onClick={() => p.onCompare(null)}>
            {t('panelCompareWithout')}
          </button>
        )}
        {ns && p.against && replayable(row) && (
          <button type="button" disabled={p.busy} onClick={() => p.onCompare(p.against ?? null)}>
            {t('panelCompareWith', p.against)}
          </button>
        )}
        {ns && p.against && !replayable(row) && (
          <button
            type="button"
            onClick={() =>
              p.onCopy(
                `${curlCommand(row.url, ns, row.method)}\n${curlCommand(row.url, p.against ?? '', row.method)}`,
                t('curlBothCopied'),
              )
            }
          >
            {t('panelCopyBoth')}
          </button>
        )}
      </td>
    </tr>
  );
}
