/*
 * pipeline.c - running pipelines, and everything a running command may call
 * (cmdlet.h): parameters, output, errors and the other streams,
 * -WhatIf/-Confirm, Write-Host.
 *
 * A pipeline is a row of stages: an expression (first only), a cmdlet, a
 * script function or script file, or an external program. Objects are
 * pushed: a stage's output sink calls the next stage's process step
 * directly, so one object travels the whole row before the next is made,
 * and nothing is collected unless a command must (Sort-Object).
 *
 * Early stop. When a stage has all it wants (Select-Object -First 1) its
 * process step answers SH_STOP. The sink of the stage before it records
 * that the row is cut there (stop_index) and hands SH_STOP back up, so the
 * producers unwind without doing more work; then only the stages from the
 * cut onwards get their end step. An SH_STOP coming back from the sink
 * *after* the last stage belongs to an enclosing pipeline and is passed on.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "convert.h"
#include "format.h"
#include "parser.h"
#include "runtime.h"

extern char **environ;

const char *const sh_color_names[] = {
    "Black",      "DarkBlue", "DarkGreen", "DarkCyan", "DarkRed", "DarkMagenta",
    "DarkYellow", "Gray",     "DarkGray",  "Blue",     "Green",   "Cyan",
    "Red",        "Magenta",  "Yellow",    "White",    NULL};

struct sh_cmd {
	sh_interp *in;
	const sh_cmdlet *def;
	const sh_param_table *table;
	sh_binding binding;
	void *state;
	const sh_node *node;
	const sh_ast_unit *unit;
	sh_sink out;
	bool has_input;

	bool error_action_set;
	sh_action_pref error_action;
	bool warning_action_set;
	sh_action_pref warning_action;
	bool information_action_set;
	sh_action_pref information_action;
	bool verbose, debug, whatif, confirm, confirm_false;
	bool yes_to_all, no_to_all;
	char *error_variable;
	char *out_variable;
	sh_value *error_items;
	sh_value *out_items;
};

typedef enum stage_kind { STAGE_EXPR, STAGE_CMDLET, STAGE_FUNCTION, STAGE_EXTERNAL } stage_kind;

struct runner;

typedef struct stage {
	stage_kind kind;
	struct runner *runner;
	size_t index;
	const sh_node *node;
	sh_sink out;

	/* arguments as evaluated, kept alive for the stage's lifetime */
	sh_arg *args;
	size_t nargs;
	sh_value **arg_values;
	size_t narg_values;
	char **arg_names;
	size_t narg_names;

	/* STAGE_CMDLET */
	sh_cmd cmd;

	/* STAGE_FUNCTION (functions, script blocks, script files) */
	sh_value *block;
	const sh_node *body;
	const sh_param_table *table;
	sh_binding binding;
	bool bound;
	sh_scope *scope;
	bool dot_source;
	bool is_script;
	char *script_path;
	char *command_name;    /* as invoked, for $MyInvocation and $PSCmdlet */
	sh_value *input_items; /* $input of a function without a process block */

	/* STAGE_EXTERNAL */
	char *path;
	char **argv;
	sh_buf stdin_data;
	bool fed;

	/* redirections */
	sh_stream_state streams;
	bool redirected_streams;
	char *output_file;
	bool output_append;
	sh_collector output_collector;
	char *error_file;
	bool error_append;
	sh_collector error_collector;
	sh_sink error_sink;
} stage;

typedef struct runner {
	sh_interp *in;
	stage *stages;
	size_t n;
	const sh_sink *final;
	size_t stop_index;
	bool external_stop;
	/* While the begin steps run, output waits here (per producing stage)
	   until every stage has begun, as PowerShell does. */
	bool beginning;
	sh_value **queued;
} runner;

/* ------------------------------------------------------------------ */
/* stage plumbing */

static sh_status deliver(runner *r, size_t j, sh_value *v);

static sh_status stage_sink_write(void *ctx, sh_value *v)
{
	stage *s = ctx;
	runner *r = s->runner;
	if (r->beginning) {
		if (!r->queued[s->index])
			r->queued[s->index] = sh_array_new(4);
		sh_array_append(r->queued[s->index], v);
		return SH_OK;
	}
	if (s->index + 1 >= r->n) {
		sh_status st = r->final->write(r->final->ctx, v);
		if (st == SH_STOP)
			r->external_stop = true;
		return st;
	}
	sh_status st = deliver(r, s->index + 1, v);
	if (st == SH_STOP && r->stop_index < s->index + 1)
		r->stop_index = s->index + 1;
	return st;
}

typedef struct saved_context {
	sh_stream_state streams;
	const sh_ast_unit *unit;
	sh_scope *current;
	struct sh_cmd *cmd;
} saved_context;

static void stage_enter(stage *s, saved_context *saved)
{
	sh_interp *in = s->runner->in;
	saved->streams = in->streams;
	saved->unit = in->unit;
	saved->current = in->current;
	saved->cmd = in->current_cmd;
	if (s->redirected_streams)
		in->streams = s->streams;
	if (s->kind == STAGE_CMDLET)
		in->current_cmd = &s->cmd;
	if (s->kind == STAGE_FUNCTION) {
		sh_scriptblock *sb = sh_scriptblock_of(s->block);
		in->unit = sb->unit;
		if (s->scope)
			in->current = s->scope;
	}
}

static void stage_leave(stage *s, const saved_context *saved)
{
	sh_interp *in = s->runner->in;
	in->streams = saved->streams;
	in->unit = saved->unit;
	in->current = saved->current;
	in->current_cmd = saved->cmd;
}

/* ------------------------------------------------------------------ */
/* errors of commands */

static const char *command_class(const sh_cmdlet *def, char *buf, size_t size)
{
	if (def->class_name)
		return def->class_name;
	/* Get-ChildItem -> Microsoft.PowerShell.Commands.GetChildItemCommand */
	size_t n = (size_t)snprintf(buf, size, "Microsoft.PowerShell.Commands.");
	for (const char *p = def->name; *p && n + 8 < size; p++)
		if (*p != '-')
			buf[n++] = *p;
	snprintf(buf + n, size - n, "Command");
	return buf;
}

static sh_value *command_error_record(sh_cmd *c, const sh_error_info *info)
{
	char cls[160];
	sh_error_site site = {c->unit, c->node, c->def->name,
	                      command_class(c->def, cls, sizeof cls)};
	return sh_error_record_new(info, &site);
}

sh_status sh_emit_error(sh_interp *in, sh_value *record, sh_action_pref action)
{
	if (action == SH_ACTION_IGNORE) {
		sh_unref(record);
		return SH_OK;
	}
	sh_record_error(in, record);
	in->statement_failed = true;
	if (action == SH_ACTION_STOP) {
		sh_set_pending_error(in, record);
		in->pending_fatal = true;
		return SH_THROW;
	}
	if (action == SH_ACTION_SILENTLY_CONTINUE) {
		sh_unref(record);
		return SH_OK;
	}
	return sh_route_error(in, record);
}

sh_status sh_route_error(sh_interp *in, sh_value *record)
{
	switch (in->streams.errors) {
	case SH_ERR_DISPLAY:
		sh_display_error(in, record);
		break;
	case SH_ERR_DISCARD:
		break;
	case SH_ERR_TO_OUTPUT:
	case SH_ERR_TO_FILE:
		return in->streams.error_sink->write(in->streams.error_sink->ctx, record);
	}
	sh_unref(record);
	return SH_OK;
}

static sh_action_pref cmd_error_action(sh_cmd *c)
{
	return c->error_action_set ? c->error_action : sh_pref(c->in, "ErrorActionPreference");
}

