/*
 * help.c - Get-Command and Get-Help: the commands that describe commands.
 *
 * Everything they say comes from the sh_cmdlet tables (and, for script
 * functions, from their param() blocks through the binder's tables), so a
 * cmdlet's help, its syntax lines and the binder can never disagree.
 *
 * Syntax lines follow PowerShell's display order: positional parameters
 * by position, then mandatory named ones, then optional named ones, then
 * [<CommonParameters>]; optional parts are bracketed the way PowerShell
 * brackets them ("[[-Path] <string[]>]", "[-Force]", "-Name <string>"),
 * type names use the lower-case accelerator names PowerShell shows, and a
 * parameter with a fixed set of values lists them as "{A | B}".
 *
 * Get-Help writes one string: the help text laid out as PowerShell's
 * console help is, wrapped to the host's width.
 *
 * The about_* topics are text files (docs/about/about_NAME.help.txt)
 * compiled into the binary at build time (scripts/gen-about.sh), so the
 * files stay the one source and the shell needs nothing installed beside
 * it. Get-Help looks a name up as PowerShell does: an exact command or
 * topic shows its help; a pattern, or a name that is only the beginning
 * of some names ("about_"), lists the matches, unless exactly one matches,
 * which is then shown.
 */
#include <stdlib.h>
#include <string.h>

#include "../shell/binder.h"
#include "../shell/complete.h"
#include "../shell/convert.h"
#include "../shell/format.h"
#include "../shell/interp.h"
#include "../shell/version.h"
#include "cmds.h"
#include "help.h"

#define COMMAND_INFO "System.Management.Automation.CommandInfo"

/* ---- syntax ---- */

static const char *const accelerators[][2] = {
    {"String", "string"},
    {"Int32", "int"},
    {"Int64", "long"},
    {"Double", "double"},
    {"Boolean", "bool"},
    {"ScriptBlock", "scriptblock"},
    {"Hashtable", "hashtable"},
    {"DateTime", "datetime"},
    {"TimeSpan", "timespan"},
    {"PSCredential", "pscredential"},
    {"SecureString", "securestring"},
    {"PSObject", "psobject"},
    {"SwitchParameter", "switch"},
    {"Byte", "byte"},
    {"Char", "char"},
};

/* The type as a syntax line shows it: "string[]", "int", "Object". */
static char *syntax_type(const sh_param_def *p)
{
	const char *name = sh_param_type_name(p);
	size_t n = strlen(name);
	bool arr = n > 2 && strcmp(name + n - 2, "[]") == 0;
	size_t base = arr ? n - 2 : n;
	for (size_t i = 0; i < sizeof accelerators / sizeof accelerators[0]; i++)
		if (strlen(accelerators[i][0]) == base &&
		    strncasecmp(accelerators[i][0], name, base) == 0)
			return xasprintf("%s%s", accelerators[i][1], arr ? "[]" : "");
	return xstrdup(name);
}

static void put_param_value(sh_buf *b, const sh_param_def *p)
{
	if (p->enum_values) {
		buf_putc(b, '{');
		for (size_t i = 0; p->enum_values[i]; i++)
			buf_printf(b, "%s%s", i ? " | " : "", p->enum_values[i]);
		buf_putc(b, '}');
		return;
	}
	char *t = syntax_type(p);
	buf_printf(b, "<%s>", t);
	free(t);
}

static bool in_set(const sh_param_table *t, size_t i, int set)
{
	return set < 0 || ((t->set_masks[i] >> set) & 1);
}

static void put_param(sh_buf *b, const sh_param_def *p)
{
	bool mandatory = p->flags & SH_PF_MANDATORY;
	buf_putc(b, ' ');
	if (p->type == SH_P_SWITCH) {
		buf_printf(b, mandatory ? "-%s" : "[-%s]", p->name);
		return;
	}
	if (!mandatory)
		buf_putc(b, '[');
	if (p->position >= 0)
		buf_printf(b, "[-%s] ", p->name);
	else
		buf_printf(b, "-%s ", p->name);
	put_param_value(b, p);
	if (!mandatory)
		buf_putc(b, ']');
}

static int by_position(const void *a, const void *b, void *ctx)
{
	const sh_param_table *t = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int d = t->params[x].position - t->params[y].position;
	return d ? d : (x < y ? -1 : x > y);
}

/* One syntax line for `set` (-1: a command without named sets). */
static char *syntax_line(const char *name, const sh_param_table *t, int set)
{
	sh_buf b = {0};
	buf_puts(&b, name);
	size_t *pos = xcalloc(t->nparams + 1, sizeof *pos);
	size_t npos = 0;
	for (size_t i = 0; i < t->ndeclared; i++) {
		const sh_param_def *p = &t->params[i];
		if (in_set(t, i, set) && !(p->flags & SH_PF_HIDDEN) && p->position >= 0 &&
		    p->type != SH_P_SWITCH)
			pos[npos++] = i;
	}
	qsort_r(pos, npos, sizeof *pos, by_position, (void *)t);
	for (size_t k = 0; k < npos; k++)
		put_param(&b, &t->params[pos[k]]);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < t->nparams; i++) {
			const sh_param_def *p = &t->params[i];
			bool positional = p->position >= 0 && p->type != SH_P_SWITCH;
			bool common = i >= t->ndeclared && !str_ieq(p->name, "WhatIf") &&
			              !str_ieq(p->name, "Confirm");
			bool mandatory = p->flags & SH_PF_MANDATORY;
			if (!in_set(t, i, set) || (p->flags & SH_PF_HIDDEN) || positional ||
			    common || mandatory != (pass == 0))
				continue;
			put_param(&b, p);
		}
	if (t->advanced)
		buf_puts(&b, " [<CommonParameters>]");
	free(pos);
	return buf_detach(&b);
}

