/**
 * Test helper: gives a HEIF file an ICC colour profile (a `colr` property of
 * type `prof`, ISO/IEC 23008-12 6.5.5) on its primary item, the way iPhones
 * store Display P3. The old `meta` box becomes a `free` box of the same size
 * and the edited `meta` goes to the end, so no `iloc` offset moves.
 */
interface Box {
  type: string;
  start: number;
  size: number;
  header: number;
}

function children(b: Buffer, from: number, to: number): Box[] {
  const out: Box[] = [];
  for (let off = from; off + 8 <= to; ) {
    let size = b.readUInt32BE(off);
    let header = 8;
    if (size === 1) {
      size = Number(b.readBigUInt64BE(off + 8));
      header = 16;
    } else if (size === 0) size = to - off;
    out.push({ type: b.toString('latin1', off + 4, off + 8), start: off, size, header });
    off += size;
  }
  return out;
}

function box(type: string, body: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(8 + body.length, 0);
  h.write(type, 4, 'latin1');
  return Buffer.concat([h, body]);
}

const bytes = (b: Buffer, x: Box) => b.subarray(x.start, x.start + x.size);
const body = (b: Buffer, x: Box) => b.subarray(x.start + x.header, x.start + x.size);

export function addIccProfile(file: Buffer, icc: Buffer): Buffer {
  const top = children(file, 0, file.length);
  const meta = top.find((x) => x.type === 'meta');
  if (!meta) throw new Error('no meta box');
  const metaKids = children(file, meta.start + meta.header + 4, meta.start + meta.size);
  const pitm = metaKids.find((x) => x.type === 'pitm')!;
  const pitmVersion = file[pitm.start + 8];
  const primary = pitmVersion === 0 ? file.readUInt16BE(pitm.start + 12) : file.readUInt32BE(pitm.start + 12);
  const iprp = metaKids.find((x) => x.type === 'iprp')!;
  const iprpKids = children(file, iprp.start + 8, iprp.start + iprp.size);
  const ipco = iprpKids.find((x) => x.type === 'ipco')!;
  const ipma = iprpKids.find((x) => x.type === 'ipma')!;
  const props = children(file, ipco.start + 8, ipco.start + ipco.size);
  const colr = box('colr', Buffer.concat([Buffer.from('prof', 'latin1'), icc]));
  const newIpco = box('ipco', Buffer.concat([body(file, ipco), colr]));
  const index = props.length + 1;

  const m = body(file, ipma);
  const version = m[0];
  const wide = (m.readUInt32BE(0) & 1) === 1;
  const count = m.readUInt32BE(4);
  const parts: Buffer[] = [m.subarray(0, 8)];
  let p = 8;
  for (let i = 0; i < count; i++) {
    const idLen = version < 1 ? 2 : 4;
    const id = idLen === 2 ? m.readUInt16BE(p) : m.readUInt32BE(p);
    const n = m[p + idLen];
    const assocLen = n * (wide ? 2 : 1);
    const entryEnd = p + idLen + 1 + assocLen;
    if (id === primary) {
      const head = Buffer.from(m.subarray(p, p + idLen + 1));
      head[idLen] = n + 1;
      const extra = Buffer.alloc(wide ? 2 : 1);
      if (wide) extra.writeUInt16BE(index, 0);
      else extra[0] = index;
      parts.push(head, m.subarray(p + idLen + 1, entryEnd), extra);
    } else parts.push(m.subarray(p, entryEnd));
    p = entryEnd;
  }
  const newIpma = box('ipma', Buffer.concat(parts));
  const newIprp = box('iprp', Buffer.concat(iprpKids.map((k) => (k === ipco ? newIpco : k === ipma ? newIpma : bytes(file, k)))));
  const newMeta = box('meta', Buffer.concat([file.subarray(meta.start + meta.header, meta.start + meta.header + 4), ...metaKids.map((k) => (k === iprp ? newIprp : bytes(file, k)))]));
  const out = Buffer.from(file);
  out.write('free', meta.start + 4, 'latin1');
  return Buffer.concat([out, newMeta]);
}
