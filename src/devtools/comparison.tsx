import { useMemo } from 'preact/hooks';
import type { CompareAnswer, Comparison } from '../core/compare';
import { t } from '../ui/i18n';
import { type BodyDiff, diffAnswers, sameAnswer } from './diff';
import { JSON_LIMITS } from './json-diff';

const shown = (value: string | undefined) => value ?? '—';
/** An answer's side named: its namespace, or "without divert" (no okteto-divert member sent). */
const named = (a: CompareAnswer) => ({
  ...a,
  asked: a.namespace !== undefined,
  namespace: a.namespace ?? t('panelWithoutDivertSide'),
});

/**
 * The diff of one comparison, made once: the panel renders again on every request the tab logs,
 * and the panel shares its thread with other extension pages (and, in Firefox, with the background
 * and its blocking listener). Each run is timed as `divert-switch:diff` (the e2e and bench read it).
 */
function useDiff(c: Comparison) {
  return useMemo(() => {
    if (c.ours.error !== undefined || c.theirs.error !== undefined) return undefined;
    const start = performance.now();
    const diff = diffAnswers(c.ours, c.theirs, c.servedHeader);
    performance.measure('divert-switch:diff', { start });
    return diff;
  }, [c]);
}

/** Two answers to the same request, side by side: status, served-by, and only what differs. */
export function ComparisonView({ comparison: c }: { comparison: Comparison }) {
  const [ours, theirs] = [named(c.ours), named(c.theirs)];
  const diff = useDiff(c);
  return (
    <>
      <h2>{t('panelComparisonOf', c.method, c.url)}</h2>
      <p class="muted">{c.withCookies ? t('panelSentWithCookies') : t('panelSentWithoutCookies')}</p>
      <table class="sides">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{ours.namespace}</th>
            <th scope="col">{theirs.namespace}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('panelStatus')}</th>
            <td>{side(ours)}</td>
            <td>{side(theirs)}</td>
          </tr>
          <tr>
            <th scope="row">{t('panelServed')}</th>
            <td>{ours.served ?? '—'}</td>
            <td>{theirs.served ?? '—'}</td>
          </tr>
        </tbody>
      </table>
      {[ours, theirs]
        .filter((a) => a.asked && a.served !== undefined && a.served !== a.namespace)
        .map((a) => (
          <p key={a.namespace} class="attention">
            {t('panelAnsweredBy', a.namespace, a.served ?? '')}
          </p>
        ))}
      {diff && sameAnswer(diff) && <p class="muted">{t('panelSame', ours.namespace, theirs.namespace)}</p>}
      {diff && diff.headers.length > 0 && (
        <>
          <h3>{t('panelHeadersDiffer')}</h3>
          <table class="sides">
            <tbody>
              {diff.headers.map(([name, a, b]) => (
                <tr key={name}>
                  <th scope="row">
                    <code>{name}</code>
                  </th>
                  <td>{a ?? '—'}</td>
                  <td>{b ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {diff && <Body body={diff.body} ours={ours.namespace} theirs={theirs.namespace} />}
    </>
  );
}

const side = (a: CompareAnswer) => a.error ?? String(a.status);

function Body({ body, ours, theirs }: { body: BodyDiff; ours: string; theirs: string }) {
  if (body.kind === 'same') return null;
  if (body.kind === 'missing') return <p class="muted">{body.why === 'too-large' ? t('panelBodyTooLarge') : t('panelNoBody')}</p>;
  if (body.kind === 'json')
    return (
      <>
        <h3>{t('panelJsonDiffers')}</h3>
        {body.changes.length > 0 && (
          <ul class="changes" aria-label={t('panelDifferences')}>
            {body.changes.map((c, i) => (
              <li key={i} class={`op-${c.op}`}>
                {c.op === 'added'
                  ? t('panelAdded', c.path, shown(c.ours), ours)
                  : c.op === 'removed'
                    ? t('panelRemoved', c.path, shown(c.theirs), theirs)
                    : t('panelChanged', c.path, shown(c.ours), shown(c.theirs))}
              </li>
            ))}
          </ul>
        )}
        {body.more > 0 && <p class="muted">{t('panelMoreChanges', String(body.more))}</p>}
        {body.namesNamespace.length > 0 && <p class="muted">{t('panelNamesNamespace', body.namesNamespace.join(', '))}</p>}
        {body.depthCut && (
          <p class="attention" role="note">
            {t('panelJsonDepthCut', String(JSON_LIMITS.depth))}
          </p>
        )}
      </>
    );
  return (
    <>
      <h3>{t('panelTextDiffers', ours, theirs)}</h3>
      {body.cut && (
        <p class="attention" role="note">
          {t('panelTextCut', theirs, ours)}
        </p>
      )}
      <pre class="lines">
        {body.lines.map((l, i) => (
          <div key={i} class={l.op === '+' ? 'op-added' : 'op-removed'}>
            {`${l.op} ${l.text}`}
          </div>
        ))}
        {body.more > 0 && <div class="muted">{t('panelMoreLines', String(body.more))}</div>}
      </pre>
    </>
  );
}
