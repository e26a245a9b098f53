/*
 * format.c - the formatting stage: views, tables, lists, wide views and
 * Out-Default.
 *
 * Formatting happens in two steps, as in PowerShell. First a value is
 * turned into width-independent *parts*: a table row (cell texts under a
 * table shape), a list entry (name/value texts), a wide-view item, a group
 * header, or a line of plain text. Then a layout step lays parts out at a
 * given width. Format-Table and friends stop after the first step and emit
 * the recorded parts as one value (an sh_fmt_block); the sink that finally
 * prints it (Out-Default, Out-String -Width, Out-File -Width) runs the
 * second step at its own width, which is why `ft | Out-String -Width 200`
 * is not cut at the terminal's width.
 *
 * The layout step is a small state machine (sh_formatter). Consecutive rows
 * of one table shape are buffered and laid out together when the shape
 * changes or the stream ends, because column widths depend on every row;
 * lists and plain text stream at once. A shape is identified by a key: the
 * view for objects that have one, the type and property names for objects
 * that do not, so a different kind of object ends the table and starts its
 * own (PowerShell would squeeze it into the first table's columns).
 *
 * Layout follows PowerShell 7's TableWriter/ListWriter: one space between
 * columns, dashes as long as the header, right-aligned numbers (and their
 * header), values cut with "…" (the head kept for right-aligned columns),
 * word wrapping for -Wrap, list values wrapped under their first line, and
 * a blank line before and after every table, list and wide view. Column
 * widths fit the content; when that is too wide the widest columns shrink
 * first, and columns that cannot shrink further are dropped from the right.
 */
#include "format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convert.h"
#include "errors.h"

#define FMT_TYPE_NAME    "Microsoft.PowerShell.Commands.Internal.Format.FormatData"
#define ELLIPSIS         "\xe2\x80\xa6" /* U+2026 */
#define MIN_SHRINK_WIDTH 10             /* a column is not shrunk below this (or its content) */
#define HASH_NAME_WIDTH  30             /* PowerShell's view of dictionary entries */

/* ------------------------------------------------------------------ */
/* view registry                                                      */

static const sh_view **views;
static size_t nviews, views_cap;

void sh_view_register(const sh_view *view)
{
	for (size_t i = 0; i < nviews; i++)
		if (views[i] == view)
			return;
	VEC_PUSH(views, nviews, views_cap, view);
}

static size_t type_name_count(const sh_value *v)
{
	return sh_kind_of(v) == SH_OBJECT ? sh_object_typename_count(v) : 1;
}

static const char *type_name_at(const sh_value *v, size_t i)
{
	return sh_kind_of(v) == SH_OBJECT ? sh_object_typename(v, i) : sh_type_name(v);
}

static const sh_view *find_view(const sh_value *v, int kind)
{
	if (!v)
		return NULL;
	size_t n = type_name_count(v);
	for (size_t t = 0; t < n; t++) {
		const char *name = type_name_at(v, t);
		if (!name)
			continue;
		for (size_t i = 0; i < nviews; i++)
			if ((kind < 0 || (int)views[i]->kind == kind) &&
			    str_ieq(views[i]->type_name, name))
				return views[i];
	}
	return NULL;
}

const sh_view *sh_view_find(const sh_value *v, sh_view_kind kind)
{
	return find_view(v, (int)kind);
}

const sh_view *sh_view_find_default(const sh_value *v)
{
	return find_view(v, -1);
}

/* ------------------------------------------------------------------ */
/* small string helpers: UTF-8 display widths, vectors                 */

typedef struct strvec {
	char **items;
	size_t len, cap;
} strvec;

static void strvec_push(strvec *v, char *s)
{
	VEC_PUSH(v->items, v->len, v->cap, s);
}

static void strvec_free(strvec *v)
{
	for (size_t i = 0; i < v->len; i++)
		free(v->items[i]);
	free(v->items);
	v->items = NULL;
	v->len = v->cap = 0;
}

static size_t cp_bytes(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c < 0x80             ? 1
	           : (c & 0xE0) == 0xC0 ? 2
	           : (c & 0xF0) == 0xE0 ? 3
	           : (c & 0xF8) == 0xF0 ? 4
	                                : 1;
	for (size_t i = 1; i < n; i++)
		if (!s[i])
			return i;
	return n;
}

static int cp_cols(const char *s, size_t n)
{
	char tmp[8];
	memcpy(tmp, s, n);
	tmp[n] = 0;
	return (int)utf8_width(tmp);
}

static int str_cols(const char *s)
{
	return (int)utf8_width(s);
}

/* Bytes of the longest prefix of s that fits in `cols` columns. */
static size_t head_bytes(const char *s, int cols)
{
	size_t i = 0;
	int used = 0;
	while (s[i]) {
		size_t n = cp_bytes(s + i);
		int w = cp_cols(s + i, n);
		if (used + w > cols)
			break;
		used += w;
		i += n;
	}
	return i;
}

/* Offset where the longest suffix of s that fits in `cols` columns starts. */
static size_t tail_start(const char *s, int cols)
{
	int total = str_cols(s);
	size_t i = 0;
	while (s[i] && total > cols) {
		size_t n = cp_bytes(s + i);
		total -= cp_cols(s + i, n);
		i += n;
	}
	return i;
}

static void put_spaces(sh_buf *b, int n)
{
	for (int i = 0; i < n; i++)
		buf_putc(b, ' ');
}

/* Appends a line with its trailing blanks removed. */
static void put_trimmed_line(sh_buf *out, const char *s, size_t n)
{
	while (n > 0 && s[n - 1] == ' ')
		n--;
	buf_putn(out, s, n);
	buf_putc(out, '\n');
}

/* A value's text padded or cut to exactly `width` columns (PowerShell's
 * GenerateRowField). Without `pad`, left-aligned text is not padded. */