sh_status sh_write_error_record(sh_cmd *c, sh_value *record)
{
	if (c->error_items)
		sh_array_append(c->error_items, sh_ref(record));
	return sh_emit_error(c->in, record, cmd_error_action(c));
}

sh_status sh_write_error(sh_cmd *c, const sh_error_info *info)
{
	return sh_write_error_record(c, command_error_record(c, info));
}

sh_status sh_throw(sh_cmd *c, const sh_error_info *info)
{
	sh_value *rec = command_error_record(c, info);
	if (c->error_items)
		sh_array_append(c->error_items, sh_ref(rec));
	sh_record_error(c->in, rec);
	c->in->statement_failed = true;
	sh_set_pending_error(c->in, rec);
	c->in->pending_fatal = cmd_error_action(c) == SH_ACTION_STOP;
	return SH_THROW;
}

static sh_status vreport(sh_cmd *c, bool terminating, sh_error_category cat, const char *error_id,
                         sh_value *target, const char *fmt, va_list ap)
{
	sh_buf b = {0};
	buf_vprintf(&b, fmt, ap);
	sh_error_info info = {
	    .message = buf_str(&b), .category = cat, .error_id = error_id, .target = target};
	if (cat == SH_CAT_OBJECT_NOT_FOUND && error_id && strcmp(error_id, "PathNotFound") == 0)
		info.exception_type = "System.Management.Automation.ItemNotFoundException";
	sh_status st = terminating ? sh_throw(c, &info) : sh_write_error(c, &info);
	buf_free(&b);
	return st;
}

sh_status sh_errorf(sh_cmd *c, sh_error_category cat, const char *error_id, sh_value *target,
                    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sh_status st = vreport(c, false, cat, error_id, target, fmt, ap);
	va_end(ap);
	return st;
}

sh_status sh_throwf(sh_cmd *c, sh_error_category cat, const char *error_id, sh_value *target,
                    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sh_status st = vreport(c, true, cat, error_id, target, fmt, ap);
	va_end(ap);
	return st;
}

/* ------------------------------------------------------------------ */
/* the other streams */

static void host_line(sh_interp *in, const char *prefix, const char *text, const char *ansi)
{
	fflush(stdout);
	if (in->host.color && ansi)
		printf("%s%s%s\033[0m\n", ansi, prefix, text);
	else
		printf("%s%s\n", prefix, text);
	fflush(stdout);
}

static void vstream(sh_cmd *c, sh_action_pref action, const char *prefix, const char *ansi,
                    bool discarded, const char *fmt, va_list ap)
{
	if (action == SH_ACTION_SILENTLY_CONTINUE || action == SH_ACTION_IGNORE || discarded)
		return;
	sh_buf b = {0};
	buf_vprintf(&b, fmt, ap);
	host_line(c->in, prefix, buf_str(&b), ansi);
	buf_free(&b);
}

void sh_write_warning(sh_cmd *c, const char *fmt, ...)
{
	sh_action_pref a =
	    c->warning_action_set ? c->warning_action : sh_pref(c->in, "WarningPreference");
	va_list ap;
	va_start(ap, fmt);
	vstream(c, a, "WARNING: ", "\033[93m", c->in->streams.discard_warnings, fmt, ap);
	va_end(ap);
}

void sh_write_verbose(sh_cmd *c, const char *fmt, ...)
{
	sh_action_pref a = c->verbose ? SH_ACTION_CONTINUE : sh_pref(c->in, "VerbosePreference");
	va_list ap;
	va_start(ap, fmt);
	vstream(c, a, "VERBOSE: ", "\033[96m", c->in->streams.discard_verbose, fmt, ap);
	va_end(ap);
}

void sh_write_debug(sh_cmd *c, const char *fmt, ...)
{
	sh_action_pref a = c->debug ? SH_ACTION_CONTINUE : sh_pref(c->in, "DebugPreference");
	va_list ap;
	va_start(ap, fmt);
	vstream(c, a, "DEBUG: ", "\033[93m", false, fmt, ap);
	va_end(ap);
}

void sh_write_information(sh_cmd *c, sh_value *message)
{
	sh_action_pref a = c->information_action_set ? c->information_action
	                                             : sh_pref(c->in, "InformationPreference");
	if (a == SH_ACTION_CONTINUE && !c->in->streams.discard_information) {
		char *s = sh_to_string(message);
		host_line(c->in, "", s, NULL);
		free(s);
	}
	sh_unref(message);
}

static const int ansi_fg[] = {30, 34, 32, 36, 31, 35, 33, 37, 90, 94, 92, 96, 91, 95, 93, 97};

void sh_write_host(sh_interp *in, const char *text, sh_color fg, sh_color bg, bool newline)
{
	fflush(stdout);
	bool styled = in->host.color && (fg != SH_COLOR_DEFAULT || bg != SH_COLOR_DEFAULT);
	if (styled) {
		if (fg != SH_COLOR_DEFAULT)
			printf("\033[%dm", ansi_fg[fg]);
		if (bg != SH_COLOR_DEFAULT)
			printf("\033[%dm", ansi_fg[bg] + 10);
	}
	fputs(text, stdout);
	if (styled)
		fputs("\033[0m", stdout);
	if (newline)
		fputc('\n', stdout);
	fflush(stdout);
}

/* Remembers "Yes to All" / "No to All" across one command's actions. */
typedef struct confirm_state {
	bool yes_to_all, no_to_all;
} confirm_state;

typedef enum confirm_result { CONFIRM_NO = 0, CONFIRM_YES, CONFIRM_CANNOT_ASK } confirm_result;

/* -WhatIf / -Confirm, for cmdlets and script functions alike. */
static confirm_result confirm_action(sh_interp *in, bool whatif, bool ask, confirm_state *cs,
                                     const char *target, const char *action)
{
	if (whatif) {
		sh_buf b = {0};
		buf_printf(&b, "What if: Performing the operation \"%s\" on target \"%s\".", action,
		           target);
		sh_write_host(in, buf_str(&b), SH_COLOR_DEFAULT, SH_COLOR_DEFAULT, true);
		buf_free(&b);
		return CONFIRM_NO;
	}
	if (!ask || cs->yes_to_all)
		return CONFIRM_YES;
	if (cs->no_to_all)
		return CONFIRM_NO;
	for (;;) {
		sh_buf b = {0};
		buf_printf(
		    &b,
		    "\nConfirm\nAre you sure you want to perform this action?\nPerforming the "
		    "operation \"%s\" on target \"%s\".\n[Y] Yes  [A] Yes to All  [N] No  [L] "
		    "No to All  [S] Suspend  [?] Help (default is \"Y\"): ",
		    action, target);
		char *answer = sh_host_read_line(in, buf_str(&b), false);
		buf_free(&b);
		if (!answer)
			return CONFIRM_CANNOT_ASK;
		char a = (char)(answer[0] | 0x20);
		bool empty = answer[0] == 0;
		free(answer);
		if (empty || a == 'y')
			return CONFIRM_YES;
		if (a == 'a') {
			cs->yes_to_all = true;
			return CONFIRM_YES;
		}
		if (a == 'n' || a == 's')
			return CONFIRM_NO;
		if (a == 'l') {
			cs->no_to_all = true;
			return CONFIRM_NO;
		}
		sh_write_host(
		    in,
		    "Y - Continue with only the next step of the operation.\nA - Continue "
		    "with all the steps of the operation.\nN - Skip this operation and "
		    "proceed to the next operation.\nL - Skip this operation and all "
		    "subsequent operations.\nS - Pause the current pipeline.",
		    SH_COLOR_DEFAULT, SH_COLOR_DEFAULT, true);
	}
}

static const char noninteractive_message[] =
    "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.";