/* The syntax lines of a table, the default set's first. */
static sh_value *syntax_lines(const char *name, const sh_param_table *t)
{
	sh_value *lines = sh_array_new(2);
	if (t->nsets == 0) {
		sh_array_append(lines, sh_string_take(syntax_line(name, t, -1)));
		return lines;
	}
	int def = -1;
	for (size_t s = 0; s < t->nsets; s++)
		if (t->default_set && str_ieq(t->set_names[s], t->default_set))
			def = (int)s;
	if (def >= 0)
		sh_array_append(lines, sh_string_take(syntax_line(name, t, def)));
	for (size_t s = 0; s < t->nsets; s++)
		if ((int)s != def)
			sh_array_append(lines, sh_string_take(syntax_line(name, t, (int)s)));
	return lines;
}

sh_value *cmd_cmdlet_syntax(const sh_cmdlet *def)
{
	sh_param_table t;
	sh_param_table_for_cmdlet(def, &t);
	sh_value *lines = syntax_lines(def->name, &t);
	sh_param_table_free(&t);
	return lines;
}

static const sh_node *function_param_block(sh_value *fn)
{
	struct sh_scriptblock *sb = sh_scriptblock_of(fn);
	return sb && sb->body ? sb->body->u.scriptblock.param_block : NULL;
}

static sh_value *function_syntax(const char *name, sh_value *fn)
{
	sh_param_table t;
	sh_param_table_for_script(function_param_block(fn), &t);
	sh_value *lines = syntax_lines(name, &t);
	sh_param_table_free(&t);
	return lines;
}

static char *join_syntax(sh_value *lines)
{
	sh_buf b = {0};
	for (size_t i = 0; i < sh_array_len(lines); i++)
		buf_printf(&b, "%s%s", i ? "\n\n" : "", sh_str(sh_array_get(lines, i)));
	return buf_detach(&b);
}

/* ---- command objects ---- */

static const sh_view_column command_columns[] = {
    {.header = "CommandType", .property = "CommandType", .width = 15, .align = SH_ALIGN_LEFT},
    {.header = "Name", .property = "DisplayName", .width = 50, .align = SH_ALIGN_LEFT},
    {.header = "Version", .property = "Version", .width = 10, .align = SH_ALIGN_LEFT},
    {.header = "Source", .property = "Source", .align = SH_ALIGN_LEFT},
};
static const sh_view command_view = {
    .type_name = COMMAND_INFO,
    .kind = SH_VIEW_TABLE,
    .columns = command_columns,
    .ncolumns = 4,
};

static sh_value *command_object(const char *type, const char *kind, const char *name,
                                const char *display, const char *version, const char *source,
                                sh_value *definition)
{
	sh_value *o = sh_object_new(type);
	sh_object_add_typename(o, COMMAND_INFO);
	sh_object_set_note(o, "CommandType", sh_string(kind));
	sh_object_set_note(o, "Name", sh_string(name));
	sh_object_set_note(o, "DisplayName", sh_string(display));
	sh_object_set_note(o, "Version", sh_string(version));
	sh_object_set_note(o, "Source", sh_string(source));
	sh_object_set_note(o, "Definition", definition);
	return o;
}

/* What (Get-Command X).Parameters gives: each parameter's name, in
 * declaration order, to its ParameterMetadata. */
static sh_value *parameters_of(const sh_param_table *t)
{
	sh_value *h = sh_hash_new(true);
	for (size_t i = 0; i < t->nparams; i++) {
		const sh_param_def *p = &t->params[i];
		sh_value *m = sh_object_new("System.Management.Automation.ParameterMetadata");
		sh_object_set_note(m, "Name", sh_string(p->name));
		sh_object_set_note(m, "ParameterType", sh_string(sh_param_type_name(p)));
		sh_object_set_note(m, "Aliases", sh_param_alias_array(p));
		sh_object_set_note(m, "IsDynamic", sh_bool(false));
		sh_object_set_note(m, "SwitchParameter", sh_bool(p->type == SH_P_SWITCH));
		sh_hash_set_str(h, p->name, m);
	}
	return h;
}

static sh_value *cmdlet_object(sh_interp *in, const sh_cmdlet *def)
{
	(void)in;
	sh_param_table t;
	sh_param_table_for_cmdlet(def, &t);
	sh_value *lines = syntax_lines(def->name, &t);
	sh_value *parameters = parameters_of(&t);
	sh_param_table_free(&t);
	char *text = join_syntax(lines);
	sh_unref(lines);
	sh_value *o = command_object("System.Management.Automation.CmdletInfo", "Cmdlet", def->name,
	                             def->name, HVSH_VERSION_STRING, "hvsh", sh_string_take(text));
	const char *dash = strchr(def->name, '-');
	sh_object_set_note(
	    o, "Verb", dash ? sh_string_n(def->name, (size_t)(dash - def->name)) : sh_string(""));
	sh_object_set_note(o, "Noun", sh_string(dash ? dash + 1 : ""));
	sh_object_set_note(o, "ModuleName", sh_string("hvsh"));
	sh_object_set_note(o, "Parameters", parameters);
	return o;
}

