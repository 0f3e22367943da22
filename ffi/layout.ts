/**
 * C struct layouts for shared memory: declare a struct the way its C header
 * does, get C's offsets, size and alignment, and a view whose properties read
 * and write the shared bytes.
 *
 * ```ts
 * const stats = aligned(struct({ rx: array(u64, 32) }), 64); // __rte_cache_aligned
 * const info = struct({ num_ports: u16, id: array(u16, 32), stats: array(stats, 32) });
 * const v = memzone.view(info);
 * v.num_ports = 2; v.id[0] = 0; v.stats[1].rx[0] += 1n;
 * ```
 *
 * Scalars become read/write properties (64-bit ones as `bigint`), arrays of
 * scalars become typed arrays over the memory, arrays of structs become
 * arrays of views.
 *
 * @module
 */

/** Names of the scalar types. */
export type ScalarName = "u8" | "i8" | "u16" | "i16" | "u32" | "i32" | "u64" | "i64" | "f32" | "f64";

/** A C scalar type. */
export interface ScalarType<N extends ScalarName = ScalarName> {
  /** Discriminant. */
  readonly kind: "scalar";
  /** Type name. */
  readonly name: N;
  /** `sizeof` */
  readonly size: number;
  /** `_Alignof` */
  readonly align: number;
}

/** A C array `element[length]`. */
export interface ArrayType<E extends FieldType = FieldType> {
  /** Discriminant. */
  readonly kind: "array";
  /** Element type. */
  readonly element: E;
  /** Number of elements. */
  readonly length: number;
  /** `sizeof` */
  readonly size: number;
  /** `_Alignof` */
  readonly align: number;
}

/** Any type a struct field can have. */
export type FieldType = ScalarType | ArrayType | StructType;

/** The fields of a struct, in declaration order. */
export type Fields = Record<string, FieldType>;

/** A C struct. */
export interface StructType<F extends Fields = Fields> {
  /** Discriminant. */
  readonly kind: "struct";
  /** The fields, in declaration order. */
  readonly fields: F;
  /** Byte offset of each field (`offsetof`). */
  readonly offsets: { readonly [K in keyof F]: number };
  /** `sizeof` */
  readonly size: number;
  /** `_Alignof` */
  readonly align: number;
  /** A view of the struct at `offset` in `buffer`. */
  view(buffer: ArrayBufferLike, offset: number): StructView<StructType<F>>;
}

/** The typed array that holds an array of scalars of type N. */
export type TypedArrayOf<N extends ScalarName> = N extends "u8" ? Uint8Array
  : N extends "i8" ? Int8Array
  : N extends "u16" ? Uint16Array
  : N extends "i16" ? Int16Array
  : N extends "u32" ? Uint32Array
  : N extends "i32" ? Int32Array
  : N extends "u64" ? BigUint64Array
  : N extends "i64" ? BigInt64Array
  : N extends "f32" ? Float32Array
  : Float64Array;

/** What a field reads as in a view. */
export type FieldValue<T extends FieldType> = T extends ScalarType<infer N>
  ? (N extends "u64" | "i64" ? bigint : number)
  : T extends ArrayType<infer E>
    ? (E extends ScalarType<infer N> ? TypedArrayOf<N> : readonly FieldValue<E>[])
  : T extends StructType ? StructView<T>
  : never;

/** A view of a struct: scalar fields are read/write, the others are views. */
export type StructView<S extends StructType> = S extends StructType<infer F> ? (
    & { -readonly [K in keyof F as F[K] extends ScalarType ? K : never]: FieldValue<F[K]> }
    & { readonly [K in keyof F as F[K] extends ScalarType ? never : K]: FieldValue<F[K]> }
  )
  : never;

function scalar<N extends ScalarName>(name: N, size: number): ScalarType<N> {
  return { kind: "scalar", name, size, align: size };
}

/** `uint8_t` */
export const u8: ScalarType<"u8"> = scalar("u8", 1);
/** `int8_t` */
export const i8: ScalarType<"i8"> = scalar("i8", 1);
/** `uint16_t` */
export const u16: ScalarType<"u16"> = scalar("u16", 2);
/** `int16_t` */
export const i16: ScalarType<"i16"> = scalar("i16", 2);
/** `uint32_t` */
export const u32: ScalarType<"u32"> = scalar("u32", 4);
/** `int32_t` */
export const i32: ScalarType<"i32"> = scalar("i32", 4);
/** `uint64_t` */
export const u64: ScalarType<"u64"> = scalar("u64", 8);
/** `int64_t` */
export const i64: ScalarType<"i64"> = scalar("i64", 8);
/** `float` */
export const f32: ScalarType<"f32"> = scalar("f32", 4);
/** `double` */
export const f64: ScalarType<"f64"> = scalar("f64", 8);

