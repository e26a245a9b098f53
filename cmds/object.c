/*
 * object.c - the object-pipeline cmdlets: Where-Object, ForEach-Object,
 * Select-Object, Sort-Object, Group-Object, Measure-Object,
 * Compare-Object, Tee-Object, Get-Member, New-Object, Add-Member and
 * Get-Unique.
 *
 * These are the verbs every pipeline is built from, so they follow
 * PowerShell closely rather than approximately:
 *
 *  - Streaming where PowerShell streams. Where-Object, ForEach-Object and
 *    Select-Object (without -Last/-SkipLast/-Unique) emit while input still
 *    flows; Select-Object -First returns SH_STOP as soon as it has what it
 *    needs, which tells the runtime to stop the commands upstream. Only the
 *    commands that must see everything (Sort, Group, Measure, Compare,
 *    Get-Unique's neighbours aside) collect their input.
 *
 *  - One notion of "property expression" (prop_spec) shared by Select,
 *    Sort, Group, Measure and Compare: a plain name (maybe a wildcard), a
 *    script block run with $_ set, or a hashtable with Name/Label/
 *    Expression (and Ascending/Descending for Sort) whose keys may be
 *    abbreviated to any unambiguous prefix, as PowerShell allows.
 *
 *  - Ordering uses sh_compare from ops.h, so Sort-Object orders numbers
 *    numerically, strings case-insensitively, and $null first; the sort is
 *    a stable merge sort because PowerShell's Sort-Object is stable.
 *
 *  - Output types carry PowerShell's type names (GroupInfo,
 *    GenericMeasureInfo, MemberDefinition, "Selected.<type>") and their
 *    default views are registered here, once, the first time a cmdlet that
 *    produces them starts.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../shell/convert.h"
#include "../shell/format.h"
#include "../shell/interp.h"
#include "../shell/methods.h"
#include "../shell/ops.h"
#include "cmds.h"
#include "data.h"

#define PSCUSTOMOBJECT_TYPE         "System.Management.Automation.PSCustomObject"
#define GROUPINFO_TYPE              "Microsoft.PowerShell.Commands.GroupInfo"
#define GROUPINFO_NOELEMENT_TYPE    "Microsoft.PowerShell.Commands.GroupInfoNoElement"
#define GENERIC_MEASURE_TYPE        "Microsoft.PowerShell.Commands.GenericMeasureInfo"
#define GENERIC_OBJECT_MEASURE_TYPE "Microsoft.PowerShell.Commands.GenericObjectMeasureInfo"
#define TEXT_MEASURE_TYPE           "Microsoft.PowerShell.Commands.TextMeasureInfo"
#define MEMBER_DEFINITION_TYPE      "Microsoft.PowerShell.Commands.MemberDefinition"

/* ------------------------------------------------------------------ */
/* views                                                               */
/* ------------------------------------------------------------------ */

/* "{a, b, c, d…}": how PowerShell 7 shows a collection in a table cell,
 * bounded by $FormatEnumerationLimit. */
static sh_value *enumeration_cell(sh_interp *in, sh_value *collection)
{
	long limit = 4;
	sh_value *pref = sh_var_get(in, "FormatEnumerationLimit");
	if (sh_is_number(pref))
		limit = (long)sh_long_of(pref);
	sh_buf b = {0};
	buf_putc(&b, '{');
	size_t n = sh_kind_of(collection) == SH_ARRAY ? sh_array_len(collection) : 0;
	for (size_t i = 0; i < n; i++) {
		if (limit >= 0 && (long)i >= limit) {
			buf_puts(&b, "\xe2\x80\xa6");
			break;
		}
		if (i)
			buf_puts(&b, ", ");
		char *s = sh_to_string(sh_array_get(collection, i));
		buf_puts(&b, s);
		free(s);
	}
	buf_putc(&b, '}');
	return sh_string_take(buf_detach(&b));
}

static sh_value *group_cell(sh_interp *in, sh_value *object)
{
	sh_value *group = NULL;
	char *err = NULL;
	if (sh_get_member(in, object, "Group", &group, &err) < 0)
		free(err);
	sh_value *cell = enumeration_cell(in, group);
	sh_unref(group);
	return cell;
}

static const sh_view_column group_columns[] = {
    {"Count", "Count", NULL, 5, SH_ALIGN_RIGHT},
    {"Name", "Name", NULL, 25, SH_ALIGN_LEFT},
    {"Group", NULL, group_cell, 0, SH_ALIGN_LEFT},
};
static const sh_view group_view = {
    .type_name = GROUPINFO_TYPE, .kind = SH_VIEW_TABLE, .columns = group_columns, .ncolumns = 3};

static const sh_view_column group_noelement_columns[] = {
    {"Count", "Count", NULL, 5, SH_ALIGN_RIGHT},
    {"Name", "Name", NULL, 0, SH_ALIGN_LEFT},
};
static const sh_view group_noelement_view = {.type_name = GROUPINFO_NOELEMENT_TYPE,
                                             .kind = SH_VIEW_TABLE,
                                             .columns = group_noelement_columns,
                                             .ncolumns = 2};

static const sh_view_column measure_columns[] = {
    {"Count", "Count", NULL, 0, SH_ALIGN_AUTO},
    {"Average", "Average", NULL, 0, SH_ALIGN_AUTO},
    {"Sum", "Sum", NULL, 0, SH_ALIGN_AUTO},
    {"Maximum", "Maximum", NULL, 0, SH_ALIGN_AUTO},
    {"Minimum", "Minimum", NULL, 0, SH_ALIGN_AUTO},
    {"Property", "Property", NULL, 0, SH_ALIGN_AUTO},
};
static const sh_view measure_view = {.type_name = GENERIC_MEASURE_TYPE,
                                     .kind = SH_VIEW_LIST,
                                     .columns = measure_columns,
                                     .ncolumns = 6};
static const sh_view object_measure_view = {.type_name = GENERIC_OBJECT_MEASURE_TYPE,
                                            .kind = SH_VIEW_LIST,
                                            .columns = measure_columns,
                                            .ncolumns = 6};

static const sh_view_column text_measure_columns[] = {
    {"Lines", "Lines", NULL, 0, SH_ALIGN_RIGHT},
    {"Words", "Words", NULL, 0, SH_ALIGN_RIGHT},
    {"Characters", "Characters", NULL, 0, SH_ALIGN_RIGHT},
    {"Property", "Property", NULL, 0, SH_ALIGN_LEFT},
};
static const sh_view text_measure_view = {.type_name = TEXT_MEASURE_TYPE,
                                          .kind = SH_VIEW_TABLE,
                                          .columns = text_measure_columns,
                                          .ncolumns = 4};

static const sh_view_column member_columns[] = {
    {"Name", "Name", NULL, 0, SH_ALIGN_LEFT},
    {"MemberType", "MemberType", NULL, 0, SH_ALIGN_LEFT},
    {"Definition", "Definition", NULL, 0, SH_ALIGN_LEFT},
};
/* Get-Member's "   TypeName: System.String" header above each type's members. */
static sh_value *member_type_name(sh_interp *in, sh_value *o)
{
	(void)in;
	return sh_ref(sh_object_note(o, "TypeName"));
}

static const sh_view member_view = {.type_name = MEMBER_DEFINITION_TYPE,
                                    .kind = SH_VIEW_TABLE,
                                    .columns = member_columns,
                                    .ncolumns = 3,
                                    .group_label = "TypeName",
                                    .group_value = member_type_name};

static void register_views(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	sh_view_register(&group_view);
	sh_view_register(&group_noelement_view);
	sh_view_register(&measure_view);
	sh_view_register(&object_measure_view);
	sh_view_register(&text_measure_view);
	sh_view_register(&member_view);
}

/* ------------------------------------------------------------------ */
/* shared helpers                                                      */
/* ------------------------------------------------------------------ */

/* The object this invocation works on: -InputObject when bound (the
 * binder binds pipeline input there too), the pipeline input otherwise.
 * False when there is nothing at all (first in the pipeline, no
 * -InputObject), which PowerShell treats as AutomationNull: no output. */
static bool current_input(sh_cmd *c, sh_value *input, sh_value **out)
{
	if (sh_param_bound(c, "InputObject")) {
		*out = sh_param(c, "InputObject");
		return true;
	}
	*out = input;
	return sh_cmd_has_pipeline_input(c);
}

/* A property's value as `$obj.Name` reads it; NULL for a missing one. */
static sh_value *property_value(sh_interp *in, sh_value *obj, const char *name, bool *found)
{
	sh_value *out = NULL;
	char *err = NULL;
	int rc = sh_get_member(in, obj, name, &out, &err);
	if (rc < 0) {
		free(err);
		out = NULL;
	}
	if (found)
		*found = rc == 0;
	return out;
}

/* The names Select-Object * and ConvertTo-Csv see: the object's own
 * properties, or for a .NET scalar its built-in properties (a string's
 * Length). A new array of strings. */
static sh_value *visible_property_names(sh_interp *in, sh_value *v)
{
	sh_value *names = sh_property_names(in, v);
	if (sh_array_len(names) > 0 || sh_kind_of(v) == SH_OBJECT || v == NULL)
		return names;
	const char *const *rows = sh_builtin_member_list(v);
	for (size_t i = 0; rows && rows[i]; i++) {
		const char *tab = strchr(rows[i], '\t');
		if (!tab)
			continue;
		const char *kind = tab + 1;
		if (strncmp(kind, "Property\t", 9) != 0)
			continue;
		sh_array_append(names, sh_string_n(rows[i], (size_t)(tab - rows[i])));
	}
	return names;
}

/* ---- property expressions ---- */

enum spec_key { KEY_NAME = 1, KEY_EXPR = 2, KEY_ASC = 4, KEY_DESC = 8 };

typedef struct prop_spec {
	char *name;     /* the output / display name */
	sh_value *expr; /* a string (property name, maybe a wildcard) or a script block */
	bool is_block;
	int order; /* Sort-Object: 0 unset, 1 ascending, 2 descending */
} prop_spec;

typedef struct spec_list {
	prop_spec *items;
	size_t len, cap;
} spec_list;

static void specs_free(spec_list *l)
{
	for (size_t i = 0; i < l->len; i++) {
		free(l->items[i].name);
		sh_unref(l->items[i].expr);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}

static const struct {
	const char *name;
	enum spec_key key;
} spec_key_names[] = {
    {"Name", KEY_NAME},     {"Label", KEY_NAME},      {"Expression", KEY_EXPR},
    {"Ascending", KEY_ASC}, {"Descending", KEY_DESC},
};

/* Resolves a hashtable key to one of the allowed keys by unambiguous
 * prefix; 0 when unknown or ambiguous. */
static enum spec_key match_spec_key(const char *key, unsigned allowed)
{
	enum spec_key found = 0;
	size_t len = strlen(key);
	if (len == 0)
		return 0;
	for (size_t i = 0; i < sizeof spec_key_names / sizeof spec_key_names[0]; i++) {
		if (!(spec_key_names[i].key & allowed))
			continue;
		if (str_ieq(key, spec_key_names[i].name))
			return spec_key_names[i].key;
		if (strlen(spec_key_names[i].name) > len &&
		    str_iprefix(spec_key_names[i].name, key)) {
			if (found && found != spec_key_names[i].key)
				return 0;
			found = spec_key_names[i].key;
		}
	}
	return found;
}

static char *expr_text(sh_value *expr)
{
	return sh_to_string(expr);
}

/* Parses -Property values into specs. Returns SH_OK or the status of the
 * error it wrote (a terminating one: a bad hashtable is a usage error). */
static sh_status parse_specs(sh_cmd *c, sh_value *list, unsigned allowed, spec_list *out)
{
	size_t n = sh_kind_of(list) == SH_ARRAY ? sh_array_len(list) : (list ? 1 : 0);
	for (size_t i = 0; i < n; i++) {
		sh_value *item = sh_kind_of(list) == SH_ARRAY ? sh_array_get(list, i) : list;
		prop_spec spec = {0};
		if (sh_kind_of(item) == SH_HASHTABLE) {
			sh_value *name = NULL, *expr = NULL;
			for (size_t k = 0; k < sh_hash_len(item); k++) {
				char *key = sh_to_string(sh_hash_key_at(item, k));
				enum spec_key which = match_spec_key(key, allowed);
				sh_value *val = sh_hash_value_at(item, k);
				if (!which) {
					sh_status st = sh_throwf(c, SH_CAT_INVALID_ARGUMENT,
					                         "DictionaryKeyIllegal", NULL,
					                         "The %s key is not valid.", key);
					free(key);
					free(spec.name);
					specs_free(out);
					return st;
				}
				free(key);
				if (which == KEY_NAME)
					name = val;
				else if (which == KEY_EXPR)
					expr = val;
				else if (which == KEY_ASC)
					spec.order = sh_to_bool(val) ? 1 : 2;
				else if (which == KEY_DESC)
					spec.order = sh_to_bool(val) ? 2 : 1;
			}
			if (!expr) {
				if (allowed & KEY_EXPR) {
					specs_free(out);
					return sh_throwf(
					    c, SH_CAT_INVALID_ARGUMENT,
					    "DictionaryKeyMandatoryEntry", NULL,
					    "A mandatory entry for Expression is missing.");
				}
			}
			spec.is_block = sh_kind_of(expr) == SH_SCRIPTBLOCK;
			spec.expr = spec.is_block ? sh_ref(expr) : sh_to_string_value(expr);
			spec.name = name ? sh_to_string(name) : expr_text(spec.expr);
		} else if (sh_kind_of(item) == SH_SCRIPTBLOCK) {
			spec.is_block = true;
			spec.expr = sh_ref(item);
			spec.name = expr_text(item);
		} else {
			spec.expr = sh_to_string_value(item);
			spec.name = sh_to_string(item);
		}
		VEC_PUSH(out->items, out->len, out->cap, spec);
	}
	return SH_OK;
}

/* Evaluates a spec on an object. A script block runs in a child scope with
 * $_ set; its errors are terminating for the command. *found tells
 * whether the object has the property (blocks always "have" it). */
static sh_status eval_spec(sh_interp *in, const prop_spec *spec, sh_value *obj, sh_value **out,
                           bool *found)
{
	*out = NULL;
	if (found)
		*found = true;
	if (spec->is_block)
		return sh_invoke_block_collect(in, spec->expr, obj, NULL, 0, NULL, false, out);
	*out = property_value(in, obj, sh_str(spec->expr), found);
	return SH_OK;
}

/* Order of two sort keys as Sort-Object sees them: $null first. */
static int compare_keys(const sh_value *a, const sh_value *b, bool case_sensitive)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	bool ok = true;
	return sh_compare(a, b, case_sensitive, &ok);
}

