/*
 * vm.c - the virtual machine cmdlets: Get-VMHost, New-VM, Get-VM,
 * Start-VM, Stop-VM, Suspend-VM, Resume-VM, Restart-VM, Save-VM,
 * Remove-VM, Rename-VM and Set-VM, with Hyper-V's names, parameters,
 * objects and messages, over the engine (engine/engine.h).
 *
 * Set-VM and Rename-VM apply everything asked of one VM in one engine call
 * (eng_api.set_vm), which refuses, changing nothing, what Hyper-V
 * refuses for a running VM. Settings whose effect is not there yet
 * (dynamic memory, checkpoint type) are kept and shown by Get-VM, so
 * scripts that set them work today.
 *
 * The engine is a shared object loaded, and its connection opened, by the
 * first cmdlet here that runs (engine()): a shell that never touches a VM
 * never pays for libvirt. A failure to load or connect is a terminating
 * error naming the cause.
 *
 * Objects. A VM is a Microsoft.HyperV.PowerShell.VirtualMachine object
 * with Hyper-V's property names; it carries its Id (a System.Guid), which
 * is how the cmdlets that receive it through the pipeline find the VM
 * again, so a renamed VM is still found. Names are matched as Hyper-V
 * does: wildcards, case-insensitively; a name without wildcards that
 * matches nothing is an error in Hyper-V's words.
 *
 * Parameters that have no meaning on this host (remote hosts, CIM
 * sessions, jobs ...) are accepted, as Hyper-V documents them, and a
 * warning says they have no effect.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../engine/engine.h"
#include "../shell/convert.h"
#include "../shell/format.h"
#include "../shell/interp.h"
#include "../shell/methods.h"
#include "cmds.h"
#include "vm.h"

#define TYPE_VMHOST "Microsoft.HyperV.PowerShell.VMHost"

/* How long a graceful Stop-VM waits for the guest (HVSH_STOP_TIMEOUT
 * seconds overrides). */
#define STOP_TIMEOUT_S 60

/* ---- the engine, loaded and connected on first use ---- */

static const char engine_key = 0;

static void engine_release(void *data)
{
	const eng_api *api = data;
	api->disconnect();
}

/* The engine's table, connected; NULL after throwing the reason. */
const eng_api *vm_engine(sh_cmd *c, sh_status *st)
{
	sh_interp *in = sh_cmd_interp(c);
	const eng_api *api = sh_interp_attached(in, &engine_key);
	if (api)
		return api;
	char *err = NULL;
	api = eng_load(&err);
	if (!api || api->connect(&err) < 0) {
		sh_error_info info = {.message = err,
		                      .exception_type = VIRT_EXC,
		                      .category = SH_CAT_RESOURCE_UNAVAILABLE,
		                      .error_id = "EngineUnavailable"};
		*st = sh_throw(c, &info);
		free(err);
		return NULL;
	}
	sh_interp_attach(in, &engine_key, (void *)api, engine_release, NULL);
	return api;
}

/* An engine failure as a non-terminating error, message in Hyper-V's
 * manner: what failed, then the engine's detail. */
sh_status vm_engine_error(sh_cmd *c, sh_error_category cat, const char *id, sh_value *target,
                          const char *what, char *detail)
{
	char *msg = detail && *detail ? xasprintf("%s %s.", what, detail) : xstrdup(what);
	size_t n = strlen(msg);
	if (n >= 2 && msg[n - 2] == '.' && msg[n - 1] == '.')
		msg[n - 1] = '\0';
	sh_error_info info = {.message = msg,
	                      .exception_type = VIRT_EXC,
	                      .category = cat,
	                      .error_id = id,
	                      .target = target};
	sh_status st = sh_write_error(c, &info);
	free(msg);
	free(detail);
	return st;
}

sh_status vm_errorf(sh_cmd *c, const char *exception, sh_error_category cat, const char *id,
                    const char *target, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		abort();
	va_end(ap);
	sh_value *t = target ? sh_string(target) : NULL;
	sh_error_info info = {.message = msg,
	                      .exception_type = exception,
	                      .category = cat,
	                      .error_id = id,
	                      .target = t};
	sh_status st = sh_write_error(c, &info);
	sh_unref(t);
	free(msg);
	return st;
}

sh_status vm_engine_failed(sh_cmd *c, int rc, const char *vm_name, const char *what, char *detail)
{
	sh_error_category cat = SH_CAT_INVALID_OPERATION;
	const char *id = "OperationFailed", *exception = VIRT_EXC;
	switch (rc) {
	case ENG_ENOTFOUND:
	case ENG_ENODEVICE:
	case ENG_ENOFILE:
		cat = SH_CAT_OBJECT_NOT_FOUND;
		id = "ObjectNotFound";
		break;
	case ENG_EINVAL:
		cat = SH_CAT_INVALID_ARGUMENT;
		id = "InvalidParameter";
		exception = VIRT_ARG_EXC;
		break;
	case ENG_ESTATE:
		id = "InvalidState";
		break;
	case ENG_EEXIST:
		cat = SH_CAT_RESOURCE_EXISTS;
		id = "ObjectExists";
		break;
	}
	const char *why = detail && *detail ? detail : "The engine gave no reason";
	size_t n = strlen(why);
	const char *stop = n && why[n - 1] == '.' ? "" : ".";
	sh_status st = what ? vm_errorf(c, exception, cat, id, vm_name, "%s %s%s", what, why, stop)
	                    : vm_errorf(c, exception, cat, id, vm_name, "%s%s", why, stop);
	free(detail);
	return st;
}

/* Parameters Hyper-V documents that mean nothing here yet. */
void vm_warn_no_effect(sh_cmd *c, const char *const *names)
{
	/* a $null bound from a piped object's property (every device object
	   has CimSession, empty here) says nothing */
	for (size_t i = 0; names[i]; i++)
		if (sh_param_bound(c, names[i]) && sh_param(c, names[i]))
			sh_write_warning(c,
			                 "The parameter -%s has no effect on this host yet; it is "
			                 "ignored.",
			                 names[i]);
}

const char *const vm_remote_params[] = {"CimSession", "ComputerName", "Credential", "AsJob", NULL};

/* ---- VirtualMachine objects ---- */

static const char *const state_names[] = {
    [ENG_VM_OFF] = "Off",           [ENG_VM_RUNNING] = "Running",
    [ENG_VM_PAUSED] = "Paused",     [ENG_VM_SAVED] = "Saved",
    [ENG_VM_STARTING] = "Starting", [ENG_VM_STOPPING] = "Stopping",
    [ENG_VM_OTHER] = "Other",       [ENG_VM_PAUSED_CRITICAL] = "PausedCritical",
};

static char *vm_to_string(sh_value *self)
{
	return xasprintf("VirtualMachine (Name = '%s') [Id = '%s']",
	                 sh_str(sh_object_note(self, "Name")),
	                 sh_str(sh_object_note(self, "VMId")));
}

static const sh_class vm_class = {.name = TYPE_VM, .to_string = vm_to_string};

/* Read once, as PowerShell reads $env:COMPUTERNAME: every listed object
 * carries it. */
char *vm_host_name(void)
{
	static char name[256];
	if (!name[0]) {
		char buf[256] = "localhost";
		gethostname(buf, sizeof buf - 1);
		buf[strcspn(buf, ".")] = '\0';
		memcpy(name, buf, sizeof name);
	}
	return xstrdup(name);
}

/* Hyper-V's device properties of a VirtualMachine, read when asked for:
 * listing many VMs reads none of them. */
static const struct {
	const char *name, *source;
} device_props[] = {
    {"ComPort1", "Get-VMComPort -VM $this -Number 1"},
    {"ComPort2", "Get-VMComPort -VM $this -Number 2"},
    {"DVDDrives", ",@(Get-VMDvdDrive -VM $this)"},
    {"FloppyDrive", "if ($this.Generation -eq 1) { Get-VMFloppyDiskDrive -VM $this }"},
    {"HardDrives", ",@(Get-VMHardDiskDrive -VM $this)"},
    {"NetworkAdapters", ",@(Get-VMNetworkAdapter -VM $this)"},
};
#define NDEVICE_PROPS (sizeof device_props / sizeof device_props[0])

