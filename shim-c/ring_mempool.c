/* Exported wrappers for DPDK's inline ring, mempool and memzone functions.
 * Object tables are arrays of pointers owned by the caller. */
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include "shim.h"

uint32_t shim_ring_enqueue_burst(void *ring, void *table, uint32_t n)
{
	return rte_ring_enqueue_burst(ring, table, n, NULL);
}

uint32_t shim_ring_dequeue_burst(void *ring, void *table, uint32_t n)
{
	return rte_ring_dequeue_burst(ring, table, n, NULL);
}

uint32_t shim_ring_enqueue_bulk(void *ring, void *table, uint32_t n)
{
	return rte_ring_enqueue_bulk(ring, table, n, NULL);
}

uint32_t shim_ring_dequeue_bulk(void *ring, void *table, uint32_t n)
{
	return rte_ring_dequeue_bulk(ring, table, n, NULL);
}

uint32_t shim_ring_count(void *ring)
{
	return rte_ring_count(ring);
}

uint32_t shim_ring_free_count(void *ring)
{
	return rte_ring_free_count(ring);
}

uint32_t shim_ring_capacity(void *ring)
{
	return rte_ring_get_capacity(ring);
}

int shim_mempool_get_bulk(void *mp, void *table, uint32_t n)
{
	return rte_mempool_get_bulk(mp, table, n);
}

void shim_mempool_put_bulk(void *mp, void *table, uint32_t n)
{
	rte_mempool_put_bulk(mp, table, n);
}

struct chunk_list {
	uint64_t *addrs;
	uint64_t *lens;
	uint32_t max;
	uint32_t n;
};

static void collect_chunk(struct rte_mempool *mp, void *opaque,
			  struct rte_mempool_memhdr *memhdr, unsigned idx)
{
	struct chunk_list *list = opaque;
	(void)mp;
	(void)idx;
	if (list->n < list->max) {
		list->addrs[list->n] = (uint64_t)(uintptr_t)memhdr->addr;
		list->lens[list->n] = memhdr->len;
	}
	list->n++;
}

uint32_t shim_mempool_chunks(void *mp, uint64_t *addrs, uint64_t *lens, uint32_t max)
{
	struct chunk_list list = { addrs, lens, max, 0 };
	rte_mempool_mem_iter(mp, collect_chunk, &list);
	return list.n;
}

/* out4: element size, header size, trailer size, number of elements */
void shim_mempool_sizes(void *mp, uint32_t *out4)
{
	struct rte_mempool *pool = mp;
	out4[0] = pool->elt_size;
	out4[1] = pool->header_size;
	out4[2] = pool->trailer_size;
	out4[3] = pool->size;
}

void *shim_memzone_addr(const void *mz)
{
	return ((const struct rte_memzone *)mz)->addr;
}

uint64_t shim_memzone_len(const void *mz)
{
	return ((const struct rte_memzone *)mz)->len;
}
