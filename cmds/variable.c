/*
 * variable.c - the variable and alias cmdlets: Get-, Set-, New-, Remove-
 * and Clear-Variable; Get-, Set-, New- and Remove-Alias.
 *
 * They are thin layers over the interpreter's variable and alias tables
 * (interp.h); what they add is PowerShell's behaviour around them: name
 * patterns with wildcards, errors for exact names that match nothing (and
 * silence for patterns that match nothing), -PassThru, -WhatIf, and the
 * objects PowerShell returns (PSVariable, AliasInfo) with their default
 * table views.
 *
 * Scopes: the interpreter exposes writes to a named scope (global, script,
 * local, private) and reads through the dynamic chain, so -Scope is offered
 * where a write is scoped (Set-Variable, New-Variable, Set-Alias,
 * New-Alias); numbered scopes other than 0 are reported as out of range.
 */
#include <stdlib.h>
#include <string.h>

#include "../shell/complete.h"
#include "../shell/convert.h"
#include "../shell/format.h"
#include "../shell/interp.h"
#include "cmds.h"

#define VARIABLE_TYPE "System.Management.Automation.PSVariable"
#define ALIAS_TYPE    "System.Management.Automation.AliasInfo"

/* ---- views ---- */

static const sh_view_column variable_columns[] = {
    {.header = "Name", .property = "Name", .width = 30, .align = SH_ALIGN_LEFT},
    {.header = "Value", .property = "Value", .align = SH_ALIGN_LEFT},
};
static const sh_view variable_view = {
    .type_name = VARIABLE_TYPE,
    .kind = SH_VIEW_TABLE,
    .columns = variable_columns,
    .ncolumns = 2,
};

static const sh_view_column alias_columns[] = {
    {.header = "CommandType", .property = "CommandType", .width = 15, .align = SH_ALIGN_LEFT},
    {.header = "Name", .property = "DisplayName", .width = 50, .align = SH_ALIGN_LEFT},
    {.header = "Version", .property = "Version", .width = 10, .align = SH_ALIGN_LEFT},
    {.header = "Source", .property = "Source", .align = SH_ALIGN_LEFT},
};
static const sh_view alias_view = {
    .type_name = ALIAS_TYPE,
    .kind = SH_VIEW_TABLE,
    .columns = alias_columns,
    .ncolumns = 4,
};

static void register_views(void)
{
	sh_view_register(&variable_view);
	sh_view_register(&alias_view);
}

/* ---- shared helpers ---- */

static bool matches_any(sh_value *patterns, const char *name)
{
	if (!patterns)
		return false;
	for (size_t i = 0; i < sh_array_len(patterns); i++) {
		char *p = sh_to_string(sh_array_get(patterns, i));
		bool m = sh_wildcard_match(p, name, true);
		free(p);
		if (m)
			return true;
	}
	return false;
}

/* The patterns of a string[] parameter, or a one-item list of "*". */
static sh_value *patterns_or_all(sh_cmd *c, const char *param)
{
	sh_value *v = sh_param(c, param);
	if (v && sh_array_len(v) > 0)
		return sh_ref(v);
	sh_value *all = sh_array_new(1);
	sh_array_append(all, sh_string("*"));
	return all;
}

static sh_value *variable_object(const char *name, sh_value *value)
{
	sh_value *o = sh_object_new(VARIABLE_TYPE);
	sh_object_set_note(o, "Name", sh_string(name));
	sh_object_set_note(o, "Value", sh_ref(value));
	return o;
}

static sh_value *alias_object(const char *name, const char *definition)
{
	sh_value *o = sh_object_new(ALIAS_TYPE);
	sh_object_add_typename(o, "System.Management.Automation.CommandInfo");
	sh_object_set_note(o, "CommandType", sh_string("Alias"));
	sh_object_set_note(o, "Name", sh_string(name));
	sh_object_set_note(o, "DisplayName", sh_stringf("%s -> %s", name, definition));
	sh_object_set_note(o, "Definition", sh_string(definition));
	sh_object_set_note(o, "ResolvedCommandName", sh_string(definition));
	sh_object_set_note(o, "Version", sh_string(""));
	sh_object_set_note(o, "Source", sh_string(""));
	return o;
}

