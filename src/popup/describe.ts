import { t } from '../ui/i18n';

export interface StatusInput {
  host?: string;
  paused: boolean;
  diverted: boolean;
  /** How the covering entry is shown: the host itself or *.domain. */
  where?: string;
  namespace: string;
  granted: boolean;
  pinned: boolean;
}

/** One sentence that says what happens to this tab's requests. */
export function describe(s: StatusInput): string {
  if (!s.host) return t('statusNoTab');
  if (s.paused) return t('statusPaused');
  if (!s.diverted || !s.where) return t('statusOff', s.host);
  if (s.namespace === '') return t('statusNoNamespace');
  if (!s.granted) return t('statusNoAccess', s.where);
  return t(s.pinned ? 'statusOnPinned' : 'statusOn', s.where, s.namespace);
}