sh_value *vm_object(const eng_vm *v)
{
	static sh_value *device_blocks[NDEVICE_PROPS];
	sh_value *o = sh_object_new(TYPE_VM);
	sh_object_add_typename(o, "Microsoft.HyperV.PowerShell.VirtualMachineBase");
	sh_object_set_native(o, &vm_class, NULL);
	char *host = vm_host_name();
	sh_object_set_note(o, "Name", sh_string(v->name));
	sh_object_set_note(o, "State", sh_string(state_names[v->state]));
	sh_object_set_note(o, "CPUUsage", sh_int(v->cpu_usage));
	sh_object_set_note(o, "MemoryAssigned", sh_long(v->memory_assigned));
	sh_object_set_note(o, "Uptime", sh_timespan(v->uptime_ms * (SH_TICKS_PER_SECOND / 1000)));
	sh_object_set_note(o, "Status", sh_string(v->status));
	sh_object_set_note(o, "Version", sh_string(v->version));
	sh_object_set_note(o, "Generation", sh_int(v->generation));
	sh_object_set_note(o, "Id", sh_guid_value(v->id));
	sh_object_set_note(o, "VMId", sh_string(v->id));
	sh_object_set_note(o, "VMName", sh_string(v->name));
	sh_object_set_note(o, "ComputerName", sh_string(host));
	sh_object_set_note(o, "Path", sh_string(v->path));
	sh_object_set_note(o, "ConfigurationLocation", sh_string(v->path));
	sh_object_set_note(o, "Notes", sh_string(v->notes));
	sh_object_set_note(o, "ProcessorCount", sh_long(v->processor_count));
	sh_object_set_note(o, "MemoryStartup", sh_long(v->memory_startup));
	sh_object_set_note(o, "DynamicMemoryEnabled", sh_bool(v->dynamic_memory));
	sh_object_set_note(o, "MemoryMinimum", sh_long(v->memory_minimum));
	sh_object_set_note(o, "MemoryMaximum", sh_long(v->memory_maximum));
	sh_object_set_note(o, "AutomaticStartAction", sh_string(v->automatic_start_action));
	sh_object_set_note(o, "AutomaticStopAction", sh_string(v->automatic_stop_action));
	sh_object_set_note(o, "AutomaticStartDelay", sh_int(v->automatic_start_delay));
	sh_object_set_note(o, "CheckpointType", sh_string(v->checkpoint_type));
	sh_object_set_note(o, "SnapshotFileLocation", sh_string(v->snapshot_file_location));
	sh_object_set_note(o, "IsDeleted", sh_bool(false));
	for (size_t i = 0; i < NDEVICE_PROPS; i++) {
		if (!device_blocks[i])
			device_blocks[i] = sh_scriptblock_from_source(device_props[i].source);
		sh_object_add_script_prop(o, device_props[i].name, sh_ref(device_blocks[i]));
	}
	free(host);
	return o;
}

static sh_value *memory_mb_cell(sh_interp *in, sh_value *o)
{
	(void)in;
	return sh_long(sh_long_of(sh_object_note(o, "MemoryAssigned")) / (1024 * 1024));
}

static const sh_view_column vm_columns[] = {
    {.header = "Name", .property = "Name", .align = SH_ALIGN_LEFT},
    {.header = "State", .property = "State", .align = SH_ALIGN_LEFT},
    {.header = "CPUUsage(%)", .property = "CPUUsage", .align = SH_ALIGN_LEFT},
    {.header = "MemoryAssigned(M)", .compute = memory_mb_cell, .align = SH_ALIGN_LEFT},
    {.header = "Uptime", .property = "Uptime", .align = SH_ALIGN_LEFT},
    {.header = "Status", .property = "Status", .align = SH_ALIGN_LEFT},
    {.header = "Version", .property = "Version", .align = SH_ALIGN_LEFT},
};
static const sh_view vm_view = {
    .type_name = TYPE_VM, .kind = SH_VIEW_TABLE, .columns = vm_columns, .ncolumns = 7};

static sh_value *capacity_mb_cell(sh_interp *in, sh_value *o)
{
	(void)in;
	return sh_double((double)sh_long_of(sh_object_note(o, "MemoryCapacity")) /
	                 (1024.0 * 1024.0));
}

static const sh_view_column host_columns[] = {
    {.header = "Name", .property = "Name", .align = SH_ALIGN_LEFT},
    {.header = "LogicalProcessorCount",
     .property = "LogicalProcessorCount",
     .align = SH_ALIGN_LEFT},
    {.header = "MemoryCapacity(M)", .compute = capacity_mb_cell, .align = SH_ALIGN_LEFT},
    {.header = "VirtualMachineMigrationEnabled",
     .property = "VirtualMachineMigrationEnabled",
     .align = SH_ALIGN_LEFT},
};
static const sh_view host_view = {
    .type_name = TYPE_VMHOST, .kind = SH_VIEW_TABLE, .columns = host_columns, .ncolumns = 4};

static void register_views(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	sh_view_register(&vm_view);
	sh_view_register(&host_view);
}

sh_status vm_views_begin(sh_cmd *c)
{
	(void)c;
	register_views();
	return SH_OK;
}

/* ---- finding VMs ---- */

static sh_status not_found(sh_cmd *c, const char *name)
{
	return vm_errorf(c, VIRT_EXC, SH_CAT_INVALID_ARGUMENT, "InvalidParameter", name,
	                 "Hyper-V was unable to find a virtual machine with name \"%s\".", name);
}

static sh_status id_not_found(sh_cmd *c, const char *id)
{
	return vm_errorf(c, VIRT_EXC, SH_CAT_INVALID_ARGUMENT, "InvalidParameter", id,
	                 "Hyper-V was unable to find a virtual machine with id \"%s\".", id);
}

void vm_set_free(const eng_api *api, vm_set *s)
{
	if (api)
		api->vms_free(s->vms, s->n);
	free(s->pick);
	memset(s, 0, sizeof *s);
}

static void pick(vm_set *s, size_t i)
{
	for (size_t k = 0; k < s->npick; k++)
		if (s->pick[k] == i)
			return;
	s->pick = xrealloc(s->pick, (s->npick + 1) * sizeof *s->pick);
	s->pick[s->npick++] = i;
}

/* The Id text of an object that stands for a VM (ours, or anything with
 * an Id or VMId property); NULL when it has none. Malloc'd. */
static char *id_of_object(sh_value *o)
{
	if (sh_kind_of(o) != SH_OBJECT)
		return NULL;
	sh_value *id = sh_object_note(o, "VMId");
	if (!id)
		id = sh_object_note(o, "Id");
	return id ? sh_to_string(id) : NULL;
}

static bool cmdlet_has_param(const sh_cmdlet *def, const char *name)
{
	for (const sh_param_def *p = def->params; p && p->name; p++)
		if (strcmp(p->name, name) == 0)
			return true;
	return false;
}

sh_status vm_select(sh_cmd *c, const eng_api *api, vm_set *s, bool all_by_default)
{
	char *err = NULL;
	if (api->list_vms(&s->vms, &s->n, &err) < 0)
		return vm_engine_error(c, SH_CAT_RESOURCE_UNAVAILABLE, "ListFailed", NULL,
		                       "Hyper-V was unable to list the virtual machines:", err);
	/* the device cmdlets address VMs by -VMName; their -Name is the
	   device's */
	sh_value *names = sh_param(c, "VMName");
	if (!names && !cmdlet_has_param(sh_cmd_def(c), "VMName"))
		names = sh_param(c, "Name");
	sh_value *vms = sh_param(c, "VM");
	sh_value *ids = sh_param(c, "Id");
	sh_value *cluster = sh_param(c, "ClusterObject");
	sh_status st = SH_OK;
	if (!names && !vms && !ids && !cluster) {
		if (all_by_default)
			for (size_t i = 0; i < s->n; i++)
				pick(s, i);
		return SH_OK;
	}
	for (size_t k = 0; names && k < sh_array_len(names) && st == SH_OK; k++) {
		const char *pat = sh_str(sh_array_get(names, k));
		bool wild = sh_has_wildcard(pat), any = false;
		for (size_t i = 0; i < s->n; i++)
			if (wild ? sh_wildcard_match(pat, s->vms[i].name, true)
			         : str_ieq(pat, s->vms[i].name)) {
				pick(s, i);
				any = true;
			}
		if (!any && !wild)
			st = not_found(c, pat);
	}
	sh_value *objs[2] = {vms, cluster};
	for (int w = 0; w < 2; w++) {
		sh_value *list = objs[w];
		size_t n = sh_kind_of(list) == SH_ARRAY ? sh_array_len(list) : list ? 1 : 0;
		for (size_t k = 0; k < n && st == SH_OK; k++) {
			sh_value *o = sh_kind_of(list) == SH_ARRAY ? sh_array_get(list, k) : list;
			char *id = id_of_object(o);
			char *name = id ? NULL : sh_to_string(o);
			if (sh_kind_of(o) == SH_OBJECT && !id) {
				sh_value *nm = sh_object_note(o, "Name");
				free(name);
				name = nm ? sh_to_string(nm) : NULL;
			}
			bool any = false;
			for (size_t i = 0; i < s->n; i++)
				if ((id && strcasecmp(id, s->vms[i].id) == 0) ||
				    (name && str_ieq(name, s->vms[i].name))) {
					pick(s, i);
					any = true;
				}
			if (!any)
				st = id ? id_not_found(c, id) : not_found(c, name ? name : "");
			free(id);
			free(name);
		}
	}
	if (ids && st == SH_OK) {
		/* a VM piped in binds here by value: its Id is the one */
		char *id = id_of_object(ids);
		if (!id)
			id = sh_to_string(ids);
		bool any = false;
		for (size_t i = 0; i < s->n; i++)
			if (strcasecmp(id, s->vms[i].id) == 0) {
				pick(s, i);
				any = true;
			}
		if (!any)
			st = id_not_found(c, id);
		free(id);
	}
	return st;
}

