/*
 * binder.c - parameter binding for cmdlets and script functions.
 *
 * Both kinds of command are described by one sh_param_table: a flat array
 * of sh_param_def (the declared parameters, then the common ones), a list
 * of parameter-set names, and a bit mask per parameter saying which sets
 * it belongs to. A cmdlet's table copies its static entries; a script's is
 * built from the param() block's attributes, with the strings the AST does
 * not hold owned by the table.
 *
 * Binding runs in PowerShell's order:
 *   1. named arguments (exact name, then alias, then unique prefix), each
 *      converted to the parameter's type as it is bound;
 *   2. the sets still possible are those every bound parameter belongs to;
 *   3. the remaining values bind by position: each goes to the unbound
 *      positional parameter with the lowest position in a possible set
 *      (the default set's first when positions tie), narrowing the sets;
 *      leftovers go to a ValueFromRemainingArguments parameter, to $args
 *      for simple functions, or are an error;
 *   4. the set is chosen (one possible, else the default, else the one
 *      whose mandatory parameters are all there), left open when pipeline
 *      input may still decide it;
 *   5. missing mandatory parameters are prompted for on an interactive
 *      host, else reported.
 * Each pipeline object then binds in four passes, as PowerShell's
 * ParameterBinderController does: ByValue without coercion, ByPropertyName
 * without coercion, then both again with type conversion. Only the
 * bindings made from one object are undone before the next.
 *
 * Messages and error ids are PowerShell's. Cmdlets and advanced functions
 * differ from simple functions only where PowerShell differs: unknown
 * names and extra values are errors for the former and $args for the
 * latter, and conversion failures are worded "Cannot bind parameter" for
 * cmdlets but "Cannot process argument transformation" for scripts.
 */
#include "binder.h"

#include <stdlib.h>
#include <string.h>

#include "interp.h"
#include "ops.h"

#define ALL_SETS (~(uint64_t)0)

static const sh_param_def common_params[] = {
    {.name = "Verbose", .type = SH_P_SWITCH, .position = -1, .aliases = "vb"},
    {.name = "Debug", .type = SH_P_SWITCH, .position = -1, .aliases = "db"},
    {.name = "ErrorAction",
     .type = SH_P_ENUM,
     .position = -1,
     .aliases = "ea",
     .enum_values = sh_action_pref_names,
     .type_name = "ActionPreference"},
    {.name = "WarningAction",
     .type = SH_P_ENUM,
     .position = -1,
     .aliases = "wa",
     .enum_values = sh_action_pref_names,
     .type_name = "ActionPreference"},
    {.name = "InformationAction",
     .type = SH_P_ENUM,
     .position = -1,
     .aliases = "infa",
     .enum_values = sh_action_pref_names,
     .type_name = "ActionPreference"},
    {.name = "ErrorVariable", .type = SH_P_STRING, .position = -1, .aliases = "ev"},
    {.name = "WarningVariable", .type = SH_P_STRING, .position = -1, .aliases = "wv"},
    {.name = "InformationVariable", .type = SH_P_STRING, .position = -1, .aliases = "iv"},
    {.name = "OutVariable", .type = SH_P_STRING, .position = -1, .aliases = "ov"},
    {.name = "OutBuffer", .type = SH_P_INT, .position = -1, .aliases = "ob"},
    {.name = "PipelineVariable", .type = SH_P_STRING, .position = -1, .aliases = "pv"},
};
#define NCOMMON (sizeof common_params / sizeof common_params[0])

static const sh_param_def should_process_params[] = {
    {.name = "WhatIf", .type = SH_P_SWITCH, .position = -1, .aliases = "wi"},
    {.name = "Confirm", .type = SH_P_SWITCH, .position = -1, .aliases = "cf"},
};

/* ------------------------------------------------------------------ */
/* type names */

static const struct type_names {
	sh_ptype type;
	const char *scalar, *array, *full, *full_array;
} type_names[] = {
    {SH_P_OBJECT, "Object", "Object[]", "System.Object", "System.Object[]"},
    {SH_P_STRING, "String", "String[]", "System.String", "System.String[]"},
    {SH_P_INT, "Int32", "Int32[]", "System.Int32", "System.Int32[]"},
    {SH_P_LONG, "Int64", "Int64[]", "System.Int64", "System.Int64[]"},
    {SH_P_DOUBLE, "Double", "Double[]", "System.Double", "System.Double[]"},
    {SH_P_BOOL, "Boolean", "Boolean[]", "System.Boolean", "System.Boolean[]"},
    {SH_P_SWITCH, "SwitchParameter", "SwitchParameter[]",
     "System.Management.Automation.SwitchParameter",
     "System.Management.Automation.SwitchParameter[]"},
    {SH_P_SCRIPTBLOCK, "ScriptBlock", "ScriptBlock[]", "System.Management.Automation.ScriptBlock",
     "System.Management.Automation.ScriptBlock[]"},
    {SH_P_HASHTABLE, "Hashtable", "Hashtable[]", "System.Collections.Hashtable",
     "System.Collections.Hashtable[]"},
    {SH_P_DATETIME, "DateTime", "DateTime[]", "System.DateTime", "System.DateTime[]"},
    {SH_P_TIMESPAN, "TimeSpan", "TimeSpan[]", "System.TimeSpan", "System.TimeSpan[]"},
    {SH_P_ENUM, "String", "String[]", "System.String", "System.String[]"},
    {SH_P_CREDENTIAL, "PSCredential", "PSCredential[]", "System.Management.Automation.PSCredential",
     "System.Management.Automation.PSCredential[]"},
    {SH_P_SECURESTRING, "SecureString", "SecureString[]", "System.Security.SecureString",
     "System.Security.SecureString[]"},
};

static const struct type_names *names_of(sh_ptype t)
{
	for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
		if (type_names[i].type == t)
			return &type_names[i];
	return &type_names[0];
}

const char *sh_param_type_name(const sh_param_def *p)
{
	if (p->type_name)
		return p->type_name;
	const struct type_names *n = names_of(p->type);
	return (p->flags & SH_PF_ARRAY) ? n->array : n->scalar;
}

/* Enumerations the shell's tables name by their short name. */
static const char *const enum_full_names[][2] = {
    {"ActionPreference", "System.Management.Automation.ActionPreference"},
    {"ErrorCategory", "System.Management.Automation.ErrorCategory"},
    {"ConsoleColor", "System.ConsoleColor"},
    {"ConfirmImpact", "System.Management.Automation.ConfirmImpact"},
};

/* The full .NET name for messages ("Specify a parameter of type 'System.String'"). */
/* The length of a type name without its "[]". */
static size_t element_type_len(const char *type_name)
{
	size_t n = strlen(type_name);
	return n > 2 && strcmp(type_name + n - 2, "[]") == 0 ? n - 2 : n;
}

static char *full_type_name(const sh_param_def *p)
{
	if (p->type_name) {
		size_t n = strlen(p->type_name), base_len = element_type_len(p->type_name);
		bool arr = base_len < n;
		char *base = xstrndup(p->type_name, base_len);
		const char *full = NULL;
		for (size_t i = 0; i < sizeof enum_full_names / sizeof enum_full_names[0]; i++)
			if (str_ieq(enum_full_names[i][0], base))
				full = enum_full_names[i][1];
		sh_type t;
		if (!full && sh_type_lookup(base, &t) && t.name)
			full = t.name;
		char *r = xasprintf("%s%s", full ? full : base, arr ? "[]" : "");
		free(base);
		return r;
	}
	const struct type_names *n = names_of(p->type);
	return xstrdup((p->flags & SH_PF_ARRAY) ? n->full_array : n->full);
}

static sh_type type_named(const char *name)
{
	sh_type t;
	sh_type_lookup(name, &t);
	return t;
}

/* ------------------------------------------------------------------ */
/* tables */

static char *table_own(sh_param_table *t, char *s)
{
	VEC_PUSH(t->owned, t->nowned, t->capowned, s);
	return s;
}

static int set_index(const sh_param_table *t, const char *name, size_t len)
{
	for (size_t i = 0; i < t->nsets; i++)
		if (strlen(t->set_names[i]) == len && strncasecmp(t->set_names[i], name, len) == 0)
			return (int)i;
	return -1;
}

static void add_set(sh_param_table *t, const char *name, size_t len, size_t *cap)
{
	if (len == 0 || set_index(t, name, len) >= 0 ||
	    (len == 18 && strncasecmp(name, "__AllParameterSets", 18) == 0) || t->nsets >= 64)
		return;
	VEC_PUSH(t->set_names, t->nsets, *cap, xstrndup(name, len));
}