static sh_status not_found(sh_cmd *c, const char *id, const char *name, const char *fmt)
{
	sh_value *target = sh_string(name);
	char *msg = xasprintf(fmt, name);
	sh_error_info info = {.message = msg,
	                      .exception_type =
	                          "System.Management.Automation.ItemNotFoundException",
	                      .category = SH_CAT_OBJECT_NOT_FOUND,
	                      .error_id = id,
	                      .target = target};
	sh_status st = sh_write_error(c, &info);
	free(msg);
	sh_unref(target);
	return st;
}

static sh_status variable_not_found(sh_cmd *c, const char *name)
{
	return not_found(c, "VariableNotFound", name, "Cannot find a variable with the name '%s'.");
}

static sh_status alias_not_found(sh_cmd *c, const char *name)
{
	return not_found(c, "ItemNotFoundException", name,
	                 "Cannot find alias because alias '%s' does not exist.");
}

/* The -Scope argument as the interpreter names scopes; false after
 * writing PowerShell's out-of-range error. */
static bool scope_arg(sh_cmd *c, const char **scope, sh_status *st)
{
	const char *s = sh_param_str(c, "Scope");
	*scope = NULL;
	if (!s || str_ieq(s, "local") || strcmp(s, "0") == 0)
		return true;
	if (str_ieq(s, "global") || str_ieq(s, "script") || str_ieq(s, "private")) {
		*scope = s;
		return true;
	}
	sh_value *target = sh_string(s);
	*st = sh_throwf(c, SH_CAT_INVALID_ARGUMENT, "ArgumentOutOfRange", target,
	                "The scope number '%s' exceeds the number of active scopes.", s);
	sh_unref(target);
	return false;
}

/* ================================================================== */
/* Get-Variable                                                        */
/* ================================================================== */

static sh_status get_variable_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	register_views();
	sh_interp *in = sh_cmd_interp(c);
	sh_value *names = patterns_or_all(c, "Name");
	sh_value *exclude = sh_param(c, "Exclude");
	bool value_only = sh_switch(c, "ValueOnly");
	sh_value *all = sh_var_list(in);
	sh_status st = SH_OK;
	for (size_t n = 0; n < sh_array_len(names) && st == SH_OK; n++) {
		char *pattern = sh_to_string(sh_array_get(names, n));
		bool any = false;
		for (size_t i = 0; i < sh_array_len(all) && st == SH_OK; i++) {
			sh_value *o = sh_array_get(all, i);
			const char *name = sh_str(sh_object_note(o, "Name"));
			if (!sh_wildcard_match(pattern, name, true) || matches_any(exclude, name))
				continue;
			any = true;
			if (value_only)
				st = sh_emit(c, sh_ref(sh_object_note(o, "Value")));
			else
				st = sh_emit(c, sh_ref(o));
		}
		if (!any && !sh_has_wildcard(pattern) && st == SH_OK)
			st = variable_not_found(c, pattern);
		free(pattern);
	}
	sh_unref(all);
	sh_unref(names);
	return st;
}

static const sh_param_def get_variable_params[] = {
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_PIPE_PROP | SH_PF_WILDCARDS,
     .position = 0,
     .help = "Specifies the name of the variable. Wildcards are permitted. By default all "
             "variables are returned.",
     .default_text = "None",
     .completer = sh_variable_name_completer},
    {.name = "ValueOnly",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Gets only the value of the variable, not the variable object."},
    {.name = "Exclude",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_WILDCARDS,
     .position = -1,
     .help = "Omits the variables whose names match these patterns."},
    {0},
};

static const sh_example get_variable_examples[] = {
    {"Get-Variable m*", "Gets the variables whose names begin with m."},
    {"Get-Variable -Name PSVersionTable -ValueOnly",
     "Gets only the value of $PSVersionTable, not the variable object."},
    {0},
};

/* ================================================================== */
/* Set-Variable / New-Variable                                         */
/* ================================================================== */

typedef struct set_state {
	sh_value *collected; /* pipeline values, assigned in end() */
	bool from_pipeline;
} set_state;

static sh_status assign(sh_cmd *c, sh_value *value, const char *action)
{
	sh_interp *in = sh_cmd_interp(c);
	const char *scope;
	sh_status st = SH_OK;
	if (!scope_arg(c, &scope, &st))
		return st;
	sh_value *names = sh_param(c, "Name");
	size_t n = sh_kind_of(names) == SH_ARRAY ? sh_array_len(names) : 1;
	for (size_t i = 0; i < n && st == SH_OK; i++) {
		sh_value *nv = sh_kind_of(names) == SH_ARRAY ? sh_array_get(names, i) : names;
		char *name = sh_to_string(nv);
		char *vtext = sh_to_string(value);
		char *target = xasprintf("Name: %s Value: %s", name, vtext);
		free(vtext);
		bool go = sh_should_process(c, target, action);
		free(target);
		if (go) {
			sh_var_set_scoped(in, scope, name, sh_ref(value));
			if (sh_switch(c, "PassThru"))
				st = sh_emit(c, variable_object(name, value));
		}
		free(name);
	}
	return st;
}

