/*
 * eval.c - the evaluator: statements, expressions, assignment, members,
 * script-block invocation, and sh_run_source.
 *
 * Evaluation walks the tree directly. Every function returns an sh_status;
 * a statement's output goes to an sh_sink (the next pipeline stage, a
 * collector for `$x = ...`, or Out-Default at the top), one object at a
 * time, so `Select-Object -First 1` downstream stops a loop upstream by
 * answering SH_STOP.
 *
 * Errors. A language error (1/0, a missing method, a bad cast) builds an
 * error record, records it in $Error and unwinds with SH_THROW. What
 * happens next is PowerShell's rule: inside a try or a scope with a trap
 * (in->handler_depth > 0) the error travels to the handler; otherwise it
 * ends only the statement that raised it: the innermost statement list
 * shows it and goes on with the next statement. `throw` and errors turned
 * fatal by -ErrorAction Stop / $ErrorActionPreference = 'Stop' set
 * in->pending_fatal and end the whole script unless caught.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convert.h"
#include "format.h"
#include "methods.h"
#include "ops.h"
#include "parser.h"
#include "runtime.h"

#define MAX_CALL_DEPTH 400

/* ------------------------------------------------------------------ */
/* sinks */

static sh_status collect_write(void *ctx, sh_value *v)
{
	sh_collector *c = ctx;
	sh_array_append(c->items, v);
	return SH_OK;
}

void sh_collector_init(sh_collector *c)
{
	c->items = sh_array_new(4);
}

sh_sink sh_collector_sink(sh_collector *c)
{
	return (sh_sink){collect_write, c};
}

sh_value *sh_collector_result(sh_collector *c)
{
	size_t n = sh_array_len(c->items);
	sh_value *r;
	if (n == 0)
		r = NULL;
	else if (n == 1)
		r = sh_ref(sh_array_get(c->items, 0));
	else
		return c->items;
	sh_unref(c->items);
	c->items = NULL;
	return r;
}

sh_value *sh_collector_array(sh_collector *c)
{
	return c->items;
}

static sh_status discard_write(void *ctx, sh_value *v)
{
	(void)ctx;
	sh_unref(v);
	return SH_OK;
}

static const sh_sink discard_sink = {discard_write, NULL};

sh_status sh_write_unrolled(const sh_sink *out, sh_value *v)
{
	if (sh_kind_of(v) != SH_ARRAY)
		return out->write(out->ctx, v);
	sh_status st = SH_OK;
	for (size_t i = 0; i < sh_array_len(v) && st == SH_OK; i++)
		st = out->write(out->ctx, sh_ref(sh_array_get(v, i)));
	sh_unref(v);
	return st;
}

/* ------------------------------------------------------------------ */
/* errors */

sh_status sh_raise(sh_interp *in, const sh_node *node, const sh_error_info *info)
{
	sh_error_site site = {in->unit, node, NULL, NULL};
	sh_value *rec = sh_error_record_new(info, &site);
	sh_record_error(in, rec);
	in->statement_failed = true;
	sh_set_pending_error(in, rec);
	in->pending_fatal = sh_pref(in, "ErrorActionPreference") == SH_ACTION_STOP;
	return SH_THROW;
}

sh_status sh_raisef(sh_interp *in, const sh_node *node, sh_error_category cat, const char *error_id,
                    const char *exception_type, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sh_buf b = {0};
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	sh_error_info info = {.message = buf_str(&b),
	                      .exception_type = exception_type,
	                      .category = cat,
	                      .error_id = error_id};
	sh_status st = sh_raise(in, node, &info);
	buf_free(&b);
	return st;
}

/* An error message from a value operation (ops/convert/methods). */
static sh_status raise_message(sh_interp *in, const sh_node *node, char *message,
                               sh_error_category cat, const char *error_id)
{
	sh_status st = sh_raisef(in, node, cat, error_id, NULL, "%s", message ? message : "");
	free(message);
	return st;
}

/* ------------------------------------------------------------------ */
/* variables */

static bool is_name(const char *a, const char *b)
{
	return str_ieq(a, b);
}

static sh_value *pwd_value(sh_interp *in)
{
	sh_value *o = sh_object_new("System.Management.Automation.PathInfo");
	sh_object_set_note(o, "Path", sh_string(in->location));
	return o;
}

static sh_status eval_variable(sh_interp *in, const sh_node *node, sh_value **out)
{
	const char *name = node->u.variable.name;
	const char *scope = node->u.variable.scope;
	*out = NULL;
	if (scope && is_name(scope, "env")) {
		const char *e = getenv(name);
		*out = e ? sh_string(e) : NULL;
		return SH_OK;
	}
	if (scope && is_name(scope, "function")) {
		*out = sh_ref(sh_function_get(in, name));
		return SH_OK;
	}
	if (!scope || is_name(scope, "variable")) {
		switch (name[0] | 0x20) {
		case 't':
			if (is_name(name, "true")) {
				*out = sh_bool(true);
				return SH_OK;
			}
			break;
		case 'f':
			if (is_name(name, "false")) {
				*out = sh_bool(false);
				return SH_OK;
			}
			break;
		case 'n':
			if (is_name(name, "null"))
				return SH_OK;
			break;
		case '?' | 0x20:
			if (name[0] == '?' && !name[1]) {
				*out = sh_bool(in->last_success);
				return SH_OK;
			}
			break;
		case 'p':
			if (is_name(name, "PWD")) {
				*out = pwd_value(in);
				return SH_OK;
			}
			if (is_name(name, "PSItem"))
				name = "_";
			if (is_name(name, "PSScriptRoot") || is_name(name, "PSCommandPath")) {
				if (!in->script_path) {
					*out = sh_string("");
					return SH_OK;
				}
				if (is_name(name, "PSCommandPath")) {
					*out = sh_string(in->script_path);
					return SH_OK;
				}
				const char *slash = strrchr(in->script_path, '/');
				*out = slash ? sh_string_n(in->script_path,
				                           (size_t)(slash - in->script_path))
				             : sh_string(in->location);
				return SH_OK;
			}
			break;
		}
		sh_var *v = sh_var_lookup(in, name);
		*out = v ? sh_ref(v->value) : NULL;
		return SH_OK;
	}
	sh_var *v = sh_scope_find(sh_scope_for(in, scope), name, sh_name_hash(name));
	*out = v ? sh_ref(v->value) : NULL;
	return SH_OK;
}

/* Takes value. */
static sh_status assign_variable(sh_interp *in, const sh_node *node, sh_value *value)
{
	const char *name = node->u.variable.name;
	const char *scope = node->u.variable.scope;
	if (scope && is_name(scope, "env")) {
		if (value) {
			char *s = sh_to_string(value);
			setenv(name, s, 1);
			free(s);
		} else {
			unsetenv(name);
		}
		sh_unref(value);
		return SH_OK;
	}
	if (is_name(name, "true") || is_name(name, "false") || is_name(name, "null") ||
	    (name[0] == '?' && !name[1])) {
		if (is_name(name, "null")) { /* $null = expr discards */
			sh_unref(value);
			return SH_OK;
		}
		sh_unref(value);
		return sh_raisef(
		    in, node, SH_CAT_WRITE_ERROR, "VariableNotWritable",
		    "System.Management.Automation.SessionStateUnauthorizedAccessException",
		    "Cannot overwrite variable %s because it is read-only or constant.", name);
	}
	if (is_name(name, "PSItem"))
		name = "_";
	char *err = NULL;
	sh_scope *target =
	    (scope && !is_name(scope, "variable")) ? sh_scope_for(in, scope) : in->current;
	if (sh_var_assign(in, target, name, value, &err) < 0)
		return raise_message(in, node, err, SH_CAT_METADATA_ERROR, "VariableNotWritable");
	return SH_OK;
}

/* ------------------------------------------------------------------ */
/* members */

static int array_member(sh_interp *in, sh_value *v, const char *name, sh_value **out, char **error)
{
	/* member enumeration: the member of each item, flattened one level */
	sh_value *results = sh_array_new(sh_array_len(v));
	for (size_t i = 0; i < sh_array_len(v); i++) {
		sh_value *r = NULL;
		int rc = sh_get_member(in, sh_array_get(v, i), name, &r, error);
		if (rc < 0) {
			sh_unref(results);
			return -1;
		}
		if (rc == 1 || !r)
			continue;
		if (sh_kind_of(r) == SH_ARRAY) {
			for (size_t j = 0; j < sh_array_len(r); j++)
				sh_array_append(results, sh_ref(sh_array_get(r, j)));
			sh_unref(r);
		} else {
			sh_array_append(results, r);
		}
	}
	size_t n = sh_array_len(results);
	if (n == 0) {
		sh_unref(results);
		*out = NULL;
		return 0;
	}
	if (n == 1) {
		*out = sh_ref(sh_array_get(results, 0));
		sh_unref(results);
		return 0;
	}
	*out = results;
	return 0;
}

/* $x.psobject: a view of the value's own properties and type names, which
 * scripts use to inspect objects generically. */