/* Calls fn for each trimmed item of a comma-separated list. */
#define FOR_EACH_ITEM(list, p, n, body)                                                            \
	for (const char *p = (list); p && *p;) {                                                   \
		while (*p == ' ')                                                                  \
			p++;                                                                       \
		const char *end_ = strchr(p, ',');                                                 \
		size_t n = end_ ? (size_t)(end_ - p) : strlen(p);                                  \
		while (n > 0 && p[n - 1] == ' ')                                                   \
			n--;                                                                       \
		body;                                                                              \
		p = end_ ? end_ + 1 : p + strlen(p);                                               \
	}

sh_value *sh_param_alias_array(const sh_param_def *p)
{
	sh_value *a = sh_array_new(0);
	FOR_EACH_ITEM(p->aliases, name, n, { sh_array_append(a, sh_string_n(name, n)); });
	return a;
}

static void finish_sets(sh_param_table *t)
{
	size_t cap = 0;
	for (size_t i = 0; i < t->ndeclared; i++)
		FOR_EACH_ITEM(t->params[i].sets, p, n, add_set(t, p, n, &cap));
	if (t->default_set)
		add_set(t, t->default_set, strlen(t->default_set), &cap);
	t->set_masks = xcalloc(t->nparams ? t->nparams : 1, sizeof *t->set_masks);
	for (size_t i = 0; i < t->nparams; i++) {
		const char *sets = t->params[i].sets;
		if (!sets || !*sets) {
			t->set_masks[i] = ALL_SETS;
			continue;
		}
		uint64_t m = 0;
		FOR_EACH_ITEM(sets, p, n, {
			int k = set_index(t, p, n);
			if (k >= 0)
				m |= (uint64_t)1 << k;
			else if (n == 18 && strncasecmp(p, "__AllParameterSets", 18) == 0)
				m = ALL_SETS;
		});
		t->set_masks[i] = m ? m : ALL_SETS;
	}
}

static void init_extra(sh_param_table *t)
{
	t->extra = xcalloc(t->nparams ? t->nparams : 1, sizeof *t->extra);
	for (size_t i = 0; i < t->nparams; i++) {
		t->extra[i].count_max = -1;
		t->extra[i].length_max = -1;
	}
}

static void append_common(sh_param_table *t, bool should_process)
{
	for (size_t i = 0; i < NCOMMON; i++)
		t->params[t->nparams++] = common_params[i];
	if (should_process)
		for (size_t i = 0; i < 2; i++)
			t->params[t->nparams++] = should_process_params[i];
}

void sh_param_table_for_cmdlet(const sh_cmdlet *def, sh_param_table *out)
{
	memset(out, 0, sizeof *out);
	size_t n = 0;
	while (def->params && def->params[n].name)
		n++;
	out->params = xcalloc(n + NCOMMON + 2, sizeof *out->params);
	for (size_t i = 0; i < n; i++)
		out->params[i] = def->params[i];
	out->nparams = out->ndeclared = n;
	append_common(out, def->flags & SH_CMD_SUPPORTS_SHOULD_PROCESS);
	out->default_set = def->default_set;
	out->advanced = true;
	out->command_name = def->name;
	finish_sets(out);
	init_extra(out);
}

/* ---- script param blocks ---- */

/* The value of an attribute argument that is a constant, or false. */
static bool const_value(const sh_node *n, sh_value **out)
{
	*out = NULL;
	if (!n)
		return false;
	switch (n->kind) {
	case N_CONSTANT:
		*out = sh_ref(n->u.constant.value);
		return true;
	case N_VARIABLE:
		if (str_ieq(n->u.variable.name, "true") || str_ieq(n->u.variable.name, "false")) {
			*out = sh_bool(str_ieq(n->u.variable.name, "true"));
			return true;
		}
		return str_ieq(n->u.variable.name, "null");
	case N_UNARY: {
		sh_value *v;
		if (!const_value(n->u.unary.operand, &v))
			return false;
		char *err = NULL;
		int rc = sh_unary(n->u.unary.op, v, out, &err);
		sh_unref(v);
		free(err);
		return rc == 0;
	}
	case N_EXPANDABLE_STRING: {
		sh_buf b = {0};
		for (size_t i = 0; i < n->u.expandable.parts.len; i++) {
			const sh_node *part = n->u.expandable.parts.items[i];
			if (part->kind != N_CONSTANT) {
				buf_free(&b);
				return false;
			}
			char *s = sh_to_string(part->u.constant.value);
			buf_puts(&b, s);
			free(s);
		}
		*out = sh_string_take(buf_detach(&b));
		return true;
	}
	case N_ARRAY_LITERAL: {
		sh_value *a = sh_array_new(n->u.array.len);
		for (size_t i = 0; i < n->u.array.len; i++) {
			sh_value *v;
			if (!const_value(n->u.array.items[i], &v)) {
				sh_unref(a);
				return false;
			}
			sh_array_append(a, v);
		}
		*out = a;
		return true;
	}
	case N_PAREN:
	case N_PIPELINE:
	case N_COMMAND_EXPR: {
		const sh_node *inner = n->kind == N_PAREN          ? n->u.group.body
		                       : n->kind == N_COMMAND_EXPR ? n->u.command_expr.expr
		                       : n->u.pipeline.elements.len == 1
		                           ? n->u.pipeline.elements.items[0]
		                           : NULL;
		return const_value(inner, out);
	}
	default:
		return false;
	}
}

/* A named attribute argument: a bare flag is true. Returns false if absent. */
static bool attr_named(const sh_node *attr, const char *key, sh_value **out)
{
	for (size_t i = 0; i < attr->u.attribute.named_len; i++) {
		if (!str_ieq(attr->u.attribute.named_keys[i], key))
			continue;
		if (!attr->u.attribute.named_values[i]) {
			*out = sh_bool(true);
			return true;
		}
		return const_value(attr->u.attribute.named_values[i], out);
	}
	*out = NULL;
	return false;
}

static bool attr_flag(const sh_node *attr, const char *key)
{
	sh_value *v;
	if (!attr_named(attr, key, &v))
		return false;
	bool b = sh_to_bool(v);
	sh_unref(v);
	return b;
}

/* The positional arguments of an attribute, flattened into one array of
 * constants (ValidateSet('a','b') and ValidateSet(('a','b')) alike). */
static sh_value *attr_positional(const sh_node *attr)
{
	sh_value *all = sh_array_new(attr->u.attribute.positional.len);
	for (size_t i = 0; i < attr->u.attribute.positional.len; i++) {
		sh_value *v;
		if (!const_value(attr->u.attribute.positional.items[i], &v))
			continue;
		if (sh_kind_of(v) == SH_ARRAY) {
			for (size_t k = 0; k < sh_array_len(v); k++)
				sh_array_append(all, sh_ref(sh_array_get(v, k)));
			sh_unref(v);
		} else {
			sh_array_append(all, v);
		}
	}
	return all;
}

static int64_t int_of(const sh_value *v, int64_t fallback)
{
	int64_t r;
	return sh_to_int64(v, &r, NULL) ? r : fallback;
}

static void apply_type(sh_param_def *p, sh_param_extra *x, const char *type_name)
{
	sh_type t;
	bool known = sh_type_lookup(type_name, &t);
	p->type_name = type_name;
	if (t.is_array)
		p->flags |= SH_PF_ARRAY;
	switch (t.id) {
	case SH_T_STRING:
		p->type = SH_P_STRING;
		break;
	case SH_T_INT:
		p->type = SH_P_INT;
		break;
	case SH_T_LONG:
		p->type = SH_P_LONG;
		break;
	case SH_T_DOUBLE:
		p->type = SH_P_DOUBLE;
		break;
	case SH_T_BOOL:
		p->type = SH_P_BOOL;
		break;
	case SH_T_SWITCH:
		p->type = SH_P_SWITCH;
		break;
	case SH_T_SCRIPTBLOCK:
		p->type = SH_P_SCRIPTBLOCK;
		break;
	case SH_T_HASHTABLE:
		p->type = SH_P_HASHTABLE;
		break;
	case SH_T_DATETIME:
		p->type = SH_P_DATETIME;
		break;
	case SH_T_TIMESPAN:
		p->type = SH_P_TIMESPAN;
		break;
	case SH_T_CREDENTIAL:
		p->type = SH_P_CREDENTIAL;
		break;
	case SH_T_SECURESTRING:
		p->type = SH_P_SECURESTRING;
		break;
	case SH_T_ARRAY:
		p->type = SH_P_OBJECT;
		p->flags |= SH_PF_ARRAY;
		break;
	case SH_T_OBJECT:
	case SH_T_NAMED:
		p->type = SH_P_OBJECT;
		break;
	default:
		p->type = SH_P_OBJECT;
		if (known) {
			x->has_type = true;
			x->type = t;
			x->type.is_array = false;
		}
		break;
	}
}

