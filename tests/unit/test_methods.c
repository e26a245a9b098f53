/*
 * test_methods.c - built-in properties and methods of the value types and
 * the static members of [math], [string], [datetime] ... (methods.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../shell/convert.h"
#include "../../shell/methods.h"
#include "../../shell/util.h"
#include "../../shell/value.h"

static char *describe(sh_value *v)
{
	if (sh_kind_of(v) == SH_ARRAY) {
		sh_buf b = {0};
		buf_putc(&b, '[');
		for (size_t i = 0; i < sh_array_len(v); i++) {
			char *s = describe(sh_array_get(v, i));
			buf_printf(&b, "%s%s", i ? "," : "", s);
			free(s);
		}
		buf_putc(&b, ']');
		return buf_detach(&b);
	}
	char *s = sh_to_string(v);
	const char *t = sh_type_name(v);
	if (!strncmp(t, "System.", 7))
		t += 7;
	char *r = xasprintf("%s:%s", sh_kind_of(v) ? t : "null", s);
	free(s);
	return r;
}

#define S(x) sh_string(x)
#define I(x) sh_int(x)
#define D(x) sh_double(x)

static sh_value *arr(int n, ...)
{
	va_list ap;
	va_start(ap, n);
	sh_value *a = sh_array_new((size_t)n);
	for (int i = 0; i < n; i++)
		sh_array_append(a, va_arg(ap, sh_value *));
	va_end(ap);
	return a;
}

/* Calls self.name(args...) and compares the described result; `self`
 * and the arguments are released. */
static void call(int line, const char *expect, sh_value *self, const char *name, int nargs, ...)
{
	sh_value *args[8];
	va_list ap;
	va_start(ap, nargs);
	for (int i = 0; i < nargs; i++)
		args[i] = va_arg(ap, sh_value *);
	va_end(ap);
	sh_value *out = NULL;
	char *err = NULL;
	int rc = sh_builtin_method(NULL, self, name, args, (size_t)nargs, &out, &err);
	char *got = rc == 0 ? describe(out) : rc == 1 ? xstrdup("<none>") : xasprintf("!%s", err);
	if (strcmp(got, expect) != 0)
		fail_msg("line %d: %s: expected '%s', got '%s'", line, name, expect, got);
	free(got);
	free(err);
	sh_unref(out);
	for (int i = 0; i < nargs; i++)
		sh_unref(args[i]);
	sh_unref(self);
}

static void prop(int line, const char *expect, sh_value *self, const char *name)
{
	sh_value *out = NULL;
	int rc = sh_builtin_property(self, name, &out);
	char *got = rc == 0 ? describe(out) : xstrdup("<none>");
	if (strcmp(got, expect) != 0)
		fail_msg("line %d: %s: expected '%s', got '%s'", line, name, expect, got);
	free(got);
	sh_unref(out);
	sh_unref(self);
}

static sh_type type_named(const char *name)
{
	sh_type t;
	sh_type_lookup(name, &t);
	return t;
}

static sh_value *type_value(const char *name)
{
	return sh_type_value(type_named(name));
}

static void scall(int line, const char *expect, const char *type, const char *name, int nargs, ...)
{
	sh_value *args[8];
	va_list ap;
	va_start(ap, nargs);
	for (int i = 0; i < nargs; i++)
		args[i] = va_arg(ap, sh_value *);
	va_end(ap);
	sh_value *out = NULL;
	char *err = NULL;
	int rc = sh_static_method(NULL, type_named(type), name, args, (size_t)nargs, &out, &err);
	char *got = rc == 0 ? describe(out) : rc == 1 ? xstrdup("<none>") : xasprintf("!%s", err);
	if (strcmp(got, expect) != 0)
		fail_msg("line %d: %s: expected '%s', got '%s'", line, name, expect, got);
	free(got);
	free(err);
	sh_unref(out);
	for (int i = 0; i < nargs; i++)
		sh_unref(args[i]);
}

static void sprop(int line, const char *expect, const char *type, const char *name)
{
	sh_value *out = NULL;
	char *err = NULL;
	int rc = sh_static_property(type_named(type), name, &out, &err);
	char *got = rc == 0 ? describe(out) : xstrdup("<none>");
	if (strcmp(got, expect) != 0)
		fail_msg("line %d: %s: expected '%s', got '%s'", line, name, expect, got);
	free(got);
	free(err);
	sh_unref(out);
}

#define CALL(expect, self, name, ...)  call(__LINE__, expect, self, name, __VA_ARGS__)
#define PROP(expect, self, name)       prop(__LINE__, expect, self, name)
#define SCALL(expect, type, name, ...) scall(__LINE__, expect, type, name, __VA_ARGS__)
#define SPROP(expect, type, name)      sprop(__LINE__, expect, type, name)