static void put_field(sh_buf *out, const char *s, int width, sh_align align, bool pad)
{
	int cols = str_cols(s);
	if (cols <= width) {
		int gap = width - cols;
		if (align == SH_ALIGN_RIGHT) {
			put_spaces(out, gap);
			buf_puts(out, s);
		} else if (align == SH_ALIGN_CENTER) {
			put_spaces(out, gap / 2);
			buf_puts(out, s);
			if (pad)
				put_spaces(out, gap - gap / 2);
		} else {
			buf_puts(out, s);
			if (pad)
				put_spaces(out, gap);
		}
		return;
	}
	sh_buf cut = {0};
	int room = width - 1; /* the ellipsis takes one column */
	if (room > 0) {
		if (align == SH_ALIGN_RIGHT) {
			buf_puts(&cut, ELLIPSIS);
			buf_puts(&cut, s + tail_start(s, room));
		} else {
			buf_putn(&cut, s, head_bytes(s, room));
			buf_puts(&cut, ELLIPSIS);
		}
	} else if (align == SH_ALIGN_RIGHT) {
		buf_puts(&cut, s + tail_start(s, width));
	} else {
		buf_putn(&cut, s, head_bytes(s, width));
	}
	/* a cut double-width character leaves one column short */
	int short_by = width - str_cols(buf_str(&cut));
	if (short_by > 0 && align == SH_ALIGN_RIGHT)
		put_spaces(out, short_by);
	buf_puts(out, buf_str(&cut));
	if (short_by > 0 && align != SH_ALIGN_RIGHT && pad)
		put_spaces(out, short_by);
	buf_free(&cut);
}

/* The first line of a cell; a cell with more lines is marked with "…". */
static char *first_line(const char *s)
{
	size_t n = strcspn(s, "\r\n");
	if (!s[n])
		return xstrdup(s);
	return xasprintf("%.*s" ELLIPSIS, (int)n, s);
}

/* Splits text into display lines of at most `width` columns, breaking at
 * blanks where it can, as PowerShell's GenerateLines does for English. */
static void wrap_text(const char *text, int width, strvec *out)
{
	if (width < 1)
		width = 1;
	const char *p = text;
	for (;;) {
		size_t n = strcspn(p, "\n");
		char *line = xmalloc(n + 1);
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (p[i] != '\r')
				line[k++] = p[i];
		line[k] = 0;
		if (str_cols(line) <= width) {
			strvec_push(out, line);
		} else {
			sh_buf cur = {0};
			int left = width;
			const char *w = line;
			while (*w) {
				size_t wl = strcspn(w, " \t");
				if (w[wl])
					wl++; /* the word carries its blank */
				char *word = xstrndup(w, wl);
				int ww = str_cols(word);
				if (ww > width) {
					for (size_t i = 0; word[i];) {
						size_t cb = cp_bytes(word + i);
						int cw = cp_cols(word + i, cb);
						const char *ch = word + i;
						if (cw > width) {
							ch = "?";
							cb = 1;
							cw = 1;
						}
						if (cw > left) {
							strvec_push(out, buf_detach(&cur));
							left = width;
						}
						buf_putn(&cur, ch, cb);
						left -= cw;
						i += cp_bytes(word + i);
					}
				} else if (ww > left) {
					strvec_push(out, buf_detach(&cur));
					buf_puts(&cur, word);
					left = width - ww;
				} else {
					buf_puts(&cur, word);
					left -= ww;
				}
				free(word);
				w += wl;
			}
			strvec_push(out, buf_detach(&cur));
			free(line);
		}
		if (!p[n])
			break;
		p += n + 1;
	}
}

/* ------------------------------------------------------------------ */
/* value texts                                                        */

static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};
static const char *const day_names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};

static char *date_text(const sh_value *v, bool long_form)
{
	int y, mo, d, h, mi, s, ms, dow, doy;
	sh_civil_from_ticks(sh_ticks_of(v), &y, &mo, &d, &h, &mi, &s, &ms, &dow, &doy);
	int h12 = h % 12 ? h % 12 : 12;
	const char *ampm = h < 12 ? "AM" : "PM";
	if (long_form)
		return xasprintf("%s, %s %d, %d %d:%02d:%02d %s", day_names[((dow % 7) + 7) % 7],
		                 month_names[(mo - 1) % 12], d, y, h12, mi, s, ampm);
	return xasprintf("%d/%d/%d %d:%02d:%02d %s", mo, d, y, h12, mi, s, ampm);
}

static char *block_text(const sh_value *v)
{
	struct sh_scriptblock *sb = sh_scriptblock_of(v);
	return sb ? sh_scriptblock_text(sb) : xstrdup("");
}

static int enumeration_limit(sh_interp *in)
{
	sh_value *lim = in ? sh_var_get(in, "FormatEnumerationLimit") : NULL;
	int64_t n;
	if (lim && sh_is_number(lim) && sh_to_int64(lim, &n, NULL))
		return n < 0 ? -1 : (int)(n > 100000 ? 100000 : n);
	return 4;
}

/* An element inside an enumerated cell: its ToString(). */
static char *element_text(sh_value *v)
{
	switch (sh_kind_of(v)) {
	case SH_NULL:
		return xstrdup("");
	case SH_ARRAY:
		return xstrdup("System.Object[]");
	case SH_HASHTABLE:
		return xstrdup(sh_hash_is_ordered(v)
		                   ? "System.Collections.Specialized.OrderedDictionary"
		                   : "System.Collections.Hashtable");
	case SH_DATETIME:
		return date_text(v, false);
	case SH_SCRIPTBLOCK:
		return block_text(v);
	default:
		return sh_to_string(v);
	}
}

