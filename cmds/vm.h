/*
 * vm.h - what the virtual machine cmdlet families share (cmds/vm.c
 * defines it): the engine, loaded and connected on first use; Hyper-V's
 * error and warning manners; finding the VMs a command addresses; the
 * VirtualMachine object; and the parameters every Hyper-V cmdlet carries.
 */
#ifndef CMD_VM_H
#define CMD_VM_H

#include <stdbool.h>

#include "../engine/engine.h"
#include "../shell/cmdlet.h"

#define TYPE_VM      "Microsoft.HyperV.PowerShell.VirtualMachine"
#define VIRT_EXC     "Microsoft.HyperV.PowerShell.VirtualizationException"
#define VIRT_ARG_EXC "Microsoft.HyperV.PowerShell.VirtualizationInvalidArgumentException"

/* The engine's table, loaded and connected; NULL after throwing the
 * reason (*st is the status to return). */
const eng_api *vm_engine(sh_cmd *c, sh_status *st);
/* An engine failure as a non-terminating error in Hyper-V's manner: what
 * failed, then the engine's detail (freed here). */
sh_status vm_engine_error(sh_cmd *c, sh_error_category cat, const char *id, sh_value *target,
                          const char *what, char *detail);
/* A non-terminating error with a formatted message: the exception type,
 * category and error id as Hyper-V reports them, and the target's text
 * (NULL: none). */