bool sh_should_process(sh_cmd *c, const char *target, const char *action)
{
	sh_interp *in = c->in;
	bool whatif = c->whatif || (!c->confirm && sh_to_bool(sh_var_get(in, "WhatIfPreference")));
	bool high = (c->def->flags & SH_CMD_CONFIRM_IMPACT_HIGH) != 0;
	char *pref = sh_to_string(sh_var_get(in, "ConfirmPreference"));
	bool pref_asks = high && !str_ieq(pref, "None");
	free(pref);
	bool ask = c->confirm || (pref_asks && !c->confirm_false && !sh_switch(c, "Force"));
	confirm_state cs = {c->yes_to_all, c->no_to_all};
	confirm_result r = confirm_action(in, whatif, ask, &cs, target, action);
	c->yes_to_all = cs.yes_to_all;
	c->no_to_all = cs.no_to_all;
	if (r == CONFIRM_CANNOT_ASK)
		sh_errorf(c, SH_CAT_INVALID_OPERATION, "NonInteractive", NULL, "%s",
		          noninteractive_message);
	return r == CONFIRM_YES;
}

/* $PSCmdlet of an advanced function: its parameter set, and
 * ShouldProcess for functions that declare SupportsShouldProcess. */
typedef struct script_cmdlet {
	char *name;
	confirm_state confirm;
} script_cmdlet;

static void script_cmdlet_free(void *native)
{
	script_cmdlet *sc = native;
	free(sc->name);
	free(sc);
}

static int script_cmdlet_method(sh_interp *in, sh_value *self, const char *name, sh_value **args,
                                size_t nargs, sh_value **result, char **error)
{
	script_cmdlet *sc = sh_object_native(self);
	if (!str_ieq(name, "ShouldProcess"))
		return 1;
	if (nargs < 1 || nargs > 3) {
		*error = xasprintf("Cannot find an overload for \"ShouldProcess\" and the argument "
		                   "count: \"%zu\".",
		                   nargs);
		return -1;
	}
	char *target = sh_to_string(args[0]);
	char *action = nargs >= 2 ? sh_to_string(args[1]) : xstrdup(sc->name);
	char *pref = sh_to_string(sh_var_get(in, "ConfirmPreference"));
	bool ask = str_ieq(pref, "Low") || str_ieq(pref, "Medium");
	free(pref);
	confirm_result r = confirm_action(in, sh_to_bool(sh_var_get(in, "WhatIfPreference")), ask,
	                                  &sc->confirm, target, action);
	free(target);
	free(action);
	if (r == CONFIRM_CANNOT_ASK) {
		*error = xasprintf("Exception calling \"ShouldProcess\" with \"%zu\" argument(s): "
		                   "\"%s\"",
		                   nargs, noninteractive_message);
		return -1;
	}
	*result = sh_bool(r == CONFIRM_YES);
	return 0;
}

static const sh_class script_cmdlet_class = {
    .name = "PSScriptCmdlet",
    .call_method = script_cmdlet_method,
    .free_native = script_cmdlet_free,
};

/* $PSCmdlet and $MyInvocation for a function or script that starts. */
static void set_invocation_variables(sh_interp *in, const char *name, const sh_param_table *t,
                                     const sh_binding *b, const char *script_path)
{
	sh_value *command = sh_object_new("System.Management.Automation.FunctionInfo");
	sh_object_set_note(command, "Name", sh_string(name));
	sh_value *invocation = sh_object_new("System.Management.Automation.InvocationInfo");
	sh_object_set_note(invocation, "MyCommand", command);
	sh_object_set_note(invocation, "InvocationName", sh_string(name));
	sh_object_set_note(invocation, "ScriptName", sh_string(script_path ? script_path : ""));
	sh_object_set_note(invocation, "BoundParameters",
	                   sh_ref(sh_var_get(in, "PSBoundParameters")));
	sh_var_set(in, "MyInvocation", invocation);
	if (!t->advanced)
		return;
	sh_value *cmdlet = sh_object_new("System.Management.Automation.PSScriptCmdlet");
	const char *set = sh_binding_set_name(b);
	sh_object_set_note(cmdlet, "ParameterSetName", sh_string(set ? set : "__AllParameterSets"));
	sh_object_set_note(cmdlet, "MyInvocation", sh_ref(invocation));
	script_cmdlet *sc = xcalloc(1, sizeof *sc);
	sc->name = xstrdup(name);
	sh_object_set_native(cmdlet, &script_cmdlet_class, sc);
	sh_var_set(in, "PSCmdlet", cmdlet);
}

bool sh_interrupted(sh_interp *in)
{
	(void)in;
	return sh_interrupt_flag != 0;
}

/* ------------------------------------------------------------------ */
/* running cmdlets: accessors */

sh_interp *sh_cmd_interp(sh_cmd *c)
{
	return c->in;
}

const sh_cmdlet *sh_cmd_def(sh_cmd *c)
{
	return c->def;
}

void *sh_cmd_state(sh_cmd *c)
{
	return c->state;
}

const char *sh_cmd_param_set(sh_cmd *c)
{
	return sh_binding_set_name(&c->binding);
}

bool sh_cmd_has_pipeline_input(sh_cmd *c)
{
	return c->has_input;
}

sh_value *sh_param(sh_cmd *c, const char *name)
{
	int i = sh_param_index(c->table, name);
	return i >= 0 && c->binding.bound[i] ? c->binding.values[i] : NULL;
}

bool sh_param_bound(sh_cmd *c, const char *name)
{
	int i = sh_param_index(c->table, name);
	return i >= 0 && c->binding.bound[i];
}

bool sh_switch(sh_cmd *c, const char *name)
{
	int i = sh_param_index(c->table, name);
	return i >= 0 && c->binding.bound[i] && sh_to_bool(c->binding.values[i]);
}

const char *sh_param_str(sh_cmd *c, const char *name)
{
	sh_value *v = sh_param(c, name);
	if (!v)
		return NULL;
	if (sh_kind_of(v) == SH_ARRAY)
		v = sh_array_len(v) ? sh_array_get(v, 0) : NULL;
	return v ? sh_str(v) : NULL;
}

int64_t sh_param_int(sh_cmd *c, const char *name, int64_t default_value)
{
	int64_t n;
	sh_value *v = sh_param(c, name);
	return v && sh_to_int64(v, &n, NULL) ? n : default_value;
}

double sh_param_double(sh_cmd *c, const char *name, double default_value)
{
	double d;
	sh_value *v = sh_param(c, name);
	return v && sh_to_double(v, &d, NULL) ? d : default_value;
}

sh_status sh_emit(sh_cmd *c, sh_value *v)
{
	if (c->out_items)
		sh_array_append(c->out_items, sh_ref(v));
	return c->out.write(c->out.ctx, v);
}

sh_status sh_emit_enumerated(sh_cmd *c, sh_value *v)
{
	if (sh_kind_of(v) != SH_ARRAY)
		return sh_emit(c, v);
	sh_status st = SH_OK;
	for (size_t i = 0; i < sh_array_len(v) && st == SH_OK; i++)
		st = sh_emit(c, sh_ref(sh_array_get(v, i)));
	sh_unref(v);
	return st;
}

sh_sink sh_cmd_output(sh_cmd *c)
{
	return c->out;
}