/* ---- the VMs of device objects ---- */

/* The VMId an object carries (malloc'd), or NULL. */
static char *vmid_of(sh_cmd *c, sh_value *o)
{
	if (sh_kind_of(o) != SH_OBJECT || !sh_object_find_prop(o, "VMId"))
		return NULL;
	sh_value *v = NULL;
	char *err = NULL;
	if (sh_get_member(sh_cmd_interp(c), o, "VMId", &v, &err) < 0)
		free(err);
	char *id = v ? sh_to_string(v) : NULL;
	sh_unref(v);
	return id;
}

long vm_index_of_object(sh_cmd *c, const vm_set *s, sh_value *o, sh_status *st)
{
	char *id = vmid_of(c, o);
	for (size_t i = 0; id && i < s->n; i++)
		if (strcasecmp(id, s->vms[i].id) == 0) {
			free(id);
			return (long)i;
		}
	free(id);
	char *text = sh_to_string(o);
	*st = vm_bad_input(c, text,
	                   "Hyper-V was unable to find the virtual machine of '%s': it names no "
	                   "virtual machine of this host by its VMId.",
	                   text);
	free(text);
	return -1;
}

sh_status vm_select_devices(sh_cmd *c, const eng_api *api, vm_set *s, const char *devices)
{
	sh_status st = vm_select(c, api, s, false);
	sh_value *list = devices ? sh_param(c, devices) : NULL;
	for (size_t k = 0; list && k < sh_array_len(list) && st == SH_OK; k++) {
		long i = vm_index_of_object(c, s, sh_array_get(list, k), &st);
		if (i >= 0)
			pick(s, (size_t)i);
	}
	return st;
}

void vm_component_typenames(sh_value *o)
{
	sh_object_add_typename(o, "Microsoft.HyperV.PowerShell.VMComponentObject");
	sh_object_add_typename(o, "Microsoft.HyperV.PowerShell.VirtualizationObject");
}

void vm_device_notes(sh_value *o, const char *vm_name, const char *vm_id)
{
	vm_component_typenames(o);
	char *host = vm_host_name();
	sh_object_set_note(o, "VMId", sh_guid_value(vm_id));
	sh_object_set_note(o, "VMName", sh_string(vm_name));
	/* no checkpoints yet: every object is the VM's own */
	sh_object_set_note(o, "VMSnapshotId",
	                   sh_guid_value("00000000-0000-0000-0000-000000000000"));
	sh_object_set_note(o, "VMSnapshotName", sh_string(""));
	sh_object_set_note(o, "CimSession", NULL);
	sh_object_set_note(o, "ComputerName", sh_string_take(host));
	sh_object_set_note(o, "IsDeleted", sh_bool(false));
}

/* ---- Get-VMHost ---- */

/* Emits the host as the engine sees it now. */
static sh_status emit_host(sh_cmd *c, const eng_api *api)
{
	eng_host h;
	char *err = NULL;
	if (api->host_info(&h, &err) < 0)
		return vm_engine_error(c, SH_CAT_RESOURCE_UNAVAILABLE, "HostInfoFailed", NULL,
		                       "Hyper-V was unable to read the host's properties:", err);
	sh_value *o = sh_object_new(TYPE_VMHOST);
	char *name = vm_host_name();
	sh_object_set_note(o, "Name", sh_string(name));
	sh_object_set_note(o, "ComputerName", sh_string(name));
	free(name);
	sh_object_set_note(o, "LogicalProcessorCount", sh_int(h.logical_processor_count));
	sh_object_set_note(o, "MemoryCapacity", sh_long(h.memory_capacity));
	sh_object_set_note(o, "VirtualMachineMigrationEnabled", sh_bool(false));
	sh_object_set_note(o, "VirtualMachinePath", sh_string(h.virtual_machine_path));
	sh_object_set_note(o, "VirtualHardDiskPath", sh_string(h.virtual_hard_disk_path));
	sh_object_set_note(o, "Engine", sh_string(h.engine_uri));
	sh_object_set_note(o, "EngineReason", sh_string(h.engine_reason));
	sh_object_set_note(o, "VirtualizationMode", sh_string(h.virtualization_mode));
	sh_object_set_note(o, "VirtualizationModeReason", sh_string(h.virtualization_reason));
	sh_object_set_note(o, "LibvirtVersion", sh_string(h.libvirt_version));
	sh_object_set_note(o, "QemuVersion", sh_string(h.qemu_version));
	sh_object_set_note(o, "FullyQualifiedDomainName", sh_string(h.name));
	api->host_free(&h);
	return sh_emit(c, o);
}

static sh_status get_vmhost_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	vm_warn_no_effect(c, vm_remote_params);
	sh_status st = SH_OK;
	const eng_api *api = vm_engine(c, &st);
	return api ? emit_host(c, api) : st;
}

/* ---- Set-VMHost ---- */

static sh_status set_vmhost_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	static const char *const no_effect[] = {"CimSession",
	                                        "ComputerName",
	                                        "Credential",
	                                        "EnableEnhancedSessionMode",
	                                        "FibreChannelWwnn",
	                                        "FibreChannelWwpnMaximum",
	                                        "FibreChannelWwpnMinimum",
	                                        "MacAddressMaximum",
	                                        "MacAddressMinimum",
	                                        "MaximumStorageMigrations",
	                                        "MaximumVirtualMachineMigrations",
	                                        "NumaSpanningEnabled",
	                                        "ResourceMeteringSaveInterval",
	                                        "UseAnyNetworkForMigration",
	                                        "VirtualMachineMigrationAuthenticationType",
	                                        "VirtualMachineMigrationPerformanceOption",
	                                        NULL};
	vm_warn_no_effect(c, no_effect);
	sh_status st = SH_OK;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	sh_interp *in = sh_cmd_interp(c);
	const char *vm_path = sh_param_str(c, "VirtualMachinePath");
	const char *vhd_path = sh_param_str(c, "VirtualHardDiskPath");
	/* relative to the current location, as PowerShell resolves paths */
	char *vm_full = vm_path ? sh_full_path(in, vm_path) : NULL;
	char *vhd_full = vhd_path ? sh_full_path(in, vhd_path) : NULL;
	eng_host_settings s = {.virtual_machine_path = vm_full,
	                       .virtual_hard_disk_path = vhd_full,
	                       .virtualization_mode = sh_param_str(c, "VirtualizationMode")};
	char *name = vm_host_name();
	if (sh_should_process(c, name, "Set-VMHost")) {
		char *err = NULL;
		if (api->set_host(&s, &err) < 0) {
			sh_value *target = sh_string(name);
			st = vm_engine_error(c, SH_CAT_INVALID_ARGUMENT, "InvalidParameter", target,
			                     "Failed to modify the host's settings.", err);
			sh_unref(target);
		} else if (sh_switch(c, "Passthru")) {
			st = emit_host(c, api);
		}
	}
	free(name);
	free(vm_full);
	free(vhd_full);
	return st;
}

/* ---- Get-VM ---- */

static sh_status get_vm_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	vm_warn_no_effect(c, vm_remote_params);
	sh_status st = SH_OK;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	vm_set s = {0};
	st = vm_select(c, api, &s, true);
	for (size_t k = 0; k < s.npick && st == SH_OK; k++)
		st = sh_emit(c, vm_object(&s.vms[s.pick[k]]));
	vm_set_free(api, &s);
	return st;
}

sh_status vm_no_checkpoints(sh_cmd *c)
{
	return vm_errorf(c, VIRT_EXC, SH_CAT_NOT_IMPLEMENTED, "CheckpointsNotSupported", NULL,
	                 "Checkpoints are not supported on this host yet: -VMSnapshot cannot "
	                 "name one.");
}

/* ---- virtual switches ---- */

sh_status vm_no_switch(sh_cmd *c, const char *name)
{
	return vm_errorf(c, VIRT_EXC, SH_CAT_OBJECT_NOT_FOUND, "ObjectNotFound", name,
	                 "Could not find Ethernet switch '%s'.", name);
}

/* ---- New-VM ---- */