/* Reads the attributes of one parameter into its definition. Returns true
 * when a [Parameter()] attribute makes the function advanced. */
static bool read_parameter(sh_param_table *t, const sh_node *pn, sh_param_def *p, sh_param_extra *x,
                           bool *explicit_position)
{
	bool advanced = false;
	sh_buf sets = {0}, aliases = {0};
	p->name = pn->u.parameter.name;
	p->position = -1;
	if (pn->u.parameter.type && pn->u.parameter.type->u.type.type_name)
		apply_type(p, x, pn->u.parameter.type->u.type.type_name);
	x->default_value = pn->u.parameter.default_value;
	for (size_t i = 0; i < pn->u.parameter.attributes.len; i++) {
		const sh_node *a = pn->u.parameter.attributes.items[i];
		if (a->kind == N_TYPE) {
			apply_type(p, x, a->u.type.type_name);
			continue;
		}
		if (a->kind != N_ATTRIBUTE || !a->u.attribute.name)
			continue;
		const char *an = a->u.attribute.name;
		sh_value *v = NULL;
		if (str_ieq(an, "Parameter")) {
			advanced = true;
			if (attr_flag(a, "Mandatory"))
				p->flags |= SH_PF_MANDATORY;
			if (attr_flag(a, "ValueFromPipeline"))
				p->flags |= SH_PF_PIPELINE;
			if (attr_flag(a, "ValueFromPipelineByPropertyName"))
				p->flags |= SH_PF_PIPE_PROP;
			if (attr_flag(a, "ValueFromRemainingArguments"))
				p->flags |= SH_PF_REMAINING;
			if (attr_flag(a, "DontShow"))
				p->flags |= SH_PF_HIDDEN;
			if (attr_named(a, "Position", &v)) {
				p->position = (int)int_of(v, -1);
				*explicit_position = true;
			}
			sh_unref(v);
			if (attr_named(a, "ParameterSetName", &v) && sh_kind_of(v) == SH_STRING) {
				if (sets.len)
					buf_putc(&sets, ',');
				buf_puts(&sets, sh_str(v));
			}
			sh_unref(v);
			if (attr_named(a, "HelpMessage", &v) && sh_kind_of(v) == SH_STRING)
				p->help = table_own(t, xstrdup(sh_str(v)));
			sh_unref(v);
		} else if (str_ieq(an, "Alias")) {
			sh_value *all = attr_positional(a);
			for (size_t k = 0; k < sh_array_len(all); k++) {
				char *s = sh_to_string(sh_array_get(all, k));
				if (aliases.len)
					buf_putc(&aliases, ',');
				buf_puts(&aliases, s);
				free(s);
			}
			sh_unref(all);
		} else if (str_ieq(an, "ValidateSet")) {
			sh_value *all = attr_positional(a);
			size_t n = sh_array_len(all);
			const char **vals = xcalloc(n + 1, sizeof *vals);
			for (size_t k = 0; k < n; k++)
				vals[k] = table_own(t, sh_to_string(sh_array_get(all, k)));
			table_own(t, (char *)vals);
			p->enum_values = vals;
			sh_unref(all);
		} else if (str_ieq(an, "ValidateNotNull")) {
			x->not_null = true;
		} else if (str_ieq(an, "ValidateNotNullOrEmpty")) {
			x->not_null_or_empty = true;
		} else if (str_ieq(an, "AllowNull")) {
			x->allow_null = true;
		} else if (str_ieq(an, "AllowEmptyString")) {
			x->allow_empty_string = true;
		} else if (str_ieq(an, "AllowEmptyCollection")) {
			x->allow_empty_collection = true;
		} else if (str_ieq(an, "ValidateRange")) {
			sh_value *all = attr_positional(a);
			if (sh_array_len(all) == 2) {
				sh_unref(x->range_min);
				sh_unref(x->range_max);
				x->range_min = sh_ref(sh_array_get(all, 0));
				x->range_max = sh_ref(sh_array_get(all, 1));
			}
			sh_unref(all);
		} else if (str_ieq(an, "ValidatePattern")) {
			sh_value *all = attr_positional(a);
			if (sh_array_len(all) >= 1)
				x->pattern = table_own(t, sh_to_string(sh_array_get(all, 0)));
			sh_unref(all);
		} else if (str_ieq(an, "ValidateCount") || str_ieq(an, "ValidateLength")) {
			sh_value *all = attr_positional(a);
			if (sh_array_len(all) == 2) {
				int64_t lo = int_of(sh_array_get(all, 0), 0);
				int64_t hi = int_of(sh_array_get(all, 1), -1);
				if (str_ieq(an, "ValidateCount")) {
					x->count_min = lo;
					x->count_max = hi;
				} else {
					x->length_min = lo;
					x->length_max = hi;
				}
			}
			sh_unref(all);
		}
	}
	if (sets.len)
		p->sets = table_own(t, buf_detach(&sets));
	if (aliases.len)
		p->aliases = table_own(t, buf_detach(&aliases));
	buf_free(&sets);
	buf_free(&aliases);
	return advanced;
}

void sh_param_table_for_script(const sh_node *param_block, sh_param_table *out)
{
	memset(out, 0, sizeof *out);
	size_t n = param_block ? param_block->u.param_block.parameters.len : 0;
	out->params = xcalloc(n + NCOMMON + 2, sizeof *out->params);
	out->extra = xcalloc(n + NCOMMON + 2, sizeof *out->extra);
	for (size_t i = 0; i < n + NCOMMON + 2; i++) {
		out->extra[i].count_max = -1;
		out->extra[i].length_max = -1;
	}
	bool advanced = false, should_process = false, positional_binding = true;
	for (size_t i = 0; param_block && i < param_block->u.param_block.attributes.len; i++) {
		const sh_node *a = param_block->u.param_block.attributes.items[i];
		if (a->kind != N_ATTRIBUTE || !str_ieq(a->u.attribute.name, "CmdletBinding"))
			continue;
		advanced = true;
		should_process = attr_flag(a, "SupportsShouldProcess");
		sh_value *v;
		if (attr_named(a, "PositionalBinding", &v))
			positional_binding = sh_to_bool(v);
		sh_unref(v);
		if (attr_named(a, "DefaultParameterSetName", &v) && sh_kind_of(v) == SH_STRING)
			out->default_set = table_own(out, xstrdup(sh_str(v)));
		sh_unref(v);
	}
	bool explicit_position = false;
	for (size_t i = 0; i < n; i++) {
		const sh_node *pn = param_block->u.param_block.parameters.items[i];
		if (read_parameter(out, pn, &out->params[i], &out->extra[i], &explicit_position))
			advanced = true;
	}
	out->nparams = out->ndeclared = n;
	/* Without any explicit Position, parameters are positional in
	   declaration order (switches and the remaining-arguments one excepted). */
	if (positional_binding && !explicit_position) {
		int pos = 0;
		for (size_t i = 0; i < n; i++) {
			sh_param_def *p = &out->params[i];
			if (p->type != SH_P_SWITCH && !(p->flags & SH_PF_REMAINING))
				p->position = pos++;
		}
	}
	if (advanced)
		append_common(out, should_process);
	out->advanced = advanced;
	finish_sets(out);
}

void sh_param_table_free(sh_param_table *t)
{
	for (size_t i = 0; i < t->nsets; i++)
		free(t->set_names[i]);
	free(t->set_names);
	for (size_t i = 0; t->extra && i < t->nparams; i++) {
		sh_unref(t->extra[i].range_min);
		sh_unref(t->extra[i].range_max);
	}
	for (size_t i = 0; i < t->nowned; i++)
		free(t->owned[i]);
	free(t->owned);
	free(t->extra);
	free(t->set_masks);
	free(t->params);
	memset(t, 0, sizeof *t);
}

int sh_param_index(const sh_param_table *t, const char *name)
{
	for (size_t i = 0; i < t->nparams; i++)
		if (str_ieq(t->params[i].name, name))
			return (int)i;
	return -1;
}

