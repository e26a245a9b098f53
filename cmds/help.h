/*
 * help.h - what the help system offers besides its two cmdlets: the
 * about_* topics compiled into the binary, and the syntax lines of a
 * cmdlet, for the documentation generator (scripts/gen-docs.c).
 */
#ifndef CMD_HELP_H
#define CMD_HELP_H

#include "../shell/cmdlet.h"

typedef struct cmd_about_topic {
	const char *name; /* "about_Pipelines" */
	const char *text; /* the whole topic, as docs/about/NAME.help.txt holds it */
} cmd_about_topic;

/* Generated at build time from docs/about/about_*.help.txt, sorted by name;
 * ends with an all-zero entry. */
extern const cmd_about_topic cmd_about_topics[];

/* The topic's SHORT DESCRIPTION as one line (malloc'd; "" when absent). */
char *cmd_about_synopsis(const cmd_about_topic *topic);

/* The syntax lines of a cmdlet as Get-Command -Syntax shows them, the
 * default parameter set's first: a new array of strings. */
sh_value *cmd_cmdlet_syntax(const sh_cmdlet *def);

#endif
