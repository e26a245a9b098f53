/*
 * fuzz_complete.c - libFuzzer target for tab completion: any text, with the
 * cursor at every position in turn, is completed by one interpreter that
 * has every cmdlet family, a few functions, aliases and variables (a
 * hashtable, an object with a script property, an array). It must never
 * crash, leak or trip a sanitizer, and every answer must be well formed.
 *
 * Completion never runs code, so no jail is needed: the only effect of the
 * engine is reading directories. The target works in a small tree of its
 * own (made in the working directory, `make fuzz` gives it one) with
 * names that need quoting, and $PATH points into it so that program
 * completion stays fast. Inputs are capped at 512 bytes: each costs one
 * completion per byte.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../cmds/cmds.h"
#include "../../shell/complete.h"
#include "../../shell/interp.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sh_interp *in;

static void touch(const char *path, mode_t mode)
{
	FILE *f = fopen(path, "w");
	if (f)
		fclose(f);
	chmod(path, mode);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	mkdir("tree", 0755);
	mkdir("tree/my dir", 0755);
	mkdir("tree/Docs", 0755);
	mkdir("tree/bin", 0755);
	touch("tree/it's", 0644);
	touch("tree/.hidden", 0644);
	touch("tree/plain.txt", 0644);
	touch("tree/bin/prog", 0755);
	char *cwd = realpath("tree", NULL);
	if (!cwd) {
		perror("fuzz_complete: tree");
		exit(2);
	}
	char *path = xasprintf("%s/bin", cwd);
	setenv("PATH", path, 1);
	free(path);

	in = sh_interp_new();
	sh_interp_host(in)->interactive = false;
	cmd_register_all(in);
	/* the interpreter's location is the tree; the process stays where
	   libFuzzer finds its corpus and artifacts */
	char *here = getcwd(NULL, 0);
	char *error = NULL;
	if (!here || sh_set_location(in, cwd, &error) != 0 || chdir(here) != 0) {
		fprintf(stderr, "fuzz_complete: %s\n", error ? error : "no working directory");
		exit(2);
	}
	free(here);
	free(cwd);
	static const char setup[] =
	    "function Get-VMFake { param([Parameter(Mandatory)][string]$Name,\n"
	    "    [ValidateSet('Off','On')]$State, [switch]$Force) }\n"
	    "function f($a, $b) { }\n"
	    "Set-Alias -Name vmf -Value Get-VMFake\n"
	    "$h = @{Alpha = 1; 'my key' = @{Deep = 2}}\n"
	    "$o = [pscustomobject]@{Name = 'n'; Self = $null}\n"
	    "$o.Self = $o\n"
	    "$o | Add-Member -MemberType ScriptProperty -Name Danger -Value { exit 3 }\n"
	    "$o | Add-Member -MemberType AliasProperty -Name Loop -Value Loop\n"
	    "$list = @($o, 1, 'x', $null)\n";
	sh_run_source(in, setup, strlen(setup), NULL, NULL, 0);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 512)
		return 0;
	char *line = xstrndup((const char *)data, size);
	size_t len = strlen(line);
	for (size_t cur = 0; cur <= len; cur++) {
		sh_completions c;
		sh_complete(in, line, cur, &c);
		if (c.end != cur || c.start > c.end)
			abort();
		for (size_t i = 0; i < c.len; i++)
			if (!c.items[i] || !c.labels[i])
				abort();
		sh_completions_free(&c);
	}
	free(line);
	return 0;
}
