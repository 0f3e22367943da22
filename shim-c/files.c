/* Whether a DPDK process still uses a file of its group: every process holds
 * a flock() on the hugepage files it maps, and the primary holds a POSIX
 * write lock on the runtime folder's config file. */
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include "shim.h"

/* 1 when another open file holds a lock on path (as EAL's processes hold
 * their hugepage files), 0 when it is free, -1 when it cannot be opened. */
int shim_file_in_use(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int busy = flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
	close(fd);
	return busy;
}

/* 1 when another process holds a POSIX (fcntl) lock on path, 0 when none
 * does, -1 when it cannot be opened. */
int shim_file_locked_posix(const char *path)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fcntl(fd, F_GETLK, &fl);
	close(fd);
	if (rc != 0)
		return -1;
	return fl.l_type != F_UNLCK;
}

/* Takes an exclusive lock on path (created if needed) and keeps it, with
 * its descriptor, for the life of the process. Returns the descriptor, -1
 * when another process holds the lock, -2 when the file cannot be opened. */
int shim_hold_lock(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -2;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}
