/* C side of the benchmarks (built with pkg-config at bench time).
 *   cbench ring <EAL args> -- SECONDS    rte_ring SP/SC bursts of 32, prints "ring_mops <value>"
 *       (million burst operations, enqueues plus dequeues, per second)
 *   cbench seed <EAL args> -- RING POOL N
 *       as a secondary: allocates N mbufs of 64 bytes from POOL and enqueues them to RING at
 *       once (seeds an l2fwd on net_ring ports; nothing else enqueues to an empty ring). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#define BURST 32

static int ring_bench(double seconds)
{
	struct rte_ring *r = rte_ring_create("CBENCH_RING", 1024, rte_socket_id(),
					     RING_F_SP_ENQ | RING_F_SC_DEQ);
	void *objs[BURST];
	uint64_t ops = 0;
	if (r == NULL)
		return 1;
	for (int i = 0; i < BURST; i++)
		objs[i] = (void *)(uintptr_t)(i + 1);
	uint64_t hz = rte_get_tsc_hz();
	uint64_t start = rte_rdtsc();
	uint64_t end = start + (uint64_t)(seconds * hz);
	while (rte_rdtsc() < end) {
		for (int k = 0; k < 1024; k++) {
			rte_ring_enqueue_burst(r, objs, BURST, NULL);
			rte_ring_dequeue_burst(r, objs, BURST, NULL);
		}
		ops += 2 * 1024;
	}
	double secs = (double)(rte_rdtsc() - start) / hz;
	printf("ring_mops %.2f\n", ops / secs / 1e6);
	rte_ring_free(r);
	return 0;
}

static int seed(const char *ring_name, const char *pool_name, unsigned n)
{
	struct rte_ring *r = rte_ring_lookup(ring_name);
	struct rte_mempool *mp = rte_mempool_lookup(pool_name);
	struct rte_mbuf **pkts = calloc(n, sizeof(*pkts));
	if (r == NULL || mp == NULL || pkts == NULL) {
		fprintf(stderr, "cbench: no ring '%s' or pool '%s'\n", ring_name, pool_name);
		return 1;
	}
	if (rte_pktmbuf_alloc_bulk(mp, pkts, n) != 0) {
		fprintf(stderr, "cbench: cannot allocate %u mbufs\n", n);
		return 1;
	}
	for (unsigned i = 0; i < n; i++) {
		pkts[i]->data_len = 64;
		pkts[i]->pkt_len = 64;
		memset(rte_pktmbuf_mtod(pkts[i], char *), 0, 64);
	}
	unsigned done = rte_ring_enqueue_bulk(r, (void **)pkts, n, NULL);
	printf("seeded %u\n", done);
	return done == n ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	const char *mode = argv[1];
	argv[1] = argv[0];
	int ret = rte_eal_init(argc - 1, argv + 1);
	if (ret < 0) {
		fprintf(stderr, "cbench: cannot init EAL\n");
		return 1;
	}
	char **args = argv + 1 + ret + 1;
	int nargs = argc - 1 - ret - 1;
	int rc = 2;
	if (strcmp(mode, "ring") == 0 && nargs >= 1)
		rc = ring_bench(atof(args[0]));
	else if (strcmp(mode, "seed") == 0 && nargs >= 3)
		rc = seed(args[0], args[1], (unsigned)atoi(args[2]));
	fflush(stdout);
	rte_eal_cleanup();
	return rc;
}
