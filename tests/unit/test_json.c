/* Unit tests for the JSON and CSV readers and writers in cmds/data.c:
 * exact serialized text, parsed types and values, error positions, CSV
 * quoting and the lenient record reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../cmds/data.h"
#include "../../shell/convert.h"

static sh_value *parse_ok(const char *text)
{
	sh_value *v = NULL;
	char *err = NULL;
	int rc = cmd_json_parse(text, strlen(text), false, 1024, &v, &err);
	if (rc != 0)
		fail_msg("parse failed: %s", err);
	return v;
}

static char *parse_error(const char *text, int depth)
{
	sh_value *v = NULL;
	char *err = NULL;
	assert_int_equal(cmd_json_parse(text, strlen(text), false, depth, &v, &err), -1);
	assert_null(v);
	return err;
}

static void check_json(sh_value *v, int depth, bool compress, const char *expected,
                       bool expect_truncated)
{
	bool truncated = false;
	char *text = cmd_json_serialize(NULL, v, depth, compress, &truncated);
	assert_string_equal(text, expected);
	assert_int_equal(truncated, expect_truncated);
	free(text);
}

static void test_serialize_scalars(void **state)
{
	(void)state;
	check_json(NULL, 2, false, "null", false);
	sh_value *v = sh_bool(true);
	check_json(v, 2, false, "true", false);
	sh_unref(v);
	v = sh_long(3000000000LL);
	check_json(v, 2, false, "3000000000", false);
	sh_unref(v);
	v = sh_double(2.0);
	check_json(v, 2, false, "2.0", false);
	sh_unref(v);
	v = sh_double(0.25);
	check_json(v, 2, false, "0.25", false);
	sh_unref(v);
	v = sh_string("a\"b\\c\n\t\x01<>");
	check_json(v, 2, false, "\"a\\\"b\\\\c\\n\\t\\u0001<>\"", false);
	sh_unref(v);
	v = sh_datetime(sh_ticks_from_civil(2026, 11, 25, 13, 20, 32, 0) + 1234567, SH_DT_UTC);
	check_json(v, 2, false, "\"2026-11-25T13:20:32.1234567Z\"", false);
	sh_unref(v);
	v = sh_datetime(sh_ticks_from_civil(2020, 1, 2, 3, 4, 5, 500), SH_DT_UNSPECIFIED);
	check_json(v, 2, false, "\"2020-01-02T03:04:05.5\"", false);
	sh_unref(v);
}

static void test_serialize_containers(void **state)
{
	(void)state;
	sh_value *h = sh_hash_new(true);
	sh_hash_set_str(h, "a", sh_int(1));
	sh_value *arr = sh_array_new(2);
	sh_array_append(arr, sh_int(1));
	sh_array_append(arr, sh_string("x"));
	sh_hash_set_str(h, "b", arr);
	sh_hash_set_str(h, "c", sh_array_new(0));
	sh_hash_set_str(h, "d", sh_hash_new(false));
	check_json(
	    h, 2, false,
	    "{\n  \"a\": 1,\n  \"b\": [\n    1,\n    \"x\"\n  ],\n  \"c\": [],\n  \"d\": {}\n}",
	    false);
	check_json(h, 2, true, "{\"a\":1,\"b\":[1,\"x\"],\"c\":[],\"d\":{}}", false);
	/* depth 0: the array (a container one level down) becomes its string form */
	check_json(h, 0, true,
	           "{\"a\":1,\"b\":\"1 x\",\"c\":\"\",\"d\":\"System.Collections.Hashtable\"}",
	           true);
	sh_unref(h);
}

static void test_parse_values(void **state)
{
	(void)state;
	sh_value *v = parse_ok(
	    " {\"n\": 12, \"big\": 12345678901234, \"d\": 1.5e1, \"s\": \"\\u0041\\u00e9\","
	    " \"t\": true, \"z\": null, \"a\": [1, [2]] } ");
	assert_int_equal(sh_kind_of(v), SH_OBJECT);
	assert_int_equal(sh_object_prop_count(v), 7);
	assert_string_equal(sh_object_prop_at(v, 0)->name, "n");
	assert_int_equal(sh_kind_of(sh_object_note(v, "n")), SH_LONG);
	assert_int_equal(sh_long_of(sh_object_note(v, "n")), 12);
	assert_int_equal(sh_long_of(sh_object_note(v, "big")), 12345678901234LL);
	assert_int_equal(sh_kind_of(sh_object_note(v, "d")), SH_DOUBLE);
	assert_true(sh_double_of(sh_object_note(v, "d")) == 15.0);
	assert_string_equal(sh_str(sh_object_note(v, "s")), "A\xc3\xa9");
	assert_true(sh_bool_of(sh_object_note(v, "t")));
	assert_null(sh_object_note(v, "z"));
	sh_value *a = sh_object_note(v, "a");
	assert_int_equal(sh_array_len(a), 2);
	assert_int_equal(sh_kind_of(sh_array_get(a, 1)), SH_ARRAY);
	sh_unref(v);

	v = parse_ok("\"\\ud83d\\ude00\"");
	assert_string_equal(sh_str(v), "\xf0\x9f\x98\x80");
	sh_unref(v);

	v = parse_ok("\"2026-11-25T13:20:32Z\"");
	assert_int_equal(sh_kind_of(v), SH_DATETIME);
	assert_int_equal(sh_datetime_kind_of(v), SH_DT_UTC);
	assert_int_equal(sh_ticks_of(v), sh_ticks_from_civil(2026, 11, 25, 13, 20, 32, 0));
	sh_unref(v);

	v = parse_ok("// comment\n[1, /* two */ 2,]");
	assert_int_equal(sh_array_len(v), 2);
	sh_unref(v);

	sh_value *h = NULL;
	char *err = NULL;
	assert_int_equal(cmd_json_parse("{\"b\":1,\"a\":2}", 13, true, 1024, &h, &err), 0);
	assert_int_equal(sh_kind_of(h), SH_HASHTABLE);
	assert_string_equal(sh_str(sh_hash_key_at(h, 0)), "b");
	sh_unref(h);
}

