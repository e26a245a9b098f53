/*
 * test_format.c - the formatter: exact text of tables, lists, wide views,
 * hashtables, scalars, views with fixed widths, truncation and mixed
 * streams, at widths 80 and 120.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../shell/convert.h"
#include "../../shell/format.h"
#include "../../shell/interp.h"

static sh_interp *in;

static int setup(void **state)
{
	(void)state;
	in = sh_interp_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sh_interp_free(in);
	return 0;
}

/* Formats the values (taken) at `width` and compares the text. */
static void check(int width, const char *expected, size_t n, ...)
{
	sh_value *values[16];
	va_list ap;
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		values[i] = va_arg(ap, sh_value *);
	va_end(ap);
	char *text = sh_format_to_string(in, values, n, width);
	assert_string_equal(text, expected);
	free(text);
	for (size_t i = 0; i < n; i++)
		sh_unref(values[i]);
}

static sh_value *obj2(const char *k1, sh_value *v1, const char *k2, sh_value *v2)
{
	sh_value *o = sh_object_new(NULL);
	sh_object_set_note(o, k1, v1);
	if (k2)
		sh_object_set_note(o, k2, v2);
	return o;
}

static char *repeat(char c, size_t n)
{
	char *s = malloc(n + 1);
	memset(s, c, n);
	s[n] = 0;
	return s;
}

static void test_scalars(void **state)
{
	(void)state;
	check(80, "a\n42\nTrue\n3.5\n\n", 6, sh_string("a"), sh_int(42), sh_bool(true),
	      sh_double(3.5), NULL, sh_string(""));
}

static void test_datetime_long_form(void **state)
{
	(void)state;
	sh_value *d = sh_datetime(sh_ticks_from_civil(2026, 11, 25, 13, 20, 32, 0), SH_DT_LOCAL);
	check(120, "Wednesday, November 25, 2026 1:20:32 PM\n", 1, d);
	d = sh_datetime(sh_ticks_from_civil(2024, 1, 7, 0, 5, 9, 0), SH_DT_LOCAL);
	check(120, "Sunday, January 7, 2024 12:05:09 AM\n", 1, d);
}

static void test_timespan_list(void **state)
{
	(void)state;
	check(120,
	      "\n"
	      "Days              : 0\n"
	      "Hours             : 1\n"
	      "Minutes           : 2\n"
	      "Seconds           : 3\n"
	      "Milliseconds      : 0\n"
	      "Ticks             : 37230000000\n"
	      "TotalDays         : 0.043090277777777776\n"
	      "TotalHours        : 1.0341666666666667\n"
	      "TotalMinutes      : 62.05\n"
	      "TotalSeconds      : 3723\n"
	      "TotalMilliseconds : 3723000\n"
	      "\n",
	      1, sh_timespan(3723LL * SH_TICKS_PER_SECOND));
}

static void test_table_alignment(void **state)
{
	(void)state;
	check(80,
	      "\n"
	      "Name     Count\n"
	      "----     -----\n"
	      "web1         5\n"
	      "database    12\n"
	      "\n",
	      2, obj2("Name", sh_string("web1"), "Count", sh_int(5)),
	      obj2("Name", sh_string("database"), "Count", sh_int(12)));
	/* a right-aligned header and its dashes line up with the numbers */
	check(80,
	      "\n"
	      "      N Label\n"
	      "      - -----\n"
	      "1234567 x\n"
	      "\n",
	      1, obj2("N", sh_int(1234567), "Label", sh_string("x")));
}

static void test_table_null_and_bool_cells(void **state)
{
	(void)state;
	check(80,
	      "\n"
	      "a    b\n"
	      "-    -\n"
	      "True\n"
	      "\n",
	      1, obj2("a", sh_bool(true), "b", NULL));
}

