/*
 * format.c - Format-Table, Format-List, Format-Wide and the Out-* cmdlets.
 *
 * The Format-* cmdlets do not print. They collect their input, compute the
 * text of every cell (running calculated-property script blocks with $_
 * set to the object) and emit one pre-formatted block (shell/format.h).
 * Whatever prints the block later lays it out at its own width, so
 * `Format-Table | Out-File -Width 200` is not cut at the terminal's width,
 * and a block stored in a variable prints the same when shown later.
 *
 * Property selectors follow PowerShell: a name, a wildcard pattern expanded
 * against the first object's properties (against each object's for
 * Format-List), a script block, or a hashtable with Name/Label,
 * Expression, Width, Alignment and FormatString, whose keys may be given
 * by any unambiguous prefix (`@{n='Size'; e={...}}`).
 *
 * The Out-* cmdlets end a pipeline in text: Out-Default/Out-Host on the
 * console, Out-String as strings, Out-File in a file written with the
 * chosen encoding, Out-Null nowhere.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../shell/convert.h"
#include "../shell/format.h"
#include "../shell/interp.h"
#include "cmds.h"

/* ================================================================== */
/* property selectors                                                  */
/* ================================================================== */

typedef struct fprop {
	char *label;    /* header; NULL: the property's name */
	char *name;     /* property name or wildcard (expr NULL) */
	sh_value *expr; /* script block computing the value */
	int width;
	sh_align align;
	char *format;
} fprop;

typedef struct fprops {
	fprop *items;
	size_t len, cap;
} fprops;

static void fprop_clear(fprop *p)
{
	free(p->label);
	free(p->name);
	free(p->format);
	sh_unref(p->expr);
	memset(p, 0, sizeof *p);
}

static void fprops_free(fprops *ps)
{
	for (size_t i = 0; i < ps->len; i++)
		fprop_clear(&ps->items[i]);
	free(ps->items);
	memset(ps, 0, sizeof *ps);
}

static char *trimmed_block_text(sh_value *block)
{
	char *text = sh_scriptblock_text(sh_scriptblock_of(block));
	char *s = text;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	char *out = xstrndup(s, n);
	free(text);
	return out;
}

static const char *const calc_keys[] = {"Name",      "Label",        "Expression", "Width",
                                        "Alignment", "FormatString", NULL};

/* The key a hashtable entry names, by unambiguous prefix; -1 if none. */
static int calc_key(const char *key, bool allow_width)
{
	if (!*key)
		return -1;
	for (int i = 0; calc_keys[i]; i++) {
		if (!allow_width && (i == 3 || i == 4))
			continue;
		if (str_iprefix(calc_keys[i], key))
			return i;
	}
	return -1;
}

/* Parses one selector. Table columns take Width and Alignment; list
 * entries and group keys do not. */
static sh_status parse_prop(sh_cmd *c, sh_value *v, bool allow_width, fprop *out)
{
	memset(out, 0, sizeof *out);
	switch (sh_kind_of(v)) {
	case SH_SCRIPTBLOCK:
		out->expr = sh_ref(v);
		return SH_OK;
	case SH_HASHTABLE:
		break;
	default: {
		out->name = sh_to_string(v);
		if (!*out->name) {
			fprop_clear(out);
			return sh_throwf(c, SH_CAT_INVALID_ARGUMENT, "ExpressionEmptyString1", NULL,
			                 "An empty string value is not allowed.");
		}
		return SH_OK;
	}
	}
	bool have_expr = false;
	for (size_t i = 0; i < sh_hash_len(v); i++) {
		sh_value *kv = sh_hash_key_at(v, i), *val = sh_hash_value_at(v, i);
		char *key = sh_to_string(kv);
		int which = calc_key(key, allow_width);
		sh_status st = SH_OK;
		if (which < 0) {
			st = sh_throwf(c, SH_CAT_INVALID_ARGUMENT, "DictionaryKeyIllegal", NULL,
			               "The %s key is not valid.", key);
		} else if (which <= 1) {
			free(out->label);
			out->label = sh_to_string(val);
		} else if (which == 2) {
			have_expr = true;
			if (sh_kind_of(val) == SH_SCRIPTBLOCK) {
				out->expr = sh_ref(val);
			} else {
				free(out->name);
				out->name = sh_to_string(val);
			}
		} else if (which == 3) {
			int64_t w = 0;
			if (!sh_to_int64(val, &w, NULL) || w <= 0) {
				char *text = sh_to_string(val);
				st = sh_throwf(
				    c, SH_CAT_INVALID_ARGUMENT, "DictionaryKeyIllegalValue", NULL,
				    "The value \"%s\" for key \"Width\" should be greater "
				    "than 0.",
				    text);
				free(text);
			} else {
				out->width = (int)(w > 10000 ? 10000 : w);
			}
		} else if (which == 4) {
			char *text = sh_to_string(val);
			if (str_ieq(text, "left"))
				out->align = SH_ALIGN_LEFT;
			else if (str_ieq(text, "right"))
				out->align = SH_ALIGN_RIGHT;
			else if (str_ieq(text, "center"))
				out->align = SH_ALIGN_CENTER;
			else
				st = sh_throwf(
				    c, SH_CAT_INVALID_ARGUMENT, "DictionaryKeyIllegalValue", NULL,
				    "The value \"%s\" for key \"Alignment\" is not valid; "
				    "valid values are left, center, right.",
				    text);
			free(text);
		} else {
			free(out->format);
			out->format = sh_to_string(val);
		}
		free(key);
		if (st != SH_OK) {
			fprop_clear(out);
			return st;
		}
	}
	if (!have_expr) {
		fprop_clear(out);
		return sh_throwf(c, SH_CAT_INVALID_ARGUMENT, "DictionaryKeyMandatoryEntry", NULL,
		                 "A mandatory entry for Expression is missing.");
	}
	return SH_OK;
}

