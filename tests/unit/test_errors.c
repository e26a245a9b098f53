/* Unit tests for error records: their properties, their string forms and
 * Windows PowerShell's NormalView text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../shell/convert.h"
#include "../../shell/errors.h"

typedef struct site_fixture {
	sh_ast_unit unit;
	sh_node node;
} site_fixture;

/* A unit holding `source`, with a node over [start, end). */
static void make_site(site_fixture *s, const char *source, const char *file, uint32_t start,
                      uint32_t end)
{
	memset(s, 0, sizeof *s);
	s->unit.refcount = 1;
	s->unit.source = (char *)source;
	s->unit.source_len = strlen(source);
	s->unit.file = (char *)file;
	s->node.kind = N_COMMAND;
	s->node.start = start;
	s->node.end = end;
}

static char *format(const sh_value *rec)
{
	sh_buf b = {0};
	sh_error_format(rec, &b);
	return buf_detach(&b);
}

static void test_cmdlet_error(void **state)
{
	(void)state;
	site_fixture s;
	make_site(&s, "Get-Item /nope", NULL, 0, 14);
	sh_error_site site = {&s.unit, &s.node, "Get-Item",
	                      "Microsoft.PowerShell.Commands.GetItemCommand"};
	sh_value *target = sh_string("/nope");
	sh_error_info info = {
	    .message = "Cannot find path '/nope' because it does not exist.",
	    .exception_type = "System.Management.Automation.ItemNotFoundException",
	    .category = SH_CAT_OBJECT_NOT_FOUND,
	    .error_id = "PathNotFound",
	    .target = target,
	};
	sh_value *rec = sh_error_record_new(&info, &site);
	sh_unref(target);
	char *text = format(rec);
	assert_string_equal(
	    text, "Get-Item : Cannot find path '/nope' because it does not exist.\n"
	          "At line:1 char:1\n"
	          "+ Get-Item /nope\n"
	          "+ ~~~~~~~~~~~~~~\n"
	          "    + CategoryInfo          : ObjectNotFound: (/nope:String) [Get-Item], "
	          "ItemNotFoundException\n"
	          "    + FullyQualifiedErrorId : "
	          "PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand\n"
	          " \n");
	free(text);

	assert_true(sh_is_error_record(rec));
	assert_string_equal(sh_error_message(rec),
	                    "Cannot find path '/nope' because it does not exist.");
	assert_string_equal(sh_error_exception_type(rec),
	                    "System.Management.Automation.ItemNotFoundException");
	sh_value *ex = sh_object_note(rec, "Exception");
	assert_int_equal(sh_object_typename_count(ex), 6);
	assert_string_equal(sh_object_typename(ex, 1),
	                    "System.Management.Automation.SessionStateException");
	assert_string_equal(sh_object_typename(ex, 2),
	                    "System.Management.Automation.RuntimeException");
	assert_string_equal(sh_object_typename(ex, 3), "System.SystemException");
	assert_string_equal(sh_object_typename(ex, 4), "System.Exception");
	sh_value *ci = sh_object_note(rec, "CategoryInfo");
	assert_string_equal(sh_str(sh_object_note(ci, "Category")), "ObjectNotFound");
	assert_string_equal(sh_str(sh_object_note(ci, "Reason")), "ItemNotFoundException");
	assert_string_equal(sh_str(sh_object_note(ci, "TargetName")), "/nope");
	assert_string_equal(sh_str(sh_object_note(ci, "TargetType")), "String");
	assert_string_equal(sh_str(sh_object_note(ci, "Activity")), "Get-Item");
	char *cis = sh_to_string(ci);
	assert_string_equal(cis,
	                    "ObjectNotFound: (/nope:String) [Get-Item], ItemNotFoundException");
	free(cis);
	char *exs = sh_to_string(ex);
	assert_string_equal(exs, "System.Management.Automation.ItemNotFoundException: Cannot find "
	                         "path '/nope' because it does not exist.");
	free(exs);
	char *recs = sh_to_string(rec);
	assert_string_equal(recs, "Cannot find path '/nope' because it does not exist.");
	free(recs);
	assert_string_equal(sh_str(sh_object_note(rec, "FullyQualifiedErrorId")),
	                    "PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand");
	assert_string_equal(sh_str(sh_object_note(rec, "TargetObject")), "/nope");
	sh_value *ii = sh_object_note(rec, "InvocationInfo");
	assert_string_equal(sh_str(sh_object_note(ii, "MyCommand")), "Get-Item");
	assert_int_equal(sh_int_of(sh_object_note(ii, "ScriptLineNumber")), 1);
	assert_int_equal(sh_int_of(sh_object_note(ii, "OffsetInLine")), 1);
	assert_string_equal(sh_str(sh_object_note(ii, "Line")), "Get-Item /nope");
	assert_string_equal(sh_str(sh_object_note(rec, "ScriptStackTrace")),
	                    "at <ScriptBlock>, <No file>: line 1");
	sh_unref(rec);
}

