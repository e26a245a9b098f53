#include "cmds.h"

void cmd_register_all(sh_interp *in)
{
	static const sh_cmdlet *const families[] = {
	    cmd_object_cmdlets,     cmd_data_cmdlets,       cmd_format_cmdlets,
	    cmd_utility_cmdlets,    cmd_item_cmdlets,       cmd_help_cmdlets,
	    cmd_variable_cmdlets,   cmd_progress_cmdlets,   cmd_history_cmdlets,
	    cmd_vm_cmdlets,         cmd_vmdrive_cmdlets,    cmd_vmnic_cmdlets,
	    cmd_vmhardware_cmdlets, cmd_vmfirmware_cmdlets,
	};
	for (size_t i = 0; i < sizeof families / sizeof families[0]; i++)
		sh_register_cmdlets(in, families[i]);
}
