/*
 * test_convert.c - conversions, the type table, and .NET number and date
 * formatting (convert.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../shell/convert.h"
#include "../../shell/util.h"
#include "../../shell/value.h"

/* "Type:text" for a value, so one string checks both. */
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
	char *r = xasprintf("%s:%s", sh_kind_of(v) ? sh_type_name(v) : "null", s);
	free(s);
	return r;
}

#define CHECK_STR(expect, value)                                                                   \
	do {                                                                                       \
		sh_value *v_ = (value);                                                            \
		char *s_ = sh_to_string(v_);                                                       \
		assert_string_equal(s_, expect);                                                   \
		free(s_);                                                                          \
		sh_unref(v_);                                                                      \
	} while (0)

#define CHECK_DOUBLE(expect, d)                                                                    \
	do {                                                                                       \
		char b_[64];                                                                       \
		sh_format_double((d), b_, sizeof b_);                                              \
		assert_string_equal(b_, expect);                                                   \
	} while (0)

#define CHECK_FMT(expect, value, fmt)                                                              \
	do {                                                                                       \
		sh_value *v_ = (value);                                                            \
		char *e_ = NULL;                                                                   \
		char *s_ = sh_format_value(v_, fmt, &e_);                                          \
		assert_non_null(s_);                                                               \
		assert_string_equal(s_, expect);                                                   \
		free(s_);                                                                          \
		sh_unref(v_);                                                                      \
	} while (0)

static sh_type type_named(const char *name)
{
	sh_type t;
	sh_type_lookup(name, &t);
	return t;
}

#define CHECK_CONVERT(expect, value, tname)                                                        \
	do {                                                                                       \
		sh_value *v_ = (value), *o_ = NULL;                                                \
		char *e_ = NULL;                                                                   \
		int rc_ = sh_convert(v_, type_named(tname), &o_, &e_);                             \
		if (rc_ != 0)                                                                      \
			fail_msg("conversion failed: %s", e_);                                     \
		char *d_ = describe(o_);                                                           \
		assert_string_equal(d_, expect);                                                   \
		free(d_);                                                                          \
		sh_unref(o_);                                                                      \
		sh_unref(v_);                                                                      \
	} while (0)

#define CHECK_CONVERT_FAILS(expect, value, tname)                                                  \
	do {                                                                                       \
		sh_value *v_ = (value), *o_ = NULL;                                                \
		char *e_ = NULL;                                                                   \
		assert_int_equal(sh_convert(v_, type_named(tname), &o_, &e_), -1);                 \
		assert_string_equal(e_, expect);                                                   \
		free(e_);                                                                          \
		sh_unref(v_);                                                                      \
	} while (0)

static void test_type_lookup(void **state)
{
	(void)state;
	sh_type t;
	assert_true(sh_type_lookup("int", &t));
	assert_int_equal(t.id, SH_T_INT);
	assert_string_equal(t.name, "System.Int32");
	assert_true(sh_type_lookup("System.Int32", &t));
	assert_int_equal(t.id, SH_T_INT);
	assert_true(sh_type_lookup("INT32", &t));
	assert_true(sh_type_lookup("long", &t));
	assert_int_equal(t.id, SH_T_LONG);
	assert_true(sh_type_lookup("Int64", &t));
	assert_int_equal(t.id, SH_T_LONG);
	assert_true(sh_type_lookup("float", &t));
	assert_int_equal(t.id, SH_T_DOUBLE);
	assert_string_equal(t.name, "System.Single");
	assert_true(sh_type_lookup("decimal", &t));
	assert_int_equal(t.id, SH_T_DOUBLE);
	assert_true(sh_type_lookup("bool", &t));
	assert_string_equal(t.name, "System.Boolean");
	assert_true(sh_type_lookup("Boolean", &t));
	assert_true(sh_type_lookup("string[]", &t));
	assert_int_equal(t.id, SH_T_STRING);
	assert_true(t.is_array);
	assert_string_equal(t.name, "System.String[]");
	assert_true(sh_type_lookup("int[]", &t));
	assert_string_equal(t.name, "System.Int32[]");
	assert_true(sh_type_lookup("object[]", &t));
	assert_int_equal(t.id, SH_T_ARRAY);
	assert_true(sh_type_lookup("array", &t));
	assert_int_equal(t.id, SH_T_ARRAY);
	assert_true(sh_type_lookup("ordered", &t));
	assert_int_equal(t.id, SH_T_ORDERED);
	assert_true(sh_type_lookup("PSCustomObject", &t));
	assert_int_equal(t.id, SH_T_PSCUSTOMOBJECT);
	assert_true(sh_type_lookup("math", &t));
	assert_int_equal(t.id, SH_T_MATH);
	assert_true(sh_type_lookup("System.Math", &t));
	assert_int_equal(t.id, SH_T_MATH);
	assert_true(sh_type_lookup("IO.Path", &t));
	assert_int_equal(t.id, SH_T_IOPATH);
	assert_true(sh_type_lookup("System.IO.Path", &t));
	assert_int_equal(t.id, SH_T_IOPATH);
	assert_true(sh_type_lookup("Environment", &t));
	assert_int_equal(t.id, SH_T_ENVIRONMENT);
	assert_true(sh_type_lookup("convert", &t));
	assert_int_equal(t.id, SH_T_CONVERT);
	assert_true(sh_type_lookup("pscredential", &t));
	assert_int_equal(t.id, SH_T_CREDENTIAL);
	assert_true(sh_type_lookup("guid", &t));
	assert_int_equal(t.id, SH_T_GUID);
	assert_true(sh_type_lookup("regex", &t));
	assert_true(sh_type_lookup("securestring", &t));
	assert_true(sh_type_lookup("scriptblock", &t));
	assert_true(sh_type_lookup("datetime", &t));
	assert_true(sh_type_lookup("timespan", &t));
	assert_true(sh_type_lookup("switch", &t));
	assert_int_equal(t.id, SH_T_SWITCH);
	assert_true(sh_type_lookup("void", &t));
	assert_true(sh_type_lookup("hashtable", &t));
	assert_true(sh_type_lookup("psobject", &t));
	assert_int_equal(t.id, SH_T_OBJECT);
	assert_true(sh_type_lookup("char", &t));
	assert_true(sh_type_lookup("byte", &t));
	assert_false(sh_type_lookup("Microsoft.HyperV.PowerShell.VirtualMachine", &t));
	assert_int_equal(t.id, SH_T_NAMED);
	assert_string_equal(t.name, "Microsoft.HyperV.PowerShell.VirtualMachine");
	assert_false(sh_type_lookup("Foo[]", &t));
	assert_true(t.is_array);
	assert_string_equal(sh_type_short_name(type_named("int")), "int");
	assert_string_equal(sh_type_short_name(type_named("System.String")), "string");
	assert_string_equal(sh_type_short_name(type_named("string[]")), "string[]");
	assert_string_equal(sh_type_short_name(type_named("math")), "System.Math");
}