static sh_status set_variable_process(sh_cmd *c, sh_value *input)
{
	set_state *s = sh_cmd_state(c);
	if (sh_cmd_has_pipeline_input(c)) {
		/* Values from the pipeline are gathered and assigned at the end,
		   as PowerShell's Set-Variable does. */
		s->from_pipeline = true;
		if (!s->collected)
			s->collected = sh_array_new(4);
		sh_array_append(s->collected, sh_ref(input));
		return SH_OK;
	}
	return assign(c, sh_param(c, "Value"), "Set variable");
}

static sh_status set_variable_end(sh_cmd *c)
{
	set_state *s = sh_cmd_state(c);
	if (!s->from_pipeline)
		return SH_OK;
	sh_value *v = sh_array_len(s->collected) == 1 ? sh_ref(sh_array_get(s->collected, 0))
	                                              : sh_ref(s->collected);
	sh_status st = assign(c, v, "Set variable");
	sh_unref(v);
	return st;
}

static void set_variable_cleanup(sh_cmd *c)
{
	set_state *s = sh_cmd_state(c);
	sh_unref(s->collected);
}

static sh_status new_variable_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_interp *in = sh_cmd_interp(c);
	const char *name = sh_param_str(c, "Name");
	if (sh_var_exists(in, name) && !sh_switch(c, "Force")) {
		sh_value *target = sh_string(name);
		char *msg = xasprintf("A variable with name '%s' already exists.", name);
		sh_error_info info = {.message = msg,
		                      .exception_type =
		                          "System.Management.Automation.SessionStateException",
		                      .category = SH_CAT_RESOURCE_EXISTS,
		                      .error_id = "VariableAlreadyExists",
		                      .target = target};
		sh_status st = sh_write_error(c, &info);
		free(msg);
		sh_unref(target);
		return st;
	}
	return assign(c, sh_param(c, "Value"), "New variable");
}

static const sh_param_def set_variable_params[] = {
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPE_PROP,
     .position = 0,
     .help = "Specifies the variable name.",
     .completer = sh_variable_name_completer},
    {.name = "Value",
     .type = SH_P_OBJECT,
     .flags = SH_PF_PIPELINE | SH_PF_PIPE_PROP,
     .position = 1,
     .help = "Specifies the value of the variable. Values piped to the command are gathered "
             "and assigned together when the pipeline ends."},
    {.name = "Scope",
     .type = SH_P_STRING,
     .position = -1,
     .help = "The scope that receives the variable: Global, Script, Local or Private (or 0 "
             "for the current scope).",
     .default_text = "Local"},
    {.name = "PassThru",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Returns an object representing the new variable."},
    {0},
};