char *sh_format_cell(sh_interp *in, sh_value *v)
{
	switch (sh_kind_of(v)) {
	case SH_NULL:
		return xstrdup("");
	case SH_STRING:
		return xstrdup(sh_str(v));
	case SH_ARRAY:
	case SH_HASHTABLE: {
		bool hash = sh_kind_of(v) == SH_HASHTABLE;
		size_t n = hash ? sh_hash_len(v) : sh_array_len(v);
		int limit = enumeration_limit(in);
		sh_buf b = {0};
		buf_putc(&b, '{');
		for (size_t i = 0; i < n; i++) {
			if (limit >= 0 && i >= (size_t)limit) {
				buf_puts(&b, ELLIPSIS);
				break;
			}
			if (i)
				buf_puts(&b, ", ");
			if (hash) {
				char *k = element_text(sh_hash_key_at(v, i));
				char *val = element_text(sh_hash_value_at(v, i));
				buf_printf(&b, "[%s, %s]", k, val);
				free(k);
				free(val);
			} else {
				char *t = element_text(sh_array_get(v, i));
				buf_puts(&b, t);
				free(t);
			}
		}
		buf_putc(&b, '}');
		return buf_detach(&b);
	}
	case SH_DATETIME:
		return date_text(v, false);
	case SH_SCRIPTBLOCK:
		return block_text(v);
	default:
		return sh_to_string(v);
	}
}

char *sh_format_scalar(sh_value *v)
{
	switch (sh_kind_of(v)) {
	case SH_STRING:
		return xstrdup(sh_str(v));
	case SH_DATETIME:
		return date_text(v, true);
	case SH_SCRIPTBLOCK:
		return block_text(v);
	default:
		return sh_to_string(v);
	}
}

/* A property read for display: errors and missing members show empty. */
static sh_value *display_member(sh_interp *in, sh_value *v, const char *name)
{
	sh_value *out = NULL;
	char *error = NULL;
	if (sh_get_member(in, v, name, &out, &error) != 0) {
		free(error);
		sh_unref(out);
		return NULL;
	}
	return out;
}

/* ------------------------------------------------------------------ */
/* parts and blocks                                                   */

/* A table's (or wide view's) shape. Rows whose shapes have equal keys
 * share one table; a shape without a key matches only itself. */
typedef struct tspec {
	int refs;
	size_t ncols;
	char **headers;
	int *widths;
	sh_align *aligns;
	unsigned flags;
	char *key;
	int wide_columns; /* wide views */
	bool wide;
} tspec;

static tspec *tspec_new(const char *const *headers, const int *widths, const sh_align *aligns,
                        size_t n, unsigned flags, char *key)
{
	tspec *t = xcalloc(1, sizeof *t);
	t->refs = 1;
	t->ncols = n;
	t->headers = xcalloc(n ? n : 1, sizeof *t->headers);
	t->widths = xcalloc(n ? n : 1, sizeof *t->widths);
	t->aligns = xcalloc(n ? n : 1, sizeof *t->aligns);
	for (size_t i = 0; i < n; i++) {
		t->headers[i] = xstrdup(headers[i] ? headers[i] : "");
		t->widths[i] = widths ? widths[i] : 0;
		t->aligns[i] = aligns ? aligns[i] : SH_ALIGN_AUTO;
	}
	t->flags = flags;
	t->key = key;
	return t;
}

static tspec *tspec_ref(tspec *t)
{
	t->refs++;
	return t;
}

static void tspec_unref(tspec *t)
{
	if (!t || --t->refs > 0)
		return;
	for (size_t i = 0; i < t->ncols; i++)
		free(t->headers[i]);
	free(t->headers);
	free(t->widths);
	free(t->aligns);
	free(t->key);
	free(t);
}

static bool tspec_same(const tspec *a, const tspec *b)
{
	return a == b || (a && b && a->key && b->key && strcmp(a->key, b->key) == 0);
}

typedef enum part_kind { P_TEXT, P_GROUP, P_ROW, P_LIST, P_WIDE_ITEM } part_kind;

typedef struct part {
	part_kind kind;
	tspec *spec;   /* P_ROW, P_WIDE_ITEM */
	char **strs;   /* TEXT: 1; GROUP: label, value; ROW: cells; LIST: names then values */
	bool *numeric; /* P_ROW */
	size_t n;      /* strings in strs */
} part;

struct sh_fmt_block {
	part *parts;
	size_t len, cap;
	tspec *table; /* the table sh_fmt_block_row adds to */
	tspec *wide;
};

static void part_free(part *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->strs[i]);
	free(p->strs);
	free(p->numeric);
	tspec_unref(p->spec);
}

static void block_push(sh_fmt_block *b, part_kind kind, tspec *spec, const char *const *strs,
                       size_t n, const bool *numeric)
{
	part p = {.kind = kind, .spec = spec ? tspec_ref(spec) : NULL, .n = n};
	p.strs = xcalloc(n ? n : 1, sizeof *p.strs);
	for (size_t i = 0; i < n; i++)
		p.strs[i] = xstrdup(strs[i] ? strs[i] : "");
	if (numeric) {
		p.numeric = xcalloc(n ? n : 1, sizeof *p.numeric);
		memcpy(p.numeric, numeric, n * sizeof *numeric);
	}
	VEC_PUSH(b->parts, b->len, b->cap, p);
}

sh_fmt_block *sh_fmt_block_new(void)
{
	return xcalloc(1, sizeof(sh_fmt_block));
}

void sh_fmt_block_free(sh_fmt_block *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->len; i++)
		part_free(&b->parts[i]);
	free(b->parts);
	tspec_unref(b->table);
	tspec_unref(b->wide);
	free(b);
}

void sh_fmt_block_table(sh_fmt_block *b, const char *const *headers, const int *widths,
                        const sh_align *aligns, size_t ncolumns, unsigned flags)
{
	tspec_unref(b->table);
	b->table = tspec_new(headers, widths, aligns, ncolumns, flags, NULL);
}

void sh_fmt_block_row(sh_fmt_block *b, const char *const *cells, const bool *numeric)
{
	if (!b->table)
		return;
	bool none[b->table->ncols ? b->table->ncols : 1];
	if (!numeric) {
		memset(none, 0, sizeof none);
		numeric = none;
	}
	block_push(b, P_ROW, b->table, cells, b->table->ncols, numeric);
}

