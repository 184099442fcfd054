// Draws the toolbar icons (a path that forks: the request leaving staging for your namespace)
// into public/icons as PNG, so no image tool is needed. Run: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const segDist = (px, py, [ax, ay, bx, by]) => {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
};
const inRoundRect = (x, y, r) => {
  const cx = Math.min(Math.max(x, r), 1 - r),
    cy = Math.min(Math.max(y, r), 1 - r);
  return Math.hypot(x - cx, y - cy) <= r;
};

// Unit-square geometry: the trunk and the branch that stays (staging), the branch that diverts.
const trunk = [[0.5, 0.86, 0.5, 0.52]];
const stay = [[0.5, 0.52, 0.3, 0.2]];
const divert = [[0.5, 0.52, 0.72, 0.2]];

function draw(size, { bg, line, accent }) {
  const rgba = Buffer.alloc(size * size * 4);
  const ss = 4; // supersampling for smooth edges
  const w = size <= 16 ? 0.11 : 0.085;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const px = (x + (sx + 0.5) / ss) / size,
            py = (y + (sy + 0.5) / ss) / size;
          if (!inRoundRect(px, py, 0.22)) continue;
          let c = bg;
          if (stay.some((s) => segDist(px, py, s) < w / 1.3) || trunk.some((s) => segDist(px, py, s) < w)) c = line;
          if (divert.some((s) => segDist(px, py, s) < w) || Math.hypot(px - 0.72, py - 0.2) < w * 1.5) c = accent;
          for (let i = 0; i < 3; i++) acc[i] += c[i];
          acc[3] += 255;
        }
      }
      const n = ss * ss,
        o = (y * size + x) * 4;
      const a = acc[3] / n;
      rgba[o] = a ? acc[0] / (acc[3] / 255) : 0;
      rgba[o + 1] = a ? acc[1] / (acc[3] / 255) : 0;
      rgba[o + 2] = a ? acc[2] / (acc[3] / 255) : 0;
      rgba[o + 3] = a;
    }
  }
  return png(size, rgba);
}

const looks = {
  icon: { bg: [55, 65, 81], line: [156, 163, 175], accent: [229, 231, 235] },
  'icon-on': { bg: [13, 110, 92], line: [134, 199, 184], accent: [255, 255, 255] },
};
for (const [name, look] of Object.entries(looks)) {
  for (const size of [16, 32, 48, 128]) writeFileSync(`public/icons/${name}-${size}.png`, draw(size, look));
}
console.log('icons written to public/icons');