static sh_status new_vm_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	static const char *const no_effect[] = {"CimSession",
	                                        "ComputerName",
	                                        "Credential",
	                                        "AsJob",
	                                        "Experimental",
	                                        "Prerelease",
	                                        "GuestStateIsolationType",
	                                        "SourceGuestStatePath",
	                                        NULL};
	vm_warn_no_effect(c, no_effect);
	const char *name = sh_param_str(c, "Name");
	if (!name)
		name = "New Virtual Machine";
	int64_t memory = sh_param_int(c, "MemoryStartupBytes", 1024LL * 1024 * 1024);
	int gen = (int)sh_param_int(c, "Generation", 1);
	sh_value *target = sh_string(name);
	sh_status st = SH_OK;
	if (gen != 1 && gen != 2) {
		st = sh_errorf(
		    c, SH_CAT_INVALID_ARGUMENT, "InvalidParameter", target,
		    "Cannot validate argument on parameter 'Generation'. The argument \"%d\" "
		    "does not belong to the set \"1,2\" specified by the ValidateSet "
		    "attribute.",
		    gen);
		goto out;
	}
	if (memory < 32LL * 1024 * 1024 || memory % (2 * 1024 * 1024) != 0) {
		st = sh_errorf(
		    c, SH_CAT_INVALID_ARGUMENT, "InvalidParameter", target,
		    "Failed to create virtual machine '%s'. The startup memory %lld bytes "
		    "is not valid: it must be at least 32 MB and a multiple of 2 MB.",
		    name, (long long)memory);
		goto out;
	}
	uint64_t vhd_size = (uint64_t)sh_param_int(c, "NewVHDSizeBytes", 0);
	if (sh_param_bound(c, "NewVHDPath") &&
	    (vhd_size < 3ULL * 1024 * 1024 || vhd_size > 64ULL * 1024 * 1024 * 1024 * 1024)) {
		st = sh_errorf(
		    c, SH_CAT_INVALID_ARGUMENT, "InvalidParameter", target,
		    "Failed to create virtual machine '%s'. The size of the new virtual hard "
		    "disk, %llu bytes, is out of range: it must be between 3 MB and 64 TB.",
		    name, (unsigned long long)vhd_size);
		goto out;
	}
	const char *sw = sh_param_str(c, "SwitchName");
	if (sw && *sw) {
		st = vm_no_switch(c, sw);
		goto out;
	}
	if (!sh_should_process(c, name, "New-VM"))
		goto out;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		goto out;
	char *bad = api->check_name(name);
	if (bad) {
		st = sh_errorf(c, SH_CAT_INVALID_ARGUMENT, "InvalidParameter", target,
		               "Failed to create virtual machine '%s'. The name is not valid: %s.",
		               name, bad);
		free(bad);
		goto out;
	}
	sh_interp *in = sh_cmd_interp(c);
	char *path = NULL, *vhd = NULL, *new_vhd = NULL;
	/* relative paths are the current location's, as for every cmdlet;
	   a bare VHD file name goes to the host's VirtualHardDiskPath */
	const char *p = sh_param_str(c, "Path");
	if (p)
		path = p[0] == '/' ? xstrdup(p) : xasprintf("%s/%s", sh_get_location(in), p);
	p = sh_param_str(c, "VHDPath");
	if (p)
		vhd = p[0] == '/' ? xstrdup(p) : xasprintf("%s/%s", sh_get_location(in), p);
	p = sh_param_str(c, "NewVHDPath");
	if (p)
		new_vhd = p[0] == '/' || !strchr(p, '/')
		              ? xstrdup(p)
		              : xasprintf("%s/%s", sh_get_location(in), p);
	eng_vm_spec spec = {
	    .name = name,
	    .memory_startup = memory,
	    .generation = gen,
	    .path = path,
	    .version = sh_param_str(c, "Version"),
	    .new_vhd_path = new_vhd,
	    .new_vhd_size = vhd_size,
	    .vhd_path = vhd,
	    .boot_device = sh_param_str(c, "BootDevice"),
	};
	eng_vm v;
	char *err = NULL;
	int rc = api->new_vm(&spec, &v, &err);
	free(path);
	free(vhd);
	free(new_vhd);
	if (rc < 0) {
		char *what = xasprintf("Failed to create virtual machine '%s'.", name);
		st = vm_engine_error(
		    c, rc == ENG_EEXIST ? SH_CAT_RESOURCE_EXISTS : SH_CAT_INVALID_OPERATION,
		    rc == ENG_EEXIST ? "VMAlreadyExists" : "OperationFailed", target, what, err);
		free(what);
		goto out;
	}
	register_views();
	st = sh_emit(c, vm_object(&v));
	/* the engine owns the struct's strings */
	eng_vm *copy = xmalloc(sizeof *copy);
	*copy = v;
	api->vms_free(copy, 1);
out:
	sh_unref(target);
	return st;
}

/* ---- Start-VM, Stop-VM, Suspend-VM, Resume-VM, Remove-VM ---- */

typedef enum vm_action {
	ACT_START,
	ACT_STOP,
	ACT_REMOVE,
	ACT_SUSPEND,
	ACT_RESUME,
	ACT_RESTART,
	ACT_SAVE,
} vm_action;

/* The cmdlet of each action: also the action's name for -WhatIf/-Confirm. */
static const char *const action_cmdlets[] = {"Start-VM",  "Stop-VM",    "Remove-VM", "Suspend-VM",
                                             "Resume-VM", "Restart-VM", "Save-VM"};

sh_status vm_emit_fresh(sh_cmd *c, const eng_api *api, const eng_vm *v)
{
	eng_vm fresh;
	char *err = NULL;
	if (api->get_vm(v->id, &fresh, &err) < 0) {
		free(err);
		return sh_emit(c, vm_object(v));
	}
	sh_status st = sh_emit(c, vm_object(&fresh));
	eng_vm *copy = xmalloc(sizeof *copy);
	*copy = fresh;
	api->vms_free(copy, 1);
	return st;
}

static int stop_timeout_ms(void)
{
	const char *env = getenv("HVSH_STOP_TIMEOUT");
	int s = env && *env ? atoi(env) : STOP_TIMEOUT_S;
	return (s > 0 ? s : STOP_TIMEOUT_S) * 1000;
}

static sh_status act_on(sh_cmd *c, vm_action act)
{
	vm_warn_no_effect(c, vm_remote_params);
	sh_status st = SH_OK;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	vm_set s = {0};
	st = vm_select(c, api, &s, false);
	if (act == ACT_RESTART) {
		static const char *const no_effect[] = {"Wait", "For", "Timeout", "Delay", NULL};
		vm_warn_no_effect(c, no_effect);
	}
	for (size_t k = 0; k < s.npick && st == SH_OK; k++) {
		const eng_vm *v = &s.vms[s.pick[k]];
		if (!sh_should_process(c, v->name, action_cmdlets[act]))
			continue;
		char *err = NULL;
		int rc = 0;
		const char *what = NULL;
		if (act == ACT_START) {
			if (v->state == ENG_VM_RUNNING) {
				sh_write_warning(c, "The virtual machine '%s' is already running.",
				                 v->name);
			} else {
				rc = api->start_vm(v->id, &err);
				what = "failed to start.";
			}
		} else if (act == ACT_STOP) {
			eng_stop_mode mode = sh_switch(c, "Save")      ? ENG_STOP_SAVE
			                     : sh_switch(c, "TurnOff") ? ENG_STOP_TURNOFF
			                                               : ENG_STOP_SHUTDOWN;
			rc = api->stop_vm(v->id, mode, stop_timeout_ms(), &err);
			what = mode == ENG_STOP_SAVE      ? "failed to save its state."
			       : mode == ENG_STOP_TURNOFF ? "failed to turn off."
			                                  : "failed to shut down.";
		} else if (act == ACT_SAVE) {
			if (v->state != ENG_VM_RUNNING && v->state != ENG_VM_PAUSED) {
				rc = -1;
				err = xasprintf("The operation cannot be performed while the "
				                "virtual machine is in its current state (%s)",
				                state_names[v->state]);
			} else {
				/* the same managed save as Stop-VM -Save */
				rc = api->stop_vm(v->id, ENG_STOP_SAVE, 0, &err);
			}
			what = "failed to save its state.";
		} else if (act == ACT_RESTART) {
			rc = api->restart_vm(v->id, &err);
			what = "failed to restart.";
		} else if (act == ACT_SUSPEND || act == ACT_RESUME) {
			rc = api->pause_vm(v->id, act == ACT_SUSPEND, &err);
			what = "failed to change state.";
		} else {
			rc = api->remove_vm(v->id, &err);
			what = "could not be removed.";
		}
		if (rc < 0) {
			char *msg = xasprintf("'%s' %s", v->name, what);
			sh_value *target = sh_string(v->name);
			st = vm_engine_error(c, SH_CAT_INVALID_OPERATION, "OperationFailed", target,
			                     msg, err);
			sh_unref(target);
			free(msg);
			continue;
		}
		if (sh_switch(c, "Passthru"))
			st =
			    act == ACT_REMOVE ? sh_emit(c, vm_object(v)) : vm_emit_fresh(c, api, v);
	}
	vm_set_free(api, &s);
	return st;
}

/* Start-VM, Stop-VM, ... Save-VM: one process step, the action chosen by
 * the cmdlet's name. */