static sh_value *function_object(const char *name, sh_value *fn)
{
	struct sh_scriptblock *sb = sh_scriptblock_of(fn);
	sh_value *def = sb ? sh_string_take(sh_scriptblock_text(sb)) : sh_string("");
	sh_value *o = command_object("System.Management.Automation.FunctionInfo", "Function", name,
	                             name, "", "", def);
	sh_object_set_note(o, "ScriptBlock", sh_ref(fn));
	sh_param_table t;
	sh_param_table_for_script(function_param_block(fn), &t);
	sh_object_set_note(o, "Parameters", parameters_of(&t));
	sh_param_table_free(&t);
	return o;
}

static sh_value *alias_command_object(const char *name, const char *target)
{
	char *display = xasprintf("%s -> %s", name, target);
	sh_value *o = command_object("System.Management.Automation.AliasInfo", "Alias", name,
	                             display, "", "", sh_string(target));
	sh_object_set_note(o, "ResolvedCommandName", sh_string(target));
	free(display);
	return o;
}

static sh_value *application_object(const char *name, const char *path)
{
	const char *base = strrchr(path, '/');
	(void)name;
	return command_object("System.Management.Automation.ApplicationInfo", "Application",
	                      base ? base + 1 : path, base ? base + 1 : path, "", path,
	                      sh_string(path));
}

/* ================================================================== */
/* Get-Command                                                         */
/* ================================================================== */

enum { KIND_ALIAS = 1, KIND_FUNCTION = 2, KIND_CMDLET = 4, KIND_APPLICATION = 8 };

static unsigned wanted_kinds(sh_cmd *c)
{
	sh_value *types = sh_param(c, "CommandType");
	if (!types)
		return KIND_ALIAS | KIND_FUNCTION | KIND_CMDLET;
	unsigned k = 0;
	for (size_t i = 0; i < sh_array_len(types); i++) {
		const char *t = sh_str(sh_array_get(types, i));
		if (str_ieq(t, "Alias"))
			k |= KIND_ALIAS;
		else if (str_ieq(t, "Function") || str_ieq(t, "Filter"))
			k |= KIND_FUNCTION;
		else if (str_ieq(t, "Cmdlet"))
			k |= KIND_CMDLET;
		else if (str_ieq(t, "Application") || str_ieq(t, "ExternalScript"))
			k |= KIND_APPLICATION;
		else if (str_ieq(t, "All"))
			k |= KIND_ALIAS | KIND_FUNCTION | KIND_CMDLET | KIND_APPLICATION;
	}
	return k;
}

static bool matches_list(sh_value *patterns, const char *text)
{
	if (!patterns)
		return true;
	for (size_t i = 0; i < sh_array_len(patterns); i++)
		if (sh_wildcard_match(sh_str(sh_array_get(patterns, i)), text, true))
			return true;
	return false;
}

static int compare_names(const void *a, const void *b)
{
	return str_icmp(*(char *const *)a, *(char *const *)b);
}

/* Verb and noun filters apply to Verb-Noun names only. */
static bool verb_noun_ok(sh_cmd *c, const char *name)
{
	sh_value *verbs = sh_param(c, "Verb"), *nouns = sh_param(c, "Noun");
	if (!verbs && !nouns)
		return true;
	const char *dash = strchr(name, '-');
	if (!dash)
		return false;
	char *verb = xstrndup(name, (size_t)(dash - name));
	bool ok = matches_list(verbs, verb) && matches_list(nouns, dash + 1);
	free(verb);
	return ok;
}

/* Emits the object, or its syntax with -Syntax. */
static sh_status emit_command(sh_cmd *c, sh_value *o)
{
	if (!sh_switch(c, "Syntax"))
		return sh_emit(c, o);
	const char *kind = sh_str(sh_object_note(o, "CommandType"));
	sh_value *text;
	if (str_ieq(kind, "Alias"))
		text = sh_stringf("%s (alias) -> %s", sh_str(sh_object_note(o, "Name")),
		                  sh_str(sh_object_note(o, "Definition")));
	else if (str_ieq(kind, "Function")) {
		sh_value *lines = function_syntax(sh_str(sh_object_note(o, "Name")),
		                                  sh_object_note(o, "ScriptBlock"));
		char *joined = join_syntax(lines);
		sh_unref(lines);
		text = sh_stringf("\n%s\n", joined);
		free(joined);
	} else if (str_ieq(kind, "Cmdlet"))
		text = sh_stringf("\n%s\n", sh_str(sh_object_note(o, "Definition")));
	else
		text = sh_ref(sh_object_note(o, "Definition"));
	sh_unref(o);
	return sh_emit(c, text);
}

