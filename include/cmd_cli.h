/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd_cli.h - 'cosniff cmd', 'cosniff scan' and 'cosniff guard': active
 * commands on an interface */
#ifndef COSNIFF_CMD_CLI_H
#define COSNIFF_CMD_CLI_H

/* The subcommand; argv[0] is "cmd", "scan" or "guard".  Returns the
 * exit status. */
int cmd_cli_main(int argc, char **argv);

#endif