static void test_parse_errors(void **state)
{
	(void)state;
	char *e = parse_error("Hello", 1024);
	assert_string_equal(e, "Conversion from JSON failed with error: Unexpected character "
	                       "encountered while parsing value: H. Path '', line 0, position 0.");
	free(e);
	e = parse_error("{\"a\":x}", 1024);
	assert_string_equal(e, "Conversion from JSON failed with error: Unexpected character "
	                       "encountered while parsing value: x. Path 'a', line 1, position 6.");
	free(e);
	e = parse_error("[1,\n2", 1024);
	assert_string_equal(e, "Conversion from JSON failed with error: Unexpected end when "
	                       "reading JSON. Path '[1]', line 2, position 1.");
	free(e);
	e = parse_error("[[1]]", 1);
	assert_string_equal(e, "Conversion from JSON failed with error: The reader's MaxDepth of 1 "
	                       "has been exceeded. Path '[0]', line 1, position 2.");
	free(e);
}

static void test_csv_fields(void **state)
{
	(void)state;
	sh_buf b = {0};
	cmd_csv_append_field(&b, "plain", ',', CMD_CSV_ALWAYS);
	buf_putc(&b, '|');
	cmd_csv_append_field(&b, "a\"b", ',', CMD_CSV_AS_NEEDED);
	buf_putc(&b, '|');
	cmd_csv_append_field(&b, "a;b", ',', CMD_CSV_AS_NEEDED);
	buf_putc(&b, '|');
	cmd_csv_append_field(&b, "a;b", ';', CMD_CSV_AS_NEEDED);
	buf_putc(&b, '|');
	cmd_csv_append_field(&b, "a\"b", ',', CMD_CSV_NEVER);
	assert_string_equal(buf_str(&b), "\"plain\"|\"a\"\"b\"|a;b|\"a;b\"|a\"b");
	buf_free(&b);
}

static void test_csv_records(void **state)
{
	(void)state;
	const char *text = "\"a\",\"b \"\"q\"\"\" ,c\r\n\"multi\nline\",,x\n\n last";
	size_t len = strlen(text), pos = 0;
	sh_value *f = NULL;
	assert_true(cmd_csv_next_record(text, len, &pos, ',', &f));
	assert_int_equal(sh_array_len(f), 3);
	assert_string_equal(sh_str(sh_array_get(f, 0)), "a");
	assert_string_equal(sh_str(sh_array_get(f, 1)), "b \"q\"");
	assert_string_equal(sh_str(sh_array_get(f, 2)), "c");
	sh_unref(f);
	assert_true(cmd_csv_next_record(text, len, &pos, ',', &f));
	assert_int_equal(sh_array_len(f), 3);
	assert_string_equal(sh_str(sh_array_get(f, 0)), "multi\nline");
	assert_string_equal(sh_str(sh_array_get(f, 1)), "");
	assert_string_equal(sh_str(sh_array_get(f, 2)), "x");
	sh_unref(f);
	assert_true(cmd_csv_next_record(text, len, &pos, ',', &f));
	assert_int_equal(sh_array_len(f), 1);
	assert_string_equal(sh_str(sh_array_get(f, 0)), "");
	sh_unref(f);
	assert_true(cmd_csv_next_record(text, len, &pos, ',', &f));
	assert_int_equal(sh_array_len(f), 1);
	assert_string_equal(sh_str(sh_array_get(f, 0)), "last");
	sh_unref(f);
	assert_false(cmd_csv_next_record(text, len, &pos, ',', &f));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_serialize_scalars), cmocka_unit_test(test_serialize_containers),
	    cmocka_unit_test(test_parse_values),      cmocka_unit_test(test_parse_errors),
	    cmocka_unit_test(test_csv_fields),        cmocka_unit_test(test_csv_records),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
