/* SPDX-License-Identifier: GPL-2.0-or-later */
/* msgring.c - a bounded ring of messages for the user (msgring.h) */
#include "config.h"
#include "msgring.h"

#include <string.h>

void
msgring_init(struct msgring *r)
{
	memset(r, 0, sizeof(*r));
}

void
msgring_add(struct msgring *r, const char *msg)
{
	char *slot = r->msg[r->head];
	size_t n = strlen(msg);

	if (n >= MSGRING_LEN)
		n = MSGRING_LEN - 1;
	memcpy(slot, msg, n);
	slot[n] = '\0';
	r->head = (r->head + 1) % MSGRING_MAX;
	if (r->count < MSGRING_MAX)
		r->count++;
	r->total++;
}

const char *
msgring_get(const struct msgring *r, unsigned i)
{
	if (i >= r->count)
		return NULL;
	return r->msg[(r->head + MSGRING_MAX - r->count + i) % MSGRING_MAX];
}

uint64_t
msgring_lost(const struct msgring *r)
{
	return r->total - r->count;
}

void
msgring_print(struct msgring *r, FILE *fp)
{
	unsigned i;

	if (msgring_lost(r))
		fprintf(fp, "cosniff: %llu earlier messages not kept\n",
			(unsigned long long)msgring_lost(r));
	for (i = 0; i < r->count; i++)
		fprintf(fp, "%s\n", msgring_get(r, i));
	r->count = 0;
	r->total = 0;
}
