/* Unit tests for tab completion: command names, parameter names with their
 * sets, parameter values (enums, ValidateSet, completer hooks, positional
 * arguments), variables, members and file paths, each checked against the
 * exact candidates and the replaced range. One interpreter with every
 * cmdlet family, a few functions and variables, and a directory of files
 * serves all the tests. */
#include <ftw.h>
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

#include "../../cmds/cmds.h"
#include "../../shell/complete.h"
#include "../../shell/interp.h"

static sh_interp *in;
static char dir[256];

/* ---- a cmdlet family with a completer hook ---- */

static void thing_names(sh_interp *interp, const char *word, sh_value *out)
{
	(void)interp;
	static const char *const names[] = {"alpha", "beta", "with space", "Bravo", NULL};
	for (size_t i = 0; names[i]; i++)
		if (strncasecmp(names[i], word, strlen(word)) == 0)
			sh_array_append(out, sh_string(names[i]));
}

static const char *const speeds[] = {"Fast", "Slow", "Stopped", NULL};

static const sh_param_def thing_params[] = {
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY,
     .position = 0,
     .sets = "Name",
     .completer = thing_names},
    {.name = "Id", .type = SH_P_INT, .position = 0, .sets = "Id"},
    {.name = "Speed", .type = SH_P_ENUM, .position = 1, .enum_values = speeds},
    {.name = "Secret", .type = SH_P_STRING, .flags = SH_PF_HIDDEN, .position = -1},
    {.name = "Force", .type = SH_P_SWITCH, .position = -1},
    {.name = "Command",
     .type = SH_P_STRING,
     .position = -1,
     .completer = sh_command_name_completer},
    {.name = "Variable",
     .type = SH_P_STRING,
     .position = -1,
     .completer = sh_variable_name_completer},
    {0},
};

static const sh_cmdlet thing_cmdlets[] = {
    {.name = "Get-Thing",
     .default_set = "Name",
     .params = thing_params,
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS},
    {0},
};

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void touch(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
}

static void make_dir(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_int_equal(mkdir(path, 0755), 0);
}

static int group_setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "%s/hvsh-complete.XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	make_dir("my dir");
	make_dir("my dir/sub");
	make_dir("Docs");
	make_dir("bin");
	touch("my file.txt");
	touch("plain.txt");
	touch("it's");
	touch(".hidden");
	touch("bin/hvsh-test-prog");
	char prog[512];
	snprintf(prog, sizeof prog, "%s/bin/hvsh-test-prog", dir);
	chmod(prog, 0755);
	char bin[512];
	snprintf(bin, sizeof bin, "%s/bin", dir);
	setenv("PATH", bin, 1);
	setenv("HVSH_COMPLETE_HOME", "x", 1);
	setenv("HVSH_COMPLETE_HOST", "y", 1);

	in = sh_interp_new();
	sh_interp_host(in)->interactive = false;
	cmd_register_all(in);
	sh_register_cmdlets(in, thing_cmdlets);
	char *err = NULL;
	if (sh_set_location(in, dir, &err) != 0) {
		free(err);
		return -1;
	}
	static const char setup[] =
	    "function Get-ZooFake { param([Parameter(Mandatory)][string]$Name,\n"
	    "    [ValidateSet('Off','On')]$State, [switch]$Force) }\n"
	    "function Set-Mode([ValidateSet('Fast','Slow')]$Mode, $Other) { }\n"
	    "Set-Alias -Name zoof -Value Get-ZooFake\n"
	    "$h = @{Alpha = 1; Beta = 2; 'my key' = 3}\n"
	    "$s = 'text'\n"
	    "$o = [pscustomobject]@{Name = 'n'; Inner = @{Deep = 1}}\n"
	    "$o | Add-Member -MemberType ScriptProperty -Name Danger -Value { $global:ran = 1; @{X "
	    "= 1} }\n"
	    "$list = @([pscustomobject]@{Size = 1}, [pscustomobject]@{Size = 2})\n";
	return sh_run_source(in, setup, strlen(setup), NULL, NULL, 0) == 0 ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	sh_interp_free(in);
	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	return 0;
}

/* ---- helpers ---- */

static void complete_at(const char *line, size_t cursor, sh_completions *c)
{
	sh_complete(in, line, cursor, c);
	assert_int_equal(c->end, cursor);
	assert_true(c->start <= c->end);
}

