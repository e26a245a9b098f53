/*
 * test_ops.c - the operators (ops.c): arithmetic and its widening,
 * comparisons and array filtering, regex operators, -split/-join/-f,
 * type operators, bitwise operators and ranges.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../shell/convert.h"
#include "../../shell/ops.h"
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

/* Builds an array from a list of values (taken). */
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

#define S(x) sh_string(x)
#define I(x) sh_int(x)
#define L(x) sh_long(x)
#define D(x) sh_double(x)

static void check_binary(int line, const char *expect, sh_binop op, bool cs, sh_value *l,
                         sh_value *r)
{
	sh_value *out = NULL;
	char *err = NULL;
	if (sh_binary(op, cs, l, r, &out, NULL, &err) != 0)
		fail_msg("line %d: unexpected error: %s", line, err);
	char *d = describe(out);
	if (strcmp(d, expect) != 0)
		fail_msg("line %d: expected '%s', got '%s'", line, expect, d);
	free(d);
	sh_unref(out);
	sh_unref(l);
	sh_unref(r);
}

static void check_error(int line, const char *expect, sh_binop op, sh_value *l, sh_value *r)
{
	sh_value *out = NULL;
	char *err = NULL;
	if (sh_binary(op, false, l, r, &out, NULL, &err) != -1)
		fail_msg("line %d: expected an error", line);
	if (strcmp(err, expect) != 0)
		fail_msg("line %d: expected '%s', got '%s'", line, expect, err);
	free(err);
	sh_unref(l);
	sh_unref(r);
}

#define BIN(expect, op, l, r)    check_binary(__LINE__, expect, op, false, l, r)
#define CBIN(expect, op, l, r)   check_binary(__LINE__, expect, op, true, l, r)
#define BINERR(expect, op, l, r) check_error(__LINE__, expect, op, l, r)

static void test_lookup(void **state)
{
	(void)state;
	sh_binop op;
	bool cs;
	assert_true(sh_binop_lookup("eq", &op, &cs));
	assert_int_equal(op, SH_OP_EQ);
	assert_false(cs);
	assert_true(sh_binop_lookup("ceq", &op, &cs));
	assert_int_equal(op, SH_OP_EQ);
	assert_true(cs);
	assert_true(sh_binop_lookup("ieq", &op, &cs));
	assert_false(cs);
	assert_true(sh_binop_lookup("CLike", &op, &cs));
	assert_int_equal(op, SH_OP_LIKE);
	assert_true(cs);
	assert_true(sh_binop_lookup("notin", &op, &cs));
	assert_int_equal(op, SH_OP_NOTIN);
	assert_true(sh_binop_lookup("creplace", &op, &cs));
	assert_int_equal(op, SH_OP_REPLACE);
	assert_true(sh_binop_lookup("f", &op, &cs));
	assert_int_equal(op, SH_OP_FORMAT);
	assert_true(sh_binop_lookup("shl", &op, &cs));
	assert_false(sh_binop_lookup("cjoin", &op, &cs));
	assert_false(sh_binop_lookup("foo", &op, &cs));
	assert_string_equal(sh_binop_name(SH_OP_ADD), "+");
	assert_string_equal(sh_binop_name(SH_OP_EQ), "-eq");
	assert_string_equal(sh_binop_name(SH_OP_NOTLIKE), "-notlike");
}