static sh_status parse_props(sh_cmd *c, sh_value *list, bool allow_width, fprops *out)
{
	size_t n = sh_kind_of(list) == SH_ARRAY ? sh_array_len(list) : 1;
	for (size_t i = 0; i < n; i++) {
		sh_value *v = sh_kind_of(list) == SH_ARRAY ? sh_array_get(list, i) : list;
		fprop p;
		sh_status st = parse_prop(c, v, allow_width, &p);
		if (st != SH_OK)
			return st;
		VEC_PUSH(out->items, out->len, out->cap, p);
	}
	return SH_OK;
}

/* The header shown for a selector. */
static char *prop_label(const fprop *p, const char *name)
{
	if (p->label)
		return xstrdup(p->label);
	if (name)
		return xstrdup(name);
	if (p->expr)
		return trimmed_block_text(p->expr);
	return xstrdup(p->name ? p->name : "");
}

/* Evaluates a selector on an object: *out is a new ref or NULL. A failing
 * expression shows as an empty value, as PowerShell shows it. */
static sh_status prop_value(sh_cmd *c, const fprop *p, const char *name, sh_value *obj,
                            sh_value **out)
{
	sh_interp *in = sh_cmd_interp(c);
	*out = NULL;
	if (p->expr) {
		sh_status st = sh_invoke_block_collect(in, p->expr, obj, NULL, 0, NULL, false, out);
		if (st == SH_THROW) {
			sh_unref(sh_take_pending_error(in));
			sh_unref(*out);
			*out = NULL;
			st = SH_OK;
		}
		if (st != SH_OK)
			return st;
	} else {
		char *error = NULL;
		if (sh_get_member(in, obj, name ? name : p->name, out, &error) != 0) {
			free(error);
			sh_unref(*out);
			*out = NULL;
		}
	}
	if (p->format && *out) {
		char *error = NULL;
		char *text = sh_format_value(*out, p->format, &error);
		if (text) {
			sh_unref(*out);
			*out = sh_string_take(text);
		}
		free(error);
	}
	return SH_OK;
}

/* One resolved column: a selector and, for a wildcard, the name it matched. */
typedef struct column {
	const fprop *prop;
	char *name;
} column;

typedef struct columns {
	column *items;
	size_t len, cap;
} columns;

static void columns_free(columns *cs)
{
	for (size_t i = 0; i < cs->len; i++)
		free(cs->items[i].name);
	free(cs->items);
	memset(cs, 0, sizeof *cs);
}

/* Resolves selectors against an object: wildcards expand to the matching
 * property names in the object's order. */
static void resolve_columns(sh_interp *in, const fprops *ps, sh_value *obj, columns *out)
{
	sh_value *names = NULL;
	for (size_t i = 0; i < ps->len; i++) {
		const fprop *p = &ps->items[i];
		if (p->expr || !sh_has_wildcard(p->name)) {
			column col = {p, NULL};
			VEC_PUSH(out->items, out->len, out->cap, col);
			continue;
		}
		if (!names)
			names = sh_kind_of(obj) == SH_NULL ? sh_array_new(0)
			                                   : sh_property_names(in, obj);
		for (size_t k = 0; k < sh_array_len(names); k++) {
			const char *name = sh_str(sh_array_get(names, k));
			if (sh_wildcard_match(p->name, name, true)) {
				column col = {p, xstrdup(name)};
				VEC_PUSH(out->items, out->len, out->cap, col);
			}
		}
	}
	sh_unref(names);
}

/* ================================================================== */
/* the Format-* cmdlets                                                */
/* ================================================================== */

typedef struct format_state {
	sh_value *items; /* everything received, formatted at the end */
	fprops props;
	bool have_props;
	fprop group;
	bool have_group;
	char *group_text; /* the current group's value */
} format_state;

static sh_value *input_object(sh_cmd *c, sh_value *input)
{
	return sh_cmd_has_pipeline_input(c) ? input : sh_param(c, "InputObject");
}

static sh_status format_begin_common(sh_cmd *c, bool allow_width)
{
	format_state *s = sh_cmd_state(c);
	s->items = sh_array_new(8);
	if (sh_param_bound(c, "Property") && sh_param(c, "Property")) {
		s->have_props = true;
		sh_status st = parse_props(c, sh_param(c, "Property"), allow_width, &s->props);
		if (st != SH_OK)
			return st;
	}
	if (sh_param_bound(c, "GroupBy") && sh_param(c, "GroupBy")) {
		sh_status st = parse_prop(c, sh_param(c, "GroupBy"), false, &s->group);
		if (st != SH_OK)
			return st;
		s->have_group = true;
	}
	return SH_OK;
}

static sh_status format_table_begin(sh_cmd *c)
{
	return format_begin_common(c, true);
}

static sh_status format_list_begin(sh_cmd *c)
{
	return format_begin_common(c, false);
}

static sh_status format_process(sh_cmd *c, sh_value *input)
{
	format_state *s = sh_cmd_state(c);
	sh_value *v = input_object(c, input);
	if (v)
		sh_array_append(s->items, sh_ref(v));
	return SH_OK;
}

static void format_cleanup(sh_cmd *c)
{
	format_state *s = sh_cmd_state(c);
	sh_unref(s->items);
	fprops_free(&s->props);
	fprop_clear(&s->group);
	free(s->group_text);
}