static void test_to_string(void **state)
{
	(void)state;
	CHECK_STR("", NULL);
	CHECK_STR("True", sh_bool(true));
	CHECK_STR("False", sh_bool(false));
	CHECK_STR("-42", sh_int(-42));
	CHECK_STR("9223372036854775807", sh_long(INT64_MAX));
	CHECK_STR("0.1", sh_double(0.1));
	CHECK_STR("2.5", sh_double(2.5));
	CHECK_STR("3", sh_double(3.0));
	sh_value *a = sh_array_new(3);
	sh_array_append(a, sh_int(1));
	sh_array_append(a, sh_string("two"));
	sh_array_append(a, sh_double(3.5));
	CHECK_STR("1 two 3.5", sh_ref(a));
	sh_value *outer = sh_array_new(2);
	sh_array_append(outer, a);
	sh_array_append(outer, sh_int(4));
	CHECK_STR("System.Object[] 4", outer);
	CHECK_STR("System.Collections.Hashtable", sh_hash_new(false));
	sh_value *o = sh_object_new(NULL);
	sh_object_set_note(o, "a", sh_int(1));
	sh_object_set_note(o, "b", sh_string("x"));
	sh_object_set_note(o, "c", NULL);
	CHECK_STR("@{a=1; b=x; c=}", o);
	CHECK_STR("System.Security.SecureString", sh_securestring("pw"));
	CHECK_STR("11/25/2026 13:20:32",
	          sh_datetime(sh_ticks_from_civil(2026, 11, 25, 13, 20, 32, 0), SH_DT_LOCAL));
	CHECK_STR("00:00:05", sh_timespan(5 * SH_TICKS_PER_SECOND));
	CHECK_STR("1.02:03:04.5000000",
	          sh_timespan(SH_TICKS_PER_DAY + (2 * 3600 + 3 * 60 + 4) * SH_TICKS_PER_SECOND +
	                      5000000));
	CHECK_STR("-00:01:00", sh_timespan(-60 * SH_TICKS_PER_SECOND));
	CHECK_STR("int", sh_type_value(type_named("int")));
	sh_value *s = sh_string("same");
	sh_value *sv = sh_to_string_value(s);
	assert_ptr_equal(s, sv);
	sh_unref(sv);
	sh_unref(s);
}

static void test_truthiness(void **state)
{
	(void)state;
	assert_false(sh_to_bool(NULL));
	sh_value *v;
	v = sh_int(0);
	assert_false(sh_to_bool(v));
	sh_unref(v);
	v = sh_double(0.0);
	assert_false(sh_to_bool(v));
	sh_unref(v);
	v = sh_string("");
	assert_false(sh_to_bool(v));
	sh_unref(v);
	v = sh_string("false");
	assert_true(sh_to_bool(v));
	sh_unref(v);
	v = sh_string("0");
	assert_true(sh_to_bool(v));
	sh_unref(v);
	v = sh_array_new(0);
	assert_false(sh_to_bool(v));
	sh_array_append(v, sh_int(0));
	assert_false(sh_to_bool(v));
	sh_array_append(v, sh_int(0));
	assert_true(sh_to_bool(v));
	sh_unref(v);
	v = sh_array_new(1);
	sh_array_append(v, sh_string("x"));
	assert_true(sh_to_bool(v));
	sh_unref(v);
	v = sh_hash_new(false);
	assert_true(sh_to_bool(v));
	sh_unref(v);
	v = sh_long(-1);
	assert_true(sh_to_bool(v));
	sh_unref(v);
}

