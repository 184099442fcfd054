import type { FunctionComponent } from 'preact';
import { useState } from 'preact/hooks';
import { deviceUrl } from '../core/another-device';
import type { OktetoState } from '../core/okteto';
import { ensurePublicSuffixList } from '../platform/psl';
import { t } from '../ui/i18n';

type Qr = FunctionComponent<{ text: string }>;

/**
 * "Open on another device": the page's address for a phone, a tablet or Safari (no baggage in
 * its rules), as text and as a QR code, saying whether it needs Divert Switch there.
 */
export function AnotherDevice({ url, namespace, okteto }: { url: string; namespace: string; okteto?: OktetoState }) {
  const [open, setOpen] = useState(false);
  const [Qr, setQr] = useState<Qr>();
  const show = () => {
    setOpen(!open);
    // The encoder is a chunk of its own, fetched from the extension on the first click, with the
    // public suffix list that checks an endpoint is beside the page (without it: the share link).
    if (!Qr)
      void Promise.all([import('./qr-code'), ensurePublicSuffixList().catch(() => undefined)]).then(([m]) =>
        setQr(() => m.QrCode),
      );
  };
  const device = Qr && deviceUrl(url, namespace, okteto);
  return (
    <>
      <button type="button" aria-expanded={open} aria-controls="another-device" onClick={show}>
        {t('openOnAnotherDevice')}
      </button>
      {open && device && (
        <section id="another-device" class="device" aria-label={t('anotherDevice')}>
          <p class="muted device-text">
            {device.kind === 'endpoint' ? t('deviceEndpoint', device.service, namespace) : t('deviceShareLink', namespace)}
          </p>
          <p class="device-text device-url">
            <code>{device.url}</code>
          </p>
          <Qr text={device.url} />
        </section>
      )}
    </>
  );
}