static sh_status get_command_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_interp *in = sh_cmd_interp(c);
	sh_view_register(&command_view);
	unsigned kinds = wanted_kinds(c);
	sh_value *names = sh_param(c, "Name");
	sh_status st = SH_OK;
	sh_value *found = sh_array_new(16);
	/* Aliases, functions and cmdlets, each sorted by name, as PowerShell lists them. */
	if (kinds & KIND_ALIAS) {
		sh_value *aliases = sh_alias_list(in);
		for (size_t i = 0; i < sh_array_len(aliases); i++) {
			sh_value *a = sh_array_get(aliases, i);
			const char *name = sh_str(sh_object_note(a, "Name"));
			if (matches_list(names, name) && verb_noun_ok(c, name))
				sh_array_append(found,
				                alias_command_object(
				                    name, sh_str(sh_object_note(a, "Definition"))));
		}
		sh_unref(aliases);
	}
	if (kinds & KIND_FUNCTION) {
		sh_value *fns = sh_function_list(in);
		char **sorted = xcalloc(sh_array_len(fns) + 1, sizeof *sorted);
		size_t n = 0;
		for (size_t i = 0; i < sh_array_len(fns); i++)
			sorted[n++] = sh_to_string(sh_array_get(fns, i));
		qsort(sorted, n, sizeof *sorted, compare_names);
		for (size_t i = 0; i < n; i++) {
			if (matches_list(names, sorted[i]) && verb_noun_ok(c, sorted[i])) {
				sh_value *fn = sh_function_get(in, sorted[i]);
				if (fn)
					sh_array_append(found, function_object(sorted[i], fn));
			}
			free(sorted[i]);
		}
		free(sorted);
		sh_unref(fns);
	}
	if (kinds & KIND_CMDLET)
		for (size_t i = 0; i < sh_cmdlet_count(in); i++) {
			const sh_cmdlet *def = sh_cmdlet_at(in, i);
			if (matches_list(names, def->name) && verb_noun_ok(c, def->name))
				sh_array_append(found, cmdlet_object(in, def));
		}
	/* Exact names may also be programs on $PATH. */
	for (size_t i = 0; names && i < sh_array_len(names); i++) {
		const char *name = sh_str(sh_array_get(names, i));
		bool any = false;
		for (size_t k = 0; k < sh_array_len(found) && !any; k++) {
			const char *fname = sh_str(sh_object_note(sh_array_get(found, k), "Name"));
			any = sh_wildcard_match(name, fname, true);
		}
		if (any || sh_has_wildcard(name))
			continue;
		char *path = NULL;
		if ((kinds & KIND_APPLICATION || !sh_param(c, "CommandType")) &&
		    sh_resolve_command(in, name, NULL, NULL, &path) == SH_CMDK_EXTERNAL) {
			sh_array_append(found, application_object(name, path));
			free(path);
			continue;
		}
		free(path);
		sh_value *target = sh_string(name);
		char *msg =
		    xasprintf("The term '%s' is not recognized as a name of a cmdlet, function, "
		              "script file, or executable program.\nCheck the spelling of "
		              "the name, or if a path was included, verify that the path is "
		              "correct and try again.",
		              name);
		sh_error_info info = {.message = msg,
		                      .exception_type =
		                          "System.Management.Automation.CommandNotFoundException",
		                      .category = SH_CAT_OBJECT_NOT_FOUND,
		                      .error_id = "CommandNotFoundException",
		                      .target = target};
		st = sh_write_error(c, &info);
		free(msg);
		sh_unref(target);
		if (st != SH_OK)
			break;
	}
	int64_t total = sh_param_int(c, "TotalCount", -1);
	for (size_t i = 0; i < sh_array_len(found) && st == SH_OK; i++) {
		if (total >= 0 && (int64_t)i >= total)
			break;
		st = emit_command(c, sh_ref(sh_array_get(found, i)));
	}
	sh_unref(found);
	return st;
}

static const char *const command_type_values[] = {
    "Alias",       "Function", "Filter", "Cmdlet", "ExternalScript",
    "Application", "Script",   "All",    NULL};

static const sh_param_def get_command_params[] = {
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_PIPELINE | SH_PF_PIPE_PROP | SH_PF_WILDCARDS,
     .position = 0,
     .sets = "AllCommandSet",
     .help = "Gets only the commands with these names. Wildcards are permitted. An exact name "
             "may also name a program on $PATH.",
     .completer = sh_command_name_completer},
    {.name = "Verb",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_PIPE_PROP | SH_PF_WILDCARDS,
     .position = -1,
     .sets = "CmdletSet",
     .help = "Gets the commands whose names begin with this verb (the part before the dash). "
             "Wildcards are permitted."},
    {.name = "Noun",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_PIPE_PROP | SH_PF_WILDCARDS,
     .position = -1,
     .sets = "CmdletSet",
     .help = "Gets the commands whose names end with this noun (the part after the dash). "
             "Wildcards are permitted."},
    {.name = "CommandType",
     .type = SH_P_ENUM,
     .flags = SH_PF_ARRAY | SH_PF_PIPE_PROP,
     .position = -1,
     .sets = "AllCommandSet",
     .aliases = "Type",
     .enum_values = command_type_values,
     .type_name = "CommandTypes",
     .help = "Gets only commands of these types: Alias, Function, Cmdlet, Application or All.",
     .default_text = "Alias, Function, Cmdlet"},
    {.name = "TotalCount",
     .type = SH_P_INT,
     .position = -1,
     .help = "Gets at most this many commands."},
    {.name = "Syntax",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Gets the syntax of the commands instead of the command objects: for an alias "
             "the command it stands for, for a cmdlet or function one line per parameter "
             "set."},
    {.name = "All",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Gets every command, including those hidden by another command of the same "
             "name."},
    {0},
};