static void test_string_methods(void **state)
{
	(void)state;
	PROP("Int32:5", S("hello"), "Length");
	PROP("Int32:5", S("h\xc3\xa9llo"), "length");
	CALL("String:HELLO", S("hello"), "ToUpper", 0);
	CALL("String:hello", S("HeLLo"), "tolower", 0);
	CALL("String:x", S("  x \t"), "Trim", 0);
	CALL("String:x  ", S("  x  "), "TrimStart", 0);
	CALL("String:  x", S("  x  "), "TrimEnd", 0);
	CALL("String:abc", S("--abc-+"), "Trim", 1, S("-+"));
	CALL("String:abc", S("xxabc"), "TrimStart", 1, S("x"));
	CALL("String:1.5", S("1.500"), "TrimEnd", 1, S("0"));
	CALL("[String:a,String:b,String:c]", S("a,b,c"), "Split", 1, S(","));
	CALL("[String:a,b;c]", S("a,b;c"), "Split", 1, S(",;"));
	CALL("[String:a,String:b,String:c]", S("a,b;c"), "Split", 2, S(","), S(";"));
	CALL("[String:a,String:b,String:c]", S("a,b;c"), "Split", 1, arr(2, S(","), S(";")));
	CALL("[String:a,String:,String:b]", S("a,,b"), "Split", 1, S(","));
	CALL("[String:a,String:b]", S("a,,b"), "Split", 2, S(","), S("RemoveEmptyEntries"));
	CALL("[String:a,String:b,c]", S("a,b,c"), "Split", 2, S(","), I(2));
	CALL("[String:a,String:b]", S("a b"), "Split", 0);
	CALL("[String:a,String:b,,c]", S("a,,b,,c"), "Split", 3, S(","), I(2),
	     S("RemoveEmptyEntries"));
	CALL("String:h3llo", S("hello"), "Replace", 2, S("e"), S("3"));
	CALL("String:h3ll0", S("h3llo"), "Replace", 2, S("o"), S("0"));
	CALL("String:Hello", S("Hello"), "Replace", 2, S("h"), S("J"));
	CALL("String:a.b.c", S("a b c"), "Replace", 2, S(" "), S("."));
	CALL("Boolean:True", S("Hello"), "Contains", 1, S("ell"));
	CALL("Boolean:False", S("Hello"), "Contains", 1, S("ELL"));
	CALL("Boolean:True", S("Hello"), "Contains", 2, S("ELL"), S("OrdinalIgnoreCase"));
	CALL("Boolean:True", S("Hello"), "StartsWith", 1, S("He"));
	CALL("Boolean:False", S("Hello"), "StartsWith", 1, S("he"));
	CALL("Boolean:True", S("Hello"), "EndsWith", 1, S("llo"));
	CALL("Boolean:False", S("Hello"), "EndsWith", 1, S("Hello!"));
	CALL("String:llo", S("Hello"), "Substring", 1, I(2));
	CALL("String:el", S("Hello"), "Substring", 2, I(1), I(2));
	CALL("String:", S("Hello"), "Substring", 1, I(5));
	CALL("String:\xc3\xa9l", S("h\xc3\xa9llo"), "Substring", 2, I(1), I(2));
	CALL("!Exception calling \"Substring\" with \"1\" argument(s): \"startIndex cannot be "
	     "larger "
	     "than length of string. (Parameter 'startIndex')\"",
	     S("Hello"), "Substring", 1, I(6));
	CALL("!Exception calling \"Substring\" with \"2\" argument(s): \"Index and length must "
	     "refer "
	     "to a location within the string. (Parameter 'length')\"",
	     S("Hello"), "Substring", 2, I(3), I(5));
	CALL("!Cannot find an overload for \"Substring\" and the argument count: \"3\".",
	     S("Hello"), "Substring", 3, I(1), I(1), I(1));
	CALL(
	    "!Cannot convert argument \"startIndex\", with value: \"x\", for \"Substring\" to type "
	    "\"System.Int32\": \"Cannot convert value \"x\" to type \"System.Int32\". Error: "
	    "\"Input string was not in a correct format.\"\"",
	    S("Hello"), "Substring", 1, S("x"));
	CALL("Int32:2", S("Hello"), "IndexOf", 1, S("l"));
	CALL("Int32:3", S("Hello"), "IndexOf", 2, S("l"), I(3));
	CALL("Int32:-1", S("Hello"), "IndexOf", 1, S("L"));
	CALL("Int32:3", S("Hello"), "LastIndexOf", 1, S("l"));
	CALL("Int32:2", S("h\xc3\xa9llo"), "IndexOf", 1, S("l"));
	CALL("String:00042", S("42"), "PadLeft", 2, I(5), S("0"));
	CALL("String:ab   ", S("ab"), "PadRight", 1, I(5));
	CALL("String:abcdef", S("abcdef"), "PadLeft", 1, I(3));
	CALL("String:abXYcd", S("abcd"), "Insert", 2, I(2), S("XY"));
	CALL("String:ab", S("abcd"), "Remove", 1, I(2));
	CALL("String:ad", S("abcd"), "Remove", 2, I(1), I(2));
	CALL("[Char:a,Char:\xc3\xa9]", S("a\xc3\xa9"), "ToCharArray", 0);
	CALL("Boolean:True", S("abc"), "Equals", 1, S("abc"));
	CALL("Boolean:False", S("abc"), "Equals", 1, S("ABC"));
	CALL("Int32:-1", S("a"), "CompareTo", 1, S("b"));
	CALL("Int32:0", S("a"), "CompareTo", 1, S("a"));
	CALL("String:abc", S("abc"), "ToString", 0);
	CALL("RuntimeType:string", S("abc"), "GetType", 0);
	CALL("<none>", S("abc"), "Foo", 0);
}