#define CHECK_NUM(expect, text)                                                                    \
	do {                                                                                       \
		sh_value *n_ = NULL;                                                               \
		assert_true(sh_parse_number(text, &n_));                                           \
		char *d_ = describe(n_);                                                           \
		assert_string_equal(d_, expect);                                                   \
		free(d_);                                                                          \
		sh_unref(n_);                                                                      \
	} while (0)

static void test_parse_number(void **state)
{
	(void)state;
	CHECK_NUM("System.Int32:42", "42");
	CHECK_NUM("System.Int32:42", "  42 ");
	CHECK_NUM("System.Int32:-7", "-7");
	CHECK_NUM("System.Int64:2147483648", "2147483648");
	CHECK_NUM("System.Double:9.223372036854776E+18", "9223372036854775808");
	CHECK_NUM("System.Double:1.5", "1.5");
	CHECK_NUM("System.Double:1000", "1e3");
	CHECK_NUM("System.Double:0.5", ".5");
	CHECK_NUM("System.Int32:16", "0x10");
	CHECK_NUM("System.Int32:-1", "0xFFFFFFFF");
	CHECK_NUM("System.Int64:4294967296", "0x100000000");
	CHECK_NUM("System.Int32:1024", "1kb");
	CHECK_NUM("System.Int32:2097152", "2MB");
	CHECK_NUM("System.Int64:4294967296", "4gb");
	CHECK_NUM("System.Int32:1536", "1.5kb");
	CHECK_NUM("System.Int64:5", "5l");
	CHECK_NUM("System.Double:5", "5d");
	sh_value *n = NULL;
	assert_false(sh_parse_number("abc", &n));
	assert_false(sh_parse_number("", &n));
	assert_false(sh_parse_number("1 2", &n));
	assert_false(sh_parse_number("12abc", &n));
	assert_false(sh_parse_number("0x", &n));
	assert_false(sh_parse_number("-", &n));
}

static void test_format_double(void **state)
{
	(void)state;
	CHECK_DOUBLE("0.30000000000000004", 0.1 + 0.2);
	CHECK_DOUBLE("1E+15", 1e15);
	CHECK_DOUBLE("100000000000000", 1e14);
	CHECK_DOUBLE("1.5E-05", 1.5e-5);
	CHECK_DOUBLE("0.0001", 1e-4);
	CHECK_DOUBLE("1E-05", 1e-5);
	CHECK_DOUBLE("0", 0.0);
	CHECK_DOUBLE("-0", -0.0);
	CHECK_DOUBLE("3.14159265358979", 3.14159265358979);
	CHECK_DOUBLE("3.141592653589793", 3.141592653589793);
	CHECK_DOUBLE("1.7976931348623157E+308", 1.7976931348623157e308);
	CHECK_DOUBLE("5E-324", 4.9406564584124654e-324);
	CHECK_DOUBLE("NaN", 0.0 / 0.0);
	CHECK_DOUBLE("Infinity", 1.0 / 0.0);
	CHECK_DOUBLE("-Infinity", -1.0 / 0.0);
	CHECK_DOUBLE("123456789012345", 123456789012345.0);
	CHECK_DOUBLE("1.2345678901234568E+17", 123456789012345678.0);
	CHECK_DOUBLE("-2.5", -2.5);
	CHECK_DOUBLE("0.1", 0.1);
	CHECK_DOUBLE("3.5", 7.0 / 2.0);
	CHECK_DOUBLE("0.3333333333333333", 1.0 / 3.0);
	CHECK_DOUBLE("2147483648", 2147483648.0);
}

static void test_standard_numeric_formats(void **state)
{
	(void)state;
	CHECK_FMT("1,234.50", sh_double(1234.5), "N2");
	CHECK_FMT("1,234.50", sh_double(1234.5), "N");
	CHECK_FMT("1,235", sh_double(1234.5), "N0");
	CHECK_FMT("-1,234,567.890", sh_double(-1234567.89), "N3");
	CHECK_FMT("1,000,000", sh_int(1000000), "N0");
	CHECK_FMT("3.14", sh_double(3.14159), "F2");
	CHECK_FMT("3", sh_double(2.5), "F0");
	CHECK_FMT("4", sh_double(3.5), "F0");
	CHECK_FMT("1.00", sh_double(1.005), "F2");
	CHECK_FMT("0.13", sh_double(0.125), "F2");
	CHECK_FMT("42.00", sh_int(42), "F");
	CHECK_FMT("-0.00", sh_double(-0.001), "F2");
	CHECK_FMT("00042", sh_int(42), "D5");
	CHECK_FMT("-042", sh_int(-42), "D3");
	CHECK_FMT("42", sh_int(42), "D");
	CHECK_FMT("FF", sh_int(255), "X");
	CHECK_FMT("ff", sh_int(255), "x");
	CHECK_FMT("00FF", sh_int(255), "X4");
	CHECK_FMT("FFFFFFFF", sh_int(-1), "X");
	CHECK_FMT("FFFFFFFFFFFFFFFF", sh_long(-1), "X");
	CHECK_FMT("12.50 %", sh_double(0.125), "P");
	CHECK_FMT("12.5 %", sh_double(0.125), "P1");
	CHECK_FMT("50 %", sh_double(0.5), "P0");
	CHECK_FMT("1.234500E+003", sh_double(1234.5), "E");
	CHECK_FMT("1.23e+003", sh_double(1234.5), "e2");
	CHECK_FMT("-1.0E-005", sh_double(-0.00001), "E1");
	CHECK_FMT("1,234.50", sh_double(1234.5), "C");
	CHECK_FMT("1234.5", sh_double(1234.5), "G");
	CHECK_FMT("1.2E+03", sh_double(1234.5), "G2");
	CHECK_FMT("1235", sh_double(1234.5), "G4");
	CHECK_FMT("12345", sh_int(12345), "G");
	CHECK_FMT("0.1", sh_double(0.1), "R");
	char *err = NULL;
	sh_value *d = sh_double(1.5);
	assert_null(sh_format_value(d, "D2", &err));
	assert_string_equal(err, "Format specifier was invalid.");
	free(err);
	err = NULL;
	assert_null(sh_format_value(d, "X", &err));
	free(err);
	sh_unref(d);
}