void sh_fmt_block_list(sh_fmt_block *b, const char *const *names, const char *const *values,
                       size_t n)
{
	const char **strs = xcalloc(2 * n + 1, sizeof *strs);
	for (size_t i = 0; i < n; i++) {
		strs[i] = names[i];
		strs[n + i] = values[i];
	}
	block_push(b, P_LIST, NULL, strs, 2 * n, NULL);
	free(strs);
}

void sh_fmt_block_wide(sh_fmt_block *b, int columns, bool autosize)
{
	tspec_unref(b->wide);
	b->wide = tspec_new(NULL, NULL, NULL, 0, autosize ? SH_FMT_AUTOSIZE : 0, NULL);
	b->wide->wide = true;
	b->wide->wide_columns = columns;
}

static void wide_item_spec(sh_fmt_block *b, tspec *spec, const char *text)
{
	const char *strs[1] = {text};
	block_push(b, P_WIDE_ITEM, spec, strs, 1, NULL);
}

void sh_fmt_block_wide_item(sh_fmt_block *b, const char *text)
{
	if (!b->wide)
		sh_fmt_block_wide(b, 0, false);
	wide_item_spec(b, b->wide, text);
}

void sh_fmt_block_group(sh_fmt_block *b, const char *label, const char *value)
{
	const char *strs[2] = {label, value};
	block_push(b, P_GROUP, NULL, strs, 2, NULL);
}

void sh_fmt_block_text(sh_fmt_block *b, const char *text)
{
	block_push(b, P_TEXT, NULL, &text, 1, NULL);
}

static void fmt_block_free_native(void *native)
{
	sh_fmt_block_free(native);
}

static const sh_class fmt_block_class = {
    .name = FMT_TYPE_NAME,
    .free_native = fmt_block_free_native,
};

sh_value *sh_fmt_block_value(sh_fmt_block *b)
{
	sh_value *o = sh_object_new(FMT_TYPE_NAME);
	sh_object_set_native(o, &fmt_block_class, b);
	return o;
}

bool sh_is_fmt_block(const sh_value *v)
{
	return sh_kind_of(v) == SH_OBJECT && sh_object_class(v) == &fmt_block_class;
}

/* ---- turning a value into parts ---- */

static void add_keyed_row(sh_fmt_block *b, const char *const *headers, const int *widths,
                          const sh_align *aligns, size_t n, unsigned flags, char *key,
                          char *const *cells, const bool *numeric)
{
	tspec *t = tspec_new(headers, widths, aligns, n, flags, key);
	block_push(b, P_ROW, t, (const char *const *)cells, n, numeric);
	tspec_unref(t);
}

static void free_cells(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}

static void add_timespan(sh_fmt_block *b, sh_value *v, int kind, unsigned flags)
{
	static const char *const names[] = {
	    "Days",      "Hours",      "Minutes",      "Seconds",      "Milliseconds",     "Ticks",
	    "TotalDays", "TotalHours", "TotalMinutes", "TotalSeconds", "TotalMilliseconds"};
	int64_t t = sh_ticks_of(v);
	const int64_t tms = 10000, ts = SH_TICKS_PER_SECOND, tmin = 60 * ts, th = 60 * tmin;
	sh_value *vals[11] = {
	    sh_integer(t / SH_TICKS_PER_DAY),
	    sh_integer((t / th) % 24),
	    sh_integer((t / tmin) % 60),
	    sh_integer((t / ts) % 60),
	    sh_integer((t / tms) % 1000),
	    sh_long(t),
	    sh_double((double)t / (double)SH_TICKS_PER_DAY),
	    sh_double((double)t / (double)th),
	    sh_double((double)t / (double)tmin),
	    sh_double((double)t / (double)ts),
	    sh_double((double)t / (double)tms),
	};
	char **cells = xcalloc(11, sizeof *cells);
	bool numeric[11];
	for (size_t i = 0; i < 11; i++) {
		cells[i] = sh_to_string(vals[i]);
		numeric[i] = true;
		sh_unref(vals[i]);
	}
	if (kind == SH_VIEW_TABLE)
		add_keyed_row(b, names, NULL, NULL, 11, flags, xstrdup("System.TimeSpan"), cells,
		              numeric);
	else
		sh_fmt_block_list(b, names, (const char *const *)cells, 11);
	free_cells(cells, 11);
}

static void add_hashtable(sh_fmt_block *b, sh_interp *in, sh_value *h, int kind, unsigned flags)
{
	static const char *const headers[] = {"Name", "Value"};
	static const int widths[] = {HASH_NAME_WIDTH, 0};
	static const sh_align aligns[] = {SH_ALIGN_LEFT, SH_ALIGN_LEFT};
	size_t n = sh_hash_len(h);
	for (size_t i = 0; i < n; i++) {
		char *cells[2] = {sh_format_cell(in, sh_hash_key_at(h, i)),
		                  sh_format_cell(in, sh_hash_value_at(h, i))};
		if (kind == SH_VIEW_LIST) {
			sh_fmt_block_list(b, headers, (const char *const *)cells, 2);
		} else if (kind == SH_VIEW_WIDE) {
			tspec *t = tspec_new(NULL, NULL, NULL, 0, flags & SH_FMT_AUTOSIZE,
			                     xstrdup("wide:hash"));
			t->wide = true;
			wide_item_spec(b, t, cells[0]);
			tspec_unref(t);
		} else {
			bool numeric[2] = {false, false};
			add_keyed_row(b, headers, widths, aligns, 2, flags, xstrdup("hash"), cells,
			              numeric);
		}
		free(cells[0]);
		free(cells[1]);
	}
}