static void test_number_methods(void **state)
{
	(void)state;
	CALL("String:1,234.50", D(1234.5), "ToString", 1, S("N2"));
	CALL("String:0042", I(42), "ToString", 1, S("D4"));
	CALL("String:2A", I(42), "ToString", 1, S("X"));
	CALL("String:42", I(42), "ToString", 0);
	CALL("String:0.1", D(0.1), "ToString", 0);
	CALL("Boolean:True", I(1), "Equals", 1, I(1));
	CALL("Boolean:False", I(1), "Equals", 1, D(1.0));
	CALL("Int32:-1", I(1), "CompareTo", 1, I(2));
	CALL("Int32:1", D(2.5), "CompareTo", 1, I(2));
	CALL("RuntimeType:int", I(1), "GetType", 0);
	CALL("RuntimeType:long", sh_long(1), "GetType", 0);
	CALL("RuntimeType:double", D(1), "GetType", 0);
	CALL("!Exception calling \"ToString\" with \"1\" argument(s): \"Format specifier was "
	     "invalid.\"",
	     D(1.5), "ToString", 1, S("D2"));
	PROP("Int32:1", I(5), "Count");
	PROP("<none>", I(5), "Foo");
	PROP("Int32:0", NULL, "Count");
	PROP("String:Int32", type_value("int"), "Name");
	PROP("String:System.Int32", type_value("int"), "FullName");
	PROP("RuntimeType:System.ValueType", type_value("int"), "BaseType");
	PROP("RuntimeType:array", type_value("object[]"), "BaseType");
	PROP("Boolean:True", type_value("string"), "IsPublic");
}

static void test_array_methods(void **state)
{
	(void)state;
	PROP("Int32:3", arr(3, I(1), I(2), I(3)), "Count");
	PROP("Int32:3", arr(3, I(1), I(2), I(3)), "Length");
	PROP("Int32:1", arr(0), "Rank");
	CALL("Boolean:True", arr(3, I(1), I(2), I(3)), "Contains", 1, I(2));
	CALL("Boolean:False", arr(2, S("a"), S("b")), "Contains", 1, S("A"));
	CALL("Int32:1", arr(3, I(1), I(2), I(3)), "IndexOf", 1, I(2));
	CALL("Int32:-1", arr(3, I(1), I(2), I(3)), "IndexOf", 1, I(7));
	CALL("[Int32:1,Int32:2]", arr(2, I(1), I(2)), "Clone", 0);
	CALL("String:System.Object[]", arr(2, I(1), I(2)), "ToString", 0);
	CALL("RuntimeType:array", arr(0), "GetType", 0);
	CALL("!Exception calling \"Add\" with \"1\" argument(s): \"Collection was of a fixed "
	     "size.\"",
	     arr(0), "Add", 1, I(1));
}

static void test_hashtable_methods(void **state)
{
	(void)state;
	sh_value *h = sh_hash_new(false);
	sh_hash_set_str(h, "a", I(1));
	sh_hash_set_str(h, "b", I(2));
	PROP("Int32:2", sh_ref(h), "Count");
	PROP("[String:a,String:b]", sh_ref(h), "Keys");
	PROP("[Int32:1,Int32:2]", sh_ref(h), "Values");
	CALL("Boolean:True", sh_ref(h), "ContainsKey", 1, S("A"));
	CALL("Boolean:False", sh_ref(h), "ContainsKey", 1, S("c"));
	CALL("Boolean:True", sh_ref(h), "ContainsValue", 1, I(2));
	CALL("null:", sh_ref(h), "Add", 2, S("c"), I(3));
	assert_int_equal(sh_hash_len(h), 3);
	CALL(
	    "!Exception calling \"Add\" with \"2\" argument(s): \"Item has already been added. Key "
	    "in dictionary: 'a'  Key being added: 'A'\"",
	    sh_ref(h), "Add", 2, S("A"), I(9));
	CALL("Int32:2", sh_ref(h), "Item", 1, S("b"));
	CALL("null:", sh_ref(h), "Remove", 1, S("b"));
	assert_int_equal(sh_hash_len(h), 2);
	sh_value *out = NULL;
	char *err = NULL;
	assert_int_equal(sh_builtin_method(NULL, h, "GetEnumerator", NULL, 0, &out, &err), 0);
	assert_int_equal(sh_array_len(out), 2);
	sh_value *e = sh_array_get(out, 1);
	assert_string_equal(sh_type_name(e), "System.Collections.DictionaryEntry");
	assert_string_equal(sh_str(sh_object_note(e, "Key")), "c");
	assert_string_equal(sh_str(sh_object_note(e, "Name")), "c");
	assert_int_equal(sh_int_of(sh_object_note(e, "Value")), 3);
	sh_unref(out);
	assert_int_equal(sh_builtin_method(NULL, h, "Clone", NULL, 0, &out, &err), 0);
	assert_int_equal(sh_hash_len(out), 2);
	assert_ptr_not_equal(out, h);
	sh_unref(out);
	CALL("null:", sh_ref(h), "Clear", 0);
	assert_int_equal(sh_hash_len(h), 0);
	CALL("String:System.Collections.Hashtable", sh_ref(h), "ToString", 0);
	sh_unref(h);
}