static void test_throw(void **state)
{
	(void)state;
	site_fixture s;
	make_site(&s, "throw 'boom'", NULL, 0, 12);
	sh_error_site site = {&s.unit, &s.node, NULL, NULL};
	sh_value *boom = sh_string("boom");
	sh_value *rec = sh_error_record_from_thrown(boom, &site);
	char *text = format(rec);
	assert_string_equal(text,
	                    "boom\n"
	                    "At line:1 char:1\n"
	                    "+ throw 'boom'\n"
	                    "+ ~~~~~~~~~~~~\n"
	                    "    + CategoryInfo          : OperationStopped: (boom:String) [], "
	                    "RuntimeException\n"
	                    "    + FullyQualifiedErrorId : boom\n"
	                    " \n");
	free(text);
	assert_string_equal(sh_error_exception_type(rec),
	                    "System.Management.Automation.RuntimeException");
	/* A record thrown again stays the same record. */
	sh_value *again = sh_error_record_from_thrown(rec, &site);
	assert_ptr_equal(again, rec);
	sh_unref(again);
	sh_unref(rec);
	sh_unref(boom);

	rec = sh_error_record_from_thrown(NULL, &site);
	assert_string_equal(sh_error_message(rec), "ScriptHalted");
	text = format(rec);
	assert_non_null(strstr(text, "OperationStopped: (:) [], RuntimeException\n"));
	free(text);
	sh_unref(rec);
}

static void test_file_position_and_targets(void **state)
{
	(void)state;
	site_fixture s;
	const char *src = "$a = 1\n\n    Remove-Thing $a 42\n";
	make_site(&s, src, "/tmp/x.ps1", 12, 30);
	sh_error_site site = {&s.unit, &s.node, "Remove-Thing", NULL};
	sh_value *arr = sh_array_new(2);
	sh_array_append(arr, sh_int(1));
	sh_array_append(arr, sh_int(2));
	sh_error_info info = {.message = "It failed.",
	                      .category = SH_CAT_INVALID_OPERATION,
	                      .error_id = "Failed",
	                      .target = arr};
	sh_value *rec = sh_error_record_new(&info, &site);
	sh_unref(arr);
	char *text = format(rec);
	assert_string_equal(text, "Remove-Thing : It failed.\n"
	                          "At /tmp/x.ps1:3 char:5\n"
	                          "+     Remove-Thing $a 42\n"
	                          "+     ~~~~~~~~~~~~~~~~~~\n"
	                          "    + CategoryInfo          : InvalidOperation: (1 2:Object[]) "
	                          "[Remove-Thing], RuntimeException\n"
	                          "    + FullyQualifiedErrorId : Failed\n"
	                          " \n");
	free(text);
	assert_string_equal(sh_str(sh_object_note(rec, "ScriptStackTrace")),
	                    "at <ScriptBlock>, /tmp/x.ps1: line 3");
	sh_unref(rec);
}