static void test_list_for_five_properties(void **state)
{
	(void)state;
	sh_value *o = sh_object_new(NULL);
	sh_object_set_note(o, "Name", sh_string("x"));
	sh_object_set_note(o, "State", sh_string("Running"));
	sh_object_set_note(o, "CPUUsage", sh_int(3));
	sh_object_set_note(o, "MemoryAssigned", sh_long(1024));
	sh_object_set_note(o, "Uptime", sh_string("01:00:00"));
	sh_value *o2 = sh_object_copy(o);
	check(80,
	      "\n"
	      "Name           : x\n"
	      "State          : Running\n"
	      "CPUUsage       : 3\n"
	      "MemoryAssigned : 1024\n"
	      "Uptime         : 01:00:00\n"
	      "\n"
	      "Name           : x\n"
	      "State          : Running\n"
	      "CPUUsage       : 3\n"
	      "MemoryAssigned : 1024\n"
	      "Uptime         : 01:00:00\n"
	      "\n",
	      2, o, o2);
}

static void test_list_multiline_and_wrapping(void **state)
{
	(void)state;
	sh_value *o = sh_object_new(NULL);
	sh_object_set_note(o, "Text", sh_string("line1\nline2"));
	sh_object_set_note(o, "b", sh_int(1));
	sh_object_set_note(o, "c", sh_int(2));
	sh_object_set_note(o, "d", sh_int(3));
	char *x = repeat('x', 100);
	sh_object_set_note(o, "e", sh_string(x));
	char *x75 = repeat('x', 73);
	char *expected = xasprintf("\n"
	                           "Text : line1\n"
	                           "       line2\n"
	                           "b    : 1\n"
	                           "c    : 2\n"
	                           "d    : 3\n"
	                           "e    : %s\n"
	                           "       %s\n"
	                           "\n",
	                           x75, x + 73);
	check(80, expected, 1, o);
	free(expected);
	free(x75);
	free(x);
}

static void test_hashtable(void **state)
{
	(void)state;
	sh_value *h = sh_hash_new(true);
	sh_hash_set_str(h, "one", sh_int(1));
	sh_hash_set_str(h, "two", sh_string("zwei"));
	sh_value *h2 = sh_hash_new(false);
	sh_hash_set_str(h2, "three", sh_int(3));
	check(80,
	      "\n"
	      "Name                           Value\n"
	      "----                           -----\n"
	      "one                            1\n"
	      "two                            zwei\n"
	      "three                          3\n"
	      "\n",
	      2, h, h2);
	check(80, "", 1, sh_hash_new(false));
}

static void test_cells_arrays_and_objects(void **state)
{
	(void)state;
	sh_value *list = sh_array_new(5);
	for (int i = 1; i <= 5; i++)
		sh_array_append(list, sh_int(i));
	sh_value *short_list = sh_array_new(3);
	for (int i = 1; i <= 3; i++)
		sh_array_append(short_list, sh_int(i));
	check(80,
	      "\n"
	      "List          Short\n"
	      "----          -----\n"
	      "{1, 2, 3, 4…} {1, 2, 3}\n"
	      "\n",
	      1, obj2("List", list, "Short", short_list));
	sh_value *inner = obj2("a", sh_int(1), "b", sh_int(2));
	check(80,
	      "\n"
	      "Inner\n"
	      "-----\n"
	      "@{a=1; b=2}\n"
	      "\n",
	      1, obj2("Inner", inner, NULL, NULL));
	sh_value *h = sh_hash_new(true);
	sh_hash_set_str(h, "k", sh_int(1));
	check(80, "\nH\n-\n{[k, 1]}\n\n", 1, obj2("H", h, NULL, NULL));
}

static void test_truncation(void **state)
{
	(void)state;
	char *x = repeat('x', 100);
	char *x74 = repeat('x', 74);
	char *expected = xasprintf("\n"
	                           "Name Description\n"
	                           "---- -----------\n"
	                           "vm   %s…\n"
	                           "\n",
	                           x74);
	check(80, expected, 1, obj2("Name", sh_string("vm"), "Description", sh_string(x)));
	free(expected);
	/* at 120 columns it fits */
	expected = xasprintf("\n"
	                     "Name Description\n"
	                     "---- -----------\n"
	                     "vm   %s\n"
	                     "\n",
	                     x);
	check(120, expected, 1, obj2("Name", sh_string("vm"), "Description", sh_string(x)));
	free(expected);
	free(x74);
	free(x);
}