static sh_value *date(int y, int mo, int d, int h, int mi, int s)
{
	return sh_datetime(sh_ticks_from_civil(y, mo, d, h, mi, s, 0), SH_DT_LOCAL);
}

static void test_datetime_members(void **state)
{
	(void)state;
	PROP("Int32:2026", date(2026, 11, 25, 13, 20, 32), "Year");
	PROP("Int32:11", date(2026, 11, 25, 13, 20, 32), "Month");
	PROP("Int32:25", date(2026, 11, 25, 13, 20, 32), "Day");
	PROP("Int32:13", date(2026, 11, 25, 13, 20, 32), "Hour");
	PROP("Int32:20", date(2026, 11, 25, 13, 20, 32), "Minute");
	PROP("Int32:32", date(2026, 11, 25, 13, 20, 32), "Second");
	PROP("String:Wednesday", date(2026, 11, 25, 13, 20, 32), "DayOfWeek");
	PROP("Int32:329", date(2026, 11, 25, 13, 20, 32), "DayOfYear");
	PROP("DateTime:11/25/2026 00:00:00", date(2026, 11, 25, 13, 20, 32), "Date");
	PROP("TimeSpan:13:20:32", date(2026, 11, 25, 13, 20, 32), "TimeOfDay");
	PROP("String:Local", date(2026, 11, 25, 13, 20, 32), "Kind");
	PROP("Int64:0", sh_datetime(0, SH_DT_UTC), "Ticks");
	CALL("DateTime:11/26/2026 01:20:32", date(2026, 11, 25, 13, 20, 32), "AddDays", 1, D(0.5));
	CALL("DateTime:11/25/2026 11:20:32", date(2026, 11, 25, 13, 20, 32), "AddHours", 1, I(-2));
	CALL("DateTime:11/25/2026 13:21:02", date(2026, 11, 25, 13, 20, 32), "AddSeconds", 1,
	     I(30));
	CALL("DateTime:11/25/2026 13:30:32", date(2026, 11, 25, 13, 20, 32), "AddMinutes", 1,
	     I(10));
	CALL("DateTime:02/28/2026 00:00:00", date(2026, 1, 31, 0, 0, 0), "AddMonths", 1, I(1));
	CALL("DateTime:02/28/2025 00:00:00", date(2024, 2, 29, 0, 0, 0), "AddYears", 1, I(1));
	CALL("DateTime:01/31/2025 00:00:00", date(2026, 1, 31, 0, 0, 0), "AddMonths", 1, I(-12));
	CALL("DateTime:11/25/2026 13:20:33", date(2026, 11, 25, 13, 20, 32), "AddMilliseconds", 1,
	     I(1000));
	CALL("DateTime:11/25/2026 13:20:32", date(2026, 11, 25, 13, 20, 32), "AddTicks", 1, I(1));
	CALL("TimeSpan:1.00:00:00", date(2026, 11, 26, 0, 0, 0), "Subtract", 1,
	     date(2026, 11, 25, 0, 0, 0));
	CALL("DateTime:11/24/2026 00:00:00", date(2026, 11, 25, 0, 0, 0), "Subtract", 1,
	     sh_timespan(SH_TICKS_PER_DAY));
	CALL("DateTime:11/25/2026 01:00:00", date(2026, 11, 25, 0, 0, 0), "Add", 1,
	     sh_timespan(3600 * SH_TICKS_PER_SECOND));
	CALL("String:2026-11-25", date(2026, 11, 25, 0, 0, 0), "ToString", 1, S("yyyy-MM-dd"));
	CALL("String:11/25/2026 13:20:32", date(2026, 11, 25, 13, 20, 32), "ToString", 0);
	CALL("String:11/25/2026", date(2026, 11, 25, 13, 20, 32), "ToShortDateString", 0);
	CALL("String:Wednesday, 25 November 2026", date(2026, 11, 25, 13, 20, 32),
	     "ToLongDateString", 0);
	CALL("String:13:20", date(2026, 11, 25, 13, 20, 32), "ToShortTimeString", 0);
	CALL("String:13:20:32", date(2026, 11, 25, 13, 20, 32), "ToLongTimeString", 0);
	CALL("!Exception calling \"AddDays\" with \"1\" argument(s): \"The added or subtracted "
	     "value results in an un-representable DateTime. (Parameter 'value')\"",
	     sh_datetime(0, SH_DT_LOCAL), "AddDays", 1, I(-1));

	sh_value *u = sh_datetime(sh_ticks_from_civil(2026, 6, 1, 12, 0, 0, 0), SH_DT_UTC), *out;
	char *err = NULL;
	assert_int_equal(sh_builtin_method(NULL, u, "ToLocalTime", NULL, 0, &out, &err), 0);
	assert_int_equal(sh_datetime_kind_of(out), SH_DT_LOCAL);
	sh_value *back;
	assert_int_equal(sh_builtin_method(NULL, out, "ToUniversalTime", NULL, 0, &back, &err), 0);
	assert_int_equal(sh_ticks_of(back), sh_ticks_of(u));
	assert_int_equal(sh_datetime_kind_of(back), SH_DT_UTC);
	sh_unref(back);
	sh_unref(out);
	sh_unref(u);
}

