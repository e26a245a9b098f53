/*
 * interp.h - the interpreter: state, variables, members, commands, and the
 * entry points that run source text.
 *
 * One sh_interp per shell. It holds the scope chain, functions, aliases,
 * the cmdlet registry, $Error, preferences, the host settings (terminal
 * width, colour, interactivity) and the pending terminating error while
 * one unwinds.
 */
#ifndef SH_INTERP_H
#define SH_INTERP_H

#include <stdio.h>

#include "ast.h"
#include "cmdlet.h"
#include "errors.h"
#include "value.h"

typedef enum sh_action_pref {
	SH_ACTION_SILENTLY_CONTINUE = 0,
	SH_ACTION_STOP,
	SH_ACTION_CONTINUE,
	SH_ACTION_INQUIRE,
	SH_ACTION_IGNORE,
	SH_ACTION_SUSPEND
} sh_action_pref;
extern const char *const sh_action_pref_names[]; /* "SilentlyContinue", ... NULL-terminated */

typedef struct sh_host_settings {
	bool interactive; /* prompts allowed (a terminal, not -NonInteractive) */
	bool color;       /* ANSI colours on stderr/stdout */
	int width;        /* output width in columns ($COLUMNS, the terminal, else 120) */
} sh_host_settings;

sh_interp *sh_interp_new(void);
void sh_interp_free(sh_interp *in);
sh_host_settings *sh_interp_host(sh_interp *in);

/* ---- running source ----
 * Parse and run text as a script (new script scope, $args bound). Output
 * goes to `out`, or through Out-Default to stdout when out is NULL; errors
 * go to stderr as records. Returns the process exit code pwsh would: N
 * after `exit N`, 1 after a terminating error, for a command line (file
 * NULL) also 1 when its last statement failed ($? false), else 0. */
int sh_run_source(sh_interp *in, const char *source, size_t len, const char *file,
                  sh_value *const *args, size_t nargs);
/* Asks whatever runs to stop, as Ctrl+C does: loops and pipelines end with
 * SH_INTERRUPT. Async-signal-safe: a SIGINT handler calls it. */
void sh_request_interrupt(void);

/* True after `exit` was executed (the shell must stop reading input). */
bool sh_exit_requested(const sh_interp *in, int *code);

/* ---- the terminating error being unwound (after SH_THROW) ---- */
void sh_set_pending_error(sh_interp *in, sh_value *record); /* takes */
sh_value *sh_take_pending_error(sh_interp *in);             /* new ref; clears it */
/* Appends to $Error (newest first, bounded by $MaximumErrorCount). */
void sh_record_error(sh_interp *in, sh_value *record); /* borrowed */
/* Writes a record to the error stream (stderr, red on a terminal). */
void sh_display_error(sh_interp *in, const sh_value *record);

/* ---- variables ----
 * Names are case-insensitive; `scope` is NULL (dynamic lookup / current
 * scope for writes), "global", "script", "local" or "private". */
sh_value *sh_var_get(sh_interp *in, const char *name); /* borrowed; NULL if unset */
bool sh_var_exists(sh_interp *in, const char *name);
void sh_var_set(sh_interp *in, const char *name, sh_value *value); /* takes; current scope */
void sh_var_set_scoped(sh_interp *in, const char *scope, const char *name, sh_value *value);
bool sh_var_remove(sh_interp *in, const char *name);
/* Every visible variable, innermost first wins: a new array of
 * PSVariable-like objects (Name, Value) sorted by name. */
sh_value *sh_var_list(sh_interp *in);
sh_action_pref sh_pref(sh_interp *in, const char *variable_name); /* $ErrorActionPreference ... */

/* ---- members ----
 * Property get as `$v.Name` does: hashtable keys, object note/script/
 * alias properties, built-in members; on an array without that member,
 * member enumeration over its items. 0 = found (*out new ref, maybe NULL
 * for $null), 1 = no such member (*out NULL), -1 = error (*error). */
int sh_get_member(sh_interp *in, sh_value *v, const char *name, sh_value **out, char **error);
/* Property set: hashtable keys, note properties (added to pscustomobjects
 * if absent). Takes value. 0 or -1 with *error. */
