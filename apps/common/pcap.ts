/**
 * pcap files for net_pcap ports (the demo, the tests, the benchmarks): write Ethernet frames (microsecond timestamps),
 * read them back (microsecond or nanosecond files, as net_pcap writes), and
 * make test frames. Comparisons use the frames' bytes only: timestamps in
 * files written by net_pcap differ from run to run.
 */

const LINKTYPE_ETHERNET = 1;
const MAGIC_US = 0xa1b2c3d4;
const MAGIC_NS = 0xa1b23c4d;

/** A pcap file's bytes: the 24-byte file header, then one record per frame. */
export function encodePcap(frames: readonly Uint8Array[]): Uint8Array {
  const size = 24 + frames.reduce((n, f) => n + 16 + f.length, 0);
  const bytes = new Uint8Array(size);
  const dv = new DataView(bytes.buffer);
  dv.setUint32(0, MAGIC_US, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  dv.setUint32(16, 65535, true);
  dv.setUint32(20, LINKTYPE_ETHERNET, true);
  let at = 24;
  frames.forEach((f, i) => {
    dv.setUint32(at, 1700000000 + Math.floor(i / 1000), true);
    dv.setUint32(at + 4, (i % 1000) * 1000, true);
    dv.setUint32(at + 8, f.length, true);
    dv.setUint32(at + 12, f.length, true);
    bytes.set(f, at + 16);
    at += 16 + f.length;
  });
  return bytes;
}

/** Writes `frames` to a pcap file. */
export function writePcap(path: string, frames: readonly Uint8Array[]): void {
  Deno.writeFileSync(path, encodePcap(frames));
}

/** The frames of a pcap file (little-endian, micro- or nanosecond). */
export function readPcap(path: string): Uint8Array[] {
  const bytes = Deno.readFileSync(path);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = dv.getUint32(0, true);
  if (magic !== MAGIC_US && magic !== MAGIC_NS) throw new Error(`${path} is not a little-endian pcap file`);
  if (dv.getUint32(20, true) !== LINKTYPE_ETHERNET) throw new Error(`${path} is not an Ethernet capture`);
  const frames: Uint8Array[] = [];
  let at = 24;
  while (at + 16 <= bytes.length) {
    const len = dv.getUint32(at + 8, true);
    frames.push(bytes.slice(at + 16, at + 16 + len));
    at += 16 + len;
  }
  if (at !== bytes.length) throw new Error(`${path} ends inside a record`);
  return frames;
}

/**
 * `count` test frames from input port `port`, their lengths taken in turn
 * from `lengths` (default 60, 60, 1514), IPv4 ether type, distinct MACs and
 * a payload that names port and index.
 */
export function makeFrames(
  port: number,
  count: number,
  lengths: readonly number[] = [60, 60, 1514],
): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const len = lengths[i % lengths.length];
    const f = new Uint8Array(len);
    f.set([0x10, 0x22, 0x33, 0x44, port, i & 0xff], 0); // dst
    f.set([0x20, 0xaa, 0xbb, 0xcc, port, (i >> 8) & 0xff], 6); // src
    f[12] = 0x08;
    f[13] = 0x00;
    for (let k = 14; k < len; k++) f[k] = (k * 7 + i * 13 + port * 101) & 0xff;
    new DataView(f.buffer).setUint32(14, i);
    f[18] = port;
    frames.push(f);
  }
  return frames;
}