/* Starts a new group when the -GroupBy value changes. */
static sh_status group_check(sh_cmd *c, sh_fmt_block *b, sh_value *obj)
{
	format_state *s = sh_cmd_state(c);
	if (!s->have_group)
		return SH_OK;
	sh_value *val = NULL;
	sh_status st = prop_value(c, &s->group, NULL, obj, &val);
	if (st != SH_OK)
		return st;
	char *text = sh_format_cell(sh_cmd_interp(c), val);
	sh_unref(val);
	if (s->group_text && strcmp(s->group_text, text) == 0) {
		free(text);
		return SH_OK;
	}
	char *label = prop_label(&s->group, NULL);
	sh_fmt_block_group(b, label, text);
	free(label);
	free(s->group_text);
	s->group_text = text;
	return SH_OK;
}

static unsigned table_flags(sh_cmd *c)
{
	return (sh_switch(c, "HideTableHeaders") ? SH_FMT_HIDE_HEADERS : 0) |
	       (sh_switch(c, "Wrap") ? SH_FMT_WRAP : 0) |
	       (sh_switch(c, "AutoSize") ? SH_FMT_AUTOSIZE : 0);
}

static sh_status emit_block(sh_cmd *c, sh_fmt_block *b)
{
	return sh_emit(c, sh_fmt_block_value(b));
}

static sh_status format_table_end(sh_cmd *c)
{
	format_state *s = sh_cmd_state(c);
	sh_interp *in = sh_cmd_interp(c);
	unsigned flags = table_flags(c);
	size_t n = sh_array_len(s->items);
	if (n == 0)
		return SH_OK;
	sh_fmt_block *b = sh_fmt_block_new();
	sh_status st = SH_OK;
	if (!s->have_props) {
		for (size_t i = 0; i < n && st == SH_OK; i++) {
			sh_value *obj = sh_array_get(s->items, i);
			st = group_check(c, b, obj);
			if (st == SH_OK)
				sh_fmt_block_object(b, in, obj, SH_VIEW_TABLE, flags);
		}
	} else {
		/* the columns come from the first object, as PowerShell takes them */
		columns cols = {0};
		resolve_columns(in, &s->props, sh_array_get(s->items, 0), &cols);
		size_t nc = cols.len;
		char **headers = xcalloc(nc + 1, sizeof *headers);
		int *widths = xcalloc(nc + 1, sizeof *widths);
		sh_align *aligns = xcalloc(nc + 1, sizeof *aligns);
		char **cells = xcalloc(nc + 1, sizeof *cells);
		bool *numeric = xcalloc(nc + 1, sizeof *numeric);
		for (size_t k = 0; k < nc; k++) {
			headers[k] = prop_label(cols.items[k].prop, cols.items[k].name);
			widths[k] = cols.items[k].prop->width;
			aligns[k] = cols.items[k].prop->align;
		}
		if (nc)
			sh_fmt_block_table(b, (const char *const *)headers, widths, aligns, nc,
			                   flags);
		for (size_t i = 0; i < n && st == SH_OK && nc; i++) {
			sh_value *obj = sh_array_get(s->items, i);
			st = group_check(c, b, obj);
			for (size_t k = 0; k < nc && st == SH_OK; k++) {
				sh_value *val = NULL;
				st = prop_value(c, cols.items[k].prop, cols.items[k].name, obj,
				                &val);
				cells[k] = sh_format_cell(in, val);
				numeric[k] = sh_is_number(val);
				sh_unref(val);
			}
			if (st == SH_OK)
				sh_fmt_block_row(b, (const char *const *)cells, numeric);
			for (size_t k = 0; k < nc; k++) {
				free(cells[k]);
				cells[k] = NULL;
			}
		}
		for (size_t k = 0; k < nc; k++)
			free(headers[k]);
		free(headers);
		free(widths);
		free(aligns);
		free(cells);
		free(numeric);
		columns_free(&cols);
	}
	if (st != SH_OK) {
		sh_fmt_block_free(b);
		return st;
	}
	return emit_block(c, b);
}

static sh_status format_list_end(sh_cmd *c)
{
	format_state *s = sh_cmd_state(c);
	sh_interp *in = sh_cmd_interp(c);
	size_t n = sh_array_len(s->items);
	if (n == 0)
		return SH_OK;
	sh_fmt_block *b = sh_fmt_block_new();
	sh_status st = SH_OK;
	for (size_t i = 0; i < n && st == SH_OK; i++) {
		sh_value *obj = sh_array_get(s->items, i);
		st = group_check(c, b, obj);
		if (st != SH_OK)
			break;
		if (!s->have_props) {
			sh_fmt_block_object(b, in, obj, SH_VIEW_LIST, 0);
			continue;
		}
		columns cols = {0};
		resolve_columns(in, &s->props, obj, &cols);
		size_t nc = cols.len;
		char **names = xcalloc(nc + 1, sizeof *names);
		char **values = xcalloc(nc + 1, sizeof *values);
		for (size_t k = 0; k < nc; k++) {
			sh_value *val = NULL;
			if (st == SH_OK)
				st = prop_value(c, cols.items[k].prop, cols.items[k].name, obj,
				                &val);
			names[k] = prop_label(cols.items[k].prop, cols.items[k].name);
			values[k] = sh_format_cell(in, val);
			sh_unref(val);
		}
		if (st == SH_OK && nc)
			sh_fmt_block_list(b, (const char *const *)names,
			                  (const char *const *)values, nc);
		for (size_t k = 0; k < nc; k++) {
			free(names[k]);
			free(values[k]);
		}
		free(names);
		free(values);
		columns_free(&cols);
	}
	if (st != SH_OK) {
		sh_fmt_block_free(b);
		return st;
	}
	return emit_block(c, b);
}

/* The text Format-Wide shows for an object without -Property: the wide
 * view's property, else the first property, else the value itself. */