const char *sh_binding_set_name(const sh_binding *b)
{
	if (b->set < 0 || !b->table || (size_t)b->set >= b->table->nsets)
		return NULL;
	return b->table->set_names[b->set];
}

void sh_bind_error_clear(sh_bind_error *e)
{
	free(e->message);
	memset(e, 0, sizeof *e);
}

/* ------------------------------------------------------------------ */
/* conversion and validation */

enum { CONV_OK = 0, CONV_FAILED = -1, CONV_INVALID = -2 };

static char *quoted_set(const char *const *vals)
{
	sh_buf b = {0};
	for (size_t i = 0; vals[i]; i++) {
		if (i)
			buf_putc(&b, ',');
		buf_puts(&b, vals[i]);
	}
	return buf_detach(&b);
}

static char *not_in_set_message(const char *text, const char *const *vals)
{
	char *set = quoted_set(vals);
	char *m =
	    xasprintf("The argument \"%s\" does not belong to the set \"%s\" specified by the "
	              "ValidateSet attribute. Supply an argument that is in the set and then "
	              "try the command again.",
	              text, set);
	free(set);
	return m;
}

static int convert_enum(const sh_param_def *p, const sh_value *v, sh_value **out, char **error)
{
	size_t count = 0;
	while (p->enum_values[count])
		count++;
	if (p->type_name && (sh_kind_of(v) == SH_INT || sh_kind_of(v) == SH_LONG)) {
		int64_t k = sh_long_of(v);
		if (k >= 0 && (size_t)k < count) {
			*out = sh_string(p->enum_values[k]);
			return CONV_OK;
		}
	}
	char *text = sh_to_string(v);
	for (size_t i = 0; i < count; i++)
		if (str_ieq(p->enum_values[i], text)) {
			free(text);
			*out = sh_string(p->enum_values[i]);
			return CONV_OK;
		}
	if (!p->type_name) {
		*error = not_in_set_message(text, p->enum_values);
		free(text);
		return CONV_INVALID;
	}
	sh_buf names = {0};
	for (size_t i = 0; i < count; i++)
		buf_printf(&names, "%s%s", i ? ", " : "", p->enum_values[i]);
	char *full = full_type_name(p);
	*error =
	    xasprintf("Cannot convert value \"%s\" to type \"%s\". Error: \"Unable to match the "
	              "identifier name %s to a valid enumerator name. Specify one of the "
	              "following enumerator names and try again:\n%s\"",
	              text, full, text, buf_str(&names));
	free(full);
	free(text);
	buf_free(&names);
	return CONV_FAILED;
}

static int convert_boolish(const sh_param_def *p, const sh_value *v, sh_value **out, char **error)
{
	switch (sh_kind_of(v)) {
	case SH_NULL:
		*out = sh_bool(false);
		return CONV_OK;
	case SH_BOOL:
		*out = sh_bool(sh_bool_of(v));
		return CONV_OK;
	case SH_INT:
	case SH_LONG:
	case SH_DOUBLE:
		*out = sh_bool(sh_double_of(v) != 0);
		return CONV_OK;
	default:
		break;
	}
	char *full = full_type_name(p);
	*error = xasprintf("Cannot convert value \"%s\" to type \"%s\". Boolean parameters accept "
	                   "only Boolean values and numbers, such as $True, $False, 1 or 0.",
	                   sh_type_name(v), full);
	free(full);
	return CONV_FAILED;
}

/* Whether object v is of the .NET type a cmdlet's parameter names
 * ("VirtualMachine[]", "HardDiskDrive"): one of its type names ends in
 * that name, after a dot or whole ("Deserialized." ones too). Object and
 * PSObject take anything. */
static bool object_of_named_type(const sh_value *v, const char *type_name)
{
	size_t n = element_type_len(type_name);
	if ((n == 6 && strncasecmp(type_name, "Object", 6) == 0) ||
	    (n == 8 && strncasecmp(type_name, "PSObject", 8) == 0))
		return true;
	for (size_t i = 0; sh_kind_of(v) == SH_OBJECT && i < sh_object_typename_count(v); i++) {
		const char *t = sh_object_typename(v, i);
		size_t len = strlen(t);
		if (len >= n && strncasecmp(t + len - n, type_name, n) == 0 &&
		    (len == n || t[len - n - 1] == '.'))
			return true;
	}
	return false;
}

static int convert_scalar(const sh_param_def *p, const sh_param_extra *x, sh_value *v,
                          sh_value **out, char **error)
{
	*out = NULL;
	const char *target = NULL;
	switch (p->type) {
	case SH_P_OBJECT:
		if (x && x->has_type && v)
			return sh_convert(v, x->type, out, error) == 0 ? CONV_OK : CONV_FAILED;
		/* an object of one type never converts to another (a DVD drive
		   given where a network adapter is expected); a custom object
		   reaches the command, which judges it by its properties */
		if (p->type_name && sh_kind_of(v) == SH_OBJECT &&
		    !object_of_named_type(v, p->type_name) &&
		    !object_of_named_type(v, "PSCustomObject")) {
			char *text = sh_to_string(v), *full = full_type_name(p);
			full[element_type_len(full)] = '\0';
			*error = xasprintf("Cannot convert the \"%s\" value of type \"%s\" to type "
			                   "\"%s\".",
			                   text, sh_type_name(v), full);
			free(text);
			free(full);
			return CONV_FAILED;
		}
		*out = sh_ref(v);
		return CONV_OK;
	case SH_P_SWITCH:
	case SH_P_BOOL:
		return convert_boolish(p, v, out, error);
	case SH_P_ENUM:
		if (!p->enum_values) {
			target = "string";
			break;
		}
		return convert_enum(p, v, out, error);
	case SH_P_STRING:
		target = "string";
		break;
	case SH_P_INT:
		target = "int";
		break;
	case SH_P_LONG:
		target = "long";
		break;
	case SH_P_DOUBLE:
		target = "double";
		break;
	case SH_P_SCRIPTBLOCK:
		target = "scriptblock";
		break;
	case SH_P_HASHTABLE:
		target = "hashtable";
		break;
	case SH_P_DATETIME:
		target = "datetime";
		break;
	case SH_P_TIMESPAN:
		target = "timespan";
		break;
	case SH_P_CREDENTIAL:
		if (sh_kind_of(v) == SH_OBJECT)
			for (size_t i = 0; i < sh_object_typename_count(v); i++)
				if (str_isuffix(sh_object_typename(v, i), "PSCredential")) {
					*out = sh_ref(v);
					return CONV_OK;
				}
		target = "pscredential";
		break;
	case SH_P_SECURESTRING:
		target = "securestring";
		break;
	}
	if (!v) {
		/* $null binds as $null; only value types would make it 0, and
		   PowerShell's binder leaves that to the command. */
		return CONV_OK;
	}
	return sh_convert(v, type_named(target), out, error) == 0 ? CONV_OK : CONV_FAILED;
}

static int convert_param(const sh_param_def *p, const sh_param_extra *x, sh_value *v,
                         sh_value **out, char **error)
{
	if (!(p->flags & SH_PF_ARRAY) || !v)
		return convert_scalar(p, x, v, out, error);
	sh_value *arr = sh_array_new(sh_kind_of(v) == SH_ARRAY ? sh_array_len(v) : 1);
	size_t n = sh_kind_of(v) == SH_ARRAY ? sh_array_len(v) : 1;
	for (size_t i = 0; i < n; i++) {
		sh_value *item = sh_kind_of(v) == SH_ARRAY ? sh_array_get(v, i) : v;
		sh_value *c;
		int rc = convert_scalar(p, x, item, &c, error);
		if (rc != CONV_OK) {
			sh_unref(arr);
			return rc;
		}
		sh_array_append(arr, c);
	}
	*out = arr;
	return CONV_OK;
}

int sh_convert_to_param(const sh_param_def *p, sh_value *v, sh_value **out, char **error)
{
	*error = NULL;
	return convert_param(p, NULL, v, out, error) == CONV_OK ? 0 : -1;
}

/* The checks of [Validate*] attributes and ValidateSet values on a
 * converted value; a malloc'd message (without the "Cannot validate
 * argument on parameter" prefix) or NULL. */
