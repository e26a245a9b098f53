/* Unit tests for the saved history file of the interactive loop: the
 * layout (an entry's inner newlines as a backtick ending the line), the
 * filtering on load (empty entries, repeats in a row), appending, trimming
 * to the newest entries, and where the file lives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../shell/repl.h"
#include "../../shell/util.h"

typedef struct loaded {
	char *items[16];
	size_t len;
} loaded;

static void collect(void *ctx, const char *entry)
{
	loaded *l = ctx;
	if (l->len < 16)
		l->items[l->len++] = xstrdup(entry);
}

static void loaded_free(loaded *l)
{
	for (size_t i = 0; i < l->len; i++)
		free(l->items[i]);
	l->len = 0;
}

static char *temp_dir(void)
{
	char *dir = xstrdup("/tmp/hvsh-histfile.XXXXXX");
	assert_non_null(mkdtemp(dir));
	return dir;
}

static void remove_tree(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void test_append_and_load(void **state)
{
	(void)state;
	char *dir = temp_dir();
	char *path = xasprintf("%s/history", dir);
	assert_true(sh_histfile_append(path, "Get-Date"));
	assert_true(sh_histfile_append(path, "if ($x) {\n  'a `'\n\n}"));
	assert_true(sh_histfile_append(path, "Get-Date"));
	assert_true(sh_histfile_append(path, "Get-Date"));
	assert_true(sh_histfile_append(path, ""));
	assert_true(sh_histfile_append(path, "last"));

	size_t len = 0;
	char *text = read_whole_file(path, &len);
	assert_string_equal(text,
	                    "Get-Date\nif ($x) {`\n  'a `'`\n`\n}\nGet-Date\nGet-Date\n\nlast\n");
	free(text);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	loaded l = {0};
	assert_int_equal(sh_histfile_load(path, collect, &l), 6);
	assert_int_equal(l.len, 4);
	assert_string_equal(l.items[0], "Get-Date");
	assert_string_equal(l.items[1], "if ($x) {\n  'a `'\n\n}");
	assert_string_equal(l.items[2], "Get-Date");
	assert_string_equal(l.items[3], "last");
	loaded_free(&l);
	free(path);
	remove_tree(dir);
	free(dir);
}

static void test_missing_file(void **state)
{
	(void)state;
	loaded l = {0};
	assert_int_equal(sh_histfile_load("/nonexistent/hvsh/history", collect, &l), 0);
	assert_int_equal(l.len, 0);
}

static void test_trim_keeps_newest(void **state)
{
	(void)state;
	char *dir = temp_dir();
	char *path = xasprintf("%s/history", dir);
	assert_true(sh_histfile_append(path, "one"));
	assert_true(sh_histfile_append(path, "two\nlines"));
	assert_true(sh_histfile_append(path, "three"));
	assert_true(sh_histfile_append(path, "four"));
	assert_true(sh_histfile_trim(path, 3));
	size_t len = 0;
	char *text = read_whole_file(path, &len);
	assert_string_equal(text, "two`\nlines\nthree\nfour\n");
	free(text);
	assert_true(sh_histfile_trim(path, 1));
	text = read_whole_file(path, &len);
	assert_string_equal(text, "four\n");
	free(text);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* appending goes on in the new file */
	assert_true(sh_histfile_append(path, "five"));
	text = read_whole_file(path, &len);
	assert_string_equal(text, "four\nfive\n");
	free(text);
	free(path);
	remove_tree(dir);
	free(dir);
}

static void test_path(void **state)
{
	(void)state;
	char *dir = temp_dir();
	char *saved_state = getenv("XDG_STATE_HOME") ? xstrdup(getenv("XDG_STATE_HOME")) : NULL;
	char *saved_home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;

	char *state_dir = xasprintf("%s/state/deep", dir);
	setenv("XDG_STATE_HOME", state_dir, 1);
	char *path = sh_histfile_path();
	char *want = xasprintf("%s/hvsh/history", state_dir);
	assert_string_equal(path, want);
	struct stat st;
	assert_int_equal(stat(state_dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	free(path);
	free(want);

	setenv("XDG_STATE_HOME", "relative/ignored", 1);
	setenv("HOME", dir, 1);
	path = sh_histfile_path();
	want = xasprintf("%s/.local/state/hvsh/history", dir);
	assert_string_equal(path, want);
	char *made = xasprintf("%s/.local/state/hvsh", dir);
	assert_int_equal(stat(made, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	free(made);
	free(path);
	free(want);
	free(state_dir);

	if (saved_state)
		setenv("XDG_STATE_HOME", saved_state, 1);
	else
		unsetenv("XDG_STATE_HOME");
	if (saved_home)
		setenv("HOME", saved_home, 1);
	free(saved_state);
	free(saved_home);
	remove_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_append_and_load),
	    cmocka_unit_test(test_missing_file),
	    cmocka_unit_test(test_trim_keeps_newest),
	    cmocka_unit_test(test_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
