/*
 * binder.h - parameter binding, as PowerShell does it, for cmdlets and for
 * script functions alike.
 *
 * The evaluator turns a command's arguments into a sequence of sh_arg:
 * parameter-name tokens ("-Name", "-Name:value") and values (bare words,
 * expressions, splatted items already expanded). The binder matches names
 * case-insensitively, by exact name, alias or unambiguous prefix; gives a
 * non-switch parameter the next value; assigns the rest by position within
 * the candidate parameter sets; converts each value to the parameter's
 * type; picks the parameter set; prompts for missing mandatory parameters
 * when the host is interactive (and the parameter is not pipeline-bound).
 * For each pipeline input object it then binds ByValue, then
 * ByPropertyName.
 *
 * Failures produce PowerShell's messages and error ids, e.g.
 *   "A parameter cannot be found that matches parameter name 'X'."  NamedParameterNotFound
 *   "Parameter cannot be processed because the parameter name 'M' is ambiguous.
 *    Possible matches include: -MemoryStartupBytes -MemoryMinimumBytes."  AmbiguousParameter
 *   "Missing an argument for parameter 'Name'. Specify a parameter of type
 *    'System.String' and try again."  MissingArgument
 *   "A positional parameter cannot be found that accepts argument 'x'." PositionalParameterNotFound
 *   "Cannot bind parameter 'Count'. Cannot convert value "abc" to type
 *    "System.Int32". Error: "Input string was not in a correct format.""
 * CannotConvertArgumentNoMessage "Parameter set cannot be resolved using the specified named
 * parameters."  AmbiguousParameterSet "Cannot process command because of one or more missing
 * mandatory parameters: Name."  MissingMandatoryParameter "Cannot bind parameter because parameter
 * 'Name' is specified more than once. ..."  ParameterAlreadyBound "The input object cannot be bound
 * to any parameters for the command either because the command does not take pipeline input or the
 * input and its properties do not match any of the parameters that take pipeline input."
 * InputObjectNotBound
 */
#ifndef SH_BINDER_H
#define SH_BINDER_H

#include "ast.h"
#include "cmdlet.h"
#include "convert.h"

typedef struct sh_arg {
	const char *name;    /* parameter token without the dash; NULL for a value */
	sh_value *value;     /* borrowed: the value, or the ":value" of a name token */
	bool has_value;      /* name token written as -Name:value */
	const sh_node *node; /* for error positions; may be NULL */
} sh_arg;

/* The parameters of one command: the declared ones followed by the common
 * parameters (and -WhatIf/-Confirm when flagged). */
typedef struct sh_param_table {
	sh_param_def *params; /* owned array, count nparams */
	size_t nparams;
	size_t ndeclared; /* params[0..ndeclared) are the command's own */
	char **set_names; /* every named parameter set, in declaration order */
	size_t nsets;
	const char *default_set;
	/* Per parameter: bit i set = belongs to set_names[i] (all bits: every set). */
	uint64_t *set_masks;
	/* Per parameter: checks and defaults from script attributes (all zero
	 * for cmdlets). */
	struct sh_param_extra *extra;
	bool advanced; /* cmdlets and [CmdletBinding()]/[Parameter()] scripts: unknown
	                  names are errors and common parameters exist */
	/* Shown by the mandatory-parameter prompt ("cmdlet NAME at command
	 * pipeline position 1"); set for cmdlets, the caller may set it for
	 * scripts. */
	const char *command_name;
	char **owned; /* strings the table owns (scripts) */
	size_t nowned, capowned;
} sh_param_table;

/* What script attributes add to a parameter. */
typedef struct sh_param_extra {
	const sh_node *default_value;     /* `= expr`: the evaluator evaluates it when unbound */
	bool not_null, not_null_or_empty; /* [ValidateNotNull()], [ValidateNotNullOrEmpty()] */
	bool allow_null, allow_empty_string, allow_empty_collection;
	sh_value *range_min, *range_max; /* [ValidateRange(min, max)], owned */
	const char *pattern;             /* [ValidatePattern('re')] */
	int64_t count_min, count_max;    /* [ValidateCount()]; max -1: none */
	int64_t length_min, length_max;  /* [ValidateLength()]; max -1: none */
	bool has_type;                   /* typed with a type the enum above lacks */
	sh_type type;                    /* [byte], [char], [guid] ... */
} sh_param_extra;

/* Builds the table for a cmdlet (with common parameters). */
void sh_param_table_for_cmdlet(const sh_cmdlet *def, sh_param_table *out);
/* Builds the table for a script function/script from its N_PARAM_BLOCK
 * (may be NULL: no declared parameters): types from [type], attributes
 * [Parameter(Mandatory, Position=N, ValueFromPipeline,
 * ValueFromPipelineByPropertyName, ParameterSetName='x')], [Alias()],
 * [switch]. Parameters without Position are positional in declaration order
 * unless [CmdletBinding(PositionalBinding=$false)]. Common parameters are
 * added only with [CmdletBinding()] or a [Parameter()] attribute, as in
 * PowerShell. String fields point into the AST or are owned by the table. */
void sh_param_table_for_script(const sh_node *param_block, sh_param_table *out);
void sh_param_table_free(sh_param_table *t);

typedef struct sh_bind_error {
	char *message;
	const char *error_id;
	sh_error_category category;
	const sh_node *node; /* the argument at fault, or NULL: the command */
} sh_bind_error;
void sh_bind_error_clear(sh_bind_error *e);

typedef struct sh_binding {
	const sh_param_table *table;
	sh_value **values;     /* per parameter: bound value (owned) or NULL */
	bool *bound;           /* per parameter */
	bool *from_pipeline;   /* bound by the current pipeline object */
	int set;               /* index into table->set_names, -1 when undecided/none */
	sh_value *remaining;   /* extra positional values for a function without
	                          ValueFromRemainingArguments: they become $args */
	uint64_t cmdline_sets; /* sets still possible after the command line */
	int cmdline_set;       /* the set chosen by the command line, or -1 */
	bool is_script;
} sh_binding;

/* Binds the command-line arguments. `expects_input` says whether a pipeline
 * feeds the command (then mandatory pipeline parameters may stay unbound).
 * Returns 0, or -1 with *error filled (and *out left empty). */
int sh_bind_arguments(sh_interp *in, const sh_param_table *t, const sh_arg *args, size_t nargs,
                      bool expects_input, bool is_script, sh_binding *out, sh_bind_error *error);
/* Binds one pipeline object: undoes the previous object's pipeline
 * bindings, then ByValue, then ByPropertyName; checks mandatory ones.
 * Returns 0 or -1 with *error (InputObjectNotBound ...). */
int sh_bind_pipeline_object(sh_interp *in, sh_binding *b, sh_value *input, sh_bind_error *error);
void sh_binding_free(sh_binding *b);

/* Index of a parameter by exact name (case-insensitive), or -1. */
int sh_param_index(const sh_param_table *t, const char *name);
/* The chosen set's name, or NULL. */
const char *sh_binding_set_name(const sh_binding *b);

/* Converts one value to a parameter's declared type. 0, or -1 with a
 * malloc'd *error in the binder's wording (without the "Cannot bind
 * parameter 'X'." prefix). */
int sh_convert_to_param(const sh_param_def *p, sh_value *v, sh_value **out, char **error);

/* .NET-ish type name of a parameter for help and messages: "String[]",
 * "Int64", "SwitchParameter", "ScriptBlock" ... */
const char *sh_param_type_name(const sh_param_def *p);
/* The parameter's aliases, a new array of strings. */
sh_value *sh_param_alias_array(const sh_param_def *p);

#endif