static void test_arithmetic(void **state)
{
	(void)state;
	BIN("Int32:3", SH_OP_ADD, I(1), I(2));
	BIN("Int32:3", SH_OP_ADD, I(1), S("2"));
	BIN("String:12", SH_OP_ADD, S("1"), I(2));
	BIN("Double:3.5", SH_OP_DIV, I(7), I(2));
	BIN("Int32:3", SH_OP_DIV, I(6), I(2));
	BIN("Int64:3", SH_OP_DIV, L(6), I(2));
	BIN("Int64:2147483648", SH_OP_ADD, I(2147483647), I(1));
	BIN("Int64:-2147483649", SH_OP_SUB, I(-2147483647 - 1), I(1));
	BIN("Double:9.223372036854776E+18", SH_OP_ADD, L(INT64_MAX), I(1));
	BIN("Int64:4611686014132420609", SH_OP_MUL, I(2147483647), I(2147483647));
	BIN("Int32:1", SH_OP_MOD, I(7), I(3));
	BIN("Int32:-1", SH_OP_MOD, I(-7), I(3));
	BIN("Double:1.5", SH_OP_MOD, D(7.5), I(3));
	BIN("Double:0.30000000000000004", SH_OP_ADD, D(0.1), D(0.2));
	BIN("Double:3.5", SH_OP_ADD, I(1), S("2.5"));
	BIN("Int32:5", SH_OP_SUB, S("10"), I(5));
	BIN("Int32:5", SH_OP_DIV, S("10"), I(2));
	BIN("String:ababab", SH_OP_MUL, S("ab"), I(3));
	BIN("String:", SH_OP_MUL, S("ab"), I(0));
	BIN("Int32:2", SH_OP_ADD, sh_bool(true), I(1));
	BIN("Int32:1", SH_OP_ADD, NULL, I(1));
	BIN("String:a", SH_OP_ADD, NULL, S("a"));
	BIN("Int32:1", SH_OP_ADD, I(1), NULL);
	BIN("Int32:-1", SH_OP_SUB, NULL, I(1));
	BIN("Int64:3000000000", SH_OP_MUL, I(3), I(1000000000));
	BIN("Int32:1", SH_OP_ADD, I(1), S(""));
	BIN("Int32:98", SH_OP_ADD, sh_char('a'), I(1));
	BIN("String:xa", SH_OP_ADD, S("x"), sh_char('a'));
	BIN("Boolean:True", SH_OP_EQ, sh_char('a'), I(97));
	BIN("Boolean:True", SH_OP_EQ, sh_char('a'), S("A"));
	BIN("Int32:6", SH_OP_MUL, I(2), S("3"));
	BIN("String:a1 2", SH_OP_ADD, S("a"), arr(2, I(1), I(2)));
	BINERR("Attempted to divide by zero.", SH_OP_DIV, I(1), I(0));
	BINERR("Attempted to divide by zero.", SH_OP_MOD, I(1), I(0));
	BINERR("Attempted to divide by zero.", SH_OP_DIV, D(1.5), I(0));
	BINERR("Cannot convert value \"abc\" to type \"System.Int32\". Error: \"Input string was "
	       "not in a correct format.\"",
	       SH_OP_ADD, I(1), S("abc"));
	BINERR("Cannot convert value \"abc\" to type \"System.Int32\". Error: \"Input string was "
	       "not in a correct format.\"",
	       SH_OP_SUB, S("abc"), I(1));
	BINERR("Method invocation failed because [System.Object[]] does not contain a method named "
	       "'op_Subtraction'.",
	       SH_OP_SUB, arr(1, I(1)), I(1));
	BINERR(
	    "Method invocation failed because [System.Management.Automation.PSCustomObject] does "
	    "not contain a method named 'op_Addition'.",
	    SH_OP_ADD, sh_object_new(NULL), I(1));
	BINERR("Cannot convert the \"1 2\" value of type \"System.Object[]\" to type "
	       "\"System.Int32\".",
	       SH_OP_ADD, I(1), arr(2, I(1), I(2)));
}

static void test_collections_arithmetic(void **state)
{
	(void)state;
	sh_value *a = arr(2, I(1), I(2));
	BIN("[Int32:1,Int32:2,Int32:3]", SH_OP_ADD, sh_ref(a), I(3));
	assert_int_equal(sh_array_len(a), 2);
	BIN("[Int32:1,Int32:2,Int32:1,Int32:2]", SH_OP_ADD, sh_ref(a), sh_ref(a));
	BIN("[Int32:1,Int32:2,Int32:1,Int32:2,Int32:1,Int32:2]", SH_OP_MUL, sh_ref(a), I(3));
	BIN("[]", SH_OP_MUL, sh_ref(a), I(0));
	sh_unref(a);

	sh_value *h1 = sh_hash_new(false), *h2 = sh_hash_new(false);
	sh_hash_set_str(h1, "a", I(1));
	sh_hash_set_str(h2, "b", I(2));
	sh_value *out = NULL;
	char *err = NULL;
	assert_int_equal(sh_binary(SH_OP_ADD, false, h1, h2, &out, NULL, &err), 0);
	assert_int_equal(sh_hash_len(out), 2);
	assert_int_equal(sh_int_of(sh_hash_get_str(out, "B")), 2);
	assert_int_equal(sh_hash_len(h1), 1);
	sh_unref(out);
	sh_hash_set_str(h2, "A", I(3));
	BINERR("Item has already been added. Key in dictionary: 'A'  Key being added: 'A'",
	       SH_OP_ADD, h1, h2);
	BINERR("A hash table can only be added to another hash table.", SH_OP_ADD,
	       sh_hash_new(false), I(1));
}