static const sh_param_def new_variable_params[] = {
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_MANDATORY | SH_PF_PIPE_PROP,
     .position = 0,
     .help = "Specifies a name for the new variable.",
     .completer = sh_variable_name_completer},
    {.name = "Value",
     .type = SH_P_OBJECT,
     .flags = SH_PF_PIPELINE | SH_PF_PIPE_PROP,
     .position = 1,
     .help = "Specifies the initial value of the variable."},
    {.name = "Scope",
     .type = SH_P_STRING,
     .position = -1,
     .help = "The scope of the new variable: Global, Script, Local or Private.",
     .default_text = "Local"},
    {.name = "PassThru",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Returns an object representing the new variable."},
    {.name = "Force",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Replaces a variable that already exists instead of failing."},
    {0},
};

static const sh_example set_variable_examples[] = {
    {"Set-Variable -Name desc -Value 'A description'", "Sets $desc."},
    {"Get-Date | Set-Variable -Name today -Scope Global",
     "Stores the pipeline's output in the global variable $today."},
    {0},
};

static const sh_example new_variable_examples[] = {
    {"New-Variable -Name days -Value 7", "Creates $days with the value 7."},
    {0},
};

/* ================================================================== */
/* Remove-Variable / Clear-Variable                                    */
/* ================================================================== */

static sh_status remove_or_clear(sh_cmd *c, bool remove)
{
	sh_interp *in = sh_cmd_interp(c);
	sh_value *names = sh_param(c, "Name");
	sh_value *exclude = sh_param(c, "Exclude");
	sh_status st = SH_OK;
	for (size_t n = 0; n < sh_array_len(names) && st == SH_OK; n++) {
		char *pattern = sh_to_string(sh_array_get(names, n));
		sh_value *all = sh_var_list(in);
		bool any = false;
		for (size_t i = 0; i < sh_array_len(all) && st == SH_OK; i++) {
			const char *name = sh_str(sh_object_note(sh_array_get(all, i), "Name"));
			if (!sh_wildcard_match(pattern, name, true) || matches_any(exclude, name))
				continue;
			any = true;
			char *target = xasprintf("Name: %s", name);
			bool go = sh_should_process(c, target,
			                            remove ? "Remove Variable" : "Clear variable");
			free(target);
			if (!go)
				continue;
			if (remove) {
				sh_var_remove(in, name);
			} else {
				sh_var_set(in, name, NULL);
				if (sh_switch(c, "PassThru"))
					st = sh_emit(c, variable_object(name, NULL));
			}
		}
		sh_unref(all);
		if (!any && !sh_has_wildcard(pattern) && st == SH_OK)
			st = variable_not_found(c, pattern);
		free(pattern);
	}
	return st;
}

static sh_status remove_variable_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	return remove_or_clear(c, true);
}

static sh_status clear_variable_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	return remove_or_clear(c, false);
}

static const sh_param_def remove_variable_params[] = {
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPE_PROP | SH_PF_WILDCARDS,
     .position = 0,
     .help = "Specifies the names of the variables. Wildcards are permitted.",
     .completer = sh_variable_name_completer},
    {.name = "Exclude",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_WILDCARDS,
     .position = -1,
     .help = "Leaves out the variables whose names match these patterns."},
    {.name = "Force",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Accepted for compatibility; variables here are never read-only to these "
             "commands."},
    {0},
};

static const sh_param_def clear_variable_params[] = {
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPE_PROP | SH_PF_WILDCARDS,
     .position = 0,
     .help = "Specifies the names of the variables to clear. Wildcards are permitted.",
     .completer = sh_variable_name_completer},
    {.name = "Exclude",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_WILDCARDS,
     .position = -1,
     .help = "Leaves out the variables whose names match these patterns."},
    {.name = "PassThru",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Returns the cleared variables."},
    {0},
};

static const sh_example remove_variable_examples[] = {
    {"Remove-Variable -Name Smp", "Deletes the variable $Smp."},
    {0},
};

static const sh_example clear_variable_examples[] = {
    {"Clear-Variable my*", "Sets every variable whose name begins with my to $null."},
    {0},
};

/* ================================================================== */
/* Get-Alias                                                           */
/* ================================================================== */

static sh_status get_alias_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	register_views();
	sh_interp *in = sh_cmd_interp(c);
	sh_value *all = sh_alias_list(in);
	sh_value *exclude = sh_param(c, "Exclude");
	sh_value *definitions = sh_param(c, "Definition");
	sh_status st = SH_OK;
	if (definitions && !sh_param_bound(c, "Name")) {
		for (size_t i = 0; i < sh_array_len(all) && st == SH_OK; i++) {
			sh_value *o = sh_array_get(all, i);
			const char *name = sh_str(sh_object_note(o, "Name"));
			const char *def = sh_str(sh_object_note(o, "Definition"));
			if (matches_any(definitions, def) && !matches_any(exclude, name))
				st = sh_emit(c, alias_object(name, def));
		}
		sh_unref(all);
		return st;
	}
	sh_value *names = patterns_or_all(c, "Name");
	for (size_t n = 0; n < sh_array_len(names) && st == SH_OK; n++) {
		char *pattern = sh_to_string(sh_array_get(names, n));
		bool any = false;
		for (size_t i = 0; i < sh_array_len(all) && st == SH_OK; i++) {
			sh_value *o = sh_array_get(all, i);
			const char *name = sh_str(sh_object_note(o, "Name"));
			const char *def = sh_str(sh_object_note(o, "Definition"));
			if (!sh_wildcard_match(pattern, name, true) || matches_any(exclude, name) ||
			    (definitions && !matches_any(definitions, def)))
				continue;
			any = true;
			st = sh_emit(c, alias_object(name, def));
		}
		if (!any && !sh_has_wildcard(pattern) && st == SH_OK)
			st = alias_not_found(c, pattern);
		free(pattern);
	}
	sh_unref(names);
	sh_unref(all);
	return st;
}

