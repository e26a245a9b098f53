/*
 * cmdlet.h - how a command is declared, and what it may call while it runs.
 *
 * A cmdlet is one `const sh_cmdlet` entry: its name, parameters,
 * parameter sets, help text, examples, aliases and callbacks. The shell
 * derives parsing, binding, Get-Help, Get-Command -Syntax, completion and
 * the generated docs from that one entry. A family of cmdlets is an array
 * of entries ending with an all-zero entry, registered with
 * sh_register_cmdlets().
 *
 * Running: for each invocation in a pipeline the shell allocates
 * `state_size` zeroed bytes (sh_cmd_state), binds the command-line
 * arguments, calls begin(), then process() once per pipeline input object
 * (with the pipeline parameters re-bound for each object; once with input
 * NULL when the command is first in its pipeline), then end(), then
 * cleanup() whatever happened. Callbacks are optional.
 *
 * Callbacks return an sh_status. SH_OK to go on. Anything else stops this
 * command and propagates: return what sh_emit / sh_write_error / sh_throw*
 * returned when it is not SH_OK. A cmdlet never prints: it emits objects
 * and writes to the error / warning / verbose / host streams through the
 * functions here.
 *
 * Common parameters (-ErrorAction, -ErrorVariable, -WarningAction,
 * -WarningVariable, -Verbose, -Debug, -OutVariable, -InformationAction,
 * -PipelineVariable) are added to every cmdlet, and -WhatIf / -Confirm to
 * those flagged SH_CMD_SUPPORTS_SHOULD_PROCESS: do not declare them.
 */
#ifndef SH_CMDLET_H
#define SH_CMDLET_H

#include "errors.h"
#include "util.h"
#include "value.h"

typedef struct sh_interp sh_interp;
typedef struct sh_cmd sh_cmd;

typedef enum sh_status {
	SH_OK = 0,
	SH_THROW, /* a terminating error is pending in the interpreter */
	SH_BREAK, /* break / continue / return / exit: control flow unwinding */
	SH_CONTINUE,
	SH_RETURN,
	SH_EXIT,
	SH_STOP,      /* downstream wants no more input (Select-Object -First) */
	SH_INTERRUPT, /* Ctrl+C */
} sh_status;

/* Parameter value types. The binder converts arguments to these and
 * reports PowerShell's conversion errors. */
typedef enum sh_ptype {
	SH_P_OBJECT = 0, /* any value, unconverted */
	SH_P_STRING,
	SH_P_INT,  /* Int32 */
	SH_P_LONG, /* Int64 (UInt64 sizes too; size literals like 2GB) */
	SH_P_DOUBLE,
	SH_P_BOOL,
	SH_P_SWITCH, /* present or -Name:$false; sh_switch() reads it */
	SH_P_SCRIPTBLOCK,
	SH_P_HASHTABLE,
	SH_P_DATETIME,
	SH_P_TIMESPAN,
	SH_P_ENUM,       /* a string checked against enum_values, case-insensitive,
	                    stored with the declared spelling */
	SH_P_CREDENTIAL, /* a PSCredential object */
	SH_P_SECURESTRING,
} sh_ptype;

/* Parameter flags */
#define SH_PF_ARRAY     0x01u /* String[] etc.: the bound value is always an array */
#define SH_PF_MANDATORY 0x02u
#define SH_PF_PIPELINE  0x04u /* ValueFromPipeline (ByValue) */
#define SH_PF_PIPE_PROP 0x08u /* ValueFromPipelineByPropertyName */
#define SH_PF_REMAINING 0x10u /* ValueFromRemainingArguments */
#define SH_PF_WILDCARDS 0x20u /* accepts wildcards (documentation only) */
#define SH_PF_HIDDEN    0x40u /* accepted, not shown in help or completion */
#define SH_PF_ALLOW_EMPTY                                                                          \
	0x80u /* mandatory, yet $null, '' and @() are accepted                                     \
	         ([AllowNull()][AllowEmptyString()][AllowEmptyCollection()]) */

/* A completer fills `out` (an array value) with candidate strings that
 * start with `word` (case-insensitive). */