static void add_view_object(sh_fmt_block *b, sh_interp *in, sh_value *v, const sh_view *view,
                            unsigned flags)
{
	if (view->kind == SH_VIEW_STRING) {
		char *text = sh_to_string(v);
		sh_fmt_block_text(b, text);
		free(text);
		return;
	}
	if (view->kind == SH_VIEW_WIDE) {
		sh_value *val =
		    view->wide_property ? display_member(in, v, view->wide_property) : sh_ref(v);
		char *text = sh_format_cell(in, val);
		tspec *t = tspec_new(NULL, NULL, NULL, 0, flags & SH_FMT_AUTOSIZE,
		                     xasprintf("view:%p", (const void *)view));
		t->wide = true;
		wide_item_spec(b, t, text);
		tspec_unref(t);
		free(text);
		sh_unref(val);
		return;
	}
	size_t n = view->ncolumns;
	char **cells = xcalloc(n ? n : 1, sizeof *cells);
	bool *numeric = xcalloc(n ? n : 1, sizeof *numeric);
	const char **headers = xcalloc(n ? n : 1, sizeof *headers);
	int *widths = xcalloc(n ? n : 1, sizeof *widths);
	sh_align *aligns = xcalloc(n ? n : 1, sizeof *aligns);
	for (size_t i = 0; i < n; i++) {
		const sh_view_column *col = &view->columns[i];
		sh_value *val = col->compute    ? col->compute(in, v)
		                : col->property ? display_member(in, v, col->property)
		                                : NULL;
		cells[i] = sh_format_cell(in, val);
		numeric[i] = sh_is_number(val);
		headers[i] = col->header ? col->header : col->property ? col->property : "";
		widths[i] = col->width;
		aligns[i] = col->align;
		sh_unref(val);
	}
	if (view->kind == SH_VIEW_LIST)
		sh_fmt_block_list(b, headers, (const char *const *)cells, n);
	else
		add_keyed_row(b, headers, widths, aligns, n, flags,
		              xasprintf("view:%p", (const void *)view), cells, numeric);
	free_cells(cells, n);
	free(numeric);
	free(headers);
	free(widths);
	free(aligns);
}

static void add_plain_object(sh_fmt_block *b, sh_interp *in, sh_value *v, int kind, unsigned flags)
{
	sh_value *names = sh_property_names(in, v);
	size_t n = sh_array_len(names);
	if (n == 0) {
		char *text = sh_to_string(v);
		if (*text)
			sh_fmt_block_text(b, text);
		free(text);
		sh_unref(names);
		return;
	}
	if (kind < 0)
		kind = n <= 4 ? SH_VIEW_TABLE : SH_VIEW_LIST;
	if (kind == SH_VIEW_WIDE) {
		sh_value *val = display_member(in, v, sh_str(sh_array_get(names, 0)));
		char *text = sh_format_cell(in, val);
		char *key = xasprintf("wide:%s", type_name_at(v, 0));
		tspec *t = tspec_new(NULL, NULL, NULL, 0, flags & SH_FMT_AUTOSIZE, key);
		t->wide = true;
		wide_item_spec(b, t, text);
		tspec_unref(t);
		free(text);
		sh_unref(val);
		sh_unref(names);
		return;
	}
	char **cells = xcalloc(n, sizeof *cells);
	bool *numeric = xcalloc(n, sizeof *numeric);
	const char **headers = xcalloc(n, sizeof *headers);
	for (size_t i = 0; i < n; i++) {
		headers[i] = sh_str(sh_array_get(names, i));
		sh_value *val = display_member(in, v, headers[i]);
		cells[i] = sh_format_cell(in, val);
		numeric[i] = sh_is_number(val);
		sh_unref(val);
	}
	if (kind == SH_VIEW_LIST) {
		sh_fmt_block_list(b, headers, (const char *const *)cells, n);
	} else {
		sh_buf key = {0};
		buf_puts(&key, "obj");
		for (size_t i = 0; i < type_name_count(v); i++)
			buf_printf(&key, "\x1f%s", type_name_at(v, i));
		for (size_t i = 0; i < n; i++)
			buf_printf(&key, "\x1e%s", headers[i]);
		add_keyed_row(b, headers, NULL, NULL, n, flags, buf_detach(&key), cells, numeric);
	}
	free_cells(cells, n);
	free(numeric);
	free(headers);
	sh_unref(names);
}

static void copy_block_parts(sh_fmt_block *dst, const sh_fmt_block *src)
{
	for (size_t i = 0; i < src->len; i++) {
		const part *p = &src->parts[i];
		block_push(dst, p->kind, p->spec, (const char *const *)p->strs, p->n, p->numeric);
	}
}

void sh_fmt_block_object(sh_fmt_block *b, sh_interp *in, sh_value *v, int kind, unsigned flags)
{
	switch (sh_kind_of(v)) {
	case SH_NULL:
		return;
	case SH_ARRAY:
		for (size_t i = 0; i < sh_array_len(v); i++)
			sh_fmt_block_object(b, in, sh_array_get(v, i), kind, flags);
		return;
	case SH_HASHTABLE:
		add_hashtable(b, in, v, kind, flags);
		return;
	case SH_TIMESPAN:
		if (kind != SH_VIEW_WIDE) {
			add_timespan(b, v, kind, flags);
			return;
		}
		break;
	case SH_OBJECT: {
		if (sh_is_fmt_block(v)) {
			copy_block_parts(b, sh_object_native(v));
			return;
		}
		if (sh_is_error_record(v)) {
			sh_buf text = {0};
			sh_error_format(v, &text);
			if (text.len && text.data[text.len - 1] == '\n')
				text.data[--text.len] = 0;
			sh_fmt_block_text(b, buf_str(&text));
			buf_free(&text);
			return;
		}
		const sh_view *view = kind < 0 ? sh_view_find_default(v) : find_view(v, kind);
		if (view)
			add_view_object(b, in, v, view, flags);
		else
			add_plain_object(b, in, v, kind, flags);
		return;
	}
	default:
		break;
	}
	const sh_view *view = find_view(v, kind);
	if (view) {
		add_view_object(b, in, v, view, flags);
		return;
	}
	char *text = sh_format_scalar(v);
	sh_fmt_block_text(b, text);
	free(text);
}

/* ------------------------------------------------------------------ */
/* layout                                                             */