static const sh_param_def get_alias_params[] = {
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_PIPELINE | SH_PF_PIPE_PROP | SH_PF_WILDCARDS,
     .position = 0,
     .help = "Specifies the aliases to get. Wildcards are permitted. By default all aliases "
             "are returned."},
    {.name = "Definition",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_WILDCARDS,
     .position = -1,
     .help = "Gets the aliases for the specified command names (what the aliases stand "
             "for). Wildcards are permitted."},
    {.name = "Exclude",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_WILDCARDS,
     .position = -1,
     .help = "Omits the aliases whose names match these patterns."},
    {0},
};

static const sh_example get_alias_examples[] = {
    {"Get-Alias", "Gets every alias."},
    {"Get-Alias -Definition Get-ChildItem", "Gets the aliases of Get-ChildItem."},
    {0},
};

/* ================================================================== */
/* Set-Alias / New-Alias / Remove-Alias                                */
/* ================================================================== */

static sh_status define_alias(sh_cmd *c, bool is_new)
{
	sh_interp *in = sh_cmd_interp(c);
	const char *name = sh_param_str(c, "Name");
	const char *value = sh_param_str(c, "Value");
	const char *scope;
	sh_status st = SH_OK;
	if (!scope_arg(c, &scope, &st))
		return st;
	if (is_new && sh_alias_get(in, name) && !sh_switch(c, "Force")) {
		sh_value *target = sh_string(name);
		char *msg =
		    xasprintf("The alias is not allowed, because an alias with the name '%s' "
		              "already exists.",
		              name);
		sh_error_info info = {.message = msg,
		                      .exception_type =
		                          "System.Management.Automation.SessionStateException",
		                      .category = SH_CAT_RESOURCE_EXISTS,
		                      .error_id = "AliasAlreadyExists",
		                      .target = target};
		st = sh_write_error(c, &info);
		free(msg);
		sh_unref(target);
		return st;
	}
	char *target = xasprintf("Name: %s Value: %s", name, value);
	bool go = sh_should_process(c, target, is_new ? "New Alias" : "Set Alias");
	free(target);
	if (!go)
		return SH_OK;
	sh_alias_set(in, name, value);
	if (sh_switch(c, "PassThru")) {
		register_views();
		return sh_emit(c, alias_object(name, value));
	}
	return SH_OK;
}

static sh_status set_alias_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	return define_alias(c, false);
}

static sh_status new_alias_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	return define_alias(c, true);
}

static sh_status remove_alias_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_interp *in = sh_cmd_interp(c);
	sh_value *names = sh_param(c, "Name");
	sh_status st = SH_OK;
	for (size_t i = 0; i < sh_array_len(names) && st == SH_OK; i++) {
		char *name = sh_to_string(sh_array_get(names, i));
		if (!sh_alias_get(in, name))
			st = alias_not_found(c, name);
		else if (sh_should_process(c, name, "Remove Alias"))
			sh_alias_remove(in, name);
		free(name);
	}
	return st;
}

static const sh_param_def set_alias_params[] = {
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_MANDATORY | SH_PF_PIPE_PROP,
     .position = 0,
     .help = "Specifies the name of the alias."},
    {.name = "Value",
     .type = SH_P_STRING,
     .flags = SH_PF_MANDATORY | SH_PF_PIPE_PROP,
     .position = 1,
     .help = "Specifies the name of the cmdlet, function or program the alias runs."},
    {.name = "Scope",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Accepted for compatibility: aliases are shared by the whole session.",
     .default_text = "Local"},
    {.name = "PassThru",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Returns an object representing the alias."},
    {.name = "Force",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "With New-Alias, replaces an alias that already exists."},
    {0},
};

static const sh_param_def remove_alias_params[] = {
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE | SH_PF_PIPE_PROP,
     .position = 0,
     .help = "Specifies the names of the aliases to remove."},
    {.name = "Force",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Accepted for compatibility; aliases here are never read-only."},
    {0},
};

static const sh_example set_alias_examples[] = {
    {"Set-Alias -Name list -Value Get-ChildItem", "Makes list run Get-ChildItem."},
    {0},
};

static const sh_example new_alias_examples[] = {
    {"New-Alias -Name list -Value Get-ChildItem",
     "Creates the alias list; fails if an alias of that name exists."},
    {0},
};