static sh_status act_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	const char *name = sh_cmd_def(c)->name;
	for (size_t i = 0; i < sizeof action_cmdlets / sizeof action_cmdlets[0]; i++)
		if (strcmp(name, action_cmdlets[i]) == 0)
			return act_on(c, (vm_action)i);
	return SH_OK;
}

/* ---- Set-VM, Rename-VM ---- */

/* Applies s to each VM the command addresses; `action` names it for
 * -WhatIf/-Confirm. */
static sh_status apply_settings(sh_cmd *c, const eng_vm_settings *s, const char *action)
{
	sh_status st = SH_OK;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	vm_set set = {0};
	st = vm_select(c, api, &set, false);
	for (size_t k = 0; k < set.npick && st == SH_OK; k++) {
		const eng_vm *v = &set.vms[set.pick[k]];
		if (!sh_should_process(c, v->name, action))
			continue;
		char *err = NULL;
		int rc = 0;
		/* names match case-insensitively here, unlike libvirt's */
		for (size_t i = 0; s->new_name && i < set.n && rc == 0; i++)
			if (strcmp(set.vms[i].id, v->id) != 0 &&
			    str_ieq(set.vms[i].name, s->new_name)) {
				err = xasprintf("A virtual machine named '%s' already exists",
				                set.vms[i].name);
				rc = ENG_EEXIST;
			}
		if (rc == 0)
			rc = api->set_vm(v->id, s, &err);
		if (rc < 0) {
			sh_value *target = sh_string(v->name);
			if (rc == ENG_EEXIST) {
				char *msg = xasprintf("Cannot rename '%s' to '%s': %s.", v->name,
				                      s->new_name, err);
				sh_error_info info = {.message = msg,
				                      .exception_type = VIRT_EXC,
				                      .category = SH_CAT_RESOURCE_EXISTS,
				                      .error_id = "DuplicateName",
				                      .target = target};
				st = sh_write_error(c, &info);
				free(msg);
			} else {
				/* the engine's message names the VM and what failed */
				char *msg =
				    xasprintf("%s.", err ? err : "Failed to modify the settings");
				st = vm_engine_error(c, SH_CAT_INVALID_OPERATION, "OperationFailed",
				                     target, msg, NULL);
				free(msg);
			}
			sh_unref(target);
			free(err);
			continue;
		}
		if (sh_switch(c, "Passthru"))
			st = vm_emit_fresh(c, api, v);
	}
	vm_set_free(api, &set);
	return st;
}

/* Whether name may be a VM's; false after writing the error (*st). */
static bool name_ok(sh_cmd *c, const char *name, sh_status *st)
{
	const eng_api *api = vm_engine(c, st);
	if (!api)
		return false;
	if (!*name) {
		*st = sh_errorf(c, SH_CAT_INVALID_ARGUMENT, "InvalidParameter", NULL,
		                "The new name of a virtual machine cannot be empty.");
		return false;
	}
	char *bad = api->check_name(name);
	if (!bad)
		return true;
	sh_value *target = sh_string(name);
	*st = sh_errorf(c, SH_CAT_INVALID_ARGUMENT, "InvalidParameter", target,
	                "The name '%s' is not valid: %s.", name, bad);
	sh_unref(target);
	free(bad);
	return false;
}

static sh_status rename_vm_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	vm_warn_no_effect(c, vm_remote_params);
	const char *name = sh_param_str(c, "NewName");
	sh_status st = SH_OK;
	if (!name_ok(c, name ? name : "", &st))
		return st;
	eng_vm_settings s = {.new_name = name, .dynamic_memory = -1, .automatic_start_delay = -1};
	return apply_settings(c, &s, "Rename-VM");
}

static bool valid_memory(int64_t m)
{
	return m >= 32LL * 1024 * 1024 && m % (2 * 1024 * 1024) == 0;
}

static sh_status set_vm_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	static const char *const no_effect[] = {"CimSession",
	                                        "ComputerName",
	                                        "Credential",
	                                        "AllowUnverifiedPaths",
	                                        "AutomaticCheckpointsEnabled",
	                                        "AutomaticCriticalErrorAction",
	                                        "AutomaticCriticalErrorActionTimeout",
	                                        "GuestControlledCacheTypes",
	                                        "HighMemoryMappedIoSpace",
	                                        "LockOnDisconnect",
	                                        "LowMemoryMappedIoSpace",
	                                        "SmartPagingFilePath",
	                                        NULL};
	vm_warn_no_effect(c, no_effect);
	eng_vm_settings s = {.dynamic_memory = -1, .automatic_start_delay = -1};
	s.processor_count = (int)sh_param_int(c, "ProcessorCount", 0);
	s.memory_startup = sh_param_int(c, "MemoryStartupBytes", 0);
	s.memory_minimum = sh_param_int(c, "MemoryMinimumBytes", 0);
	s.memory_maximum = sh_param_int(c, "MemoryMaximumBytes", 0);
	s.notes = sh_param_str(c, "Notes");
	s.new_name = sh_param_str(c, "NewVMName");
	s.automatic_start_action = sh_param_str(c, "AutomaticStartAction");
	s.automatic_stop_action = sh_param_str(c, "AutomaticStopAction");
	s.checkpoint_type = sh_param_str(c, "CheckpointType");
	s.snapshot_file_location = sh_param_str(c, "SnapshotFileLocation");
	if (sh_param_bound(c, "AutomaticStartDelay"))
		s.automatic_start_delay = (int)sh_param_int(c, "AutomaticStartDelay", 0);
	if (sh_switch(c, "DynamicMemory"))
		s.dynamic_memory = 1;
	if (sh_switch(c, "StaticMemory"))
		s.dynamic_memory = s.dynamic_memory == 1 ? 2 : 0;
	const char *bad = NULL;
	if (s.dynamic_memory == 2)
		bad = "The parameters -DynamicMemory and -StaticMemory cannot be used together.";
	else if (sh_param_bound(c, "ProcessorCount") &&
	         (s.processor_count < 1 || s.processor_count > 240))
		bad = "The processor count must be between 1 and 240.";
	else if (sh_param_bound(c, "MemoryStartupBytes") && !valid_memory(s.memory_startup))
		bad = "The startup memory must be at least 32 MB and a multiple of 2 MB.";
	else if (sh_param_bound(c, "MemoryMinimumBytes") && !valid_memory(s.memory_minimum))
		bad = "The minimum memory must be at least 32 MB and a multiple of 2 MB.";
	else if (sh_param_bound(c, "MemoryMaximumBytes") && !valid_memory(s.memory_maximum))
		bad = "The maximum memory must be at least 32 MB and a multiple of 2 MB.";
	else if (s.memory_minimum && s.memory_maximum && s.memory_minimum > s.memory_maximum)
		bad = "The minimum memory cannot be more than the maximum memory.";
	else if (sh_param_bound(c, "AutomaticStartDelay") && s.automatic_start_delay < 0)
		bad = "The automatic start delay cannot be negative.";
	if (bad)
		return sh_errorf(c, SH_CAT_INVALID_ARGUMENT, "InvalidParameter", NULL, "%s", bad);
	sh_status st = SH_OK;
	if (s.new_name && !name_ok(c, s.new_name, &st))
		return st;
	return apply_settings(c, &s, "Set-VM");
}

/* ---- completion of VM names ---- */

void vm_complete_name(sh_interp *in, const char *word, sh_value *out)
{
	(void)in;
	char *err = NULL;
	const eng_api *api = eng_load(&err);
	eng_vm *vms = NULL;
	size_t n = 0;
	if (!api || api->connect(&err) < 0 || api->list_vms(&vms, &n, &err) < 0) {
		free(err);
		return;
	}
	size_t len = strlen(word);
	for (size_t i = 0; i < n; i++)
		if (strncasecmp(vms[i].name, word, len) == 0)
			sh_array_append(out, sh_string(vms[i].name));
	api->vms_free(vms, n);
}

/* ---- the tables ---- */

static const sh_param_def get_vmhost_params[] = {
    {.name = "ComputerName",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_PIPELINE,
     .position = 0,
     .sets = "ComputerName",
     .help = "Specifies the Hyper-V hosts to read. Only the local host is supported yet: "
             "accepted and ignored with a warning."},
    {.name = "Credential",
     .type = SH_P_CREDENTIAL,
     .flags = SH_PF_ARRAY,
     .position = 1,
     .sets = "ComputerName",
     .type_name = "PSCredential[]",
     .help = "Specifies credentials for the remote hosts. Accepted and ignored with a "
             "warning."},
    {.name = "CimSession",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPE_PROP,
     .position = 0,
     .sets = "CimSession",
     .type_name = "CimSession[]",
     .help = "Runs the cmdlet in a remote session. Not supported yet: accepted and ignored "
             "with a warning."},
    {0},
};

