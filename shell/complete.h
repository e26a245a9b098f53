/*
 * complete.h - tab completion: what may follow the cursor in a command line.
 *
 * The engine reads the line as the parser would (command names, parameter
 * names of the command under the cursor, parameter values, variables,
 * members, paths) and answers with candidates for the word before the
 * cursor. It knows nothing about readline: the interactive loop turns the
 * answer into the terminal's completion display. Candidates come from the
 * interpreter's state (commands, aliases, functions, variables) and from
 * the cmdlet tables (parameters, their sets and aliases, enum values, and
 * each parameter's completer hook).
 */
#ifndef SH_COMPLETE_H
#define SH_COMPLETE_H

#include <stddef.h>

#include "interp.h"

typedef struct sh_completions {
	char **items; /* full replacement texts, sorted by label, unique (case-insensitively) */
	size_t len;
	size_t start;      /* byte offset in the line where the replaced word starts */
	size_t end;        /* and where it ends (the cursor) */
	bool append_space; /* a unique candidate completes a whole word */
	char **labels;     /* per item, what a list of candidates shows: the file or
	                      member name without the directory or variable before it */
} sh_completions;

/* Fills *out with the candidates for the word that ends at byte `cursor`
 * of `line` (which may be a continuation: the text typed so far). Never
 * fails: no candidates is an empty list. Free with sh_completions_free. */
void sh_complete(sh_interp *in, const char *line, size_t cursor, sh_completions *out);
void sh_completions_free(sh_completions *c);

/* Completers (sh_completer_fn) for cmdlet tables whose parameters name
 * commands (Get-Help -Name, Get-Command -Name) or variables (Get-Variable
 * -Name): the names that start with `word`, without a `$`. */
void sh_command_name_completer(sh_interp *in, const char *word, sh_value *out);
void sh_variable_name_completer(sh_interp *in, const char *word, sh_value *out);

#endif
