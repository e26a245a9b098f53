/*
 * fuzz_eval.c - libFuzzer target for the evaluator: any text is parsed and,
 * when it parses, run by a fresh interpreter with the pure cmdlet families
 * (objects, data, formatting, variables, help). It must never crash, leak
 * or trip a sanitizer, whatever it computes.
 *
 * Safety: fuzz input can say `> /etc/passwd` or `& /bin/rm`. Before the
 * first input the process chroots into its working directory, which `make
 * fuzz` makes an empty one of its own (holding only the corpus and the
 * artifacts, named relative to it): every path the input names lands
 * inside, and no program exists there (LeakSanitizer gets a /proc there,
 * mounted in a namespace of the process's own). Without root, or where the working
 * directory holds programs, the target refuses to run. Each input gets a
 * 200 ms budget, enforced the way Ctrl+C is (the interrupt flag every loop
 * and pipeline checks), so `while ($true) {}` ends instead of timing out.
 * Run it with -close_fd_mask=3: the interpreter writes output and errors.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <unistd.h>

#include "../../cmds/cmds.h"
#include "../../shell/interp.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_alarm(int sig)
{
	(void)sig;
	sh_request_interrupt();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* LeakSanitizer reads /proc: give the jail its own, in a mount
	   namespace of this process so that nothing outlives it. */
	mkdir("proc", 0555);
	/* -close_fd_mask points stdout and stderr at /dev/null after this */
	mkdir("dev", 0755);
	if (mknod("dev/null", S_IFCHR | 0666, makedev(1, 3)) != 0 && errno != EEXIST) {
		perror("fuzz_eval: dev/null");
		exit(2);
	}
	if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
	    mount("proc", "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0 ||
	    chroot(".") != 0 || chdir("/") != 0 || access("/bin", F_OK) == 0 ||
	    access("/usr", F_OK) == 0) {
		fprintf(stderr, "fuzz_eval: run it as root from an empty directory of its own "
		                "(make fuzz does): it chroots there\n");
		exit(2);
	}
	setenv("PATH", "/nonexistent", 1);
	struct sigaction sa = {0};
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sh_interp *in = sh_interp_new();
	sh_register_cmdlets(in, cmd_object_cmdlets);
	sh_register_cmdlets(in, cmd_data_cmdlets);
	sh_register_cmdlets(in, cmd_format_cmdlets);
	sh_register_cmdlets(in, cmd_variable_cmdlets);
	sh_register_cmdlets(in, cmd_help_cmdlets);
	struct itimerval budget = {.it_value = {.tv_sec = 0, .tv_usec = 200000}};
	setitimer(ITIMER_REAL, &budget, NULL);
	sh_run_source(in, (const char *)data, size, NULL, NULL, 0);
	struct itimerval off = {0};
	setitimer(ITIMER_REAL, &off, NULL);
	sh_interp_free(in);
	return 0;
}
