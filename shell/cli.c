/*
 * cli.c - hvsh's command line: options, script files, -Command, standard
 * input; it opens the interactive loop (repl.c) when nothing else is asked.
 *
 * The options follow pwsh's so that habits and existing launch lines carry
 * over: names are case-insensitive, start with '-' or '--', and may be cut
 * down to an unambiguous prefix no shorter than pwsh allows (-nop,
 * -noni, -c, -f). The first argument that is not an option names the
 * script; every argument after the script (or after -Command's text)
 * belongs to it, even when it looks like an option, so `hvsh deploy.ps1
 * -Name web` reaches the script's param() block untouched. Command-line
 * mistakes exit with 64, as pwsh does, and are reported before the
 * interpreter is even created, which keeps --help and --version instant.
 *
 * The host settings are decided here, once: interactive when standard
 * input is a terminal and -NonInteractive is absent; colour only when both
 * output streams are terminals (warnings and verbose lines go to standard
 * output, errors to standard error, and neither may leave escape codes in
 * a file), and neither NO_COLOR (https://no-color.org) nor -NoColor says
 * otherwise; width from $COLUMNS, else the terminal, else 120. The
 * interactive loop itself lives in repl.c.
 *
 * A login shell (argv[0] starting with '-', as login(1) and sshd start
 * it) needs nothing special: it is interactive exactly when its standard
 * input is a terminal, and otherwise reads its commands from standard
 * input like any other hvsh.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "repl.h"
#include "util.h"
#include "version.h"

/* pwsh's exit code for a command line it cannot use. */
#define EXIT_BAD_COMMAND_LINE 64

typedef enum run_mode {
	MODE_DEFAULT, /* the interactive loop, or standard input as a script */
	MODE_COMMAND,
	MODE_FILE,
} run_mode;

typedef struct cli_options {
	run_mode mode;
	char *command;    /* MODE_COMMAND: the joined text, or "-" for standard input */
	const char *file; /* MODE_FILE: a path, or "-" for standard input */
	char **script_args;
	int nscript_args;
	const char *working_directory;
	const char *engine; /* -Engine's libvirt URI, or NULL */
	bool no_profile, no_logo, non_interactive, no_exit, no_color;
} cli_options;

typedef enum option_id {
	OPT_COMMAND,
	OPT_FILE,
	OPT_NO_PROFILE,
	OPT_NO_LOGO,
	OPT_NON_INTERACTIVE,
	OPT_NO_EXIT,
	OPT_NO_COLOR,
	OPT_VERSION,
	OPT_HELP,
	OPT_WORKING_DIRECTORY,
	OPT_EXECUTION_POLICY,
	OPT_ENGINE,
} option_id;

/* `shortest` is the shortest prefix pwsh accepts for the name. */
static const struct option_def {
	const char *name;
	const char *shortest;
	const char *alias;
	option_id id;
} option_defs[] = {
    {"command", "c", NULL, OPT_COMMAND},
    {"file", "f", NULL, OPT_FILE},
    {"noprofile", "nop", NULL, OPT_NO_PROFILE},
    {"nologo", "nol", NULL, OPT_NO_LOGO},
    {"noninteractive", "noni", NULL, OPT_NON_INTERACTIVE},
    {"noexit", "noe", NULL, OPT_NO_EXIT},
    {"nocolor", "noc", NULL, OPT_NO_COLOR},
    {"version", "v", NULL, OPT_VERSION},
    {"help", "h", "?", OPT_HELP},
    {"workingdirectory", "wo", "wd", OPT_WORKING_DIRECTORY},
    {"executionpolicy", "ex", "ep", OPT_EXECUTION_POLICY},
    {"engine", "eng", NULL, OPT_ENGINE},
};