static sh_value *psobject_view(sh_interp *in, sh_value *v)
{
	sh_value *view = sh_object_new("System.Management.Automation.PSObject");
	sh_value *props = sh_array_new(8);
	sh_value *names = sh_property_names(in, v);
	for (size_t i = 0; i < sh_array_len(names); i++) {
		const char *name = sh_str(sh_array_get(names, i));
		sh_value *value = NULL;
		char *error = NULL;
		if (sh_get_member(in, v, name, &value, &error) < 0)
			free(error);
		const sh_prop *p = sh_object_find_prop(v, name);
		sh_value *info = sh_object_new("System.Management.Automation.PSNoteProperty");
		sh_object_set_note(info, "Name", sh_string(name));
		sh_object_set_note(info, "MemberType",
		                   sh_string(p && p->kind == SH_PROP_SCRIPT  ? "ScriptProperty"
		                             : p && p->kind == SH_PROP_ALIAS ? "AliasProperty"
		                                                             : "NoteProperty"));
		sh_object_set_note(info, "TypeNameOfValue", sh_string(sh_type_name(value)));
		sh_object_set_note(info, "Value", value);
		sh_array_append(props, info);
	}
	sh_unref(names);
	sh_value *typenames = sh_array_new(4);
	if (sh_kind_of(v) == SH_OBJECT)
		for (size_t i = 0; i < sh_object_typename_count(v); i++)
			sh_array_append(typenames, sh_string(sh_object_typename(v, i)));
	else
		sh_array_append(typenames, sh_string(sh_type_name(v)));
	sh_object_set_note(view, "Properties", props);
	sh_object_set_note(view, "TypeNames", typenames);
	sh_object_set_note(view, "BaseObject", sh_ref(v));
	return view;
}

static int member_of(sh_interp *in, sh_value *v, const char *name, sh_value **out, char **error);

int sh_get_member(sh_interp *in, sh_value *v, const char *name, sh_value **out, char **error)
{
	int rc = member_of(in, v, name, out, error);
	/* every value has Count and Length: 0 for $null, 1 for a scalar */
	if (rc == 1 && (str_ieq(name, "Count") || str_ieq(name, "Length"))) {
		*out = sh_int(v ? 1 : 0);
		return 0;
	}
	return rc;
}

static int member_of(sh_interp *in, sh_value *v, const char *name, sh_value **out, char **error)
{
	*out = NULL;
	if (v && str_ieq(name, "psobject") && sh_kind_of(v) != SH_HASHTABLE) {
		*out = psobject_view(in, v);
		return 0;
	}
	switch (sh_kind_of(v)) {
	case SH_NULL:
		return 1;
	case SH_HASHTABLE: {
		/* a key wins over the hashtable's own members ($h.Count with a Count key) */
		sh_value *key = sh_string(name);
		bool present = sh_hash_contains(v, key);
		if (present)
			*out = sh_ref(sh_hash_get(v, key));
		sh_unref(key);
		if (present)
			return 0;
		return sh_builtin_property(v, name, out) == 0 ? 0 : 1;
	}
	case SH_OBJECT: {
		const sh_prop *p = sh_object_find_prop(v, name);
		for (int hops = 0; p && p->kind == SH_PROP_ALIAS && hops < 8; hops++)
			p = sh_object_find_prop(v, p->alias_target);
		if (p && p->kind == SH_PROP_NOTE) {
			*out = sh_ref(p->value);
			return 0;
		}
		if (p && p->kind == SH_PROP_SCRIPT) {
			sh_value *r = NULL;
			sh_status st =
			    sh_invoke_block_collect(in, p->value, NULL, NULL, 0, v, false, &r);
			if (st == SH_THROW) {
				sh_value *rec = sh_take_pending_error(in);
				*error = xstrdup(sh_error_message(rec));
				sh_unref(rec);
				return -1;
			}
			*out = r;
			return 0;
		}
		return sh_builtin_property(v, name, out) == 0 ? 0 : 1;
	}
	case SH_ARRAY:
		if (sh_builtin_property(v, name, out) == 0)
			return 0;
		return array_member(in, v, name, out, error);
	default:
		return sh_builtin_property(v, name, out) == 0 ? 0 : 1;
	}
}

int sh_set_member(sh_interp *in, sh_value *v, const char *name, sh_value *value, char **error)
{
	switch (sh_kind_of(v)) {
	case SH_HASHTABLE:
		sh_hash_set_str(v, name, value);
		return 0;
	case SH_OBJECT: {
		const sh_prop *p = sh_object_find_prop(v, name);
		for (int hops = 0; p && p->kind == SH_PROP_ALIAS && hops < 8; hops++) {
			name = p->alias_target;
			p = sh_object_find_prop(v, name);
		}
		if (p && p->kind == SH_PROP_SCRIPT) {
			sh_unref(value);
			*error = xasprintf("'%s' is a ReadOnly property.", name);
			return -1;
		}
		if (!p) {
			sh_unref(value);
			*error =
			    xasprintf("The property '%s' cannot be found on this object. Verify "
			              "that the property exists and can be set.",
			              name);
			return -1;
		}
		sh_object_set_note(v, name, value);
		return 0;
	}
	case SH_ARRAY:
		/* setting through member enumeration */
		for (size_t i = 0; i < sh_array_len(v); i++)
			if (sh_set_member(in, sh_array_get(v, i), name, sh_ref(value), error) < 0) {
				sh_unref(value);
				return -1;
			}
		sh_unref(value);
		return 0;
	default:
		sh_unref(value);
		*error = xasprintf("The property '%s' cannot be found on this object. Verify that "
		                   "the property exists and can be set.",
		                   name);
		return -1;
	}
}

/* .Where({...}) and .ForEach({...}) on collections. */
static int collection_method(sh_interp *in, sh_value *v, const char *name, sh_value *const *args,
                             size_t nargs, sh_value **out, char **error)
{
	bool is_where = str_ieq(name, "Where");
	if (!is_where && !str_ieq(name, "ForEach"))
		return 1;
	if (nargs < 1) {
		*error = xasprintf(
		    "Cannot find an overload for \"%s\" and the argument count: \"0\".", name);
		return -1;
	}
	sh_value *items = sh_kind_of(v) == SH_ARRAY ? sh_ref(v) : NULL;
	if (!items) {
		items = sh_array_new(1);
		if (v)
			sh_array_append(items, sh_ref(v));
	}
	sh_value *result = sh_array_new(sh_array_len(items));
	for (size_t i = 0; i < sh_array_len(items); i++) {
		sh_value *item = sh_array_get(items, i);
		if (sh_kind_of(args[0]) != SH_SCRIPTBLOCK) {
			if (is_where)
				break;
			/* .ForEach('Name') reads a property */
			char *member = sh_to_string(args[0]);
			sh_value *r = NULL;
			int rc = sh_get_member(in, item, member, &r, error);
			free(member);
			if (rc < 0) {
				sh_unref(items);
				sh_unref(result);
				return -1;
			}
			sh_array_append(result, r);
			continue;
		}
		sh_value *r = NULL;
		sh_status st = sh_invoke_block_collect(in, args[0], item, NULL, 0, NULL, true, &r);
		if (st != SH_OK) {
			sh_value *rec = st == SH_THROW ? sh_take_pending_error(in) : NULL;
			*error =
			    xstrdup(rec ? sh_error_message(rec) : "The pipeline has been stopped.");
			sh_unref(rec);
			sh_unref(items);
			sh_unref(result);
			return -1;
		}
		if (is_where) {
			if (sh_to_bool(r))
				sh_array_append(result, sh_ref(item));
			sh_unref(r);
		} else if (sh_kind_of(r) == SH_ARRAY) {
			for (size_t j = 0; j < sh_array_len(r); j++)
				sh_array_append(result, sh_ref(sh_array_get(r, j)));
			sh_unref(r);
		} else if (r) {
			sh_array_append(result, r);
		}
	}
	sh_unref(items);
	*out = result;
	return 0;
}

int sh_call_member(sh_interp *in, sh_value *v, const char *name, sh_value *const *args,
                   size_t nargs, sh_value **out, char **error)
{
	*out = NULL;
	switch (sh_kind_of(v)) {
	case SH_SCRIPTBLOCK:
		if (str_ieq(name, "Invoke") || str_ieq(name, "InvokeReturnAsIs")) {
			sh_status st =
			    sh_invoke_block_collect(in, v, NULL, args, nargs, NULL, false, out);
			if (st == SH_THROW) {
				sh_value *rec = sh_take_pending_error(in);
				*error =
				    xasprintf("Exception calling \"%s\" with \"%zu\" argument(s): "
				              "\"%s\"",
				              name, nargs, sh_error_message(rec));
				sh_unref(rec);
				return -1;
			}
			return 0;
		}
		if (str_ieq(name, "GetNewClosure")) {
			*out = sh_ref(v);
			return 0;
		}
		break;
	case SH_ARRAY: {
		int rc = collection_method(in, v, name, args, nargs, out, error);
		if (rc != 1)
			return rc;
		break;
	}
	case SH_OBJECT: {
		const sh_class *cls = sh_object_class(v);
		if (cls && cls->call_method) {
			int rc =
			    cls->call_method(in, v, name, (sh_value **)args, nargs, out, error);
			if (rc != 1)
				return rc;
		}
		if (str_ieq(name, "ToString") && nargs == 0) {
			*out = sh_string_take(sh_to_string(v));
			return 0;
		}
		if (str_ieq(name, "GetType") && nargs == 0) {
			/* custom objects are PSCustomObjects whatever names they carry */
			const char *type_name = sh_type_name(v);
			for (size_t k = 0; k < sh_object_typename_count(v); k++)
				if (str_ieq(sh_object_typename(v, k),
				            "System.Management.Automation.PSCustomObject"))
					type_name = "System.Management.Automation.PSCustomObject";
			sh_type t = {SH_T_NAMED, false, type_name};
			*out = sh_type_value(t);
			return 0;
		}
		if (str_ieq(name, "Where") || str_ieq(name, "ForEach"))
			return collection_method(in, v, name, args, nargs, out, error);
		break;
	}
	default:
		break;
	}
	int rc = sh_builtin_method(in, v, name, (sh_value **)args, nargs, out, error);
	if (rc == 1 && (str_ieq(name, "Where") || str_ieq(name, "ForEach")))
		return collection_method(in, v, name, args, nargs, out, error);
	return rc;
}