typedef enum fmt_mode { M_NONE, M_TABLE, M_LIST, M_WIDE } fmt_mode;

struct sh_formatter {
	sh_interp *in;
	int width;
	const sh_view *group_view; /* the grouping view of the last object, */
	char *group_text;          /* and the text of its group */
	fmt_mode mode;
	tspec *spec;   /* M_TABLE, M_WIDE */
	strvec cells;  /* buffered rows, row-major */
	bool *numeric; /* per buffered cell */
	size_t nnumeric, numeric_cap;
	size_t nrows;
	bool streaming; /* rows print as they come (table_streams) */
	int *lw;        /* the current table's layout: widths, alignments, */
	sh_align *lal;  /* and how many columns are visible */
	size_t lk;
};

sh_formatter *sh_formatter_new(sh_interp *in, int width)
{
	sh_formatter *f = xcalloc(1, sizeof *f);
	f->in = in;
	f->width = width < 10 ? 10 : width;
	return f;
}

/* Fits natural column widths into `avail` columns; returns how many
 * columns (from the left) stay visible. */
static size_t fit_widths(int *w, size_t n, int avail)
{
	int minw[n ? n : 1];
	for (size_t i = 0; i < n; i++)
		minw[i] = w[i] < MIN_SHRINK_WIDTH ? w[i] : MIN_SHRINK_WIDTH;
	size_t k = n;
	for (;;) {
		int sum = (int)k - 1;
		for (size_t i = 0; i < k; i++)
			sum += minw[i];
		if (sum <= avail || k == 1)
			break;
		k--;
	}
	int total = (int)k - 1, widest = 0;
	for (size_t i = 0; i < k; i++) {
		total += w[i];
		if (w[i] > widest)
			widest = w[i];
	}
	if (total <= avail)
		return k;
	if (k == 1) {
		w[0] = avail < 1 ? 1 : avail;
		return 1;
	}
	/* the largest cap that fits: columns wider than it shrink to it */
	int lo = 0, hi = widest;
	while (lo < hi) {
		int mid = (lo + hi + 1) / 2, sum = (int)k - 1;
		for (size_t i = 0; i < k; i++) {
			int c = w[i] < mid ? w[i] : mid;
			sum += c > minw[i] ? c : minw[i];
		}
		if (sum <= avail)
			lo = mid;
		else
			hi = mid - 1;
	}
	int orig[k], sum = (int)k - 1;
	for (size_t i = 0; i < k; i++) {
		orig[i] = w[i];
		int c = w[i] < lo ? w[i] : lo;
		w[i] = c > minw[i] ? c : minw[i];
		sum += w[i];
	}
	/* what the cap left over goes to the last shrunk column first */
	int left = avail - sum;
	for (size_t j = k; j-- > 0 && left > 0;)
		if (w[j] < orig[j]) {
			int give = orig[j] - w[j] < left ? orig[j] - w[j] : left;
			w[j] += give;
			left -= give;
			break;
		}
	for (size_t j = 0; j < k && left > 0; j++)
		if (w[j] < orig[j]) {
			w[j]++;
			left--;
		}
	return k;
}

/* Lays out one table row whose fields may span several lines. */
static void put_multiline_row(sh_buf *out, char *const *texts, const int *w, const sh_align *al,
                              size_t k)
{
	strvec lines[k];
	size_t rows = 0;
	for (size_t c = 0; c < k; c++) {
		lines[c] = (strvec){0};
		wrap_text(texts[c], w[c], &lines[c]);
		if (lines[c].len > rows)
			rows = lines[c].len;
	}
	sh_buf line = {0};
	for (size_t r = 0; r < rows; r++) {
		buf_reset(&line);
		for (size_t c = 0; c < k; c++) {
			if (c)
				buf_putc(&line, ' ');
			const char *s = r < lines[c].len ? lines[c].items[r] : "";
			put_field(&line, s, w[c], al[c], c + 1 < k);
		}
		put_trimmed_line(out, buf_str(&line), line.len);
	}
	buf_free(&line);
	for (size_t c = 0; c < k; c++)
		strvec_free(&lines[c]);
}

/* A table whose columns have fixed widths (a view's; the last column may
 * take what remains of the line, when its text is left-aligned) needs no
 * look at later rows: it prints each row as it comes, so its output
 * interleaves with errors as it happens. */
static bool table_streams(const tspec *t, const bool *first_numeric)
{
	size_t n = t->ncols;
	if (n == 0 || (t->flags & SH_FMT_AUTOSIZE))
		return false;
	for (size_t c = 0; c + 1 < n; c++)
		if (t->widths[c] <= 0)
			return false;
	if (t->widths[n - 1] > 0)
		return true;
	sh_align last = t->aligns[n - 1];
	if (last == SH_ALIGN_AUTO)
		last = first_numeric && first_numeric[n - 1] ? SH_ALIGN_RIGHT : SH_ALIGN_LEFT;
	return n >= 2 && last == SH_ALIGN_LEFT;
}

/* Column widths and alignments for the current table, from its buffered
 * rows (or, streaming, from its fixed widths and first row). */