static char *wide_default_text(sh_interp *in, sh_value *v)
{
	const sh_view *view = sh_view_find(v, SH_VIEW_WIDE);
	const char *prop = view ? view->wide_property : NULL;
	sh_value *names = NULL;
	if (!prop && (sh_kind_of(v) == SH_OBJECT)) {
		names = sh_property_names(in, v);
		if (sh_array_len(names))
			prop = sh_str(sh_array_get(names, 0));
	}
	char *text;
	if (prop) {
		sh_value *val = NULL;
		char *error = NULL;
		if (sh_get_member(in, v, prop, &val, &error) != 0)
			free(error);
		text = sh_format_cell(in, val);
		sh_unref(val);
	} else if (sh_kind_of(v) == SH_HASHTABLE || sh_kind_of(v) == SH_ARRAY) {
		text = sh_format_cell(in, v);
	} else {
		text = sh_format_scalar(v);
	}
	sh_unref(names);
	return text;
}

static sh_status format_wide_end(sh_cmd *c)
{
	format_state *s = sh_cmd_state(c);
	sh_interp *in = sh_cmd_interp(c);
	size_t n = sh_array_len(s->items);
	if (n == 0)
		return SH_OK;
	int ncolumns = (int)sh_param_int(c, "Column", 0);
	if (sh_param_bound(c, "Column") && ncolumns < 1) {
		char *text = sh_to_string(sh_param(c, "Column"));
		sh_status st =
		    sh_throwf(c, SH_CAT_INVALID_DATA, "ParameterArgumentValidationError", NULL,
		              "Cannot validate argument on parameter 'Column'. The %s "
		              "argument is less than the minimum allowed range of 1. "
		              "Supply an argument that is greater than or equal to 1 and "
		              "then try the command again.",
		              text);
		free(text);
		return st;
	}
	sh_fmt_block *b = sh_fmt_block_new();
	sh_fmt_block_wide(b, ncolumns, sh_switch(c, "AutoSize"));
	sh_status st = SH_OK;
	for (size_t i = 0; i < n && st == SH_OK; i++) {
		sh_value *obj = sh_array_get(s->items, i);
		st = group_check(c, b, obj);
		if (st != SH_OK)
			break;
		char *text = NULL;
		if (s->have_props && s->props.len) {
			sh_value *val = NULL;
			columns cols = {0};
			resolve_columns(in, &s->props, obj, &cols);
			if (cols.len)
				st = prop_value(c, cols.items[0].prop, cols.items[0].name, obj,
				                &val);
			text = sh_format_cell(in, val);
			sh_unref(val);
			columns_free(&cols);
		} else {
			text = wide_default_text(in, obj);
		}
		sh_fmt_block_wide_item(b, text);
		free(text);
	}
	if (st != SH_OK) {
		sh_fmt_block_free(b);
		return st;
	}
	return emit_block(c, b);
}

static sh_status format_wide_begin(sh_cmd *c)
{
	return format_begin_common(c, false);
}

/* ================================================================== */
/* Out-Default, Out-Host, Out-Null                                     */
/* ================================================================== */

typedef struct out_default_state {
	sh_out_default *od;
} out_default_state;

static sh_status out_default_begin(sh_cmd *c)
{
	out_default_state *s = sh_cmd_state(c);
	s->od = sh_out_default_new(sh_cmd_interp(c));
	return SH_OK;
}

static sh_status out_default_process(sh_cmd *c, sh_value *input)
{
	out_default_state *s = sh_cmd_state(c);
	sh_value *v = input_object(c, input);
	if (!v)
		return SH_OK;
	sh_sink sink = sh_out_default_sink(s->od);
	return sink.write(sink.ctx, sh_ref(v));
}

static void out_default_cleanup(sh_cmd *c)
{
	out_default_state *s = sh_cmd_state(c);
	sh_out_default_end(s->od);
	s->od = NULL;
}

static sh_status out_null_process(sh_cmd *c, sh_value *input)
{
	(void)c;
	(void)input;
	return SH_OK;
}

/* ================================================================== */
/* Out-String                                                          */
/* ================================================================== */

typedef struct out_string_state {
	sh_formatter *f;
	sh_buf text;
	bool stream;
} out_string_state;

static int requested_width(sh_cmd *c)
{
	int64_t w = sh_param_int(c, "Width", 0);
	if (w >= 2)
		return w > 100000 ? 100000 : (int)w;
	return sh_console_width(sh_cmd_interp(c));
}

static sh_status out_string_begin(sh_cmd *c)
{
	out_string_state *s = sh_cmd_state(c);
	s->f = sh_formatter_new(sh_cmd_interp(c), requested_width(c));
	s->stream = sh_switch(c, "Stream");
	return SH_OK;
}

/* -Stream: every complete line in the buffer goes down the pipeline. */
static sh_status emit_lines(sh_cmd *c, bool all)
{
	out_string_state *s = sh_cmd_state(c);
	const char *p = buf_str(&s->text);
	size_t done = 0;
	sh_status st = SH_OK;
	for (;;) {
		const char *nl = strchr(p + done, '\n');
		if (!nl)
			break;
		size_t n = (size_t)(nl - (p + done));
		if (n && p[done + n - 1] == '\r')
			n--;
		st = sh_emit(c, sh_string_n(p + done, n));
		done = (size_t)(nl - p) + 1;
		if (st != SH_OK)
			break;
	}
	if (st == SH_OK && all && done < s->text.len) {
		st = sh_emit(c, sh_string(p + done));
		done = s->text.len;
	}
	char *rest = xstrdup(p + done);
	buf_reset(&s->text);
	buf_puts(&s->text, rest);
	free(rest);
	return st;
}

static sh_status out_string_process(sh_cmd *c, sh_value *input)
{
	out_string_state *s = sh_cmd_state(c);
	sh_value *v = input_object(c, input);
	if (!v)
		return SH_OK;
	sh_formatter_write(s->f, v, &s->text);
	return s->stream ? emit_lines(c, false) : SH_OK;
}