sh_value *sh_property_names(sh_interp *in, sh_value *v)
{
	(void)in;
	sh_value *names = sh_array_new(8);
	if (sh_kind_of(v) == SH_OBJECT)
		for (size_t i = 0; i < sh_object_prop_count(v); i++)
			sh_array_append(names, sh_string(sh_object_prop_at(v, i)->name));
	return names;
}

/* ------------------------------------------------------------------ */
/* indexing */

static bool index_of(const sh_value *index, int64_t *out)
{
	return sh_to_int64(index, out, NULL);
}

/* UTF-8 aware: the i-th code point of s as a one-character string. */
static sh_value *string_char_at(const char *s, int64_t i)
{
	size_t len = utf8_length(s);
	if (i < 0)
		i += (int64_t)len;
	if (i < 0 || (size_t)i >= len)
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	for (int64_t k = 0; k < i; k++) {
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
	}
	const unsigned char *q = p + 1;
	while ((*q & 0xC0) == 0x80)
		q++;
	return sh_string_n((const char *)p, (size_t)(q - p));
}

static sh_status index_value(sh_interp *in, const sh_node *node, sh_value *target, sh_value *index,
                             sh_value **out)
{
	*out = NULL;
	if (sh_kind_of(index) == SH_ARRAY && sh_kind_of(target) != SH_HASHTABLE) {
		sh_value *results = sh_array_new(sh_array_len(index));
		for (size_t i = 0; i < sh_array_len(index); i++) {
			sh_value *r = NULL;
			sh_status st = index_value(in, node, target, sh_array_get(index, i), &r);
			if (st != SH_OK) {
				sh_unref(results);
				return st;
			}
			if (r)
				sh_array_append(results, r);
		}
		*out = results;
		return SH_OK;
	}
	int64_t i;
	switch (sh_kind_of(target)) {
	case SH_NULL:
		return sh_raisef(in, node, SH_CAT_INVALID_OPERATION, "NullArray", NULL,
		                 "Cannot index into a null array.");
	case SH_ARRAY: {
		if (!index_of(index, &i))
			return SH_OK;
		int64_t len = (int64_t)sh_array_len(target);
		if (i < 0)
			i += len;
		if (i >= 0 && i < len)
			*out = sh_ref(sh_array_get(target, (size_t)i));
		return SH_OK;
	}
	case SH_STRING:
		if (index_of(index, &i))
			*out = string_char_at(sh_str(target), i);
		return SH_OK;
	case SH_HASHTABLE:
		*out = sh_ref(sh_hash_get(target, index));
		return SH_OK;
	default:
		/* any other single value is a collection of one, as in
		   PowerShell 3 and later: `(Get-VM x)[0]` is the VM */
		if (index_of(index, &i) && (i == 0 || i == -1))
			*out = sh_ref(target);
		return SH_OK;
	}
}

/* Takes value. */
static sh_status set_index(sh_interp *in, const sh_node *node, sh_value *target, sh_value *index,
                           sh_value *value)
{
	int64_t i;
	switch (sh_kind_of(target)) {
	case SH_ARRAY: {
		int64_t len = (int64_t)sh_array_len(target);
		if (!index_of(index, &i)) {
			sh_unref(value);
			return sh_raisef(in, node, SH_CAT_INVALID_ARGUMENT,
			                 "InvalidCastFromStringToInteger", NULL,
			                 "Array index must be a number.");
		}
		if (i < 0)
			i += len;
		if (i < 0 || i >= len) {
			sh_unref(value);
			return sh_raisef(in, node, SH_CAT_INVALID_OPERATION, "IndexOutOfRange",
			                 "System.IndexOutOfRangeException",
			                 "Index was outside the bounds of the array.");
		}
		sh_array_set(target, (size_t)i, value);
		return SH_OK;
	}
	case SH_HASHTABLE:
		sh_hash_set(target, index, value);
		return SH_OK;
	case SH_NULL:
		sh_unref(value);
		return sh_raisef(in, node, SH_CAT_INVALID_OPERATION, "NullArray", NULL,
		                 "Cannot index into a null array.");
	default:
		sh_unref(value);
		return sh_raisef(in, node, SH_CAT_INVALID_OPERATION, "CannotIndex", NULL,
		                 "Unable to index into an object of type %s.",
		                 sh_type_name(target));
	}
}

/* ------------------------------------------------------------------ */
/* expressions */

static sh_status eval_statement_value(sh_interp *in, const sh_node *node, sh_value **out);

static bool is_simple_expression_pipeline(const sh_node *node)
{
	return node && node->kind == N_PIPELINE && node->u.pipeline.elements.len == 1 &&
	       node->u.pipeline.elements.items[0]->kind == N_COMMAND_EXPR &&
	       node->u.pipeline.elements.items[0]->u.command_expr.redirections.len == 0;
}

static const char *member_name_of(sh_interp *in, const sh_node *member, char **owned, sh_status *st)
{
	*owned = NULL;
	*st = SH_OK;
	if (member->kind == N_CONSTANT && sh_kind_of(member->u.constant.value) == SH_STRING)
		return sh_str(member->u.constant.value);
	sh_value *v = NULL;
	*st = sh_eval_expr(in, member, &v);
	if (*st != SH_OK)
		return NULL;
	*owned = sh_to_string(v);
	sh_unref(v);
	return *owned;
}

static sh_status resolve_type(sh_interp *in, const sh_node *node, const char *name, sh_type *t)
{
	if (sh_type_lookup(name, t))
		return SH_OK;
	return sh_raisef(in, node, SH_CAT_INVALID_OPERATION, "TypeNotFound", NULL,
	                 "Unable to find type [%s].", name);
}

static sh_status eval_args(sh_interp *in, const sh_nodelist *list, sh_value ***args)
{
	*args = list->len ? xcalloc(list->len, sizeof **args) : NULL;
	for (size_t i = 0; i < list->len; i++) {
		sh_status st = sh_eval_expr(in, list->items[i], &(*args)[i]);
		if (st != SH_OK) {
			for (size_t j = 0; j < i; j++)
				sh_unref((*args)[j]);
			free(*args);
			*args = NULL;
			return st;
		}
	}
	return SH_OK;
}

static void free_args(sh_value **args, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sh_unref(args[i]);
	free(args);
}

static sh_status eval_invoke(sh_interp *in, const sh_node *node, sh_value **out)
{
	const sh_node *target = node->u.member.target;
	char *owned;
	sh_status st;
	const char *name = member_name_of(in, node->u.member.member, &owned, &st);
	if (st != SH_OK)
		return st;
	sh_value **args;
	size_t nargs = node->u.member.args.len;
	if ((st = eval_args(in, &node->u.member.args, &args)) != SH_OK) {
		free(owned);
		return st;
	}
	char *error = NULL;
	int rc;
	sh_value *self = NULL;
	if (node->u.member.is_static) {
		sh_type t;
		if (target->kind == N_TYPE) {
			st = resolve_type(in, target, target->u.type.type_name, &t);
		} else {
			st = sh_eval_expr(in, target, &self);
			if (st == SH_OK && sh_kind_of(self) != SH_TYPE)
				st = sh_raisef(in, target, SH_CAT_INVALID_OPERATION, "TypeNotFound",
				               NULL, "Unable to find type [%s].",
				               sh_type_name(self));
			else if (st == SH_OK)
				t = sh_type_of_typevalue(self);
		}
		if (st != SH_OK) {
			free_args(args, nargs);
			free(owned);
			sh_unref(self);
			return st;
		}
		rc = sh_static_method(in, t, name, args, nargs, out, &error);
		if (rc == 1)
			st = sh_raisef(
			    in, node, SH_CAT_INVALID_OPERATION, "MethodNotFound", NULL,
			    "Method invocation failed because [%s] does not contain a method "
			    "named '%s'.",
			    t.name ? t.name : target->u.type.type_name, name);
	} else {
		st = sh_eval_expr(in, target, &self);
		if (st == SH_OK) {
			if (!self) {
				st = sh_raisef(
				    in, node, SH_CAT_INVALID_OPERATION, "InvokeMethodOnNull", NULL,
				    "You cannot call a method on a null-valued expression.");
				rc = 0;
			} else {
				rc = sh_call_member(in, self, name, args, nargs, out, &error);
				if (rc == 1)
					st = sh_raisef(in, node, SH_CAT_INVALID_OPERATION,
					               "MethodNotFound", NULL,
					               "Method invocation failed because [%s] does "
					               "not contain "
					               "a method named '%s'.",
					               sh_type_name(self), name);
			}
		} else {
			rc = 0;
		}
	}
	if (st == SH_OK && rc < 0)
		st = raise_message(in, node, error, SH_CAT_NOT_SPECIFIED,
		                   "MethodInvocationException");
	else
		free(error);
	sh_unref(self);
	free_args(args, nargs);
	free(owned);
	return st;
}

static sh_status eval_member(sh_interp *in, const sh_node *node, sh_value **out)
{
	char *owned;
	sh_status st;
	const char *name = member_name_of(in, node->u.member.member, &owned, &st);
	if (st != SH_OK)
		return st;
	char *error = NULL;
	int rc;
	const sh_node *target = node->u.member.target;
	if (node->u.member.is_static) {
		sh_type t;
		sh_value *tv = NULL;
		if (target->kind == N_TYPE) {
			st = resolve_type(in, target, target->u.type.type_name, &t);
		} else {
			st = sh_eval_expr(in, target, &tv);
			if (st == SH_OK && sh_kind_of(tv) != SH_TYPE)
				st = sh_raisef(in, target, SH_CAT_INVALID_OPERATION, "TypeNotFound",
				               NULL, "Unable to find type [%s].", sh_type_name(tv));
			else if (st == SH_OK)
				t = sh_type_of_typevalue(tv);
		}
		if (st == SH_OK) {
			rc = sh_static_property(t, name, out, &error);
			if (rc < 0)
				st = raise_message(in, node, error, SH_CAT_NOT_SPECIFIED,
				                   "PropertyNotFound");
			else
				free(error);
		}
		sh_unref(tv);
		free(owned);
		return st;
	}
	sh_value *self = NULL;
	if ((st = sh_eval_expr(in, target, &self)) != SH_OK) {
		free(owned);
		return st;
	}
	rc = sh_get_member(in, self, name, out, &error);
	if (rc < 0)
		st = raise_message(in, node, error, SH_CAT_NOT_SPECIFIED,
		                   "GetValueInvocationException");
	else
		free(error);
	sh_unref(self);
	free(owned);
	return st;
}