const roundUp = (n: number, align: number) => Math.ceil(n / align) * align;

/** `element[length]` */
export function array<E extends FieldType>(element: E, length: number): ArrayType<E> {
  return { kind: "array", element, length, size: element.size * length, align: element.align };
}

/** The same type with a larger alignment, like `__rte_aligned(n)` / `__rte_cache_aligned`. */
export function aligned<T extends FieldType>(type: T, align: number): T {
  const a = Math.max(align, type.align);
  return { ...type, align: a, size: roundUp(type.size, a) };
}

const typedArrays = {
  u8: Uint8Array,
  i8: Int8Array,
  u16: Uint16Array,
  i16: Int16Array,
  u32: Uint32Array,
  i32: Int32Array,
  u64: BigUint64Array,
  i64: BigInt64Array,
  f32: Float32Array,
  f64: Float64Array,
} as const;

function defineScalar(target: object, key: string, dv: DataView, offset: number, name: ScalarName): void {
  const le = true;
  const accessors: Record<ScalarName, [() => number | bigint, (v: never) => void]> = {
    u8: [() => dv.getUint8(offset), (v: number) => dv.setUint8(offset, v)],
    i8: [() => dv.getInt8(offset), (v: number) => dv.setInt8(offset, v)],
    u16: [() => dv.getUint16(offset, le), (v: number) => dv.setUint16(offset, v, le)],
    i16: [() => dv.getInt16(offset, le), (v: number) => dv.setInt16(offset, v, le)],
    u32: [() => dv.getUint32(offset, le), (v: number) => dv.setUint32(offset, v, le)],
    i32: [() => dv.getInt32(offset, le), (v: number) => dv.setInt32(offset, v, le)],
    u64: [() => dv.getBigUint64(offset, le), (v: bigint) => dv.setBigUint64(offset, v, le)],
    i64: [() => dv.getBigInt64(offset, le), (v: bigint) => dv.setBigInt64(offset, v, le)],
    f32: [() => dv.getFloat32(offset, le), (v: number) => dv.setFloat32(offset, v, le)],
    f64: [() => dv.getFloat64(offset, le), (v: number) => dv.setFloat64(offset, v, le)],
  };
  const [get, set] = accessors[name];
  Object.defineProperty(target, key, { get, set, enumerable: true });
}

function valueOf(type: FieldType, buffer: ArrayBufferLike, offset: number): unknown {
  if (type.kind === "struct") return type.view(buffer, offset);
  if (type.kind === "array") {
    const e = type.element;
    if (e.kind === "scalar") return new typedArrays[e.name](buffer as ArrayBuffer, offset, type.length);
    return Array.from({ length: type.length }, (_, i) => valueOf(e, buffer, offset + i * e.size));
  }
  throw new TypeError("scalars are properties, not values");
}

/** A struct with C's layout rules (each field at its alignment, size a multiple of the largest). */
export function struct<F extends Fields>(fields: F): StructType<F> {
  const offsets: Record<string, number> = {};
  let size = 0;
  let align = 1;
  for (const [key, type] of Object.entries(fields)) {
    size = roundUp(size, type.align);
    offsets[key] = size;
    size += type.size;
    align = Math.max(align, type.align);
  }
  const self: StructType<F> = {
    kind: "struct",
    fields,
    offsets: offsets as StructType<F>["offsets"],
    size: roundUp(size, align),
    align,
    view(buffer, base) {
      if (base % align !== 0) {
        throw new RangeError(`struct view at offset ${base} is not ${align}-byte aligned`);
      }
      if (base + self.size > buffer.byteLength) {
        throw new RangeError(`struct view past the end of its memory`);
      }
      const dv = new DataView(buffer as ArrayBuffer);
      const view = {};
      for (const [key, type] of Object.entries(fields)) {
        const at = base + offsets[key];
        if (type.kind === "scalar") defineScalar(view, key, dv, at, type.name);
        else Object.defineProperty(view, key, { value: valueOf(type, buffer, at), enumerable: true });
      }
      return Object.seal(view) as StructView<StructType<F>>;
    },
  };
  return self;
}