static char *joined(const sh_completions *c)
{
	size_t n = 1;
	for (size_t i = 0; i < c->len; i++)
		n += strlen(c->items[i]) + 1;
	char *s = calloc(1, n);
	for (size_t i = 0; i < c->len; i++) {
		if (i)
			strcat(s, "\n");
		strcat(s, c->items[i]);
	}
	return s;
}

/* The candidates for `line` with the cursor at its end are exactly the
 * items given (NULL-terminated, in order), replacing from `start`. */
static void expect(const char *line, size_t start, ...)
{
	sh_completions c;
	complete_at(line, strlen(line), &c);
	char want[4096] = "";
	va_list ap;
	va_start(ap, start);
	const char *item;
	bool first = true;
	while ((item = va_arg(ap, const char *)) != NULL) {
		if (!first)
			strcat(want, "\n");
		strcat(want, item);
		first = false;
	}
	va_end(ap);
	char *got = joined(&c);
	if (strcmp(got, want) != 0)
		print_error("completing '%s'\nwant:\n%s\ngot:\n%s\n", line, want, got);
	assert_string_equal(got, want);
	if (c.len)
		assert_int_equal(c.start, start);
	free(got);
	sh_completions_free(&c);
}

static bool offers(const char *line, const char *item)
{
	sh_completions c;
	complete_at(line, strlen(line), &c);
	bool found = false;
	for (size_t i = 0; i < c.len; i++)
		if (strcmp(c.items[i], item) == 0)
			found = true;
	sh_completions_free(&c);
	return found;
}

static size_t count(const char *line)
{
	sh_completions c;
	complete_at(line, strlen(line), &c);
	size_t n = c.len;
	sh_completions_free(&c);
	return n;
}

/* ---- commands ---- */

static void test_command_prefix(void **state)
{
	(void)state;
	sh_completions c;
	complete_at("Get-Chil", 8, &c);
	assert_int_equal(c.len, 1);
	assert_string_equal(c.items[0], "Get-ChildItem");
	assert_int_equal(c.start, 0);
	assert_true(c.append_space);
	sh_completions_free(&c);
	expect("get-ch", 0, "Get-ChildItem", NULL);
	expect("GET-CHILDI", 0, "Get-ChildItem", NULL);
	expect("Get-Var", 0, "Get-Variable", NULL);
}

static void test_command_wildcard(void **state)
{
	(void)state;
	expect("Get-[HZ]*", 0, "Get-Help", "Get-History", "Get-ZooFake", NULL);
	expect("*-ZooF*", 0, "Get-ZooFake", NULL);
	expect("Get-?ooF", 0, "Get-ZooFake", NULL);
	expect("*-NoSuchNoun*", 0, NULL);
}

static void test_command_aliases_functions_programs(void **state)
{
	(void)state;
	expect("zo", 0, "zoof", NULL);
	expect("Get-Zoo", 0, "Get-ZooFake", NULL);
	expect("hvsh-test", 0, "hvsh-test-prog", NULL);
	assert_true(offers("gc", "gci"));
	assert_true(offers("gc", "Get-Command") == false);
}

static void test_command_positions(void **state)
{
	(void)state;
	expect("x | Get-Chil", 4, "Get-ChildItem", NULL);
	expect("$a = 1; Get-Chil", 8, "Get-ChildItem", NULL);
	expect("$x = Get-Chil", 5, "Get-ChildItem", NULL);
	expect("$x=Get-Chil", 3, "Get-ChildItem", NULL);
	expect("& Get-Chil", 2, "Get-ChildItem", NULL);
	expect("(Get-Chil", 1, "Get-ChildItem", NULL);
	expect("$(Get-Chil", 2, "Get-ChildItem", NULL);
	expect("\"total: $(Get-Chil", 10, "Get-ChildItem", NULL);
	expect("if ($true) { Get-Chil", 13, "Get-ChildItem", NULL);
	expect("1..3 | ForEach-Object { Get-Chil", 24, "Get-ChildItem", NULL);
	expect("Get-Date\nGet-Chil", 9, "Get-ChildItem", NULL);
	expect("@{ Key = Get-Chil", 9, "Get-ChildItem", NULL);
	/* continuation lines: the text typed so far */
	expect("if ($true) {\n  Get-Chil", 15, "Get-ChildItem", NULL);
	expect("Get-ChildItem |\n  Sort-Obj", 18, "Sort-Object", NULL);
	expect("Get-ChildItem `\n  -Rec", 18, "-Recurse", NULL);
	/* not a command: inside a comment or a string */
	expect("# Get-Chil", 0, NULL);
	expect("'Get-Chil", 0, NULL);
}