static sh_status eval_cast(sh_interp *in, const sh_node *node, sh_value **out)
{
	const char *tname = node->u.type.type_name;
	const sh_node *operand = node->u.type.operand;
	sh_type t;
	sh_status st = resolve_type(in, node, tname, &t);
	if (st != SH_OK)
		return st;
	if (t.id == SH_T_ORDERED && operand->kind == N_HASH_LITERAL) {
		sh_value *h = NULL;
		st = sh_eval_expr(in, operand, &h);
		if (st != SH_OK)
			return st;
		sh_value *o = sh_hash_new(true);
		for (size_t i = 0; i < sh_hash_len(h); i++)
			sh_hash_set(o, sh_hash_key_at(h, i), sh_ref(sh_hash_value_at(h, i)));
		sh_unref(h);
		*out = o;
		return SH_OK;
	}
	sh_value *v = NULL;
	if ((st = sh_eval_expr(in, operand, &v)) != SH_OK)
		return st;
	if (t.id == SH_T_VOID) {
		sh_unref(v);
		*out = NULL;
		return SH_OK;
	}
	char *error = NULL;
	if (sh_convert(v, t, out, &error) < 0) {
		const char *id = sh_kind_of(v) == SH_STRING ? "InvalidCastFromStringToInteger"
		                                            : "ConvertToFinalInvalidCastException";
		if (sh_kind_of(v) == SH_STRING && t.id != SH_T_INT && t.id != SH_T_LONG &&
		    t.id != SH_T_DOUBLE && t.id != SH_T_BYTE)
			id = "InvalidCastParseTargetInvocation";
		sh_unref(v);
		return raise_message(in, node, error, SH_CAT_INVALID_ARGUMENT, id);
	}
	sh_unref(v);
	return SH_OK;
}

static sh_status eval_binary(sh_interp *in, const sh_node *node, sh_value **out)
{
	sh_value *l = NULL, *r = NULL;
	sh_status st = sh_eval_expr(in, node->u.binary.left, &l);
	if (st != SH_OK)
		return st;
	const sh_node *right = node->u.binary.right;
	sh_binop op = node->u.binary.op;
	if ((op == SH_OP_IS || op == SH_OP_ISNOT || op == SH_OP_AS) && right->kind == N_TYPE) {
		sh_type t;
		sh_type_lookup(right->u.type.type_name,
		               &t); /* unknown names match object type names */
		if (t.id == SH_T_NAMED)
			t.name = right->u.type.type_name;
		r = sh_type_value(t);
	} else if ((st = sh_eval_expr(in, right, &r)) != SH_OK) {
		sh_unref(l);
		return st;
	}
	sh_value *matches = NULL;
	char *error = NULL;
	bool want_matches = op == SH_OP_MATCH || op == SH_OP_NOTMATCH;
	if (sh_binary(op, node->u.binary.case_sensitive, l, r, out, want_matches ? &matches : NULL,
	              &error) < 0) {
		sh_unref(l);
		sh_unref(r);
		/* "does not contain a method named 'op_Subtraction'" and friends */
		bool no_method = error && strstr(error, "op_");
		return raise_message(in, node, error,
		                     no_method ? SH_CAT_INVALID_OPERATION : SH_CAT_NOT_SPECIFIED,
		                     no_method ? "MethodNotFound" : "RuntimeException");
	}
	if (matches)
		sh_var_set(in, "Matches", matches);
	sh_unref(l);
	sh_unref(r);
	return SH_OK;
}

static sh_status eval_incdec(sh_interp *in, const sh_node *node, sh_value **out);
static sh_status assign_to(sh_interp *in, const sh_node *lhs, sh_value *value);

sh_status sh_eval_expr(sh_interp *in, const sh_node *node, sh_value **out)
{
	*out = NULL;
	sh_status st;
	switch (node->kind) {
	case N_CONSTANT:
		*out = sh_ref(node->u.constant.value);
		return SH_OK;
	case N_EXPANDABLE_STRING: {
		sh_buf b = {0};
		for (size_t i = 0; i < node->u.expandable.parts.len; i++) {
			const sh_node *part = node->u.expandable.parts.items[i];
			if (part->kind == N_CONSTANT &&
			    sh_kind_of(part->u.constant.value) == SH_STRING) {
				buf_puts(&b, sh_str(part->u.constant.value));
				continue;
			}
			sh_value *v = NULL;
			if ((st = sh_eval_expr(in, part, &v)) != SH_OK) {
				buf_free(&b);
				return st;
			}
			char *s = sh_to_string(v);
			buf_puts(&b, s);
			free(s);
			sh_unref(v);
		}
		*out = sh_string_take(buf_detach(&b));
		return SH_OK;
	}
	case N_VARIABLE:
		return eval_variable(in, node, out);
	case N_ARRAY_LITERAL: {
		sh_value *a = sh_array_new(node->u.array.len);
		for (size_t i = 0; i < node->u.array.len; i++) {
			sh_value *v = NULL;
			if ((st = sh_eval_expr(in, node->u.array.items[i], &v)) != SH_OK) {
				sh_unref(a);
				return st;
			}
			sh_array_append(a, v);
		}
		*out = a;
		return SH_OK;
	}
	case N_ARRAY_EXPR:
	case N_SUBEXPR: {
		sh_collector c;
		sh_collector_init(&c);
		sh_sink sink = sh_collector_sink(&c);
		st = sh_eval_statements(in, node->u.group.body, &sink);
		if (st != SH_OK) {
			sh_unref(c.items);
			return st;
		}
		*out =
		    node->kind == N_ARRAY_EXPR ? sh_collector_array(&c) : sh_collector_result(&c);
		return SH_OK;
	}
	case N_PAREN:
		return eval_statement_value(in, node->u.group.body, out);
	case N_HASH_LITERAL: {
		sh_value *h = sh_hash_new(false);
		for (size_t i = 0; i < node->u.hash.keys.len; i++) {
			sh_value *k = NULL, *v = NULL;
			if ((st = sh_eval_expr(in, node->u.hash.keys.items[i], &k)) != SH_OK ||
			    (st = eval_statement_value(in, node->u.hash.values.items[i], &v)) !=
			        SH_OK) {
				sh_unref(k);
				sh_unref(h);
				return st;
			}
			sh_hash_set(h, k, v);
			sh_unref(k);
		}
		*out = h;
		return SH_OK;
	}
	case N_SCRIPTBLOCK_EXPR:
		*out = sh_scriptblock_new((sh_ast_unit *)in->unit, node->u.sbexpr.body);
		return SH_OK;
	case N_BINARY:
		return eval_binary(in, node, out);
	case N_LOGICAL: {
		sh_value *l = NULL;
		if ((st = sh_eval_expr(in, node->u.logical.left, &l)) != SH_OK)
			return st;
		bool lb = sh_to_bool(l);
		sh_unref(l);
		if (node->u.logical.op == SH_OP_AND && !lb) {
			*out = sh_bool(false);
			return SH_OK;
		}
		if (node->u.logical.op == SH_OP_OR && lb) {
			*out = sh_bool(true);
			return SH_OK;
		}
		sh_value *r = NULL;
		if ((st = sh_eval_expr(in, node->u.logical.right, &r)) != SH_OK)
			return st;
		bool rb = sh_to_bool(r);
		sh_unref(r);
		*out = sh_bool(node->u.logical.op == SH_OP_XOR ? lb != rb : rb);
		return SH_OK;
	}
	case N_UNARY: {
		sh_value *v = NULL;
		if ((st = sh_eval_expr(in, node->u.unary.operand, &v)) != SH_OK)
			return st;
		char *error = NULL;
		int rc = sh_unary(node->u.unary.op, v, out, &error);
		sh_unref(v);
		if (rc < 0)
			return raise_message(in, node, error, SH_CAT_NOT_SPECIFIED,
			                     "RuntimeException");
		return SH_OK;
	}
	case N_INCDEC:
		return eval_incdec(in, node, out);
	case N_CAST:
		return eval_cast(in, node, out);
	case N_TYPE: {
		sh_type t;
		if ((st = resolve_type(in, node, node->u.type.type_name, &t)) != SH_OK)
			return st;
		*out = sh_type_value(t);
		return SH_OK;
	}
	case N_MEMBER:
		return eval_member(in, node, out);
	case N_INVOKE:
		return eval_invoke(in, node, out);
	case N_INDEX: {
		sh_value *t = NULL, *i = NULL;
		if ((st = sh_eval_expr(in, node->u.index.target, &t)) != SH_OK)
			return st;
		if ((st = sh_eval_expr(in, node->u.index.index, &i)) != SH_OK) {
			sh_unref(t);
			return st;
		}
		st = index_value(in, node, t, i, out);
		sh_unref(t);
		sh_unref(i);
		return st;
	}
	case N_PIPELINE:
	case N_ASSIGN:
	case N_IF:
	case N_SWITCH:
	case N_FOREACH:
	case N_FOR:
	case N_WHILE:
	case N_DO_WHILE:
	case N_DO_UNTIL:
		return eval_statement_value(in, node, out);
	case N_COMMAND_EXPR:
		return sh_eval_expr(in, node->u.command_expr.expr, out);
	default:
		return sh_raisef(in, node, SH_CAT_PARSER_ERROR, "UnexpectedToken", NULL,
		                 "Unexpected token in expression or statement.");
	}
}