sh_status vm_errorf(sh_cmd *c, const char *exception, sh_error_category cat, const char *id,
                    const char *target, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Input that cannot be used, in Hyper-V's manner. */
#define vm_bad_input(c, target, ...)                                                               \
	vm_errorf(c, VIRT_ARG_EXC, SH_CAT_INVALID_ARGUMENT, "InvalidParameter", target, __VA_ARGS__)
/* -VMSnapshot: this host keeps no checkpoints yet. */
sh_status vm_no_checkpoints(sh_cmd *c);
/* An engine failure (rc, one of engine.h's ENG_E* codes, or -1) in
 * Hyper-V's manner: the category and id rc implies, `what` failed (NULL:
 * only the detail), then the engine's detail (freed here). */
sh_status vm_engine_failed(sh_cmd *c, int rc, const char *vm_name, const char *what, char *detail);
/* A warning for each of `names` (NULL-terminated) that is bound to a
 * value: the parameter is accepted, as Hyper-V documents it, and has no
 * effect here. */
void vm_warn_no_effect(sh_cmd *c, const char *const *names);
/* CimSession, ComputerName, Credential, AsJob. */
extern const char *const vm_remote_params[];

/* The VMs the command addresses, in order, each once: by -Name (wildcard
 * patterns; a plain name that matches nothing is an error), by -VM objects,
 * or all when neither is bound and `all_by_default`. *out is an array of
 * indexes into vms. */
typedef struct vm_set {
	eng_vm *vms;
	size_t n;
	size_t *pick;
	size_t npick;
} vm_set;

void vm_set_free(const eng_api *api, vm_set *s);
/* Fills s from -Name (or -VMName), -VM, -Id and -ClusterObject; every VM
 * when none is bound and all_by_default. */
sh_status vm_select(sh_cmd *c, const eng_api *api, vm_set *s, bool all_by_default);

/* The index in s->vms of the VM an object's VMId names, or -1 after the
 * error (*st). */
long vm_index_of_object(sh_cmd *c, const vm_set *s, sh_value *o, sh_status *st);
/* As vm_select, and the VMs of the device objects of parameter `devices`
 * (their VMId) when it is bound. */
sh_status vm_select_devices(sh_cmd *c, const eng_api *api, vm_set *s, const char *devices);
/* Adds, after an object's own type names, those of the classes every
 * Hyper-V object of a VM derives from (VMComponentObject ...): a device
 * binds where a cmdlet takes any, as Set-VMFirmware -FirstBootDevice. */
void vm_component_typenames(sh_value *o);
/* What every device object carries after its own properties: VMId,
 * VMName, the (empty) checkpoint, ComputerName, IsDeleted; and the type
 * names of vm_component_typenames. */
void vm_device_notes(sh_value *o, const char *vm_name, const char *vm_id);

/* The host's short name (ComputerName of every object), malloc'd. */
char *vm_host_name(void);
/* A VirtualMachine object. */
sh_value *vm_object(const eng_vm *v);
/* Emits v as the engine sees it now (after a change), for -Passthru. */
sh_status vm_emit_fresh(sh_cmd *c, const eng_api *api, const eng_vm *v);
/* Registers the VirtualMachine and VMHost views (a begin step). */
sh_status vm_views_begin(sh_cmd *c);
/* "Could not find Ethernet switch 'NAME'.": this host has no virtual
 * switches yet. */
sh_status vm_no_switch(sh_cmd *c, const char *name);
/* Completes VM names (a parameter's completer). */
void vm_complete_name(sh_interp *in, const char *word, sh_value *out);

#define REMOTE_PARAMS(in_sets) REMOTE_PARAMS_ALIASED(in_sets, NULL)
/* The same, -ComputerName with aliases (PSComputerName, for some). */
#define REMOTE_PARAMS_ALIASED(in_sets, cn_aliases)                                                 \
	{.name = "CimSession",                                                                     \
	 .type = SH_P_OBJECT,                                                                      \
	 .flags = SH_PF_ARRAY,                                                                     \
	 .position = -1,                                                                           \
	 .sets = in_sets,                                                                          \
	 .type_name = "CimSession[]",                                                              \
	 .help = "Runs the cmdlet in a remote session or on a remote computer. Not supported on "  \
	         "this host yet: accepted and ignored with a warning."},                           \
	    {.name = "ComputerName",                                                               \
	     .type = SH_P_STRING,                                                                  \
	     .flags = SH_PF_ARRAY,                                                                 \
	     .position = -1,                                                                       \
	     .sets = in_sets,                                                                      \
	     .aliases = cn_aliases,                                                                \
	     .help = "Specifies the Hyper-V hosts to run the cmdlet on. Only the local host is "   \
	             "supported yet: accepted and ignored with a warning."},                       \
	{                                                                                          \
		.name = "Credential", .type = SH_P_CREDENTIAL, .flags = SH_PF_ARRAY,               \
		.position = -1, .sets = in_sets, .type_name = "PSCredential[]",                    \
		.help = "Specifies credentials for the remote hosts. Accepted and ignored with a " \
		        "warning."                                                                 \
	}

/* The parameters the device cmdlets share: -VMName (names, wildcards),
 * -VM (objects from Get-VM), -VMSnapshot (always an error: no checkpoints
 * yet) and -Passthru. */
#define VM_NAME_PARAM(in_flags)                                                                    \
	{                                                                                          \
		.name = "VMName", .type = SH_P_STRING,                                             \
		.flags = SH_PF_ARRAY | SH_PF_MANDATORY | (in_flags), .position = 0,                \
		.sets = "VMName", .completer = vm_complete_name,                                   \
		.help = "Specifies the names of the virtual machines; wildcards are permitted."    \
	}
#define VM_OBJECT_PARAM                                                                            \
	{                                                                                          \
		.name = "VM", .type = SH_P_OBJECT,                                                 \
		.flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE, .position = 0,            \
		.sets = "VMObject", .type_name = "VirtualMachine[]",                               \
		.help = "Specifies the virtual machines, as objects from Get-VM."                  \
	}
#define VM_SNAPSHOT_PARAM                                                                          \
	{                                                                                          \
		.name = "VMSnapshot", .type = SH_P_OBJECT,                                         \
		.flags = SH_PF_MANDATORY | SH_PF_PIPELINE, .position = 0, .sets = "VMSnapshot",    \
		.aliases = "VMCheckpoint", .type_name = "VMSnapshot",                              \
		.help = "Specifies a checkpoint. This host keeps no checkpoints yet: any value "   \
		        "is an error saying so."                                                   \
	}
#define VM_PASSTHRU_PARAM(in_help)                                                                 \
	{                                                                                          \
		.name = "Passthru", .type = SH_P_SWITCH, .position = -1, .help = in_help           \
	}

#define ASJOB_PARAM                                                                                \
	{                                                                                          \
		.name = "AsJob", .type = SH_P_SWITCH, .position = -1,                              \
		.help = "Runs the cmdlet as a background job. Not supported yet: the cmdlet runs " \
		        "in the "                                                                  \
		        "foreground, with a warning."                                              \
	}

#endif