static void table_layout(sh_formatter *f, const char *const *first_row, const bool *first_numeric)
{
	tspec *t = f->spec;
	size_t n = t->ncols;
	bool hide = t->flags & SH_FMT_HIDE_HEADERS, wrap = t->flags & SH_FMT_WRAP;
	f->lw = xcalloc(n, sizeof *f->lw);
	f->lal = xcalloc(n, sizeof *f->lal);
	int *w = f->lw;
	int fixed = (int)n - 1;
	for (size_t c = 0; c < n; c++) {
		if (t->widths[c] > 0 && !(t->flags & SH_FMT_AUTOSIZE)) {
			w[c] = t->widths[c];
		} else if (f->streaming) {
			w[c] = f->width - fixed; /* the last column takes what remains */
			if (w[c] < 1)
				w[c] = 1;
		} else {
			w[c] = hide ? 0 : str_cols(t->headers[c]);
			for (size_t r = 0; r < f->nrows; r++) {
				const char *cell = f->cells.items[r * n + c];
				int cw;
				if (wrap) {
					strvec ls = {0};
					wrap_text(cell, 1 << 20, &ls);
					cw = 0;
					for (size_t i = 0; i < ls.len; i++)
						if (str_cols(ls.items[i]) > cw)
							cw = str_cols(ls.items[i]);
					strvec_free(&ls);
				} else {
					char *first = first_line(cell);
					cw = str_cols(first);
					free(first);
				}
				if (cw > w[c])
					w[c] = cw;
			}
			if (w[c] < 1)
				w[c] = 1;
		}
		fixed += w[c];
		f->lal[c] = t->aligns[c] != SH_ALIGN_AUTO     ? t->aligns[c]
		            : (first_row && first_numeric[c]) ? SH_ALIGN_RIGHT
		                                              : SH_ALIGN_LEFT;
	}
	f->lk = fit_widths(w, n, f->width);
}

static void put_table_header(sh_formatter *f, sh_buf *out)
{
	tspec *t = f->spec;
	size_t k = f->lk;
	buf_putc(out, '\n');
	if (t->flags & SH_FMT_HIDE_HEADERS)
		return;
	put_multiline_row(out, t->headers, f->lw, f->lal, k);
	sh_buf line = {0};
	for (size_t c = 0; c < k; c++) {
		if (c)
			buf_putc(&line, ' ');
		int dashes = str_cols(t->headers[c]);
		if (dashes > f->lw[c])
			dashes = f->lw[c];
		char *d = xmalloc((size_t)dashes + 1);
		memset(d, '-', (size_t)dashes);
		d[dashes] = 0;
		put_field(&line, d, f->lw[c], f->lal[c], c + 1 < k);
		free(d);
	}
	put_trimmed_line(out, buf_str(&line), line.len);
	buf_free(&line);
}

static void put_table_row(sh_formatter *f, char *const *row, sh_buf *out)
{
	size_t k = f->lk;
	if (f->spec->flags & SH_FMT_WRAP) {
		put_multiline_row(out, row, f->lw, f->lal, k);
		return;
	}
	sh_buf line = {0};
	for (size_t c = 0; c < k; c++) {
		if (c)
			buf_putc(&line, ' ');
		char *first = first_line(row[c]);
		put_field(&line, first, f->lw[c], f->lal[c], c + 1 < k);
		free(first);
	}
	put_trimmed_line(out, buf_str(&line), line.len);
	buf_free(&line);
}

static void render_table(sh_formatter *f, sh_buf *out)
{
	if (f->spec->ncols == 0 || f->streaming)
		return;
	table_layout(f, f->nrows ? (const char *const *)f->cells.items : NULL, f->numeric);
	put_table_header(f, out);
	for (size_t r = 0; r < f->nrows; r++)
		put_table_row(f, f->cells.items + r * f->spec->ncols, out);
}

/* PowerShell's ComputeWideViewBestItemsPerRowFit. */
static int wide_best_fit(int item_width, int screen)
{
	if (item_width <= 0 || item_width >= screen)
		return 1;
	int columns = 1;
	while (item_width * (columns + 1) + columns < screen)
		columns++;
	return columns;
}

static void render_wide(sh_formatter *f, sh_buf *out)
{
	tspec *t = f->spec;
	size_t n = f->nrows;
	int columns = t->wide_columns > 0 ? t->wide_columns : 2;
	if (t->flags & SH_FMT_AUTOSIZE) {
		int longest = 0;
		for (size_t i = 0; i < n; i++)
			if (str_cols(f->cells.items[i]) > longest)
				longest = str_cols(f->cells.items[i]);
		columns = wide_best_fit(longest, f->width);
	}
	/* every column starts at width 1; the rest is dealt out one by one */
	int w[columns];
	int avail = f->width - (columns - 1) - columns;
	for (int c = 0; c < columns; c++)
		w[c] = 1 + (avail > 0 ? avail / columns + (c < avail % columns) : 0);
	buf_putc(out, '\n');
	sh_buf line = {0};
	for (size_t i = 0; i < n; i += (size_t)columns) {
		buf_reset(&line);
		size_t in_row = n - i < (size_t)columns ? n - i : (size_t)columns;
		for (size_t c = 0; c < in_row; c++) {
			if (c)
				buf_putc(&line, ' ');
			char *first = first_line(f->cells.items[i + c]);
			put_field(&line, first, w[c], SH_ALIGN_LEFT, c + 1 < in_row);
			free(first);
		}
		put_trimmed_line(out, buf_str(&line), line.len);
	}
	buf_free(&line);
}

static void render_list(sh_formatter *f, const part *p, sh_buf *out)
{
	size_t n = p->n / 2;
	char *const *names = p->strs, *const *values = p->strs + n;
	int label = 0;
	for (size_t i = 0; i < n; i++)
		if (str_cols(names[i]) > label)
			label = str_cols(names[i]);
	int max_label = f->width - 3 - 1;
	if (label > max_label)
		label = max_label < 1 ? 1 : max_label;
	int field = f->width - label - 3;
	if (field < 1)
		field = 1;
	buf_putc(out, '\n');
	for (size_t i = 0; i < n; i++) {
		strvec lines = {0};
		wrap_text(values[i], field, &lines);
		for (size_t l = 0; l < lines.len; l++) {
			if (l == 0) {
				put_field(out, names[i], label, SH_ALIGN_LEFT, true);
				buf_puts(out, " : ");
			} else {
				put_spaces(out, label + 3);
			}
			buf_puts(out, lines.items[l]);
			buf_putc(out, '\n');
		}
		strvec_free(&lines);
	}
}