int sh_set_member(sh_interp *in, sh_value *v, const char *name, sh_value *value, char **error);
/* Method call: script methods, native class methods, built-in methods,
 * script-block Invoke(). 0, 1 (no such method), -1 (error). */
int sh_call_member(sh_interp *in, sh_value *v, const char *name, sh_value *const *args,
                   size_t nargs, sh_value **out, char **error);
/* The property names shown by formatting and Select-Object *: object
 * properties in order, hashtable -> none (formatted specially). A new
 * array of strings. */
sh_value *sh_property_names(sh_interp *in, sh_value *v);

/* ---- functions and aliases ---- */
void sh_function_set(sh_interp *in, const char *name, sh_value *scriptblock,
                     bool is_filter);                       /* takes */
sh_value *sh_function_get(sh_interp *in, const char *name); /* borrowed script block */
bool sh_function_remove(sh_interp *in, const char *name);
sh_value *sh_function_list(sh_interp *in); /* new array of names */
void sh_alias_set(sh_interp *in, const char *name, const char *target);
const char *sh_alias_get(sh_interp *in, const char *name); /* NULL if none */
bool sh_alias_remove(sh_interp *in, const char *name);
sh_value *sh_alias_list(sh_interp *in); /* new array of objects: Name, Definition */

/* What a command name resolves to, as PowerShell looks it up: alias,
 * function, cmdlet, then an external program on $PATH. */
typedef enum sh_command_kind {
	SH_CMDK_NONE,
	SH_CMDK_ALIAS,
	SH_CMDK_FUNCTION,
	SH_CMDK_CMDLET,
	SH_CMDK_EXTERNAL,
	SH_CMDK_SCRIPT
} sh_command_kind;
sh_command_kind sh_resolve_command(sh_interp *in, const char *name, const sh_cmdlet **cmdlet,
                                   sh_value **function, char **path);

/* ---- state of modules outside the shell ----
 * A module keeping per-interpreter state (the progress bars ...) attaches
 * it under a key of its own (any unique address). The interpreter frees it
 * with free_data, and calls after_run (when set) after each top-level run
 * of a command line or script: the moment to tidy the screen. */
void sh_interp_attach(sh_interp *in, const void *key, void *data, void (*free_data)(void *data),
                      void (*after_run)(sh_interp *in, void *data));
void *sh_interp_attached(sh_interp *in, const void *key); /* NULL when none */

/* ---- current location (Set-Location changes the process cwd too) ---- */
const char *sh_get_location(sh_interp *in);
int sh_set_location(sh_interp *in, const char *path, char **error);
/* A path as the user wrote it, made absolute and normalized the way the
 * FileSystem provider does: provider prefix dropped, backslashes read as
 * slashes, ~ expanded, relative to the current location, "." and ".."
 * resolved (without following links). Malloc'd. */
char *sh_full_path(sh_interp *in, const char *path);

/* ---- history of this session's command lines, for Get-History ----
 * Entries are numbered from 1 in the order they ran; an id stays with its
 * entry when others are removed. Times are DateTime ticks. */
void sh_history_add(sh_interp *in, const char *line, int64_t start_ticks, int64_t end_ticks);
size_t sh_history_count(sh_interp *in);
const char *sh_history_at(sh_interp *in, size_t i, int64_t *start_ticks, int64_t *end_ticks);
int64_t sh_history_id(sh_interp *in, size_t i);
/* The index of the entry with that id; false when there is none. */
bool sh_history_find(sh_interp *in, int64_t id, size_t *index);
void sh_history_remove(sh_interp *in, size_t i);
void sh_history_clear(sh_interp *in);

/* Catches Ctrl+C (SIGINT) for the running command: the first asks it to
 * stop (sh_request_interrupt); a second one, while the first is still
 * unanswered, ends hvsh the ordinary way, for a command that never looks. */
void sh_catch_interrupts(void);
/* Answers a Ctrl+C request: the next command line starts afresh. */
void sh_clear_interrupt(void);

/* ---- prompting through the host (Read-Host, mandatory parameters, -Confirm) ----
 * Returns a malloc'd line without newline, or NULL at end of input. With
 * `secret` the terminal does not echo and the line never reaches history. */
char *sh_host_read_line(sh_interp *in, const char *prompt, bool secret);

#endif