static void test_widest_columns_shrink(void **state)
{
	(void)state;
	char *a = repeat('a', 60), *b = repeat('b', 60);
	char *a38 = repeat('a', 38), *b39 = repeat('b', 39);
	char *expected = xasprintf("\n"
	                           "A%*s B\n"
	                           "-%*s -\n"
	                           "%s… %s…\n"
	                           "\n",
	                           38, "", 38, "", a38, b39);
	check(80, expected, 1, obj2("A", sh_string(a), "B", sh_string(b)));
	free(expected);
	free(a);
	free(b);
	free(a38);
	free(b39);
}

static void test_multiline_cell_is_cut(void **state)
{
	(void)state;
	check(80, "\nT   n\n-   -\nab… 1\n\n", 1, obj2("T", sh_string("ab\ncd"), "n", sh_int(1)));
}

static void test_mixed_stream(void **state)
{
	(void)state;
	check(80,
	      "\n"
	      "a\n"
	      "-\n"
	      "1\n"
	      "\n"
	      "text\n"
	      "\n"
	      "b\n"
	      "-\n"
	      "2\n"
	      "3\n"
	      "\n",
	      4, obj2("a", sh_int(1), NULL, NULL), sh_string("text"),
	      obj2("b", sh_int(2), NULL, NULL), obj2("b", sh_int(3), NULL, NULL));
	/* a different shape ends the table: each table keeps its own blank lines */
	check(80, "\na\n-\n1\n\n\nb\n-\n2\n\n", 2, obj2("a", sh_int(1), NULL, NULL),
	      obj2("b", sh_int(2), NULL, NULL));
	/* an array reaching the formatter is shown item by item */
	sh_value *arr = sh_array_new(2);
	sh_array_append(arr, sh_string("x"));
	sh_array_append(arr, sh_int(7));
	check(80, "x\n7\n", 1, arr);
}

static sh_value *size_in_kb(sh_interp *ip, sh_value *obj)
{
	sh_value *size = NULL;
	char *error = NULL;
	if (sh_get_member(ip, obj, "Size", &size, &error) != 0) {
		free(error);
		return NULL;
	}
	sh_value *kb = sh_integer(sh_long_of(size) / 1024);
	sh_unref(size);
	return kb;
}

static const sh_view_column widget_columns[] = {
    {.header = "Name", .property = "Name", .width = 10},
    {.header = "Size", .property = "Size", .width = 8},
    {.header = "KB", .compute = size_in_kb, .width = 4, .align = SH_ALIGN_LEFT},
    {.header = "Note", .property = "Note"},
};

static const sh_view widget_view = {
    .type_name = "Test.Widget",
    .kind = SH_VIEW_TABLE,
    .columns = widget_columns,
    .ncolumns = 4,
};

static sh_value *widget(const char *name, int64_t size, const char *note)
{
	sh_value *o = sh_object_new("Test.Widget");
	sh_object_set_note(o, "Name", sh_string(name));
	sh_object_set_note(o, "Size", sh_long(size));
	sh_object_set_note(o, "Note", sh_string(note));
	sh_object_set_note(o, "Hidden", sh_string("not shown"));
	return o;
}

static void test_view_fixed_widths(void **state)
{
	(void)state;
	sh_view_register(&widget_view);
	sh_value *probe = widget("a", 1, "");
	assert_ptr_equal(sh_view_find_default(probe), &widget_view);
	assert_ptr_equal(sh_view_find(probe, SH_VIEW_TABLE), &widget_view);
	assert_null(sh_view_find(probe, SH_VIEW_LIST));
	sh_unref(probe);
	check(80,
	      "\n"
	      "Name           Size KB   Note\n"
	      "----           ---- --   ----\n"
	      "w1               42 0    hello\n"
	      "a-very-lo…     2048 2    x\n"
	      "\n",
	      2, widget("w1", 42, "hello"), widget("a-very-long-name", 2048, "x"));
}