static const char *const virtualization_modes[] = {"Hardware", "Emulated", NULL};
static const char *const migration_auth_types[] = {"CredSSP", "Kerberos", NULL};
static const char *const migration_performance[] = {"TCPIP", "Compression", "SMB", NULL};

#define NO_EFFECT_HELP " Accepted; it has no effect on this host yet, and a warning says so."

static const sh_param_def set_vmhost_params[] = {
    REMOTE_PARAMS("ComputerName,CimSession"),
    {.name = "VirtualMachinePath",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Specifies the default directory of new virtual machines' configuration (an "
             "existing directory). Kept in hvsh.conf."},
    {.name = "VirtualHardDiskPath",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Specifies the default directory of new virtual hard disks (an existing "
             "directory). Kept in hvsh.conf."},
    {.name = "VirtualizationMode",
     .type = SH_P_ENUM,
     .enum_values = virtualization_modes,
     .position = -1,
     .help = "hvsh's own: Hardware runs virtual machines with KVM, Emulated with QEMU's "
             "software emulation (TCG). Kept in hvsh.conf; takes effect at each virtual "
             "machine's next start. HVSH_ACCEL overrides it."},
    {.name = "EnableEnhancedSessionMode",
     .type = SH_P_BOOL,
     .position = -1,
     .help = "Specifies whether enhanced session mode is allowed." NO_EFFECT_HELP},
    {.name = "FibreChannelWwnn",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Specifies the default Fibre Channel world wide node name." NO_EFFECT_HELP},
    {.name = "FibreChannelWwpnMaximum",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Specifies the maximum Fibre Channel world wide port name." NO_EFFECT_HELP},
    {.name = "FibreChannelWwpnMinimum",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Specifies the minimum Fibre Channel world wide port name." NO_EFFECT_HELP},
    {.name = "MacAddressMaximum",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Specifies the maximum of the dynamic MAC address range." NO_EFFECT_HELP},
    {.name = "MacAddressMinimum",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Specifies the minimum of the dynamic MAC address range." NO_EFFECT_HELP},
    {.name = "MaximumStorageMigrations",
     .type = SH_P_LONG,
     .position = -1,
     .type_name = "UInt32",
     .help = "Specifies how many storage migrations may run at once." NO_EFFECT_HELP},
    {.name = "MaximumVirtualMachineMigrations",
     .type = SH_P_LONG,
     .position = -1,
     .type_name = "UInt32",
     .help = "Specifies how many live migrations may run at once." NO_EFFECT_HELP},
    {.name = "NumaSpanningEnabled",
     .type = SH_P_BOOL,
     .position = -1,
     .help = "Specifies whether virtual machines may span NUMA nodes." NO_EFFECT_HELP},
    {.name = "ResourceMeteringSaveInterval",
     .type = SH_P_TIMESPAN,
     .position = -1,
     .help = "Specifies how often resource metering data is saved." NO_EFFECT_HELP},
    {.name = "UseAnyNetworkForMigration",
     .type = SH_P_BOOL,
     .position = -1,
     .help = "Specifies whether any network may carry live migrations." NO_EFFECT_HELP},
    {.name = "VirtualMachineMigrationAuthenticationType",
     .type = SH_P_ENUM,
     .enum_values = migration_auth_types,
     .position = -1,
     .type_name = "MigrationAuthenticationType",
     .help = "Specifies how live migrations authenticate." NO_EFFECT_HELP},
    {.name = "VirtualMachineMigrationPerformanceOption",
     .type = SH_P_ENUM,
     .enum_values = migration_performance,
     .position = -1,
     .type_name = "VMMigrationPerformance",
     .help = "Specifies how live migrations transfer memory." NO_EFFECT_HELP},
    {.name = "Passthru",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Returns the host, as changed."},
    {0},
};

static const sh_param_def get_vm_params[] = {
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_PIPELINE | SH_PF_WILDCARDS,
     .position = 0,
     .sets = "Name",
     .aliases = "VMName",
     .completer = vm_complete_name,
     .help = "Specifies the names of the virtual machines to get; wildcards are permitted. "
             "Without it, every virtual machine is returned."},
    {.name = "Id",
     .type = SH_P_OBJECT,
     .flags = SH_PF_PIPELINE | SH_PF_PIPE_PROP,
     .position = 0,
     .sets = "Id",
     .type_name = "Guid",
     .help = "Specifies the identifier of the virtual machine to get."},
    {.name = "ClusterObject",
     .type = SH_P_OBJECT,
     .flags = SH_PF_MANDATORY | SH_PF_PIPELINE,
     .position = 0,
     .sets = "ClusterObject",
     .type_name = "PSObject",
     .help = "Specifies the cluster resource or group of the virtual machine; here any object "
             "with the virtual machine's Id or Name."},
    REMOTE_PARAMS("Name,Id"),
    {0},
};

static const char *const boot_devices[] = {"Floppy",         "CD",  "IDE", "LegacyNetworkAdapter",
                                           "NetworkAdapter", "VHD", NULL};
static const char *const isolation_types[] = {"TrustedLaunch", "VBS",      "SNP",
                                              "TDX",           "Disabled", NULL};

static const sh_param_def new_vm_params[] = {
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_PIPELINE | SH_PF_PIPE_PROP,
     .position = 0,
     .aliases = "VMName",
     .help = "Specifies the name of the new virtual machine. The default is \"New Virtual "
             "Machine\"."},
    {.name = "MemoryStartupBytes",
     .type = SH_P_LONG,
     .position = 1,
     .default_text = "1GB",
     .help = "Specifies the amount of memory, in bytes, to assign to the virtual machine: at "
             "least 32MB, a multiple of 2MB."},
    {.name = "Generation",
     .type = SH_P_INT,
     .position = 2,
     .default_text = "1",
     .type_name = "Int16",
     .help = "Specifies the generation: 1 (BIOS, machine pc, IDE) or 2 (UEFI through OVMF, "
             "machine q35, SCSI, Secure Boot on: Set-VMFirmware -EnableSecureBoot Off lets "
             "unsigned boot loaders start)."},
    {.name = "NoVHD",
     .type = SH_P_SWITCH,
     .position = -1,
     .sets = "No VHD",
     .help = "Creates a virtual machine without a virtual hard disk."},
    {.name = "NewVHDPath",
     .type = SH_P_STRING,
     .flags = SH_PF_MANDATORY,
     .position = -1,
     .sets = "New VHD",
     .help = "Creates a new virtual hard disk at this path and attaches it. A bare file name "
             "is created in the host's VirtualHardDiskPath. The format follows the extension: "
             ".vhdx, .vhd, .img or .raw, else qcow2."},
    {.name = "NewVHDSizeBytes",
     .type = SH_P_LONG,
     .flags = SH_PF_MANDATORY,
     .position = -1,
     .sets = "New VHD",
     .type_name = "UInt64",
     .help = "Specifies the size of the new virtual hard disk, between 3MB and 64TB."},
    {.name = "VHDPath",
     .type = SH_P_STRING,
     .flags = SH_PF_MANDATORY,
     .position = -1,
     .sets = "Existing VHD",
     .help = "Attaches an existing virtual hard disk (VHD, VHDX, qcow2 or raw)."},
    {.name = "Path",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Specifies the directory in which the virtual machine's own directory is "
             "created. The default is the host's VirtualMachinePath."},
    {.name = "BootDevice",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = boot_devices,
     .type_name = "BootDevice",
     .help = "Specifies the device to boot from first."},
    {.name = "SwitchName",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Specifies the virtual switch to connect the virtual machine's network "
             "adapter to. This host has no virtual switches yet: any name is an error, and "
             "nothing is created."},
    {.name = "Version",
     .type = SH_P_STRING,
     .position = -1,
     .type_name = "Version",
     .help = "Specifies the configuration version, kept and shown by Get-VM."},
    {.name = "Force",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Creates the virtual machine without asking for confirmation."},
    {.name = "Experimental", .type = SH_P_SWITCH, .position = -1, .flags = SH_PF_HIDDEN},
    {.name = "Prerelease", .type = SH_P_SWITCH, .position = -1, .flags = SH_PF_HIDDEN},
    {.name = "GuestStateIsolationType",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = isolation_types,
     .type_name = "GuestIsolationType",
     .help = "Specifies the guest state isolation type. Accepted and ignored with a warning."},
    {.name = "SourceGuestStatePath",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Specifies a guest state file to start from. Accepted and ignored with a "
             "warning."},
    ASJOB_PARAM,
    REMOTE_PARAMS(NULL),
    {0},
};

#define VM_TARGET_NOJOB                                                                            \
	{.name = "Name",                                                                           \
	 .type = SH_P_STRING,                                                                      \
	 .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE | SH_PF_WILDCARDS,                \
	 .position = 0,                                                                            \
	 .sets = "Name",                                                                           \
	 .aliases = "VMName",                                                                      \
	 .completer = vm_complete_name,                                                            \
	 .help = "Specifies the names of the virtual machines; wildcards are permitted."},         \
	    {.name = "VM",                                                                         \
	     .type = SH_P_OBJECT,                                                                  \
	     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE,                              \
	     .position = 0,                                                                        \
	     .sets = "VMObject",                                                                   \
	     .type_name = "VirtualMachine[]",                                                      \
	     .help = "Specifies the virtual machines, as objects from Get-VM."},                   \
	    {.name = "Passthru",                                                                   \
	     .type = SH_P_SWITCH,                                                                  \
	     .position = -1,                                                                       \
	     .help = "Returns an object for each virtual machine acted on."},                      \
	    REMOTE_PARAMS("Name")

#define VM_TARGET_PARAMS VM_TARGET_NOJOB, ASJOB_PARAM

static const sh_param_def start_vm_params[] = {
    VM_TARGET_PARAMS,
    {0},
};

static const sh_param_def stop_vm_params[] = {
    VM_TARGET_PARAMS,
    {.name = "TurnOff",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Turns the virtual machine off at once, as pulling its plug would, instead of "
             "asking the guest to shut down."},
    {.name = "Force",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Shuts the virtual machine down without asking for confirmation."},
    {.name = "Save",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Saves the virtual machine's state (memory included) instead of shutting it "
             "down; its state becomes Saved and Start-VM resumes it where it was."},
    {0},
};

static const sh_param_def remove_vm_params[] = {
    VM_TARGET_PARAMS,
    {.name = "Force",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Removes the virtual machine without asking for confirmation."},
    {0},
};

static const char *const wait_types[] = {"Heartbeat", "IPAddress", "Reboot", NULL};

static const sh_param_def restart_vm_params[] = {
    VM_TARGET_PARAMS,
    {.name = "Force",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Restarts the virtual machine without asking for confirmation."},
    {.name = "Wait",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Waits for the guest after the restart. Accepted and ignored with a warning."},
    {.name = "For",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = wait_types,
     .type_name = "WaitVMTypes",
     .help = "Specifies what -Wait waits for. Accepted and ignored with a warning."},
    {.name = "Timeout",
     .type = SH_P_INT,
     .position = -1,
     .aliases = "TimeoutSec",
     .help = "Specifies how long -Wait waits, in seconds. Accepted and ignored with a "
             "warning."},
    {.name = "Delay",
     .type = SH_P_INT,
     .position = -1,
     .type_name = "UInt16",
     .help = "Specifies the interval between -Wait's checks, in seconds. Accepted and ignored "
             "with a warning."},
    {0},
};

static const sh_param_def save_vm_params[] = {
    VM_TARGET_PARAMS,
    {0},
};

static const sh_param_def rename_vm_params[] = {
    VM_TARGET_NOJOB,
    {.name = "NewName",
     .type = SH_P_STRING,
     .flags = SH_PF_MANDATORY,
     .position = 1,
     .help = "Specifies the new name. A name another virtual machine has is refused."},
    {0},
};

static const char *const start_actions[] = {"Nothing", "StartIfRunning", "Start", NULL};
static const char *const stop_actions[] = {"TurnOff", "Save", "ShutDown", NULL};
static const char *const checkpoint_types[] = {"Disabled", "Production", "ProductionOnly",
                                               "Standard", NULL};
static const char *const critical_actions[] = {"None", "Pause", NULL};
static const char *const on_off[] = {"On", "Off", NULL};

#define NO_EFFECT_PARAM(nm, ty, tn)                                                                \
	{                                                                                          \
		.name = nm, .type = ty, .position = -1, .type_name = tn,                           \
		.help = "Accepted, as Hyper-V documents it; it has no effect on this host yet (a " \
		        "warning says so)."                                                        \
	}

static const sh_param_def set_vm_params[] = {
    VM_TARGET_NOJOB,
    {.name = "ProcessorCount",
     .type = SH_P_LONG,
     .position = -1,
     .help = "Specifies the number of virtual processors (1 to 240). The virtual machine must "
             "be off."},
    {.name = "MemoryStartupBytes",
     .type = SH_P_LONG,
     .position = -1,
     .help = "Specifies the memory the virtual machine starts with: at least 32MB, a multiple "
             "of 2MB. The virtual machine must be off."},
    {.name = "DynamicMemory",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Enables dynamic memory. The setting and its bounds are kept and shown by Get-VM; "
             "the memory does not vary yet. The virtual machine must be off."},
    {.name = "StaticMemory",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Disables dynamic memory. The virtual machine must be off."},
    {.name = "MemoryMinimumBytes",
     .type = SH_P_LONG,
     .position = -1,
     .help = "Specifies dynamic memory's minimum (kept; its effect comes later)."},
    {.name = "MemoryMaximumBytes",
     .type = SH_P_LONG,
     .position = -1,
     .help = "Specifies dynamic memory's maximum (kept; its effect comes later)."},
    {.name = "Notes",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Specifies notes about the virtual machine; they may change while it runs."},
    {.name = "NewVMName",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Specifies a new name, as Rename-VM does. The virtual machine must be off."},
    {.name = "AutomaticStartAction",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = start_actions,
     .type_name = "StartAction",
     .help = "Specifies what happens to the virtual machine when the host starts: Nothing, "
             "StartIfRunning or Start. Kept and shown by Get-VM; its effect comes later."},
    {.name = "AutomaticStartDelay",
     .type = SH_P_INT,
     .position = -1,
     .help = "Specifies the delay, in seconds, before an automatic start. Kept; its effect "
             "comes later."},
    {.name = "AutomaticStopAction",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = stop_actions,
     .type_name = "StopAction",
     .help = "Specifies what happens to the virtual machine when the host shuts down: "
             "TurnOff, Save or ShutDown. Kept and shown by Get-VM; its effect comes later."},
    {.name = "CheckpointType",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = checkpoint_types,
     .type_name = "CheckpointType",
     .help = "Specifies the checkpoint type: Disabled, Production, ProductionOnly or "
             "Standard. Kept and shown by Get-VM; its effect comes with checkpoints."},
    {.name = "SnapshotFileLocation",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Specifies the directory for the virtual machine's checkpoint files. Kept and "
             "shown by Get-VM."},
    NO_EFFECT_PARAM("AllowUnverifiedPaths", SH_P_SWITCH, NULL),
    NO_EFFECT_PARAM("AutomaticCheckpointsEnabled", SH_P_BOOL, NULL),
    {.name = "AutomaticCriticalErrorAction",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = critical_actions,
     .type_name = "CriticalErrorAction",
     .help = "Accepted, as Hyper-V documents it; it has no effect on this host yet (a warning "
             "says so)."},
    NO_EFFECT_PARAM("AutomaticCriticalErrorActionTimeout", SH_P_INT, NULL),
    NO_EFFECT_PARAM("GuestControlledCacheTypes", SH_P_BOOL, NULL),
    NO_EFFECT_PARAM("HighMemoryMappedIoSpace", SH_P_LONG, "UInt64"),
    {.name = "LockOnDisconnect",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = on_off,
     .type_name = "OnOffState",
     .help = "Accepted, as Hyper-V documents it; it has no effect on this host yet (a warning "
             "says so)."},
    NO_EFFECT_PARAM("LowMemoryMappedIoSpace", SH_P_LONG, "UInt32"),
    NO_EFFECT_PARAM("SmartPagingFilePath", SH_P_STRING, NULL),
    {0},
};

static const sh_example restart_vm_examples[] = {
    {"Restart-VM demo -Force", "Resets the virtual machine demo at once, without asking."},
    {0},
};
static const sh_example save_vm_examples[] = {
    {"Save-VM demo", "Saves demo's state; Start-VM resumes it where it was."},
    {0},
};
static const sh_example rename_vm_examples[] = {
    {"Rename-VM demo -NewName test", "Renames the virtual machine demo to test."},
    {0},
};
static const sh_example set_vm_examples[] = {
    {"Set-VM demo -ProcessorCount 2 -MemoryStartupBytes 512MB",
     "Gives the virtual machine demo, which is off, two processors and 512 MB."},
    {"Get-VM web* | Set-VM -Notes 'web tier' -AutomaticStartAction Start -Passthru",
     "Sets notes and the automatic start action of the web virtual machines."},
    {0},
};

static const sh_example get_vmhost_examples[] = {
    {"Get-VMHost | Format-List Engine, EngineReason, VirtualizationMode",
     "Shows which hypervisor engine this host uses, and why."},
    {0},
};
static const sh_example set_vmhost_examples[] = {
    {"Set-VMHost -VirtualMachinePath /srv/vms -VirtualHardDiskPath /srv/disks",
     "Makes /srv/vms and /srv/disks the default directories of new virtual machines and "
     "disks."},
    {"Set-VMHost -VirtualizationMode Emulated",
     "Runs virtual machines with software emulation from their next start, for hosts where "
     "KVM is missing or fails."},
    {0},
};
static const sh_example get_vm_examples[] = {
    {"Get-VM", "Gets every virtual machine on the host."},
    {"Get-VM web* | Where-Object State -eq Running",
     "Gets the running virtual machines whose names start with web."},
    {0},
};
static const sh_example new_vm_examples[] = {
    {"New-VM -Name demo -MemoryStartupBytes 256MB -NoVHD",
     "Creates a Generation 1 virtual machine with 256 MB of memory and no disk."},
    {"New-VM -Name web1 -Generation 2 -MemoryStartupBytes 1GB -NewVHDPath web1.qcow2 "
     "-NewVHDSizeBytes 20GB",
     "Creates a UEFI virtual machine with a new 20 GB disk in the host's disk directory."},
    {0},
};
static const sh_example start_vm_examples[] = {
    {"Start-VM demo", "Starts the virtual machine demo."},
    {"Get-VM web* | Start-VM -Passthru", "Starts the web virtual machines and shows them."},
    {0},
};
static const sh_example stop_vm_examples[] = {
    {"Stop-VM demo", "Asks the guest to shut down (ACPI power button) and waits for it."},
    {"Stop-VM demo -TurnOff", "Turns the virtual machine off at once."},
    {0},
};
static const sh_example suspend_vm_examples[] = {
    {"Suspend-VM demo", "Pauses the virtual machine demo; its memory stays in the host's."},
    {0},
};
static const sh_example resume_vm_examples[] = {
    {"Get-VM | Where-Object State -eq Paused | Resume-VM", "Resumes every paused virtual machine."},
    {0},
};
static const sh_example remove_vm_examples[] = {
    {"Remove-VM demo -Force",
     "Removes the virtual machine's configuration without asking; its disks stay."},
    {0},
};

const sh_cmdlet cmd_vm_cmdlets[] = {
    {.name = "Get-VMHost",
     .synopsis = "Gets a Hyper-V host.",
     .description = "Gets the host: its processors and memory, the default directories of "
                    "virtual machines and disks, and, as hvsh's own properties, the hypervisor "
                    "engine in use (Engine), why it was chosen (EngineReason), the "
                    "virtualization mode (Hardware with KVM, Emulated with QEMU's TCG) and the "
                    "libvirt and QEMU versions.",
     .default_set = "ComputerName",
     .params = get_vmhost_params,
     .examples = get_vmhost_examples,
     .output_type = TYPE_VMHOST,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.GetVMHost",
     .begin = vm_views_begin,
     .process = get_vmhost_process},
    {.name = "Set-VMHost",
     .synopsis = "Configures a Hyper-V host.",
     .description = "Changes the host's default directories of virtual machines and disks "
                    "and, as hvsh's own setting, its virtualization mode. The settings are "
                    "kept in the user's hvsh.conf ($XDG_CONFIG_HOME/hvsh/hvsh.conf), which "
                    "beats /etc/hvsh/hvsh.conf. Settings of Hyper-V's migration, Fibre "
                    "Channel and MAC ranges are accepted with a warning that they have no "
                    "effect yet.",
     .default_set = "ComputerName",
     .params = set_vmhost_params,
     .examples = set_vmhost_examples,
     .output_type = TYPE_VMHOST,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.SetVMHost",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .begin = vm_views_begin,
     .process = set_vmhost_process},
    {.name = "Get-VM",
     .synopsis = "Gets the virtual machines from one or more Hyper-V hosts.",
     .description = "Gets virtual machines with their live state: CPU usage, assigned memory "
                    "and uptime of running ones come from the running QEMU process.",
     .default_set = "Name",
     .params = get_vm_params,
     .examples = get_vm_examples,
     .output_type = TYPE_VM,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.GetVM",
     .begin = vm_views_begin,
     .process = get_vm_process},
    {.name = "New-VM",
     .synopsis = "Creates a new virtual machine.",
     .description = "Creates a virtual machine: Generation 1 (BIOS) or 2 (UEFI), with a new "
                    "disk, an existing one, or none. COM1 is written to com1.log in the "
                    "virtual machine's directory. A creation that fails leaves neither the "
                    "virtual machine nor its disk behind.",
     .default_set = "No VHD",
     .params = new_vm_params,
     .examples = new_vm_examples,
     .output_type = TYPE_VM,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.NewVM",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .begin = vm_views_begin,
     .process = new_vm_process},
    {.name = "Start-VM",
     .synopsis = "Starts a virtual machine.",
     .description = "Starts virtual machines (a paused one resumes). The host's "
                    "virtualization mode decides between KVM and software emulation.",
     .default_set = "Name",
     .params = start_vm_params,
     .examples = start_vm_examples,
     .output_type = TYPE_VM,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.StartVM",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .begin = vm_views_begin,
     .process = act_process},
    {.name = "Stop-VM",
     .synopsis = "Shuts down, turns off, or saves a virtual machine.",
     .description = "Shuts virtual machines down through the ACPI power button and waits for "
                    "the guest, at most 60 seconds (HVSH_STOP_TIMEOUT), turns them off at once "
                    "with -TurnOff, or saves their state with -Save.",
     .default_set = "Name",
     .params = stop_vm_params,
     .examples = stop_vm_examples,
     .output_type = TYPE_VM,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.StopVM",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .begin = vm_views_begin,
     .process = act_process},
    {.name = "Suspend-VM",
     .synopsis = "Suspends, or pauses, a virtual machine.",
     .description = "Pauses running virtual machines: their processors stop, their memory and "
                    "devices stay; the state becomes Paused. Resume-VM continues them.",
     .default_set = "Name",
     .params = start_vm_params,
     .examples = suspend_vm_examples,
     .output_type = TYPE_VM,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.SuspendVM",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .begin = vm_views_begin,
     .process = act_process},
    {.name = "Resume-VM",
     .synopsis = "Resumes a suspended (paused) virtual machine.",
     .description = "Resumes paused virtual machines where they stopped; the state becomes "
                    "Running again.",
     .default_set = "Name",
     .params = start_vm_params,
     .examples = resume_vm_examples,
     .output_type = TYPE_VM,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.ResumeVM",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .begin = vm_views_begin,
     .process = act_process},
    {.name = "Remove-VM",
     .synopsis = "Deletes a virtual machine.",
     .description = "Removes virtual machines' configuration, as Hyper-V does: their disks "
                    "stay. A running virtual machine must be stopped first. Asks for "
                    "confirmation unless -Force.",
     .default_set = "Name",
     .params = remove_vm_params,
     .examples = remove_vm_examples,
     .output_type = TYPE_VM,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.RemoveVM",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS | SH_CMD_CONFIRM_IMPACT_HIGH,
     .begin = vm_views_begin,
     .process = act_process},
    {.name = "Restart-VM",
     .synopsis = "Restarts a virtual machine.",
     .description = "Resets running virtual machines at once, as their reset button would (the "
                    "guest is not asked). Asks for confirmation unless -Force.",
     .default_set = "Name",
     .params = restart_vm_params,
     .examples = restart_vm_examples,
     .output_type = TYPE_VM,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.RestartVM",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS | SH_CMD_CONFIRM_IMPACT_HIGH,
     .begin = vm_views_begin,
     .process = act_process},
    {.name = "Save-VM",
     .synopsis = "Saves a virtual machine.",
     .description = "Saves running or paused virtual machines' state, memory included, and "
                    "stops them; the state becomes Saved and Start-VM resumes them where they "
                    "were. The same as Stop-VM -Save.",
     .default_set = "Name",
     .params = save_vm_params,
     .examples = save_vm_examples,
     .output_type = TYPE_VM,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.SaveVM",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .begin = vm_views_begin,
     .process = act_process},
    {.name = "Rename-VM",
     .synopsis = "Renames a virtual machine.",
     .description = "Renames virtual machines that are off (this host's engine cannot rename a "
                    "running one). A name another virtual machine has is refused. Objects "
                    "from earlier Get-VM calls still find the virtual machine: they carry its "
                    "Id.",
     .default_set = "Name",
     .params = rename_vm_params,
     .examples = rename_vm_examples,
     .output_type = TYPE_VM,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.RenameVM",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .begin = vm_views_begin,
     .process = rename_vm_process},
    {.name = "Set-VM",
     .synopsis = "Configures a virtual machine.",
     .description = "Changes virtual machines' processors, memory, notes, name and automatic "
                    "actions. Processors, memory and the name change only while the virtual "
                    "machine is off; Notes, the automatic start and stop actions and delay "
                    "(which hvsh --host-start and --host-stop apply), and the settings kept "
                    "for later (dynamic memory and its bounds, checkpoint type and location, "
                    "which Get-VM shows but which have no effect yet) may change at any time. "
                    "Every setting of one call is applied together, or none.",
     .default_set = "Name",
     .params = set_vm_params,
     .examples = set_vm_examples,
     .output_type = TYPE_VM,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.SetVM",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .begin = vm_views_begin,
     .process = set_vm_process},
    {0},
};