static void test_custom_numeric_formats(void **state)
{
	(void)state;
	CHECK_FMT("3.14", sh_double(3.14159), "0.00");
	CHECK_FMT("03.10", sh_double(3.1), "00.00");
	CHECK_FMT("1,234,568", sh_double(1234567.8), "#,##0");
	CHECK_FMT("1,234,567.80", sh_double(1234567.8), "#,##0.00");
	CHECK_FMT("1.5", sh_double(1.5), "#.##");
	CHECK_FMT("1.57", sh_double(1.5678), "#.##");
	CHECK_FMT(".5", sh_double(0.5), "#.##");
	CHECK_FMT("0.5", sh_double(0.5), "0.##");
	CHECK_FMT("", sh_int(0), "#.##");
	CHECK_FMT("2", sh_int(2), "#.##");
	CHECK_FMT("45%", sh_double(0.45), "0%");
	CHECK_FMT("12.5%", sh_double(0.125), "0.0%");
	CHECK_FMT("-3.0", sh_double(-3), "0.0");
	CHECK_FMT("0.0", sh_double(-0.01), "0.0");
	CHECK_FMT("(5)", sh_int(-5), "0;(0)");
	CHECK_FMT("5", sh_int(5), "0;(0)");
	CHECK_FMT("zero", sh_int(0), "0;(0);zero");
	CHECK_FMT("1235", sh_double(1234.5), "0");
	CHECK_FMT("1234", sh_double(1233.5), "0");
	CHECK_FMT("Value: 42 units", sh_int(42), "Value: 0 units");
	CHECK_FMT("#42", sh_int(42), "\\#0");
	CHECK_FMT("1.23E+003", sh_double(1234.5), "0.00E+000");
	CHECK_FMT("12.3e2", sh_double(1234.5), "00.0e0");
	CHECK_FMT("1,235K", sh_double(1234567), "#,##0,K");
	CHECK_FMT("00042", sh_int(42), "00000");
	CHECK_FMT("(555) 123-4567", sh_long(5551234567LL), "(###) ###-####");
}

static sh_value *sample_date(void)
{
	return sh_datetime(sh_ticks_from_civil(2026, 3, 5, 14, 7, 9, 123) + 4567,
	                   SH_DT_UNSPECIFIED);
}