static void test_block_groups(void **state)
{
	(void)state;
	sh_fmt_block *b = sh_fmt_block_new();
	static const char *const headers[] = {"g", "v"};
	sh_fmt_block_group(b, "g", "1");
	sh_fmt_block_table(b, headers, NULL, NULL, 2, 0);
	const bool numeric[] = {true, true};
	sh_fmt_block_row(b, (const char *const[]){"1", "1"}, numeric);
	sh_fmt_block_row(b, (const char *const[]){"1", "3"}, numeric);
	sh_fmt_block_group(b, "g", "0");
	sh_fmt_block_row(b, (const char *const[]){"0", "2"}, numeric);
	sh_fmt_block_row(b, (const char *const[]){"0", "4"}, numeric);
	sh_value *v = sh_fmt_block_value(b);
	assert_true(sh_is_fmt_block(v));
	check(80,
	      "\n"
	      "   g: 1\n"
	      "\n"
	      "g v\n"
	      "- -\n"
	      "1 1\n"
	      "1 3\n"
	      "\n"
	      "   g: 0\n"
	      "\n"
	      "g v\n"
	      "- -\n"
	      "0 2\n"
	      "0 4\n"
	      "\n",
	      1, v);
}

static void test_block_hide_headers_and_wrap(void **state)
{
	(void)state;
	sh_fmt_block *b = sh_fmt_block_new();
	static const char *const headers[] = {"Key", "Text"};
	static const int widths[] = {0, 12};
	sh_fmt_block_table(b, headers, widths, NULL, 2, SH_FMT_WRAP);
	sh_fmt_block_row(b, (const char *const[]){"k1", "the quick brown fox jumps"}, NULL);
	check(80,
	      "\n"
	      "Key Text\n"
	      "--- ----\n"
	      "k1  the quick\n"
	      "    brown fox\n"
	      "    jumps\n"
	      "\n",
	      1, sh_fmt_block_value(b));
	b = sh_fmt_block_new();
	sh_fmt_block_table(b, headers, NULL, NULL, 2, SH_FMT_HIDE_HEADERS);
	sh_fmt_block_row(b, (const char *const[]){"k1", "v"}, NULL);
	check(80, "\nk1 v\n\n", 1, sh_fmt_block_value(b));
}

static void test_block_is_not_merged(void **state)
{
	(void)state;
	/* a Format-* block prints apart from the same-shaped objects around it */
	sh_fmt_block *b = sh_fmt_block_new();
	sh_value *o = obj2("a", sh_int(1), NULL, NULL);
	sh_fmt_block_object(b, in, o, SH_VIEW_TABLE, 0);
	check(80, "\na\n-\n1\n\n\na\n-\n1\n\n", 2, sh_fmt_block_value(b), o);
}

static void test_block_list_of_small_object(void **state)
{
	(void)state;
	sh_fmt_block *b = sh_fmt_block_new();
	sh_value *o = obj2("Name", sh_string("n"), "Value", sh_int(10));
	sh_fmt_block_object(b, in, o, SH_VIEW_LIST, 0);
	sh_unref(o);
	check(80, "\nName  : n\nValue : 10\n\n", 1, sh_fmt_block_value(b));
}