/* The value of a statement used as an expression: `$x = <statement>`. */
static sh_status eval_statement_value(sh_interp *in, const sh_node *node, sh_value **out)
{
	*out = NULL;
	if (!node)
		return SH_OK;
	if (is_simple_expression_pipeline(node)) {
		const sh_node *expr = node->u.pipeline.elements.items[0]->u.command_expr.expr;
		return sh_eval_expr(in, expr, out);
	}
	if (node->kind == N_ASSIGN) {
		sh_status st = sh_eval_statement(in, node, &discard_sink);
		if (st != SH_OK)
			return st;
		const sh_node *lhs = node->u.assign.lhs;
		if (lhs->kind == N_CAST)
			lhs = lhs->u.type.operand;
		return sh_eval_expr(in, lhs, out);
	}
	sh_collector c;
	sh_collector_init(&c);
	sh_sink sink = sh_collector_sink(&c);
	sh_status st = sh_eval_statement(in, node, &sink);
	if (st != SH_OK) {
		sh_unref(c.items);
		return st;
	}
	*out = sh_collector_result(&c);
	return SH_OK;
}

/* ------------------------------------------------------------------ */
/* assignment */

/* Takes value. */
static sh_status assign_to(sh_interp *in, const sh_node *lhs, sh_value *value)
{
	sh_status st;
	switch (lhs->kind) {
	case N_VARIABLE:
		return assign_variable(in, lhs, value);
	case N_CAST: {
		const sh_node *var = lhs->u.type.operand;
		sh_type t;
		if ((st = resolve_type(in, lhs, lhs->u.type.type_name, &t)) != SH_OK) {
			sh_unref(value);
			return st;
		}
		if (var->kind != N_VARIABLE) {
			sh_unref(value);
			return sh_raisef(
			    in, lhs, SH_CAT_PARSER_ERROR, "InvalidLeftHandSide", NULL,
			    "The assignment expression is not valid. The input to an "
			    "assignment operator must be an object that is able to accept "
			    "assignments, such as a variable or a property.");
		}
		sh_value *converted;
		char *error = NULL;
		if (sh_convert(value, t, &converted, &error) < 0) {
			sh_unref(value);
			return raise_message(in, lhs, error, SH_CAT_METADATA_ERROR,
			                     "RuntimeException");
		}
		sh_unref(value);
		sh_scope *scope = sh_scope_for(in, var->u.variable.scope);
		sh_var *v =
		    sh_scope_find(scope, var->u.variable.name, sh_name_hash(var->u.variable.name));
		if (v)
			v->constrained = false; /* a new cast replaces the constraint */
		if ((st = assign_variable(in, var, converted)) != SH_OK)
			return st;
		v = sh_scope_find(scope, var->u.variable.name, sh_name_hash(var->u.variable.name));
		if (v) {
			v->constraint = t;
			v->constrained = t.id != SH_T_OBJECT && t.id != SH_T_NAMED;
		}
		return SH_OK;
	}
	case N_MEMBER: {
		char *owned;
		const char *name = member_name_of(in, lhs->u.member.member, &owned, &st);
		if (st != SH_OK) {
			sh_unref(value);
			return st;
		}
		sh_value *target = NULL;
		if ((st = sh_eval_expr(in, lhs->u.member.target, &target)) != SH_OK) {
			sh_unref(value);
			free(owned);
			return st;
		}
		char *error = NULL;
		if (!target) {
			sh_unref(value);
			st = sh_raisef(in, lhs, SH_CAT_INVALID_OPERATION,
			               "PropertyAssignmentException", NULL,
			               "The property '%s' cannot be found on this object. Verify "
			               "that the property exists and can be set.",
			               name);
		} else if (sh_set_member(in, target, name, value, &error) < 0) {
			st = raise_message(in, lhs, error, SH_CAT_INVALID_OPERATION,
			                   "PropertyAssignmentException");
		}
		sh_unref(target);
		free(owned);
		return st;
	}
	case N_INDEX: {
		sh_value *target = NULL, *index = NULL;
		if ((st = sh_eval_expr(in, lhs->u.index.target, &target)) != SH_OK ||
		    (st = sh_eval_expr(in, lhs->u.index.index, &index)) != SH_OK) {
			sh_unref(target);
			sh_unref(value);
			return st;
		}
		st = set_index(in, lhs, target, index, value);
		sh_unref(target);
		sh_unref(index);
		return st;
	}
	case N_ARRAY_LITERAL: {
		size_t n = lhs->u.array.len;
		sh_value *items = sh_kind_of(value) == SH_ARRAY ? value : NULL;
		size_t have = items ? sh_array_len(items) : (value ? 1 : 0);
		for (size_t i = 0; i < n; i++) {
			sh_value *v = NULL;
			if (!items) {
				v = i == 0 ? sh_ref(value) : NULL;
			} else if (i + 1 < n) {
				v = i < have ? sh_ref(sh_array_get(items, i)) : NULL;
			} else if (have > n) { /* the last target takes the rest */
				v = sh_array_new(have - i);
				for (size_t j = i; j < have; j++)
					sh_array_append(v, sh_ref(sh_array_get(items, j)));
			} else {
				v = i < have ? sh_ref(sh_array_get(items, i)) : NULL;
			}
			if ((st = assign_to(in, lhs->u.array.items[i], v)) != SH_OK) {
				sh_unref(value);
				return st;
			}
		}
		sh_unref(value);
		return SH_OK;
	}
	default:
		sh_unref(value);
		return sh_raisef(
		    in, lhs, SH_CAT_PARSER_ERROR, "InvalidLeftHandSide", NULL,
		    "The assignment expression is not valid. The input to an assignment "
		    "operator must be an object that is able to accept assignments, such "
		    "as a variable or a property.");
	}
}

static const sh_binop assign_ops[] = {
    [SH_ASSIGN_ADD] = SH_OP_ADD, [SH_ASSIGN_SUB] = SH_OP_SUB, [SH_ASSIGN_MUL] = SH_OP_MUL,
    [SH_ASSIGN_DIV] = SH_OP_DIV, [SH_ASSIGN_MOD] = SH_OP_MOD,
};

static sh_status combine(sh_interp *in, const sh_node *node, sh_binop op, sh_value *current,
                         sh_value *operand, sh_value **out)
{
	char *error = NULL;
	if (sh_binary(op, false, current, operand, out, NULL, &error) < 0)
		return raise_message(in, node, error, SH_CAT_NOT_SPECIFIED, "RuntimeException");
	return SH_OK;
}

static sh_status eval_assign(sh_interp *in, const sh_node *node)
{
	const sh_node *lhs = node->u.assign.lhs;
	sh_value *rhs = NULL;
	sh_status st = eval_statement_value(in, node->u.assign.rhs, &rhs);
	if (st != SH_OK)
		return st;
	if (node->u.assign.op == SH_ASSIGN)
		return assign_to(in, lhs, rhs);
	sh_binop op = assign_ops[node->u.assign.op];
	/* the hot path of loops: `$s += $i` on a variable of the current scope */
	if (lhs->kind == N_VARIABLE && !lhs->u.variable.scope) {
		sh_var *v = sh_scope_find(in->current, lhs->u.variable.name,
		                          sh_name_hash(lhs->u.variable.name));
		if (v && !v->readonly && !v->constrained) {
			sh_value *result = NULL;
			st = combine(in, node, op, v->value, rhs, &result);
			sh_unref(rhs);
			if (st != SH_OK)
				return st;
			sh_unref(v->value);
			v->value = result;
			return SH_OK;
		}
	}
	sh_value *current = NULL;
	if ((st = sh_eval_expr(in, lhs, &current)) != SH_OK) {
		sh_unref(rhs);
		return st;
	}
	sh_value *result = NULL;
	st = combine(in, node, op, current, rhs, &result);
	sh_unref(current);
	sh_unref(rhs);
	if (st != SH_OK)
		return st;
	return assign_to(in, lhs, result);
}

static sh_status eval_incdec(sh_interp *in, const sh_node *node, sh_value **out)
{
	const sh_node *target = node->u.incdec.operand;
	sh_value *current = NULL;
	sh_status st = sh_eval_expr(in, target, &current);
	if (st != SH_OK)
		return st;
	sh_value *base = current ? sh_ref(current) : sh_int(0);
	sh_value *one = sh_int(1);
	sh_value *result = NULL;
	st =
	    combine(in, node, node->u.incdec.increment ? SH_OP_ADD : SH_OP_SUB, base, one, &result);
	sh_unref(one);
	sh_unref(base);
	if (st != SH_OK) {
		sh_unref(current);
		return st;
	}
	*out = node->u.incdec.prefix ? sh_ref(result) : (current ? sh_ref(current) : sh_int(0));
	sh_unref(current);
	return assign_to(in, target, result);
}

/* ------------------------------------------------------------------ */
/* statements */

/* Returns 0 to keep looping, 1 to leave the loop normally, 2 to propagate *st. */
static int loop_control(sh_interp *in, const char *label, sh_status *st)
{
	if (*st == SH_BREAK || *st == SH_CONTINUE) {
		if (!in->jump_label || (label && str_ieq(in->jump_label, label))) {
			bool is_break = *st == SH_BREAK;
			free(in->jump_label);
			in->jump_label = NULL;
			*st = SH_OK;
			return is_break ? 1 : 0;
		}
		return 2;
	}
	return *st == SH_OK ? 0 : 2;
}