static char *validate_item(const sh_param_def *p, const sh_param_extra *x, sh_value *v)
{
	if (p->enum_values && p->type != SH_P_ENUM && v) {
		char *text = sh_to_string(v);
		bool ok = false;
		for (size_t i = 0; p->enum_values[i]; i++)
			if (str_ieq(p->enum_values[i], text))
				ok = true;
		if (!ok) {
			char *m = not_in_set_message(text, p->enum_values);
			free(text);
			return m;
		}
		free(text);
	}
	if (!x)
		return NULL;
	if (x->range_min && v) {
		bool ok = true;
		if (sh_compare(v, x->range_min, false, &ok) < 0) {
			char *a = sh_to_string(v), *b = sh_to_string(x->range_min);
			char *m = xasprintf(
			    "The %s argument is less than the minimum allowed range of %s. "
			    "Supply an argument that is greater than or equal to %s and "
			    "then try the command again.",
			    a, b, b);
			free(a);
			free(b);
			return m;
		}
		if (sh_compare(v, x->range_max, false, &ok) > 0) {
			char *a = sh_to_string(v), *b = sh_to_string(x->range_max);
			char *m = xasprintf(
			    "The %s argument is greater than the maximum allowed range of "
			    "%s. Supply an argument that is less than or equal to %s and "
			    "then try the command again.",
			    a, b, b);
			free(a);
			free(b);
			return m;
		}
	}
	if (x->pattern && v) {
		char *err = NULL;
		sh_regex *re = sh_regex_get(x->pattern, false, &err);
		char *text = sh_to_string(v);
		char *m = NULL;
		if (!re)
			m = err;
		else if (!sh_regex_match(re, text, NULL))
			m = xasprintf(
			    "The argument \"%s\" does not match the \"%s\" pattern. Supply an "
			    "argument that matches \"%s\" and try the command again.",
			    text, x->pattern, x->pattern);
		if (re)
			free(err);
		free(text);
		if (m)
			return m;
	}
	if (x->length_max >= 0 && v) {
		char *text = sh_to_string(v);
		int64_t len = (int64_t)utf8_length(text);
		free(text);
		if (len > x->length_max)
			return xasprintf(
			    "The character length (%lld) of the argument is too long. "
			    "Shorten the character length of the argument so it is fewer "
			    "than or equal to \"%lld\" characters, and then try the command "
			    "again.",
			    (long long)len, (long long)x->length_max);
		if (len < x->length_min)
			return xasprintf(
			    "The character length (%lld) of the argument is too short. "
			    "Specify an argument with a length that is greater than or "
			    "equal to \"%lld\", and then try the command again.",
			    (long long)len, (long long)x->length_min);
	}
	return NULL;
}

static char *validate(const sh_param_def *p, const sh_param_extra *x, sh_value *v)
{
	if (x && (x->not_null || x->not_null_or_empty)) {
		bool null_item = !v;
		for (size_t i = 0; sh_kind_of(v) == SH_ARRAY && i < sh_array_len(v); i++)
			if (!sh_array_get(v, i))
				null_item = true;
		if (null_item && x->not_null)
			return xstrdup(
			    "The argument is null. Provide a valid value for the argument, "
			    "and then try running the command again.");
		if (x->not_null_or_empty) {
			bool empty = (sh_kind_of(v) == SH_STRING && sh_str_len(v) == 0) ||
			             (sh_kind_of(v) == SH_ARRAY && sh_array_len(v) == 0);
			for (size_t i = 0; sh_kind_of(v) == SH_ARRAY && i < sh_array_len(v); i++) {
				sh_value *it = sh_array_get(v, i);
				if (sh_kind_of(it) == SH_STRING && sh_str_len(it) == 0)
					empty = true;
			}
			if (null_item && sh_kind_of(v) == SH_ARRAY)
				return xstrdup(
				    "The argument is null, empty, or an element of the "
				    "argument collection contains a null value. Supply a "
				    "collection that does not contain any null values and "
				    "then try the command again.");
			if (null_item || empty)
				return xstrdup(
				    "The argument is null or empty. Provide an argument that "
				    "is not null or empty, and then try the command again.");
		}
	}
	if (x && x->count_max >= 0) {
		int64_t n = sh_kind_of(v) == SH_ARRAY ? (int64_t)sh_array_len(v) : (v ? 1 : 0);
		if (n > x->count_max)
			return xasprintf(
			    "The number of provided arguments, (%lld), exceeds the maximum "
			    "number of allowed arguments (%lld). Provide fewer than %lld "
			    "arguments, and then try the command again.",
			    (long long)n, (long long)x->count_max, (long long)x->count_max);
		if (n < x->count_min)
			return xasprintf(
			    "The number of provided arguments (%lld) is fewer than the "
			    "minimum number of allowed arguments (%lld). Provide more than "
			    "%lld arguments, and then try the command again.",
			    (long long)n, (long long)x->count_min, (long long)x->count_min);
	}
	if (sh_kind_of(v) == SH_ARRAY) {
		for (size_t i = 0; i < sh_array_len(v); i++) {
			char *m = validate_item(p, x, sh_array_get(v, i));
			if (m)
				return m;
		}
		return NULL;
	}
	return validate_item(p, x, v);
}

/* ------------------------------------------------------------------ */
/* binding */

typedef struct bind_ctx {
	sh_interp *in;
	const sh_param_table *t;
	sh_binding *b;
	sh_bind_error *err;
} bind_ctx;

static int fail(bind_ctx *c, const sh_node *node, sh_error_category cat, const char *id,
                char *message)
{
	c->err->message = message;
	c->err->error_id = id;
	c->err->category = cat;
	c->err->node = node;
	return -1;
}

static uint64_t universe(const sh_param_table *t)
{
	if (t->nsets == 0)
		return 1;
	return t->nsets >= 64 ? ALL_SETS : (((uint64_t)1 << t->nsets) - 1);
}

static int default_set_index(const sh_param_table *t)
{
	return t->default_set ? set_index(t, t->default_set, strlen(t->default_set)) : -1;
}

static bool in_set(const sh_param_table *t, size_t i, uint64_t sets)
{
	return (t->set_masks[i] & sets & universe(t)) != 0;
}

static bool alias_matches(const char *aliases, const char *name, bool prefix)
{
	size_t len = strlen(name);
	FOR_EACH_ITEM(aliases, p, n, {
		if (prefix ? (n >= len && strncasecmp(p, name, len) == 0)
		           : (n == len && strncasecmp(p, name, n) == 0))
			return true;
	});
	return false;
}

/* 0 and *idx, 1 when nothing matches, -1 with an error when ambiguous. */
static int match_param(bind_ctx *c, const char *name, const sh_node *node, int *idx)
{
	const sh_param_table *t = c->t;
	int i = sh_param_index(t, name);
	if (i >= 0) {
		*idx = i;
		return 0;
	}
	for (size_t k = 0; k < t->nparams; k++)
		if (alias_matches(t->params[k].aliases, name, false)) {
			*idx = (int)k;
			return 0;
		}
	size_t nmatch = 0;
	sh_buf list = {0};
	for (size_t k = 0; k < t->nparams; k++) {
		if (str_iprefix(t->params[k].name, name) ||
		    alias_matches(t->params[k].aliases, name, true)) {
			*idx = (int)k;
			nmatch++;
			buf_printf(&list, " -%s", t->params[k].name);
		}
	}
	if (nmatch == 1) {
		buf_free(&list);
		return 0;
	}
	if (nmatch == 0) {
		buf_free(&list);
		return 1;
	}
	char *msg = xasprintf("Parameter cannot be processed because the parameter name '%s' is "
	                      "ambiguous. Possible matches include:%s.",
	                      name, buf_str(&list));
	buf_free(&list);
	return fail(c, node, SH_CAT_INVALID_ARGUMENT, "AmbiguousParameter", msg);
}

static char *arg_text(const sh_value *v)
{
	if (sh_kind_of(v) == SH_ARRAY)
		return xstrdup("System.Object[]");
	return sh_to_string(v);
}

