/*
 * format.h - turning objects into text: default views, tables, lists, and
 * the Out-Default stage that ends every pipeline.
 *
 * PowerShell's rules, which this follows: a type with a registered view is
 * shown by it; strings, numbers and other scalars print one per line via
 * their string form; an object with no view shows as a table when it has
 * up to 4 properties and as a list with 5 or more; a hashtable shows as a
 * Name/Value table. Tables and lists are preceded and followed by a blank
 * line. Column widths fit the content and the host width; values too long
 * are cut with "…" as PowerShell 7 does.
 */
#ifndef SH_FORMAT_H
#define SH_FORMAT_H

#include "cmdlet.h"
#include "interp.h"
#include "util.h"

typedef enum sh_align {
	SH_ALIGN_AUTO = 0,
	SH_ALIGN_LEFT,
	SH_ALIGN_RIGHT,
	SH_ALIGN_CENTER
} sh_align;

typedef struct sh_view_column {
	const char *header;
	const char *property; /* property read with sh_get_member, or NULL with compute */
	/* computes the cell's value (new ref) for an object; optional */
	sh_value *(*compute)(sh_interp *in, sh_value *object);
	int width;      /* 0 = fit content */
	sh_align align; /* AUTO: numbers right, others left */
} sh_view_column;

/* SH_VIEW_STRING: the object shows as its string form, one line each
 * (MatchInfo, as PowerShell shows Select-String results). */
typedef enum sh_view_kind {
	SH_VIEW_TABLE,
	SH_VIEW_LIST,
	SH_VIEW_WIDE,
	SH_VIEW_STRING
} sh_view_kind;

typedef struct sh_view {
	const char *type_name; /* matches any of an object's type names */
	sh_view_kind kind;
	const sh_view_column *columns;
	size_t ncolumns;
	const char *wide_property; /* SH_VIEW_WIDE */
	/* Optional grouping, as PowerShell's views group files by directory:
	   when group_value's text changes from one object to the next,
	   Out-Default prints "   LABEL: value" before the object. The label
	   may start with extra spaces ("Directory" is indented by four). */
	const char *group_label;
	sh_value *(*group_value)(sh_interp *in, sh_value *object);
} sh_view;

/* Views are registered once per process (static tables of cmds/ and engine types). */
void sh_view_register(const sh_view *view);
const sh_view *sh_view_find(const sh_value *v, sh_view_kind kind);

/* The view Out-Default uses for a value: the first registered view for the
 * first of its type names that has one, whatever its kind; NULL if none. */
const sh_view *sh_view_find_default(const sh_value *v);

/* ---- pre-formatted output (what Format-Table/List/Wide emit) ----
 * A block is a recorded sequence of formatting steps, independent of the
 * output width: the sink that prints it (Out-Default, Out-String -Width,
 * Out-File -Width) lays it out at its own width. The formatter prints a
 * block as is, never regrouping it with the objects around it. */
typedef struct sh_fmt_block sh_fmt_block;

#define SH_FMT_HIDE_HEADERS 0x01u
#define SH_FMT_WRAP         0x02u
#define SH_FMT_AUTOSIZE     0x04u /* ignore fixed widths: fit the content */

sh_fmt_block *sh_fmt_block_new(void);
void sh_fmt_block_free(sh_fmt_block *b);
/* Starts a table; the rows added after it belong to it. headers/widths/
 * aligns have ncolumns entries (widths 0 = fit the content). */
void sh_fmt_block_table(sh_fmt_block *b, const char *const *headers, const int *widths,
                        const sh_align *aligns, size_t ncolumns, unsigned flags);
/* One row of the current table: ncolumns cell texts; numeric[i] says the
 * value was a number (right-aligned when the column's alignment is AUTO). */
void sh_fmt_block_row(sh_fmt_block *b, const char *const *cells, const bool *numeric);
/* One object shown as a list: n "name : value" lines. */
void sh_fmt_block_list(sh_fmt_block *b, const char *const *names, const char *const *values,
                       size_t n);
/* Starts a wide view (columns 0 = two, unless autosize picks); then items. */
void sh_fmt_block_wide(sh_fmt_block *b, int columns, bool autosize);
void sh_fmt_block_wide_item(sh_fmt_block *b, const char *text);
/* A "   Label: value" group header (Format-* -GroupBy). */
void sh_fmt_block_group(sh_fmt_block *b, const char *label, const char *value);
/* A line (or lines) of plain text: how scalars show. */
void sh_fmt_block_text(sh_fmt_block *b, const char *text);
/* Adds a value as Out-Default shows it (kind < 0), or forced into a table,
 * list or wide view (an sh_view_kind), using the type's views, else the
 * object's properties. Arrays add each item. `flags` as for tables. */
void sh_fmt_block_object(sh_fmt_block *b, sh_interp *in, sh_value *v, int kind, unsigned flags);
/* Wraps the block in a value (takes b) that formatting prints verbatim. */
sh_value *sh_fmt_block_value(sh_fmt_block *b);
bool sh_is_fmt_block(const sh_value *v);

/* How a value shows inside a table cell or a list entry: strings as is,
 * $null empty, arrays "{1, 2, 3, 4…}" (up to $FormatEnumerationLimit),
 * objects "@{a=1; b=2}", dates in the short general form. Malloc'd. */
char *sh_format_cell(sh_interp *in, sh_value *v);
/* How a scalar shows on its own line (dates in the long form). Malloc'd. */
char *sh_format_scalar(sh_value *v);

/* Streaming formatter: feed it values, it appends finished text to `out`.
 * Consecutive objects of one shape share a table; it buffers what it needs
 * to size the columns and flushes at sh_formatter_end. */
typedef struct sh_formatter sh_formatter;
sh_formatter *sh_formatter_new(sh_interp *in, int width);
void sh_formatter_write(sh_formatter *f, sh_value *v, sh_buf *out); /* v borrowed */
void sh_formatter_end(sh_formatter *f, sh_buf *out);
void sh_formatter_free(sh_formatter *f);

/* The whole stream formatted to text, as Out-String does. */
char *sh_format_to_string(sh_interp *in, sh_value *const *values, size_t n, int width);

/* An sh_sink that formats what it receives and writes it to stdout
 * (Out-Default). sh_out_default_end flushes and frees. */
typedef struct sh_out_default sh_out_default;
sh_out_default *sh_out_default_new(sh_interp *in);
sh_sink sh_out_default_sink(sh_out_default *od);
void sh_out_default_end(sh_out_default *od);
/* The host's width in columns (120 when unknown). Out-Default lays out at
 * one less, as PowerShell's console never writes the last column. */
int sh_console_width(sh_interp *in);

#endif
