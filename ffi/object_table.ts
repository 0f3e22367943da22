/**
 * A table of object pointers (`void *obj_table[]`) in memory that C reads
 * and writes directly: ring and mempool bursts fill it, TypeScript reads the
 * addresses as plain numbers (never BigInt), so a burst costs one FFI call.
 *
 * @module
 */

const TWO_32 = 4294967296;

/** A fixed-size `void *[capacity]` shared with C. */
export class ObjectTable {
  /** Number of slots. */
  readonly capacity: number;
  /** The table's address, for FFI `pointer` parameters. */
  readonly pointer: Deno.PointerObject;
  /** The slots as 32-bit words: slot i is words[2i] (low) and words[2i+1] (high). */
  readonly words: Uint32Array<ArrayBuffer>;

  /** A zeroed table of `capacity` pointer slots. */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`bad table capacity ${capacity}`);
    this.capacity = capacity;
    this.words = new Uint32Array(capacity * 2);
    this.pointer = Deno.UnsafePointer.of(this.words)!;
  }

  /** The address in slot i, as a number (addresses fit in 53 bits). */
  get(i: number): number {
    return this.words[2 * i] + this.words[2 * i + 1] * TWO_32;
  }

  /** Stores an address (a number) in slot i. */
  set(i: number, address: number): void {
    this.words[2 * i] = address >>> 0;
    this.words[2 * i + 1] = Math.floor(address / TWO_32);
  }
}