/* Converts, validates and stores a value for parameter i. */
static int bind_value(bind_ctx *c, size_t i, sh_value *v, const sh_node *node, bool from_pipeline)
{
	const sh_param_table *t = c->t;
	const sh_param_def *p = &t->params[i];
	const sh_param_extra *x = t->extra ? &t->extra[i] : NULL;
	sh_value *converted = NULL;
	char *error = NULL;
	if (!c->b->is_script && sh_kind_of(v) == SH_ARRAY && !(p->flags & SH_PF_ARRAY) &&
	    p->type != SH_P_OBJECT && p->type != SH_P_SWITCH && p->type != SH_P_BOOL) {
		char *full = full_type_name(p);
		char *msg = xasprintf("Cannot convert '%s' to the type '%s' required by parameter "
		                      "'%s'. Specified method is not supported.",
		                      "System.Object[]", full, p->name);
		free(full);
		return fail(c, node, SH_CAT_INVALID_ARGUMENT, "CannotConvertArgument", msg);
	}
	int rc = convert_param(p, x, v, &converted, &error);
	if (rc == CONV_FAILED) {
		char *msg;
		const char *id;
		sh_error_category cat;
		if (c->b->is_script || p->type == SH_P_SWITCH || p->type == SH_P_BOOL) {
			msg = xasprintf(
			    "Cannot process argument transformation on parameter '%s'. %s", p->name,
			    error ? error : "");
			id = "ParameterArgumentTransformationError";
			cat = SH_CAT_INVALID_DATA;
		} else {
			msg = xasprintf("Cannot bind parameter '%s'. %s", p->name,
			                error ? error : "");
			id = "CannotConvertArgumentNoMessage";
			cat = SH_CAT_INVALID_ARGUMENT;
		}
		free(error);
		return fail(c, node, cat, id, msg);
	}
	if (rc == CONV_INVALID) {
		char *msg =
		    xasprintf("Cannot validate argument on parameter '%s'. %s", p->name, error);
		free(error);
		return fail(c, node, SH_CAT_INVALID_DATA, "ParameterArgumentValidationError", msg);
	}
	if ((p->flags & SH_PF_MANDATORY) && p->type != SH_P_SWITCH) {
		const char *why = NULL, *id = NULL;
		bool allow_any = (p->flags & SH_PF_ALLOW_EMPTY) != 0;
		bool allow_null = allow_any || (x && x->allow_null);
		bool allow_empty_string = allow_any || (x && x->allow_empty_string);
		bool allow_empty_collection = allow_any || (x && x->allow_empty_collection);
		sh_value *first_bad = converted;
		/* The elements of a collection are checked like a single value. */
		for (size_t k = 0; sh_kind_of(converted) == SH_ARRAY && k < sh_array_len(converted);
		     k++) {
			sh_value *it = sh_array_get(converted, k);
			if (!it || (sh_kind_of(it) == SH_STRING && sh_str_len(it) == 0)) {
				first_bad = it;
				break;
			}
		}
		if (sh_kind_of(converted) == SH_ARRAY && first_bad != converted) {
			if (!first_bad && !allow_null) {
				why = "it is null";
				id = "ParameterArgumentValidationErrorNullNotAllowed";
			} else if (first_bad && !allow_empty_string) {
				why = "it is an empty string";
				id = "ParameterArgumentValidationErrorEmptyStringNotAllowed";
			}
		} else if (!converted && !allow_null) {
			why = "it is null";
			id = "ParameterArgumentValidationErrorNullNotAllowed";
		} else if (sh_kind_of(converted) == SH_STRING && sh_str_len(converted) == 0 &&
		           !allow_empty_string) {
			why = "it is an empty string";
			id = "ParameterArgumentValidationErrorEmptyStringNotAllowed";
		} else if (sh_kind_of(converted) == SH_ARRAY && sh_array_len(converted) == 0 &&
		           !allow_empty_collection) {
			why = "it is an empty array";
			id = "ParameterArgumentValidationErrorEmptyArrayNotAllowed";
		}
		if (why) {
			sh_unref(converted);
			return fail(c, node, SH_CAT_INVALID_DATA, id,
			            xasprintf("Cannot bind argument to parameter '%s' because %s.",
			                      p->name, why));
		}
	}
	char *invalid = validate(p, x, converted);
	if (invalid) {
		sh_unref(converted);
		char *msg =
		    xasprintf("Cannot validate argument on parameter '%s'. %s", p->name, invalid);
		free(invalid);
		return fail(c, node, SH_CAT_INVALID_DATA, "ParameterArgumentValidationError", msg);
	}
	sh_unref(c->b->values[i]);
	c->b->values[i] = converted;
	c->b->bound[i] = true;
	c->b->from_pipeline[i] = from_pipeline;
	return 0;
}

static uint64_t possible_sets(const sh_param_table *t, const sh_binding *b, uint64_t start)
{
	uint64_t m = start & universe(t);
	for (size_t i = 0; i < t->nparams; i++)
		if (b->bound[i])
			m &= t->set_masks[i];
	return m;
}

static int popcount64(uint64_t m)
{
	return __builtin_popcountll(m);
}

static int lowest_bit(uint64_t m)
{
	return __builtin_ctzll(m);
}

static bool mandatory_in(const sh_param_table *t, size_t i, int set)
{
	if (!(t->params[i].flags & SH_PF_MANDATORY))
		return false;
	if (set < 0)
		return t->nsets == 0 || t->set_masks[i] == ALL_SETS;
	return (t->set_masks[i] >> set) & 1;
}

static bool set_satisfied(const sh_param_table *t, const sh_binding *b, int set, bool pipeline)
{
	for (size_t i = 0; i < t->nparams; i++)
		if (mandatory_in(t, i, set) && !b->bound[i] &&
		    !(pipeline && (t->params[i].flags & (SH_PF_PIPELINE | SH_PF_PIPE_PROP))))
			return false;
	return true;
}

static int ambiguous_set(bind_ctx *c)
{
	return fail(c, NULL, SH_CAT_INVALID_ARGUMENT, "AmbiguousParameterSet",
	            xstrdup("Parameter set cannot be resolved using the specified named "
	                    "parameters."));
}

/* Picks the parameter set among `possible`; -1 stays undecided only while
 * pipeline input may still decide. */
static int resolve_set(bind_ctx *c, uint64_t possible, bool pipeline_pending, int *set)
{
	const sh_param_table *t = c->t;
	*set = -1;
	if (t->nsets == 0)
		return possible ? 0 : ambiguous_set(c);
	if (!possible)
		return ambiguous_set(c);
	if (popcount64(possible) == 1) {
		*set = lowest_bit(possible);
		return 0;
	}
	/* Pipeline input may still pick another set (an object with an Id
	   property binds -Id by property name), so wait for it. */
	if (pipeline_pending)
		return 0;
	int d = default_set_index(t);
	if (d >= 0 && ((possible >> d) & 1)) {
		*set = d;
		return 0;
	}
	int found = -1, nfound = 0;
	for (size_t s = 0; s < t->nsets; s++)
		if (((possible >> s) & 1) && set_satisfied(t, c->b, (int)s, false)) {
			found = (int)s;
			nfound++;
		}
	if (nfound == 1) {
		*set = found;
		return 0;
	}
	return ambiguous_set(c);
}

/* Asks the host for the missing mandatory parameters, as PowerShell's
 * console host does. Returns 1 when input ended. */
