/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sim_cli.h - 'cosniff sim': simulated CANopen slaves on an interface */
#ifndef COSNIFF_SIM_CLI_H
#define COSNIFF_SIM_CLI_H

/* The subcommand; argv[0] is "sim".  Returns the exit status. */
int sim_cli_main(int argc, char **argv);

#endif