static void test_cursor_in_the_middle(void **state)
{
	(void)state;
	sh_completions c;
	complete_at("Get-Chil | Sort-Object", 8, &c);
	assert_int_equal(c.len, 1);
	assert_string_equal(c.items[0], "Get-ChildItem");
	assert_int_equal(c.start, 0);
	assert_int_equal(c.end, 8);
	sh_completions_free(&c);
	sh_complete(in, "Get-Chil", 100, &c); /* past the end: the end */
	assert_int_equal(c.end, 8);
	assert_int_equal(c.len, 1);
	sh_completions_free(&c);
}

/* ---- parameter names ---- */

static void test_param_names(void **state)
{
	(void)state;
	expect("ls -Fi", 3, "-File", "-Filter", NULL);
	expect("Get-ChildItem -rec", 14, "-Recurse", NULL);
	expect("Write-Host -Fore", 11, "-ForegroundColor", NULL);
	expect("Get-ZooFake -", 12, "-Debug", "-ErrorAction", "-ErrorVariable", "-Force",
	       "-InformationAction", "-InformationVariable", "-Name", "-OutBuffer", "-OutVariable",
	       "-PipelineVariable", "-State", "-Verbose", "-WarningAction", "-WarningVariable",
	       NULL);
	expect("zoof -St", 5, "-State", NULL);
	/* a simple function has no common parameters */
	expect("Set-Mode -", 9, "-Mode", "-Other", NULL);
	/* hidden parameters are not offered */
	expect("Get-Thing -Se", 10, NULL);
	/* unknown commands have no parameters */
	expect("hvsh-test-prog -", 15, NULL);
}

static void test_param_names_common_and_should_process(void **state)
{
	(void)state;
	expect("Get-Item x -ErrorA", 11, "-ErrorAction", NULL);
	expect("Get-Thing -W", 10, "-WarningAction", "-WarningVariable", "-WhatIf", NULL);
	expect("Remove-Item -Conf", 12, "-Confirm", NULL);
	expect("Get-ChildItem -WhatI", 14, NULL);
}

static void test_param_names_not_repeated(void **state)
{
	(void)state;
	assert_false(offers("Get-ChildItem -Path . -", "-Path"));
	assert_true(offers("Get-ChildItem -Path . -", "-Filter"));
	assert_true(offers("Get-ChildItem -Path . -", "-ErrorAction"));
	/* -LiteralPath belongs to another parameter set */
	assert_true(offers("Get-ChildItem -", "-LiteralPath"));
	assert_false(offers("Get-ChildItem -Path . -", "-LiteralPath"));
	/* given through an alias or a prefix, still given */
	assert_false(offers("Get-ChildItem -ea Stop -", "-ErrorAction"));
	assert_false(offers("Get-ChildItem -Recu -", "-Recurse"));
	assert_false(offers("Write-Host x -ForegroundColor Red -", "-ForegroundColor"));
	assert_true(offers("Write-Host x -ForegroundColor Red -", "-BackgroundColor"));
}

static void test_param_sets(void **state)
{
	(void)state;
	/* Select-Object: -Index has a set of its own */
	assert_true(offers("Select-Object -", "-First"));
	assert_true(offers("Select-Object -", "-Index"));
	assert_false(offers("Select-Object -Index 1 -", "-First"));
	assert_false(offers("Select-Object -Index 1 -", "-Property"));
	assert_false(offers("Select-Object -Index 1 -", "-SkipLast"));
	assert_true(offers("Select-Object -Index 1 -", "-Unique"));
	assert_true(offers("Select-Object -Index 1 -", "-InputObject"));
	assert_false(offers("Select-Object -First 1 -", "-Index"));
	assert_false(offers("Select-Object -First 1 -", "-SkipLast"));
	assert_true(offers("Select-Object -First 1 -", "-Last"));
	/* Get-Date: -Format and -UFormat exclude each other */
	expect("Get-Date -Format x -U", 19, "-UnixTimeSeconds", NULL);
	expect("Get-Date -UFormat x -Fo", 21, NULL);
	expect("Get-Date -U", 9, "-UFormat", "-UnixTimeSeconds", NULL);
	/* a cmdlet's own sets */
	assert_false(offers("Get-Thing -Name x -", "-Id"));
	assert_true(offers("Get-Thing -Name x -", "-Speed"));
}