static int prompt_missing(bind_ctx *c, const size_t *missing, size_t nmissing)
{
	sh_buf head = {0};
	buf_printf(&head, "cmdlet %s at command pipeline position 1",
	           c->t->command_name ? c->t->command_name : "");
	sh_write_host(c->in, buf_str(&head), SH_COLOR_DEFAULT, SH_COLOR_DEFAULT, true);
	sh_write_host(c->in, "Supply values for the following parameters:", SH_COLOR_DEFAULT,
	              SH_COLOR_DEFAULT, true);
	buf_free(&head);
	for (size_t k = 0; k < nmissing; k++) {
		size_t i = missing[k];
		const sh_param_def *p = &c->t->params[i];
		bool secret = p->type == SH_P_SECURESTRING;
		sh_value *v;
		if (p->flags & SH_PF_ARRAY) {
			v = sh_array_new(4);
			for (size_t n = 0;; n++) {
				char *prompt = xasprintf("%s[%zu]: ", p->name, n);
				char *line = sh_host_read_line(c->in, prompt, secret);
				free(prompt);
				if (!line) {
					sh_unref(v);
					return 1;
				}
				if (!*line) {
					free(line);
					break;
				}
				sh_array_append(v, sh_string_take(line));
			}
		} else {
			char *prompt = xasprintf("%s: ", p->name);
			char *line = sh_host_read_line(c->in, prompt, secret);
			free(prompt);
			if (!line)
				return 1;
			v = sh_string_take(line);
		}
		int rc = bind_value(c, i, v, NULL, false);
		sh_unref(v);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int check_mandatory(bind_ctx *c, int set, bool expects_input)
{
	const sh_param_table *t = c->t;
	size_t *missing = xcalloc(t->nparams ? t->nparams : 1, sizeof *missing);
	size_t nmissing = 0;
	for (size_t i = 0; i < t->nparams; i++) {
		if (!mandatory_in(t, i, set) || c->b->bound[i])
			continue;
		if (expects_input && (t->params[i].flags & (SH_PF_PIPELINE | SH_PF_PIPE_PROP)))
			continue;
		missing[nmissing++] = i;
	}
	int rc = 0;
	if (nmissing && sh_interp_host(c->in) && sh_interp_host(c->in)->interactive) {
		rc = prompt_missing(c, missing, nmissing);
		if (rc < 0) {
			free(missing);
			return -1;
		}
		if (rc == 0)
			nmissing = 0;
	}
	if (nmissing) {
		sh_buf names = {0};
		for (size_t k = 0; k < nmissing; k++)
			if (!c->b->bound[missing[k]])
				buf_printf(&names, "%s%s", names.len ? " " : "",
				           t->params[missing[k]].name);
		free(missing);
		char *msg = xasprintf("Cannot process command because of one or more missing "
		                      "mandatory parameters: %s.",
		                      buf_str(&names));
		buf_free(&names);
		return fail(c, NULL, SH_CAT_INVALID_ARGUMENT, "MissingMandatoryParameter", msg);
	}
	free(missing);
	return 0;
}

/* The unbound positional parameters in a possible set, by position (the
 * default set's first on a tie, then declaration order). */
static int positional_cmp(const void *pa, const void *pb, void *ctx)
{
	const bind_ctx *c = ctx;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int d = c->t->params[a].position - c->t->params[b].position;
	if (d)
		return d;
	int def = default_set_index(c->t);
	if (def >= 0) {
		bool ia = (c->t->set_masks[a] >> def) & 1, ib = (c->t->set_masks[b] >> def) & 1;
		if (ia != ib)
			return ia ? -1 : 1;
	}
	return a < b ? -1 : a > b;
}

static int bind_positional(bind_ctx *c, const sh_arg *args, size_t nargs, bool *used,
                           uint64_t *possible, int remaining_param)
{
	const sh_param_table *t = c->t;
	size_t *order = xcalloc(t->nparams ? t->nparams : 1, sizeof *order);
	size_t norder = 0;
	for (size_t i = 0; i < t->nparams; i++)
		if (t->params[i].position >= 0 && t->params[i].type != SH_P_SWITCH &&
		    !(t->params[i].flags & SH_PF_REMAINING) && !c->b->bound[i])
			order[norder++] = i;
	qsort_r(order, norder, sizeof *order, positional_cmp, c);
	sh_value *rest = remaining_param >= 0 ? sh_array_new(4) : NULL;
	int rc = 0;
	for (size_t k = 0; k < nargs && rc == 0; k++) {
		if (used[k])
			continue;
		bool done = false;
		sh_bind_error first = {0};
		for (size_t j = 0; j < norder && !done; j++) {
			size_t i = order[j];
			if (c->b->bound[i] || !in_set(t, i, *possible))
				continue;
			/* Try the parameters sharing this position in turn. */
			int pos = t->params[i].position;
			for (size_t q = j; q < norder && t->params[order[q]].position == pos; q++) {
				size_t cand = order[q];
				if (c->b->bound[cand] || !in_set(t, cand, *possible))
					continue;
				if (bind_value(c, cand, args[k].value, args[k].node, false) == 0) {
					*possible &= t->set_masks[cand];
					done = true;
					break;
				}
				if (!first.message)
					first = *c->err;
				else
					free(c->err->message);
				memset(c->err, 0, sizeof *c->err);
			}
			if (!done)
				break;
		}
		if (first.message) {
			if (done)
				sh_bind_error_clear(&first);
			else {
				*c->err = first;
				rc = -1;
				break;
			}
		}
		if (done) {
			used[k] = true;
			continue;
		}
		if (rest && in_set(t, (size_t)remaining_param, *possible)) {
			sh_array_append(rest, sh_ref(args[k].value));
			used[k] = true;
			continue;
		}
		if (c->b->is_script && !t->advanced)
			continue; /* stays unused: goes to $args */
		char *text = arg_text(args[k].value);
		rc = fail(c, args[k].node, SH_CAT_INVALID_ARGUMENT, "PositionalParameterNotFound",
		          xasprintf("A positional parameter cannot be found that accepts argument "
		                    "'%s'.",
		                    text));
		free(text);
	}
	if (rc == 0 && rest && sh_array_len(rest) > 0) {
		/* One remaining value binds as itself, so `Write-Output 1,2`
		   passes the array 1,2 and not an array holding it. */
		sh_value *v = sh_array_len(rest) == 1 ? sh_array_get(rest, 0) : rest;
		if (bind_value(c, (size_t)remaining_param, v, NULL, false) < 0)
			rc = -1;
		else
			*possible &= t->set_masks[remaining_param];
	}
	sh_unref(rest);
	free(order);
	return rc;
}

static void binding_init(const sh_param_table *t, bool is_script, sh_binding *out)
{
	memset(out, 0, sizeof *out);
	size_t n = t->nparams ? t->nparams : 1;
	out->table = t;
	out->values = xcalloc(n, sizeof *out->values);
	out->bound = xcalloc(n, sizeof *out->bound);
	out->from_pipeline = xcalloc(n, sizeof *out->from_pipeline);
	out->set = -1;
	out->cmdline_set = -1;
	out->is_script = is_script;
}

int sh_bind_arguments(sh_interp *in, const sh_param_table *t, const sh_arg *args, size_t nargs,
                      bool expects_input, bool is_script, sh_binding *out, sh_bind_error *error)
{
	memset(error, 0, sizeof *error);
	binding_init(t, is_script, out);
	bind_ctx c = {in, t, out, error};
	bool simple = is_script && !t->advanced;
	bool *used = xcalloc(nargs ? nargs : 1, sizeof *used);
	/* For simple functions, unmatched "-name" tokens go to $args as text. */
	sh_value **as_text = xcalloc(nargs ? nargs : 1, sizeof *as_text);
	bool values_only = false;
	int rc = 0;
	int remaining_param = -1;
	for (size_t i = 0; i < t->nparams; i++)
		if (t->params[i].flags & SH_PF_REMAINING)
			remaining_param = (int)i;

	for (size_t k = 0; k < nargs && rc == 0; k++) {
		const sh_arg *a = &args[k];
		if (!a->name || values_only)
			continue;
		if (strcmp(a->name, "-") == 0 && !a->has_value) {
			/* "--" ends the parameters: the rest are values */
			used[k] = true;
			values_only = true;
			continue;
		}
		used[k] = true;
		int idx;
		int m = match_param(&c, a->name, a->node, &idx);
		if (m < 0) {
			rc = -1;
			break;
		}
		if (m == 1) {
			if (simple) {
				as_text[k] = sh_stringf("-%s%s", a->name, a->has_value ? ":" : "");
				used[k] = false;
				continue;
			}
			rc = fail(
			    &c, a->node, SH_CAT_INVALID_ARGUMENT, "NamedParameterNotFound",
			    xasprintf("A parameter cannot be found that matches parameter name "
			              "'%s'.",
			              a->name));
			break;
		}
		const sh_param_def *p = &t->params[idx];
		if (out->bound[idx]) {
			rc = fail(
			    &c, a->node, SH_CAT_INVALID_ARGUMENT, "ParameterAlreadyBound",
			    xasprintf("Cannot bind parameter because parameter '%s' is specified "
			              "more than once. To provide multiple values to parameters "
			              "that can accept multiple values, use the array syntax. For "
			              "example, \"-parameter value1,value2,value3\".",
			              p->name));
			break;
		}
		sh_value *v;
		const sh_node *vnode = a->node;
		if (p->type == SH_P_SWITCH) {
			v = a->has_value ? a->value : sh_bool(true);
			rc = bind_value(&c, (size_t)idx, v, vnode, false);
			continue;
		}
		if (a->has_value) {
			v = a->value;
		} else if (k + 1 < nargs && !args[k + 1].name) {
			v = args[k + 1].value;
			vnode = args[k + 1].node ? args[k + 1].node : a->node;
			used[++k] = true;
		} else {
			char *full = full_type_name(p);
			rc = fail(&c, a->node, SH_CAT_INVALID_ARGUMENT, "MissingArgument",
			          xasprintf("Missing an argument for parameter '%s'. Specify a "
			                    "parameter of type '%s' and try again.",
			                    p->name, full));
			free(full);
			break;
		}
		rc = bind_value(&c, (size_t)idx, v, vnode, false);
	}

	uint64_t possible = universe(t);
	if (rc == 0) {
		possible = possible_sets(t, out, universe(t));
		if (!possible)
			rc = ambiguous_set(&c);
	}
	if (rc == 0) {
		/* Values after "--" that were name tokens count as text values. */
		sh_arg *vals = xcalloc(nargs ? nargs : 1, sizeof *vals);
		bool *vused = xcalloc(nargs ? nargs : 1, sizeof *vused);
		size_t *map = xcalloc(nargs ? nargs : 1, sizeof *map);
		sh_value **tmp = xcalloc(nargs ? nargs : 1, sizeof *tmp);
		size_t nv = 0;
		for (size_t k = 0; k < nargs; k++) {
			if (used[k] || as_text[k])
				continue;
			vals[nv] = args[k];
			if (args[k].name) {
				tmp[nv] = sh_stringf("-%s", args[k].name);
				vals[nv].value = tmp[nv];
				vals[nv].name = NULL;
			}
			map[nv++] = k;
		}
		rc = bind_positional(&c, vals, nv, vused, &possible, remaining_param);
		for (size_t j = 0; j < nv; j++) {
			if (vused[j])
				used[map[j]] = true;
			else if (tmp[j])
				as_text[map[j]] = sh_ref(tmp[j]);
			sh_unref(tmp[j]);
		}
		free(vals);
		free(vused);
		free(map);
		free(tmp);
	}
	if (rc == 0 && is_script) {
		out->remaining = sh_array_new(0);
		for (size_t k = 0; k < nargs; k++) {
			if (as_text[k]) {
				sh_array_append(out->remaining, sh_ref(as_text[k]));
				if (args[k].has_value && args[k].name)
					sh_array_append(out->remaining, sh_ref(args[k].value));
			} else if (!used[k]) {
				sh_array_append(out->remaining, sh_ref(args[k].value));
			}
		}
	}
	for (size_t k = 0; k < nargs; k++)
		sh_unref(as_text[k]);
	free(as_text);
	free(used);
	if (rc == 0)
		rc = resolve_set(&c, possible, expects_input, &out->set);
	if (rc == 0 && (out->set >= 0 || t->nsets == 0 || !expects_input))
		rc = check_mandatory(&c, t->nsets ? out->set : -1, expects_input);
	out->cmdline_sets = possible_sets(t, out, universe(t));
	out->cmdline_set = out->set;
	if (rc < 0)
		sh_binding_free(out); /* a failed binding holds nothing */
	return rc;
}

/* ---- pipeline input ---- */

/* True when v already has the parameter's type, so ByValue binds it
 * without coercion. */
static bool exact_match(const sh_param_def *p, const sh_param_extra *x, const sh_value *v)
{
	if (sh_kind_of(v) == SH_ARRAY && (p->flags & SH_PF_ARRAY)) {
		for (size_t i = 0; i < sh_array_len(v); i++)
			if (!exact_match(p, x, sh_array_get(v, i)))
				return false;
		return true;
	}
	sh_kind k = sh_kind_of(v);
	switch (p->type) {
	case SH_P_OBJECT:
		if (x && x->has_type)
			return sh_value_is(v, x->type);
		return !p->type_name || object_of_named_type(v, p->type_name);
	case SH_P_STRING:
		return k == SH_STRING;
	case SH_P_INT:
		return k == SH_INT;
	case SH_P_LONG:
		return k == SH_LONG || k == SH_INT;
	case SH_P_DOUBLE:
		return k == SH_DOUBLE;
	case SH_P_BOOL:
	case SH_P_SWITCH:
		return k == SH_BOOL;
	case SH_P_SCRIPTBLOCK:
		return k == SH_SCRIPTBLOCK;
	case SH_P_HASHTABLE:
		return k == SH_HASHTABLE;
	case SH_P_DATETIME:
		return k == SH_DATETIME;
	case SH_P_TIMESPAN:
		return k == SH_TIMESPAN;
	case SH_P_SECURESTRING:
		return k == SH_SECURESTRING;
	case SH_P_CREDENTIAL:
		if (k == SH_OBJECT)
			for (size_t i = 0; i < sh_object_typename_count(v); i++)
				if (str_isuffix(sh_object_typename(v, i), "PSCredential"))
					return true;
		return false;
	case SH_P_ENUM:
		return false;
	}
	return false;
}

static bool try_bind(bind_ctx *c, size_t i, sh_value *v, bool coerce)
{
	const sh_param_table *t = c->t;
	if (!coerce && !exact_match(&t->params[i], &t->extra[i], v))
		return false;
	sh_bind_error e = {0};
	sh_bind_error *saved = c->err;
	c->err = &e;
	bool ok = bind_value(c, i, v, NULL, true) == 0;
	c->err = saved;
	sh_bind_error_clear(&e);
	return ok;
}

/* The value of the property named like parameter i (or one of its
 * aliases), as a new reference; false when the object has none. */
static bool property_for(bind_ctx *c, size_t i, sh_value *input, sh_value **out)
{
	*out = NULL;
	if (sh_kind_of(input) != SH_OBJECT)
		return false;
	const sh_param_def *p = &c->t->params[i];
	const sh_prop *prop = sh_object_find_prop(input, p->name);
	FOR_EACH_ITEM(p->aliases, a, n, {
		if (prop)
			break;
		char *name = xstrndup(a, n);
		prop = sh_object_find_prop(input, name);
		free(name);
	});
	if (!prop)
		return false;
	char *err = NULL;
	int rc = sh_get_member(c->in, input, prop->name, out, &err);
	free(err);
	return rc == 0;
}

int sh_bind_pipeline_object(sh_interp *in, sh_binding *b, sh_value *input, sh_bind_error *error)
{
	memset(error, 0, sizeof *error);
	const sh_param_table *t = b->table;
	bind_ctx c = {in, t, b, error};
	for (size_t i = 0; i < t->nparams; i++)
		if (b->from_pipeline[i]) {
			sh_unref(b->values[i]);
			b->values[i] = NULL;
			b->bound[i] = false;
			b->from_pipeline[i] = false;
		}
	b->set = b->cmdline_set;
	bool takes_input = false;
	for (size_t i = 0; i < t->nparams; i++)
		if (t->params[i].flags & (SH_PF_PIPELINE | SH_PF_PIPE_PROP))
			takes_input = true;
	if (!takes_input && b->is_script && !t->advanced)
		return 0;
	uint64_t possible = b->set >= 0 ? ((uint64_t)1 << b->set) : b->cmdline_sets;
	bool any = false;
	for (int pass = 0; pass < 4; pass++) {
		bool coerce = pass >= 2, by_value = (pass % 2) == 0;
		for (size_t i = 0; i < t->nparams; i++) {
			const sh_param_def *p = &t->params[i];
			if (b->bound[i] || !in_set(t, i, possible))
				continue;
			if (by_value) {
				if (!(p->flags & SH_PF_PIPELINE))
					continue;
				if (try_bind(&c, i, input, coerce)) {
					possible &= t->set_masks[i];
					any = true;
				}
			} else {
				if (!(p->flags & SH_PF_PIPE_PROP))
					continue;
				sh_value *v;
				if (!property_for(&c, i, input, &v))
					continue;
				if (try_bind(&c, i, v, coerce)) {
					possible &= t->set_masks[i];
					any = true;
				}
				sh_unref(v);
			}
		}
	}
	if (!any)
		return fail(
		    &c, NULL, SH_CAT_INVALID_ARGUMENT, "InputObjectNotBound",
		    xstrdup("The input object cannot be bound to any parameters for the "
		            "command either because the command does not take pipeline input "
		            "or the input and its properties do not match any of the "
		            "parameters that take pipeline input."));
	if (b->set < 0 && resolve_set(&c, possible, false, &b->set) < 0)
		return -1;
	sh_buf names = {0};
	for (size_t i = 0; i < t->nparams; i++)
		if (mandatory_in(t, i, t->nsets ? b->set : -1) && !b->bound[i])
			buf_printf(&names, "%s%s", names.len ? " " : "", t->params[i].name);
	if (names.len) {
		char *msg =
		    xasprintf("The input object cannot be bound because it did not contain the "
		              "information required to bind all mandatory parameters: %s",
		              buf_str(&names));
		buf_free(&names);
		return fail(&c, NULL, SH_CAT_INVALID_ARGUMENT, "InputObjectMissingMandatory", msg);
	}
	buf_free(&names);
	return 0;
}

void sh_binding_free(sh_binding *b)
{
	if (b->values && b->table)
		for (size_t i = 0; i < b->table->nparams; i++)
			sh_unref(b->values[i]);
	free(b->values);
	free(b->bound);
	free(b->from_pipeline);
	sh_unref(b->remaining);
	memset(b, 0, sizeof *b);
}