static const sh_example get_command_examples[] = {
    {"Get-Command", "Gets every alias, function and cmdlet."},
    {"Get-Command -Verb Get -Noun V*", "Gets the Get commands whose nouns begin with V."},
    {"Get-Command Get-ChildItem -Syntax", "Shows the parameter sets of Get-ChildItem."},
    {0},
};

/* ================================================================== */
/* Get-Help                                                            */
/* ================================================================== */

/* Appends `text` wrapped to `width` columns, every line indented. */
static void put_wrapped(sh_buf *b, const char *text, int indent, int width)
{
	if (width < indent + 20)
		width = indent + 20;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t para = nl ? (size_t)(nl - p) : strlen(p);
		size_t col = 0;
		bool line_open = false;
		size_t i = 0;
		if (para == 0)
			buf_putc(b, '\n');
		while (i < para) {
			while (i < para && p[i] == ' ')
				i++;
			size_t w = i;
			while (w < para && p[w] != ' ')
				w++;
			if (w == i)
				break;
			size_t wl = w - i;
			if (line_open && col + 1 + wl > (size_t)width) {
				buf_putc(b, '\n');
				line_open = false;
			}
			if (!line_open) {
				for (int k = 0; k < indent; k++)
					buf_putc(b, ' ');
				col = (size_t)indent;
				line_open = true;
			} else {
				buf_putc(b, ' ');
				col++;
			}
			buf_putn(b, p + i, wl);
			col += wl;
			i = w;
		}
		if (line_open)
			buf_putc(b, '\n');
		p += para;
		if (*p == '\n')
			p++;
	}
}

static void put_parameter_help(sh_buf *b, const sh_param_def *p, int width)
{
	buf_printf(b, "    -%s", p->name);
	if (p->type != SH_P_SWITCH)
		buf_printf(b, " <%s>", sh_param_type_name(p));
	buf_putc(b, '\n');
	if (p->help)
		put_wrapped(b, p->help, 8, width);
	if (p->enum_values) {
		sh_buf vals = {0};
		buf_puts(&vals, "Accepted values: ");
		for (size_t i = 0; p->enum_values[i]; i++)
			buf_printf(&vals, "%s%s", i ? ", " : "", p->enum_values[i]);
		put_wrapped(b, buf_str(&vals), 8, width);
		buf_free(&vals);
	}
	buf_putc(b, '\n');
	buf_printf(b, "        Required?                    %s\n",
	           (p->flags & SH_PF_MANDATORY) ? "true" : "false");
	if (p->position >= 0 && p->type != SH_P_SWITCH)
		buf_printf(b, "        Position?                    %d\n", p->position);
	else
		buf_puts(b, "        Position?                    named\n");
	buf_printf(b, "        Default value                %s\n",
	           p->default_text ? p->default_text : (p->type == SH_P_SWITCH ? "False" : "None"));
	bool by_value = p->flags & SH_PF_PIPELINE, by_prop = p->flags & SH_PF_PIPE_PROP;
	buf_printf(b, "        Accept pipeline input?       %s\n",
	           by_value && by_prop ? "True (ByValue, ByPropertyName)"
	           : by_value          ? "True (ByValue)"
	           : by_prop           ? "True (ByPropertyName)"
	                               : "False");
	buf_printf(b, "        Aliases                      %s\n",
	           p->aliases ? p->aliases : "None");
	buf_printf(b, "        Accept wildcard characters?  %s\n\n",
	           (p->flags & SH_PF_WILDCARDS) ? "true" : "false");
}

static const char common_parameters_text[] =
    "This cmdlet supports the common parameters: Verbose, Debug, ErrorAction, "
    "ErrorVariable, WarningAction, WarningVariable, InformationAction, InformationVariable, "
    "OutBuffer, PipelineVariable, and OutVariable. For more information, see "
    "about_CommonParameters.";

static void put_examples(sh_buf *b, const sh_cmdlet *def, int width)
{
	for (size_t i = 0; def->examples && def->examples[i].code; i++) {
		buf_printf(
		    b, "    -------------------------- EXAMPLE %zu --------------------------\n\n",
		    i + 1);
		buf_printf(b, "    PS> %s\n\n", def->examples[i].code);
		if (def->examples[i].remarks) {
			put_wrapped(b, def->examples[i].remarks, 4, width);
			buf_putc(b, '\n');
		}
		buf_putc(b, '\n');
	}
}

enum help_view { VIEW_BASIC, VIEW_DETAILED, VIEW_FULL, VIEW_EXAMPLES, VIEW_PARAMETER };

