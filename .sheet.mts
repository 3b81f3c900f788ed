import sharp from 'sharp';
const [variant, size, ...temps] = process.argv.slice(2);
const W = 400;
const imgs = await Promise.all(temps.map((t) => sharp(`/tmp/cards/${variant}-${t}-${size}.png`).resize(W).png().toBuffer({ resolveWithObject: true })));
const H = Math.max(...imgs.map((i) => i.info.height));
await sharp({ create: { width: W * imgs.length + 10 * (imgs.length - 1), height: H, channels: 3, background: '#888' } })
  .composite(imgs.map((i, k) => ({ input: i.data, left: k * (W + 10), top: 0 })))
  .png().toFile(`/tmp/cards/sheet-${variant}-${size}-${temps[0]}.png`);
