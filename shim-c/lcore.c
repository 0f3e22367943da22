/* Thread-local EAL state and worker-lcore parking.
 * rte_thread_register() would disable multi-process, so a Deno Worker takes
 * over a worker lcore instead: EAL's own thread for that lcore is parked in
 * shim_lcore_park() while the Worker adopts the lcore id, its CPU set and the
 * thread name "rte-worker-N". */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_thread.h>
#include "shim.h"

static pthread_mutex_t park_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t park_cv = PTHREAD_COND_INITIALIZER;
static int released[RTE_MAX_LCORE];

int shim_errno(void)
{
	return rte_errno;
}

unsigned shim_lcore_id(void)
{
	return rte_lcore_id();
}

static int park_main(void *arg)
{
	unsigned id = (unsigned)(uintptr_t)arg;
	pthread_mutex_lock(&park_mu);
	while (!released[id])
		pthread_cond_wait(&park_cv, &park_mu);
	pthread_mutex_unlock(&park_mu);
	return 0;
}

int shim_lcore_park(unsigned lcore_id)
{
	if (lcore_id >= RTE_MAX_LCORE)
		return -EINVAL;
	pthread_mutex_lock(&park_mu);
	released[lcore_id] = 0;
	pthread_mutex_unlock(&park_mu);
	return rte_eal_remote_launch(park_main, (void *)(uintptr_t)lcore_id, lcore_id);
}

void shim_lcore_release(unsigned lcore_id)
{
	if (lcore_id >= RTE_MAX_LCORE)
		return;
	pthread_mutex_lock(&park_mu);
	released[lcore_id] = 1;
	pthread_cond_broadcast(&park_cv);
	pthread_mutex_unlock(&park_mu);
}

int shim_lcore_adopt(unsigned lcore_id)
{
	char name[16];
	rte_cpuset_t cpuset;

	if (lcore_id >= RTE_MAX_LCORE || !rte_lcore_is_enabled(lcore_id))
		return -EINVAL;
	RTE_PER_LCORE(_lcore_id) = lcore_id;
	cpuset = rte_lcore_cpuset(lcore_id);
	if (rte_thread_set_affinity(&cpuset) != 0)
		return -EPERM;
	snprintf(name, sizeof(name), "rte-worker-%u", lcore_id);
	pthread_setname_np(pthread_self(), name);
	return 0;
}