/* Reads the common parameters a cmdlet was given. */
static void apply_common_parameters(sh_cmd *c)
{
	sh_value *v;
	if ((v = sh_param(c, "ErrorAction"))) {
		c->error_action_set = true;
		c->error_action = SH_ACTION_CONTINUE;
		for (int i = 0; sh_action_pref_names[i]; i++)
			if (str_ieq(sh_str(v), sh_action_pref_names[i]))
				c->error_action = (sh_action_pref)i;
	}
	if ((v = sh_param(c, "WarningAction"))) {
		c->warning_action_set = true;
		for (int i = 0; sh_action_pref_names[i]; i++)
			if (str_ieq(sh_str(v), sh_action_pref_names[i]))
				c->warning_action = (sh_action_pref)i;
	}
	if ((v = sh_param(c, "InformationAction"))) {
		c->information_action_set = true;
		for (int i = 0; sh_action_pref_names[i]; i++)
			if (str_ieq(sh_str(v), sh_action_pref_names[i]))
				c->information_action = (sh_action_pref)i;
	}
	c->verbose = sh_switch(c, "Verbose");
	c->debug = sh_switch(c, "Debug");
	c->whatif = sh_switch(c, "WhatIf");
	c->confirm = sh_switch(c, "Confirm");
	c->confirm_false = sh_param_bound(c, "Confirm") && !c->confirm;
	const char *ev = sh_param_str(c, "ErrorVariable");
	if (ev && *ev) {
		c->error_variable = xstrdup(ev);
		c->error_items = sh_array_new(2);
	}
	const char *ov = sh_param_str(c, "OutVariable");
	if (ov && *ov) {
		c->out_variable = xstrdup(ov);
		c->out_items = sh_array_new(8);
	}
}

/* -ErrorVariable / -OutVariable: "+name" appends to what is there. */
static void store_collected(sh_interp *in, const char *spec, sh_value *items)
{
	bool append = spec[0] == '+';
	const char *name = append ? spec + 1 : spec;
	sh_value *result = items;
	sh_ref(items);
	if (append) {
		sh_value *old = sh_var_get(in, name);
		result = sh_array_new(8);
		if (sh_kind_of(old) == SH_ARRAY)
			for (size_t i = 0; i < sh_array_len(old); i++)
				sh_array_append(result, sh_ref(sh_array_get(old, i)));
		else if (old)
			sh_array_append(result, sh_ref(old));
		for (size_t i = 0; i < sh_array_len(items); i++)
			sh_array_append(result, sh_ref(sh_array_get(items, i)));
		sh_unref(items);
	}
	sh_var_set(in, name, result);
}

/* ------------------------------------------------------------------ */
/* arguments */

static void add_arg(stage *s, const char *name, sh_value *value, bool has_value,
                    const sh_node *node)
{
	sh_arg a = {name, value, has_value, node};
	size_t cap = s->nargs;
	(void)cap;
	s->args = xrealloc(s->args, (s->nargs + 1) * sizeof *s->args);
	s->args[s->nargs++] = a;
	if (value) {
		s->arg_values =
		    xrealloc(s->arg_values, (s->narg_values + 1) * sizeof *s->arg_values);
		s->arg_values[s->narg_values++] = value;
	}
}

static const char *own_name(stage *s, char *name)
{
	s->arg_names = xrealloc(s->arg_names, (s->narg_names + 1) * sizeof *s->arg_names);
	s->arg_names[s->narg_names++] = name;
	return name;
}

static sh_status evaluate_arguments(sh_interp *in, stage *s, const sh_node *cmd)
{
	const sh_nodelist *el = &cmd->u.command.elements;
	for (size_t i = 1; i < el->len; i++) {
		const sh_node *e = el->items[i];
		sh_status st;
		if (e->kind == N_COMMAND_PARAM) {
			sh_value *v = NULL;
			if (e->u.command_param.argument &&
			    (st = sh_eval_expr(in, e->u.command_param.argument, &v)) != SH_OK)
				return st;
			add_arg(s, e->u.command_param.name, v, e->u.command_param.colon, e);
			continue;
		}
		if (e->kind == N_VARIABLE && e->u.variable.splat) {
			sh_value *v = NULL;
			if ((st = sh_eval_expr(in, e, &v)) != SH_OK)
				return st;
			if (sh_kind_of(v) == SH_HASHTABLE) {
				for (size_t k = 0; k < sh_hash_len(v); k++) {
					char *name = sh_to_string(sh_hash_key_at(v, k));
					add_arg(s, own_name(s, name),
					        sh_ref(sh_hash_value_at(v, k)), true, e);
				}
			} else if (sh_kind_of(v) == SH_ARRAY) {
				for (size_t k = 0; k < sh_array_len(v); k++)
					add_arg(s, NULL, sh_ref(sh_array_get(v, k)), false, e);
			} else if (v) {
				add_arg(s, NULL, sh_ref(v), false, e);
			}
			sh_unref(v);
			continue;
		}
		sh_value *v = NULL;
		if ((st = sh_eval_expr(in, e, &v)) != SH_OK)
			return st;
		if (!v) /* keep $null arguments: they still take a position */
			add_arg(s, NULL, NULL, false, e);
		else
			add_arg(s, NULL, v, false, e);
	}
	return SH_OK;
}

/* ------------------------------------------------------------------ */
/* binding errors */

static sh_status raise_bind_error(sh_interp *in, stage *s, const char *command, const char *cls,
                                  sh_bind_error *err)
{
	sh_error_site site = {in->unit, err->node ? err->node : s->node, command, cls};
	sh_error_info info = {.message = err->message,
	                      .exception_type =
	                          "System.Management.Automation.ParameterBindingException",
	                      .category = err->category,
	                      .error_id = err->error_id};
	sh_value *rec = sh_error_record_new(&info, &site);
	sh_bind_error_clear(err);
	sh_record_error(in, rec);
	in->statement_failed = true;
	sh_set_pending_error(in, rec);
	in->pending_fatal = sh_pref(in, "ErrorActionPreference") == SH_ACTION_STOP;
	return SH_THROW;
}

/* An advanced function's -Verbose, -ErrorAction ... become its own
 * preference variables, so what it calls inherits them. */
static void apply_preference_parameters(sh_interp *in, const sh_param_table *t, const sh_binding *b)
{
	static const struct {
		const char *param, *variable;
		bool is_switch;
	} map[] = {
	    {"Verbose", "VerbosePreference", true},
	    {"Debug", "DebugPreference", true},
	    {"ErrorAction", "ErrorActionPreference", false},
	    {"WarningAction", "WarningPreference", false},
	    {"InformationAction", "InformationPreference", false},
	    {"WhatIf", "WhatIfPreference", false},
	    {"Confirm", "ConfirmPreference", true},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		int k = sh_param_index(t, map[i].param);
		if (k < 0 || (size_t)k < t->ndeclared || !b->bound[k])
			continue;
		sh_value *v = b->values[k];
		bool on = sh_to_bool(v);
		if (str_ieq(map[i].param, "Confirm"))
			sh_var_set(in, map[i].variable, sh_string(on ? "Low" : "None"));
		else if (map[i].is_switch)
			sh_var_set(in, map[i].variable,
			           sh_string(on ? "Continue" : "SilentlyContinue"));
		else
			sh_var_set(in, map[i].variable, sh_ref(v));
	}
}

