/**
 * Build-time constants of Debian's DPDK 22.11 (`rte_build_config.h`) and
 * values of its public enums that the API uses.
 *
 * @module
 */

/** `RTE_MAX_LCORE` */
export const RTE_MAX_LCORE = 128;
/** `RTE_MAX_ETHPORTS` */
export const RTE_MAX_ETHPORTS = 32;
/** `RTE_CACHE_LINE_SIZE` */
export const RTE_CACHE_LINE_SIZE = 64;
/** `SOCKET_ID_ANY` */
export const SOCKET_ID_ANY: number = -1;
/** `RTE_RING_NAMESIZE` less the NUL byte. */
export const RTE_NAME_MAX = 31;

/** `RING_F_SP_ENQ`: single-producer enqueue. */
export const RING_F_SP_ENQ = 0x1;
/** `RING_F_SC_DEQ`: single-consumer dequeue. */
export const RING_F_SC_DEQ = 0x2;
/** `RING_F_EXACT_SZ`: the ring holds exactly the requested count. */
export const RING_F_EXACT_SZ = 0x4;

/** `enum rte_proc_type_t` values. */
export const RTE_PROC_PRIMARY = 0;
/** `RTE_PROC_SECONDARY` */
export const RTE_PROC_SECONDARY = 1;
