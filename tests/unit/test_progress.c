/*
 * test_progress.c - the lines Write-Progress draws (cmds/progress.c): the
 * bar's fill, the indent of child records, the estimate, and the clipping
 * that keeps every line within the terminal so it never wraps. Also the
 * help system's about_ topics (cmds/help.c): every topic is compiled in and
 * has a short description.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../cmds/help.h"
#include "../../cmds/progress.h"
#include "../../shell/util.h"

static cmd_progress_record record(const char *activity, const char *status, int percent)
{
	cmd_progress_record r = {.id = 0,
	                         .parent_id = -1,
	                         .activity = activity,
	                         .status = status,
	                         .percent = percent,
	                         .seconds_remaining = -1};
	return r;
}

static void test_bar(void **state)
{
	(void)state;
	/* 60 columns: a 20-tick bar */
	cmd_progress_record r = record("Copying", "Disk 1", 50);
	char *line = cmd_progress_line(&r, 0, 60);
	assert_string_equal(line, "Copying [oooooooooo          ] Disk 1");
	free(line);
	r.percent = 0;
	line = cmd_progress_line(&r, 0, 60);
	assert_string_equal(line, "Copying [                    ] Disk 1");
	free(line);
	r.percent = 100;
	line = cmd_progress_line(&r, 0, 60);
	assert_string_equal(line, "Copying [oooooooooooooooooooo] Disk 1");
	free(line);
}

static void test_without_percent(void **state)
{
	(void)state;
	cmd_progress_record r = record("Scanning", NULL, -1);
	char *line = cmd_progress_line(&r, 0, 80);
	assert_string_equal(line, "Scanning Processing");
	free(line);
	r.current_operation = "disk0.vhdx";
	r.seconds_remaining = 75;
	line = cmd_progress_line(&r, 0, 80);
	assert_string_equal(line, "Scanning Processing disk0.vhdx 1:15 remaining");
	free(line);
	r.seconds_remaining = 3725;
	line = cmd_progress_line(&r, 0, 80);
	assert_string_equal(line, "Scanning Processing disk0.vhdx 1:02:05 remaining");
	free(line);
}

static void test_child_indent(void **state)
{
	(void)state;
	cmd_progress_record r = record("Child", "s", -1);
	char *line = cmd_progress_line(&r, 2, 80);
	assert_string_equal(line, "    Child s");
	free(line);
}

static void test_clipped(void **state)
{
	(void)state;
	/* never more than columns - 1: the last column would wrap the line */
	cmd_progress_record r = record("A very long activity name", "and a long status text", 40);
	char *line = cmd_progress_line(&r, 0, 30);
	assert_int_equal(utf8_width(line), 29);
	assert_true(strncmp(line, "A very long activity name [", 27) == 0);
	free(line);
	/* wide characters are not cut in half */
	r = record("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", "x", -1); /* three wide characters */
	line = cmd_progress_line(&r, 0, 5);
	assert_string_equal(line, "\xe6\x97\xa5\xe6\x9c\xac");
	free(line);
	/* a newline in a status stays on the line */
	r = record("Copy", "two\nlines", -1);
	line = cmd_progress_line(&r, 0, 40);
	assert_string_equal(line, "Copy two lines");
	free(line);
}

static void test_about_topics(void **state)
{
	(void)state;
	static const char *const wanted[] = {"about_Engine",    "about_hvsh",
	                                     "about_Operators", "about_Parameters",
	                                     "about_Pipelines", "about_Remote"};
	size_t n = 0;
	while (cmd_about_topics[n].name)
		n++;
	assert_true(n >= sizeof wanted / sizeof wanted[0]);
	for (size_t w = 0; w < sizeof wanted / sizeof wanted[0]; w++) {
		const cmd_about_topic *found = NULL;
		for (size_t i = 0; i < n; i++)
			if (strcmp(cmd_about_topics[i].name, wanted[w]) == 0)
				found = &cmd_about_topics[i];
		assert_non_null(found);
		assert_non_null(strstr(found->text, "LONG DESCRIPTION"));
		char *synopsis = cmd_about_synopsis(found);
		assert_true(strlen(synopsis) > 20);
		assert_null(strchr(synopsis, '\n'));
		free(synopsis);
	}
	/* sorted as they are listed: case-insensitively */
	for (size_t i = 1; i < n; i++)
		assert_true(str_icmp(cmd_about_topics[i - 1].name, cmd_about_topics[i].name) < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bar),          cmocka_unit_test(test_without_percent),
	    cmocka_unit_test(test_child_indent), cmocka_unit_test(test_clipped),
	    cmocka_unit_test(test_about_topics),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