/* Sets a script's parameter variables in the current scope from a binding. */
static sh_status apply_script_binding(sh_interp *in, const sh_param_table *t, sh_binding *b,
                                      bool only_pipeline)
{
	sh_value *bound = only_pipeline ? NULL : sh_hash_new(false);
	for (size_t i = 0; i < t->ndeclared; i++) {
		const sh_param_def *p = &t->params[i];
		if (only_pipeline && !b->from_pipeline[i])
			continue;
		if (b->bound[i]) {
			sh_var_set(in, p->name, sh_ref(b->values[i]));
			if (bound)
				sh_hash_set_str(bound, p->name, sh_ref(b->values[i]));
			continue;
		}
		if (only_pipeline)
			continue;
		const sh_node *default_value = t->extra ? t->extra[i].default_value : NULL;
		sh_value *v = NULL;
		if (default_value) {
			sh_status st = sh_eval_expr(in, default_value, &v);
			if (st != SH_OK) {
				sh_unref(bound);
				return st;
			}
			sh_value *converted;
			char *error = NULL;
			if (v && sh_convert_to_param(p, v, &converted, &error) == 0) {
				sh_unref(v);
				v = converted;
			}
			free(error);
		} else {
			switch (p->type) {
			case SH_P_SWITCH:
			case SH_P_BOOL:
				v = sh_bool(false);
				break;
			case SH_P_INT:
				v = (p->flags & SH_PF_ARRAY) ? NULL : sh_int(0);
				break;
			case SH_P_LONG:
				v = (p->flags & SH_PF_ARRAY) ? NULL : sh_long(0);
				break;
			case SH_P_DOUBLE:
				v = (p->flags & SH_PF_ARRAY) ? NULL : sh_double(0);
				break;
			case SH_P_STRING:
				v = (p->flags & SH_PF_ARRAY) ? NULL : sh_string("");
				break;
			default:
				break;
			}
		}
		sh_var_set(in, p->name, v);
	}
	if (!only_pipeline && t->advanced)
		apply_preference_parameters(in, t, b);
	if (!only_pipeline) {
		sh_var_set(in, "PSBoundParameters", bound);
		sh_var_set(in, "args", b->remaining ? sh_ref(b->remaining) : sh_array_new(0));
	}
	return SH_OK;
}

sh_status sh_bind_block_arguments(sh_interp *in, const sh_node *scriptblock, const sh_arg *args,
                                  size_t nargs)
{
	const sh_param_table *t = sh_table_for_block(in, scriptblock);
	sh_binding b;
	sh_bind_error err = {0};
	if (sh_bind_arguments(in, t, args, nargs, false, true, &b, &err) < 0) {
		sh_error_site site = {in->unit, err.node ? err.node : scriptblock, NULL, NULL};
		sh_error_info info = {.message = err.message,
		                      .exception_type =
		                          "System.Management.Automation.ParameterBindingException",
		                      .category = err.category,
		                      .error_id = err.error_id};
		sh_value *rec = sh_error_record_new(&info, &site);
		sh_bind_error_clear(&err);
		sh_record_error(in, rec);
		sh_set_pending_error(in, rec);
		in->pending_fatal = false;
		return SH_THROW;
	}
	sh_status st = apply_script_binding(in, t, &b, false);
	sh_binding_free(&b);
	return st;
}

/* ------------------------------------------------------------------ */
/* preparing stages */

static sh_status prepare_cmdlet(sh_interp *in, stage *s, const sh_cmdlet *def, bool has_input)
{
	s->kind = STAGE_CMDLET;
	sh_cmd *c = &s->cmd;
	c->in = in;
	c->def = def;
	c->table = sh_table_for_cmdlet(in, def);
	c->node = s->node;
	c->unit = in->unit;
	c->has_input = has_input;
	c->out = s->out;
	sh_bind_error err = {0};
	char cls[160];
	if (sh_bind_arguments(in, c->table, s->args, s->nargs, has_input, false, &c->binding,
	                      &err) < 0) {
		c->def = NULL;
		return raise_bind_error(in, s, def->name, command_class(def, cls, sizeof cls),
		                        &err);
	}
	c->state = def->state_size ? xcalloc(1, def->state_size) : NULL;
	apply_common_parameters(c);
	return SH_OK;
}

static sh_status prepare_function(sh_interp *in, stage *s, sh_value *block, bool has_input,
                                  const char *name)
{
	s->kind = STAGE_FUNCTION;
	s->block = sh_ref(block);
	s->command_name = xstrdup(name);
	sh_scriptblock *sb = sh_scriptblock_of(block);
	s->body = sb->body;
	s->table = sh_table_for_block(in, sb->body);
	sh_bind_error err = {0};
	if (sh_bind_arguments(in, s->table, s->args, s->nargs, has_input, true, &s->binding, &err) <
	    0)
		return raise_bind_error(in, s, name, name, &err);
	s->bound = true;
	if (in->depth >= 400)
		return sh_raisef(in, s->node, SH_CAT_INVALID_OPERATION, "CallDepthOverflow",
		                 "System.Management.Automation.ScriptCallDepthException",
		                 "The script failed due to call depth overflow.");
	return SH_OK;
}

static sh_status command_not_found(sh_interp *in, const sh_node *name_node, const char *name);

static sh_status prepare_script_file(sh_interp *in, stage *s, const char *path, bool has_input)
{
	size_t len = 0;
	char *text = read_whole_file(path, &len);
	if (!text)
		return command_not_found(in, s->node, path);
	sh_parse_error pe = {0};
	sh_ast_unit *u = sh_parse(text, len, path, &pe);
	if (!u) {
		sh_value *rec = sh_error_record_from_parse(&pe, text, path);
		sh_parse_error_clear(&pe);
		free(text);
		sh_record_error(in, rec);
		in->statement_failed = true;
		sh_set_pending_error(in, rec);
		in->pending_fatal = false;
		return SH_THROW;
	}
	free(text);
	sh_value *block = sh_scriptblock_new(u, u->root);
	sh_ast_unit_unref(u);
	s->is_script = true;
	s->script_path = xstrdup(path);
	sh_status st = prepare_function(in, s, block, has_input, path);
	sh_unref(block);
	return st;
}

static sh_status prepare_external(sh_interp *in, stage *s, const char *name, char *path)
{
	s->kind = STAGE_EXTERNAL;
	s->path = path;
	size_t argc = 1;
	for (size_t i = 0; i < s->nargs; i++)
		argc += (sh_kind_of(s->args[i].value) == SH_ARRAY ? sh_array_len(s->args[i].value)
		                                                  : 1) +
		        1;
	s->argv = xcalloc(argc + 1, sizeof *s->argv);
	size_t k = 0;
	s->argv[k++] = xstrdup(name);
	for (size_t i = 0; i < s->nargs; i++) {
		const sh_arg *a = &s->args[i];
		if (a->name) {
			if (a->has_value) {
				char *v = sh_to_string(a->value);
				s->argv[k++] = xasprintf("-%s:%s", a->name, v);
				free(v);
			} else {
				s->argv[k++] = xasprintf("-%s", a->name);
			}
			continue;
		}
		if (sh_kind_of(a->value) == SH_ARRAY) {
			for (size_t j = 0; j < sh_array_len(a->value); j++)
				s->argv[k++] = sh_to_string(sh_array_get(a->value, j));
		} else {
			s->argv[k++] = sh_to_string(a->value);
		}
	}
	(void)in;
	return SH_OK;
}

static sh_status command_not_found(sh_interp *in, const sh_node *name_node, const char *name)
{
	sh_error_site site = {in->unit, name_node, name, NULL};
	sh_buf b = {0};
	buf_printf(&b,
	           "The term '%s' is not recognized as a name of a cmdlet, function, script file, "
	           "or executable program.\nCheck the spelling of the name, or if a path was "
	           "included, verify that the path is correct and try again.",
	           name);
	sh_value *target = sh_string(name);
	sh_error_info info = {.message = buf_str(&b),
	                      .exception_type =
	                          "System.Management.Automation.CommandNotFoundException",
	                      .category = SH_CAT_OBJECT_NOT_FOUND,
	                      .error_id = "CommandNotFoundException",
	                      .target = target,
	                      .activity = ""}; /* no command ran: "[]" as PowerShell shows */
	sh_value *rec = sh_error_record_new(&info, &site);
	sh_unref(target);
	buf_free(&b);
	sh_record_error(in, rec);
	in->statement_failed = true;
	sh_set_pending_error(in, rec);
	in->pending_fatal = sh_pref(in, "ErrorActionPreference") == SH_ACTION_STOP;
	return SH_THROW;
}

