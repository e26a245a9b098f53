/*
 * cli.h - the hvsh command line: options, script files, -Command, standard
 * input, and the interactive loop.
 */
#ifndef SH_CLI_H
#define SH_CLI_H

#include "interp.h"

/* Runs hvsh as `argv` asks; `register_commands` adds the cmdlet families.
 * Returns the process exit code. */
int sh_main(int argc, char **argv, void (*register_commands)(sh_interp *in));

#endif