static sh_status out_string_end(sh_cmd *c)
{
	out_string_state *s = sh_cmd_state(c);
	sh_formatter_end(s->f, &s->text);
	if (s->stream)
		return emit_lines(c, true);
	char *text = buf_detach(&s->text);
	if (sh_switch(c, "NoNewline")) {
		size_t k = 0;
		for (size_t i = 0; text[i]; i++)
			if (text[i] != '\n' && text[i] != '\r')
				text[k++] = text[i];
		text[k] = 0;
	}
	return sh_emit(c, sh_string_take(text));
}

static void out_string_cleanup(sh_cmd *c)
{
	out_string_state *s = sh_cmd_state(c);
	sh_formatter_free(s->f);
	buf_free(&s->text);
}

/* ================================================================== */
/* Out-File                                                            */
/* ================================================================== */

static const char *const encoding_names[] = {
    "ascii",  "ansi", "bigendianunicode", "bigendianutf32", "default",
    "latin1", "oem",  "string",           "unicode",        "unknown",
    "utf7",   "utf8", "utf8BOM",          "utf8NoBOM",      "utf32",
    "byte",   NULL,
};

typedef enum encoding {
	ENC_UTF8,
	ENC_UTF8_BOM,
	ENC_ASCII,
	ENC_LATIN1,
	ENC_UTF16LE,
	ENC_UTF16BE,
	ENC_UTF32LE,
	ENC_UTF32BE
} encoding;

static encoding encoding_of(const char *name)
{
	if (!name)
		return ENC_UTF8;
	if (str_ieq(name, "utf8BOM"))
		return ENC_UTF8_BOM;
	if (str_ieq(name, "ascii"))
		return ENC_ASCII;
	if (str_ieq(name, "latin1") || str_ieq(name, "ansi"))
		return ENC_LATIN1;
	if (str_ieq(name, "unicode") || str_ieq(name, "string") || str_ieq(name, "unknown"))
		return ENC_UTF16LE;
	if (str_ieq(name, "bigendianunicode"))
		return ENC_UTF16BE;
	if (str_ieq(name, "utf32"))
		return ENC_UTF32LE;
	if (str_ieq(name, "bigendianutf32"))
		return ENC_UTF32BE;
	return ENC_UTF8; /* utf8, utf8NoBOM, default, oem, utf7, byte */
}

typedef struct out_file_state {
	FILE *fp;
	char *path;
	sh_formatter *f;
	encoding enc;
} out_file_state;

static uint32_t next_code_point(const unsigned char **pp)
{
	const unsigned char *p = *pp;
	uint32_t cp;
	int extra;
	if (p[0] < 0x80) {
		cp = p[0];
		extra = 0;
	} else if ((p[0] & 0xE0) == 0xC0) {
		cp = p[0] & 0x1F;
		extra = 1;
	} else if ((p[0] & 0xF0) == 0xE0) {
		cp = p[0] & 0x0F;
		extra = 2;
	} else if ((p[0] & 0xF8) == 0xF0) {
		cp = p[0] & 0x07;
		extra = 3;
	} else {
		*pp = p + 1;
		return 0xFFFD;
	}
	p++;
	for (int i = 0; i < extra; i++, p++) {
		if ((*p & 0xC0) != 0x80) {
			*pp = p;
			return 0xFFFD;
		}
		cp = (cp << 6) | (*p & 0x3F);
	}
	*pp = p;
	return cp;
}

static void put_unit(sh_buf *b, uint32_t u, int bytes, bool big)
{
	for (int i = 0; i < bytes; i++) {
		int shift = big ? 8 * (bytes - 1 - i) : 8 * i;
		buf_putc(b, (char)((u >> shift) & 0xFF));
	}
}

/* Re-encodes UTF-8 text for the file. */
static void encode_text(encoding enc, const char *text, size_t len, sh_buf *out)
{
	if (enc == ENC_UTF8 || enc == ENC_UTF8_BOM) {
		buf_putn(out, text, len);
		return;
	}
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	while (p < end) {
		uint32_t cp = next_code_point(&p);
		switch (enc) {
		case ENC_ASCII:
			buf_putc(out, cp < 0x80 ? (char)cp : '?');
			break;
		case ENC_LATIN1:
			buf_putc(out, cp < 0x100 ? (char)cp : '?');
			break;
		case ENC_UTF16LE:
		case ENC_UTF16BE:
			if (cp >= 0x10000) {
				cp -= 0x10000;
				put_unit(out, 0xD800 + (cp >> 10), 2, enc == ENC_UTF16BE);
				put_unit(out, 0xDC00 + (cp & 0x3FF), 2, enc == ENC_UTF16BE);
			} else {
				put_unit(out, cp, 2, enc == ENC_UTF16BE);
			}
			break;
		default:
			put_unit(out, cp, 4, enc == ENC_UTF32BE);
			break;
		}
	}
}

static void put_bom(encoding enc, sh_buf *out)
{
	switch (enc) {
	case ENC_UTF8_BOM:
		buf_puts(out, "\xEF\xBB\xBF");
		break;
	case ENC_UTF16LE:
		put_unit(out, 0xFEFF, 2, false);
		break;
	case ENC_UTF16BE:
		put_unit(out, 0xFEFF, 2, true);
		break;
	case ENC_UTF32LE:
		put_unit(out, 0xFEFF, 4, false);
		break;
	case ENC_UTF32BE:
		put_unit(out, 0xFEFF, 4, true);
		break;
	default:
		break;
	}
}