static void test_long_line(void **state)
{
	(void)state;
	site_fixture s;
	const char *src = "$result = Invoke-Something -With 'a rather long argument text here' "
	                  "-And 'more' -Then bad }";
	size_t len = strlen(src);
	make_site(&s, src, NULL, (uint32_t)len - 1, (uint32_t)len);
	sh_error_site site = {&s.unit, &s.node, NULL, NULL};
	sh_error_info info = {.message = "Unexpected token '}' in expression or statement.",
	                      .category = SH_CAT_PARSER_ERROR};
	sh_value *rec = sh_error_record_new(&info, &site);
	const char *pos =
	    sh_str(sh_object_note(sh_object_note(rec, "InvocationInfo"), "PositionMessage"));
	char *expected =
	    xasprintf("At line:1 char:%zu\n+ ... %s\n+ %*s~", len, src + len - 69, 69 - 1 + 4, "");
	assert_string_equal(pos, expected);
	free(expected);
	sh_unref(rec);
}

static void test_long_target_name(void **state)
{
	(void)state;
	sh_value *target = sh_string("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ");
	sh_error_info info = {.message = "m",
	                      .exception_type = "ArgumentException",
	                      .category = SH_CAT_INVALID_ARGUMENT,
	                      .target = target};
	sh_value *rec = sh_error_record_new(&info, NULL);
	sh_unref(target);
	char *ci = sh_to_string(sh_object_note(rec, "CategoryInfo"));
	assert_string_equal(ci, "InvalidArgument: (abcdefghijklmno...56789ABCDEFGHIJ:String) [], "
	                        "ArgumentException");
	free(ci);
	assert_string_equal(sh_str(sh_object_note(rec, "FullyQualifiedErrorId")),
	                    "ArgumentException");
	assert_string_equal(sh_error_exception_type(rec), "System.ArgumentException");
	char *text = format(rec);
	assert_string_equal(text,
	                    "m\n    + CategoryInfo          : InvalidArgument: "
	                    "(abcdefghijklmno...56789ABCDEFGHIJ:String) [], ArgumentException\n"
	                    "    + FullyQualifiedErrorId : ArgumentException\n \n");
	free(text);
	sh_unref(rec);
}

static void test_parse_error(void **state)
{
	(void)state;
	sh_parse_error pe = {.message = "Missing closing ')' after expression in 'if' statement.",
	                     .error_id = "MissingEndParenthesisInIfStatement",
	                     .offset = 6,
	                     .length = 0,
	                     .line = 1,
	                     .column = 7};
	sh_value *rec = sh_error_record_from_parse(&pe, "if ($x", NULL);
	char *text = format(rec);
	assert_string_equal(text,
	                    "At line:1 char:7\n"
	                    "+ if ($x\n"
	                    "+       ~\n"
	                    "Missing closing ')' after expression in 'if' statement.\n"
	                    "    + CategoryInfo          : ParserError: (:) [], "
	                    "ParentContainsErrorRecordException\n"
	                    "    + FullyQualifiedErrorId : MissingEndParenthesisInIfStatement\n"
	                    " \n");
	free(text);
	assert_string_equal(sh_error_exception_type(rec),
	                    "System.Management.Automation.ParseException");
	sh_unref(rec);
}

static void test_categories(void **state)
{
	(void)state;
	assert_string_equal(sh_error_category_name(SH_CAT_NOT_SPECIFIED), "NotSpecified");
	assert_string_equal(sh_error_category_name(SH_CAT_OBJECT_NOT_FOUND), "ObjectNotFound");
	assert_string_equal(sh_error_category_name(SH_CAT_NOT_ENABLED), "NotEnabled");
	char *cls = sh_error_command_class("Get-ChildItem");
	assert_string_equal(cls, "Microsoft.PowerShell.Commands.GetChildItemCommand");
	free(cls);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cmdlet_error),
	    cmocka_unit_test(test_throw),
	    cmocka_unit_test(test_file_position_and_targets),
	    cmocka_unit_test(test_long_line),
	    cmocka_unit_test(test_long_target_name),
	    cmocka_unit_test(test_parse_error),
	    cmocka_unit_test(test_categories),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
