/* placeholder until the src_pcap helper lands */
#include "config.h"
#include "source.h"
#include <errno.h>
#include <stddef.h>
struct co_source *
src_pcap_open(const char *path, const char **why)
{
	(void)path;
	*why = "not implemented yet";
	errno = ENOSYS;
	return NULL;
}
struct co_source *
src_pcap_fdopen(int fd, const char *name, const void *pre, size_t npre,
		const char **why)
{
	(void)fd; (void)name; (void)pre; (void)npre;
	*why = "not implemented yet";
	errno = ENOSYS;
	return NULL;
}