static void test_timespan_members(void **state)
{
	(void)state;
	int64_t t = SH_TICKS_PER_DAY + (2 * 3600 + 3 * 60 + 4) * SH_TICKS_PER_SECOND + 5000000;
	PROP("Int32:1", sh_timespan(t), "Days");
	PROP("Int32:2", sh_timespan(t), "Hours");
	PROP("Int32:3", sh_timespan(t), "Minutes");
	PROP("Int32:4", sh_timespan(t), "Seconds");
	PROP("Int32:500", sh_timespan(t), "Milliseconds");
	PROP("Int64:937845000000", sh_timespan(t), "Ticks");
	PROP("Double:1.5", sh_timespan(36 * 3600 * SH_TICKS_PER_SECOND), "TotalDays");
	PROP("Double:36", sh_timespan(36 * 3600 * SH_TICKS_PER_SECOND), "TotalHours");
	PROP("Double:90", sh_timespan(5400 * SH_TICKS_PER_SECOND), "TotalMinutes");
	PROP("Double:1.5", sh_timespan(15000000), "TotalSeconds");
	PROP("Double:1500", sh_timespan(15000000), "TotalMilliseconds");
	PROP("Int32:-1", sh_timespan(-t), "Days");
	CALL("TimeSpan:00:00:03", sh_timespan(SH_TICKS_PER_SECOND), "Add", 1,
	     sh_timespan(2 * SH_TICKS_PER_SECOND));
	CALL("TimeSpan:-00:00:01", sh_timespan(SH_TICKS_PER_SECOND), "Subtract", 1,
	     sh_timespan(2 * SH_TICKS_PER_SECOND));
	CALL("TimeSpan:-00:00:01", sh_timespan(SH_TICKS_PER_SECOND), "Negate", 0);
	CALL("TimeSpan:00:00:01", sh_timespan(-SH_TICKS_PER_SECOND), "Duration", 0);
	CALL("String:1.02:03:04.5000000", sh_timespan(t), "ToString", 0);
	CALL("String:02:03", sh_timespan(t), "ToString", 1, S("hh\\:mm"));
}

static void test_static_math_string(void **state)
{
	(void)state;
	SCALL("Double:2", "math", "Round", 1, D(2.5));
	SCALL("Double:4", "math", "Round", 1, D(3.5));
	SCALL("Double:3", "math", "Round", 2, D(2.5), S("AwayFromZero"));
	SCALL("Double:3.14", "math", "Round", 2, D(3.14159), I(2));
	SCALL("Double:1.2", "math", "Round", 2, D(1.25), I(1));
	SCALL("Int32:5", "math", "Max", 2, I(3), I(5));
	SCALL("Double:5.5", "math", "Max", 2, I(3), D(5.5));
	SCALL("Int32:3", "math", "Min", 2, I(3), I(5));
	SCALL("Double:2", "math", "Floor", 1, D(2.7));
	SCALL("Double:-2", "math", "Ceiling", 1, D(-2.7));
	SCALL("Int32:5", "math", "Abs", 1, I(-5));
	SCALL("Double:2.5", "math", "Abs", 1, D(-2.5));
	SCALL("Double:1024", "math", "Pow", 2, I(2), I(10));
	SCALL("Double:3", "math", "Sqrt", 1, I(9));
	SCALL("Double:-2", "math", "Truncate", 1, D(-2.7));
	SCALL("Int32:-1", "math", "Sign", 1, D(-0.5));
	SCALL("Double:2", "math", "Log10", 1, I(100));
	SCALL("Double:3", "math", "Log", 2, I(8), I(2));
	SCALL("Double:1", "math", "Exp", 1, I(0));
	SPROP("Double:3.141592653589793", "math", "PI");
	SPROP("Double:2.718281828459045", "System.Math", "E");
	SCALL("!Cannot find an overload for \"Max\" and the argument count: \"1\".", "math", "Max",
	      1, I(1));
	SCALL("Boolean:True", "string", "IsNullOrEmpty", 1, S(""));
	SCALL("Boolean:True", "string", "IsNullOrEmpty", 1, NULL);
	SCALL("Boolean:False", "string", "IsNullOrEmpty", 1, S(" "));
	SCALL("Boolean:True", "string", "IsNullOrWhiteSpace", 1, S(" \t"));
	SCALL("String:a,b,c", "string", "Join", 2, S(","), arr(3, S("a"), S("b"), S("c")));
	SCALL("String:a-b", "string", "Join", 3, S("-"), S("a"), S("b"));
	SCALL("String:x=5", "string", "Format", 2, S("{0}={1}"), arr(2, S("x"), I(5)));
	SCALL("String:005", "string", "Format", 2, S("{0:D3}"), I(5));
	SCALL("String:ab1", "string", "Concat", 3, S("a"), S("b"), I(1));
	SPROP("String:", "string", "Empty");
	SCALL("Int32:-1", "string", "Compare", 2, S("a"), S("b"));
	SCALL("Int32:-1", "string", "Compare", 2, S("a"), S("A"));
	SCALL("Int32:0", "string", "Compare", 3, S("a"), S("A"), sh_bool(true));
	SCALL("Boolean:False", "string", "Equals", 2, S("a"), S("A"));
	SCALL("!Exception calling \"Format\" with \"2\" argument(s): \"Index (zero based) must be "
	      "greater than or equal to zero and less than the size of the argument list.\"",
	      "string", "Format", 2, S("{1}"), I(1));
}