static char *cmdlet_help(const sh_cmdlet *def, enum help_view view, const char *parameter,
                         int width, char **error)
{
	sh_param_table t;
	sh_param_table_for_cmdlet(def, &t);
	sh_buf b = {0};
	if (view == VIEW_PARAMETER) {
		bool any = false;
		for (size_t i = 0; i < t.ndeclared; i++)
			if (sh_wildcard_match(parameter, t.params[i].name, true)) {
				if (!any)
					buf_putc(&b, '\n');
				put_parameter_help(&b, &t.params[i], width);
				any = true;
			}
		sh_param_table_free(&t);
		if (!any) {
			*error = xasprintf("No parameter matches criteria %s.", parameter);
			buf_free(&b);
			return NULL;
		}
		return buf_detach(&b);
	}
	buf_printf(&b, "\nNAME\n    %s\n\n", def->name);
	if (view == VIEW_EXAMPLES) {
		buf_puts(&b, "SYNOPSIS\n");
		put_wrapped(&b, def->synopsis ? def->synopsis : def->name, 4, width);
		buf_puts(&b, "\n");
		put_examples(&b, def, width);
		sh_param_table_free(&t);
		return buf_detach(&b);
	}
	buf_puts(&b, "SYNOPSIS\n");
	put_wrapped(&b, def->synopsis ? def->synopsis : def->name, 4, width);
	buf_puts(&b, "\n\nSYNTAX\n");
	sh_value *lines = syntax_lines(def->name, &t);
	for (size_t i = 0; i < sh_array_len(lines); i++) {
		put_wrapped(&b, sh_str(sh_array_get(lines, i)), 4, width);
		buf_putc(&b, '\n');
	}
	sh_unref(lines);
	buf_puts(&b, "\nDESCRIPTION\n");
	put_wrapped(&b, def->description ? def->description : "", 4, width);
	buf_puts(&b, "\n\n");
	if (view == VIEW_FULL || view == VIEW_DETAILED) {
		buf_puts(&b, "PARAMETERS\n");
		for (size_t i = 0; i < t.nparams; i++) {
			const sh_param_def *p = &t.params[i];
			bool sp = str_ieq(p->name, "WhatIf") || str_ieq(p->name, "Confirm");
			if ((p->flags & SH_PF_HIDDEN) || (i >= t.ndeclared && !sp))
				continue;
			if (view == VIEW_FULL) {
				put_parameter_help(&b, p, width);
			} else {
				buf_printf(&b, "    -%s", p->name);
				if (p->type != SH_P_SWITCH)
					buf_printf(&b, " <%s>", sh_param_type_name(p));
				buf_putc(&b, '\n');
				if (p->help)
					put_wrapped(&b, p->help, 8, width);
				buf_putc(&b, '\n');
			}
		}
		buf_puts(&b, "    <CommonParameters>\n");
		put_wrapped(&b, common_parameters_text, 8, width);
		buf_puts(&b, "\n");
		if (view == VIEW_FULL) {
			buf_puts(&b, "INPUTS\n");
			bool any = false;
			for (size_t i = 0; i < t.ndeclared; i++)
				if (t.params[i].flags & (SH_PF_PIPELINE | SH_PF_PIPE_PROP)) {
					buf_printf(&b, "    %s\n",
					           sh_param_type_name(&t.params[i]));
					any = true;
				}
			if (!any)
				buf_puts(&b, "    None\n");
			buf_printf(&b, "\n\nOUTPUTS\n    %s\n\n\n",
			           def->output_type ? def->output_type : "None");
		}
		if (def->examples && def->examples[0].code)
			put_examples(&b, def, width);
	}
	if (def->aliases) {
		buf_puts(&b, "ALIASES\n");
		const char *a = def->aliases;
		while (*a) {
			const char *comma = strchr(a, ',');
			size_t n = comma ? (size_t)(comma - a) : strlen(a);
			buf_printf(&b, "    %.*s\n", (int)n, a);
			a += n;
			if (*a == ',')
				a++;
		}
		buf_puts(&b, "\n\n");
	}
	if (view == VIEW_BASIC || view == VIEW_DETAILED) {
		buf_printf(&b,
		           "REMARKS\n    To see the examples, type: \"Get-Help %s -Examples\".\n"
		           "    For more information, type: \"Get-Help %s -Detailed\".\n"
		           "    For technical information, type: \"Get-Help %s -Full\".\n",
		           def->name, def->name, def->name);
	}
	sh_param_table_free(&t);
	return buf_detach(&b);
}

static char *function_help(const char *name, sh_value *fn)
{
	sh_value *lines = function_syntax(name, fn);
	sh_buf b = {0};
	buf_printf(&b, "\nNAME\n    %s\n\n\nSYNTAX\n", name);
	for (size_t i = 0; i < sh_array_len(lines); i++)
		buf_printf(&b, "    %s\n", sh_str(sh_array_get(lines, i)));
	sh_unref(lines);
	buf_puts(&b, "\n\nALIASES\n    None\n\n\nREMARKS\n    None\n");
	return buf_detach(&b);
}

