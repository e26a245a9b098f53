/*
 * runtime.h - what the interpreter's own files (interp.c, eval.c,
 * pipeline.c) share: the interpreter structure, scopes, and the entry
 * points between evaluation and the pipeline runner. Nothing outside those
 * three files includes this header; everyone else uses interp.h/cmdlet.h.
 */
#ifndef SH_RUNTIME_H
#define SH_RUNTIME_H

#include <signal.h>

#include "binder.h"
#include "interp.h"

/* ---- variables and scopes ---- */
typedef struct sh_var {
	char *name;    /* as first written */
	uint32_t hash; /* of the lower-cased name */
	sh_value *value;
	sh_type constraint; /* [int]$x = ...: later assignments convert */
	bool constrained;
	bool readonly;
} sh_var;

typedef struct sh_func {
	char *name;
	sh_value *block; /* SH_SCRIPTBLOCK */
	bool is_filter;
} sh_func;

typedef struct sh_scope {
	struct sh_scope *parent;
	sh_var *vars; /* open addressing, power-of-two capacity */
	size_t nvars, capvars;
	sh_func *funcs; /* small: linear */
	size_t nfuncs, capfuncs;
	bool is_script; /* a script file's (or the global) scope */
	int refcount;
} sh_scope;

/* Where non-terminating errors of the running command go (2> 2>&1 *>). */
typedef enum sh_err_route {
	SH_ERR_DISPLAY = 0,
	SH_ERR_DISCARD,
	SH_ERR_TO_OUTPUT,
	SH_ERR_TO_FILE
} sh_err_route;

typedef struct sh_stream_state {
	sh_err_route errors;
	const sh_sink *error_sink; /* SH_ERR_TO_OUTPUT / TO_FILE */
	bool discard_warnings, discard_verbose, discard_information;
} sh_stream_state;

typedef struct sh_alias {
	char *name;
	char *target;
} sh_alias;

typedef struct sh_history_entry {
	int64_t id;
	char *line;
	int64_t start, end;
} sh_history_entry;

typedef struct sh_attachment {
	const void *key;
	void *data;
	void (*free_data)(void *data);
	void (*after_run)(sh_interp *in, void *data);
} sh_attachment;

struct sh_interp {
	sh_scope *global;
	sh_scope *current;
	sh_scope *script; /* innermost script scope */

	const sh_cmdlet **cmdlets; /* sorted by name */
	size_t ncmdlets, capcmdlets;
	struct sh_table_cache *tables; /* param tables by cmdlet / param block */

	sh_alias *aliases;
	size_t naliases, capaliases;

	sh_value *pending_error; /* while SH_THROW unwinds */
	bool pending_fatal;      /* throw / -ErrorAction Stop: not just the statement */
	int handler_depth;       /* enclosing try/trap handlers, dynamically */
	char *jump_label;        /* break/continue label while unwinding */
	int exit_code;
	bool exit_requested;
	bool last_success;     /* $? */
	bool statement_failed; /* an error was written during the running statement */

	const sh_ast_unit *unit; /* the unit whose nodes are being evaluated */
	const char *script_path; /* $PSCommandPath of the running script */
	int depth;               /* call depth, bounded */

	sh_stream_state streams;
	const sh_sink *console;     /* the Out-Default sink of the top level */
	struct sh_cmd *current_cmd; /* innermost running cmdlet, for error sites */

	sh_host_settings host;
	char *location; /* current directory */
	char **location_stack;
	size_t nlocation_stack, caplocation_stack;
	char *previous_location; /* cd - */

	sh_history_entry *history;
	size_t nhistory, caphistory;
	int64_t next_history_id;

	sh_attachment *attachments;
	size_t nattachments, capattachments;
};

/* Runs the after_run hooks of the attachments. */
void sh_after_run(sh_interp *in);

/* Set by the SIGINT handler. */
extern volatile sig_atomic_t sh_interrupt_flag;

/* ---- scopes (interp.c) ---- */
sh_scope *sh_scope_new(sh_scope *parent, bool is_script);
void sh_scope_free(sh_scope *s);
sh_var *sh_scope_find(sh_scope *s, const char *name, uint32_t hash);
uint32_t sh_name_hash(const char *name);
/* Looks a variable up from the current scope outwards. */
sh_var *sh_var_lookup(sh_interp *in, const char *name);
/* Sets (creating it in `scope` if absent there). Takes value. Returns -1
 * with *error when a constraint conversion fails or the variable is read-only. */
int sh_var_assign(sh_interp *in, sh_scope *scope, const char *name, sh_value *value, char **error);
sh_scope *sh_scope_for(sh_interp *in, const char *qualifier);

/* Cached parameter tables. */
const sh_param_table *sh_table_for_cmdlet(sh_interp *in, const sh_cmdlet *def);
const sh_param_table *sh_table_for_block(sh_interp *in, const sh_node *scriptblock);

/* ---- errors raised by the language (eval.c) ----
 * Builds a record at `node` and leaves it pending; returns SH_THROW. */
sh_status sh_raise(sh_interp *in, const sh_node *node, const sh_error_info *info);
sh_status sh_raisef(sh_interp *in, const sh_node *node, sh_error_category cat, const char *error_id,
                    const char *exception_type, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Non-terminating error of the running command (honours the routes). */
sh_status sh_emit_error(sh_interp *in, sh_value *record, sh_action_pref action);
/* Sends an already recorded error where the running command's error
 * stream goes (shown, dropped, merged into output, or to a file). Takes it. */
sh_status sh_route_error(sh_interp *in, sh_value *record);

/* ---- evaluation (eval.c) ---- */
sh_status sh_eval_expr(sh_interp *in, const sh_node *node, sh_value **out);
sh_status sh_eval_statements(sh_interp *in, const sh_node *statements, const sh_sink *out);
sh_status sh_eval_statement(sh_interp *in, const sh_node *node, const sh_sink *out);
/* Writes a value to a sink as a statement's output: arrays unrolled one level. */
sh_status sh_write_unrolled(const sh_sink *out, sh_value *v); /* takes v */
/* Runs a script block's named blocks (begin/process/end) for a command
 * that has no pipeline input; used for scripts and simple invocations. */
sh_status sh_run_block_body(sh_interp *in, const sh_node *scriptblock, const sh_sink *out);

/* A sink collecting into an array. */
typedef struct sh_collector {
	sh_value *items; /* SH_ARRAY */
} sh_collector;
void sh_collector_init(sh_collector *c);
sh_sink sh_collector_sink(sh_collector *c);
/* $null, the single item, or the array (PowerShell's assignment rule); frees the collector. */
sh_value *sh_collector_result(sh_collector *c);
sh_value *sh_collector_array(sh_collector *c); /* always the array */

/* ---- pipelines (pipeline.c) ---- */
sh_status sh_run_pipeline(sh_interp *in, const sh_node *pipeline, const sh_sink *out);
/* Invokes a script block as a command with already-evaluated arguments
 * (& $sb args, functions, scripts). `input` feeds it like a pipeline
 * (NULL: no input). */
/* Binds already-evaluated arguments to a script block's param() in the
 * current scope: sets the parameters' variables, evaluates defaults for
 * unbound ones, puts leftovers in $args. */
sh_status sh_bind_block_arguments(sh_interp *in, const sh_node *scriptblock, const sh_arg *args,
                                  size_t nargs);
sh_status sh_invoke_command_block(sh_interp *in, sh_value *block, const sh_arg *args, size_t nargs,
                                  bool dot_source, const sh_sink *out);

#endif