static sh_status check_interrupt(const sh_interp *in)
{
	(void)in;
	return sh_interrupt_flag ? SH_INTERRUPT : SH_OK;
}

static sh_status eval_condition(sh_interp *in, const sh_node *cond, bool *result)
{
	sh_value *v = NULL;
	sh_status st = eval_statement_value(in, cond, &v);
	if (st == SH_OK)
		*result = sh_to_bool(v);
	sh_unref(v);
	return st;
}

static sh_status eval_body(sh_interp *in, const sh_node *body, const sh_sink *out)
{
	if (!body)
		return SH_OK;
	if (body->kind == N_STATEMENTS)
		return sh_eval_statements(in, body, out);
	if (body->kind == N_SCRIPTBLOCK)
		return sh_run_block_body(in, body, out);
	return sh_eval_statement(in, body, out);
}

static sh_status eval_if(sh_interp *in, const sh_node *node, const sh_sink *out)
{
	for (size_t i = 0; i < node->u.if_stmt.conditions.len; i++) {
		bool b;
		sh_status st = eval_condition(in, node->u.if_stmt.conditions.items[i], &b);
		if (st != SH_OK)
			return st;
		if (b)
			return eval_body(in, node->u.if_stmt.bodies.items[i], out);
	}
	return eval_body(in, node->u.if_stmt.else_body, out);
}

/* A range expression in a foreach or pipeline head is walked lazily. */
static bool range_bounds(sh_interp *in, const sh_node *expr, int64_t *from, int64_t *to,
                         sh_status *st)
{
	*st = SH_OK;
	if (!expr || expr->kind != N_BINARY || expr->u.binary.op != SH_OP_RANGE)
		return false;
	sh_value *l = NULL, *r = NULL;
	if ((*st = sh_eval_expr(in, expr->u.binary.left, &l)) != SH_OK)
		return true;
	if ((*st = sh_eval_expr(in, expr->u.binary.right, &r)) != SH_OK) {
		sh_unref(l);
		return true;
	}
	char *error = NULL;
	bool ok = sh_to_int64(l, from, &error) && sh_to_int64(r, to, &error);
	sh_unref(l);
	sh_unref(r);
	if (!ok)
		*st = raise_message(in, expr, error, SH_CAT_INVALID_ARGUMENT, "RuntimeException");
	return true;
}

static const sh_node *single_expression(const sh_node *pipeline)
{
	if (!is_simple_expression_pipeline(pipeline))
		return NULL;
	return pipeline->u.pipeline.elements.items[0]->u.command_expr.expr;
}

static sh_status eval_foreach(sh_interp *in, const sh_node *node, const sh_sink *out)
{
	const char *label = node->u.foreach_stmt.label;
	const sh_node *var = node->u.foreach_stmt.variable;
	const sh_node *body = node->u.foreach_stmt.body;
	int64_t from, to;
	sh_status st;
	if (range_bounds(in, single_expression(node->u.foreach_stmt.collection), &from, &to, &st)) {
		if (st != SH_OK)
			return st;
		int64_t step = from <= to ? 1 : -1;
		for (int64_t i = from;; i += step) {
			if ((st = check_interrupt(in)) != SH_OK)
				return st;
			if ((st = assign_variable(in, var, sh_integer(i))) != SH_OK)
				return st;
			st = eval_body(in, body, out);
			int c = loop_control(in, label, &st);
			if (c == 1)
				break;
			if (c == 2)
				return st;
			if (i == to)
				break;
		}
		return SH_OK;
	}
	sh_value *coll = NULL;
	if ((st = eval_statement_value(in, node->u.foreach_stmt.collection, &coll)) != SH_OK)
		return st;
	if (!coll)
		return SH_OK;
	bool is_array = sh_kind_of(coll) == SH_ARRAY;
	size_t n = is_array ? sh_array_len(coll) : 1;
	for (size_t i = 0; i < n; i++) {
		if ((st = check_interrupt(in)) != SH_OK)
			break;
		if (is_array && i >= sh_array_len(coll))
			break;
		sh_value *item = is_array ? sh_array_get(coll, i) : coll;
		if ((st = assign_variable(in, var, sh_ref(item))) != SH_OK)
			break;
		st = eval_body(in, body, out);
		int c = loop_control(in, label, &st);
		if (c == 1)
			break;
		if (c == 2)
			break;
	}
	sh_unref(coll);
	return st;
}

static sh_status eval_for(sh_interp *in, const sh_node *node, const sh_sink *out)
{
	sh_status st = SH_OK;
	if (node->u.for_stmt.init &&
	    (st = sh_eval_statement(in, node->u.for_stmt.init, out)) != SH_OK)
		return st;
	for (;;) {
		if ((st = check_interrupt(in)) != SH_OK)
			return st;
		if (node->u.for_stmt.condition) {
			bool b;
			if ((st = eval_condition(in, node->u.for_stmt.condition, &b)) != SH_OK)
				return st;
			if (!b)
				break;
		}
		st = eval_body(in, node->u.for_stmt.body, out);
		int c = loop_control(in, node->u.for_stmt.label, &st);
		if (c == 1)
			break;
		if (c == 2)
			return st;
		if (node->u.for_stmt.iterator &&
		    (st = sh_eval_statement(in, node->u.for_stmt.iterator, out)) != SH_OK)
			return st;
	}
	return SH_OK;
}

static sh_status eval_loop(sh_interp *in, const sh_node *node, const sh_sink *out)
{
	bool test_first = node->kind == N_WHILE;
	bool until = node->kind == N_DO_UNTIL;
	sh_status st;
	for (;;) {
		if ((st = check_interrupt(in)) != SH_OK)
			return st;
		if (test_first) {
			bool b;
			if ((st = eval_condition(in, node->u.loop.condition, &b)) != SH_OK)
				return st;
			if (!b)
				break;
		}
		st = eval_body(in, node->u.loop.body, out);
		int c = loop_control(in, node->u.loop.label, &st);
		if (c == 1)
			break;
		if (c == 2)
			return st;
		if (!test_first) {
			bool b;
			if ((st = eval_condition(in, node->u.loop.condition, &b)) != SH_OK)
				return st;
			if (until ? b : !b)
				break;
		}
	}
	return SH_OK;
}

/* Lines of a file for `switch -File`. */
static sh_status file_lines(sh_interp *in, const sh_node *node, sh_value *name, sh_value **out)
{
	char *path = sh_to_string(name);
	char *full = sh_full_path(in, path);
	FILE *f = fopen(full, "r");
	if (!f) {
		sh_status st = sh_raisef(in, node, SH_CAT_OBJECT_NOT_FOUND, "PathNotFound",
		                         "System.Management.Automation.ItemNotFoundException",
		                         "Cannot find path '%s' because it does not exist.", full);
		free(path);
		free(full);
		return st;
	}
	sh_value *lines = sh_array_new(16);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = 0;
		sh_array_append(lines, sh_string(line));
	}
	free(line);
	fclose(f);
	free(path);
	free(full);
	*out = lines;
	return SH_OK;
}

static sh_status switch_clause_matches(sh_interp *in, const sh_node *node, const sh_node *pattern,
                                       sh_value *item, bool *matched)
{
	*matched = false;
	sh_status st;
	if (pattern->kind == N_SCRIPTBLOCK_EXPR) {
		sh_collector c;
		sh_collector_init(&c);
		sh_sink sink = sh_collector_sink(&c);
		st = sh_run_block_body(in, pattern->u.sbexpr.body, &sink);
		sh_value *r = sh_collector_result(&c);
		if (st == SH_OK)
			*matched = sh_to_bool(r);
		sh_unref(r);
		return st;
	}
	sh_value *p = NULL;
	if ((st = sh_eval_expr(in, pattern, &p)) != SH_OK)
		return st;
	bool cs = node->u.switch_stmt.case_sensitive;
	switch (node->u.switch_stmt.mode) {
	case SH_SWITCH_EXACT:
		if (sh_kind_of(item) == SH_STRING || sh_kind_of(p) == SH_STRING) {
			char *a = sh_to_string(item), *b = sh_to_string(p);
			*matched = cs ? strcmp(a, b) == 0 : str_ieq(a, b);
			free(a);
			free(b);
		} else {
			*matched = sh_equals(item, p, cs);
		}
		break;
	case SH_SWITCH_WILDCARD: {
		char *a = sh_to_string(item), *b = sh_to_string(p);
		*matched = sh_wildcard_match(b, a, !cs);
		free(a);
		free(b);
		break;
	}
	case SH_SWITCH_REGEX: {
		char *a = sh_to_string(item), *b = sh_to_string(p);
		char *error = NULL;
		sh_regex *re = sh_regex_get(b, cs, &error);
		if (!re) {
			st = raise_message(in, pattern, error, SH_CAT_INVALID_OPERATION,
			                   "InvalidRegularExpression");
		} else {
			sh_value *groups = NULL;
			*matched = sh_regex_match(re, a, &groups);
			if (*matched && groups)
				sh_var_set(in, "Matches", groups);
			else
				sh_unref(groups);
		}
		free(a);
		free(b);
		break;
	}
	}
	sh_unref(p);
	return st;
}

