/**
 * The live-or-freed state of one DPDK object (ring, mempool, memzone),
 * shared by every wrapper of it in this thread: `Ring.lookup` twice gives
 * two objects, and `free()` through either makes both refuse further use.
 *
 * @module
 */

/** One object's pointer, or null once freed, and the views over its memory. */
export interface Handle {
  /** The object's address while it lives, null after `free()`. */
  pointer: Deno.PointerObject | null;
  /** Views over the object's memory (made once, shared by its wrappers); detached by {@link release}. */
  views?: ArrayBuffer[];
}

const live = new Map<number | bigint, Handle>();

/** The shared handle of the object at `pointer`. */
export function handleOf(pointer: Deno.PointerObject): Handle {
  const key = Deno.UnsafePointer.value(pointer);
  let handle = live.get(key);
  if (!handle) {
    handle = { pointer };
    live.set(key, handle);
  }
  return handle;
}

/** Marks the object freed for every wrapper of it, and detaches its views (a new object at the same address gets a new handle). */
export function release(handle: Handle): void {
  if (handle.pointer !== null) live.delete(Deno.UnsafePointer.value(handle.pointer));
  handle.pointer = null;
  for (const view of handle.views ?? []) view.transfer(0);
}
