/**
 * C strings: encoding for calls, decoding of returned `char *`.
 *
 * @module
 */

const encoder = new TextEncoder();

/** A NUL-terminated UTF-8 copy of `s`, for a `buffer` parameter. */
export function cstr(s: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(encoder.encode(s).length + 1);
  encoder.encodeInto(s, bytes);
  return bytes;
}

/** The string at a `char *`, or "" for NULL. */
export function readCString(p: Deno.PointerValue): string {
  return p === null ? "" : Deno.UnsafePointerView.getCString(p);
}

/** UTF-8 length of `s` in bytes. */
export function byteLength(s: string): number {
  return encoder.encode(s).length;
}
