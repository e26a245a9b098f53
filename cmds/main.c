/* hvsh's entry point: the shell's command line, with hvsh's cmdlets. */
#include "../shell/cli.h"
#include "cmds.h"

int main(int argc, char **argv)
{
	int code = cmd_host_command(argc, argv);
	if (code >= 0)
		return code;
	return sh_main(argc, argv, cmd_register_all);
}