/* ---- parameter values ---- */

static void test_enum_values(void **state)
{
	(void)state;
	expect("Write-Host -ForegroundColor Re", 28, "Red", NULL);
	expect("Write-Host -ForegroundColor dark", 28, "DarkBlue", "DarkCyan", "DarkGray",
	       "DarkGreen", "DarkMagenta", "DarkRed", "DarkYellow", NULL);
	expect("Write-Host -ForegroundColor:Re", 28, "Red", NULL);
	expect("Write-Host -ForegroundColor 're", 28, "'Red'", NULL);
	expect("Get-Thing -Speed S", 17, "Slow", "Stopped", NULL);
	expect("Get-Date -DisplayHint ", 22, "Date", "DateTime", "Time", NULL);
}

static void test_action_preferences(void **state)
{
	(void)state;
	expect("Get-Item x -ErrorAction S", 24, "SilentlyContinue", "Stop", "Suspend", NULL);
	expect("Get-Item x -ea S", 15, "SilentlyContinue", "Stop", "Suspend", NULL);
	expect("Get-Item x -WarningAction I", 26, "Ignore", "Inquire", NULL);
	expect("Get-Item x -InformationAction c", 30, "Continue", NULL);
	expect("Get-Item -ErrorAction:si", 22, "SilentlyContinue", NULL);
	expect("Get-ZooFake -ErrorAction St", 25, "Stop", NULL);
}

static void test_validate_set_values(void **state)
{
	(void)state;
	expect("Get-ZooFake -State ", 19, "Off", "On", NULL);
	expect("Get-ZooFake -State:of", 19, "Off", NULL);
	/* positional: Set-Mode's first parameter */
	expect("Set-Mode S", 9, "Slow", NULL);
	expect("Set-Mode -Other x F", 18, "Fast", NULL);
}

static void test_completer_hook(void **state)
{
	(void)state;
	sh_completions c;
	complete_at("Get-Thing -Name b", 17, &c);
	assert_int_equal(c.len, 2);
	assert_string_equal(c.items[0], "beta");
	assert_string_equal(c.items[1], "Bravo");
	sh_completions_free(&c);
	expect("Get-Thing -Name w", 16, "'with space'", NULL);
	expect("Get-Thing -Name \"w", 16, "\"with space\"", NULL);
	/* positional 0 in the default set is -Name, 1 is -Speed */
	expect("Get-Thing al", 10, "alpha", NULL);
	expect("Get-Thing alpha f", 16, "Fast", NULL);
	expect("Get-Thing -Name alpha f", 22, "Fast", NULL);
	/* an array value: the item after the comma */
	expect("Get-Thing -Name alpha,b", 22, "beta", "Bravo", NULL);
	expect("Get-Thing -Name alpha, b", 23, "beta", "Bravo", NULL);
	/* a switch takes no value: the next word is positional */
	expect("Get-Thing -Force al", 17, "alpha", NULL);
	expect("Get-Thing -Force:", 17, NULL);
}

static void test_shared_completers(void **state)
{
	(void)state;
	expect("Get-Thing -Command Get-Chil", 19, "Get-ChildItem", NULL);
	expect("Get-Thing -Command zo", 19, "zoof", NULL);
	expect("Get-Thing -Variable Err", 20, "Error", "ErrorActionPreference", NULL);
	expect("Get-Help Get-Chil", 9, "Get-ChildItem", NULL);
	expect("Get-Command -Name Get-Chil", 18, "Get-ChildItem", NULL);
	expect("Get-Variable ErrorA", 13, "ErrorActionPreference", NULL);
	expect("Remove-Variable -Name ErrorA", 22, "ErrorActionPreference", NULL);
	sh_value *out = sh_array_new(4);
	sh_command_name_completer(in, "get-zoof", out);
	assert_int_equal(sh_array_len(out), 1);
	assert_string_equal(sh_str(sh_array_get(out, 0)), "Get-ZooFake");
	sh_unref(out);
}

static void test_value_is_variable(void **state)
{
	(void)state;
	expect("Get-Thing -Name $Err", 16, "$Error", "$ErrorActionPreference", NULL);
	expect("Get-Thing -Force:$tr", 17, "$true", NULL);
}

/* ---- variables ---- */