static void end_group(sh_formatter *f, sh_buf *out, bool trailing_blank)
{
	if (f->mode == M_NONE)
		return;
	if (f->mode == M_TABLE)
		render_table(f, out);
	else if (f->mode == M_WIDE)
		render_wide(f, out);
	if (trailing_blank)
		buf_putc(out, '\n');
	strvec_free(&f->cells);
	f->nnumeric = 0;
	f->nrows = 0;
	tspec_unref(f->spec);
	f->spec = NULL;
	f->mode = M_NONE;
	f->streaming = false;
	free(f->lw);
	free(f->lal);
	f->lw = NULL;
	f->lal = NULL;
}

static void buffer_row(sh_formatter *f, const part *p)
{
	for (size_t i = 0; i < p->n; i++) {
		strvec_push(&f->cells, xstrdup(p->strs[i]));
		VEC_PUSH(f->numeric, f->nnumeric, f->numeric_cap,
		         p->numeric ? p->numeric[i] : false);
	}
	f->nrows++;
}

static void replay(sh_formatter *f, const sh_fmt_block *b, sh_buf *out)
{
	for (size_t i = 0; i < b->len; i++) {
		const part *p = &b->parts[i];
		switch (p->kind) {
		case P_TEXT:
			end_group(f, out, true);
			buf_puts(out, p->strs[0]);
			buf_putc(out, '\n');
			break;
		case P_GROUP:
			/* the header's own blank line separates it from the group before */
			end_group(f, out, false);
			buf_printf(out, "\n   %s: %s\n", p->strs[0], p->strs[1]);
			break;
		case P_ROW:
		case P_WIDE_ITEM: {
			fmt_mode want = p->kind == P_ROW ? M_TABLE : M_WIDE;
			if (f->mode != want || !tspec_same(f->spec, p->spec)) {
				end_group(f, out, true);
				f->mode = want;
				f->spec = tspec_ref(p->spec);
				if (want == M_TABLE && table_streams(p->spec, p->numeric)) {
					f->streaming = true;
					table_layout(f, (const char *const *)p->strs, p->numeric);
					put_table_header(f, out);
				}
			}
			if (f->streaming)
				put_table_row(f, p->strs, out);
			else
				buffer_row(f, p);
			break;
		}
		case P_LIST:
			if (f->mode != M_LIST) {
				end_group(f, out, true);
				f->mode = M_LIST;
			}
			render_list(f, p, out);
			break;
		}
	}
}

/* A grouping view starts a new group when its group text changes. */
static void group_header(sh_formatter *f, sh_fmt_block *b, sh_value *v)
{
	const sh_view *view = sh_kind_of(v) == SH_OBJECT ? sh_view_find_default(v) : NULL;
	if (!view || !view->group_label || !view->group_value) {
		f->group_view = NULL;
		free(f->group_text);
		f->group_text = NULL;
		return;
	}
	sh_value *g = view->group_value(f->in, v);
	char *text = sh_format_cell(f->in, g);
	sh_unref(g);
	if (f->group_view == view && f->group_text && strcmp(f->group_text, text) == 0) {
		free(text);
		return;
	}
	sh_fmt_block_group(b, view->group_label, text);
	f->group_view = view;
	free(f->group_text);
	f->group_text = text;
}

void sh_formatter_write(sh_formatter *f, sh_value *v, sh_buf *out)
{
	switch (sh_kind_of(v)) {
	case SH_NULL:
		return;
	case SH_ARRAY:
		for (size_t i = 0; i < sh_array_len(v); i++)
			sh_formatter_write(f, sh_array_get(v, i), out);
		return;
	default:
		break;
	}
	if (sh_is_fmt_block(v)) {
		end_group(f, out, true);
		replay(f, sh_object_native(v), out);
		end_group(f, out, true);
		return;
	}
	sh_fmt_block *b = sh_fmt_block_new();
	group_header(f, b, v);
	sh_fmt_block_object(b, f->in, v, -1, 0);
	replay(f, b, out);
	sh_fmt_block_free(b);
}

void sh_formatter_end(sh_formatter *f, sh_buf *out)
{
	end_group(f, out, true);
}

void sh_formatter_free(sh_formatter *f)
{
	if (!f)
		return;
	strvec_free(&f->cells);
	free(f->numeric);
	tspec_unref(f->spec);
	free(f->lw);
	free(f->lal);
	free(f->group_text);
	free(f);
}

char *sh_format_to_string(sh_interp *in, sh_value *const *values, size_t n, int width)
{
	sh_formatter *f = sh_formatter_new(in, width);
	sh_buf out = {0};
	for (size_t i = 0; i < n; i++)
		sh_formatter_write(f, values[i], &out);
	sh_formatter_end(f, &out);
	sh_formatter_free(f);
	return buf_detach(&out);
}

/* ------------------------------------------------------------------ */
/* Out-Default                                                        */

struct sh_out_default {
	sh_formatter *f;
	sh_buf buf;
};

static void out_default_flush(sh_out_default *od)
{
	if (od->buf.len) {
		fwrite(od->buf.data, 1, od->buf.len, stdout);
		buf_reset(&od->buf);
	}
	fflush(stdout);
}

static sh_status out_default_write(void *ctx, sh_value *v)
{
	sh_out_default *od = ctx;
	sh_formatter_write(od->f, v, &od->buf);
	sh_unref(v);
	out_default_flush(od);
	return SH_OK;
}

int sh_console_width(sh_interp *in)
{
	int width = in ? sh_interp_host(in)->width : 0;
	return width > 0 ? width : 120;
}

sh_out_default *sh_out_default_new(sh_interp *in)
{
	sh_out_default *od = xcalloc(1, sizeof *od);
	/* the console's last column is never written, so lines never wrap by themselves */
	od->f = sh_formatter_new(in, sh_console_width(in) - 1);
	return od;
}

sh_sink sh_out_default_sink(sh_out_default *od)
{
	return (sh_sink){.write = out_default_write, .ctx = od};
}

void sh_out_default_end(sh_out_default *od)
{
	if (!od)
		return;
	sh_formatter_end(od->f, &od->buf);
	out_default_flush(od);
	sh_formatter_free(od->f);
	buf_free(&od->buf);
	free(od);
}