static void test_static_types(void **state)
{
	(void)state;
	SPROP("Int32:2147483647", "int", "MaxValue");
	SPROP("Int32:-2147483648", "int32", "MinValue");
	SPROP("Int64:9223372036854775807", "long", "MaxValue");
	SPROP("Int32:255", "byte", "MaxValue");
	SPROP("Double:1.7976931348623157E+308", "double", "MaxValue");
	SPROP("Double:NaN", "double", "NaN");
	SPROP("Double:Infinity", "double", "PositiveInfinity");
	SCALL("Boolean:True", "double", "IsNaN", 1, D(0.0 / 0.0));
	SCALL("Int32:42", "int", "Parse", 1, S("42"));
	SCALL("Int64:42", "long", "Parse", 1, S(" 42 "));
	SCALL("Double:1.5", "double", "Parse", 1, S("1.5"));
	SCALL("!Exception calling \"Parse\" with \"1\" argument(s): \"Input string was not in a "
	      "correct format.\"",
	      "int", "Parse", 1, S("0x10"));
	SCALL(
	    "!Exception calling \"Parse\" with \"1\" argument(s): \"Value was either too large or "
	    "too small for an Int32.\"",
	    "int", "Parse", 1, S("3000000000"));
	SCALL("Boolean:True", "char", "IsDigit", 1, S("7"));
	SCALL("Boolean:False", "char", "IsDigit", 1, S("x"));
	SCALL("Boolean:True", "char", "IsLetter", 1, S("x"));
	SCALL("Boolean:True", "char", "IsWhiteSpace", 1, S(" "));
	SCALL("Boolean:True", "char", "IsUpper", 1, S("X"));
	SCALL("Boolean:True", "char", "IsLower", 1, S("x"));
	SCALL("String:X", "char", "ToUpper", 1, S("x"));
	SCALL("String:a", "char", "ToLower", 1, S("A"));
	SCALL("Boolean:True", "datetime", "IsLeapYear", 1, I(2024));
	SCALL("Boolean:False", "datetime", "IsLeapYear", 1, I(1900));
	SCALL("Int32:29", "datetime", "DaysInMonth", 2, I(2024), I(2));
	SCALL("Int32:31", "datetime", "DaysInMonth", 2, I(2026), I(12));
	SCALL("DateTime:11/25/2026 13:20:00", "datetime", "Parse", 1, S("2026-11-25 13:20"));
	SCALL("DateTime:11/25/2026 13:20:00", "datetime", "ParseExact", 3, S("25.11.2026 13:20"),
	      S("dd.MM.yyyy HH:mm"), NULL);
	SCALL("DateTime:03/05/2026 14:07:09", "datetime", "ParseExact", 3,
	      S("20260305 02:07:09 PM"), S("yyyyMMdd hh:mm:ss tt"), NULL);
	SCALL("!Exception calling \"ParseExact\" with \"3\" argument(s): \"String '2026' was not "
	      "recognized as a valid DateTime.\"",
	      "datetime", "ParseExact", 3, S("2026"), S("yyyy-MM"), NULL);
	SCALL("!Exception calling \"Parse\" with \"1\" argument(s): \"The string '5 nope' was not "
	      "recognized as a valid DateTime. There is an unknown word starting at index '2'.\"",
	      "datetime", "Parse", 1, S("5 nope"));
	SPROP("DateTime:12/31/9999 23:59:59", "datetime", "MaxValue");
	SPROP("DateTime:01/01/0001 00:00:00", "datetime", "MinValue");
	SCALL("TimeSpan:1.12:00:00", "timespan", "FromDays", 1, D(1.5));
	SCALL("TimeSpan:02:00:00", "timespan", "FromHours", 1, I(2));
	SCALL("TimeSpan:00:01:30", "timespan", "FromMinutes", 1, D(1.5));
	SCALL("TimeSpan:00:00:05", "timespan", "FromSeconds", 1, I(5));
	SCALL("TimeSpan:00:00:00.2500000", "timespan", "FromMilliseconds", 1, I(250));
	SCALL("TimeSpan:00:00:00.0000010", "timespan", "FromTicks", 1, I(10));
	SCALL("TimeSpan:01:02:03", "timespan", "Parse", 1, S("01:02:03"));
	SPROP("TimeSpan:00:00:00", "timespan", "Zero");
	SPROP("Guid:00000000-0000-0000-0000-000000000000", "guid", "Empty");
	SCALL("Guid:0f8fad5b-d9cb-469f-a165-70867728950e", "guid", "Parse", 1,
	      S("0f8fad5b-d9cb-469f-a165-70867728950e"));
	sh_value *g = NULL;
	char *err = NULL;
	assert_int_equal(sh_static_method(NULL, type_named("guid"), "NewGuid", NULL, 0, &g, &err),
	                 0);
	char *gs = sh_to_string(g);
	assert_int_equal(strlen(gs), 36);
	assert_int_equal(gs[14], '4');
	assert_true(strchr("89ab", gs[19]) != NULL);
	assert_string_equal(sh_str(sh_object_note(g, "Guid")), gs);
	free(gs);
	sh_unref(g);
}

