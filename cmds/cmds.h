/*
 * cmds.h - the cmdlet families hvsh ships, one array of sh_cmdlet entries
 * per noun family (one file each), and the function that registers them.
 */
#ifndef CMD_CMDS_H
#define CMD_CMDS_H

#include "../shell/cmdlet.h"

extern const sh_cmdlet cmd_object_cmdlets[];   /* object.c: Where-Object, Sort-Object ... */
extern const sh_cmdlet cmd_data_cmdlets[];     /* data.c: JSON and CSV */
extern const sh_cmdlet cmd_format_cmdlets[];   /* format.c: Format-*, Out-* */
extern const sh_cmdlet cmd_utility_cmdlets[];  /* utility.c: Write-*, Get-Date, Read-Host ... */
extern const sh_cmdlet cmd_item_cmdlets[];     /* item.c: files, locations, content */
extern const sh_cmdlet cmd_help_cmdlets[];     /* help.c: Get-Command, Get-Help */
extern const sh_cmdlet cmd_variable_cmdlets[]; /* variable.c: variables and aliases */
extern const sh_cmdlet cmd_history_cmdlets[];  /* history.c: Get-, Invoke-, Clear-History */
extern const sh_cmdlet cmd_progress_cmdlets[]; /* progress.c: Write-Progress */
extern const sh_cmdlet cmd_vm_cmdlets[];       /* vm.c: New-VM, Get-VM, Start-VM ... */
/* vmdrive.c: hard disk, DVD and floppy drives, IDE and SCSI controllers */
extern const sh_cmdlet cmd_vmdrive_cmdlets[];
/* vmnic.c: network adapters */
extern const sh_cmdlet cmd_vmnic_cmdlets[];
/* vmhardware.c: processor, memory, COM ports */
extern const sh_cmdlet cmd_vmhardware_cmdlets[];
/* vmfirmware.c: BIOS, UEFI firmware */
extern const sh_cmdlet cmd_vmfirmware_cmdlets[];

/* host.c: `hvsh [-Engine URI] --host-start` or `--host-stop`; the exit
 * code, or -1 when the command line is not one of them. */
int cmd_host_command(int argc, char **argv);

/* Registers every family and the default views of their output types. */
void cmd_register_all(sh_interp *in);

#endif