static void test_variables(void **state)
{
	(void)state;
	sh_completions c;
	complete_at("$Err", 4, &c);
	assert_int_equal(c.len, 2);
	assert_string_equal(c.items[0], "$Error");
	assert_string_equal(c.items[1], "$ErrorActionPreference");
	assert_false(c.append_space);
	sh_completions_free(&c);
	expect("Write-Output $err", 13, "$Error", "$ErrorActionPreference", NULL);
	expect("${Err", 0, "${Error}", "${ErrorActionPreference}", NULL);
	expect("$global:Err", 0, "$global:Error", "$global:ErrorActionPreference", NULL);
	expect("@Err", 0, "@Error", "@ErrorActionPreference", NULL);
	expect("\"now $Err", 5, "$Error", "$ErrorActionPreference", NULL);
	expect("\"$(1 + $Err", 7, "$Error", "$ErrorActionPreference", NULL);
	expect("$NoSuchVariab", 0, NULL);
	assert_true(offers("$", "$h"));
}

static void test_environment(void **state)
{
	(void)state;
	expect("$env:HVSH_COMPLETE_HO", 0, "$env:HVSH_COMPLETE_HOME", "$env:HVSH_COMPLETE_HOST",
	       NULL);
	expect("$Env:hvsh_complete_hom", 0, "$Env:HVSH_COMPLETE_HOME", NULL);
	assert_true(offers("$env:HO", "$env:HOME") == (getenv("HOME") != NULL));
}

/* ---- members ---- */

static void test_hashtable_members(void **state)
{
	(void)state;
	expect("$h.", 0, "$h.Add(", "$h.Alpha", "$h.Beta", "$h.Clear(", "$h.Clone(", "$h.Contains(",
	       "$h.ContainsKey(", "$h.ContainsValue(", "$h.Count", "$h.Equals(",
	       "$h.GetEnumerator(", "$h.GetHashCode(", "$h.GetType(", "$h.IsFixedSize",
	       "$h.IsReadOnly", "$h.IsSynchronized", "$h.Item(", "$h.Keys", "$h.'my key'",
	       "$h.Remove(", "$h.ToString(", "$h.Values", NULL);
	expect("$h.Ke", 0, "$h.Keys", NULL);
	expect("$h.al", 0, "$h.Alpha", NULL);
	expect("$h.Keys.Cou", 0, "$h.Keys.Count", NULL);
	expect("Write-Output $h.Be", 13, "$h.Beta", NULL);
}

static void test_string_and_object_members(void **state)
{
	(void)state;
	expect("$s.ToUp", 0, "$s.ToUpper(", "$s.ToUpperInvariant(", NULL);
	expect("$s.Len", 0, "$s.Length", NULL);
	expect("$o.Inner.D", 0, "$o.Inner.Deep", NULL);
	expect("$o.N", 0, "$o.Name", NULL);
	expect("$o.Name.Len", 0, "$o.Name.Length", NULL);
	/* member enumeration: the items' properties */
	expect("$list.Si", 0, "$list.Size", NULL);
	expect("$nosuch.", 0, NULL);
	sh_completions c;
	complete_at("$h.Ke", 5, &c);
	assert_string_equal(c.labels[0], "Keys");
	sh_completions_free(&c);
}

static void test_members_never_run_code(void **state)
{
	(void)state;
	assert_true(offers("$o.Da", "$o.Danger"));
	expect("$o.Danger.", 0, NULL);
	assert_false(sh_var_exists(in, "ran"));
	expect("$o.Name.ToString().", 0, NULL);
}

/* ---- paths ---- */

static void test_paths(void **state)
{
	(void)state;
	sh_completions c;
	complete_at("Get-Content pl", 14, &c);
	assert_int_equal(c.len, 1);
	assert_string_equal(c.items[0], "./plain.txt");
	assert_string_equal(c.labels[0], "plain.txt");
	assert_int_equal(c.start, 12);
	assert_true(c.append_space);
	sh_completions_free(&c);
	/* directories end with a slash and want more */
	complete_at("Set-Location Do", 15, &c);
	assert_int_equal(c.len, 1);
	assert_string_equal(c.items[0], "./Docs/");
	assert_false(c.append_space);
	sh_completions_free(&c);
	expect("Set-Location do", 13, "./Docs/", NULL);
	expect("Get-ChildItem -Path pl", 20, "./plain.txt", NULL);
	expect("Get-ChildItem -Path:pl", 20, "./plain.txt", NULL);
	expect("ls ./b", 3, "./bin/", NULL);
	expect("ls bin/", 3, "bin/hvsh-test-prog", NULL);
	expect("ls ./bin/hv", 3, "./bin/hvsh-test-prog", NULL);
	/* every entry but hidden ones */
	expect("ls ", 3, "./bin/", "./Docs/", "'./it''s'", "'./my dir/'", "'./my file.txt'",
	       "./plain.txt", NULL);
	expect("ls .h", 3, "./.hidden", NULL);
	expect("Get-Date > ./pl", 11, "./plain.txt", NULL);
	expect("./b", 0, "./bin/", NULL);
	expect("hvsh-test-prog pl", 15, "./plain.txt", NULL);
}