/* Equality as grouping and uniqueness use it. */
static bool keys_equal(const sh_value *a, const sh_value *b, bool case_sensitive)
{
	if (!a || !b)
		return a == b;
	if (sh_kind_of(a) == SH_OBJECT || sh_kind_of(a) == SH_ARRAY ||
	    sh_kind_of(a) == SH_HASHTABLE) {
		if (a == b)
			return true;
		char *sa = sh_to_string(a), *sb = sh_to_string(b);
		bool eq = case_sensitive ? strcmp(sa, sb) == 0 : str_ieq(sa, sb);
		free(sa);
		free(sb);
		return eq;
	}
	return compare_keys(a, b, case_sensitive) == 0 && sh_equals(a, b, case_sensitive);
}

/* A collected list of values (owned references). */
typedef struct value_list {
	sh_value **items;
	size_t len, cap;
} value_list;

static void list_push(value_list *l, sh_value *v) /* takes v */
{
	VEC_PUSH(l->items, l->len, l->cap, v);
}

static void list_free(value_list *l)
{
	for (size_t i = 0; i < l->len; i++)
		sh_unref(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

static sh_value *list_to_array(value_list *l) /* new array sharing the items */
{
	sh_value *a = sh_array_new(l->len);
	for (size_t i = 0; i < l->len; i++)
		sh_array_append(a, sh_ref(l->items[i]));
	return a;
}

/* ------------------------------------------------------------------ */
/* Where-Object                                                        */
/* ------------------------------------------------------------------ */

typedef struct where_op {
	const char *param;
	sh_binop op;
	bool case_sensitive;
} where_op;

static const where_op where_ops[] = {
    {"EQ", SH_OP_EQ, false},
    {"CEQ", SH_OP_EQ, true},
    {"NE", SH_OP_NE, false},
    {"CNE", SH_OP_NE, true},
    {"GT", SH_OP_GT, false},
    {"CGT", SH_OP_GT, true},
    {"LT", SH_OP_LT, false},
    {"CLT", SH_OP_LT, true},
    {"GE", SH_OP_GE, false},
    {"CGE", SH_OP_GE, true},
    {"LE", SH_OP_LE, false},
    {"CLE", SH_OP_LE, true},
    {"Like", SH_OP_LIKE, false},
    {"CLike", SH_OP_LIKE, true},
    {"NotLike", SH_OP_NOTLIKE, false},
    {"CNotLike", SH_OP_NOTLIKE, true},
    {"Match", SH_OP_MATCH, false},
    {"CMatch", SH_OP_MATCH, true},
    {"NotMatch", SH_OP_NOTMATCH, false},
    {"CNotMatch", SH_OP_NOTMATCH, true},
    {"Contains", SH_OP_CONTAINS, false},
    {"CContains", SH_OP_CONTAINS, true},
    {"NotContains", SH_OP_NOTCONTAINS, false},
    {"CNotContains", SH_OP_NOTCONTAINS, true},
    {"In", SH_OP_IN, false},
    {"CIn", SH_OP_IN, true},
    {"NotIn", SH_OP_NOTIN, false},
    {"CNotIn", SH_OP_NOTIN, true},
    {"Is", SH_OP_IS, false},
    {"IsNot", SH_OP_ISNOT, false},
};

static sh_status where_process(sh_cmd *c, sh_value *input)
{
	sh_interp *in = sh_cmd_interp(c);
	sh_value *obj;
	bool have = current_input(c, input, &obj);
	sh_value *block = sh_param(c, "FilterScript");
	bool keep;
	if (block) {
		sh_value *result = NULL;
		sh_status st =
		    sh_invoke_block_collect(in, block, obj, NULL, 0, NULL, true, &result);
		keep = st == SH_OK && sh_to_bool(result);
		sh_unref(result);
		if (st != SH_OK)
			return st;
	} else {
		if (!have)
			return SH_OK;
		const char *name = sh_param_str(c, "Property");
		sh_value *left = property_value(in, obj, name ? name : "", NULL);
		const where_op *op = NULL;
		for (size_t i = 0; i < sizeof where_ops / sizeof where_ops[0]; i++)
			if (sh_switch(c, where_ops[i].param))
				op = &where_ops[i];
		if (sh_switch(c, "Not")) {
			keep = !sh_to_bool(left);
		} else if (!op && !sh_param_bound(c, "Value")) {
			keep = sh_to_bool(left);
		} else {
			static const where_op eq = {"EQ", SH_OP_EQ, false};
			if (!op)
				op = &eq;
			sh_value *result = NULL;
			char *err = NULL;
			if (sh_binary(op->op, op->case_sensitive, left, sh_param(c, "Value"),
			              &result, NULL, &err) < 0) {
				sh_unref(left);
				sh_status st = sh_errorf(c, SH_CAT_INVALID_OPERATION,
				                         "OperatorFailed", obj, "%s", err);
				free(err);
				return st;
			}
			keep = sh_to_bool(result);
			sh_unref(result);
		}
		sh_unref(left);
	}
	if (!keep || !have)
		return SH_OK;
	return sh_emit(c, sh_ref(obj));
}

#define WHERE_PROPERTY_SETS                                                                        \
	"EqualSet,CaseSensitiveEqualSet,NotEqualSet,CaseSensitiveNotEqualSet,GreaterThanSet,"      \
	"CaseSensitiveGreaterThanSet,LessThanSet,CaseSensitiveLessThanSet,GreaterOrEqualSet,"      \
	"CaseSensitiveGreaterOrEqualSet,LessOrEqualSet,CaseSensitiveLessOrEqualSet,LikeSet,"       \
	"CaseSensitiveLikeSet,NotLikeSet,CaseSensitiveNotLikeSet,MatchSet,"                        \
	"CaseSensitiveMatchSet,NotMatchSet,CaseSensitiveNotMatchSet,ContainsSet,"                  \
	"CaseSensitiveContainsSet,NotContainsSet,CaseSensitiveNotContainsSet,InSet,"               \
	"CaseSensitiveInSet,NotInSet,CaseSensitiveNotInSet,IsSet,IsNotSet"

#define WHERE_SWITCH(pname, set, alias, text)                                                      \
	{                                                                                          \
		pname, SH_P_SWITCH, SH_PF_MANDATORY, -1, set, alias, NULL, text, NULL, NULL, NULL  \
	}

static const sh_param_def where_params[] = {
    {"InputObject", SH_P_OBJECT, SH_PF_PIPELINE, -1, NULL, NULL, NULL,
     "Specifies the objects to filter. Usually piped in.", NULL, NULL, "PSObject"},
    {"FilterScript", SH_P_SCRIPTBLOCK, SH_PF_MANDATORY, 0, "ScriptBlockSet", NULL, NULL,
     "Specifies the script block that filters the objects; an object passes when the block "
     "returns a true value. $_ holds the current object.",
     NULL, NULL, NULL},
    {"Property", SH_P_STRING, SH_PF_MANDATORY, 0, WHERE_PROPERTY_SETS ",Not", NULL, NULL,
     "Specifies the name of the property to test.", NULL, NULL, NULL},
    {"Value", SH_P_OBJECT, 0, 1, WHERE_PROPERTY_SETS, NULL, NULL,
     "Specifies the value to compare the property with.", NULL, NULL, NULL},
    {"EQ", SH_P_SWITCH, 0, -1, "EqualSet", "IEQ", NULL,
     "Passes objects whose property equals the value. Without -Value, passes objects whose "
     "property is true.",
     NULL, NULL, NULL},
    WHERE_SWITCH("CEQ", "CaseSensitiveEqualSet", NULL, "Case-sensitive -EQ."),
    WHERE_SWITCH("NE", "NotEqualSet", "INE",
                 "Passes objects whose property differs from the value."),
    WHERE_SWITCH("CNE", "CaseSensitiveNotEqualSet", NULL, "Case-sensitive -NE."),
    WHERE_SWITCH("GT", "GreaterThanSet", "IGT",
                 "Passes objects whose property is greater than the value."),
    WHERE_SWITCH("CGT", "CaseSensitiveGreaterThanSet", NULL, "Case-sensitive -GT."),
    WHERE_SWITCH("LT", "LessThanSet", "ILT",
                 "Passes objects whose property is less than the value."),
    WHERE_SWITCH("CLT", "CaseSensitiveLessThanSet", NULL, "Case-sensitive -LT."),
    WHERE_SWITCH("GE", "GreaterOrEqualSet", "IGE",
                 "Passes objects whose property is greater than or equal to the value."),
    WHERE_SWITCH("CGE", "CaseSensitiveGreaterOrEqualSet", NULL, "Case-sensitive -GE."),
    WHERE_SWITCH("LE", "LessOrEqualSet", "ILE",
                 "Passes objects whose property is less than or equal to the value."),
    WHERE_SWITCH("CLE", "CaseSensitiveLessOrEqualSet", NULL, "Case-sensitive -LE."),
    WHERE_SWITCH("Like", "LikeSet", "ILike",
                 "Passes objects whose property matches the wildcard pattern."),
    WHERE_SWITCH("CLike", "CaseSensitiveLikeSet", NULL, "Case-sensitive -Like."),
    WHERE_SWITCH("NotLike", "NotLikeSet", "INotLike",
                 "Passes objects whose property does not match the wildcard pattern."),
    WHERE_SWITCH("CNotLike", "CaseSensitiveNotLikeSet", NULL, "Case-sensitive -NotLike."),
    WHERE_SWITCH("Match", "MatchSet", "IMatch",
                 "Passes objects whose property matches the regular expression."),
    WHERE_SWITCH("CMatch", "CaseSensitiveMatchSet", NULL, "Case-sensitive -Match."),
    WHERE_SWITCH("NotMatch", "NotMatchSet", "INotMatch",
                 "Passes objects whose property does not match the regular expression."),
    WHERE_SWITCH("CNotMatch", "CaseSensitiveNotMatchSet", NULL, "Case-sensitive -NotMatch."),
    WHERE_SWITCH("Contains", "ContainsSet", "IContains",
                 "Passes objects whose property (a collection) contains the value."),
    WHERE_SWITCH("CContains", "CaseSensitiveContainsSet", NULL, "Case-sensitive -Contains."),
    WHERE_SWITCH("NotContains", "NotContainsSet", "INotContains",
                 "Passes objects whose property does not contain the value."),
    WHERE_SWITCH("CNotContains", "CaseSensitiveNotContainsSet", NULL,
                 "Case-sensitive -NotContains."),
    WHERE_SWITCH("In", "InSet", "IIn", "Passes objects whose property is one of the values."),
    WHERE_SWITCH("CIn", "CaseSensitiveInSet", NULL, "Case-sensitive -In."),
    WHERE_SWITCH("NotIn", "NotInSet", "INotIn",
                 "Passes objects whose property is none of the values."),
    WHERE_SWITCH("CNotIn", "CaseSensitiveNotInSet", NULL, "Case-sensitive -NotIn."),
    WHERE_SWITCH("Is", "IsSet", NULL, "Passes objects whose property is of the given type."),
    WHERE_SWITCH("IsNot", "IsNotSet", NULL,
                 "Passes objects whose property is not of the given type."),
    WHERE_SWITCH("Not", "Not", NULL, "Passes objects whose property is false, empty or absent."),
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example where_examples[] = {
    {"Get-ChildItem | Where-Object { $_.Length -gt 1MB }",
     "Passes the files larger than one megabyte."},
    {"Get-VM | Where-Object State -eq Running",
     "Uses the comparison statement form: the running virtual machines."},
    {"Get-VM | Where-Object Name -like 'web*'", "Passes the objects whose Name starts with web."},
    {NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* ForEach-Object                                                      */
/* ------------------------------------------------------------------ */

typedef struct foreach_state {
	value_list scripts; /* begin?, process..., end? as PowerShell lays them out */
	sh_value *end_script;
	size_t start, end;
	const char *member;  /* -MemberName, or a lone bare word given to -Process */
	sh_value *arguments; /* method arguments (borrowed from the binding) */
} foreach_state;

static void append_blocks(value_list *l, sh_value *v)
{
	if (sh_kind_of(v) == SH_ARRAY) {
		for (size_t i = 0; i < sh_array_len(v); i++)
			list_push(l, sh_ref(sh_array_get(v, i)));
	} else {
		list_push(l, sh_ref(v));
	}
}

static sh_status foreach_begin(sh_cmd *c)
{
	foreach_state *s = sh_cmd_state(c);
	sh_interp *in = sh_cmd_interp(c);
	if (sh_param_bound(c, "MemberName")) {
		s->member = sh_param_str(c, "MemberName");
		s->arguments = sh_param(c, "ArgumentList");
		if (!s->arguments)
			s->arguments = sh_param(c, "RemainingScripts");
		return SH_OK;
	}
	sh_value *process = sh_param(c, "Process");
	/* `% Name` and `% Substring 1`: a bare word where blocks go names a member. */
	sh_value *first = sh_kind_of(process) == SH_ARRAY ? sh_array_get(process, 0) : process;
	if (first && sh_kind_of(first) == SH_STRING && !sh_param_bound(c, "Begin") &&
	    !sh_param_bound(c, "End") &&
	    (sh_kind_of(process) != SH_ARRAY || sh_array_len(process) == 1)) {
		s->member = sh_str(first);
		sh_value *rest = sh_param(c, "RemainingScripts");
		if (rest)
			s->arguments = rest;
		return SH_OK;
	}
	if (sh_param_bound(c, "Begin"))
		list_push(&s->scripts, sh_ref(sh_param(c, "Begin")));
	if (sh_param_bound(c, "Process"))
		append_blocks(&s->scripts, process);
	if (sh_param_bound(c, "RemainingScripts"))
		append_blocks(&s->scripts, sh_param(c, "RemainingScripts"));
	for (size_t i = 0; i < s->scripts.len; i++) {
		sh_value *b = s->scripts.items[i];
		if (b && sh_kind_of(b) != SH_SCRIPTBLOCK) {
			char *text = sh_to_string(b);
			sh_status st = sh_throwf(
			    c, SH_CAT_INVALID_ARGUMENT, "CannotConvertArgumentNoMessage", b,
			    "Cannot bind parameter 'Process'. Cannot convert the \"%s\" value of "
			    "type "
			    "\"%s\" to type \"System.Management.Automation.ScriptBlock\".",
			    text, sh_type_name(b));
			free(text);
			return st;
		}
	}
	bool end_set = sh_param_bound(c, "End");
	if (end_set)
		s->end_script = sh_ref(sh_param(c, "End"));
	s->end = s->scripts.len;
	s->start = s->scripts.len > 1 ? 1 : 0;
	if (!end_set && s->scripts.len > 2) {
		s->end = s->scripts.len - 1;
		s->end_script = sh_ref(s->scripts.items[s->end]);
	}
	if (s->end < 2 || !s->scripts.items[0])
		return SH_OK;
	sh_sink out = sh_cmd_output(c);
	return sh_invoke_block(in, s->scripts.items[0], NULL, NULL, 0, NULL, true, &out);
}

/* Writes a member's value, unrolling collections as PowerShell does. */
static sh_status emit_unrolled(sh_cmd *c, sh_value *v) /* takes v */
{
	if (sh_kind_of(v) == SH_ARRAY)
		return sh_emit_enumerated(c, v);
	return sh_emit(c, v);
}

static sh_status foreach_member(sh_cmd *c, foreach_state *s, sh_value *obj)
{
	sh_interp *in = sh_cmd_interp(c);
	size_t nargs = 0;
	sh_value **args = NULL;
	if (s->arguments) {
		if (sh_kind_of(s->arguments) == SH_ARRAY) {
			nargs = sh_array_len(s->arguments);
			args = sh_array_items(s->arguments);
		} else {
			nargs = 1;
			args = &s->arguments;
		}
	}
	if (!obj) {
		if (nargs > 0)
			return sh_errorf(c, SH_CAT_INVALID_OPERATION, "InvokeMethodOnNull", NULL,
			                 "You cannot call a method on a null-valued expression.");
		return sh_emit(c, NULL);
	}
	sh_value *result = NULL;
	char *err = NULL;
	if (nargs == 0) {
		if (sh_kind_of(obj) == SH_HASHTABLE) {
			sh_value *key = sh_string(s->member);
			bool has = sh_hash_contains(obj, key);
			sh_value *val = has ? sh_ref(sh_hash_get(obj, key)) : NULL;
			sh_unref(key);
			if (has)
				return emit_unrolled(c, val);
		}
		int rc = sh_get_member(in, obj, s->member, &result, &err);
		if (rc == 0)
			return emit_unrolled(c, result);
		if (rc < 0) {
			sh_status st = sh_errorf(c, SH_CAT_INVALID_OPERATION, "PropertyGetFailed",
			                         obj, "%s", err);
			free(err);
			return st;
		}
	}
	int rc = sh_call_member(in, obj, s->member, args, nargs, &result, &err);
	if (rc == 0)
		return emit_unrolled(c, result);
	if (rc < 0) {
		sh_status st =
		    sh_errorf(c, SH_CAT_INVALID_OPERATION, "MethodInvocationError", obj, "%s", err);
		free(err);
		return st;
	}
	if (nargs > 0)
		return sh_errorf(c, SH_CAT_INVALID_OPERATION, "MethodNotFound", obj,
		                 "Method invocation failed because [%s] does not contain a method "
		                 "named '%s'.",
		                 sh_type_name(obj), s->member);
	/* No such property or method: PowerShell (outside strict mode) writes $null. */
	return sh_emit(c, NULL);
}

static sh_status foreach_process(sh_cmd *c, sh_value *input)
{
	foreach_state *s = sh_cmd_state(c);
	sh_value *obj;
	current_input(c, input, &obj);
	if (s->member)
		return foreach_member(c, s, obj);
	sh_interp *in = sh_cmd_interp(c);
	sh_sink out = sh_cmd_output(c);
	for (size_t i = s->start; i < s->end; i++) {
		if (!s->scripts.items[i])
			continue;
		sh_status st =
		    sh_invoke_block(in, s->scripts.items[i], obj, NULL, 0, NULL, true, &out);
		if (st != SH_OK)
			return st;
	}
	return SH_OK;
}

static sh_status foreach_end(sh_cmd *c)
{
	foreach_state *s = sh_cmd_state(c);
	if (s->member || !s->end_script)
		return SH_OK;
	sh_sink out = sh_cmd_output(c);
	return sh_invoke_block(sh_cmd_interp(c), s->end_script, NULL, NULL, 0, NULL, true, &out);
}

static void foreach_cleanup(sh_cmd *c)
{
	foreach_state *s = sh_cmd_state(c);
	list_free(&s->scripts);
	sh_unref(s->end_script);
}

static const sh_param_def foreach_params[] = {
    {"InputObject", SH_P_OBJECT, SH_PF_PIPELINE, -1, NULL, NULL, NULL,
     "Specifies the input objects. Usually piped in.", NULL, NULL, "PSObject"},
    {"Process", SH_P_OBJECT, SH_PF_MANDATORY | SH_PF_ARRAY, 0, "ScriptBlockSet", NULL, NULL,
     "Specifies the script blocks run for each input object, with $_ set to it. With two or "
     "more blocks and no -Begin, the first runs before any input; with three or more and no "
     "-End, the last runs after all input.",
     NULL, NULL, "ScriptBlock[]"},
    {"Begin", SH_P_SCRIPTBLOCK, 0, -1, "ScriptBlockSet", NULL, NULL,
     "Specifies a script block that runs once before any input is processed.", NULL, NULL, NULL},
    {"End", SH_P_SCRIPTBLOCK, 0, -1, "ScriptBlockSet", NULL, NULL,
     "Specifies a script block that runs once after all input is processed.", NULL, NULL, NULL},
    {"RemainingScripts", SH_P_OBJECT, SH_PF_ARRAY | SH_PF_REMAINING, -1, NULL, NULL, NULL,
     "Takes the script blocks not bound to -Process (or, after a member name, the method's "
     "arguments).",
     NULL, NULL, "ScriptBlock[]"},
    {"MemberName", SH_P_STRING, SH_PF_MANDATORY, 0, "PropertyAndMethodSet", NULL, NULL,
     "Specifies a property to get or a method to call on each input object.", NULL, NULL, NULL},
    {"ArgumentList", SH_P_OBJECT, SH_PF_ARRAY, -1, "PropertyAndMethodSet", "Args", NULL,
     "Specifies the arguments of the method named by -MemberName.", NULL, NULL, "Object[]"},
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example foreach_examples[] = {
    {"1..3 | ForEach-Object { $_ * 2 }", "Doubles each number: 2, 4 and 6."},
    {"Get-VM | ForEach-Object Name", "Gets the Name property of each virtual machine."},
    {"'a','b' | ForEach-Object -Begin { $n = 0 } -Process { $n++ } -End { $n }",
     "Counts the input objects with begin, process and end blocks."},
    {NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* Select-Object                                                       */
/* ------------------------------------------------------------------ */

typedef struct select_state {
	spec_list specs;
	bool have_specs;
	char **excludes;
	size_t nexcludes, capexcludes;
	const char *expand;
	int64_t first, last, skip, skip_last; /* -1 = not given */
	bool unique;
	int64_t *indexes;
	size_t nindexes, capindexes;
	int64_t seen;    /* input objects received */
	int64_t emitted; /* objects passed by -First */
	value_list tail; /* -Last / -SkipLast buffer */
	value_list uniques;
} select_state;

static bool excluded(select_state *s, const char *name)
{
	for (size_t i = 0; i < s->nexcludes; i++)
		if (sh_wildcard_match(s->excludes[i], name, true))
			return true;
	return false;
}

static bool have_note(sh_value *o, const char *name)
{
	return sh_object_find_prop(o, name) != NULL;
}

/* Builds the Selected.<type> object for one input, or for -ExpandProperty
 * the list of values to write. Returns SH_OK and *out (new ref). */
static sh_status select_shape(sh_cmd *c, select_state *s, sh_value *obj, sh_value **out)
{
	sh_interp *in = sh_cmd_interp(c);
	*out = NULL;
	sh_value *result = NULL;
	if (s->have_specs) {
		const char *first_type = sh_type_name(obj);
		char *tn = xasprintf("Selected.%s", first_type ? first_type : "System.Object");
		result = sh_object_new(tn);
		free(tn);
		sh_object_add_typename(result, PSCUSTOMOBJECT_TYPE);
		sh_object_add_typename(result, "System.Object");
		for (size_t i = 0; i < s->specs.len; i++) {
			prop_spec *spec = &s->specs.items[i];
			if (!spec->is_block && sh_has_wildcard(sh_str(spec->expr))) {
				sh_value *names = visible_property_names(in, obj);
				for (size_t k = 0; k < sh_array_len(names); k++) {
					const char *n = sh_str(sh_array_get(names, k));
					if (!sh_wildcard_match(sh_str(spec->expr), n, true) ||
					    excluded(s, n) || have_note(result, n))
						continue;
					sh_object_set_note(result, n,
					                   property_value(in, obj, n, NULL));
				}
				sh_unref(names);
				continue;
			}
			if (excluded(s, spec->name))
				continue;
			sh_value *val = NULL;
			sh_status st = eval_spec(in, spec, obj, &val, NULL);
			if (st != SH_OK) {
				sh_unref(result);
				return st;
			}
			if (have_note(result, spec->name)) {
				sh_unref(val);
				sh_unref(result);
				return sh_throwf(
				    c, SH_CAT_INVALID_OPERATION,
				    "AlreadyExistingUserSpecifiedPropertyNoExpand", obj,
				    "The property cannot be processed because the property \"%s\" "
				    "already exists.",
				    spec->name);
			}
			sh_object_set_note(result, spec->name, val);
		}
	}
	if (!s->expand) {
		*out = result ? result : sh_ref(obj);
		return SH_OK;
	}
	bool found = false;
	sh_value *expanded = property_value(in, obj, s->expand, &found);
	if (!found) {
		sh_unref(result);
		return sh_errorf(c, SH_CAT_INVALID_ARGUMENT, "ExpandPropertyNotFound", obj,
		                 "Property \"%s\" cannot be found.", s->expand);
	}
	sh_value *items = sh_array_new(1);
	size_t n = sh_kind_of(expanded) == SH_ARRAY ? sh_array_len(expanded) : 1;
	for (size_t i = 0; i < n; i++) {
		sh_value *item =
		    sh_kind_of(expanded) == SH_ARRAY ? sh_array_get(expanded, i) : expanded;
		if (result && sh_kind_of(item) == SH_OBJECT) {
			for (size_t p = 0; p < sh_object_prop_count(result); p++) {
				const sh_prop *prop = sh_object_prop_at(result, p);
				if (have_note(item, prop->name)) {
					sh_status st = sh_errorf(
					    c, SH_CAT_INVALID_OPERATION,
					    "AlreadyExistingUserSpecifiedPropertyExpand", item,
					    "The property cannot be processed because the property "
					    "\"%s\" "
					    "already exists.",
					    prop->name);
					if (st != SH_OK) {
						sh_unref(items);
						sh_unref(expanded);
						sh_unref(result);
						return st;
					}
					continue;
				}
				sh_object_set_note(item, prop->name, sh_ref(prop->value));
			}
		}
		sh_array_append(items, sh_ref(item));
	}
	sh_unref(expanded);
	sh_unref(result);
	*out = items;
	return SH_OK;
}

static bool unique_seen(select_state *s, sh_value *v)
{
	for (size_t i = 0; i < s->uniques.len; i++)
		if (keys_equal(s->uniques.items[i], v, true))
			return true;
	return false;
}

/* Passes one selected object on: into the -Unique list or downstream. */
static sh_status select_output(sh_cmd *c, select_state *s, sh_value *shaped) /* takes */
{
	if (s->expand) {
		sh_status st = SH_OK;
		for (size_t i = 0; i < sh_array_len(shaped) && st == SH_OK; i++) {
			sh_value *item = sh_array_get(shaped, i);
			if (s->unique) {
				if (!unique_seen(s, item))
					list_push(&s->uniques, sh_ref(item));
			} else {
				st = sh_emit(c, sh_ref(item));
			}
		}
		sh_unref(shaped);
		return st;
	}
	if (s->unique) {
		if (!unique_seen(s, shaped))
			list_push(&s->uniques, shaped);
		else
			sh_unref(shaped);
		return SH_OK;
	}
	return sh_emit(c, shaped);
}

static sh_status select_one(sh_cmd *c, select_state *s, sh_value *obj)
{
	sh_value *shaped = NULL;
	sh_status st = select_shape(c, s, obj, &shaped);
	if (st != SH_OK || !shaped)
		return st;
	return select_output(c, s, shaped);
}

static sh_status select_begin(sh_cmd *c)
{
	select_state *s = sh_cmd_state(c);
	s->first = sh_param_bound(c, "First") ? sh_param_int(c, "First", 0) : -1;
	s->last = sh_param_bound(c, "Last") ? sh_param_int(c, "Last", 0) : -1;
	s->skip = sh_param_bound(c, "Skip") ? sh_param_int(c, "Skip", 0) : -1;
	s->skip_last = sh_param_bound(c, "SkipLast") ? sh_param_int(c, "SkipLast", 0) : -1;
	s->unique = sh_switch(c, "Unique");
	s->expand = sh_param_str(c, "ExpandProperty");
	sh_value *ex = sh_param(c, "ExcludeProperty");
	for (size_t i = 0; i < sh_array_len(ex); i++)
		VEC_PUSH(s->excludes, s->nexcludes, s->capexcludes,
		         sh_to_string(sh_array_get(ex, i)));
	sh_value *props = sh_param(c, "Property");
	if (props) {
		sh_status st = parse_specs(c, props, KEY_NAME | KEY_EXPR, &s->specs);
		if (st != SH_OK)
			return st;
		s->have_specs = s->specs.len > 0;
	} else if (s->nexcludes > 0 && !s->expand) {
		sh_value *star = sh_string("*");
		sh_status st = parse_specs(c, star, KEY_NAME | KEY_EXPR, &s->specs);
		sh_unref(star);
		if (st != SH_OK)
			return st;
		s->have_specs = true;
	}
	sh_value *idx = sh_param(c, "Index");
	for (size_t i = 0; i < sh_array_len(idx); i++) {
		int64_t v = 0;
		sh_to_int64(sh_array_get(idx, i), &v, NULL);
		VEC_PUSH(s->indexes, s->nindexes, s->capindexes, v);
	}
	return SH_OK;
}

static sh_status select_process(sh_cmd *c, sh_value *input)
{
	select_state *s = sh_cmd_state(c);
	sh_value *obj;
	if (!current_input(c, input, &obj))
		return SH_OK;
	int64_t position = s->seen++;
	if (s->nindexes) {
		bool wanted = false, more = false;
		for (size_t i = 0; i < s->nindexes; i++) {
			if (s->indexes[i] == position)
				wanted = true;
			if (s->indexes[i] > position)
				more = true;
		}
		sh_status st = wanted ? select_one(c, s, obj) : SH_OK;
		if (st == SH_OK && !more)
			return SH_STOP;
		return st;
	}
	if (s->skip > 0 && position < s->skip)
		return SH_OK;
	if (s->last >= 0 || s->skip_last >= 0) {
		list_push(&s->tail, sh_ref(obj));
		/* -SkipLast alone streams with a delay of N objects. */
		if (s->last < 0 && s->first < 0 && (int64_t)s->tail.len > s->skip_last) {
			sh_value *head = s->tail.items[0];
			memmove(s->tail.items, s->tail.items + 1,
			        (s->tail.len - 1) * sizeof(sh_value *));
			s->tail.len--;
			sh_status st = select_one(c, s, head);
			sh_unref(head);
			return st;
		}
		return SH_OK;
	}
	if (s->first >= 0 && s->emitted >= s->first)
		return SH_STOP;
	s->emitted++;
	sh_status st = select_one(c, s, obj);
	if (st == SH_OK && s->first >= 0 && s->emitted >= s->first)
		return SH_STOP;
	return st;
}

static sh_status select_end(sh_cmd *c)
{
	select_state *s = sh_cmd_state(c);
	sh_status st = SH_OK;
	if (s->last >= 0 || s->skip_last >= 0) {
		size_t to = s->tail.len, from = 0;
		if (s->skip_last >= 0)
			to = (int64_t)to > s->skip_last ? to - (size_t)s->skip_last : 0;
		if (s->first >= 0) {
			size_t nfirst = (size_t)s->first < to ? (size_t)s->first : to;
			for (size_t i = 0; i < nfirst && st == SH_OK; i++)
				st = select_one(c, s, s->tail.items[i]);
			from = nfirst;
			if (s->last < 0)
				to = nfirst;
		}
		if (s->last >= 0) {
			size_t start = to > (size_t)s->last ? to - (size_t)s->last : 0;
			if (start > from)
				from = start;
		}
		for (size_t i = from; i < to && st == SH_OK; i++)
			st = select_one(c, s, s->tail.items[i]);
	}
	for (size_t i = 0; i < s->uniques.len && st == SH_OK; i++)
		st = sh_emit(c, sh_ref(s->uniques.items[i]));
	return st;
}

static void select_cleanup(sh_cmd *c)
{
	select_state *s = sh_cmd_state(c);
	specs_free(&s->specs);
	for (size_t i = 0; i < s->nexcludes; i++)
		free(s->excludes[i]);
	free(s->excludes);
	free(s->indexes);
	list_free(&s->tail);
	list_free(&s->uniques);
}

static const sh_param_def select_params[] = {
    {"InputObject", SH_P_OBJECT, SH_PF_PIPELINE, -1, NULL, NULL, NULL,
     "Specifies the objects to select from. Usually piped in.", NULL, NULL, "PSObject"},
    {"Property", SH_P_OBJECT, SH_PF_ARRAY | SH_PF_WILDCARDS, 0,
     "DefaultParameter,SkipLastParameter", NULL, NULL,
     "Specifies the properties to select: names (wildcards allowed), script blocks, or "
     "calculated properties written as @{Name='n'; Expression={...}}. The output objects "
     "have only these properties.",
     NULL, NULL, "Object[]"},
    {"ExcludeProperty", SH_P_STRING, SH_PF_ARRAY | SH_PF_WILDCARDS, -1,
     "DefaultParameter,SkipLastParameter", NULL, NULL,
     "Specifies properties to leave out of the selection.", NULL, NULL, NULL},
    {"ExpandProperty", SH_P_STRING, 0, -1, "DefaultParameter,SkipLastParameter", NULL, NULL,
     "Specifies a property whose value is written instead of the object; collections are "
     "written one item at a time.",
     NULL, NULL, NULL},
    {"Unique", SH_P_SWITCH, 0, -1, NULL, NULL, NULL,
     "Writes each distinct object once. The comparison is case-sensitive.", NULL, NULL, NULL},
    {"Last", SH_P_INT, 0, -1, "DefaultParameter", NULL, NULL,
     "Specifies how many objects to take from the end of the input.", NULL, NULL, NULL},
    {"First", SH_P_INT, 0, -1, "DefaultParameter", NULL, NULL,
     "Specifies how many objects to take from the start; the commands upstream stop once "
     "they are taken.",
     NULL, NULL, NULL},
    {"Skip", SH_P_INT, 0, -1, "DefaultParameter", NULL, NULL,
     "Skips this many objects at the start of the input.", NULL, NULL, NULL},
    {"SkipLast", SH_P_INT, 0, -1, "SkipLastParameter", NULL, NULL,
     "Skips this many objects at the end of the input.", NULL, NULL, NULL},
    {"Index", SH_P_INT, SH_PF_ARRAY, -1, "IndexParameter", NULL, NULL,
     "Selects the objects at these (0-based) positions of the input.", NULL, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example select_examples[] = {
    {"Get-VM | Select-Object Name, State", "Objects with only the Name and State properties."},
    {"Get-ChildItem | Select-Object Name, @{Name='KB'; Expression={ $_.Length / 1KB }}",
     "Adds a calculated property."},
    {"1..1000000 | Select-Object -First 3", "Takes 1, 2 and 3 and stops the input early."},
    {NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* Sort-Object                                                         */
/* ------------------------------------------------------------------ */

typedef struct sort_item {
	sh_value *value;
	sh_value **keys; /* one per spec (or one: the value itself) */
} sort_item;

typedef struct sort_state {
	spec_list specs;
	value_list items;
} sort_state;

typedef struct sort_ctx {
	size_t nkeys;
	bool *descending;
	bool case_sensitive;
} sort_ctx;

static int compare_items(const sort_ctx *ctx, const sort_item *a, const sort_item *b)
{
	for (size_t k = 0; k < ctx->nkeys; k++) {
		int r = compare_keys(a->keys[k], b->keys[k], ctx->case_sensitive);
		if (r != 0)
			return ctx->descending[k] ? -r : r;
	}
	return 0;
}

static void merge_sort(sort_item *items, sort_item *tmp, size_t n, const sort_ctx *ctx)
{
	if (n < 2)
		return;
	size_t mid = n / 2;
	merge_sort(items, tmp, mid, ctx);
	merge_sort(items + mid, tmp, n - mid, ctx);
	size_t i = 0, j = mid, k = 0;
	while (i < mid && j < n) {
		if (compare_items(ctx, &items[j], &items[i]) < 0)
			tmp[k++] = items[j++];
		else
			tmp[k++] = items[i++];
	}
	while (i < mid)
		tmp[k++] = items[i++];
	while (j < n)
		tmp[k++] = items[j++];
	memcpy(items, tmp, n * sizeof *items);
}

static sh_status sort_begin(sh_cmd *c)
{
	sort_state *s = sh_cmd_state(c);
	sh_value *props = sh_param(c, "Property");
	if (props)
		return parse_specs(c, props, KEY_EXPR | KEY_ASC | KEY_DESC, &s->specs);
	return SH_OK;
}

static sh_status collect_process(value_list *l, sh_cmd *c, sh_value *input)
{
	sh_value *obj;
	if (current_input(c, input, &obj))
		list_push(l, sh_ref(obj));
	return SH_OK;
}

static sh_status sort_process(sh_cmd *c, sh_value *input)
{
	sort_state *s = sh_cmd_state(c);
	return collect_process(&s->items, c, input);
}

static sh_status sort_end(sh_cmd *c)
{
	sort_state *s = sh_cmd_state(c);
	sh_interp *in = sh_cmd_interp(c);
	size_t n = s->items.len;
	size_t nkeys = s->specs.len ? s->specs.len : 1;
	sort_item *items = xcalloc(n ? n : 1, sizeof *items);
	sort_ctx ctx = {nkeys, xcalloc(nkeys, sizeof(bool)), sh_switch(c, "CaseSensitive")};
	bool desc = sh_switch(c, "Descending");
	for (size_t k = 0; k < nkeys; k++) {
		int order = s->specs.len ? s->specs.items[k].order : 0;
		ctx.descending[k] = order ? order == 2 : desc;
	}
	sh_status st = SH_OK;
	size_t built = 0;
	for (; built < n && st == SH_OK; built++) {
		sort_item *it = &items[built];
		it->value = s->items.items[built];
		it->keys = xcalloc(nkeys, sizeof(sh_value *));
		if (!s->specs.len) {
			it->keys[0] = sh_ref(it->value);
			continue;
		}
		for (size_t k = 0; k < nkeys && st == SH_OK; k++)
			st = eval_spec(in, &s->specs.items[k], it->value, &it->keys[k], NULL);
	}
	if (st == SH_OK) {
		sort_item *tmp = xcalloc(n ? n : 1, sizeof *tmp);
		merge_sort(items, tmp, n, &ctx);
		free(tmp);
		size_t from = 0, to = n;
		if (sh_param_bound(c, "Top")) {
			int64_t top = sh_param_int(c, "Top", 0);
			to = top < 0 ? 0 : ((size_t)top < n ? (size_t)top : n);
		} else if (sh_param_bound(c, "Bottom")) {
			int64_t bottom = sh_param_int(c, "Bottom", 0);
			from = bottom < 0 ? n : (n > (size_t)bottom ? n - (size_t)bottom : 0);
		}
		bool unique = sh_switch(c, "Unique");
		const sort_item *prev = NULL;
		for (size_t i = from; i < to && st == SH_OK; i++) {
			if (unique && prev) {
				bool same = true;
				for (size_t k = 0; k < nkeys && same; k++)
					same = keys_equal(prev->keys[k], items[i].keys[k],
					                  ctx.case_sensitive);
				if (same)
					continue;
			}
			prev = &items[i];
			st = sh_emit(c, sh_ref(items[i].value));
		}
	}
	for (size_t i = 0; i < built; i++) {
		for (size_t k = 0; k < nkeys; k++)
			sh_unref(items[i].keys[k]);
		free(items[i].keys);
	}
	free(items);
	free(ctx.descending);
	return st;
}

static void sort_cleanup(sh_cmd *c)
{
	sort_state *s = sh_cmd_state(c);
	specs_free(&s->specs);
	list_free(&s->items);
}

static const sh_param_def sort_params[] = {
    {"InputObject", SH_P_OBJECT, SH_PF_PIPELINE, -1, NULL, NULL, NULL,
     "Specifies the objects to sort. Usually piped in.", NULL, NULL, "PSObject"},
    {"Property", SH_P_OBJECT, SH_PF_ARRAY, 0, NULL, NULL, NULL,
     "Specifies the sort keys, in order: property names, script blocks, or hashtables "
     "@{Expression=...; Descending=$true} that set the direction of one key.",
     NULL, NULL, "Object[]"},
    {"Descending", SH_P_SWITCH, 0, -1, NULL, NULL, NULL, "Sorts in descending order.", NULL, NULL,
     NULL},
    {"Unique", SH_P_SWITCH, 0, -1, NULL, NULL, NULL,
     "Writes one object of each group of equal keys.", NULL, NULL, NULL},
    {"CaseSensitive", SH_P_SWITCH, 0, -1, NULL, NULL, NULL, "Compares strings case-sensitively.",
     NULL, NULL, NULL},
    {"Top", SH_P_INT, SH_PF_MANDATORY, -1, "Top", NULL, NULL,
     "Writes only the first N objects of the sorted output.", NULL, NULL, NULL},
    {"Bottom", SH_P_INT, SH_PF_MANDATORY, -1, "Bottom", NULL, NULL,
     "Writes only the last N objects of the sorted output.", NULL, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example sort_examples[] = {
    {"Get-VM | Sort-Object MemoryAssigned -Descending",
     "Sorts the virtual machines, the largest memory first."},
    {"Get-ChildItem | Sort-Object @{Expression='Extension'; Descending=$true}, Name",
     "Sorts by extension (descending), then by name (ascending)."},
    {"3,1,2,1 | Sort-Object -Unique", "Writes 1, 2 and 3."},
    {NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* Group-Object                                                        */
/* ------------------------------------------------------------------ */

typedef struct group_entry {
	sh_value **keys;
	char *name;
	value_list members;
} group_entry;

typedef struct group_state {
	spec_list specs;
	group_entry *groups;
	size_t len, cap;
} group_state;

static sh_status group_begin(sh_cmd *c)
{
	group_state *s = sh_cmd_state(c);
	register_views();
	sh_value *props = sh_param(c, "Property");
	if (props)
		return parse_specs(c, props, KEY_EXPR, &s->specs);
	return SH_OK;
}

static sh_status group_process(sh_cmd *c, sh_value *input)
{
	group_state *s = sh_cmd_state(c);
	sh_interp *in = sh_cmd_interp(c);
	sh_value *obj;
	if (!current_input(c, input, &obj))
		return SH_OK;
	size_t nkeys = s->specs.len ? s->specs.len : 1;
	sh_value **keys = xcalloc(nkeys, sizeof *keys);
	if (!s->specs.len) {
		keys[0] = sh_ref(obj);
	} else {
		for (size_t k = 0; k < nkeys; k++) {
			sh_status st = eval_spec(in, &s->specs.items[k], obj, &keys[k], NULL);
			if (st != SH_OK) {
				for (size_t j = 0; j < nkeys; j++)
					sh_unref(keys[j]);
				free(keys);
				return st;
			}
		}
	}
	bool cs = sh_switch(c, "CaseSensitive");
	sh_buf name = {0};
	for (size_t k = 0; k < nkeys; k++) {
		if (k)
			buf_puts(&name, ", ");
		char *t = sh_to_string(keys[k]);
		buf_puts(&name, t);
		free(t);
	}
	for (size_t g = 0; g < s->len; g++) {
		group_entry *e = &s->groups[g];
		bool same =
		    cs ? strcmp(e->name, buf_str(&name)) == 0 : str_ieq(e->name, buf_str(&name));
		if (same) {
			list_push(&e->members, sh_ref(obj));
			for (size_t k = 0; k < nkeys; k++)
				sh_unref(keys[k]);
			free(keys);
			buf_free(&name);
			return SH_OK;
		}
	}
	group_entry e = {keys, buf_detach(&name), {0}};
	list_push(&e.members, sh_ref(obj));
	VEC_PUSH(s->groups, s->len, s->cap, e);
	return SH_OK;
}

static sh_status group_end(sh_cmd *c)
{
	group_state *s = sh_cmd_state(c);
	size_t nkeys = s->specs.len ? s->specs.len : 1;
	if (sh_switch(c, "AsHashTable")) {
		if (s->len == 0)
			return SH_OK;
		sh_value *h = sh_hash_new(false);
		bool as_string = sh_switch(c, "AsString") || nkeys > 1;
		for (size_t g = 0; g < s->len; g++) {
			group_entry *e = &s->groups[g];
			sh_value *key = as_string ? sh_string(e->name) : sh_ref(e->keys[0]);
			sh_hash_set(h, key, list_to_array(&e->members));
			sh_unref(key);
		}
		return sh_emit(c, h);
	}
	bool no_element = sh_switch(c, "NoElement");
	for (size_t g = 0; g < s->len; g++) {
		group_entry *e = &s->groups[g];
		sh_value *info =
		    sh_object_new(no_element ? GROUPINFO_NOELEMENT_TYPE : GROUPINFO_TYPE);
		if (no_element)
			sh_object_add_typename(info, GROUPINFO_TYPE);
		sh_object_add_typename(info, "System.Object");
		sh_value *values = sh_array_new(nkeys);
		for (size_t k = 0; k < nkeys; k++)
			sh_array_append(values, sh_ref(e->keys[k]));
		sh_object_set_note(info, "Values", values);
		sh_object_set_note(info, "Count", sh_int((int32_t)e->members.len));
		sh_object_set_note(info, "Group", no_element ? NULL : list_to_array(&e->members));
		sh_object_set_note(info, "Name", sh_string(e->name));
		sh_status st = sh_emit(c, info);
		if (st != SH_OK)
			return st;
	}
	return SH_OK;
}

static void group_cleanup(sh_cmd *c)
{
	group_state *s = sh_cmd_state(c);
	size_t nkeys = s->specs.len ? s->specs.len : 1;
	for (size_t g = 0; g < s->len; g++) {
		for (size_t k = 0; k < nkeys; k++)
			sh_unref(s->groups[g].keys[k]);
		free(s->groups[g].keys);
		free(s->groups[g].name);
		list_free(&s->groups[g].members);
	}
	free(s->groups);
	specs_free(&s->specs);
}

static const sh_param_def group_params[] = {
    {"InputObject", SH_P_OBJECT, SH_PF_PIPELINE, -1, NULL, NULL, NULL,
     "Specifies the objects to group. Usually piped in.", NULL, NULL, "PSObject"},
    {"Property", SH_P_OBJECT, SH_PF_ARRAY, 0, NULL, NULL, NULL,
     "Specifies the properties (or script blocks) to group by.", NULL, NULL, "Object[]"},
    {"NoElement", SH_P_SWITCH, 0, -1, NULL, NULL, NULL,
     "Leaves the members out of the results: only Count and Name.", NULL, NULL, NULL},
    {"AsHashTable", SH_P_SWITCH, 0, -1, NULL, "AHT", NULL,
     "Returns one hashtable: each key is a group's value, each value its members.", NULL, NULL,
     NULL},
    {"AsString", SH_P_SWITCH, 0, -1, NULL, NULL, NULL, "With -AsHashTable, makes the keys strings.",
     NULL, NULL, NULL},
    {"CaseSensitive", SH_P_SWITCH, 0, -1, NULL, NULL, NULL, "Groups case-sensitively.", NULL, NULL,
     NULL},
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example group_examples[] = {
    {"Get-VM | Group-Object State", "Groups the virtual machines by state."},
    {"1..10 | Group-Object { $_ % 2 }", "Groups the numbers into odd and even."},
    {"$byState = Get-VM | Group-Object State -AsHashTable -AsString",
     "Makes a hashtable from state name to virtual machines."},
    {NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* Measure-Object                                                      */
/* ------------------------------------------------------------------ */

typedef struct measure_stat {
	char *property;  /* NULL without -Property */
	prop_spec *spec; /* borrowed; NULL for the objects themselves or a wildcard's match */
	size_t spec_index;
	bool is_pattern; /* a wildcard -Property: stands for the stats of its matches */
	bool by_name;    /* one property matched by a wildcard */
	int64_t count;
	double sum, mean, m2; /* Welford's running mean and squared deviations */
	bool numeric;         /* every value converted to a number */
	sh_value *min, *max;
	double dmin, dmax;
	int64_t lines, words, chars;
	bool found;
} measure_stat;

typedef struct measure_state {
	spec_list specs;
	measure_stat *stats;
	size_t nstats, capstats;
	bool text;
} measure_state;

static sh_status measure_begin(sh_cmd *c)
{
	measure_state *s = sh_cmd_state(c);
	register_views();
	s->text = sh_switch(c, "Line") || sh_switch(c, "Word") || sh_switch(c, "Character");
	sh_value *props = sh_param(c, "Property");
	if (props) {
		sh_status st = parse_specs(c, props, KEY_EXPR, &s->specs);
		if (st != SH_OK)
			return st;
	}
	size_t n = s->specs.len ? s->specs.len : 1;
	for (size_t i = 0; i < n; i++) {
		measure_stat m = {0};
		m.numeric = true;
		m.spec_index = i;
		if (s->specs.len) {
			m.spec = &s->specs.items[i];
			m.property = xstrdup(m.spec->name);
			m.is_pattern = !m.spec->is_block && sh_has_wildcard(sh_str(m.spec->expr));
		}
		VEC_PUSH(s->stats, s->nstats, s->capstats, m);
	}
	return SH_OK;
}

/* The stat of one property matched by a wildcard -Property, made on first sight. */
static size_t measure_match(measure_state *s, size_t spec_index, const char *name)
{
	for (size_t i = 0; i < s->nstats; i++)
		if (s->stats[i].by_name && s->stats[i].spec_index == spec_index &&
		    str_ieq(s->stats[i].property, name))
			return i;
	measure_stat m = {0};
	m.numeric = true;
	m.spec_index = spec_index;
	m.by_name = true;
	m.property = xstrdup(name);
	VEC_PUSH(s->stats, s->nstats, s->capstats, m);
	return s->nstats - 1;
}

static bool is_space_char(unsigned char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

static void measure_text(sh_cmd *c, measure_stat *m, sh_value *v)
{
	char *text = sh_to_string(v);
	bool ignore_ws = sh_switch(c, "IgnoreWhiteSpace");
	bool in_word = false;
	size_t len = strlen(text);
	if (len > 0)
		m->lines++;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)text[i];
		if (ch == '\n' && i + 1 < len)
			m->lines++;
		if (is_space_char(ch)) {
			in_word = false;
			if (!ignore_ws)
				m->chars++;
			continue;
		}
		if (!in_word)
			m->words++;
		in_word = true;
		if ((ch & 0xC0) != 0x80)
			m->chars++;
	}
	free(text);
}

static sh_status measure_value(sh_cmd *c, measure_state *s, measure_stat *m, sh_value *v)
{
	if (s->text) {
		measure_text(c, m, v);
		return SH_OK;
	}
	m->count++;
	bool want_numbers = sh_switch(c, "Sum") || sh_switch(c, "Average") ||
	                    sh_switch(c, "StandardDeviation") || sh_switch(c, "AllStats");
	bool want_minmax =
	    sh_switch(c, "Minimum") || sh_switch(c, "Maximum") || sh_switch(c, "AllStats");
	if (!want_numbers && !want_minmax)
		return SH_OK;
	double d = 0;
	bool is_num = v != NULL && sh_to_double(v, &d, NULL);
	if (!is_num && want_numbers) {
		char *t = sh_to_string(v);
		sh_status st = sh_errorf(c, SH_CAT_INVALID_TYPE, "NonNumericInputObject", v,
		                         "Input object \"%s\" is not numeric.", t);
		free(t);
		m->count--;
		return st;
	}
	if (!is_num)
		m->numeric = false;
	if (is_num) {
		m->sum += d;
		double delta = d - m->mean;
		m->mean += delta / (double)m->count;
		m->m2 += delta * (d - m->mean);
		if (m->count == 1 || d < m->dmin)
			m->dmin = d;
		if (m->count == 1 || d > m->dmax)
			m->dmax = d;
	}
	if (v && (!m->min || compare_keys(v, m->min, false) < 0)) {
		sh_unref(m->min);
		m->min = sh_ref(v);
	}
	if (v && (!m->max || compare_keys(v, m->max, false) > 0)) {
		sh_unref(m->max);
		m->max = sh_ref(v);
	}
	return SH_OK;
}

static sh_status measure_process(sh_cmd *c, sh_value *input)
{
	measure_state *s = sh_cmd_state(c);
	sh_interp *in = sh_cmd_interp(c);
	sh_value *obj;
	if (!current_input(c, input, &obj) || obj == NULL)
		return SH_OK;
	size_t n = s->nstats; /* matches added below are measured as they are made */
	for (size_t i = 0; i < n; i++) {
		measure_stat *m = &s->stats[i];
		sh_status st = SH_OK;
		if (m->by_name)
			continue;
		if (m->is_pattern) {
			sh_value *names = visible_property_names(in, obj);
			const char *pattern = sh_str(m->spec->expr);
			size_t index = m->spec_index;
			for (size_t k = 0; k < sh_array_len(names) && st == SH_OK; k++) {
				const char *name = sh_str(sh_array_get(names, k));
				if (!sh_wildcard_match(pattern, name, true))
					continue;
				size_t j = measure_match(s, index, name);
				s->stats[j].found = true;
				sh_value *v = property_value(in, obj, name, NULL);
				st = measure_value(c, s, &s->stats[j], v);
				sh_unref(v);
			}
			sh_unref(names);
		} else if (!m->spec) {
			m->found = true;
			st = measure_value(c, s, m, obj);
		} else {
			bool found = false;
			sh_value *v = NULL;
			st = eval_spec(in, m->spec, obj, &v, &found);
			if (st == SH_OK && found) {
				m = &s->stats[i];
				m->found = true;
				st = measure_value(c, s, m, v);
			}
			sh_unref(v);
		}
		if (st != SH_OK)
			return st;
	}
	return SH_OK;
}

static sh_value *measure_result(sh_cmd *c, measure_stat *m)
{
	bool all = sh_switch(c, "AllStats");
	bool numeric = m->numeric;
	sh_value *o = sh_object_new(numeric ? GENERIC_MEASURE_TYPE : GENERIC_OBJECT_MEASURE_TYPE);
	sh_object_add_typename(o, "Microsoft.PowerShell.Commands.MeasureInfo");
	sh_object_add_typename(o, "System.Object");
	bool have = m->count > 0;
	sh_object_set_note(o, "Count", sh_int((int32_t)m->count));
	sh_object_set_note(o, "Average",
	                   (all || sh_switch(c, "Average")) && have && numeric
	                       ? sh_double(m->sum / (double)m->count)
	                       : NULL);
	sh_object_set_note(o, "Sum",
	                   (all || sh_switch(c, "Sum")) && numeric ? sh_double(m->sum) : NULL);
	bool want_max = all || sh_switch(c, "Maximum"), want_min = all || sh_switch(c, "Minimum");
	if (numeric) {
		sh_object_set_note(o, "Maximum", want_max && have ? sh_double(m->dmax) : NULL);
		sh_object_set_note(o, "Minimum", want_min && have ? sh_double(m->dmin) : NULL);
	} else {
		sh_object_set_note(o, "Maximum", want_max ? sh_ref(m->max) : NULL);
		sh_object_set_note(o, "Minimum", want_min ? sh_ref(m->min) : NULL);
	}
	sh_value *sd = NULL;
	if ((all || sh_switch(c, "StandardDeviation")) && numeric && m->count > 1)
		sd = sh_double(sqrt(m->m2 / (double)(m->count - 1)));
	else if ((all || sh_switch(c, "StandardDeviation")) && numeric && have)
		sd = sh_double(0);
	sh_object_set_note(o, "StandardDeviation", sd);
	sh_object_set_note(o, "Property", m->property ? sh_string(m->property) : NULL);
	return o;
}

static sh_value *measure_text_result(sh_cmd *c, measure_stat *m)
{
	sh_value *o = sh_object_new(TEXT_MEASURE_TYPE);
	sh_object_add_typename(o, "Microsoft.PowerShell.Commands.MeasureInfo");
	sh_object_add_typename(o, "System.Object");
	sh_object_set_note(o, "Lines", sh_switch(c, "Line") ? sh_int((int32_t)m->lines) : NULL);
	sh_object_set_note(o, "Words", sh_switch(c, "Word") ? sh_int((int32_t)m->words) : NULL);
	sh_object_set_note(o, "Characters",
	                   sh_switch(c, "Character") ? sh_int((int32_t)m->chars) : NULL);
	sh_object_set_note(o, "Property", m->property ? sh_string(m->property) : NULL);
	return o;
}

static sh_status measure_end(sh_cmd *c)
{
	measure_state *s = sh_cmd_state(c);
	size_t nspecs = s->specs.len ? s->specs.len : 1;
	for (size_t index = 0; index < nspecs; index++) {
		bool any = false;
		const measure_stat *base = NULL;
		for (size_t i = 0; i < s->nstats; i++) {
			measure_stat *m = &s->stats[i];
			if (m->spec_index != index)
				continue;
			if (!m->by_name)
				base = m;
			if (m->is_pattern || (m->spec && !m->found && !m->spec->is_block))
				continue;
			any = true;
			sh_status st =
			    sh_emit(c, s->text ? measure_text_result(c, m) : measure_result(c, m));
			if (st != SH_OK)
				return st;
		}
		if (!any && base) {
			sh_value *target = sh_string(base->property);
			sh_status st = sh_errorf(
			    c, SH_CAT_INVALID_ARGUMENT, "GenericMeasurePropertyNotFound", target,
			    "The property \"%s\" cannot be found in the input for any objects.",
			    base->property);
			sh_unref(target);
			if (st != SH_OK)
				return st;
		}
	}
	return SH_OK;
}

static void measure_cleanup(sh_cmd *c)
{
	measure_state *s = sh_cmd_state(c);
	for (size_t i = 0; i < s->nstats; i++) {
		free(s->stats[i].property);
		sh_unref(s->stats[i].min);
		sh_unref(s->stats[i].max);
	}
	free(s->stats);
	specs_free(&s->specs);
}

static const sh_param_def measure_params[] = {
    {"InputObject", SH_P_OBJECT, SH_PF_PIPELINE, -1, NULL, NULL, NULL,
     "Specifies the objects to measure. Usually piped in.", NULL, NULL, "PSObject"},
    {"Property", SH_P_OBJECT, SH_PF_ARRAY, 0, NULL, NULL, NULL,
     "Specifies the properties to measure; without it the objects themselves are measured.", NULL,
     NULL, "Object[]"},
    {"Sum", SH_P_SWITCH, 0, -1, "GenericMeasure", NULL, NULL, "Adds the values.", NULL, NULL, NULL},
    {"Average", SH_P_SWITCH, 0, -1, "GenericMeasure", NULL, NULL, "Averages the values.", NULL,
     NULL, NULL},
    {"Maximum", SH_P_SWITCH, 0, -1, "GenericMeasure", "Max", NULL, "Finds the largest value.", NULL,
     NULL, NULL},
    {"Minimum", SH_P_SWITCH, 0, -1, "GenericMeasure", "Min", NULL, "Finds the smallest value.",
     NULL, NULL, NULL},
    {"StandardDeviation", SH_P_SWITCH, 0, -1, "GenericMeasure", NULL, NULL,
     "Computes the sample standard deviation of the values.", NULL, NULL, NULL},
    {"AllStats", SH_P_SWITCH, 0, -1, "GenericMeasure", NULL, NULL, "Computes every statistic.",
     NULL, NULL, NULL},
    {"Line", SH_P_SWITCH, 0, -1, "TextMeasure", NULL, NULL,
     "Counts the lines of the input strings.", NULL, NULL, NULL},
    {"Word", SH_P_SWITCH, 0, -1, "TextMeasure", NULL, NULL,
     "Counts the words of the input strings.", NULL, NULL, NULL},
    {"Character", SH_P_SWITCH, 0, -1, "TextMeasure", NULL, NULL,
     "Counts the characters of the input strings.", NULL, NULL, NULL},
    {"IgnoreWhiteSpace", SH_P_SWITCH, 0, -1, "TextMeasure", NULL, NULL,
     "Leaves white space out of the character count.", NULL, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example measure_examples[] = {
    {"1..10 | Measure-Object -Sum -Average", "Count 10, Sum 55, Average 5.5."},
    {"Get-ChildItem | Measure-Object -Property Length -Maximum", "The size of the largest file."},
    {"Get-Content notes.txt | Measure-Object -Line -Word -Character",
     "Counts the lines, words and characters of a file."},
    {NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* Compare-Object                                                      */
/* ------------------------------------------------------------------ */

typedef struct cmp_entry {
	sh_value *object;
	sh_value **keys;
} cmp_entry;

typedef struct cmp_list {
	cmp_entry *items;
	size_t len, cap;
} cmp_list;

typedef struct compare_state {
	spec_list specs;
	size_t nkeys;
	cmp_list reference;
	size_t ref_index;
	cmp_list ref_backlog, diff_backlog;
	value_list differences;
	bool include_equal, exclude_different, pass_thru, case_sensitive;
	int64_t sync_window;
} compare_state;

static void cmp_entry_free(compare_state *s, cmp_entry *e)
{
	sh_unref(e->object);
	for (size_t k = 0; k < s->nkeys; k++)
		sh_unref(e->keys[k]);
	free(e->keys);
}

static sh_status cmp_entry_make(sh_cmd *c, compare_state *s, sh_value *obj, cmp_entry *out)
{
	out->object = sh_ref(obj);
	out->keys = xcalloc(s->nkeys, sizeof(sh_value *));
	if (!s->specs.len) {
		out->keys[0] = sh_ref(obj);
		return SH_OK;
	}
	for (size_t k = 0; k < s->nkeys; k++) {
		sh_status st =
		    eval_spec(sh_cmd_interp(c), &s->specs.items[k], obj, &out->keys[k], NULL);
		if (st != SH_OK)
			return st;
	}
	return SH_OK;
}

static bool cmp_match(compare_state *s, const cmp_entry *a, const cmp_entry *b)
{
	for (size_t k = 0; k < s->nkeys; k++)
		if (!keys_equal(a->keys[k], b->keys[k], s->case_sensitive))
			return false;
	return true;
}

static sh_status cmp_emit(sh_cmd *c, compare_state *s, const cmp_entry *e, const char *side)
{
	sh_value *o;
	if (s->pass_thru) {
		o = sh_ref(e->object);
		if (sh_kind_of(o) == SH_OBJECT)
			sh_object_set_note(o, "SideIndicator", sh_string(side));
		return sh_emit(c, o);
	}
	o = sh_object_new(NULL);
	if (!s->specs.len) {
		sh_object_set_note(o, "InputObject", sh_ref(e->object));
	} else {
		for (size_t k = 0; k < s->nkeys; k++)
			sh_object_set_note(o, s->specs.items[k].name, sh_ref(e->keys[k]));
	}
	sh_object_set_note(o, "SideIndicator", sh_string(side));
	return sh_emit(c, o);
}

static sh_status emit_match(sh_cmd *c, compare_state *s, const cmp_entry *e)
{
	return s->include_equal ? cmp_emit(c, s, e, "==") : SH_OK;
}

static sh_status emit_difference(sh_cmd *c, compare_state *s, const cmp_entry *e)
{
	return s->exclude_different ? SH_OK : cmp_emit(c, s, e, "=>");
}

static sh_status emit_reference(sh_cmd *c, compare_state *s, const cmp_entry *e)
{
	return s->exclude_different ? SH_OK : cmp_emit(c, s, e, "<=");
}

static bool match_and_remove(compare_state *s, const cmp_entry *e, cmp_list *l, cmp_entry *out)
{
	for (size_t i = 0; i < l->len; i++) {
		if (cmp_match(s, e, &l->items[i])) {
			*out = l->items[i];
			memmove(l->items + i, l->items + i + 1,
			        (l->len - i - 1) * sizeof *l->items);
			l->len--;
			return true;
		}
	}
	return false;
}

/* One step of PowerShell's windowed matching: the next difference object
 * (or none) against the next reference object and both backlogs. */
static sh_status compare_step(sh_cmd *c, compare_state *s, cmp_entry *diff)
{
	sh_status st = SH_OK;
	cmp_entry ref = {0};
	bool have_ref = false;
	if (s->ref_index < s->reference.len) {
		ref = s->reference.items[s->ref_index];
		s->reference.items[s->ref_index++] = (cmp_entry){0};
		have_ref = true;
	}
	if (have_ref && diff && cmp_match(s, &ref, diff)) {
		st = emit_match(c, s, &ref);
		cmp_entry_free(s, &ref);
		cmp_entry_free(s, diff);
		return st;
	}
	cmp_entry matched;
	if (diff && match_and_remove(s, diff, &s->ref_backlog, &matched)) {
		st = emit_match(c, s, &matched);
		cmp_entry_free(s, &matched);
		cmp_entry_free(s, diff);
		diff = NULL;
	}
	if (st == SH_OK && have_ref && match_and_remove(s, &ref, &s->diff_backlog, &matched)) {
		st = emit_match(c, s, &matched);
		cmp_entry_free(s, &matched);
		cmp_entry_free(s, &ref);
		have_ref = false;
	}
	if (diff) {
		if (s->sync_window > 0) {
			while (st == SH_OK && (int64_t)s->diff_backlog.len >= s->sync_window) {
				st = emit_difference(c, s, &s->diff_backlog.items[0]);
				cmp_entry_free(s, &s->diff_backlog.items[0]);
				memmove(s->diff_backlog.items, s->diff_backlog.items + 1,
				        (--s->diff_backlog.len) * sizeof(cmp_entry));
			}
			VEC_PUSH(s->diff_backlog.items, s->diff_backlog.len, s->diff_backlog.cap,
			         *diff);
		} else {
			if (st == SH_OK)
				st = emit_difference(c, s, diff);
			cmp_entry_free(s, diff);
		}
	}
	if (have_ref) {
		if (s->sync_window > 0) {
			while (st == SH_OK && (int64_t)s->ref_backlog.len >= s->sync_window) {
				st = emit_reference(c, s, &s->ref_backlog.items[0]);
				cmp_entry_free(s, &s->ref_backlog.items[0]);
				memmove(s->ref_backlog.items, s->ref_backlog.items + 1,
				        (--s->ref_backlog.len) * sizeof(cmp_entry));
			}
			VEC_PUSH(s->ref_backlog.items, s->ref_backlog.len, s->ref_backlog.cap, ref);
		} else {
			if (st == SH_OK)
				st = emit_reference(c, s, &ref);
			cmp_entry_free(s, &ref);
		}
	}
	return st;
}

static sh_status compare_begin(sh_cmd *c)
{
	compare_state *s = sh_cmd_state(c);
	s->case_sensitive = sh_switch(c, "CaseSensitive");
	s->pass_thru = sh_switch(c, "PassThru");
	s->exclude_different = sh_switch(c, "ExcludeDifferent");
	s->include_equal = sh_switch(c, "IncludeEqual");
	if (s->exclude_different && !sh_param_bound(c, "IncludeEqual"))
		s->include_equal = true;
	s->sync_window =
	    sh_param_bound(c, "SyncWindow") ? sh_param_int(c, "SyncWindow", 0) : INT64_MAX;
	sh_value *props = sh_param(c, "Property");
	if (props) {
		sh_status st = parse_specs(c, props, KEY_EXPR, &s->specs);
		if (st != SH_OK)
			return st;
	}
	s->nkeys = s->specs.len ? s->specs.len : 1;
	/* Both sets may be empty (PowerShell's AllowEmptyCollection), so the
	 * "mandatory" check is made here rather than by the binder. */
	const char *missing =
	    !sh_param_bound(c, "ReferenceObject") ? "ReferenceObject"
	    : !sh_param_bound(c, "DifferenceObject") && !sh_cmd_has_pipeline_input(c)
	        ? "DifferenceObject"
	        : NULL;
	if (missing)
		return sh_throwf(c, SH_CAT_INVALID_ARGUMENT, "MissingMandatoryParameter", NULL,
		                 "Cannot process command because of one or more missing mandatory "
		                 "parameters: %s.",
		                 missing);
	sh_value *refs = sh_param(c, "ReferenceObject");
	size_t n = sh_kind_of(refs) == SH_ARRAY ? sh_array_len(refs) : (refs ? 1 : 0);
	for (size_t i = 0; i < n; i++) {
		sh_value *item = sh_kind_of(refs) == SH_ARRAY ? sh_array_get(refs, i) : refs;
		cmp_entry e;
		sh_status st = cmp_entry_make(c, s, item, &e);
		VEC_PUSH(s->reference.items, s->reference.len, s->reference.cap, e);
		if (st != SH_OK)
			return st;
	}
	return SH_OK;
}

static sh_status compare_process(sh_cmd *c, sh_value *input)
{
	compare_state *s = sh_cmd_state(c);
	(void)input;
	sh_value *diffs = sh_param(c, "DifferenceObject");
	size_t n = sh_kind_of(diffs) == SH_ARRAY ? sh_array_len(diffs) : (diffs ? 1 : 0);
	for (size_t i = 0; i < n; i++)
		list_push(&s->differences,
		          sh_ref(sh_kind_of(diffs) == SH_ARRAY ? sh_array_get(diffs, i) : diffs));
	return SH_OK;
}

static sh_status compare_end(sh_cmd *c)
{
	compare_state *s = sh_cmd_state(c);
	sh_status st = SH_OK;
	if (s->reference.len == 0 || s->differences.len == 0) {
		bool only_diff = s->reference.len == 0;
		size_t n = only_diff ? s->differences.len : s->reference.len;
		for (size_t i = 0; i < n && st == SH_OK; i++) {
			if (only_diff) {
				cmp_entry e;
				st = cmp_entry_make(c, s, s->differences.items[i], &e);
				if (st == SH_OK)
					st = emit_difference(c, s, &e);
				cmp_entry_free(s, &e);
			} else {
				st = emit_reference(c, s, &s->reference.items[i]);
			}
		}
		return st;
	}
	for (size_t i = 0; i < s->differences.len && st == SH_OK; i++) {
		cmp_entry e;
		st = cmp_entry_make(c, s, s->differences.items[i], &e);
		if (st != SH_OK) {
			cmp_entry_free(s, &e);
			break;
		}
		st = compare_step(c, s, &e);
	}
	while (st == SH_OK && s->ref_index < s->reference.len)
		st = compare_step(c, s, NULL);
	for (size_t i = 0; i < s->diff_backlog.len && st == SH_OK; i++)
		st = emit_difference(c, s, &s->diff_backlog.items[i]);
	for (size_t i = 0; i < s->ref_backlog.len && st == SH_OK; i++)
		st = emit_reference(c, s, &s->ref_backlog.items[i]);
	return st;
}

static void compare_cleanup(sh_cmd *c)
{
	compare_state *s = sh_cmd_state(c);
	if (s->nkeys == 0)
		s->nkeys = 1;
	cmp_list *lists[] = {&s->reference, &s->ref_backlog, &s->diff_backlog};
	for (size_t l = 0; l < 3; l++) {
		for (size_t i = 0; i < lists[l]->len; i++)
			if (lists[l]->items[i].keys)
				cmp_entry_free(s, &lists[l]->items[i]);
		free(lists[l]->items);
	}
	list_free(&s->differences);
	specs_free(&s->specs);
}

static const sh_param_def compare_params[] = {
    {"ReferenceObject", SH_P_OBJECT, SH_PF_ARRAY, 0, NULL, NULL, NULL,
     "Specifies the reference set of objects.", NULL, NULL, "PSObject[]"},
    {"DifferenceObject", SH_P_OBJECT, SH_PF_ARRAY | SH_PF_PIPELINE, 1, NULL, NULL, NULL,
     "Specifies the objects compared with the reference set.", NULL, NULL, "PSObject[]"},
    {"SyncWindow", SH_P_INT, 0, -1, NULL, NULL, NULL,
     "Specifies how far around each object to look for a match.", "[Int32]::MaxValue", NULL, NULL},
    {"Property", SH_P_OBJECT, SH_PF_ARRAY, -1, NULL, NULL, NULL,
     "Specifies the properties to compare.", NULL, NULL, "Object[]"},
    {"ExcludeDifferent", SH_P_SWITCH, 0, -1, NULL, NULL, NULL,
     "Writes only the objects found in both sets.", NULL, NULL, NULL},
    {"IncludeEqual", SH_P_SWITCH, 0, -1, NULL, NULL, NULL,
     "Also writes the objects found in both sets, marked ==.", NULL, NULL, NULL},
    {"PassThru", SH_P_SWITCH, 0, -1, NULL, NULL, NULL,
     "Writes the compared objects themselves, with a SideIndicator property added.", NULL, NULL,
     NULL},
    {"CaseSensitive", SH_P_SWITCH, 0, -1, NULL, NULL, NULL, "Compares strings case-sensitively.",
     NULL, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example compare_examples[] = {
    {"Compare-Object (1,2,3) (2,3,4)",
     "4 is only in the difference set (=>), 1 only in the reference set (<=)."},
    {"Compare-Object $before $after -Property Name -IncludeEqual",
     "Compares two lists of objects by name, showing matches too."},
    {NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* Tee-Object                                                          */
/* ------------------------------------------------------------------ */

typedef struct tee_state {
	value_list items;
} tee_state;

static sh_status tee_process(sh_cmd *c, sh_value *input)
{
	tee_state *s = sh_cmd_state(c);
	sh_value *obj;
	if (!current_input(c, input, &obj))
		return SH_OK;
	list_push(&s->items, sh_ref(obj));
	return sh_emit(c, sh_ref(obj));
}

static sh_status tee_end(sh_cmd *c)
{
	tee_state *s = sh_cmd_state(c);
	sh_interp *in = sh_cmd_interp(c);
	const char *var = sh_param_str(c, "Variable");
	if (var) {
		sh_value *v = NULL;
		if (s->items.len == 1)
			v = sh_ref(s->items.items[0]);
		else if (s->items.len > 1)
			v = list_to_array(&s->items);
		sh_var_set(in, var, v);
		return SH_OK;
	}
	const char *path = sh_param_str(c, "FilePath");
	if (!path)
		return SH_OK;
	bool append = sh_switch(c, "Append");
	char *text =
	    sh_format_to_string(in, s->items.items, s->items.len, sh_interp_host(in)->width);
	int err = 0;
	if (append) {
		FILE *f = fopen(path, "a");
		if (!f) {
			err = errno;
		} else {
			fputs(text, f);
			if (fclose(f) != 0)
				err = errno;
		}
	} else {
		cmd_atomic_file af;
		err = cmd_atomic_open(&af, path);
		if (!err) {
			fputs(text, af.f);
			err = cmd_atomic_commit(&af);
		}
	}
	free(text);
	if (!err)
		return SH_OK;
	sh_value *target = sh_string(path);
	sh_status st =
	    sh_throwf(c, SH_CAT_OPEN_ERROR, "FileOpenFailure", target,
	              err == ENOENT || err == ENOTDIR ? "Could not find a part of the path '%s'."
	                                              : "Access to the path '%s' is denied.",
	              path);
	sh_unref(target);
	return st;
}

static void tee_cleanup(sh_cmd *c)
{
	tee_state *s = sh_cmd_state(c);
	list_free(&s->items);
}

static const sh_param_def tee_params[] = {
    {"InputObject", SH_P_OBJECT, SH_PF_PIPELINE, -1, NULL, NULL, NULL,
     "Specifies the objects to save and pass on.", NULL, NULL, "PSObject"},
    {"FilePath", SH_P_STRING, SH_PF_MANDATORY, 0, "File", "Path", NULL,
     "Specifies the file that receives the objects, formatted as text.", NULL, NULL, NULL},
    {"Append", SH_P_SWITCH, 0, -1, "File", NULL, NULL,
     "Appends to the file instead of replacing it.", NULL, NULL, NULL},
    {"Variable", SH_P_STRING, SH_PF_MANDATORY, -1, "Variable", NULL, NULL,
     "Specifies a variable (name without $) that receives the objects.", NULL, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example tee_examples[] = {
    {"Get-VM | Tee-Object -FilePath vms.txt | Where-Object State -eq Running",
     "Saves the full list to vms.txt and passes it on."},
    {"Get-VM | Tee-Object -Variable all | Select-Object -First 1",
     "Keeps what passed through in $all."},
    {NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* Get-Member                                                          */
/* ------------------------------------------------------------------ */

typedef struct member_state {
	char **seen_types;
	size_t nseen, capseen;
	bool any_input;
} member_state;

typedef struct member_row {
	char *name, *kind, *definition;
} member_row;

static int member_row_cmp(const void *a, const void *b)
{
	const member_row *x = a, *y = b;
	int r = str_icmp(x->kind, y->kind);
	return r ? r : str_icmp(x->name, y->name);
}

/* "int", "string", "Object[]" ...: the names Get-Member shows for a value's type. */
static char *short_type_name(const sh_value *v)
{
	if (!v)
		return xstrdup("object");
	if (sh_kind_of(v) == SH_ARRAY)
		return xstrdup("Object[]");
	sh_type t;
	const char *full = sh_type_name(v);
	if (sh_kind_of(v) != SH_OBJECT && sh_type_lookup(full, &t) && t.id != SH_T_NAMED)
		return xstrdup(sh_type_short_name(t));
	return xstrdup(full);
}

/* What .ToString() gives: collections show their type name. */
static char *dotnet_string(const sh_value *v)
{
	switch (sh_kind_of(v)) {
	case SH_ARRAY:
		return xstrdup("System.Object[]");
	case SH_HASHTABLE:
		return xstrdup(sh_type_name(v));
	default:
		return sh_to_string(v);
	}
}

static bool member_type_wanted(const char *kind, sh_value *filter)
{
	if (!filter)
		return true;
	size_t n = sh_kind_of(filter) == SH_ARRAY ? sh_array_len(filter) : 1;
	for (size_t i = 0; i < n; i++) {
		char *want =
		    sh_to_string(sh_kind_of(filter) == SH_ARRAY ? sh_array_get(filter, i) : filter);
		bool ok = str_ieq(want, kind) || str_ieq(want, "All") ||
		          (str_ieq(want, "Properties") && str_isuffix(kind, "Property") &&
		           !str_ieq(kind, "ParameterizedProperty")) ||
		          (str_ieq(want, "Methods") && str_isuffix(kind, "Method"));
		free(want);
		if (ok)
			return true;
	}
	return false;
}

static bool member_name_wanted(const char *name, sh_value *filter)
{
	if (!filter)
		return true;
	for (size_t i = 0; i < sh_array_len(filter); i++)
		if (sh_wildcard_match(sh_str(sh_array_get(filter, i)), name, true))
			return true;
	return false;
}

static void add_row(member_row **rows, size_t *n, size_t *cap, char *name, char *kind, char *def)
{
	for (size_t i = 0; i < *n; i++) {
		if (str_ieq((*rows)[i].name, name) && str_ieq((*rows)[i].kind, kind)) {
			free((*rows)[i].definition);
			(*rows)[i].definition = def;
			free(name);
			free(kind);
			return;
		}
	}
	member_row r = {name, kind, def};
	VEC_PUSH(*rows, *n, *cap, r);
}

static sh_status member_process(sh_cmd *c, sh_value *input)
{
	member_state *s = sh_cmd_state(c);
	sh_value *obj;
	if (!current_input(c, input, &obj) || obj == NULL)
		return SH_OK;
	s->any_input = true;
	const char *type_name = sh_type_name(obj);
	if (sh_kind_of(obj) == SH_TYPE && sh_switch(c, "Static"))
		type_name = sh_type_of_typevalue(obj).name;
	for (size_t i = 0; i < s->nseen; i++)
		if (strcmp(s->seen_types[i], type_name) == 0)
			return SH_OK;
	VEC_PUSH(s->seen_types, s->nseen, s->capseen, xstrdup(type_name));

	member_row *rows = NULL;
	size_t n = 0, cap = 0;
	const char *const *builtin = sh_builtin_member_list(obj);
	for (size_t i = 0; builtin && builtin[i]; i++) {
		const char *t1 = strchr(builtin[i], '\t');
		const char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t2)
			continue;
		add_row(&rows, &n, &cap, xstrndup(builtin[i], (size_t)(t1 - builtin[i])),
		        xstrndup(t1 + 1, (size_t)(t2 - t1 - 1)), xstrdup(t2 + 1));
	}
	if (sh_kind_of(obj) == SH_OBJECT) {
		bool has_tostring = false;
		for (size_t i = 0; i < n; i++)
			if (str_ieq(rows[i].name, "ToString"))
				has_tostring = true;
		if (!has_tostring) {
			static const char *const object_methods[][2] = {
			    {"Equals", "bool Equals(System.Object obj)"},
			    {"GetHashCode", "int GetHashCode()"},
			    {"GetType", "type GetType()"},
			    {"ToString", "string ToString()"},
			};
			for (size_t i = 0; i < 4; i++)
				add_row(&rows, &n, &cap, xstrdup(object_methods[i][0]),
				        xstrdup("Method"), xstrdup(object_methods[i][1]));
		}
		for (size_t i = 0; i < sh_object_prop_count(obj); i++) {
			const sh_prop *p = sh_object_prop_at(obj, i);
			char *def;
			const char *kind;
			if (p->kind == SH_PROP_NOTE) {
				char *tn = short_type_name(p->value);
				char *vs = p->value ? dotnet_string(p->value) : xstrdup("null");
				def = xasprintf("%s %s=%s", tn, p->name, vs);
				free(tn);
				free(vs);
				kind = "NoteProperty";
			} else if (p->kind == SH_PROP_SCRIPT) {
				char *body = sh_to_string(p->value);
				def = xasprintf("System.Object %s {get=%s;}", p->name, body);
				free(body);
				kind = "ScriptProperty";
			} else {
				def = xasprintf("%s = %s", p->name, p->alias_target);
				kind = "AliasProperty";
			}
			add_row(&rows, &n, &cap, xstrdup(p->name), xstrdup(kind), def);
		}
	}
	qsort(rows, n, sizeof *rows, member_row_cmp);
	sh_value *type_filter = sh_param(c, "MemberType");
	sh_value *name_filter = sh_param(c, "Name");
	sh_status st = SH_OK;
	for (size_t i = 0; i < n; i++) {
		if (st == SH_OK && member_type_wanted(rows[i].kind, type_filter) &&
		    member_name_wanted(rows[i].name, name_filter)) {
			sh_value *o = sh_object_new(MEMBER_DEFINITION_TYPE);
			sh_object_add_typename(o, "System.Object");
			sh_object_set_note(o, "TypeName", sh_string(type_name));
			sh_object_set_note(o, "Name", sh_string(rows[i].name));
			sh_object_set_note(o, "MemberType", sh_string(rows[i].kind));
			sh_object_set_note(o, "Definition", sh_string(rows[i].definition));
			st = sh_emit(c, o);
		}
		free(rows[i].name);
		free(rows[i].kind);
		free(rows[i].definition);
	}
	free(rows);
	return st;
}

static sh_status member_begin(sh_cmd *c)
{
	(void)c;
	register_views();
	return SH_OK;
}

static sh_status member_end(sh_cmd *c)
{
	member_state *s = sh_cmd_state(c);
	if (s->any_input)
		return SH_OK;
	return sh_errorf(c, SH_CAT_CLOSE_ERROR, "NoObjectInGetMember", NULL,
	                 "You must specify an object for the Get-Member cmdlet.");
}

static void member_cleanup(sh_cmd *c)
{
	member_state *s = sh_cmd_state(c);
	for (size_t i = 0; i < s->nseen; i++)
		free(s->seen_types[i]);
	free(s->seen_types);
}

static const char *const member_types[] = {
    "AliasProperty",
    "CodeProperty",
    "Property",
    "NoteProperty",
    "ScriptProperty",
    "Properties",
    "PropertySet",
    "Method",
    "CodeMethod",
    "ScriptMethod",
    "Methods",
    "ParameterizedProperty",
    "MemberSet",
    "Event",
    "Dynamic",
    "All",
    NULL,
};

static const sh_param_def member_params[] = {
    {"InputObject", SH_P_OBJECT, SH_PF_PIPELINE, -1, NULL, NULL, NULL,
     "Specifies the object whose members are listed. Usually piped in.", NULL, NULL, "PSObject"},
    {"Name", SH_P_STRING, SH_PF_ARRAY | SH_PF_WILDCARDS, 0, NULL, NULL, NULL,
     "Lists only the members with these names.", NULL, NULL, NULL},
    {"MemberType", SH_P_ENUM, SH_PF_ARRAY, -1, NULL, "Type", member_types,
     "Lists only the members of these kinds.", NULL, NULL, "PSMemberTypes"},
    {"Static", SH_P_SWITCH, 0, -1, NULL, NULL, NULL, "Lists the static members of a type.", NULL,
     NULL, NULL},
    {"Force", SH_P_SWITCH, 0, -1, NULL, NULL, NULL, "Also lists the hidden members.", NULL, NULL,
     NULL},
    {"View", SH_P_STRING, 0, -1, NULL, NULL, NULL,
     "Accepted for compatibility: Extended, Adapted, Base or All.", NULL, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example member_examples[] = {
    {"'text' | Get-Member", "Lists the properties and methods of a string."},
    {"Get-VM | Get-Member -MemberType Property", "Lists the properties of VM objects."},
    {NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* New-Object                                                          */
/* ------------------------------------------------------------------ */

static sh_status new_object_begin(sh_cmd *c)
{
	const char *type = sh_param_str(c, "TypeName");
	sh_value *props = sh_param(c, "Property");
	const char *t = type;
	if (str_iprefix(t, "System."))
		t += 7;
	sh_value *result;
	if (str_ieq(t, "Management.Automation.PSObject") || str_ieq(t, "PSObject") ||
	    str_ieq(t, "Management.Automation.PSCustomObject") || str_ieq(t, "PSCustomObject") ||
	    str_ieq(t, "Object")) {
		result = sh_object_new(NULL);
	} else if (str_ieq(t, "Collections.Hashtable") || str_ieq(t, "Hashtable")) {
		result = sh_hash_new(false);
	} else if (str_ieq(t, "Collections.Specialized.OrderedDictionary")) {
		result = sh_hash_new(true);
	} else {
		sh_value *target = sh_string(type);
		sh_status st =
		    sh_throwf(c, SH_CAT_INVALID_TYPE, "TypeNotFound", target,
		              "Cannot find type [%s]: verify that the assembly containing "
		              "this type is loaded.",
		              type);
		sh_unref(target);
		return st;
	}
	for (size_t i = 0; i < sh_hash_len(props); i++) {
		char *key = sh_to_string(sh_hash_key_at(props, i));
		sh_value *val = sh_ref(sh_hash_value_at(props, i));
		if (sh_kind_of(result) == SH_HASHTABLE) {
			sh_hash_set(result, sh_hash_key_at(props, i), val);
		} else {
			sh_object_set_note(result, key, val);
		}
		free(key);
	}
	return sh_emit(c, result);
}

static const sh_param_def new_object_params[] = {
    {"TypeName", SH_P_STRING, SH_PF_MANDATORY, 0, NULL, NULL, NULL,
     "Specifies the type of object to create: PSObject (PSCustomObject) or "
     "System.Collections.Hashtable.",
     NULL, NULL, NULL},
    {"ArgumentList", SH_P_OBJECT, SH_PF_ARRAY, 1, NULL, "Args", NULL,
     "Specifies the constructor arguments.", NULL, NULL, "Object[]"},
    {"Property", SH_P_HASHTABLE, 0, -1, NULL, NULL, NULL,
     "Sets these properties on the new object.", NULL, NULL, "IDictionary"},
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example new_object_examples[] = {
    {"New-Object PSObject -Property @{ Name = 'web01'; Cpu = 2 }",
     "Creates a custom object with two properties."},
    {"$h = New-Object System.Collections.Hashtable", "Creates an empty hashtable."},
    {NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* Add-Member                                                          */
/* ------------------------------------------------------------------ */

static sh_status add_one_member(sh_cmd *c, sh_value *obj, const char *kind, const char *name,
                                sh_value *value, sh_value *second)
{
	(void)second;
	bool force = sh_switch(c, "Force");
	if (sh_object_find_prop(obj, name) && !force)
		return sh_errorf(
		    c, SH_CAT_INVALID_OPERATION, "MemberAlreadyExists", obj,
		    "Cannot add a member with the name \"%s\" because a member with that "
		    "name already exists. To overwrite the member anyway, add the Force "
		    "parameter to your command.",
		    name);
	if (str_ieq(kind, "NoteProperty")) {
		sh_object_set_note(obj, name, sh_ref(value));
	} else if (str_ieq(kind, "ScriptProperty")) {
		if (sh_kind_of(value) != SH_SCRIPTBLOCK)
			return sh_errorf(
			    c, SH_CAT_INVALID_ARGUMENT, "CannotConvertValue", value,
			    "The Value parameter of a ScriptProperty must be a script block.");
		sh_object_add_script_prop(obj, name, sh_ref(value));
	} else if (str_ieq(kind, "AliasProperty")) {
		char *target = sh_to_string(value);
		sh_object_add_alias_prop(obj, name, target);
		free(target);
	} else {
		return sh_errorf(c, SH_CAT_INVALID_OPERATION, "CannotAddMemberType", obj,
		                 "Cannot add a member of type \"%s\": only NoteProperty, "
		                 "ScriptProperty and AliasProperty members can be added.",
		                 kind);
	}
	return SH_OK;
}

static sh_status add_member_process(sh_cmd *c, sh_value *input)
{
	sh_value *obj;
	if (!current_input(c, input, &obj))
		return SH_OK;
	if (sh_kind_of(obj) != SH_OBJECT) {
		return sh_errorf(
		    c, SH_CAT_INVALID_OPERATION, "CannotAddMember", obj,
		    "Cannot add a member to a value of type [%s]; members can be added to "
		    "objects such as PSCustomObject.",
		    sh_type_name(obj));
	}
	sh_status st = SH_OK;
	if (sh_param_bound(c, "NotePropertyMembers")) {
		sh_value *h = sh_param(c, "NotePropertyMembers");
		for (size_t i = 0; i < sh_hash_len(h) && st == SH_OK; i++) {
			char *key = sh_to_string(sh_hash_key_at(h, i));
			st = add_one_member(c, obj, "NoteProperty", key, sh_hash_value_at(h, i),
			                    NULL);
			free(key);
		}
	} else if (sh_param_bound(c, "NotePropertyName")) {
		st = add_one_member(c, obj, "NoteProperty", sh_param_str(c, "NotePropertyName"),
		                    sh_param(c, "NotePropertyValue"), NULL);
	} else if (sh_param_bound(c, "MemberType")) {
		st = add_one_member(c, obj, sh_param_str(c, "MemberType"), sh_param_str(c, "Name"),
		                    sh_param(c, "Value"), sh_param(c, "SecondValue"));
	}
	if (st != SH_OK)
		return st;
	const char *tn = sh_param_str(c, "TypeName");
	if (tn)
		sh_object_add_typename(obj, tn);
	if (sh_switch(c, "PassThru"))
		return sh_emit(c, sh_ref(obj));
	return SH_OK;
}

static const char *const add_member_types[] = {
    "NoteProperty", "ScriptProperty", "AliasProperty", "CodeProperty", "Property",
    "ScriptMethod", "CodeMethod",     "PropertySet",   "MemberSet",    NULL,
};

static const sh_param_def add_member_params[] = {
    {"InputObject", SH_P_OBJECT, SH_PF_PIPELINE | SH_PF_MANDATORY, -1, NULL, NULL, NULL,
     "Specifies the object that receives the member. Usually piped in.", NULL, NULL, "PSObject"},
    {"MemberType", SH_P_ENUM, SH_PF_MANDATORY, 0, "MemberSet", "Type", add_member_types,
     "Specifies the kind of member: NoteProperty, ScriptProperty or AliasProperty.", NULL, NULL,
     "PSMemberTypes"},
    {"Name", SH_P_STRING, SH_PF_MANDATORY, 1, "MemberSet", NULL, NULL,
     "Specifies the name of the new member.", NULL, NULL, NULL},
    {"Value", SH_P_OBJECT, 0, 2, "MemberSet", NULL, NULL,
     "Specifies the value of a NoteProperty, the getter of a ScriptProperty, or the target "
     "of an AliasProperty.",
     NULL, NULL, NULL},
    {"SecondValue", SH_P_OBJECT, 0, 3, "MemberSet", NULL, NULL,
     "Specifies the setter of a ScriptProperty.", NULL, NULL, NULL},
    {"NotePropertyMembers", SH_P_HASHTABLE, SH_PF_MANDATORY, 0, "NotePropertyMultiMemberSet", NULL,
     NULL, "Adds a note property for each key of the hashtable.", NULL, NULL, "IDictionary"},
    {"NotePropertyName", SH_P_STRING, SH_PF_MANDATORY, 0, "NotePropertySingleMemberSet", NULL, NULL,
     "Specifies the name of a note property to add.", NULL, NULL, NULL},
    {"NotePropertyValue", SH_P_OBJECT, SH_PF_MANDATORY, 1, "NotePropertySingleMemberSet", NULL,
     NULL, "Specifies the value of the note property.", NULL, NULL, NULL},
    {"TypeName", SH_P_STRING, 0, -1, NULL, NULL, NULL, "Adds a type name to the object.", NULL,
     NULL, NULL},
    {"Force", SH_P_SWITCH, 0, -1, NULL, NULL, NULL, "Replaces a member that already exists.", NULL,
     NULL, NULL},
    {"PassThru", SH_P_SWITCH, 0, -1, NULL, NULL, NULL, "Writes the object after adding the member.",
     NULL, NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example add_member_examples[] = {
    {"$o | Add-Member -MemberType NoteProperty -Name Owner -Value 'ops'",
     "Adds an Owner note property."},
    {"$o | Add-Member -NotePropertyMembers @{ A = 1; B = 2 } -PassThru",
     "Adds two note properties and writes the object."},
    {"$o | Add-Member ScriptProperty Double { $this.Size * 2 }",
     "Adds a property computed from the object each time it is read."},
    {NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* Get-Unique                                                          */
/* ------------------------------------------------------------------ */

typedef struct unique_state {
	sh_value *last;
	bool have_last;
	char *last_type;
} unique_state;

static sh_status unique_process(sh_cmd *c, sh_value *input)
{
	unique_state *s = sh_cmd_state(c);
	sh_value *obj;
	if (!current_input(c, input, &obj))
		return SH_OK;
	bool same;
	if (!s->have_last) {
		same = false;
	} else if (sh_switch(c, "OnType")) {
		same = strcmp(s->last_type, sh_type_name(obj)) == 0;
	} else if (sh_switch(c, "AsString") || sh_kind_of(obj) == SH_STRING) {
		char *a = sh_to_string(s->last), *b = sh_to_string(obj);
		same = strcmp(a, b) == 0;
		free(a);
		free(b);
	} else {
		same = keys_equal(s->last, obj, true);
	}
	if (same)
		return SH_OK;
	sh_unref(s->last);
	free(s->last_type);
	s->last = sh_ref(obj);
	s->last_type = xstrdup(sh_type_name(obj));
	s->have_last = true;
	return sh_emit(c, sh_ref(obj));
}

static void unique_cleanup(sh_cmd *c)
{
	unique_state *s = sh_cmd_state(c);
	sh_unref(s->last);
	free(s->last_type);
}

static const sh_param_def unique_params[] = {
    {"InputObject", SH_P_OBJECT, SH_PF_PIPELINE, -1, NULL, NULL, NULL,
     "Specifies the (sorted) input. Usually piped in.", NULL, NULL, "PSObject"},
    {"AsString", SH_P_SWITCH, 0, -1, "AsString", NULL, NULL, "Compares the objects as strings.",
     NULL, NULL, NULL},
    {"OnType", SH_P_SWITCH, 0, -1, "UniqueByType", NULL, NULL,
     "Writes one object of each run of objects of the same type.", NULL, NULL, NULL},
    {"CaseInsensitive", SH_P_SWITCH, 0, -1, NULL, NULL, NULL, "Accepted for compatibility.", NULL,
     NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const sh_example unique_examples[] = {
    {"1,1,2,2,2,3 | Get-Unique", "Writes 1, 2 and 3: adjacent duplicates are dropped."},
    {"'b','a','b' | Sort-Object | Get-Unique", "Sort first so equal items are adjacent."},
    {NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* the table                                                           */
/* ------------------------------------------------------------------ */

const sh_cmdlet cmd_object_cmdlets[] = {
    {"Where-Object", "?,where", "Selects objects from a collection based on their property values.",
     "Passes on the input objects for which a condition holds. The condition is a script "
     "block (-FilterScript) in which $_ is the current object, or a comparison statement "
     "naming a property, an operator switch and a value (Where-Object State -eq Running). "
     "With only a property name, objects whose property is true pass.",
     "ScriptBlockSet", where_params, where_examples, "System.Object",
     "Microsoft.PowerShell.Commands.WhereObjectCommand", 0, 0, NULL, where_process, NULL, NULL},
    {"ForEach-Object", "%,foreach",
     "Performs an operation against each item in a collection of input objects.",
     "Runs script blocks for each input object, with $_ set to it, in the caller's scope; "
     "their output is written as it comes. -Begin and -End run once before and after the "
     "input. With -MemberName (or a bare name) it gets a property of each object or calls "
     "a method with -ArgumentList.",
     "ScriptBlockSet", foreach_params, foreach_examples, "System.Object",
     "Microsoft.PowerShell.Commands.ForEachObjectCommand", 0, sizeof(foreach_state), foreach_begin,
     foreach_process, foreach_end, foreach_cleanup},
    {"Select-Object", "select", "Selects objects or object properties.",
     "Creates objects holding only the chosen properties (names, wildcards or calculated "
     "properties), or passes on a subset of the input: the first or last N, skipping some, "
     "by index or unique. With -First the commands upstream stop as soon as enough objects "
     "have passed.",
     "DefaultParameter", select_params, select_examples, "System.Management.Automation.PSObject",
     "Microsoft.PowerShell.Commands.SelectObjectCommand", 0, sizeof(select_state), select_begin,
     select_process, select_end, select_cleanup},
    {"Sort-Object", "sort", "Sorts objects by property values.",
     "Sorts the input by one or more keys (properties, script blocks or hashtables with "
     "their own direction). The sort is stable; strings compare case-insensitively unless "
     "-CaseSensitive; $null sorts first. -Unique drops objects whose keys repeat.",
     "Default", sort_params, sort_examples, "System.Management.Automation.PSObject",
     "Microsoft.PowerShell.Commands.SortObjectCommand", 0, sizeof(sort_state), sort_begin,
     sort_process, sort_end, sort_cleanup},
    {"Group-Object", "group",
     "Groups objects that contain the same value for specified properties.",
     "Writes one GroupInfo object per distinct value of the grouping properties, in order "
     "of first appearance, with its Count, Name, Group (the members) and Values.",
     NULL, group_params, group_examples, "Microsoft.PowerShell.Commands.GroupInfo",
     "Microsoft.PowerShell.Commands.GroupObjectCommand", 0, sizeof(group_state), group_begin,
     group_process, group_end, group_cleanup},
    {"Measure-Object", "measure",
     "Calculates the numeric properties of objects, and the characters, words, and lines in "
     "string objects.",
     "Counts the input objects and computes the sum, average, minimum, maximum and standard "
     "deviation of their values or of a property, or counts the lines, words and characters "
     "of strings.",
     "GenericMeasure", measure_params, measure_examples,
     "Microsoft.PowerShell.Commands.GenericMeasureInfo",
     "Microsoft.PowerShell.Commands.MeasureObjectCommand", 0, sizeof(measure_state), measure_begin,
     measure_process, measure_end, measure_cleanup},
    {"Compare-Object", "compare", "Compares two sets of objects.",
     "Reports the objects that are only in the reference set (<=), only in the difference "
     "set (=>) and, with -IncludeEqual, in both (==), matching objects within -SyncWindow "
     "positions of each other.",
     NULL, compare_params, compare_examples, "System.Management.Automation.PSCustomObject",
     "Microsoft.PowerShell.Commands.CompareObjectCommand", 0, sizeof(compare_state), compare_begin,
     compare_process, compare_end, compare_cleanup},
    {"Tee-Object", NULL,
     "Saves command output in a file or variable and also sends it down the pipeline.",
     "Passes each input object on unchanged and also stores the objects: formatted as text "
     "in a file, or in a variable.",
     "File", tee_params, tee_examples, "System.Management.Automation.PSObject",
     "Microsoft.PowerShell.Commands.TeeObjectCommand", 0, sizeof(tee_state), NULL, tee_process,
     tee_end, tee_cleanup},
    {"Get-Member", "gm", "Gets the properties and methods of objects.",
     "Lists the members (properties and methods) of each distinct type among the input "
     "objects: the type's own members and the note, script and alias properties added to "
     "the object.",
     NULL, member_params, member_examples, "Microsoft.PowerShell.Commands.MemberDefinition",
     "Microsoft.PowerShell.Commands.GetMemberCommand", 0, sizeof(member_state), member_begin,
     member_process, member_end, member_cleanup},
    {"New-Object", NULL, "Creates an instance of an object.",
     "Creates a PSObject (a custom object, optionally with -Property values) or a hashtable.", NULL,
     new_object_params, new_object_examples, "System.Object",
     "Microsoft.PowerShell.Commands.NewObjectCommand", 0, 0, new_object_begin, NULL, NULL, NULL},
    {"Add-Member", NULL, "Adds custom properties to an instance of a PowerShell object.",
     "Adds note, script or alias properties to an object, in place. With -PassThru the "
     "object is written on.",
     "MemberSet", add_member_params, add_member_examples, "System.Object",
     "Microsoft.PowerShell.Commands.AddMemberCommand", 0, 0, NULL, add_member_process, NULL, NULL},
    {"Get-Unique", "gu", "Returns unique items from a sorted list.",
     "Drops each input object equal to the one before it; sort the input first to drop all "
     "duplicates. Strings compare case-sensitively.",
     "AsString", unique_params, unique_examples, "System.Management.Automation.PSObject",
     "Microsoft.PowerShell.Commands.GetUniqueCommand", 0, sizeof(unique_state), NULL,
     unique_process, NULL, unique_cleanup},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL},
};