static void test_dates(void **state)
{
	(void)state;
	int64_t t0 = sh_ticks_from_civil(2026, 1, 1, 0, 0, 0, 0);
	int64_t t1 = sh_ticks_from_civil(2026, 1, 2, 6, 0, 0, 0);
	BIN("TimeSpan:1.06:00:00", SH_OP_SUB, sh_datetime(t1, SH_DT_LOCAL),
	    sh_datetime(t0, SH_DT_LOCAL));
	BIN("DateTime:01/02/2026 06:00:00", SH_OP_ADD, sh_datetime(t0, SH_DT_LOCAL),
	    sh_timespan(t1 - t0));
	BIN("DateTime:01/01/2026 00:00:00", SH_OP_SUB, sh_datetime(t1, SH_DT_LOCAL),
	    sh_timespan(t1 - t0));
	BIN("TimeSpan:00:01:30", SH_OP_ADD, sh_timespan(60 * SH_TICKS_PER_SECOND),
	    sh_timespan(30 * SH_TICKS_PER_SECOND));
	BIN("TimeSpan:00:00:30", SH_OP_SUB, sh_timespan(60 * SH_TICKS_PER_SECOND),
	    sh_timespan(30 * SH_TICKS_PER_SECOND));
	BIN("Boolean:True", SH_OP_LT, sh_datetime(t0, SH_DT_LOCAL), sh_datetime(t1, SH_DT_LOCAL));
	BIN("Boolean:True", SH_OP_GT, sh_timespan(2), sh_timespan(1));
	BIN("Boolean:True", SH_OP_EQ, sh_datetime(t0, SH_DT_LOCAL), S("2026-01-01"));
}

static void test_comparisons(void **state)
{
	(void)state;
	BIN("Boolean:True", SH_OP_EQ, I(1), I(1));
	BIN("Boolean:True", SH_OP_EQ, I(1), S("1"));
	BIN("Boolean:True", SH_OP_EQ, I(1), D(1.0));
	BIN("Boolean:True", SH_OP_EQ, L(1), I(1));
	BIN("Boolean:False", SH_OP_EQ, I(1), S("abc"));
	BIN("Boolean:True", SH_OP_EQ, S("abc"), S("ABC"));
	CBIN("Boolean:False", SH_OP_EQ, S("abc"), S("ABC"));
	BIN("Boolean:True", SH_OP_NE, S("a"), S("b"));
	BIN("Boolean:True", SH_OP_EQ, S("1"), I(1));
	BIN("Boolean:True", SH_OP_EQ, NULL, NULL);
	BIN("Boolean:False", SH_OP_EQ, NULL, I(0));
	BIN("Boolean:False", SH_OP_EQ, I(0), NULL);
	BIN("Boolean:False", SH_OP_EQ, S(""), NULL);
	BIN("Boolean:True", SH_OP_EQ, sh_bool(true), S("false"));
	BIN("Boolean:True", SH_OP_EQ, sh_bool(false), I(0));
	BIN("Boolean:True", SH_OP_LT, S("10"), I(9));
	BIN("Boolean:False", SH_OP_LT, I(10), S("9"));
	BIN("Boolean:True", SH_OP_GT, I(10), S("9"));
	BIN("Boolean:True", SH_OP_GE, I(2), I(2));
	BIN("Boolean:True", SH_OP_LE, D(1.5), I(2));
	BIN("Boolean:True", SH_OP_LT, S("apple"), S("Banana"));
	BIN("Boolean:False", SH_OP_LT, S("a"), S("A"));
	CBIN("Boolean:True", SH_OP_LT, S("a"), S("A"));
	BIN("Boolean:True", SH_OP_GT, I(1), NULL);
	BIN("Boolean:True", SH_OP_LT, NULL, I(1));
	BINERR("Cannot convert value \"abc\" to type \"System.Int32\". Error: \"Input string was "
	       "not in a correct format.\"",
	       SH_OP_GT, I(1), S("abc"));
	BIN("Boolean:True", SH_OP_LIKE, S("abc"), S("A*"));
	CBIN("Boolean:False", SH_OP_LIKE, S("abc"), S("A*"));
	BIN("Boolean:False", SH_OP_NOTLIKE, S("abc"), S("a?c"));
	BIN("Boolean:True", SH_OP_LIKE, I(123), S("1*"));
}