static bool is_null_variable(const sh_node *n)
{
	return n && n->kind == N_VARIABLE && str_ieq(n->u.variable.name, "null") &&
	       !n->u.variable.scope;
}

static char *redirect_path(sh_interp *in, const sh_node *target, sh_status *st)
{
	sh_value *v = NULL;
	*st = sh_eval_expr(in, target, &v);
	if (*st != SH_OK)
		return NULL;
	char *name = sh_to_string(v);
	sh_unref(v);
	char *full = sh_full_path(in, name);
	free(name);
	return full;
}

static sh_status prepare_redirections(sh_interp *in, stage *s, const sh_nodelist *redirs)
{
	if (!redirs->len)
		return SH_OK;
	s->streams = in->streams;
	s->redirected_streams = true;
	for (size_t i = 0; i < redirs->len; i++) {
		const sh_node *r = redirs->items[i];
		sh_redir_stream from = r->u.redirection.from;
		sh_status st = SH_OK;
		if (r->u.redirection.merge_to && r->u.redirection.merge_to != SH_STREAM_OUTPUT)
			return sh_raisef(in, r, SH_CAT_INVALID_OPERATION, "RedirectionNotSupported",
			                 NULL, "The '%d>&%d' operator is reserved for future use.",
			                 (int)from, (int)r->u.redirection.merge_to);
		if (r->u.redirection.merge_to == SH_STREAM_OUTPUT) {
			if (from == SH_STREAM_ERROR || from == SH_STREAM_ALL) {
				s->streams.errors = SH_ERR_TO_OUTPUT;
				s->error_sink =
				    s->out; /* fixed up once the stage's sink is known */
				s->streams.error_sink = &s->error_sink;
			}
			continue;
		}
		bool discard = is_null_variable(r->u.redirection.target);
		char *path = discard ? NULL : redirect_path(in, r->u.redirection.target, &st);
		if (st != SH_OK)
			return st;
		if (from == SH_STREAM_OUTPUT || from == SH_STREAM_ALL) {
			free(s->output_file);
			s->output_file = path ? xstrdup(path) : NULL;
			s->output_append = r->u.redirection.append;
			sh_collector_init(&s->output_collector);
		}
		if (from == SH_STREAM_ERROR || from == SH_STREAM_ALL) {
			if (discard) {
				s->streams.errors = SH_ERR_DISCARD;
			} else {
				free(s->error_file);
				s->error_file = xstrdup(path);
				s->error_append = r->u.redirection.append;
				sh_collector_init(&s->error_collector);
				s->error_sink = sh_collector_sink(&s->error_collector);
				s->streams.errors = SH_ERR_TO_FILE;
				s->streams.error_sink = &s->error_sink;
			}
		}
		if (from == SH_STREAM_WARNING || from == SH_STREAM_ALL)
			s->streams.discard_warnings = true;
		if (from == SH_STREAM_VERBOSE || from == SH_STREAM_ALL)
			s->streams.discard_verbose = true;
		if (from == SH_STREAM_INFORMATION || from == SH_STREAM_ALL)
			s->streams.discard_information = true;
		if (discard && (from == SH_STREAM_OUTPUT || from == SH_STREAM_ALL)) {
			/* > $null: output is dropped */
			free(s->output_file);
			s->output_file = xstrdup("");
		}
		free(path);
	}
	return SH_OK;
}

static bool asks_for_help(const stage *s)
{
	for (size_t i = 0; i < s->nargs; i++)
		if (s->args[i].name && strcmp(s->args[i].name, "?") == 0)
			return true;
	return false;
}

static sh_status prepare_stage(sh_interp *in, runner *r, size_t i)
{
	stage *s = &r->stages[i];
	const sh_node *el = s->node;
	bool has_input = i > 0;
	sh_status st;
	if (el->kind == N_COMMAND_EXPR) {
		s->kind = STAGE_EXPR;
		if (i > 0)
			return sh_raisef(in, el, SH_CAT_PARSER_ERROR,
			                 "ExpressionsMustBeFirstInPipeline", NULL,
			                 "Expressions are only allowed as the first element of a "
			                 "pipeline.");
		return prepare_redirections(in, s, &el->u.command_expr.redirections);
	}
	if ((st = prepare_redirections(in, s, &el->u.command.redirections)) != SH_OK)
		return st;
	const sh_node *name_node = el->u.command.elements.items[0];
	sh_value *name_value = NULL;
	if ((st = sh_eval_expr(in, name_node, &name_value)) != SH_OK)
		return st;
	if ((st = evaluate_arguments(in, s, el)) != SH_OK) {
		sh_unref(name_value);
		return st;
	}
	s->dot_source = el->u.command.invocation == '.';
	if (sh_kind_of(name_value) == SH_SCRIPTBLOCK) {
		st = prepare_function(in, s, name_value, has_input, "");
		sh_unref(name_value);
		return st;
	}
	char *name = sh_to_string(name_value);
	sh_unref(name_value);
	const sh_cmdlet *def = NULL;
	sh_value *fn = NULL;
	char *path = NULL;
	sh_command_kind kind = sh_resolve_command(in, name, &def, &fn, &path);
	/* `NAME -?` shows the command's help, as Get-Help NAME does */
	const sh_cmdlet *help = NULL;
	if ((kind == SH_CMDK_CMDLET || kind == SH_CMDK_FUNCTION) && asks_for_help(s) &&
	    (help = sh_find_cmdlet(in, "Get-Help")) != NULL) {
		s->nargs = 0;
		add_arg(s, NULL, sh_string(name), false, name_node);
		st = prepare_cmdlet(in, s, help, has_input);
		free(name);
		return st;
	}
	switch (kind) {
	case SH_CMDK_FUNCTION:
		st = prepare_function(in, s, fn, has_input, name);
		break;
	case SH_CMDK_CMDLET:
		st = prepare_cmdlet(in, s, def, has_input);
		break;
	case SH_CMDK_SCRIPT:
		st = prepare_script_file(in, s, path, has_input);
		free(path);
		break;
	case SH_CMDK_EXTERNAL:
		st = prepare_external(in, s, name, path);
		break;
	default:
		st = command_not_found(in, name_node, name);
		break;
	}
	free(name);
	return st;
}

/* ------------------------------------------------------------------ */
/* running stages */

static sh_status function_begin(sh_interp *in, stage *s)
{
	in->depth++;
	if (!s->dot_source) {
		s->scope = sh_scope_new(in->current, s->is_script);
	} else {
		s->scope = in->current;
		s->scope->refcount++;
	}
	saved_context saved;
	stage_enter(s, &saved);
	const char *saved_path = in->script_path;
	sh_scope *saved_script = in->script;
	if (s->is_script) {
		in->script_path = s->script_path;
		in->script = s->scope;
	}
	sh_status st = apply_script_binding(in, s->table, &s->binding, false);
	if (st == SH_OK)
		set_invocation_variables(in, s->command_name, s->table, &s->binding,
		                         s->script_path);
	if (!s->body->u.scriptblock.process && s->runner->n > 1 && s->index > 0)
		s->input_items = sh_array_new(8);
	if (st == SH_OK && s->body->u.scriptblock.begin)
		st = sh_eval_statements(in, s->body->u.scriptblock.begin, &s->out);
	if (s->is_script) {
		in->script_path = saved_path;
		in->script = saved_script;
	}
	stage_leave(s, &saved);
	return st == SH_RETURN ? SH_OK : st;
}