static const char help_intro[] =
    "\nTOPIC\n"
    "    hvsh Help System\n"
    "\n"
    "SHORT DESCRIPTION\n"
    "    Displays help about hvsh cmdlets and concepts.\n"
    "\n"
    "LONG DESCRIPTION\n"
    "    hvsh is a PowerShell-like shell. Every command is a Verb-Noun cmdlet (or an alias\n"
    "    or function) with typed, named parameters, and commands pass objects down the\n"
    "    pipeline rather than text.\n"
    "\n"
    "    Get-Help shows what a command does and how to call it. Get-Command finds\n"
    "    commands: by name (wildcards allowed), by verb or by noun.\n"
    "\n"
    "  EXAMPLES\n"
    "      Get-Help Get-ChildItem             Shows the help for Get-ChildItem.\n"
    "      Get-Help Get-ChildItem -Examples   Shows only its examples.\n"
    "      Get-Help Get-ChildItem -Full       Shows every detail, parameter by parameter.\n"
    "      Get-Help Get-ChildItem -Parameter Path\n"
    "                                         Shows the help for one parameter.\n"
    "      Get-Help *-Item                    Lists the commands whose names match.\n"
    "      Get-Command -Noun Item             Lists the commands that work on items.\n"
    "      Get-Command Get-ChildItem -Syntax  Shows how Get-ChildItem may be called.\n"
    "      Get-ChildItem -?                   The same as Get-Help Get-ChildItem.\n"
    "      Get-Help about_                    Lists the conceptual topics, such as\n"
    "                                         about_hvsh, about_Pipelines and about_Engine.\n";

static sh_status help_not_found(sh_cmd *c, const char *name)
{
	sh_value *target = sh_string(name);
	char *msg = xasprintf("Get-Help could not find %s in a help file in this session.", name);
	sh_error_info info = {.message = msg,
	                      .exception_type =
	                          "Microsoft.PowerShell.Commands.HelpNotFoundException",
	                      .category = SH_CAT_RESOURCE_UNAVAILABLE,
	                      .error_id = "HelpNotFound",
	                      .target = target};
	sh_status st = sh_write_error(c, &info);
	free(msg);
	sh_unref(target);
	return st;
}

char *cmd_about_synopsis(const cmd_about_topic *topic)
{
	const char *p = strstr(topic->text, "SHORT DESCRIPTION\n");
	sh_buf b = {0};
	if (p) {
		p += strlen("SHORT DESCRIPTION\n");
		/* the indented lines up to the first blank one, joined */
		while (*p && *p != '\n') {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			while (n && *p == ' ')
				p++, n--;
			buf_printf(&b, "%s%.*s", buf_str(&b)[0] ? " " : "", (int)n, p);
			p += n;
			if (*p == '\n')
				p++;
		}
	}
	return buf_detach(&b);
}

static const cmd_about_topic *find_topic(const char *name)
{
	for (size_t i = 0; cmd_about_topics[i].name; i++)
		if (str_ieq(cmd_about_topics[i].name, name))
			return &cmd_about_topics[i];
	return NULL;
}

static sh_value *help_entry(const char *name, const char *category, const char *module,
                            sh_value *synopsis)
{
	sh_value *o = sh_object_new("HelpInfoShort");
	sh_object_set_note(o, "Name", sh_string(name));
	sh_object_set_note(o, "Category", sh_string(category));
	sh_object_set_note(o, "Module", sh_string(module));
	sh_object_set_note(o, "Synopsis", synopsis);
	return o;
}

/* The help entries whose names match `pattern`: aliases, cmdlets,
 * functions, then the about_ topics, as PowerShell lists them. */
static sh_value *help_matches(sh_interp *in, const char *pattern)
{
	sh_value *found = sh_array_new(8);
	sh_value *aliases = sh_alias_list(in);
	for (size_t i = 0; i < sh_array_len(aliases); i++) {
		sh_value *a = sh_array_get(aliases, i);
		const char *name = sh_str(sh_object_note(a, "Name"));
		if (sh_wildcard_match(pattern, name, true))
			sh_array_append(
			    found, help_entry(name, "Alias", "",
			                      sh_string(sh_str(sh_object_note(a, "Definition")))));
	}
	sh_unref(aliases);
	for (size_t i = 0; i < sh_cmdlet_count(in); i++) {
		const sh_cmdlet *def = sh_cmdlet_at(in, i);
		if (sh_wildcard_match(pattern, def->name, true))
			sh_array_append(found,
			                help_entry(def->name, "Cmdlet", "hvsh",
			                           sh_string(def->synopsis ? def->synopsis : "")));
	}
	sh_value *fns = sh_function_list(in);
	for (size_t i = 0; i < sh_array_len(fns); i++) {
		char *name = sh_to_string(sh_array_get(fns, i));
		if (sh_wildcard_match(pattern, name, true))
			sh_array_append(found, help_entry(name, "Function", "", sh_string("")));
		free(name);
	}
	sh_unref(fns);
	for (size_t i = 0; cmd_about_topics[i].name; i++)
		if (sh_wildcard_match(pattern, cmd_about_topics[i].name, true))
			sh_array_append(
			    found,
			    help_entry(cmd_about_topics[i].name, "HelpFile", "",
			               sh_string_take(cmd_about_synopsis(&cmd_about_topics[i]))));
	return found;
}