static const char usage_text[] =
    "Usage: hvsh [-NoProfile] [-NoLogo] [-NonInteractive] [-NoExit] [-NoColor]\n"
    "            [-WorkingDirectory <directory>] [-Engine <uri>]\n"
    "            [[-File] <filePath> [args] | -Command { - | <command> }]\n"
    "       hvsh [-Engine <uri>] --host-start | --host-stop\n"
    "       hvsh -Version | -Help\n"
    "\n"
    "  -File, -f <filePath> [args]\n"
    "      Runs the script with the remaining arguments as its $args, or bound\n"
    "      to its param() block (-Name value). The first argument that is not\n"
    "      an option is taken as the file. \"-\" reads the script from standard\n"
    "      input.\n"
    "  -Command, -c <command> | -\n"
    "      Runs the remaining arguments, joined with spaces, as one command\n"
    "      line, then exits. \"-\" reads the commands from standard input.\n"
    "  -NoProfile, -nop\n"
    "      Does not run the profile script ($PROFILE).\n"
    "  -NoLogo, -nol\n"
    "      Does not show the version line when the interactive shell starts.\n"
    "  -NonInteractive, -noni\n"
    "      Never prompts: Read-Host, confirmations and missing mandatory\n"
    "      parameters fail with an error instead.\n"
    "  -NoExit, -noe\n"
    "      Opens the interactive shell after the -File or -Command has run.\n"
    "  -NoColor, -noc\n"
    "      Never colours errors, warnings and verbose lines (as NO_COLOR does).\n"
    "  -WorkingDirectory, -wd <directory>\n"
    "      Starts in the given directory.\n"
    "  -Engine, -eng <uri>\n"
    "      Runs virtual machines through the libvirt URI given (qemu:///system,\n"
    "      qemu:///session, qemu:///embed?root=DIR ...), ahead of HVSH_ENGINE\n"
    "      and the engine named in hvsh.conf.\n"
    "  --host-start, --host-stop\n"
    "      Starts or stops the host's virtual machines as their automatic start\n"
    "      and stop actions say (Set-VM), one line per virtual machine; what\n"
    "      hvsh-host.service runs when the host boots and shuts down.\n"
    "  -ExecutionPolicy, -ep <policy>\n"
    "      Accepted for compatibility and ignored, as on every non-Windows host.\n"
    "  -Version, -v\n"
    "      Prints hvsh's version and exits.\n"
    "  -Help, -h, -?\n"
    "      Prints this text and exits.\n"
    "\n"
    "Options are case-insensitive and may be shortened (-nop for -NoProfile).\n"
    "Without -File or -Command, hvsh opens the interactive shell when standard\n"
    "input is a terminal, and otherwise runs standard input as a script.\n"
    "Exit status: 0, 1 after a terminating error or a failed last command,\n"
    "N after `exit N`, 64 for an unusable command line.\n";

/* ------------------------------------------------------------------ */
/* the command line */

static int bad_command_line(const char *message)
{
	fprintf(stderr, "%s\n", message);
	return EXIT_BAD_COMMAND_LINE;
}

static const struct option_def *find_option(const char *key)
{
	size_t n = strlen(key);
	for (size_t i = 0; i < sizeof option_defs / sizeof option_defs[0]; i++) {
		const struct option_def *d = &option_defs[i];
		if (d->alias && str_ieq(key, d->alias))
			return d;
		if (n >= strlen(d->shortest) && n <= strlen(d->name) && str_iprefix(d->name, key))
			return d;
	}
	return NULL;
}

static char *join_args(char **args, int n)
{
	sh_buf b = {0};
	for (int i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, ' ');
		buf_puts(&b, args[i]);
	}
	return buf_detach(&b);
}

static void take_script(cli_options *o, char **argv, int argc, int i)
{
	o->mode = MODE_FILE;
	o->file = argv[i];
	o->script_args = argv + i + 1;
	o->nscript_args = argc - i - 1;
}

/* Fills `o`. Returns -1 to go on, or the exit code when hvsh is done
 * (help, version, or a command line it cannot use). */
