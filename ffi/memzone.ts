/**
 * `rte_memzone`: named ranges of shared memory, read and written through
 * typed views whose layout matches a C struct (see `layout.ts`).
 *
 * @module
 */
import { SOCKET_ID_ANY } from "./constants.ts";
import { cstr } from "./cstring.ts";
import { ObjectError, UseAfterFreeError } from "./errors.ts";
import { ffi } from "./library.ts";
import { checkName, lastError } from "./naming.ts";
import { type Handle, handleOf, release } from "./handle.ts";
import type { Fields, StructType, StructView } from "./layout.ts";

/** How a memzone is reserved. */
export interface MemzoneOptions {
  /** NUMA socket; default any. */
  socketId?: number;
  /** `RTE_MEMZONE_*` flags. Default 0. */
  flags?: number;
}

/** A named `rte_memzone`. */
export class Memzone {
  /** The memzone's name, shared by the process group. */
  readonly name: string;
  /** Virtual address of the zone (the same in every process of the group). */
  readonly address: number;
  /** Length in bytes. */
  readonly length: number;
  readonly #handle: Handle;

  private constructor(name: string, mz: Deno.PointerObject) {
    this.name = name;
    this.#handle = handleOf(mz);
    const addr = ffi.shim_memzone_addr(mz)!;
    this.address = Number(Deno.UnsafePointer.value(addr));
    this.length = Number(ffi.shim_memzone_len(mz));
    this.#handle.views ??= [Deno.UnsafePointerView.getArrayBuffer(addr, this.length)];
  }

  /** `rte_memzone_reserve`. @throws {ObjectError} */
  static reserve(name: string, length: number, options: MemzoneOptions = {}): Memzone {
    checkName("memzone", name);
    const p = ffi.rte_memzone_reserve(
      cstr(name),
      BigInt(length),
      options.socketId ?? SOCKET_ID_ANY,
      options.flags ?? 0,
    );
    if (p === null) {
      throw new ObjectError(`cannot reserve memzone '${name}': ${lastError()}`, { errno: ffi.shim_errno() });
    }
    return new Memzone(name, p);
  }

  /** `rte_memzone_lookup`. @throws {ObjectError} if there is none. */
  static lookup(name: string): Memzone {
    const p = ffi.rte_memzone_lookup(cstr(name));
    if (p === null) throw new ObjectError(`cannot find memzone '${name}'`, { errno: ffi.shim_errno() });
    return new Memzone(name, p);
  }

  /** The zone's bytes. @throws {UseAfterFreeError} after {@link free}. */
  get bytes(): Uint8Array<ArrayBuffer> {
    if (this.#handle.pointer === null) {
      throw new UseAfterFreeError(`memzone '${this.name}' used after free()`);
    }
    return new Uint8Array(this.#handle.views![0]);
  }

  /** A view of the zone laid out as `type` (which must fit). */
  view<F extends Fields>(type: StructType<F>): StructView<StructType<F>> {
    if (type.size > this.length) {
      throw new RangeError(`memzone '${this.name}' has ${this.length} bytes, the struct needs ${type.size}`);
    }
    return type.view(this.bytes.buffer, 0);
  }

  /** `rte_memzone_free`; detaches the views (of every `Memzone` object of this zone in this thread). */
  free(): void {
    const mz = this.#handle.pointer;
    if (mz === null) throw new UseAfterFreeError(`memzone '${this.name}' used after free()`);
    ffi.rte_memzone_free(mz);
    release(this.#handle);
  }
}