static sh_status eval_switch(sh_interp *in, const sh_node *node, const sh_sink *out)
{
	sh_value *subject = NULL;
	sh_status st = eval_statement_value(in, node->u.switch_stmt.condition, &subject);
	if (st != SH_OK)
		return st;
	if (node->u.switch_stmt.file) {
		sh_value *lines = NULL;
		st = file_lines(in, node, subject, &lines);
		sh_unref(subject);
		if (st != SH_OK)
			return st;
		subject = lines;
	}
	bool is_array = sh_kind_of(subject) == SH_ARRAY;
	size_t n = is_array ? sh_array_len(subject) : 1;
	sh_value *saved_under = sh_ref(sh_var_get(in, "_"));
	const char *label = node->u.switch_stmt.label;
	bool stop = false;
	for (size_t i = 0; i < n && !stop && st == SH_OK; i++) {
		sh_value *item = is_array ? sh_array_get(subject, i) : subject;
		sh_var_set(in, "_", sh_ref(item));
		bool any = false;
		for (size_t k = 0; k < node->u.switch_stmt.patterns.len && !stop; k++) {
			bool matched;
			st = switch_clause_matches(in, node, node->u.switch_stmt.patterns.items[k],
			                           item, &matched);
			if (st != SH_OK) {
				stop = true;
				break;
			}
			if (!matched)
				continue;
			any = true;
			st = eval_body(in, node->u.switch_stmt.bodies.items[k], out);
			if (st == SH_CONTINUE &&
			    (!in->jump_label || (label && str_ieq(in->jump_label, label)))) {
				free(in->jump_label);
				in->jump_label = NULL;
				st = SH_OK;
				break; /* next item */
			}
			int c = loop_control(in, label, &st);
			if (c != 0)
				stop = true;
		}
		if (!any && !stop && st == SH_OK && node->u.switch_stmt.default_body) {
			st = eval_body(in, node->u.switch_stmt.default_body, out);
			if (loop_control(in, label, &st) != 0)
				stop = true;
		}
	}
	sh_var_set(in, "_", saved_under);
	sh_unref(subject);
	return st;
}

/* Does an error record's exception match a catch/trap type name? */
static bool exception_matches(const sh_value *record, const char *type_name)
{
	const sh_value *ex = sh_object_note(record, "Exception");
	const char *want_short = strrchr(type_name, '.');
	want_short = want_short ? want_short + 1 : type_name;
	if (str_ieq(want_short, "Exception") || str_ieq(want_short, "Object"))
		return true;
	size_t n = ex ? sh_object_typename_count(ex) : 0;
	for (size_t i = 0; i < n; i++) {
		const char *tn = sh_object_typename(ex, i);
		const char *short_tn = strrchr(tn, '.');
		short_tn = short_tn ? short_tn + 1 : tn;
		if (str_ieq(tn, type_name) || str_ieq(short_tn, want_short))
			return true;
	}
	return false;
}

static bool catch_matches(const sh_node *types, const sh_value *record)
{
	if (!types || types->u.array.len == 0)
		return true;
	for (size_t i = 0; i < types->u.array.len; i++)
		if (exception_matches(record, types->u.array.items[i]->u.type.type_name))
			return true;
	return false;
}

static sh_status eval_try(sh_interp *in, const sh_node *node, const sh_sink *out)
{
	in->handler_depth++;
	sh_status st = sh_eval_statements(in, node->u.try_stmt.body, out);
	in->handler_depth--;
	if (st == SH_THROW) {
		bool fatal = in->pending_fatal;
		sh_value *rec = sh_take_pending_error(in);
		size_t i;
		for (i = 0; i < node->u.try_stmt.catch_bodies.len; i++)
			if (catch_matches(node->u.try_stmt.catch_types.items[i], rec))
				break;
		if (i < node->u.try_stmt.catch_bodies.len) {
			in->pending_fatal = false;
			in->statement_failed = false; /* handled: $? reflects the catch block */
			sh_value *saved = sh_ref(sh_var_get(in, "_"));
			sh_var_set(in, "_", sh_ref(rec));
			st = sh_eval_statements(in, node->u.try_stmt.catch_bodies.items[i], out);
			sh_var_set(in, "_", saved);
			sh_unref(rec);
		} else {
			sh_set_pending_error(in, rec);
			in->pending_fatal = fatal;
		}
	}
	if (node->u.try_stmt.finally_body) {
		sh_value *pending = sh_take_pending_error(in);
		bool fatal = in->pending_fatal;
		char *label = in->jump_label;
		in->jump_label = NULL;
		sh_status fst = sh_eval_statements(in, node->u.try_stmt.finally_body, out);
		if (fst != SH_OK) {
			sh_unref(pending);
			free(label);
			return fst;
		}
		in->jump_label = label;
		if (pending) {
			sh_set_pending_error(in, pending);
			in->pending_fatal = fatal;
		}
	}
	return st;
}

static sh_status eval_throw(sh_interp *in, const sh_node *node)
{
	sh_value *v = NULL;
	sh_status st = SH_OK;
	if (node->u.flow.value) {
		st = eval_statement_value(in, node->u.flow.value, &v);
		if (st != SH_OK)
			return st;
	} else {
		sh_value *current = sh_var_get(in, "_");
		if (sh_is_error_record(current))
			v = sh_ref(current); /* `throw` alone in a catch rethrows */
	}
	sh_error_site site = {in->unit, node, NULL, NULL};
	sh_value *rec = sh_error_record_from_thrown(v, &site);
	sh_unref(v);
	sh_record_error(in, rec);
	in->statement_failed = true;
	sh_set_pending_error(in, rec);
	in->pending_fatal = true;
	return SH_THROW;
}

static char *label_text(sh_interp *in, const sh_node *label)
{
	if (!label)
		return NULL;
	sh_value *v = NULL;
	if (sh_eval_expr(in, label, &v) != SH_OK) {
		sh_unref(sh_take_pending_error(in));
		return NULL;
	}
	char *s = sh_to_string(v);
	sh_unref(v);
	return s;
}

static sh_status eval_exit(sh_interp *in, const sh_node *node)
{
	int code = 0;
	if (node->u.flow.value) {
		sh_value *v = NULL;
		sh_status st = eval_statement_value(in, node->u.flow.value, &v);
		if (st != SH_OK)
			return st;
		int64_t n = 0;
		if (v && !sh_to_int64(v, &n, NULL))
			n = sh_to_bool(v) ? 1 : 0;
		code = (int)n;
		sh_unref(v);
	}
	in->exit_code = code;
	return SH_EXIT;
}

sh_status sh_eval_statement(sh_interp *in, const sh_node *node, const sh_sink *out)
{
	sh_status st;
	switch (node->kind) {
	case N_PIPELINE:
		if (is_simple_expression_pipeline(node)) {
			const sh_node *expr = single_expression(node);
			sh_value *v = NULL;
			if ((st = sh_eval_expr(in, expr, &v)) != SH_OK)
				return st;
			/* $i++ and [void](...) as statements write nothing */
			if (expr->kind == N_INCDEC ||
			    (expr->kind == N_CAST && str_ieq(expr->u.type.type_name, "void"))) {
				sh_unref(v);
				return SH_OK;
			}
			return sh_write_unrolled(out, v);
		}
		return sh_run_pipeline(in, node, out);
	case N_ASSIGN:
		return eval_assign(in, node);
	case N_IF:
		return eval_if(in, node, out);
	case N_SWITCH:
		return eval_switch(in, node, out);
	case N_FOREACH:
		return eval_foreach(in, node, out);
	case N_FOR:
		return eval_for(in, node, out);
	case N_WHILE:
	case N_DO_WHILE:
	case N_DO_UNTIL:
		return eval_loop(in, node, out);
	case N_BREAK:
	case N_CONTINUE:
		free(in->jump_label);
		in->jump_label = label_text(in, node->u.jump.label);
		return node->kind == N_BREAK ? SH_BREAK : SH_CONTINUE;
	case N_RETURN:
		if (node->u.flow.value &&
		    (st = sh_eval_statement(in, node->u.flow.value, out)) != SH_OK)
			return st;
		return SH_RETURN;
	case N_EXIT:
		return eval_exit(in, node);
	case N_THROW:
		return eval_throw(in, node);
	case N_TRY:
		return eval_try(in, node, out);
	case N_TRAP:
		return SH_OK;
	case N_FUNCTION:
		sh_function_set(in, node->u.function.name,
		                sh_scriptblock_new((sh_ast_unit *)in->unit, node->u.function.body),
		                node->u.function.is_filter);
		return SH_OK;
	case N_STATEMENTS:
		return sh_eval_statements(in, node, out);
	case N_SCRIPTBLOCK:
		return sh_run_block_body(in, node, out);
	default: {
		sh_value *v = NULL;
		if ((st = sh_eval_expr(in, node, &v)) != SH_OK)
			return st;
		return sh_write_unrolled(out, v);
	}
	}
}

/* A trap in the statement list handles the pending error: returns SH_OK to
 * go on with the next statement, or the status to propagate. */
static sh_status run_trap(sh_interp *in, const sh_node *list, const sh_sink *out)
{
	sh_value *rec = sh_take_pending_error(in);
	bool fatal = in->pending_fatal;
	const sh_node *trap = NULL;
	for (size_t i = 0; i < list->u.statements.len && !trap; i++) {
		const sh_node *s = list->u.statements.items[i];
		if (s->kind != N_TRAP)
			continue;
		if (!s->u.trap.type || exception_matches(rec, s->u.trap.type->u.type.type_name))
			trap = s;
	}
	if (!trap) {
		sh_set_pending_error(in, rec);
		in->pending_fatal = fatal;
		return SH_THROW;
	}
	in->pending_fatal = false;
	sh_value *saved = sh_ref(sh_var_get(in, "_"));
	sh_var_set(in, "_", sh_ref(rec));
	in->handler_depth--;
	sh_status st = eval_body(in, trap->u.trap.body, out);
	in->handler_depth++;
	sh_var_set(in, "_", saved);
	if (st == SH_CONTINUE && !in->jump_label) {
		st = SH_OK;
	} else if (st == SH_BREAK && !in->jump_label) {
		sh_set_pending_error(in, sh_ref(rec));
		in->pending_fatal = true;
		st = SH_THROW;
	} else if (st == SH_OK) {
		st = sh_route_error(in, sh_ref(rec));
	}
	sh_unref(rec);
	return st;
}

