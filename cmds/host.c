/*
 * host.c - `hvsh --host-start` and `hvsh --host-stop`: what the host's
 * service manager runs when the host boots and shuts down
 * (scripts/systemd/hvsh-host.service), applying every VM's automatic
 * start and stop actions (engine/autostart.c).
 *
 * They are options of hvsh's own rather than cmdlets: Hyper-V's host does
 * this by itself, with nothing to type. Each prints one line per VM acted
 * on, for the service's log, and exits 1 when any VM failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../engine/engine.h"
#include "cmds.h"

/* How long a shutdown waits (HVSH_STOP_TIMEOUT seconds overrides), as
 * Stop-VM. */
#define HOST_STOP_TIMEOUT_S 60

static void report(void *ctx, const char *vm_name, const char *done, const char *error)
{
	(void)ctx;
	if (error)
		fprintf(stderr, "hvsh: '%s': %s\n", vm_name, error);
	else
		printf("'%s' %s\n", vm_name, done);
	fflush(stdout);
}

/* "-Name" or "--Name", case-insensitive. */
static bool is_option(const char *arg, const char *name)
{
	if (arg[0] != '-')
		return false;
	arg += arg[1] == '-' ? 2 : 1;
	return strcasecmp(arg, name) == 0;
}

int cmd_host_command(int argc, char **argv)
{
	int i = 1;
	if (argc == 4 && (is_option(argv[1], "Engine") || is_option(argv[1], "eng"))) {
		setenv("HVSH_ENGINE", argv[2], 1);
		setenv("HVSH_ENGINE_SOURCE", "command-line", 1);
		i = 3;
	} else if (argc != 2) {
		return -1;
	}
	bool start = is_option(argv[i], "host-start");
	if (!start && !is_option(argv[i], "host-stop"))
		return -1;
	char *err = NULL;
	const eng_api *api = eng_load(&err);
	int failures = -1;
	if (api) {
		const char *env = getenv("HVSH_STOP_TIMEOUT");
		int s = env && *env ? atoi(env) : HOST_STOP_TIMEOUT_S;
		int timeout_ms = (s > 0 ? s : HOST_STOP_TIMEOUT_S) * 1000;
		failures = start ? api->host_start(report, NULL, &err)
		                 : api->host_stop(timeout_ms, report, NULL, &err);
		api->disconnect();
	}
	if (failures < 0) {
		fprintf(stderr, "hvsh: %s\n",
		        err ? err : "the host's virtual machines are unreachable");
		free(err);
		return 1;
	}
	return failures > 0;
}