static void test_date_formats(void **state)
{
	(void)state;
	CHECK_FMT("03/05/2026", sample_date(), "d");
	CHECK_FMT("Thursday, 05 March 2026", sample_date(), "D");
	CHECK_FMT("14:07", sample_date(), "t");
	CHECK_FMT("14:07:09", sample_date(), "T");
	CHECK_FMT("Thursday, 05 March 2026 14:07", sample_date(), "f");
	CHECK_FMT("Thursday, 05 March 2026 14:07:09", sample_date(), "F");
	CHECK_FMT("03/05/2026 14:07", sample_date(), "g");
	CHECK_FMT("03/05/2026 14:07:09", sample_date(), "G");
	CHECK_FMT("March 05", sample_date(), "M");
	CHECK_FMT("2026 March", sample_date(), "y");
	CHECK_FMT("2026-03-05T14:07:09", sample_date(), "s");
	CHECK_FMT("2026-03-05 14:07:09Z", sample_date(), "u");
	CHECK_FMT("2026-03-05T14:07:09.1234567", sample_date(), "o");
	CHECK_FMT("Thu, 05 Mar 2026 14:07:09 GMT", sample_date(), "r");
	CHECK_FMT("2026-03-05 14:07:09", sample_date(), "yyyy-MM-dd HH:mm:ss");
	CHECK_FMT("26/3/5", sample_date(), "yy/M/d");
	CHECK_FMT("02:07 PM", sample_date(), "hh:mm tt");
	CHECK_FMT("2:7:9 P", sample_date(), "h:m:s t");
	CHECK_FMT("123", sample_date(), "fff");
	CHECK_FMT("1234567", sample_date(), "fffffff");
	CHECK_FMT("12", sample_date(), "FF");
	CHECK_FMT("Thu Thursday Mar March", sample_date(), "ddd dddd MMM MMMM");
	CHECK_FMT("Day 05 of March", sample_date(), "'Day' dd 'of' MMMM");
	CHECK_FMT("at 14h", sample_date(), "'at' HH\\h");
	CHECK_FMT("aP", sample_date(), "\\at");
	CHECK_FMT("5", sample_date(), "%d");
	CHECK_FMT("20260305", sample_date(), "yyyyMMdd");
	CHECK_FMT("2026-03-05T14:07:09.1234567Z",
	          sh_datetime(sh_ticks_from_civil(2026, 3, 5, 14, 7, 9, 123) + 4567, SH_DT_UTC),
	          "o");
	CHECK_FMT("Z", sh_datetime(0, SH_DT_UTC), "%K");
	CHECK_FMT("", sh_datetime(0, SH_DT_UNSPECIFIED), "%K");
	CHECK_FMT("12:00:00 AM", sh_datetime(0, SH_DT_UNSPECIFIED), "hh:mm:ss tt");
	CHECK_FMT("0001-01-01", sh_datetime(0, SH_DT_UNSPECIFIED), "yyyy-MM-dd");
	char *err = NULL;
	sh_value *d = sample_date();
	assert_null(sh_format_value(d, "Q", &err));
	assert_string_equal(err, "Input string was not in a correct format.");
	free(err);
	sh_unref(d);
}

static void test_timespan_formats(void **state)
{
	(void)state;
	int64_t t = SH_TICKS_PER_DAY + (2 * 3600 + 3 * 60 + 4) * SH_TICKS_PER_SECOND + 5000000;
	CHECK_FMT("1.02:03:04.5000000", sh_timespan(t), "c");
	CHECK_FMT("1:2:03:04.5", sh_timespan(t), "g");
	CHECK_FMT("1:02:03:04.5000000", sh_timespan(t), "G");
	CHECK_FMT("02:03:04", sh_timespan(t), "hh\\:mm\\:ss");
	CHECK_FMT("1 days 02h", sh_timespan(t), "d' days 'hh'h'");
	CHECK_FMT("500", sh_timespan(t), "fff");
	char *err = NULL;
	sh_value *ts = sh_timespan(t);
	assert_null(sh_format_value(ts, "hh:mm", &err));
	assert_string_equal(err, "Input string was not in a correct format.");
	free(err);
	sh_unref(ts);
}

static void test_composite(void **state)
{
	(void)state;
	sh_value *args[3] = {sh_double(1234.5), sh_string("vm"), sh_int(7)};
	char *err = NULL;
	char *s = sh_format_composite("{0:N2}", args, 3, &err);
	assert_string_equal(s, "1,234.50");
	free(s);
	s = sh_format_composite("[{1,-6}][{1,6}][{2:D3}]", args, 3, &err);
	assert_string_equal(s, "[vm    ][    vm][007]");
	free(s);
	s = sh_format_composite("{{{1}}} {0,-10:N2}|", args, 3, &err);
	assert_string_equal(s, "{vm} 1,234.50  |");
	free(s);
	s = sh_format_composite("{ 2 }", args, 3, &err);
	assert_string_equal(s, "7");
	free(s);
	assert_null(sh_format_composite("{3}", args, 3, &err));
	assert_string_equal(err,
	                    "Index (zero based) must be greater than or equal to zero and less "
	                    "than the size of the argument list.");
	free(err);
	assert_null(sh_format_composite("{0", args, 3, &err));
	assert_string_equal(err, "Input string was not in a correct format.");
	free(err);
	assert_null(sh_format_composite("a}b", args, 3, &err));
	free(err);
	s = sh_format_composite("no args", NULL, 0, &err);
	assert_string_equal(s, "no args");
	free(s);
	for (int i = 0; i < 3; i++)
		sh_unref(args[i]);
}