sh_status sh_eval_statements(sh_interp *in, const sh_node *node, const sh_sink *out)
{
	if (!node)
		return SH_OK;
	if (node->kind != N_STATEMENTS)
		return sh_eval_statement(in, node, out);
	bool has_traps = false;
	for (size_t i = 0; i < node->u.statements.len; i++)
		if (node->u.statements.items[i]->kind == N_TRAP)
			has_traps = true;
	if (has_traps)
		in->handler_depth++;
	sh_status st = SH_OK;
	for (size_t i = 0; i < node->u.statements.len; i++) {
		const sh_node *s = node->u.statements.items[i];
		if (s->kind == N_TRAP)
			continue;
		if ((st = check_interrupt(in)) != SH_OK)
			break;
		bool outer_failed = in->statement_failed;
		in->statement_failed = false;
		st = sh_eval_statement(in, s, out);
		if (st == SH_THROW && has_traps) {
			st = run_trap(in, node, out);
		} else if (st == SH_THROW && in->handler_depth == 0 && !in->pending_fatal) {
			/* a statement-terminating error: report it, go on with the next */
			st = sh_route_error(in, sh_take_pending_error(in));
		}
		in->last_success = !in->statement_failed;
		in->statement_failed = outer_failed || in->statement_failed;
		if (st != SH_OK)
			break;
	}
	if (has_traps)
		in->handler_depth--;
	return st;
}

sh_status sh_run_block_body(sh_interp *in, const sh_node *sb, const sh_sink *out)
{
	sh_status st = SH_OK;
	if (sb->u.scriptblock.begin && (st = sh_eval_statements(in, sb->u.scriptblock.begin, out)))
		return st;
	if (sb->u.scriptblock.process &&
	    (st = sh_eval_statements(in, sb->u.scriptblock.process, out)))
		return st;
	return sh_eval_statements(in, sb->u.scriptblock.end, out);
}

/* ------------------------------------------------------------------ */
/* invoking script blocks from C */

sh_status sh_invoke_block(sh_interp *in, sh_value *block, sh_value *dollar_under,
                          sh_value *const *args, size_t nargs, sh_value *self, bool dot_source,
                          const sh_sink *out)
{
	sh_scriptblock *sb = sh_scriptblock_of(block);
	if (!sb)
		return sh_raisef(in, NULL, SH_CAT_INVALID_ARGUMENT, "InvalidArgument", NULL,
		                 "The value is not a script block.");
	if (in->depth >= MAX_CALL_DEPTH)
		return sh_raisef(in, sb->body, SH_CAT_INVALID_OPERATION, "CallDepthOverflow",
		                 "System.Management.Automation.ScriptCallDepthException",
		                 "The script failed due to call depth overflow.");
	const sh_ast_unit *saved_unit = in->unit;
	in->unit = sb->unit;
	sh_ast_unit_ref(sb->unit);
	in->depth++;
	sh_value *saved_under = NULL;
	if (dot_source) {
		saved_under = sh_ref(sh_var_get(in, "_"));
	} else {
		in->current = sh_scope_new(in->current, false);
	}
	sh_var_set(in, "_", sh_ref(dollar_under));
	if (self)
		sh_var_set(in, "this", sh_ref(self));
	sh_status st = SH_OK;
	if (!dot_source || nargs) {
		sh_value *a = sh_array_new(nargs);
		for (size_t i = 0; i < nargs; i++)
			sh_array_append(a, sh_ref(args[i]));
		if (sb->body->u.scriptblock.param_block) {
			sh_arg *bargs = xcalloc(nargs ? nargs : 1, sizeof *bargs);
			for (size_t i = 0; i < nargs; i++)
				bargs[i].value = args[i];
			st = sh_bind_block_arguments(in, sb->body, bargs, nargs);
			free(bargs);
			sh_unref(a);
		} else {
			sh_var_set(in, "args", a);
		}
	}
	if (st == SH_OK)
		st = sh_run_block_body(in, sb->body, out);
	if (st == SH_RETURN)
		st = SH_OK;
	if (dot_source) {
		sh_var_set(in, "_", saved_under);
	} else {
		sh_scope *s = in->current;
		in->current = s->parent;
		sh_scope_free(s);
	}
	in->depth--;
	in->unit = saved_unit;
	sh_ast_unit_unref(sb->unit);
	return st;
}

sh_status sh_invoke_block_collect(sh_interp *in, sh_value *block, sh_value *dollar_under,
                                  sh_value *const *args, size_t nargs, sh_value *self,
                                  bool dot_source, sh_value **result)
{
	sh_collector c;
	sh_collector_init(&c);
	sh_sink sink = sh_collector_sink(&c);
	sh_status st =
	    sh_invoke_block(in, block, dollar_under, args, nargs, self, dot_source, &sink);
	*result = sh_collector_result(&c);
	return st;
}

static sh_status raise_parse_error(sh_interp *in, sh_parse_error *pe, const char *source,
                                   const char *file)
{
	sh_value *rec = sh_error_record_from_parse(pe, source, file);
	sh_record_error(in, rec);
	in->statement_failed = true;
	sh_set_pending_error(in, rec);
	in->pending_fatal = false;
	return SH_THROW;
}

sh_status sh_invoke_string(sh_interp *in, const char *source, const sh_sink *out)
{
	sh_parse_error pe = {0};
	sh_ast_unit *u = sh_parse(source, strlen(source), NULL, &pe);
	if (!u) {
		sh_status st = raise_parse_error(in, &pe, source, NULL);
		sh_parse_error_clear(&pe);
		return st;
	}
	const sh_ast_unit *saved = in->unit;
	in->unit = u;
	sh_status st = sh_run_block_body(in, u->root, out);
	in->unit = saved;
	sh_ast_unit_unref(u);
	return st;
}

sh_value *sh_scriptblock_from_source(const char *source)
{
	sh_parse_error pe = {0};
	sh_ast_unit *u = sh_parse(source, strlen(source), NULL, &pe);
	if (!u) {
		fprintf(stderr, "hvsh: internal script does not parse: %s\n", source);
		abort();
	}
	sh_value *block = sh_scriptblock_new(u, u->root);
	sh_ast_unit_unref(u);
	return block;
}

/* ------------------------------------------------------------------ */
/* running a whole script */

int sh_run_source(sh_interp *in, const char *source, size_t len, const char *file,
                  sh_value *const *args, size_t nargs)
{
	sh_parse_error pe = {0};
	sh_ast_unit *u = sh_parse(source, len, file, &pe);
	if (!u) {
		char *text = xstrndup(source, len); /* the caller's text need not end in NUL */
		raise_parse_error(in, &pe, text, file);
		free(text);
		sh_parse_error_clear(&pe);
		sh_value *rec = sh_take_pending_error(in);
		sh_display_error(in, rec);
		sh_unref(rec);
		in->last_success = false;
		return 1;
	}
	sh_out_default *od = sh_out_default_new(in);
	sh_sink sink = sh_out_default_sink(od);
	const sh_sink *saved_console = in->console;
	const char *saved_path = in->script_path;
	in->console = &sink;
	sh_interrupt_flag = 0;
	in->last_success = true;
	sh_status st;
	if (file) {
		/* a script file: its own scope, its parameters bound from the arguments */
		in->script_path = file;
		sh_value *block = sh_scriptblock_new(u, u->root);
		sh_arg *bargs = xcalloc(nargs ? nargs : 1, sizeof *bargs);
		char **names = xcalloc(nargs ? nargs : 1, sizeof *names);
		for (size_t i = 0; i < nargs; i++) {
			const char *s = sh_str(args[i]);
			if (sh_kind_of(args[i]) == SH_STRING && s[0] == '-' && s[1] &&
			    (s[1] == '_' || (s[1] | 0x20) >= 'a') && (s[1] | 0x20) <= 'z') {
				const char *colon = strchr(s, ':');
				names[i] = colon ? xstrndup(s + 1, (size_t)(colon - s - 1))
				                 : xstrdup(s + 1);
				bargs[i].name = names[i];
				if (colon) {
					bargs[i].value = sh_string(colon + 1);
					bargs[i].has_value = true;
				}
			} else {
				bargs[i].value = sh_ref(args[i]);
			}
		}
		st = sh_invoke_command_block(in, block, bargs, nargs, false, &sink);
		for (size_t i = 0; i < nargs; i++) {
			sh_unref(bargs[i].value);
			free(names[i]);
		}
		free(bargs);
		free(names);
		sh_unref(block);
	} else {
		const sh_ast_unit *saved_unit = in->unit;
		in->unit = u;
		st = sh_run_block_body(in, u->root, &sink);
		in->unit = saved_unit;
	}
	sh_out_default_end(od);
	in->console = saved_console;
	in->script_path = saved_path;
	/* As pwsh: a command line's exit code follows $? of its last statement;
	   a script file's only `exit N` or a terminating error. */
	int code = (file || in->last_success) ? 0 : 1;
	switch (st) {
	case SH_THROW: {
		sh_value *rec = sh_take_pending_error(in);
		if (rec)
			sh_display_error(in, rec);
		sh_unref(rec);
		in->pending_fatal = false;
		in->last_success = false;
		code = 1;
		break;
	}
	case SH_EXIT:
		code = in->exit_code;
		in->exit_requested = true;
		sh_var_set_scoped(in, "global", "LASTEXITCODE", sh_int(code));
		break;
	case SH_INTERRUPT:
		code = 130;
		in->last_success = false;
		break;
	default:
		free(in->jump_label);
		in->jump_label = NULL;
		break;
	}
	sh_ast_unit_unref(u);
	sh_after_run(in);
	sh_collect_cycles();
	return code;
}