static void test_array_filtering(void **state)
{
	(void)state;
	BIN("[Int32:2,Int32:3]", SH_OP_GT, arr(3, I(1), I(2), I(3)), I(1));
	BIN("[Int32:2]", SH_OP_EQ, arr(3, I(1), I(2), I(3)), I(2));
	BIN("[]", SH_OP_EQ, arr(3, I(1), I(2), I(3)), I(5));
	BIN("[Int32:1,Int32:3]", SH_OP_NE, arr(3, I(1), I(2), I(3)), I(2));
	BIN("[String:web1,String:Web2]", SH_OP_LIKE, arr(3, S("web1"), S("Web2"), S("db")),
	    S("web*"));
	CBIN("[String:web1]", SH_OP_LIKE, arr(3, S("web1"), S("Web2"), S("db")), S("web*"));
	BIN("[String:db]", SH_OP_NOTMATCH, arr(3, S("web1"), S("Web2"), S("db")), S("\\d"));
	BIN("[null:]", SH_OP_EQ, arr(3, I(1), NULL, I(3)), NULL);
	BIN("Boolean:True", SH_OP_CONTAINS, arr(3, I(1), I(2), I(3)), I(2));
	BIN("Boolean:True", SH_OP_CONTAINS, arr(2, S("a"), S("b")), S("B"));
	CBIN("Boolean:False", SH_OP_CONTAINS, arr(2, S("a"), S("b")), S("B"));
	BIN("Boolean:True", SH_OP_NOTCONTAINS, arr(2, S("a"), S("b")), S("c"));
	BIN("Boolean:True", SH_OP_IN, S("2"), arr(3, I(1), I(2), I(3)));
	BIN("Boolean:True", SH_OP_NOTIN, I(4), arr(3, I(1), I(2), I(3)));
	BIN("Boolean:True", SH_OP_CONTAINS, S("abc"), S("ABC"));
	BIN("Boolean:False", SH_OP_CONTAINS, S("abc"), S("b"));
}

static void test_match(void **state)
{
	(void)state;
	sh_value *matches = NULL, *out = NULL, *l = S("John Smith"),
	         *r = S("(?<first>\\w+) (\\w+)");
	char *err = NULL;
	assert_int_equal(sh_binary(SH_OP_MATCH, false, l, r, &out, &matches, &err), 0);
	assert_true(sh_bool_of(out));
	assert_int_equal(sh_hash_len(matches), 3);
	sh_value *k0 = I(0), *k1 = I(1), *k2 = I(2);
	assert_string_equal(sh_str(sh_hash_get(matches, k0)), "John Smith");
	assert_string_equal(sh_str(sh_hash_get_str(matches, "first")), "John");
	assert_string_equal(sh_str(sh_hash_get(matches, k2)), "Smith");
	assert_null(sh_hash_get(matches, k1));
	/* PowerShell shows $Matches highest group first */
	assert_string_equal(sh_str(sh_hash_value_at(matches, 2)), "John Smith");
	sh_unref(out);
	sh_unref(r);
	/* a failed match leaves $Matches alone */
	r = S("^\\d+$");
	assert_int_equal(sh_binary(SH_OP_MATCH, false, l, r, &out, &matches, &err), 0);
	assert_false(sh_bool_of(out));
	assert_int_equal(sh_hash_len(matches), 3);
	sh_unref(r);
	sh_unref(l);
	sh_unref(matches);
	BIN("Boolean:True", SH_OP_MATCH, S("ABC"), S("b"));
	CBIN("Boolean:False", SH_OP_MATCH, S("ABC"), S("b"));
	BIN("Boolean:True", SH_OP_NOTMATCH, S("ABC"), S("x"));
	BIN("Boolean:True", SH_OP_MATCH, I(42), S("^4"));
	BIN("Boolean:True", SH_OP_MATCH, S("caf\xc3\xa9"), S("^\\w{4}$"));
	BIN("Boolean:True", SH_OP_MATCH, S("aaa"), S("a+?"));
	BIN("Boolean:True", SH_OP_MATCH, S("price: 10"), S("(?<=: )\\d+"));
	BINERR("Invalid pattern '(' at offset 2. missing closing parenthesis", SH_OP_MATCH, S("x"),
	       S("("));
	sh_unref(k0);
	sh_unref(k1);
	sh_unref(k2);
}