static sh_status out_file_open_error(sh_cmd *c, const char *path, int err)
{
	sh_error_info info = {.category = SH_CAT_OPEN_ERROR, .error_id = "FileOpenFailure"};
	char *msg;
	if (err == ENOENT || err == ENOTDIR) {
		msg = xasprintf("Could not find a part of the path '%s'.", path);
		info.exception_type = "System.IO.DirectoryNotFoundException";
	} else if (err == EACCES || err == EPERM || err == EISDIR || err == EROFS) {
		msg = xasprintf("Access to the path '%s' is denied.", path);
		info.exception_type = "System.UnauthorizedAccessException";
	} else {
		msg = xasprintf("%s : '%s'", strerror(err), path);
		info.exception_type = "System.IO.IOException";
	}
	info.message = msg;
	sh_status st = sh_throw(c, &info);
	free(msg);
	return st;
}

static sh_status out_file_begin(sh_cmd *c)
{
	out_file_state *s = sh_cmd_state(c);
	sh_interp *in = sh_cmd_interp(c);
	const char *given = sh_param_str(c, "FilePath");
	if (!given)
		given = sh_param_str(c, "LiteralPath");
	s->path = sh_full_path(in, given ? given : "");
	s->enc = encoding_of(sh_param_str(c, "Encoding"));
	bool append = sh_switch(c, "Append");
	struct stat st;
	bool exists = stat(s->path, &st) == 0;
	if (exists && !append && sh_switch(c, "NoClobber")) {
		sh_value *target = sh_string(s->path);
		sh_error_info info = {
		    .category = SH_CAT_RESOURCE_EXISTS,
		    .error_id = "NoClobber",
		    .exception_type = "System.IO.IOException",
		    .target = target,
		};
		char *msg = xasprintf("The file '%s' already exists.", s->path);
		info.message = msg;
		sh_status r = sh_throw(c, &info);
		free(msg);
		sh_unref(target);
		return r;
	}
	if (exists && S_ISDIR(st.st_mode))
		return out_file_open_error(c, s->path, EACCES);
	if (!sh_should_process(c, s->path, "Output to File"))
		return SH_OK;
	s->fp = fopen(s->path, append ? "ab" : "wb");
	if (!s->fp)
		return out_file_open_error(c, s->path, errno);
	/* a byte-order mark starts a file, never the middle of one */
	if (!append || !exists || st.st_size == 0) {
		sh_buf bom = {0};
		put_bom(s->enc, &bom);
		if (bom.len)
			fwrite(bom.data, 1, bom.len, s->fp);
		buf_free(&bom);
	}
	s->f = sh_formatter_new(in, requested_width(c));
	return SH_OK;
}

static void out_file_put(out_file_state *s, sh_buf *text, bool no_newline)
{
	if (!text->len)
		return;
	if (no_newline) {
		size_t k = 0;
		for (size_t i = 0; i < text->len; i++)
			if (text->data[i] != '\n' && text->data[i] != '\r')
				text->data[k++] = text->data[i];
		text->len = k;
	}
	sh_buf enc = {0};
	encode_text(s->enc, text->data, text->len, &enc);
	if (enc.len)
		fwrite(enc.data, 1, enc.len, s->fp);
	buf_free(&enc);
	buf_reset(text);
}

static sh_status out_file_process(sh_cmd *c, sh_value *input)
{
	out_file_state *s = sh_cmd_state(c);
	sh_value *v = input_object(c, input);
	if (!v || !s->fp)
		return SH_OK;
	sh_buf text = {0};
	sh_formatter_write(s->f, v, &text);
	out_file_put(s, &text, sh_switch(c, "NoNewline"));
	buf_free(&text);
	return SH_OK;
}

static sh_status out_file_end(sh_cmd *c)
{
	out_file_state *s = sh_cmd_state(c);
	if (!s->fp)
		return SH_OK;
	sh_buf text = {0};
	sh_formatter_end(s->f, &text);
	out_file_put(s, &text, sh_switch(c, "NoNewline"));
	buf_free(&text);
	FILE *fp = s->fp;
	s->fp = NULL;
	if (fclose(fp) != 0) {
		int err = errno;
		return sh_throwf(c, SH_CAT_WRITE_ERROR, "FileWriteFailure", NULL,
		                 "Cannot write to the file '%s': %s.", s->path, strerror(err));
	}
	return SH_OK;
}

static void out_file_cleanup(sh_cmd *c)
{
	out_file_state *s = sh_cmd_state(c);
	if (s->fp)
		fclose(s->fp);
	sh_formatter_free(s->f);
	free(s->path);
}

/* ================================================================== */
/* the table                                                           */
/* ================================================================== */

#define PROPERTY_HELP                                                                              \
	"Specifies the object properties to show, in order. Enter property names, wildcard "       \
	"patterns, script blocks, or calculated properties: hash tables with Name (or Label), "    \
	"Expression (a property name or a script block), and for tables Width and Alignment "      \
	"(Left, Center, Right); FormatString applies a .NET format to the value."
#define GROUPBY_HELP                                                                               \
	"Shows the output in groups that share the value of a property or expression. A "          \
	"group starts each time the value changes, so sort the input first. Accepts a "            \
	"property name, a script block or a calculated property hash table."
#define INPUT_HELP                                                                                 \
	"Specifies the objects to format. Enter a variable that contains the objects, or a "       \
	"command or expression that gets them. A collection given here is shown as one object."