typedef void (*sh_completer_fn)(sh_interp *in, const char *word, sh_value *out);

typedef struct sh_param_def {
	const char *name;
	sh_ptype type;
	unsigned flags;
	int position; /* 0-based; -1 = named only */
	/* Parameter sets the parameter belongs to, comma-separated ("Name,Id");
	   NULL = all sets. Mandatory/position apply in each of its sets. */
	const char *sets;
	const char *aliases;            /* comma-separated, e.g. "VMName,cn" */
	const char *const *enum_values; /* SH_P_ENUM: NULL-terminated accepted values */
	const char *help;               /* one or more sentences for Get-Help */
	const char *default_text;       /* for Get-Help "Default value", or NULL */
	sh_completer_fn completer;
	const char *type_name; /* shown in help/syntax when not derivable: "VirtualMachine[]" */
} sh_param_def;

typedef struct sh_example {
	const char *code;
	const char *remarks;
} sh_example;

/* Cmdlet flags */
#define SH_CMD_SUPPORTS_SHOULD_PROCESS 0x01u /* adds -WhatIf / -Confirm */
#define SH_CMD_CONFIRM_IMPACT_HIGH     0x02u /* confirms unless -Confirm:$false / -Force */

typedef struct sh_cmdlet {
	const char *name;    /* "Get-VM" */
	const char *aliases; /* comma-separated, e.g. "gcm" or NULL */
	const char *synopsis;
	const char *description;
	const char *default_set;    /* NULL when there is a single set */
	const sh_param_def *params; /* terminated by an entry with name NULL */
	const sh_example *examples; /* terminated by an entry with code NULL; may be NULL */
	const char *output_type;    /* for help: "Microsoft.HyperV.PowerShell.VirtualMachine" */
	const char *class_name;     /* for FullyQualifiedErrorId, e.g.
	                               "Microsoft.PowerShell.Commands.GetItemCommand"; NULL: derived */
	unsigned flags;
	size_t state_size;
	sh_status (*begin)(sh_cmd *c);
	sh_status (*process)(sh_cmd *c, sh_value *input); /* input borrowed */
	sh_status (*end)(sh_cmd *c);
	void (*cleanup)(sh_cmd *c);
} sh_cmdlet;

/* ---- registry ---- */
void sh_register_cmdlets(sh_interp *in, const sh_cmdlet *family);
const sh_cmdlet *sh_find_cmdlet(const sh_interp *in,
                                const char *name); /* case-insensitive, no aliases */
size_t sh_cmdlet_count(const sh_interp *in);
const sh_cmdlet *sh_cmdlet_at(const sh_interp *in, size_t i); /* sorted by name */

/* ---- inside a running cmdlet ---- */
sh_interp *sh_cmd_interp(sh_cmd *c);
const sh_cmdlet *sh_cmd_def(sh_cmd *c);
void *sh_cmd_state(sh_cmd *c);
const char *sh_cmd_param_set(sh_cmd *c); /* the chosen parameter set's name */
/* True when something upstream feeds this command (it is not first). */
bool sh_cmd_has_pipeline_input(sh_cmd *c);

/* Bound parameters. Values are converted to the declared type (arrays for
 * SH_PF_ARRAY). Borrowed; NULL when not bound. */
sh_value *sh_param(sh_cmd *c, const char *name);
bool sh_param_bound(sh_cmd *c, const char *name);
bool sh_switch(sh_cmd *c, const char *name);
const char *sh_param_str(sh_cmd *c, const char *name); /* NULL when not bound */
int64_t sh_param_int(sh_cmd *c, const char *name, int64_t default_value);
double sh_param_double(sh_cmd *c, const char *name, double default_value);

/* Output. sh_emit takes v and passes it downstream (v == NULL emits $null,
 * which downstream receives). sh_emit_enumerated unrolls an array into its
 * items (WriteObject(x, true)). */
sh_status sh_emit(sh_cmd *c, sh_value *v);
sh_status sh_emit_enumerated(sh_cmd *c, sh_value *v);