static void test_conversions(void **state)
{
	(void)state;
	CHECK_CONVERT("System.Int32:2", sh_double(2.5), "int");
	CHECK_CONVERT("System.Int32:4", sh_double(3.5), "int");
	CHECK_CONVERT("System.Int32:-2", sh_double(-2.5), "int");
	CHECK_CONVERT("System.Int32:3", sh_double(2.6), "int");
	CHECK_CONVERT("System.Int32:42", sh_string(" 42 "), "int");
	CHECK_CONVERT("System.Int32:16", sh_string("0x10"), "int");
	CHECK_CONVERT("System.Int32:2", sh_string("2.5"), "int");
	CHECK_CONVERT("System.Int32:0", sh_string(""), "int");
	CHECK_CONVERT("System.Int32:0", NULL, "int");
	CHECK_CONVERT("System.Int32:1", sh_bool(true), "int");
	CHECK_CONVERT("System.Int64:5", sh_int(5), "long");
	CHECK_CONVERT("System.Double:5", sh_int(5), "double");
	CHECK_CONVERT("System.Double:1.5", sh_string("1.5"), "double");
	CHECK_CONVERT("System.String:1.5", sh_double(1.5), "string");
	CHECK_CONVERT("System.String:", NULL, "string");
	CHECK_CONVERT("System.String:1 2", ({
		              sh_value *a = sh_array_new(2);
		              sh_array_append(a, sh_int(1));
		              sh_array_append(a, sh_int(2));
		              a;
	              }),
	              "string");
	CHECK_CONVERT("System.Boolean:True", sh_string("false"), "bool");
	CHECK_CONVERT("System.Boolean:False", sh_string(""), "bool");
	CHECK_CONVERT("System.Boolean:False", sh_int(0), "bool");
	CHECK_CONVERT("System.Boolean:True", sh_double(0.1), "bool");
	CHECK_CONVERT("System.Boolean:False", NULL, "bool");
	CHECK_CONVERT("System.Char:A", sh_int(65), "char");
	CHECK_CONVERT("System.Char:x", sh_string("x"), "char");
	CHECK_CONVERT("System.Int32:65", sh_char('A'), "int");
	CHECK_CONVERT("System.Double:233", sh_char(0xE9), "double");
	CHECK_CONVERT("System.String:A", sh_char('A'), "string");
	CHECK_CONVERT("System.Int32:200", sh_string("200"), "byte");
	CHECK_CONVERT("[System.Int32:1]", sh_string("1"), "int[]");
	CHECK_CONVERT("[System.String:1,System.String:2]", ({
		              sh_value *a = sh_array_new(2);
		              sh_array_append(a, sh_int(1));
		              sh_array_append(a, sh_int(2));
		              a;
	              }),
	              "string[]");
	CHECK_CONVERT("[System.Int32:5]", sh_int(5), "array");
	CHECK_CONVERT("null:", NULL, "array");
	CHECK_CONVERT("null:", sh_int(5), "void");
	CHECK_CONVERT("System.Int32:5", sh_int(5), "object");
	CHECK_CONVERT("System.TimeSpan:00:00:01", sh_int(10000000), "timespan");
	CHECK_CONVERT("System.TimeSpan:01:02:03", sh_string("01:02:03"), "timespan");
	CHECK_CONVERT("System.TimeSpan:3.00:00:00", sh_string("3"), "timespan");
	CHECK_CONVERT("System.TimeSpan:-1.02:03:04.5000000", sh_string("-1.02:03:04.5"),
	              "timespan");
	CHECK_CONVERT("System.DateTime:11/25/2026 00:00:00", sh_string("2026-11-25"), "datetime");
	CHECK_CONVERT("System.DateTime:11/25/2026 13:20:00", sh_string("11/25/2026 13:20"),
	              "datetime");
	CHECK_CONVERT("System.DateTime:11/25/2026 13:20:05", sh_string("2026-11-25T13:20:05"),
	              "datetime");
	CHECK_CONVERT("System.DateTime:01/05/2026 00:00:00", sh_string("January 5, 2026"),
	              "datetime");
	CHECK_CONVERT("System.DateTime:03/05/2026 14:07:09",
	              sh_string("Thursday, 05 March 2026 14:07:09"), "datetime");
	CHECK_CONVERT("System.DateTime:03/05/2026 14:07:00", sh_string("3/5/2026 2:07 PM"),
	              "datetime");
	CHECK_CONVERT("System.Guid:0f8fad5b-d9cb-469f-a165-70867728950e",
	              sh_string("0F8FAD5B-D9CB-469F-A165-70867728950E"), "guid");
	CHECK_CONVERT("System.Guid:0f8fad5b-d9cb-469f-a165-70867728950e",
	              sh_string("{0f8fad5bd9cb469fa16570867728950e}"), "guid");

	sh_value *h = sh_hash_new(false);
	sh_hash_set_str(h, "Name", sh_string("vm1"));
	sh_hash_set_str(h, "Cpu", sh_int(2));
	CHECK_CONVERT("System.Management.Automation.PSCustomObject:@{Name=vm1; Cpu=2}", sh_ref(h),
	              "pscustomobject");
	CHECK_CONVERT("System.Collections.Hashtable:System.Collections.Hashtable", sh_ref(h),
	              "hashtable");
	sh_unref(h);
}