static const sh_param_def format_table_params[] = {
    {.name = "Property",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY | SH_PF_WILDCARDS,
     .position = 0,
     .help = PROPERTY_HELP,
     .type_name = "Object[]"},
    {.name = "AutoSize",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Sizes the columns to fit the data, ignoring the widths a view declares."},
    {.name = "HideTableHeaders",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Omits the column headings and the dashes under them."},
    {.name = "Wrap",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Shows text that does not fit its column on the following lines instead of "
             "cutting it with an ellipsis."},
    {.name = "GroupBy",
     .type = SH_P_OBJECT,
     .position = -1,
     .help = GROUPBY_HELP,
     .type_name = "Object"},
    {.name = "InputObject",
     .type = SH_P_OBJECT,
     .flags = SH_PF_PIPELINE,
     .position = -1,
     .help = INPUT_HELP,
     .type_name = "PSObject"},
    {0},
};

static const sh_param_def format_list_params[] = {
    {.name = "Property",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY | SH_PF_WILDCARDS,
     .position = 0,
     .help = PROPERTY_HELP " Use * to show every property.",
     .type_name = "Object[]"},
    {.name = "GroupBy",
     .type = SH_P_OBJECT,
     .position = -1,
     .help = GROUPBY_HELP,
     .type_name = "Object"},
    {.name = "InputObject",
     .type = SH_P_OBJECT,
     .flags = SH_PF_PIPELINE,
     .position = -1,
     .help = INPUT_HELP,
     .type_name = "PSObject"},
    {0},
};

static const sh_param_def format_wide_params[] = {
    {.name = "Property",
     .type = SH_P_OBJECT,
     .position = 0,
     .help = "Specifies the property (or calculated property) shown for each object. By "
             "default the type's wide view decides, else the first property.",
     .type_name = "Object"},
    {.name = "Column",
     .type = SH_P_INT,
     .position = -1,
     .help = "Specifies the number of columns. The default is two."},
    {.name = "AutoSize",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Fits as many columns as the longest item allows on the screen."},
    {.name = "GroupBy",
     .type = SH_P_OBJECT,
     .position = -1,
     .help = GROUPBY_HELP,
     .type_name = "Object"},
    {.name = "InputObject",
     .type = SH_P_OBJECT,
     .flags = SH_PF_PIPELINE,
     .position = -1,
     .help = INPUT_HELP,
     .type_name = "PSObject"},
    {0},
};

static const sh_param_def out_default_params[] = {
    {.name = "InputObject",
     .type = SH_P_OBJECT,
     .flags = SH_PF_PIPELINE,
     .position = -1,
     .help = "Specifies the objects to show.",
     .type_name = "PSObject"},
    {0},
};

static const sh_param_def out_host_params[] = {
    {.name = "Paging",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Accepted for compatibility; output is not paged."},
    {.name = "InputObject",
     .type = SH_P_OBJECT,
     .flags = SH_PF_PIPELINE,
     .position = -1,
     .help = "Specifies the objects to show.",
     .type_name = "PSObject"},
    {0},
};

static const sh_param_def out_null_params[] = {
    {.name = "InputObject",
     .type = SH_P_OBJECT,
     .flags = SH_PF_PIPELINE,
     .position = -1,
     .help = "Specifies the objects to discard.",
     .type_name = "PSObject"},
    {0},
};

static const sh_param_def out_string_params[] = {
    {.name = "Stream",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Sends one string per line instead of a single string."},
    {.name = "Width",
     .type = SH_P_INT,
     .position = -1,
     .help = "Specifies the number of characters in each line. The default is the host's "
             "width."},
    {.name = "NoNewline",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Removes the newlines from the output."},
    {.name = "InputObject",
     .type = SH_P_OBJECT,
     .flags = SH_PF_PIPELINE,
     .position = -1,
     .help = "Specifies the objects to convert.",
     .type_name = "PSObject"},
    {0},
};

static const sh_param_def out_file_params[] = {
    {.name = "FilePath",
     .type = SH_P_STRING,
     .flags = SH_PF_MANDATORY,
     .position = 0,
     .sets = "ByPath",
     .aliases = "Path",
     .help = "Specifies the path of the output file."},
    {.name = "LiteralPath",
     .type = SH_P_STRING,
     .flags = SH_PF_MANDATORY,
     .position = -1,
     .sets = "ByLiteralPath",
     .aliases = "PSPath,LP",
     .help = "Specifies the path of the output file, taken literally."},
    {.name = "Encoding",
     .type = SH_P_ENUM,
     .position = 1,
     .enum_values = encoding_names,
     .help = "Specifies the encoding of the file: utf8NoBOM (the default), utf8, utf8BOM, "
             "ascii, latin1, unicode (UTF-16LE), bigendianunicode, utf32, bigendianutf32.",
     .default_text = "utf8NoBOM"},
    {.name = "Append",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Adds the output to the end of an existing file."},
    {.name = "Force",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Overwrites a read-only file where permissions allow."},
    {.name = "NoClobber",
     .type = SH_P_SWITCH,
     .aliases = "NoOverwrite",
     .position = -1,
     .help = "Fails instead of overwriting an existing file."},
    {.name = "Width",
     .type = SH_P_INT,
     .position = -1,
     .help = "Specifies the number of characters in each line. The default is the host's "
             "width."},
    {.name = "NoNewline",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Writes the output without newlines."},
    {.name = "InputObject",
     .type = SH_P_OBJECT,
     .flags = SH_PF_PIPELINE,
     .position = -1,
     .help = "Specifies the objects to write to the file.",
     .type_name = "PSObject"},
    {0},
};

static const sh_example format_table_examples[] = {
    {"Get-VM | Format-Table Name, State, @{n='Memory(MB)'; e={$_.MemoryAssigned / 1MB}}",
     "Shows each VM's name, state and assigned memory in megabytes."},
    {"Get-ChildItem | Format-Table -AutoSize -GroupBy Extension",
     "Shows the files in groups that share an extension."},
    {"@{a=1; b=2} | Format-Table -HideTableHeaders", "Shows the entries without headers."},
    {0},
};

static const sh_example format_list_examples[] = {
    {"Get-VM web1 | Format-List *", "Shows every property of the VM, one per line."},
    {"Get-ChildItem | Format-List Name, @{Label='KB'; Expression={$_.Length / 1KB}}",
     "Shows each file's name and size in kilobytes."},
    {0},
};

static const sh_example format_wide_examples[] = {
    {"Get-ChildItem | Format-Wide -Column 3", "Shows the names in three columns."},
    {"Get-Command | Format-Wide -AutoSize", "Fits as many columns as the names allow."},
    {0},
};

static const sh_example out_string_examples[] = {
    {"$text = Get-VM | Out-String", "Stores the table Get-VM shows as one string."},
    {"Get-Alias | Out-String -Stream | Select-String 'Get-'",
     "Searches the lines of the formatted output."},
    {0},
};

static const sh_example out_file_examples[] = {
    {"Get-VM | Out-File vms.txt", "Writes the table of VMs to vms.txt."},
    {"'done' | Out-File -FilePath log.txt -Append -Encoding utf8",
     "Adds a line to the end of log.txt."},
    {0},
};

static const sh_example out_null_examples[] = {
    {"New-Item -ItemType Directory tmp | Out-Null", "Creates a directory without output."},
    {0},
};

static const sh_example out_default_examples[] = {
    {"Get-VM | Out-Default", "Shows the VMs as the shell shows any output."},
    {0},
};

static const sh_example out_host_examples[] = {
    {"Get-VM | Out-Host", "Shows the VMs on the console."},
    {0},
};

const sh_cmdlet cmd_format_cmdlets[] = {
    {.name = "Format-Table",
     .aliases = "ft",
     .synopsis = "Formats the output as a table.",
     .description = "Shows objects as a table with one column per selected property. "
                    "Without -Property the type's table view decides the columns, else "
                    "every property. Columns fit their content and the screen; values "
                    "that do not fit are cut with an ellipsis unless -Wrap is given.",
     .params = format_table_params,
     .examples = format_table_examples,
     .output_type = "Microsoft.PowerShell.Commands.Internal.Format.FormatData",
     .class_name = "Microsoft.PowerShell.Commands.FormatTableCommand",
     .state_size = sizeof(format_state),
     .begin = format_table_begin,
     .process = format_process,
     .end = format_table_end,
     .cleanup = format_cleanup},
    {.name = "Format-List",
     .aliases = "fl",
     .synopsis = "Formats the output as a list of properties, each on a new line.",
     .description = "Shows each object as \"Name : Value\" lines. Without -Property the "
                    "type's list view decides, else every property is shown.",
     .params = format_list_params,
     .examples = format_list_examples,
     .output_type = "Microsoft.PowerShell.Commands.Internal.Format.FormatData",
     .class_name = "Microsoft.PowerShell.Commands.FormatListCommand",
     .state_size = sizeof(format_state),
     .begin = format_list_begin,
     .process = format_process,
     .end = format_list_end,
     .cleanup = format_cleanup},
    {.name = "Format-Wide",
     .aliases = "fw",
     .synopsis = "Formats objects as a wide table that shows one property of each.",
     .description = "Shows one value per object in several columns across the screen.",
     .params = format_wide_params,
     .examples = format_wide_examples,
     .output_type = "Microsoft.PowerShell.Commands.Internal.Format.FormatData",
     .class_name = "Microsoft.PowerShell.Commands.FormatWideCommand",
     .state_size = sizeof(format_state),
     .begin = format_wide_begin,
     .process = format_process,
     .end = format_wide_end,
     .cleanup = format_cleanup},
    {.name = "Out-Default",
     .synopsis = "Sends the output to the default formatter and the console.",
     .description = "Formats the objects it receives as the shell shows any output and "
                    "writes them to the console. Every pipeline ends with it.",
     .params = out_default_params,
     .examples = out_default_examples,
     .class_name = "Microsoft.PowerShell.Commands.OutDefaultCommand",
     .state_size = sizeof(out_default_state),
     .begin = out_default_begin,
     .process = out_default_process,
     .cleanup = out_default_cleanup},
    {.name = "Out-Host",
     .aliases = "oh",
     .synopsis = "Sends the output to the command line.",
     .description = "Formats the objects it receives and writes them to the console.",
     .params = out_host_params,
     .examples = out_host_examples,
     .class_name = "Microsoft.PowerShell.Commands.OutHostCommand",
     .state_size = sizeof(out_default_state),
     .begin = out_default_begin,
     .process = out_default_process,
     .cleanup = out_default_cleanup},
    {.name = "Out-Null",
     .synopsis = "Hides the output instead of sending it down the pipeline or displaying it.",
     .description = "Discards every object it receives.",
     .params = out_null_params,
     .examples = out_null_examples,
     .class_name = "Microsoft.PowerShell.Commands.OutNullCommand",
     .process = out_null_process},
    {.name = "Out-String",
     .synopsis = "Outputs input objects as a string.",
     .description = "Formats the objects as the console would show them and emits the "
                    "text: one string, or one string per line with -Stream.",
     .params = out_string_params,
     .examples = out_string_examples,
     .output_type = "System.String",
     .class_name = "Microsoft.PowerShell.Commands.OutStringCommand",
     .state_size = sizeof(out_string_state),
     .begin = out_string_begin,
     .process = out_string_process,
     .end = out_string_end,
     .cleanup = out_string_cleanup},
    {.name = "Out-File",
     .synopsis = "Sends output to a file.",
     .description = "Writes the objects to a file formatted exactly as the console shows "
                    "them.",
     .default_set = "ByPath",
     .params = out_file_params,
     .examples = out_file_examples,
     .class_name = "Microsoft.PowerShell.Commands.OutFileCommand",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .state_size = sizeof(out_file_state),
     .begin = out_file_begin,
     .process = out_file_process,
     .end = out_file_end,
     .cleanup = out_file_cleanup},
    {0},
};
