/**
 * Ethernet (MAC) addresses, and the precomputed 32-bit words that rewrite a
 * frame's destination and source addresses with three stores.
 *
 * @module
 */
import { UsageError } from "./errors.ts";

/** A 48-bit Ethernet address. */
export class MacAddress {
  /** The six bytes, in wire order. */
  readonly bytes: Uint8Array<ArrayBuffer>;

  /** An address from its six bytes (copied). */
  constructor(bytes: ArrayLike<number>) {
    if (bytes.length !== 6) throw new UsageError(`a MAC address has 6 bytes, not ${bytes.length}`);
    this.bytes = Uint8Array.from(bytes);
  }

  /** Parses `02:00:00:00:00:01` (or with `-`). @throws {UsageError} */
  static parse(text: string): MacAddress {
    const parts = text.split(/[:-]/);
    if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{1,2}$/.test(p))) {
      throw new UsageError(`invalid MAC address '${text}'`);
    }
    return new MacAddress(parts.map((p) => parseInt(p, 16)));
  }

  /** The address whose bytes are the 48-bit number `value`, most significant byte first. */
  static fromNumber(value: number): MacAddress {
    const bytes = new Array<number>(6);
    for (let i = 5; i >= 0; i--) {
      bytes[i] = value % 256;
      value = Math.floor(value / 256);
    }
    return new MacAddress(bytes);
  }

  /** The address as a 48-bit number, first byte most significant. */
  get value(): number {
    let v = 0;
    for (const b of this.bytes) v = v * 256 + b;
    return v;
  }

  /** `AA:BB:CC:DD:EE:FF`, as DPDK's `RTE_ETHER_ADDR_PRT_FMT` prints it. */
  toString(): string {
    return Array.from(this.bytes, (b) => b.toString(16).toUpperCase().padStart(2, "0")).join(":");
  }
}

/**
 * The first 12 bytes of an Ethernet header (destination, then source
 * address) as little-endian words, computed once and stored into a packet
 * with two or three typed-array stores by `PacketBurst.setAddresses`.
 */
export class EtherAddresses {
  /** Destination bytes 0-3. */
  readonly word0: number;
  /** Destination bytes 4-5 and source bytes 0-1. */
  readonly word1: number;
  /** Source bytes 2-5. */
  readonly word2: number;
  /** Bytes 0-7 (destination, source bytes 0-1) as one little-endian 64-bit value. */
  readonly quad0: bigint;
  /** Bytes 8-11 as a signed 32-bit value (stores into a `Uint32Array` without conversion). */
  readonly word2i: number;
  /** The destination address. */
  readonly dst: MacAddress;
  /** The source address. */
  readonly src: MacAddress;

  /** The words for `dst` and `src`. */
  constructor(dst: MacAddress, src: MacAddress) {
    this.dst = dst;
    this.src = src;
    const h = new Uint8Array(12);
    h.set(dst.bytes, 0);
    h.set(src.bytes, 6);
    const w = new Uint32Array(h.buffer);
    this.word0 = w[0];
    this.word1 = w[1];
    this.word2 = w[2];
    this.quad0 = new BigUint64Array(h.buffer, 0, 1)[0];
    this.word2i = w[2] | 0;
  }
}