static void test_conversion_errors(void **state)
{
	(void)state;
	CHECK_CONVERT_FAILS("Cannot convert value \"abc\" to type \"System.Int32\". Error: \"Input "
	                    "string was not in a correct format.\"",
	                    sh_string("abc"), "int");
	CHECK_CONVERT_FAILS("Cannot convert value \"3000000000\" to type \"System.Int32\". Error: "
	                    "\"Value was either too large or too small for an Int32.\"",
	                    sh_long(3000000000LL), "int");
	CHECK_CONVERT_FAILS("Cannot convert value \"300\" to type \"System.Byte\". Error: \"Value "
	                    "was either too large or too small for an unsigned byte.\"",
	                    sh_int(300), "byte");
	CHECK_CONVERT_FAILS("Cannot convert value \"ab\" to type \"System.Char\". Error: \"String "
	                    "must be exactly one character long.\"",
	                    sh_string("ab"), "char");
	CHECK_CONVERT_FAILS("Cannot convert value \"soon\" to type \"System.DateTime\". Error: "
	                    "\"The string 'soon' was not recognized as a valid DateTime. There is "
	                    "an unknown word starting at index '0'.\"",
	                    sh_string("soon"), "datetime");
	CHECK_CONVERT_FAILS(
	    "Cannot convert value \"2026-02-30\" to type \"System.DateTime\". Error: "
	    "\"String '2026-02-30' was not recognized as a valid DateTime.\"",
	    sh_string("2026-02-30"), "datetime");
	CHECK_CONVERT_FAILS("Cannot convert value \"x\" to type \"System.TimeSpan\". Error: "
	                    "\"String 'x' was not recognized as a valid TimeSpan.\"",
	                    sh_string("x"), "timespan");
	CHECK_CONVERT_FAILS("Cannot convert value \"nope\" to type \"System.Guid\". Error: \"Guid "
	                    "should contain 32 digits with 4 dashes "
	                    "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).\"",
	                    sh_string("nope"), "guid");
	sh_value *a = sh_array_new(2);
	sh_array_append(a, sh_int(1));
	sh_array_append(a, sh_int(2));
	CHECK_CONVERT_FAILS("Cannot convert the \"1 2\" value of type \"System.Object[]\" to type "
	                    "\"System.Int32\".",
	                    a, "int");
	CHECK_CONVERT_FAILS("Cannot convert value \"x\" to type \"System.Int32[]\". Error: "
	                    "\"Cannot convert value \"x\" to type \"System.Int32\". Error: \"Input "
	                    "string was not in a correct format.\"\"",
	                    sh_string("x"), "int[]");
	CHECK_CONVERT_FAILS("Cannot convert the \"System.Collections.Hashtable\" value of type "
	                    "\"System.Collections.Hashtable\" to type \"System.Int32\".",
	                    sh_hash_new(false), "int");
	int64_t n;
	double d;
	char *err = NULL;
	sh_value *s = sh_string("12");
	assert_true(sh_to_int64(s, &n, NULL));
	assert_int_equal(n, 12);
	assert_true(sh_to_double(s, &d, NULL));
	assert_true(d == 12.0);
	sh_unref(s);
	s = sh_string("zz");
	assert_false(sh_to_int64(s, &n, &err));
	assert_string_equal(err, "Cannot convert value \"zz\" to type \"System.Int64\". Error: "
	                         "\"Input string was not in a correct format.\"");
	free(err);
	sh_unref(s);
}

static void test_value_is(void **state)
{
	(void)state;
	sh_value *v = sh_int(1);
	assert_true(sh_value_is(v, type_named("int")));
	assert_true(sh_value_is(v, type_named("object")));
	assert_true(sh_value_is(v, type_named("System.ValueType")));
	assert_false(sh_value_is(v, type_named("long")));
	assert_false(sh_value_is(v, type_named("string")));
	sh_unref(v);
	assert_false(sh_value_is(NULL, type_named("object")));
	v = sh_string("s");
	assert_true(sh_value_is(v, type_named("string")));
	assert_true(sh_value_is(v, type_named("System.String")));
	sh_unref(v);
	v = sh_array_new(0);
	assert_true(sh_value_is(v, type_named("array")));
	assert_true(sh_value_is(v, type_named("object[]")));
	assert_false(sh_value_is(v, type_named("int[]")));
	sh_unref(v);
	v = sh_hash_new(false);
	assert_true(sh_value_is(v, type_named("hashtable")));
	assert_true(sh_value_is(v, type_named("System.Collections.IDictionary")));
	sh_unref(v);
	v = sh_hash_new(true);
	assert_false(sh_value_is(v, type_named("hashtable")));
	assert_true(sh_value_is(v, type_named("ordered")));
	sh_unref(v);
	v = sh_object_new("Microsoft.HyperV.PowerShell.VirtualMachine");
	sh_object_add_typename(v, "Microsoft.HyperV.PowerShell.VirtualMachineBase");
	assert_true(sh_value_is(v, type_named("Microsoft.HyperV.PowerShell.VirtualMachine")));
	assert_true(sh_value_is(v, type_named("Microsoft.HyperV.PowerShell.VirtualMachineBase")));
	assert_true(sh_value_is(v, type_named("pscustomobject")));
	assert_false(sh_value_is(v, type_named("string")));
	sh_unref(v);
	v = sh_char('c');
	assert_true(sh_value_is(v, type_named("char")));
	assert_false(sh_value_is(v, type_named("string")));
	sh_unref(v);
	v = sh_double(1);
	assert_true(sh_value_is(v, type_named("double")));
	assert_false(sh_value_is(v, type_named("float")));
	sh_unref(v);
}

