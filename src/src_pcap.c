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