static sh_status function_process(sh_interp *in, stage *s, sh_value *input, bool from_pipeline)
{
	saved_context saved;
	stage_enter(s, &saved);
	sh_status st = SH_OK;
	if (from_pipeline) {
		sh_bind_error err = {0};
		if (sh_bind_pipeline_object(in, &s->binding, input, &err) == 0)
			st = apply_script_binding(in, s->table, &s->binding, true);
		else
			sh_bind_error_clear(&err); /* simple functions take any input as $_ */
		if (s->input_items)
			sh_array_append(s->input_items, sh_ref(input));
	}
	if (st == SH_OK && s->body->u.scriptblock.process) {
		sh_var_set(in, "_", sh_ref(input));
		const char *saved_path = in->script_path;
		if (s->is_script)
			in->script_path = s->script_path;
		st = sh_eval_statements(in, s->body->u.scriptblock.process, &s->out);
		in->script_path = saved_path;
		if (st == SH_RETURN)
			st = SH_OK;
	}
	stage_leave(s, &saved);
	return st;
}

static sh_status function_end(sh_interp *in, stage *s)
{
	saved_context saved;
	stage_enter(s, &saved);
	const char *saved_path = in->script_path;
	sh_scope *saved_script = in->script;
	if (s->is_script) {
		in->script_path = s->script_path;
		in->script = s->scope;
	}
	if (s->input_items)
		sh_var_set(in, "input", sh_ref(s->input_items));
	sh_status st = sh_eval_statements(in, s->body->u.scriptblock.end, &s->out);
	if (s->is_script) {
		in->script_path = saved_path;
		in->script = saved_script;
	}
	stage_leave(s, &saved);
	if (st == SH_EXIT && s->is_script && !s->dot_source && in->depth > 1) {
		/* `exit` in a script called from a script ends just that script */
		sh_var_set_scoped(in, "global", "LASTEXITCODE", sh_int(in->exit_code));
		st = SH_OK;
	}
	return st == SH_RETURN ? SH_OK : st;
}