static const sh_example remove_alias_examples[] = {
    {"Remove-Alias -Name list", "Deletes the alias list."},
    {0},
};

const sh_cmdlet cmd_variable_cmdlets[] = {
    {.name = "Get-Variable",
     .aliases = "gv",
     .synopsis = "Gets the variables in the current console.",
     .description = "Gets the variables visible from the current scope, as PSVariable objects "
                    "with Name and Value, or with -ValueOnly just their values. Names may "
                    "contain wildcards; an exact name that matches no variable is an error.",
     .params = get_variable_params,
     .examples = get_variable_examples,
     .output_type = VARIABLE_TYPE,
     .class_name = "Microsoft.PowerShell.Commands.GetVariableCommand",
     .process = get_variable_process},
    {.name = "Set-Variable",
     .aliases = "set,sv",
     .synopsis = "Sets the value of a variable. Creates the variable if one with the "
                 "requested name does not exist.",
     .description = "Assigns a value to one or more variables in the current scope or the "
                    "scope named by -Scope. Values piped to Set-Variable are collected and "
                    "assigned together: one value as itself, several as an array.",
     .params = set_variable_params,
     .examples = set_variable_examples,
     .output_type = VARIABLE_TYPE,
     .class_name = "Microsoft.PowerShell.Commands.SetVariableCommand",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .state_size = sizeof(set_state),
     .process = set_variable_process,
     .end = set_variable_end,
     .cleanup = set_variable_cleanup},
    {.name = "New-Variable",
     .aliases = "nv",
     .synopsis = "Creates a new variable.",
     .description = "Creates a variable. Unlike Set-Variable it fails when a variable of that "
                    "name already exists, unless -Force is given.",
     .params = new_variable_params,
     .examples = new_variable_examples,
     .output_type = VARIABLE_TYPE,
     .class_name = "Microsoft.PowerShell.Commands.NewVariableCommand",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .process = new_variable_process},
    {.name = "Remove-Variable",
     .aliases = "rv",
     .synopsis = "Deletes a variable and its value.",
     .description = "Deletes variables. Names may contain wildcards; an exact name that "
                    "matches no variable is an error.",
     .params = remove_variable_params,
     .examples = remove_variable_examples,
     .class_name = "Microsoft.PowerShell.Commands.RemoveVariableCommand",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .process = remove_variable_process},
    {.name = "Clear-Variable",
     .aliases = "clv",
     .synopsis = "Deletes the value of a variable.",
     .description = "Sets variables to $null, keeping the variables themselves.",
     .params = clear_variable_params,
     .examples = clear_variable_examples,
     .output_type = VARIABLE_TYPE,
     .class_name = "Microsoft.PowerShell.Commands.ClearVariableCommand",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .process = clear_variable_process},
    {.name = "Get-Alias",
     .aliases = "gal",
     .synopsis = "Gets the aliases for the current session.",
     .description = "Gets aliases, alternate names for commands. The Name column shows each "
                    "alias with what it stands for, as in 'gci -> Get-ChildItem'.",
     .params = get_alias_params,
     .examples = get_alias_examples,
     .output_type = ALIAS_TYPE,
     .class_name = "Microsoft.PowerShell.Commands.GetAliasCommand",
     .process = get_alias_process},
    {.name = "Set-Alias",
     .aliases = "sal",
     .synopsis = "Creates or changes an alias for a cmdlet or other command.",
     .description = "Creates an alias, or points an existing one at another command.",
     .params = set_alias_params,
     .examples = set_alias_examples,
     .output_type = ALIAS_TYPE,
     .class_name = "Microsoft.PowerShell.Commands.SetAliasCommand",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .process = set_alias_process},
    {.name = "New-Alias",
     .aliases = "nal",
     .synopsis = "Creates a new alias.",
     .description = "Creates an alias. It fails when the alias already exists, unless -Force "
                    "is given.",
     .params = set_alias_params,
     .examples = new_alias_examples,
     .output_type = ALIAS_TYPE,
     .class_name = "Microsoft.PowerShell.Commands.NewAliasCommand",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .process = new_alias_process},
    {.name = "Remove-Alias",
     .synopsis = "Removes an alias from the current session.",
     .description = "Deletes aliases by name.",
     .params = remove_alias_params,
     .examples = remove_alias_examples,
     .class_name = "Microsoft.PowerShell.Commands.RemoveAliasCommand",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .process = remove_alias_process},
    {0},
};