static void test_paths_with_spaces(void **state)
{
	(void)state;
	expect("ls my", 3, "'./my dir/'", "'./my file.txt'", NULL);
	expect("ls 'my d", 3, "'./my dir/'", NULL);
	expect("ls './my dir/'", 3, "'./my dir/sub/'", NULL);
	expect("ls './my dir/s", 3, "'./my dir/sub/'", NULL);
	expect("ls \"my f", 3, "\"./my file.txt\"", NULL);
	expect("Get-Content it", 12, "'./it''s'", NULL);
}

static void test_absolute_paths(void **state)
{
	(void)state;
	char line[600], want[600];
	snprintf(line, sizeof line, "ls %s/Do", dir);
	snprintf(want, sizeof want, "%s/Docs/", dir);
	expect(line, 3, want, NULL);
	snprintf(line, sizeof line, "ls %s/nosuchdir/x", dir);
	expect(line, 3, NULL);
}

/* ---- whatever is typed ---- */

static void test_odd_input(void **state)
{
	(void)state;
	static const char *const lines[] = {
	    "",           " ",         "\"",         "'",        "`",
	    "$",          "${",        "@",          "@{",       "@(",
	    "$(",         "(((",       ")))",        "}}}",      "{",
	    "|",          "||",        "&&",         "&",        ";",
	    "-",          "--",        "ls --",      "ls -- -",  "ls -:",
	    "ls -Path:",  "ls -Path,", "ls ,",       ",",        "=",
	    "$x =",       "$.",        "$h..",       "$h.Keys.", "$h.[",
	    "$h.'",       "@'\nx",     "@\"\nx",     "<#",       "<# x #> ls -Fi",
	    "2>",         "2>&1",      "ls 2>&1 -F", "$env:",    "${env:",
	    "$env:HOME.", ">",         "ls >",       "\"$(\"$(", "`\n",
	    "ls `\n-Fi",  "~",         "ls ~",       "ls ~/",    "./",
	    "/",          "ls /",      "'./'",       "&&&",      "ls -Fi -Fi -Fi",
	};
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		size_t n = strlen(lines[i]);
		for (size_t cur = 0; cur <= n; cur++) {
			sh_completions c;
			complete_at(lines[i], cur, &c);
			for (size_t k = 0; k < c.len; k++)
				assert_non_null(c.items[k]);
			sh_completions_free(&c);
		}
	}
	expect("<# x #> ls -Fi", 11, "-File", "-Filter", NULL);
	expect("ls `\n-Fi", 5, "-File", "-Filter", NULL);
	assert_true(count("ls /") > 0);
	sh_completions_free(&(sh_completions){0});
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_command_prefix),
	    cmocka_unit_test(test_command_wildcard),
	    cmocka_unit_test(test_command_aliases_functions_programs),
	    cmocka_unit_test(test_command_positions),
	    cmocka_unit_test(test_cursor_in_the_middle),
	    cmocka_unit_test(test_param_names),
	    cmocka_unit_test(test_param_names_common_and_should_process),
	    cmocka_unit_test(test_param_names_not_repeated),
	    cmocka_unit_test(test_param_sets),
	    cmocka_unit_test(test_enum_values),
	    cmocka_unit_test(test_action_preferences),
	    cmocka_unit_test(test_validate_set_values),
	    cmocka_unit_test(test_completer_hook),
	    cmocka_unit_test(test_shared_completers),
	    cmocka_unit_test(test_value_is_variable),
	    cmocka_unit_test(test_variables),
	    cmocka_unit_test(test_environment),
	    cmocka_unit_test(test_hashtable_members),
	    cmocka_unit_test(test_string_and_object_members),
	    cmocka_unit_test(test_members_never_run_code),
	    cmocka_unit_test(test_paths),
	    cmocka_unit_test(test_paths_with_spaces),
	    cmocka_unit_test(test_absolute_paths),
	    cmocka_unit_test(test_odd_input),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