static void test_wide(void **state)
{
	(void)state;
	sh_fmt_block *b = sh_fmt_block_new();
	sh_fmt_block_wide(b, 0, false);
	const char *items[] = {"a", "b", "c", "d", "e"};
	for (int i = 0; i < 5; i++)
		sh_fmt_block_wide_item(b, items[i]);
	check(80,
	      "\n"
	      "a                                        b\n"
	      "c                                        d\n"
	      "e\n"
	      "\n",
	      1, sh_fmt_block_value(b));
	b = sh_fmt_block_new();
	sh_fmt_block_wide(b, 0, true);
	const char *names[] = {"alpha", "beta", "gamma", "delta"};
	for (int i = 0; i < 4; i++)
		sh_fmt_block_wide_item(b, names[i]);
	/* five columns fit in 30: widths 6, 5, 5, 5, 5 and four separators */
	check(30, "\nalpha  beta  gamma delta\n\n", 1, sh_fmt_block_value(b));
}

static void test_fixed_width_tables_stream(void **state)
{
	(void)state;
	/* a hashtable's view has fixed widths: its rows print at once */
	sh_formatter *f = sh_formatter_new(in, 80);
	sh_buf out = {0};
	sh_value *h = sh_hash_new(false);
	sh_hash_set_str(h, "k", sh_string("v"));
	sh_formatter_write(f, h, &out);
	assert_string_equal(buf_str(&out), "\n"
	                                   "Name                           Value\n"
	                                   "----                           -----\n"
	                                   "k                              v\n");
	/* a table sized by its content waits for the end of its rows */
	buf_reset(&out);
	sh_value *o = obj2("a", sh_int(1), NULL, NULL);
	sh_formatter_write(f, o, &out);
	assert_string_equal(buf_str(&out), "\n");
	sh_formatter_end(f, &out);
	assert_string_equal(buf_str(&out), "\n\na\n-\n1\n\n");
	sh_formatter_free(f);
	buf_free(&out);
	sh_unref(h);
	sh_unref(o);
}

static void test_format_cell(void **state)
{
	(void)state;
	sh_value *v = sh_datetime(sh_ticks_from_civil(2026, 11, 25, 13, 20, 32, 0), SH_DT_LOCAL);
	char *s = sh_format_cell(in, v);
	assert_string_equal(s, "11/25/2026 1:20:32 PM");
	free(s);
	sh_unref(v);
	s = sh_format_cell(in, NULL);
	assert_string_equal(s, "");
	free(s);
	sh_value *arr = sh_array_new(2);
	sh_array_append(arr, sh_string("x"));
	sh_array_append(arr, NULL);
	s = sh_format_cell(in, arr);
	assert_string_equal(s, "{x, }");
	free(s);
	sh_unref(arr);
	/* $FormatEnumerationLimit is honoured */
	sh_var_set(in, "FormatEnumerationLimit", sh_int(1));
	arr = sh_array_new(2);
	sh_array_append(arr, sh_int(1));
	sh_array_append(arr, sh_int(2));
	s = sh_format_cell(in, arr);
	assert_string_equal(s, "{1…}");
	free(s);
	sh_unref(arr);
	sh_var_remove(in, "FormatEnumerationLimit");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_scalars),
	    cmocka_unit_test(test_datetime_long_form),
	    cmocka_unit_test(test_timespan_list),
	    cmocka_unit_test(test_table_alignment),
	    cmocka_unit_test(test_table_null_and_bool_cells),
	    cmocka_unit_test(test_list_for_five_properties),
	    cmocka_unit_test(test_list_multiline_and_wrapping),
	    cmocka_unit_test(test_hashtable),
	    cmocka_unit_test(test_cells_arrays_and_objects),
	    cmocka_unit_test(test_truncation),
	    cmocka_unit_test(test_widest_columns_shrink),
	    cmocka_unit_test(test_multiline_cell_is_cut),
	    cmocka_unit_test(test_mixed_stream),
	    cmocka_unit_test(test_view_fixed_widths),
	    cmocka_unit_test(test_block_groups),
	    cmocka_unit_test(test_block_hide_headers_and_wrap),
	    cmocka_unit_test(test_block_is_not_merged),
	    cmocka_unit_test(test_block_list_of_small_object),
	    cmocka_unit_test(test_wide),
	    cmocka_unit_test(test_fixed_width_tables_stream),
	    cmocka_unit_test(test_format_cell),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