static void test_replace(void **state)
{
	(void)state;
	BIN("String:example:user", SH_OP_REPLACE, S("user@example"),
	    arr(2, S("(\\w+)@(\\w+)"), S("$2:$1")));
	BIN("String:hxllo", SH_OP_REPLACE, S("hello"), arr(2, S("E"), S("x")));
	CBIN("String:hello", SH_OP_REPLACE, S("hello"), arr(2, S("E"), S("x")));
	BIN("String:hllo", SH_OP_REPLACE, S("hello"), S("e"));
	BIN("String:b-a", SH_OP_REPLACE, S("a-b"),
	    arr(2, S("(?<x>\\w)-(?<y>\\w)"), S("${y}-${x}")));
	BIN("String:$1 cost", SH_OP_REPLACE, S("5 cost"), arr(2, S("\\d"), S("$$1")));
	BIN("String:[abc]", SH_OP_REPLACE, S("abc"), arr(2, S(".+"), S("[$0]")));
	BIN("String:[abc]", SH_OP_REPLACE, S("abc"), arr(2, S(".+"), S("[$&]")));
	BIN("String:-a-b-", SH_OP_REPLACE, S("ab"), arr(2, S(""), S("-")));
	BIN("String:x$9", SH_OP_REPLACE, S("a"), arr(2, S("a"), S("x$9")));
	BIN("[String:A1,String:A2]", SH_OP_REPLACE, arr(2, S("a1"), S("a2")),
	    arr(2, S("a"), S("A")));
	BIN("String:1,2", SH_OP_REPLACE, S("1 , 2"), arr(2, S("\\s*,\\s*"), S(",")));
}

static void test_split_join(void **state)
{
	(void)state;
	BIN("[String:a,String:b,String:c]", SH_OP_SPLIT, S("a,b,c"), S(","));
	BIN("[String:a,String:b,c]", SH_OP_SPLIT, S("a,b,c"), arr(2, S(","), I(2)));
	BIN("[String:a,String:b,String:c]", SH_OP_SPLIT, S("a1b22c"), S("\\d+"));
	BIN("[String:a,String:,,String:b]", SH_OP_SPLIT, S("a,b"), S("(,)"));
	BIN("[String:,String:a,String:]", SH_OP_SPLIT, S(",a,"), S(","));
	BIN("[String:a.b]", SH_OP_SPLIT, S("a.b"), arr(3, S("x"), I(0), S("SimpleMatch")));
	BIN("[String:a,String:b]", SH_OP_SPLIT, S("a.b"), arr(3, S("."), I(0), S("SimpleMatch")));
	BIN("[String:a,String:b]", SH_OP_SPLIT, S("aXb"), S("x"));
	CBIN("[String:aXb]", SH_OP_SPLIT, S("aXb"), S("x"));
	BIN("[String:a,String:b,String:c,String:d]", SH_OP_SPLIT, arr(2, S("a b"), S("c d")),
	    S(" "));
	BIN("[String:]", SH_OP_SPLIT, S(""), S(","));
	BIN("String:1,2,3", SH_OP_JOIN, arr(3, I(1), I(2), I(3)), S(","));
	BIN("String:x", SH_OP_JOIN, S("x"), S(","));
	BIN("String:a b", SH_OP_JOIN, arr(2, S("a"), S("b")), S(" "));

	sh_value *out = NULL, *in = S("  one two\tthree  ");
	char *err = NULL;
	assert_int_equal(sh_unary(SH_UOP_SPLIT, in, &out, &err), 0);
	char *d = describe(out);
	assert_string_equal(d, "[String:one,String:two,String:three]");
	free(d);
	sh_unref(out);
	sh_unref(in);
	in = arr(3, I(1), S("a"), D(2.5));
	assert_int_equal(sh_unary(SH_UOP_JOIN, in, &out, &err), 0);
	assert_string_equal(sh_str(out), "1a2.5");
	sh_unref(out);
	sh_unref(in);
}

