/* SPDX-License-Identifier: GPL-2.0-or-later */
/* eds_cli.h - the `cosniff eds` subcommand (CiA 306 file checker) */
#ifndef COSNIFF_EDS_CLI_H
#define COSNIFF_EDS_CLI_H

#include <stdio.h>

#include "eds.h"

/* `cosniff eds [--node N] [-q] FILE...`: argv[0] is "eds".  Prints each
 * dictionary to stdout and its warnings to stderr.  Returns the exit
 * status: 0 all loaded, 1 a file could not be loaded, 2 usage error. */
int eds_cli_main(int argc, char **argv);

/* Print warnings "file:line: warning: ..." and the drop count. */
void eds_cli_warnings(FILE *fp, const struct eds_diag *d);

#endif