/* Shows the help of one command or topic; *found false when there is none. */
static sh_status help_show(sh_cmd *c, const char *name, bool *found)
{
	sh_interp *in = sh_cmd_interp(c);
	enum help_view view = VIEW_BASIC;
	if (sh_param_bound(c, "Parameter"))
		view = VIEW_PARAMETER;
	else if (sh_switch(c, "Full"))
		view = VIEW_FULL;
	else if (sh_switch(c, "Examples"))
		view = VIEW_EXAMPLES;
	else if (sh_switch(c, "Detailed"))
		view = VIEW_DETAILED;
	int width = sh_interp_host(in) ? sh_interp_host(in)->width - 1 : 119;
	const sh_cmdlet *def = NULL;
	sh_value *fn = NULL;
	const cmd_about_topic *topic = find_topic(name);
	*found = true;
	if (topic)
		return sh_emit(c, sh_string(topic->text));
	sh_command_kind kind = sh_resolve_command(in, name, &def, &fn, NULL);
	char *text = NULL, *error = NULL;
	if (kind == SH_CMDK_CMDLET)
		text = cmdlet_help(def, view, sh_param_str(c, "Parameter"), width, &error);
	else if (kind == SH_CMDK_FUNCTION)
		text = function_help(name, fn);
	if (error) {
		sh_value *target = sh_string(sh_param_str(c, "Parameter"));
		sh_error_info info = {.message = error,
		                      .exception_type = "System.ArgumentException",
		                      .category = SH_CAT_INVALID_ARGUMENT,
		                      .error_id = "NoParmsFound",
		                      .target = target};
		sh_status st = sh_write_error(c, &info);
		free(error);
		sh_unref(target);
		return st;
	}
	if (!text) {
		*found = false;
		return SH_OK;
	}
	return sh_emit(c, sh_string_take(text));
}

/* Lists the entries matching `pattern`, or shows the only one. */
static sh_status help_list(sh_cmd *c, const char *pattern, const char *asked)
{
	sh_value *found = help_matches(sh_cmd_interp(c), pattern);
	sh_status st = SH_OK;
	size_t n = sh_array_len(found);
	if (n == 0) {
		st = help_not_found(c, asked);
	} else if (n == 1) {
		bool shown;
		char *name = xstrdup(sh_str(sh_object_note(sh_array_get(found, 0), "Name")));
		st = help_show(c, name, &shown);
		free(name);
	} else {
		for (size_t i = 0; i < n && st == SH_OK; i++)
			st = sh_emit(c, sh_ref(sh_array_get(found, i)));
	}
	sh_unref(found);
	return st;
}

static sh_status get_help_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	const char *name = sh_param_str(c, "Name");
	if (!name || !*name)
		return sh_emit(c, sh_string(help_intro));
	if (sh_has_wildcard(name))
		return help_list(c, name, name);
	bool found;
	sh_status st = help_show(c, name, &found);
	if (st != SH_OK || found)
		return st;
	/* Not a name: the beginning of some ("about_", "Get-Chi")? */
	char *prefix = xasprintf("%s*", name);
	st = help_list(c, prefix, name);
	free(prefix);
	return st;
}

static const sh_param_def get_help_params[] = {
    {.name = "Name",
     .type = SH_P_STRING,
     .position = 0,
     .flags = SH_PF_PIPE_PROP | SH_PF_WILDCARDS,
     .help = "Gets help about the specified command, alias or about_ topic. With wildcards, "
             "or with the beginning of names, lists the matching commands and topics (or "
             "shows the only match). Without a name, shows how to use the help system.",
     .completer = sh_command_name_completer},
    {.name = "Full",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Displays the entire help: every parameter with its attributes, the inputs, "
             "the outputs and the examples."},
    {.name = "Detailed",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Adds parameter descriptions and examples to the basic help."},
    {.name = "Examples",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Displays only the name, synopsis and examples."},
    {.name = "Parameter",
     .type = SH_P_STRING,
     .position = -1,
     .flags = SH_PF_WILDCARDS,
     .help = "Displays only the detailed description of the specified parameters. Wildcards "
             "are permitted."},
    {0},
};

static const sh_example get_help_examples[] = {
    {"Get-Help Get-ChildItem", "Displays the basic help for Get-ChildItem."},
    {"Get-Help Get-ChildItem -Parameter Path", "Displays the help for its -Path parameter."},
    {"Get-Help *-Variable", "Lists the commands whose names end in -Variable."},
    {0},
};

const sh_cmdlet cmd_help_cmdlets[] = {
    {.name = "Get-Command",
     .aliases = "gcm",
     .synopsis = "Gets all commands.",
     .description = "Gets the aliases, functions and cmdlets of the session, and with an exact "
                    "name also programs found on $PATH. Filter by name (wildcards allowed), by "
                    "verb and noun, or by command type. With -Syntax it shows how each command "
                    "may be called instead.",
     .default_set = "AllCommandSet",
     .params = get_command_params,
     .examples = get_command_examples,
     .output_type = "System.Management.Automation.CommandInfo",
     .class_name = "Microsoft.PowerShell.Commands.GetCommandCommand",
     .process = get_command_process},
    {.name = "Get-Help",
     .aliases = "help",
     .synopsis = "Displays information about commands and concepts.",
     .description = "Displays the help of a cmdlet, function or alias: its synopsis, syntax "
                    "and description, and with -Detailed, -Full, -Examples or -Parameter more "
                    "of what its declaration holds. All of it comes from the command's own "
                    "declaration, so it always matches what the command accepts.",
     .params = get_help_params,
     .examples = get_help_examples,
     .output_type = "System.String",
     .class_name = "Microsoft.PowerShell.Commands.GetHelpCommand",
     .process = get_help_process},
    {0},
};
