import { encode } from 'uqr';
import { t } from '../ui/i18n';

/**
 * A QR code drawn as SVG elements by Preact (the CSP allows no innerHTML and no remote image):
 * the text never leaves the machine. Loaded on demand, so the popup's first paint does not carry
 * the encoder. Dark modules black on white, whatever the theme, with a quiet zone a camera needs.
 */
export function QrCode({ text }: { text: string }) {
  let qr: ReturnType<typeof encode>;
  try {
    qr = encode(text, { ecc: 'M', border: 3 });
  } catch {
    return <p class="attention">{t('qrTooLong')}</p>;
  }
  let d = '';
  qr.data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  return (
    <svg
      class="qr"
      role="img"
      aria-label={t('qrCodeFor', text)}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      shape-rendering="crispEdges"
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