static sh_status run_external(sh_interp *in, stage *s)
{
	runner *r = s->runner;
	bool to_console = s->index + 1 == r->n && r->final == in->console && !s->output_file;
	int out_pipe[2] = {-1, -1};
	FILE *input = NULL;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	if (s->fed) {
		input = tmpfile();
		if (input) {
			fwrite(s->stdin_data.data ? s->stdin_data.data : "", 1, s->stdin_data.len,
			       input);
			fflush(input);
			rewind(input);
			posix_spawn_file_actions_adddup2(&fa, fileno(input), STDIN_FILENO);
		}
	}
	if (!to_console) {
		if (pipe2(out_pipe, O_CLOEXEC) != 0) {
			posix_spawn_file_actions_destroy(&fa);
			if (input)
				fclose(input);
			return sh_raisef(in, s->node, SH_CAT_RESOURCE_UNAVAILABLE, "ProgramFailed",
			                 NULL, "Program '%s' failed to run: %s", s->argv[0],
			                 strerror(errno));
		}
		posix_spawn_file_actions_adddup2(&fa, out_pipe[1], STDOUT_FILENO);
	}
	fflush(stdout);
	fflush(stderr);
	pid_t pid;
	int rc = posix_spawn(&pid, s->path, &fa, NULL, s->argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (input)
		fclose(input);
	if (out_pipe[1] >= 0)
		close(out_pipe[1]);
	if (rc != 0) {
		if (out_pipe[0] >= 0)
			close(out_pipe[0]);
		return sh_raisef(in, s->node, SH_CAT_RESOURCE_UNAVAILABLE, "ProgramFailed", NULL,
		                 "Program '%s' failed to run: %s", s->argv[0], strerror(rc));
	}
	sh_status st = SH_OK;
	if (out_pipe[0] >= 0) {
		FILE *f = fdopen(out_pipe[0], "r");
		char *line = NULL;
		size_t cap = 0;
		ssize_t n;
		while (st == SH_OK && (n = getline(&line, &cap, f)) >= 0) {
			while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
				line[--n] = 0;
			st = s->out.write(s->out.ctx, sh_string(line));
			if (st == SH_OK && sh_interrupt_flag)
				st = SH_INTERRUPT;
		}
		free(line);
		if (st != SH_OK)
			kill(pid, SIGTERM);
		fclose(f);
	}
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	sh_var_set_scoped(in, "global", "LASTEXITCODE", sh_int(code));
	if (code != 0)
		in->statement_failed = true;
	return st;
}

/* A cmdlet's begin or end callback, in the stage's context. */
static sh_status cmdlet_step(stage *s, sh_status (*step)(sh_cmd *c))
{
	if (!step)
		return SH_OK;
	saved_context saved;
	stage_enter(s, &saved);
	sh_status st = step(&s->cmd);
	stage_leave(s, &saved);
	return st;
}

static sh_status stage_begin(sh_interp *in, stage *s)
{
	switch (s->kind) {
	case STAGE_CMDLET:
		return cmdlet_step(s, s->cmd.def->begin);
	case STAGE_FUNCTION:
		return function_begin(in, s);
	default:
		return SH_OK;
	}
}

static sh_status cmdlet_process(sh_interp *in, stage *s, sh_value *input, bool from_pipeline)
{
	sh_cmd *c = &s->cmd;
	saved_context saved;
	stage_enter(s, &saved);
	sh_status st = SH_OK;
	if (from_pipeline) {
		sh_bind_error err = {0};
		if (sh_bind_pipeline_object(in, &c->binding, input, &err) < 0) {
			sh_error_info info = {
			    .message = err.message,
			    .exception_type =
			        "System.Management.Automation.ParameterBindingException",
			    .category = err.category,
			    .error_id = err.error_id,
			    .target = input};
			st = sh_write_error(c, &info);
			sh_bind_error_clear(&err);
			stage_leave(s, &saved);
			return st;
		}
	}
	if (c->def->process)
		st = c->def->process(c, input);
	stage_leave(s, &saved);
	return st;
}

static sh_status deliver(runner *r, size_t j, sh_value *v)
{
	sh_interp *in = r->in;
	stage *s = &r->stages[j];
	sh_status st = SH_OK;
	if (sh_interrupt_flag) {
		sh_unref(v);
		return SH_INTERRUPT;
	}
	switch (s->kind) {
	case STAGE_CMDLET:
		st = cmdlet_process(in, s, v, true);
		break;
	case STAGE_FUNCTION:
		st = function_process(in, s, v, true);
		break;
	case STAGE_EXTERNAL: {
		char *text = sh_to_string(v);
		buf_puts(&s->stdin_data, text);
		buf_putc(&s->stdin_data, '\n');
		s->fed = true;
		free(text);
		break;
	}
	case STAGE_EXPR:
		break;
	}
	sh_unref(v);
	return st;
}

/* Drives the first stage: an expression streams its items; a command runs once. */
static sh_status run_first(sh_interp *in, runner *r)
{
	stage *s = &r->stages[0];
	switch (s->kind) {
	case STAGE_EXPR: {
		const sh_node *expr = s->node->u.command_expr.expr;
		saved_context saved;
		stage_enter(s, &saved);
		sh_status st;
		if (expr->kind == N_BINARY && expr->u.binary.op == SH_OP_RANGE) {
			sh_value *lv = NULL, *rv = NULL;
			int64_t from, to;
			st = sh_eval_expr(in, expr->u.binary.left, &lv);
			if (st == SH_OK)
				st = sh_eval_expr(in, expr->u.binary.right, &rv);
			if (st == SH_OK && sh_to_int64(lv, &from, NULL) &&
			    sh_to_int64(rv, &to, NULL)) {
				sh_unref(lv);
				sh_unref(rv);
				int64_t step = from <= to ? 1 : -1;
				for (int64_t i = from; st == SH_OK; i += step) {
					st = s->out.write(s->out.ctx, sh_integer(i));
					if (i == to)
						break;
				}
				stage_leave(s, &saved);
				return st;
			}
			sh_unref(lv);
			sh_unref(rv);
			if (st != SH_OK) {
				stage_leave(s, &saved);
				return st;
			}
		}
		sh_value *v = NULL;
		st = sh_eval_expr(in, expr, &v);
		if (st == SH_OK) {
			if (sh_kind_of(v) == SH_ARRAY)
				st = sh_write_unrolled(&s->out, v);
			else
				st = s->out.write(s->out.ctx, v);
		}
		stage_leave(s, &saved);
		return st;
	}
	case STAGE_CMDLET:
		return cmdlet_process(in, s, NULL, false);
	case STAGE_FUNCTION:
		if (s->body->u.scriptblock.process)
			return function_process(in, s, NULL, false);
		return SH_OK;
	case STAGE_EXTERNAL:
		return SH_OK;
	}
	return SH_OK;
}

static sh_status stage_end(sh_interp *in, stage *s)
{
	switch (s->kind) {
	case STAGE_CMDLET:
		return cmdlet_step(s, s->cmd.def->end);
	case STAGE_FUNCTION:
		return function_end(in, s);
	case STAGE_EXTERNAL:
		return run_external(in, s);
	default:
		return SH_OK;
	}
}

static void write_text_file(sh_interp *in, stage *s, const char *path, bool append,
                            sh_collector *col)
{
	sh_value *items = col->items;
	char *text =
	    sh_format_to_string(in, sh_array_items(items), sh_array_len(items), in->host.width);
	FILE *f = fopen(path, append ? "a" : "w");
	if (!f) {
		sh_raisef(in, s->node, SH_CAT_OPEN_ERROR, "FileOpenFailure", NULL,
		          "Could not find a part of the path '%s'.", path);
		sh_value *rec = sh_take_pending_error(in);
		sh_display_error(in, rec);
		sh_unref(rec);
	} else {
		fputs(text, f);
		fclose(f);
	}
	free(text);
}

static void stage_cleanup(sh_interp *in, stage *s, bool ok)
{
	if (s->kind == STAGE_CMDLET && s->cmd.def) {
		sh_cmd *c = &s->cmd;
		if (c->def->cleanup)
			c->def->cleanup(c);
		if (c->error_variable)
			store_collected(in, c->error_variable, c->error_items);
		if (c->out_variable)
			store_collected(in, c->out_variable, c->out_items);
		free(c->state);
		sh_binding_free(&c->binding);
	}
	if (s->kind == STAGE_CMDLET) {
		free(s->cmd.error_variable);
		free(s->cmd.out_variable);
		sh_unref(s->cmd.error_items);
		sh_unref(s->cmd.out_items);
	}
	if (s->kind == STAGE_FUNCTION) {
		if (s->bound)
			sh_binding_free(&s->binding);
		if (s->scope) {
			sh_scope_free(s->scope);
			in->depth--;
		}
		sh_unref(s->block);
		sh_unref(s->input_items);
		free(s->script_path);
		free(s->command_name);
	}
	if (s->kind == STAGE_EXTERNAL) {
		free(s->path);
		for (size_t i = 0; s->argv && s->argv[i]; i++)
			free(s->argv[i]);
		free(s->argv);
		buf_free(&s->stdin_data);
	}
	if (s->output_file) {
		if (ok && s->output_file[0])
			write_text_file(in, s, s->output_file, s->output_append,
			                &s->output_collector);
		sh_unref(s->output_collector.items);
		free(s->output_file);
	}
	if (s->error_file) {
		if (ok)
			write_text_file(in, s, s->error_file, s->error_append, &s->error_collector);
		sh_unref(s->error_collector.items);
		free(s->error_file);
	}
	for (size_t i = 0; i < s->narg_values; i++)
		sh_unref(s->arg_values[i]);
	free(s->arg_values);
	free(s->args);
	for (size_t i = 0; i < s->narg_names; i++)
		free(s->arg_names[i]);
	free(s->arg_names);
}

static sh_status run_stages(sh_interp *in, runner *r)
{
	sh_status st = SH_OK;
	size_t prepared = 0;
	for (size_t i = 0; i < r->n && st == SH_OK; i++) {
		stage *s = &r->stages[i];
		s->runner = r;
		s->index = i;
		s->out = (sh_sink){stage_sink_write, s};
		st = prepare_stage(in, r, i);
		prepared = i + 1;
		if (s->output_file)
			s->out = sh_collector_sink(&s->output_collector);
		if (s->streams.errors == SH_ERR_TO_OUTPUT)
			s->error_sink = s->out;
		if (s->kind == STAGE_CMDLET && s->cmd.def)
			s->cmd.out = s->out;
	}
	r->queued = xcalloc(r->n ? r->n : 1, sizeof *r->queued);
	r->beginning = true;
	for (size_t i = 0; i < r->n && st == SH_OK; i++)
		st = stage_begin(in, &r->stages[i]);
	r->beginning = false;
	for (size_t i = 0; i < r->n; i++) {
		sh_value *q = r->queued[i];
		for (size_t k = 0; q && k < sh_array_len(q) && st == SH_OK; k++)
			st = stage_sink_write(&r->stages[i], sh_ref(sh_array_get(q, k)));
		sh_unref(q);
	}
	free(r->queued);
	if (st == SH_OK)
		st = run_first(in, r);
	if (st == SH_STOP && !r->external_stop)
		st = SH_OK;
	if (st == SH_OK) {
		for (size_t i = r->stop_index; i < r->n && st == SH_OK; i++) {
			st = stage_end(in, &r->stages[i]);
			if (st == SH_STOP && !r->external_stop) {
				/* a later stage stopped during an end step: skip to it */
				st = SH_OK;
				if (r->stop_index > i)
					i = r->stop_index - 1;
			}
		}
	}
	for (size_t i = 0; i < prepared; i++)
		stage_cleanup(in, &r->stages[i], st == SH_OK || st == SH_STOP);
	return st;
}

sh_status sh_run_pipeline(sh_interp *in, const sh_node *pipeline, const sh_sink *out)
{
	if (pipeline->u.pipeline.background)
		return sh_raisef(in, pipeline, SH_CAT_NOT_IMPLEMENTED, "BackgroundJobsNotSupported",
		                 NULL, "Background jobs (&) are not supported.");
	runner r = {.in = in, .final = out, .n = pipeline->u.pipeline.elements.len};
	stage *stages = xcalloc(r.n ? r.n : 1, sizeof *stages);
	r.stages = stages;
	for (size_t i = 0; i < r.n; i++)
		stages[i].node = pipeline->u.pipeline.elements.items[i];
	sh_status st = run_stages(in, &r);
	free(stages);
	return st;
}

sh_status sh_invoke_command_block(sh_interp *in, sh_value *block, const sh_arg *args, size_t nargs,
                                  bool dot_source, const sh_sink *out)
{
	runner r = {.in = in, .final = out, .n = 1};
	stage s = {0};
	sh_scriptblock *sb = sh_scriptblock_of(block);
	s.node = sb->body;
	s.runner = &r;
	s.out = (sh_sink){stage_sink_write, &s};
	s.dot_source = dot_source;
	s.is_script = !dot_source;
	s.script_path = in->script_path ? xstrdup(in->script_path) : NULL;
	r.stages = &s;
	for (size_t i = 0; i < nargs; i++)
		add_arg(&s, args[i].name, sh_ref(args[i].value), args[i].has_value, args[i].node);
	const sh_ast_unit *saved_unit = in->unit;
	in->unit = sb->unit;
	sh_status st =
	    prepare_function(in, &s, block, false, in->script_path ? in->script_path : "");
	in->unit = saved_unit;
	if (st == SH_OK)
		st = function_begin(in, &s);
	if (st == SH_OK)
		st = run_first(in, &r);
	if (st == SH_OK)
		st = function_end(in, &s);
	stage_cleanup(in, &s, st == SH_OK);
	return st;
}