static int parse_command_line(int argc, char **argv, cli_options *o)
{
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (arg[0] != '-' || arg[1] == 0) {
			take_script(o, argv, argc, i);
			return -1;
		}
		const char *key = arg + 1;
		if (*key == '-')
			key++;
		if (*key == 0) { /* "--": what follows is the script and its arguments */
			if (i + 1 < argc)
				take_script(o, argv, argc, i + 1);
			return -1;
		}
		const struct option_def *d = find_option(key);
		if (!d) {
			fprintf(stderr, "hvsh: unknown option '%s'\n", arg);
			fputs(usage_text, stderr);
			return EXIT_BAD_COMMAND_LINE;
		}
		switch (d->id) {
		case OPT_COMMAND:
			if (i + 1 >= argc)
				return bad_command_line("Cannot process the command because of a "
				                        "missing parameter. A command must follow "
				                        "-Command.");
			if (strcmp(argv[i + 1], "-") == 0 && i + 2 < argc)
				return bad_command_line(
				    "'-' was specified with the -Command parameter; "
				    "no other arguments to -Command are permitted.");
			o->mode = MODE_COMMAND;
			o->command = join_args(argv + i + 1, argc - i - 1);
			return -1;
		case OPT_FILE:
			if (i + 1 >= argc)
				return bad_command_line(
				    "The command cannot be run because the File "
				    "parameter requires a file path. Supply a path "
				    "for the File parameter and then try the "
				    "command again.");
			take_script(o, argv, argc, i + 1);
			return -1;
		case OPT_WORKING_DIRECTORY:
			if (++i >= argc)
				return bad_command_line(
				    "Cannot process the command because "
				    "-WorkingDirectory requires an argument that is "
				    "a directory path.");
			o->working_directory = argv[i];
			break;
		case OPT_ENGINE:
			if (++i >= argc || !*argv[i])
				return bad_command_line(
				    "Cannot process the command because -Engine "
				    "requires an argument that is a libvirt URI.");
			o->engine = argv[i];
			break;
		case OPT_EXECUTION_POLICY:
			if (++i >= argc)
				return bad_command_line(
				    "Cannot process the execution policy because of "
				    "a missing policy name. A policy name must follow "
				    "-ExecutionPolicy.");
			break;
		case OPT_NO_PROFILE:
			o->no_profile = true;
			break;
		case OPT_NO_LOGO:
			o->no_logo = true;
			break;
		case OPT_NON_INTERACTIVE:
			o->non_interactive = true;
			break;
		case OPT_NO_EXIT:
			o->no_exit = true;
			break;
		case OPT_NO_COLOR:
			o->no_color = true;
			break;
		case OPT_VERSION:
			printf("hvsh %s\n", HVSH_VERSION_STRING);
			return 0;
		case OPT_HELP:
			fputs(usage_text, stdout);
			return 0;
		}
	}
	return -1;
}

/* ------------------------------------------------------------------ */
/* script text */

/* Scripts saved by Windows editors often start with a UTF-8 byte order mark. */
static const char *skip_bom(const char *text, size_t *len)
{
	if (*len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		*len -= 3;
		return text + 3;
	}
	return text;
}