/* Errors. A non-terminating error is recorded in $Error, handled per
 * -ErrorAction / $ErrorActionPreference (shown, ignored, or turned into a
 * terminating error: then the return value is SH_THROW). A terminating
 * error always returns SH_THROW. The record's position is the command's. */
sh_status sh_write_error(sh_cmd *c, const sh_error_info *info);
sh_status sh_throw(sh_cmd *c, const sh_error_info *info);
sh_status sh_errorf(sh_cmd *c, sh_error_category cat, const char *error_id, sh_value *target,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
sh_status sh_throwf(sh_cmd *c, sh_error_category cat, const char *error_id, sh_value *target,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Writes an existing error record (Write-Error -ErrorRecord); takes it. */
sh_status sh_write_error_record(sh_cmd *c, sh_value *record);

/* The other streams, honouring -WarningAction, -Verbose, $VerbosePreference ... */
void sh_write_warning(sh_cmd *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sh_write_verbose(sh_cmd *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sh_write_debug(sh_cmd *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sh_write_information(sh_cmd *c, sh_value *message); /* takes */

/* Colours for Write-Host: ConsoleColor values, -1 = default. */
typedef enum sh_color {
	SH_COLOR_DEFAULT = -1,
	SH_COLOR_BLACK = 0,
	SH_COLOR_DARKBLUE,
	SH_COLOR_DARKGREEN,
	SH_COLOR_DARKCYAN,
	SH_COLOR_DARKRED,
	SH_COLOR_DARKMAGENTA,
	SH_COLOR_DARKYELLOW,
	SH_COLOR_GRAY,
	SH_COLOR_DARKGRAY,
	SH_COLOR_BLUE,
	SH_COLOR_GREEN,
	SH_COLOR_CYAN,
	SH_COLOR_RED,
	SH_COLOR_MAGENTA,
	SH_COLOR_YELLOW,
	SH_COLOR_WHITE
} sh_color;
extern const char *const sh_color_names[]; /* "Black" ... "White", NULL-terminated */
/* Writes text straight to the host (the terminal), not to the pipeline. */
void sh_write_host(sh_interp *in, const char *text, sh_color fg, sh_color bg, bool newline);

/* -WhatIf / -Confirm: returns true when the action should happen. With
 * -WhatIf prints 'What if: Performing the operation "ACTION" on target
 * "TARGET".' and returns false; with -Confirm (or high impact) asks. */
bool sh_should_process(sh_cmd *c, const char *target, const char *action);

/* Ctrl+C: true once the user asked to stop; long loops check it and
 * return SH_INTERRUPT. */
bool sh_interrupted(sh_interp *in);

/* ---- running script blocks from C ---- */
typedef struct sh_sink {
	sh_status (*write)(void *ctx, sh_value *v); /* takes v */
	void *ctx;
} sh_sink;
/* The sink that feeds this command's downstream (what sh_emit writes to). */
sh_sink sh_cmd_output(sh_cmd *c);

/* Invokes a script block with $_ / $PSItem = dollar_under (borrowed, may be
 * NULL), $args = args, $this = self (may be NULL). With `dot_source` it runs
 * in the caller's scope (as ForEach-Object and Where-Object blocks do);
 * otherwise in a new child scope. Output goes to `out`. */
sh_status sh_invoke_block(sh_interp *in, sh_value *block, sh_value *dollar_under,
                          sh_value *const *args, size_t nargs, sh_value *self, bool dot_source,
                          const sh_sink *out);
/* Same, collecting the output: *result is $null, the single value, or an
 * array when there were several (PowerShell's rule). */
sh_status sh_invoke_block_collect(sh_interp *in, sh_value *block, sh_value *dollar_under,
                                  sh_value *const *args, size_t nargs, sh_value *self,
                                  bool dot_source, sh_value **result);

/* Runs a string of script (Invoke-Expression) in the current scope. */
sh_status sh_invoke_string(sh_interp *in, const char *source, const sh_sink *out);
/* A script block of a command's own fixed source, such as a property
 * computed when it is read (sh_object_add_script_prop); aborts when the
 * source does not parse, a mistake in the command. */
sh_value *sh_scriptblock_from_source(const char *source);

#endif