static void test_format_operator(void **state)
{
	(void)state;
	BIN("String:1,234.50", SH_OP_FORMAT, S("{0:N2}"), D(1234.5));
	BIN("String:a-b", SH_OP_FORMAT, S("{0}-{1}"), arr(2, S("a"), S("b")));
	BIN("String:[  5]", SH_OP_FORMAT, S("[{0,3}]"), I(5));
	BIN("String:0x00FF", SH_OP_FORMAT, S("0x{0:X4}"), I(255));
	BIN("String:{x}", SH_OP_FORMAT, S("{{{0}}}"), S("x"));
	BINERR(
	    "Error formatting a string: Index (zero based) must be greater than or equal to zero "
	    "and less than the size of the argument list..",
	    SH_OP_FORMAT, S("{1}"), I(5));
	BINERR("Error formatting a string: Input string was not in a correct format..",
	       SH_OP_FORMAT, S("{0"), I(5));
}

static void test_type_operators(void **state)
{
	(void)state;
	sh_type t;
	sh_type_lookup("int", &t);
	BIN("Boolean:True", SH_OP_IS, I(5), sh_type_value(t));
	BIN("Boolean:False", SH_OP_IS, S("5"), sh_type_value(t));
	BIN("Boolean:True", SH_OP_ISNOT, S("5"), sh_type_value(t));
	BIN("Int32:5", SH_OP_AS, S("5"), sh_type_value(t));
	BIN("null:", SH_OP_AS, S("x"), sh_type_value(t));
	BIN("Boolean:True", SH_OP_IS, S("x"), S("string"));
	BIN("Boolean:False", SH_OP_IS, NULL, S("object"));
	sh_type_lookup("int[]", &t);
	BIN("[Int32:1,Int32:2]", SH_OP_AS, arr(2, S("1"), S("2")), sh_type_value(t));
	BINERR("Unable to find type [NoSuchType].", SH_OP_IS, I(1), S("NoSuchType"));
}

static void test_bitwise_and_logic(void **state)
{
	(void)state;
	BIN("Int32:1", SH_OP_BAND, I(5), I(3));
	BIN("Int32:7", SH_OP_BOR, I(5), I(3));
	BIN("Int32:6", SH_OP_BXOR, I(5), I(3));
	BIN("Int32:8", SH_OP_SHL, I(1), I(3));
	BIN("Int32:-2147483648", SH_OP_SHL, I(1), I(31));
	BIN("Int64:4294967296", SH_OP_SHL, L(1), I(32));
	BIN("Int32:-4", SH_OP_SHR, I(-16), I(2));
	BIN("Int64:12884901888", SH_OP_BOR, L(8589934592LL), L(4294967296LL));
	BIN("Int32:3", SH_OP_BOR, S("1"), I(2));
	BIN("Boolean:True", SH_OP_AND, I(1), S("x"));
	BIN("Boolean:False", SH_OP_AND, I(1), S(""));
	BIN("Boolean:True", SH_OP_OR, I(0), I(1));
	BIN("Boolean:False", SH_OP_XOR, I(1), I(1));

	sh_value *out = NULL, *v = I(5);
	char *err = NULL;
	assert_int_equal(sh_unary(SH_UOP_BNOT, v, &out, &err), 0);
	assert_int_equal(sh_int_of(out), -6);
	sh_unref(out);
	assert_int_equal(sh_unary(SH_UOP_NEG, v, &out, &err), 0);
	assert_int_equal(sh_int_of(out), -5);
	sh_unref(out);
	assert_int_equal(sh_unary(SH_UOP_NOT, v, &out, &err), 0);
	assert_false(sh_bool_of(out));
	assert_int_equal(sh_unary(SH_UOP_COMMA, v, &out, &err), 0);
	assert_int_equal(sh_array_len(out), 1);
	sh_unref(out);
	sh_unref(v);
	v = I(INT32_MIN);
	assert_int_equal(sh_unary(SH_UOP_NEG, v, &out, &err), 0);
	assert_int_equal(sh_kind_of(out), SH_LONG);
	assert_int_equal(sh_long_of(out), 2147483648LL);
	sh_unref(out);
	sh_unref(v);
	v = S("-3.5");
	assert_int_equal(sh_unary(SH_UOP_NEG, v, &out, &err), 0);
	assert_true(sh_double_of(out) == 3.5);
	sh_unref(out);
	assert_int_equal(sh_unary(SH_UOP_PLUS, v, &out, &err), 0);
	assert_true(sh_double_of(out) == -3.5);
	sh_unref(out);
	sh_unref(v);
	v = L(7);
	assert_int_equal(sh_unary(SH_UOP_NEG, v, &out, &err), 0);
	assert_int_equal(sh_kind_of(out), SH_LONG);
	sh_unref(out);
	sh_unref(v);
}