/* Loads the script `path` names. Returns NULL after reporting why it cannot. */
static char *load_script(const char *path, size_t *len)
{
	if (strcmp(path, "-") == 0) {
		char *text = read_whole_fd(STDIN_FILENO, len);
		if (!text)
			fprintf(stderr, "hvsh: cannot read standard input: %s\n", strerror(errno));
		return text;
	}
	struct stat st;
	if (stat(path, &st) != 0 || S_ISDIR(st.st_mode)) {
		fprintf(stderr,
		        "The argument '%s' is not recognized as the name of a script file. Check "
		        "the spelling of the name, or if a path was included, verify that the "
		        "path is correct and try again.\n",
		        path);
		return NULL;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *text = fd < 0 ? NULL : read_whole_fd(fd, len);
	if (!text)
		fprintf(stderr, "hvsh: cannot read '%s': %s\n", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return text;
}

static int run_text(sh_interp *in, const char *text, size_t len, const char *file, char **args,
                    int nargs)
{
	text = skip_bom(text, &len);
	sh_value **values = nargs ? xmalloc((size_t)nargs * sizeof *values) : NULL;
	for (int i = 0; i < nargs; i++)
		values[i] = sh_string(args[i]);
	int code = sh_run_source(in, text, len, file, values, (size_t)nargs);
	for (int i = 0; i < nargs; i++)
		sh_unref(values[i]);
	free(values);
	fflush(stdout);
	return code;
}

/* ------------------------------------------------------------------ */
/* the host */

static void setup_host(sh_interp *in, const cli_options *o)
{
	sh_host_settings *host = sh_interp_host(in);
	const char *no_color = getenv("NO_COLOR");
	host->interactive = isatty(STDIN_FILENO) && !o->non_interactive;
	host->color = isatty(STDOUT_FILENO) && isatty(STDERR_FILENO) && !(no_color && *no_color) &&
	              !o->no_color;
	host->width = sh_repl_terminal_width();
}

/* The engine is loaded later, by the first VM cmdlet, and knows nothing of
 * the command line: -Engine reaches it as HVSH_ENGINE, which also carries
 * the choice to any hvsh started from this one. HVSH_ENGINE_SOURCE tells
 * the engine the value came from -Engine (for Get-VMHost's EngineReason);
 * without -Engine it is removed, so that one inherited from a parent hvsh
 * cannot mislabel an HVSH_ENGINE set by the user. */
static void select_engine(const cli_options *o)
{
	if (o->engine) {
		setenv("HVSH_ENGINE", o->engine, 1);
		setenv("HVSH_ENGINE_SOURCE", "command-line", 1);
	} else {
		unsetenv("HVSH_ENGINE_SOURCE");
	}
}

/* $PROFILE is set whether or not the profile runs, as in pwsh. */
static char *profile_path(void)
{
	const char *config = getenv("XDG_CONFIG_HOME");
	if (config && *config == '/')
		return xasprintf("%s/hvsh/profile.ps1", config);
	const char *home = getenv("HOME");
	return xasprintf("%s/.config/hvsh/profile.ps1", home && *home ? home : "");
}

/* The profile is dot-sourced, as pwsh does, so that its functions, aliases
 * and variables land in the global scope. */
static void run_profile(sh_interp *in, const char *path)
{
	if (access(path, F_OK) != 0)
		return;
	sh_buf command = {0};
	buf_puts(&command, ". '");
	for (const char *p = path; *p; p++) {
		if (*p == '\'')
			buf_putc(&command, '\'');
		buf_putc(&command, *p);
	}
	buf_putc(&command, '\'');
	sh_run_source(in, command.data, command.len, NULL, NULL, 0);
	fflush(stdout);
	buf_free(&command);
}

/* ------------------------------------------------------------------ */

int sh_main(int argc, char **argv, void (*register_commands)(sh_interp *in))
{
	cli_options o = {0};
	int code = parse_command_line(argc, argv, &o);
	if (code >= 0) {
		free(o.command);
		return code;
	}
	bool stdin_terminal = isatty(STDIN_FILENO);
	if (o.mode == MODE_COMMAND && strcmp(o.command, "-") == 0 && stdin_terminal) {
		free(o.command);
		return bad_command_line(
		    "'-' was specified as the argument to -Command but standard "
		    "input has not been redirected for this process.");
	}

	/* A script that cannot be read is a command-line error: report it before
	 * any profile runs. */
	char *script = NULL;
	size_t script_len = 0;
	const char *script_name = NULL;
	if (o.mode == MODE_FILE) {
		script = load_script(o.file, &script_len);
		if (!script)
			return EXIT_BAD_COMMAND_LINE;
		if (strcmp(o.file, "-") != 0)
			script_name = o.file;
	} else if (o.mode == MODE_COMMAND && strcmp(o.command, "-") == 0) {
		script = load_script("-", &script_len);
		if (!script) {
			free(o.command);
			return EXIT_BAD_COMMAND_LINE;
		}
	} else if (o.mode == MODE_DEFAULT && !stdin_terminal) {
		script = load_script("-", &script_len);
		if (!script)
			return EXIT_BAD_COMMAND_LINE;
	}

	select_engine(&o);
	sh_interp *in = sh_interp_new();
	register_commands(in);
	sh_catch_interrupts();
	setup_host(in, &o);
	if (o.working_directory) {
		char *error = NULL;
		if (sh_set_location(in, o.working_directory, &error) != 0) {
			fprintf(stderr, "hvsh: %s\n", error ? error : o.working_directory);
			free(error);
		}
	}
	char *profile = profile_path();
	sh_var_set(in, "PROFILE", sh_string(profile));
	if (!o.no_profile)
		run_profile(in, profile);
	free(profile);

	code = 0;
	bool loop = o.no_exit;
	if (sh_exit_requested(in, &code)) {
		loop = false;
	} else if (script) {
		code = run_text(in, script, script_len, script_name, o.script_args, o.nscript_args);
	} else if (o.mode == MODE_COMMAND) {
		code = run_text(in, o.command, strlen(o.command), NULL, NULL, 0);
	} else {
		loop = true;
	}
	if (loop && !sh_exit_requested(in, NULL))
		code = sh_repl_run(in, o.mode == MODE_DEFAULT && stdin_terminal && !o.no_logo);

	free(script);
	free(o.command);
	sh_interp_free(in);
	fflush(stdout);
	return code;
}