static void test_dates(void **state)
{
	(void)state;
	assert_int_equal(sh_ticks_from_civil(1, 1, 1, 0, 0, 0, 0), 0);
	assert_int_equal(sh_ticks_from_civil(1970, 1, 1, 0, 0, 0, 0), 621355968000000000LL);
	assert_int_equal(sh_ticks_from_civil(2000, 1, 1, 0, 0, 0, 0), 630822816000000000LL);
	int y, mo, d, h, mi, s, ms, dow, doy;
	sh_civil_from_ticks(sh_ticks_from_civil(2024, 2, 29, 23, 59, 58, 999), &y, &mo, &d, &h, &mi,
	                    &s, &ms, &dow, &doy);
	assert_int_equal(y, 2024);
	assert_int_equal(mo, 2);
	assert_int_equal(d, 29);
	assert_int_equal(h, 23);
	assert_int_equal(mi, 59);
	assert_int_equal(s, 58);
	assert_int_equal(ms, 999);
	assert_int_equal(dow, 4); /* Thursday */
	assert_int_equal(doy, 60);
	sh_civil_from_ticks(0, &y, &mo, &d, NULL, NULL, NULL, NULL, &dow, &doy);
	assert_int_equal(y, 1);
	assert_int_equal(dow, 1); /* Monday */
	assert_int_equal(doy, 1);
	sh_civil_from_ticks(3155378975999999999LL, &y, &mo, &d, NULL, NULL, NULL, NULL, NULL, NULL);
	assert_int_equal(y, 9999);
	assert_int_equal(mo, 12);
	assert_int_equal(d, 31);

	int64_t now = sh_now_ticks(SH_DT_UTC);
	assert_true(now > sh_ticks_from_civil(2020, 1, 1, 0, 0, 0, 0));

	sh_value *v = NULL;
	assert_false(sh_parse_datetime("2026-02-30", &v));
	assert_false(sh_parse_datetime("13/01/2026", &v));
	assert_false(sh_parse_datetime("hello", &v));
	assert_false(sh_parse_datetime("", &v));
	assert_true(sh_parse_datetime("2026-11-25T13:20:05Z", &v));
	assert_int_equal(sh_datetime_kind_of(v), SH_DT_LOCAL);
	sh_unref(v);
	assert_true(sh_parse_datetime("2026-11-25 13:20:05.25", &v));
	assert_int_equal(sh_ticks_of(v) % SH_TICKS_PER_SECOND, 2500000);
	assert_int_equal(sh_datetime_kind_of(v), SH_DT_UNSPECIFIED);
	sh_unref(v);
	assert_true(sh_parse_datetime("13:45", &v));
	sh_civil_from_ticks(sh_ticks_of(v), NULL, NULL, NULL, &h, &mi, NULL, NULL, NULL, NULL);
	assert_int_equal(h, 13);
	assert_int_equal(mi, 45);
	sh_unref(v);

	assert_false(sh_parse_timespan("25:00:00", &v));
	assert_false(sh_parse_timespan("abc", &v));
	assert_false(sh_parse_timespan("1:", &v));
	assert_true(sh_parse_timespan("00:00:30", &v));
	assert_int_equal(sh_ticks_of(v), 30 * SH_TICKS_PER_SECOND);
	sh_unref(v);
	assert_true(sh_parse_timespan("1:2", &v));
	assert_int_equal(sh_ticks_of(v), (3600 + 120) * SH_TICKS_PER_SECOND);
	sh_unref(v);
	assert_true(sh_parse_timespan("2:01:00:00", &v));
	assert_int_equal(sh_ticks_of(v), 2 * SH_TICKS_PER_DAY + 3600 * SH_TICKS_PER_SECOND);
	sh_unref(v);
}

static void test_uformat(void **state)
{
	(void)state;
	sh_value *d = sample_date();
	char *s = sh_format_uformat(d, "%Y-%m-%d %H:%M:%S");
	assert_string_equal(s, "2026-03-05 14:07:09");
	free(s);
	s = sh_format_uformat(d, "%A %a %B %b %j %y %e %I %p %u %w %%");
	assert_string_equal(s, "Thursday Thu March Mar 064 26  5 02 PM 4 4 %");
	free(s);
	s = sh_format_uformat(d, "%D %T %R %F %V %G");
	assert_string_equal(s, "03/05/26 14:07:09 14:07 2026-03-05 10 2026");
	free(s);
	sh_unref(d);
	d = sh_datetime(sh_ticks_from_civil(1970, 1, 2, 0, 0, 0, 0), SH_DT_UTC);
	s = sh_format_uformat(d, "%s");
	assert_string_equal(s, "86400");
	free(s);
	sh_unref(d);
	d = sh_datetime(sh_ticks_from_civil(2021, 1, 1, 0, 0, 0, 0), SH_DT_UTC);
	s = sh_format_uformat(d, "%V %G");
	assert_string_equal(s, "53 2020");
	free(s);
	sh_unref(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_type_lookup),
	    cmocka_unit_test(test_to_string),
	    cmocka_unit_test(test_truthiness),
	    cmocka_unit_test(test_parse_number),
	    cmocka_unit_test(test_format_double),
	    cmocka_unit_test(test_standard_numeric_formats),
	    cmocka_unit_test(test_custom_numeric_formats),
	    cmocka_unit_test(test_date_formats),
	    cmocka_unit_test(test_timespan_formats),
	    cmocka_unit_test(test_composite),
	    cmocka_unit_test(test_conversions),
	    cmocka_unit_test(test_conversion_errors),
	    cmocka_unit_test(test_value_is),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_uformat),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
