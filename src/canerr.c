/* placeholder until the error-frame helper lands */
#include "config.h"
#include "canerr.h"
#include <stdio.h>
size_t canerr_fmt(char *buf, size_t size, const struct co_frame *f, bool verbose) { (void)verbose; return (size_t)snprintf(buf, size, "error-frame %08X", (unsigned)f->id); }