static void test_static_path_env_convert(void **state)
{
	(void)state;
	SCALL("String:c.txt", "IO.Path", "GetFileName", 1, S("/a/b/c.txt"));
	SCALL("String:c", "System.IO.Path", "GetFileNameWithoutExtension", 1, S("/a/b/c.txt"));
	SCALL("String:.txt", "IO.Path", "GetExtension", 1, S("/a/b/c.txt"));
	SCALL("String:", "IO.Path", "GetExtension", 1, S("/a/b/c"));
	SCALL("String:/a/b", "IO.Path", "GetDirectoryName", 1, S("/a/b/c.txt"));
	SCALL("String:/", "IO.Path", "GetDirectoryName", 1, S("/a"));
	SCALL("null:", "IO.Path", "GetDirectoryName", 1, S("/"));
	SCALL("String:/a/b/c", "IO.Path", "Combine", 3, S("/a"), S("b"), S("c"));
	SCALL("String:/x", "IO.Path", "Combine", 2, S("/a"), S("/x"));
	SCALL("String:/a/b.vhdx", "IO.Path", "ChangeExtension", 2, S("/a/b.vhd"), S(".vhdx"));
	SCALL("Boolean:True", "IO.Path", "IsPathRooted", 1, S("/a"));
	SCALL("Boolean:False", "IO.Path", "IsPathRooted", 1, S("a"));
	SCALL("String:/a/c", "IO.Path", "GetFullPath", 1, S("/a/b/../c"));
	SPROP("String:/", "IO.Path", "DirectorySeparatorChar");
	sh_value *r = NULL;
	char *err = NULL;
	assert_int_equal(
	    sh_static_method(NULL, type_named("IO.Path"), "GetRandomFileName", NULL, 0, &r, &err),
	    0);
	assert_int_equal(sh_str_len(r), 12);
	assert_int_equal(sh_str(r)[8], '.');
	sh_unref(r);

	setenv("HVSH_TEST_VAR", "value1", 1);
	SCALL("String:value1", "Environment", "GetEnvironmentVariable", 1, S("HVSH_TEST_VAR"));
	SCALL("null:", "Environment", "SetEnvironmentVariable", 2, S("HVSH_TEST_VAR"), S("v2"));
	SCALL("String:v2", "Environment", "GetEnvironmentVariable", 1, S("HVSH_TEST_VAR"));
	SCALL("null:", "Environment", "SetEnvironmentVariable", 2, S("HVSH_TEST_VAR"), NULL);
	SCALL("null:", "Environment", "GetEnvironmentVariable", 1, S("HVSH_TEST_VAR"));
	SPROP("String:\n", "Environment", "NewLine");

	SCALL("Int32:255", "Convert", "ToInt32", 2, S("FF"), I(16));
	SCALL("Int32:-1", "Convert", "ToInt32", 2, S("FFFFFFFF"), I(16));
	SCALL("Int32:5", "Convert", "ToInt32", 2, S("101"), I(2));
	SCALL("Int32:2", "Convert", "ToInt32", 1, D(2.5));
	SCALL("Int32:42", "Convert", "ToInt32", 1, S("42"));
	SCALL("Int64:42", "Convert", "ToInt64", 1, S("42"));
	SCALL("String:ff", "Convert", "ToString", 2, I(255), I(16));
	SCALL("String:1010", "Convert", "ToString", 2, I(10), I(2));
	SCALL("String:ffffffff", "Convert", "ToString", 2, I(-1), I(16));
	SCALL("String:aGk=", "Convert", "ToBase64String", 1, arr(2, I(104), I(105)));
	SCALL("String:aGVsbG8=", "Convert", "ToBase64String", 1,
	      arr(5, I(104), I(101), I(108), I(108), I(111)));
	SCALL("[Int32:104,Int32:105]", "Convert", "FromBase64String", 1, S("aGk="));
	SCALL("Double:1.5", "Convert", "ToDouble", 1, S("1.5"));
	SCALL("Boolean:True", "Convert", "ToBoolean", 1, S("true"));
	SCALL("Boolean:False", "Convert", "ToBoolean", 1, I(0));
	SCALL("!Exception calling \"ToInt32\" with \"1\" argument(s): \"Input string was not in a "
	      "correct format.\"",
	      "Convert", "ToInt32", 1, S("abc"));
	SCALL("!Exception calling \"ToBoolean\" with \"1\" argument(s): \"String 'yes' was not "
	      "recognized as a valid Boolean.\"",
	      "Convert", "ToBoolean", 1, S("yes"));
}