static void test_range(void **state)
{
	(void)state;
	BIN("[Int32:1,Int32:2,Int32:3]", SH_OP_RANGE, I(1), I(3));
	BIN("[Int32:3,Int32:2,Int32:1,Int32:0]", SH_OP_RANGE, I(3), I(0));
	BIN("[Int32:5]", SH_OP_RANGE, I(5), I(5));
	BIN("[Int32:-1,Int32:0,Int32:1]", SH_OP_RANGE, S("-1"), D(1.0));
}

static void test_equals_compare(void **state)
{
	(void)state;
	sh_value *a = S("abc"), *b = S("ABC"), *n1 = I(10), *n2 = D(9.5), *s9 = S("9");
	bool ok;
	assert_true(sh_equals(a, b, false));
	assert_false(sh_equals(a, b, true));
	assert_int_equal(sh_compare(a, b, false, &ok), 0);
	assert_true(ok);
	assert_int_equal(sh_compare(a, b, true, &ok), -1);
	assert_int_equal(sh_compare(n1, n2, false, &ok), 1);
	assert_int_equal(sh_compare(n2, n1, false, &ok), -1);
	assert_int_equal(sh_compare(s9, n1, false, &ok), 1);
	assert_int_equal(sh_compare(NULL, n1, false, &ok), -1);
	assert_int_equal(sh_compare(n1, NULL, false, &ok), 1);
	assert_int_equal(sh_compare(NULL, NULL, false, &ok), 0);
	sh_value *o1 = sh_object_new(NULL), *o2 = sh_object_new(NULL);
	assert_false(sh_equals(o1, o2, false));
	assert_true(sh_equals(o1, o1, false));
	sh_compare(o1, o2, false, &ok);
	assert_false(ok);
	sh_value *d1 = sh_datetime(100, SH_DT_LOCAL), *d2 = sh_datetime(200, SH_DT_LOCAL);
	assert_int_equal(sh_compare(d1, d2, false, &ok), -1);
	assert_true(ok);
	sh_value *vals[] = {a, b, n1, n2, s9, o1, o2, d1, d2};
	for (size_t i = 0; i < sizeof vals / sizeof *vals; i++)
		sh_unref(vals[i]);

	char *err = NULL;
	sh_regex *re = sh_regex_get("(\\d+)-(\\d+)", false, &err);
	assert_non_null(re);
	assert_ptr_equal(re, sh_regex_get("(\\d+)-(\\d+)", false, &err));
	char *r = sh_regex_replace(re, "1-2 and 30-40", "$2-$1");
	assert_string_equal(r, "2-1 and 40-30");
	free(r);
	assert_false(sh_regex_match(re, "none", NULL));
	assert_int_equal(sh_regex_group_count(re), 2);
	long st[3], en[3];
	assert_true(sh_regex_exec(re, "x 12-34", 0, st, en, 3));
	assert_int_equal(st[0], 2);
	assert_int_equal(en[0], 7);
	assert_int_equal(st[2], 5);
	assert_null(sh_regex_get("(", false, &err));
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lookup),
	    cmocka_unit_test(test_arithmetic),
	    cmocka_unit_test(test_collections_arithmetic),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_comparisons),
	    cmocka_unit_test(test_array_filtering),
	    cmocka_unit_test(test_match),
	    cmocka_unit_test(test_replace),
	    cmocka_unit_test(test_split_join),
	    cmocka_unit_test(test_format_operator),
	    cmocka_unit_test(test_type_operators),
	    cmocka_unit_test(test_bitwise_and_logic),
	    cmocka_unit_test(test_range),
	    cmocka_unit_test(test_equals_compare),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