static void test_regex_statics(void **state)
{
	(void)state;
	SCALL("String:a\\.b\\*c\\ d", "regex", "Escape", 1, S("a.b*c d"));
	SCALL("String:a.b*c", "regex", "Unescape", 1, S("a\\.b\\*c"));
	SCALL("Boolean:True", "regex", "IsMatch", 2, S("abc123"), S("\\d+"));
	SCALL("Boolean:False", "regex", "IsMatch", 2, S("ABC"), S("abc"));
	SCALL("Boolean:True", "regex", "IsMatch", 3, S("ABC"), S("abc"), S("IgnoreCase"));
	SCALL("String:a#b#", "regex", "Replace", 3, S("a1b22"), S("\\d+"), S("#"));
	SCALL("[String:a,String:b]", "regex", "Split", 2, S("a1b"), S("\\d"));
	sh_value *args[2] = {S("key=value"), S("(?<k>\\w+)=(?<v>\\w+)")};
	sh_value *m = NULL;
	char *err = NULL;
	assert_int_equal(sh_static_method(NULL, type_named("regex"), "Match", args, 2, &m, &err),
	                 0);
	assert_true(sh_bool_of(sh_object_note(m, "Success")));
	assert_string_equal(sh_str(sh_object_note(m, "Value")), "key=value");
	sh_value *groups = sh_object_note(m, "Groups");
	assert_int_equal(sh_array_len(groups), 3);
	assert_string_equal(sh_str(sh_object_note(sh_array_get(groups, 2), "Value")), "value");
	assert_string_equal(sh_str(sh_object_note(sh_array_get(groups, 2), "Name")), "v");
	assert_int_equal(sh_int_of(sh_object_note(sh_array_get(groups, 2), "Index")), 4);
	char *s = sh_to_string(m);
	assert_string_equal(s, "key=value");
	free(s);
	sh_unref(m);
	sh_unref(args[0]);
	sh_unref(args[1]);

	sh_value *in[2] = {S("a1b22c333"), S("\\d+")};
	assert_int_equal(sh_static_method(NULL, type_named("regex"), "Matches", in, 2, &m, &err),
	                 0);
	assert_int_equal(sh_array_len(m), 3);
	assert_string_equal(sh_str(sh_object_note(sh_array_get(m, 2), "Value")), "333");
	assert_int_equal(sh_int_of(sh_object_note(sh_array_get(m, 2), "Index")), 6);
	sh_unref(m);
	sh_unref(in[0]);
	sh_unref(in[1]);

	sh_value *re = sh_regex_value("^v(\\d)$", &err);
	assert_non_null(re);
	s = sh_to_string(re);
	assert_string_equal(s, "^v(\\d)$");
	free(s);
	CALL("Boolean:True", sh_ref(re), "IsMatch", 1, S("v1"));
	CALL("Boolean:False", sh_ref(re), "IsMatch", 1, S("V1"));
	CALL("String:w1", sh_ref(re), "Replace", 2, S("v1"), S("w$1"));
	sh_unref(re);
	assert_null(sh_regex_value("(", &err));
	free(err);
}

static void test_member_lists(void **state)
{
	(void)state;
	sh_value *s = S("x");
	const char *const *list = sh_builtin_member_list(s);
	bool found = false;
	for (size_t i = 0; list[i]; i++)
		if (!strncmp(list[i], "Substring\tMethod\t", 17))
			found = true;
	assert_true(found);
	sh_unref(s);
	assert_non_null(sh_builtin_member_list(NULL));
	char *g = sh_new_guid_string();
	assert_int_equal(strlen(g), 36);
	free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_string_methods),
	    cmocka_unit_test(test_number_methods),
	    cmocka_unit_test(test_array_methods),
	    cmocka_unit_test(test_hashtable_methods),
	    cmocka_unit_test(test_datetime_members),
	    cmocka_unit_test(test_timespan_members),
	    cmocka_unit_test(test_static_math_string),
	    cmocka_unit_test(test_static_types),
	    cmocka_unit_test(test_static_path_env_convert),
	    cmocka_unit_test(test_regex_statics),
	    cmocka_unit_test(test_member_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
