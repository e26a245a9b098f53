/*
 * vmhardware.c - Get-VMProcessor, Set-VMProcessor, Get-VMMemory,
 * Set-VMMemory, Get-VMComPort and Set-VMComPort, over the engine's
 * hardware family (engine/hardware.h).
 *
 * Objects. Microsoft.HyperV.PowerShell.VMProcessor, VMMemory and VMComPort
 * carry Hyper-V's properties, then what every VM device carries (Name, Id,
 * VMId, VMName, ComputerName ...), so that piping them back into the Set
 * cmdlets finds their VM by VMId. VMProcessor also has ProcessorAffinity
 * and VMComPort HostPath, hvsh's own: the host processors the VM may run
 * on, and the socket or file a COM port's output goes to.
 *
 * Checking. Ranges are checked here, before anything changes, in Hyper-V's
 * words; what needs the VM or the host (a count above the host's
 * processors, a processor the host lacks, memory bounds against the
 * current startup memory, a pipe another VM uses) is checked by the engine,
 * which applies all of one call's settings or none.
 *
 * Settings that have no effect on this host (Reserve, NUMA limits,
 * performance monitoring ...) are kept and shown, with a warning, so that
 * scripts that set them run and read them back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../shell/convert.h"
#include "../shell/format.h"
#include "../shell/interp.h"
#include "../shell/methods.h"
#include "cmds.h"
#include "vm.h"

#define TYPE_PROCESSOR "Microsoft.HyperV.PowerShell.VMProcessor"
#define TYPE_MEMORY    "Microsoft.HyperV.PowerShell.VMMemory"
#define TYPE_COMPORT   "Microsoft.HyperV.PowerShell.VMComPort"

/* Hyper-V's instance identifiers of the devices (InstanceID of their
 * settings), which their Id property shows. */
#define PROCESSOR_CLASS "B637F346-6A0E-4DEC-AF52-BD70CB80A21D"
#define MEMORY_CLASS    "4764334D-E001-4176-82EE-5594EC9B530E"
#define COMPORT_CLASS   "8E3A359F-559A-4B6A-98A9-1690A6100ED7"

#define MIB (1024LL * 1024)

/* Per invocation: warnings about parameters are given once, not once per
 * pipeline object. */
typedef struct hw_state {
	bool warned;
} hw_state;

/* ---- errors and warnings ---- */

/* Warns, once per invocation, about the parameters bound among `kept`
 * (stored and shown, without effect here) and `ignored` (not stored). */
static void warn_params(sh_cmd *c, const char *device, const char *const *kept,
                        const char *const *ignored)
{
	hw_state *s = sh_cmd_state(c);
	if (s->warned)
		return;
	s->warned = true;
	vm_warn_no_effect(c, vm_remote_params);
	if (ignored)
		vm_warn_no_effect(c, ignored);
	for (size_t i = 0; kept && kept[i]; i++)
		if (sh_param_bound(c, kept[i]))
			sh_write_warning(
			    c,
			    "The parameter -%s is kept and shown by Get-VM%s; it has no "
			    "effect on this host.",
			    kept[i], device);
}

/* Checks a bound integer parameter against [lo, hi]; false after the
 * error (*st). */
static bool in_range(sh_cmd *c, const char *name, int64_t lo, int64_t hi, int64_t *out,
                     sh_status *st)
{
	*out = sh_param_int(c, name, 0);
	if (*out >= lo && *out <= hi)
		return true;
	char value[32];
	snprintf(value, sizeof value, "%lld", (long long)*out);
	*st = vm_bad_input(
	    c, value, "The value %lld of -%s is out of range: it must be between %lld and %lld.",
	    (long long)*out, name, (long long)lo, (long long)hi);
	return false;
}

/* ---- objects ---- */

/* What every VM device object carries after its own properties. */
static void device_notes(sh_value *o, const eng_vm *v, const char *name, const char *id)
{
	sh_object_set_note(o, "Name", sh_string(name));
	sh_object_set_note(o, "Id", sh_string(id));
	vm_device_notes(o, v->name, v->id);
}

/* Hyper-V's device Id: Microsoft:VMID\CLASS[\N]. */
static char *device_id(const eng_vm *v, const char *class, int index)
{
	char upper[40];
	snprintf(upper, sizeof upper, "%s", v->id);
	for (char *p = upper; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return index < 0 ? xasprintf("Microsoft:%s\\%s", upper, class)
	                 : xasprintf("Microsoft:%s\\%s\\%d", upper, class, index);
}

static sh_value *processor_object(const eng_vm *v, const eng_processor *p)
{
	sh_value *o = sh_object_new(TYPE_PROCESSOR);
	sh_object_set_note(o, "ResourcePoolName", sh_string("Primordial"));
	sh_object_set_note(o, "Count", sh_long(p->count));
	sh_object_set_note(o, "CompatibilityForMigrationEnabled",
	                   sh_bool(p->compatibility_for_migration));
	sh_object_set_note(o, "CompatibilityForOlderOperatingSystemsEnabled",
	                   sh_bool(p->compatibility_for_older_os));
	sh_object_set_note(o, "HwThreadCountPerCore", sh_long(p->hw_thread_count_per_core));
	sh_object_set_note(o, "ExposeVirtualizationExtensions",
	                   sh_bool(p->expose_virtualization_extensions));
	sh_object_set_note(o, "EnablePerfmonPmu", sh_bool(p->perfmon_pmu));
	sh_object_set_note(o, "EnablePerfmonLbr", sh_bool(p->perfmon_lbr));
	sh_object_set_note(o, "EnablePerfmonPebs", sh_bool(p->perfmon_pebs));
	sh_object_set_note(o, "EnablePerfmonIpt", sh_bool(p->perfmon_ipt));
	sh_object_set_note(o, "Maximum", sh_long(p->maximum));
	sh_object_set_note(o, "Reserve", sh_long(p->reserve));
	sh_object_set_note(o, "RelativeWeight", sh_int(p->relative_weight));
	sh_object_set_note(o, "MaximumCountPerNumaNode", sh_int(p->maximum_count_per_numa_node));
	sh_object_set_note(o, "MaximumCountPerNumaSocket",
	                   sh_int(p->maximum_count_per_numa_socket));
	sh_object_set_note(o, "EnableHostResourceProtection", sh_bool(p->host_resource_protection));
	sh_object_set_note(o, "ProcessorAffinity", sh_string(p->affinity));
	char *id = device_id(v, PROCESSOR_CLASS, 0);
	device_notes(o, v, "Processor", id);
	free(id);
	return o;
}

static sh_value *memory_object(const eng_vm *v, const eng_memory *m)
{
	sh_value *o = sh_object_new(TYPE_MEMORY);
	sh_object_set_note(o, "ResourcePoolName", sh_string("Primordial"));
	sh_object_set_note(o, "Buffer", sh_int(m->buffer));
	sh_object_set_note(o, "DynamicMemoryEnabled", sh_bool(v->dynamic_memory));
	sh_object_set_note(o, "Maximum", sh_long(v->memory_maximum));
	/* Hyper-V gives this one in MB */
	sh_object_set_note(o, "MaximumPerNumaNode", sh_long(m->maximum_per_numa_node / MIB));
	sh_object_set_note(o, "Minimum", sh_long(v->memory_minimum));
	sh_object_set_note(o, "Priority", sh_int(m->priority));
	sh_object_set_note(o, "Startup", sh_long(v->memory_startup));
	char *id = device_id(v, MEMORY_CLASS, -1);
	device_notes(o, v, "Memory", id);
	free(id);
	return o;
}

static sh_value *com_object(const eng_vm *v, const eng_com_port *p)
{
	sh_value *o = sh_object_new(TYPE_COMPORT);
	sh_object_set_note(o, "Path", sh_string(p->path));
	sh_object_set_note(o, "DebuggerMode", sh_string(p->debugger_mode ? "On" : "Off"));
	sh_object_set_note(o, "HostPath", sh_string(p->host_path));
	char name[16];
	snprintf(name, sizeof name, "COM %d", p->number);
	char *id = device_id(v, COMPORT_CLASS, p->number - 1);
	device_notes(o, v, name, id);
	free(id);
	return o;
}

static sh_value *mb_cell(sh_value *o, const char *name)
{
	return sh_long(sh_long_of(sh_object_note(o, name)) / MIB);
}

static sh_value *minimum_cell(sh_interp *in, sh_value *o)
{
	(void)in;
	return mb_cell(o, "Minimum");
}

static sh_value *startup_cell(sh_interp *in, sh_value *o)
{
	(void)in;
	return mb_cell(o, "Startup");
}

static sh_value *maximum_cell(sh_interp *in, sh_value *o)
{
	(void)in;
	return mb_cell(o, "Maximum");
}

static const sh_view_column processor_columns[] = {
    {.header = "VMName", .property = "VMName", .align = SH_ALIGN_LEFT},
    {.header = "Count", .property = "Count", .align = SH_ALIGN_LEFT},
    {.header = "CompatibilityForMigrationEnabled",
     .property = "CompatibilityForMigrationEnabled",
     .align = SH_ALIGN_LEFT},
    {.header = "CompatibilityForOlderOperatingSystemsEnabled",
     .property = "CompatibilityForOlderOperatingSystemsEnabled",
     .align = SH_ALIGN_LEFT},
};
static const sh_view_column memory_columns[] = {
    {.header = "VMName", .property = "VMName", .align = SH_ALIGN_LEFT},
    {.header = "DynamicMemoryEnabled", .property = "DynamicMemoryEnabled", .align = SH_ALIGN_LEFT},
    {.header = "Minimum(M)", .compute = minimum_cell, .align = SH_ALIGN_LEFT},
    {.header = "Startup(M)", .compute = startup_cell, .align = SH_ALIGN_LEFT},
    {.header = "Maximum(M)", .compute = maximum_cell, .align = SH_ALIGN_LEFT},
};
static const sh_view_column com_columns[] = {
    {.header = "VMName", .property = "VMName", .align = SH_ALIGN_LEFT},
    {.header = "Name", .property = "Name", .align = SH_ALIGN_LEFT},
    {.header = "Path", .property = "Path", .align = SH_ALIGN_LEFT},
};
static const sh_view views[] = {
    {.type_name = TYPE_PROCESSOR,
     .kind = SH_VIEW_TABLE,
     .columns = processor_columns,
     .ncolumns = 4},
    {.type_name = TYPE_MEMORY, .kind = SH_VIEW_TABLE, .columns = memory_columns, .ncolumns = 5},
    {.type_name = TYPE_COMPORT, .kind = SH_VIEW_TABLE, .columns = com_columns, .ncolumns = 3},
};

static sh_status views_begin(sh_cmd *c)
{
	static bool done;
	if (!done) {
		done = true;
		for (size_t i = 0; i < sizeof views / sizeof views[0]; i++)
			sh_view_register(&views[i]);
	}
	return vm_views_begin(c);
}

/* ---- emitting what the engine reads now ---- */

static sh_status read_failed(sh_cmd *c, const eng_vm *v, const char *device, int rc, char *err)
{
	char *what = xasprintf("Hyper-V was unable to read the %s of '%s'.", device, v->name);
	sh_value *target = sh_string(v->name);
	sh_status st = vm_engine_error(
	    c, rc == ENG_ENOTFOUND ? SH_CAT_OBJECT_NOT_FOUND : SH_CAT_RESOURCE_UNAVAILABLE,
	    "ReadFailed", target, what, err);
	sh_unref(target);
	free(what);
	return st;
}

static sh_status emit_processor(sh_cmd *c, const eng_api *api, const eng_vm *v)
{
	eng_processor p;
	char *err = NULL;
	int rc = api->hardware->get_processor(v->id, &p, &err);
	if (rc < 0)
		return read_failed(c, v, "processor", rc, err);
	sh_value *o = processor_object(v, &p);
	api->hardware->processor_free(&p);
	return sh_emit(c, o);
}

/* v's memory; with `fresh`, v is read again first (after a change). */
static sh_status emit_memory(sh_cmd *c, const eng_api *api, const eng_vm *v, bool fresh)
{
	eng_vm now;
	eng_memory m;
	char *err = NULL;
	int rc = fresh ? api->get_vm(v->id, &now, &err) : 0;
	if (rc < 0)
		return read_failed(c, v, "memory", rc, err);
	rc = api->hardware->get_memory(v->id, &m, &err);
	sh_status st = rc < 0 ? read_failed(c, v, "memory", rc, err)
	                      : sh_emit(c, memory_object(fresh ? &now : v, &m));
	if (fresh) {
		/* vms_free frees the array it is given: a copy of the struct */
		eng_vm *copy = xmalloc(sizeof *copy);
		*copy = now;
		api->vms_free(copy, 1);
	}
	return st;
}

/* COM `number` of v, or both when number is 0. */
static sh_status emit_com_ports(sh_cmd *c, const eng_api *api, const eng_vm *v, int number)
{
	eng_com_port ports[ENG_COM_PORTS];
	char *err = NULL;
	int rc = api->hardware->get_com_ports(v->id, ports, &err);
	if (rc < 0)
		return read_failed(c, v, "COM ports", rc, err);
	sh_status st = SH_OK;
	for (int i = 0; i < ENG_COM_PORTS && st == SH_OK; i++)
		if (number == 0 || number == i + 1)
			st = sh_emit(c, com_object(v, &ports[i]));
	api->hardware->com_ports_free(ports, ENG_COM_PORTS);
	return st;
}

/* ---- the VMs a command addresses ---- */

/* ---- Get-VMProcessor, Get-VMMemory, Get-VMComPort ---- */

static sh_status get_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	warn_params(c, NULL, NULL, NULL);
	if (sh_param_bound(c, "VMSnapshot"))
		return vm_no_checkpoints(c);
	const char *noun = sh_cmd_def(c)->name + 4;
	int number = 0;
	sh_status st = SH_OK;
	int64_t n;
	if (sh_param_bound(c, "Number")) {
		if (!in_range(c, "Number", 1, ENG_COM_PORTS, &n, &st))
			return st;
		number = (int)n;
	}
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	vm_set s = {0};
	st = vm_select_devices(c, api, &s, NULL);
	for (size_t k = 0; k < s.npick && st == SH_OK; k++) {
		const eng_vm *v = &s.vms[s.pick[k]];
		if (strcmp(noun, "VMProcessor") == 0)
			st = emit_processor(c, api, v);
		else if (strcmp(noun, "VMMemory") == 0)
			st = emit_memory(c, api, v, false);
		else
			st = emit_com_ports(c, api, v, number);
	}
	vm_set_free(api, &s);
	return st;
}

/* ---- Set-VMProcessor ---- */

static const char *const processor_kept[] = {"Reserve",
                                             "CompatibilityForOlderOperatingSystemsEnabled",
                                             "EnableHostResourceProtection",
                                             "HwThreadCountPerCore",
                                             "MaximumCountPerNumaNode",
                                             "MaximumCountPerNumaSocket",
                                             "Perfmon",
                                             NULL};
static const char *const processor_ignored[] = {"ResourcePoolName", NULL};

/* A bound Boolean parameter as 0 or 1, else -1. */
static int bool_param(sh_cmd *c, const char *name)
{
	return sh_param_bound(c, name) ? sh_bool_of(sh_param(c, name)) : -1;
}

static sh_status set_processor_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	warn_params(c, "Processor", processor_kept, processor_ignored);
	eng_processor_settings ps = {
	    .count = -1,
	    .maximum = -1,
	    .reserve = -1,
	    .relative_weight = -1,
	    .compatibility_for_migration = bool_param(c, "CompatibilityForMigrationEnabled"),
	    .compatibility_for_older_os =
	        bool_param(c, "CompatibilityForOlderOperatingSystemsEnabled"),
	    .expose_virtualization_extensions = bool_param(c, "ExposeVirtualizationExtensions"),
	    .host_resource_protection = bool_param(c, "EnableHostResourceProtection"),
	    .hw_thread_count_per_core = -1,
	    .maximum_count_per_numa_node = -1,
	    .maximum_count_per_numa_socket = -1,
	};
	static const struct {
		const char *name;
		int64_t lo, hi;
		size_t offset; /* of an int in ps, or SIZE_MAX for the int64 */
	} ranges[] = {
	    {"Count", 1, 2048, offsetof(eng_processor_settings, count)},
	    {"Maximum", 0, 100, offsetof(eng_processor_settings, maximum)},
	    {"Reserve", 0, 100, offsetof(eng_processor_settings, reserve)},
	    {"RelativeWeight", 1, 10000, offsetof(eng_processor_settings, relative_weight)},
	    {"HwThreadCountPerCore", 0, 64, SIZE_MAX},
	    {"MaximumCountPerNumaNode", 1, 2048,
	     offsetof(eng_processor_settings, maximum_count_per_numa_node)},
	    {"MaximumCountPerNumaSocket", 1, 64,
	     offsetof(eng_processor_settings, maximum_count_per_numa_socket)},
	};
	sh_status st = SH_OK;
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
		int64_t v;
		if (!sh_param_bound(c, ranges[i].name))
			continue;
		if (!in_range(c, ranges[i].name, ranges[i].lo, ranges[i].hi, &v, &st))
			return st;
		if (ranges[i].offset == SIZE_MAX)
			ps.hw_thread_count_per_core = v;
		else
			*(int *)((char *)&ps + ranges[i].offset) = (int)v;
	}
	char *perfmon = NULL;
	if (sh_param_bound(c, "Perfmon")) {
		/* "pmu,lbr" or pmu,lbr (an array) alike */
		sh_value *list = sh_param(c, "Perfmon");
		sh_buf b = {0};
		for (size_t i = 0; i < sh_array_len(list); i++)
			buf_printf(&b, "%s%s", i ? "," : "", sh_str(sh_array_get(list, i)));
		perfmon = buf_detach(&b);
		ps.perfmon = perfmon;
	}
	if (sh_param_bound(c, "ProcessorAffinity")) {
		const char *a = sh_param_str(c, "ProcessorAffinity");
		ps.affinity = a ? a : "";
	}
	const eng_api *api = vm_engine(c, &st);
	if (!api) {
		free(perfmon);
		return st;
	}
	vm_set s = {0};
	st = vm_select_devices(c, api, &s, "VMProcessor");
	for (size_t k = 0; k < s.npick && st == SH_OK; k++) {
		const eng_vm *v = &s.vms[s.pick[k]];
		if (!sh_should_process(c, v->name, "Set-VMProcessor"))
			continue;
		char *warning = NULL, *err = NULL;
		int rc = api->hardware->set_processor(v->id, &ps, &warning, &err);
		if (warning)
			sh_write_warning(c, "%s", warning);
		free(warning);
		if (rc < 0)
			st = vm_engine_failed(c, rc, v->name, NULL, err);
		else if (sh_switch(c, "Passthru"))
			st = emit_processor(c, api, v);
	}
	vm_set_free(api, &s);
	free(perfmon);
	return st;
}

/* ---- Set-VMMemory ---- */

static const char *const memory_ignored[] = {"MaximumAmountPerNumaNodeBytes", "ResourcePoolName",
                                             NULL};

/* A bound memory size: at least 32 MB, a multiple of 2 MB (as Set-VM). */
static bool memory_size(sh_cmd *c, const char *name, const char *what, int64_t *out, sh_status *st)
{
	*out = 0;
	if (!sh_param_bound(c, name))
		return true;
	*out = sh_param_int(c, name, 0);
	if (*out >= 32 * MIB && *out % (2 * MIB) == 0)
		return true;
	char value[32];
	snprintf(value, sizeof value, "%lld", (long long)*out);
	*st = vm_bad_input(c, value,
	                   "The %s memory %lld bytes is not valid: it must be at least 32 MB and a "
	                   "multiple of 2 MB.",
	                   what, (long long)*out);
	return false;
}

static sh_status set_memory_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	warn_params(c, "Memory", NULL, memory_ignored);
	eng_memory_settings ms = {
	    .dynamic = bool_param(c, "DynamicMemoryEnabled"), .buffer = -1, .priority = -1};
	sh_status st = SH_OK;
	int64_t v;
	if (!memory_size(c, "StartupBytes", "startup", &ms.startup, &st) ||
	    !memory_size(c, "MinimumBytes", "minimum", &ms.minimum, &st) ||
	    !memory_size(c, "MaximumBytes", "maximum", &ms.maximum, &st))
		return st;
	if (sh_param_bound(c, "Buffer")) {
		if (!in_range(c, "Buffer", 5, 2000, &v, &st))
			return st;
		ms.buffer = (int)v;
	}
	if (sh_param_bound(c, "Priority")) {
		if (!in_range(c, "Priority", 0, 100, &v, &st))
			return st;
		ms.priority = (int)v;
	}
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	vm_set s = {0};
	st = vm_select_devices(c, api, &s, "VMMemory");
	for (size_t k = 0; k < s.npick && st == SH_OK; k++) {
		const eng_vm *vm = &s.vms[s.pick[k]];
		if (!sh_should_process(c, vm->name, "Set-VMMemory"))
			continue;
		char *err = NULL;
		int rc = api->hardware->set_memory(vm->id, &ms, &err);
		if (rc < 0)
			st = vm_engine_failed(c, rc, vm->name, NULL, err);
		else if (sh_switch(c, "Passthru"))
			st = emit_memory(c, api, vm, true);
	}
	vm_set_free(api, &s);
	return st;
}

/* ---- Set-VMComPort ---- */

/* The port number a VMComPort object stands for (its Name, "COM 2"), or 0. */
static int port_of_object(sh_cmd *c, sh_value *o)
{
	bool port = false;
	for (size_t i = 0; sh_kind_of(o) == SH_OBJECT && i < sh_object_typename_count(o); i++)
		port |= str_isuffix(sh_object_typename(o, i), TYPE_COMPORT); /* Deserialized. too */
	sh_value *name = NULL;
	char *err = NULL;
	if (port && sh_get_member(sh_cmd_interp(c), o, "Name", &name, &err) < 0)
		free(err);
	const char *text = sh_str(name);
	int n = strncasecmp(text, "COM ", 4) == 0 ? atoi(text + 4) : 0;
	sh_unref(name);
	return n >= 1 && n <= ENG_COM_PORTS ? n : 0;
}

static sh_status set_com_port(sh_cmd *c, const eng_api *api, const eng_vm *v, int number,
                              const char *path, int debugger)
{
	char target[160];
	snprintf(target, sizeof target, "%s COM %d", v->name, number);
	if (!sh_should_process(c, target, "Set-VMComPort"))
		return SH_OK;
	char *err = NULL;
	int rc = api->hardware->set_com_port(v->id, number, path, debugger, &err);
	if (rc < 0)
		return vm_engine_failed(c, rc, v->name, NULL, err);
	return sh_switch(c, "Passthru") ? emit_com_ports(c, api, v, number) : SH_OK;
}

static sh_status set_com_port_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	static const char *const kept[] = {"DebuggerMode", NULL};
	warn_params(c, "ComPort", kept, NULL);
	sh_status st = SH_OK;
	int64_t number = 0;
	if (sh_param_bound(c, "Number") && !in_range(c, "Number", 1, ENG_COM_PORTS, &number, &st))
		return st;
	char *path = NULL;
	if (sh_param_bound(c, "Path")) {
		const char *p = sh_param_str(c, "Path");
		/* a relative file path is the current location's, as for every
		   cmdlet; pipes (\\.\pipe\NAME), other Windows paths (refused
		   by the engine) and "" stay as they are */
		if (p && *p && p[0] != '/' && !strchr(p, '\\'))
			path = xasprintf("%s/%s", sh_get_location(sh_cmd_interp(c)), p);
		else
			path = xstrdup(p ? p : "");
	}
	int debugger = -1;
	if (sh_param_bound(c, "DebuggerMode"))
		debugger = strcmp(sh_param_str(c, "DebuggerMode"), "On") == 0;
	const eng_api *api = vm_engine(c, &st);
	if (!api) {
		free(path);
		return st;
	}
	vm_set s = {0};
	sh_value *ports = sh_param(c, "VMComPort");
	if (ports) {
		/* each port object names its VM and its number */
		char *err = NULL;
		if (api->list_vms(&s.vms, &s.n, &err) < 0)
			st = vm_engine_error(
			    c, SH_CAT_RESOURCE_UNAVAILABLE, "ListFailed", NULL,
			    "Hyper-V was unable to list the virtual machines:", err);
		for (size_t k = 0; k < sh_array_len(ports) && st == SH_OK; k++) {
			sh_value *o = sh_array_get(ports, k);
			int n = port_of_object(c, o);
			long i = n ? vm_index_of_object(c, &s, o, &st) : -1;
			if (!n) {
				char *text = sh_to_string(o);
				st = vm_bad_input(
				    c, text,
				    "'%s' is not a COM port: give a VMComPort object from "
				    "Get-VMComPort, or a virtual machine and -Number.",
				    text);
				free(text);
			} else if (i >= 0) {
				st = set_com_port(c, api, &s.vms[i], n, path, debugger);
			}
		}
	} else {
		st = vm_select_devices(c, api, &s, NULL);
		for (size_t k = 0; k < s.npick && st == SH_OK; k++)
			st = set_com_port(c, api, &s.vms[s.pick[k]], (int)number, path, debugger);
	}
	vm_set_free(api, &s);
	free(path);
	return st;
}

/* ---- the tables ---- */

#define POOL_PARAM                                                                                 \
	{                                                                                          \
		.name = "ResourcePoolName", .type = SH_P_STRING, .position = -1,                   \
		.help =                                                                            \
		    "Specifies a resource pool. This host has only the primordial pool: accepted " \
		    "and ignored with a warning."                                                  \
	}

static const sh_param_def get_params[] = {
    VM_NAME_PARAM(SH_PF_PIPELINE), VM_OBJECT_PARAM, VM_SNAPSHOT_PARAM, REMOTE_PARAMS("VMName"), {0},
};

static const sh_param_def get_com_params[] = {
    VM_NAME_PARAM(SH_PF_PIPELINE),
    VM_OBJECT_PARAM,
    VM_SNAPSHOT_PARAM,
    {.name = "Number",
     .type = SH_P_INT,
     .position = 1,
     .help = "Specifies the COM port to get: 1 or 2. Without it, both are returned."},
    REMOTE_PARAMS("VMName"),
    {0},
};

#define KEPT                                                                                       \
	" Kept and shown by Get-VMProcessor; it has no effect on this host (a warning says so)."

static const sh_param_def set_processor_params[] = {
    VM_NAME_PARAM(SH_PF_PIPELINE),
    VM_OBJECT_PARAM,
    {.name = "VMProcessor",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE,
     .position = 0,
     .sets = "VMProcessor",
     .type_name = "VMProcessor[]",
     .help = "Specifies the processors to configure, as objects from Get-VMProcessor."},
    {.name = "Count",
     .type = SH_P_LONG,
     .position = -1,
     .help = "Specifies the number of virtual processors, at most the host's logical "
             "processors. The virtual machine must be off."},
    {.name = "Maximum",
     .type = SH_P_LONG,
     .position = -1,
     .help = "Specifies the most of each virtual processor's time the virtual machine may use, "
             "in percent (0 to 100; 100 is no limit). A real limit (the host scheduler's CPU "
             "bandwidth control); 0 is held to 1%, the smallest share the host can give. It "
             "changes a running virtual machine at once."},
    {.name = "Reserve",
     .type = SH_P_LONG,
     .position = -1,
     .help = "Specifies the percentage of processor time to reserve for the virtual machine "
             "(0 to 100, at most -Maximum). The host's scheduler reserves no time:" KEPT},
    {.name = "RelativeWeight",
     .type = SH_P_INT,
     .position = -1,
     .help = "Specifies the virtual machine's share of the host's processors relative to "
             "others (1 to 10000, 100 by default): the host scheduler's CPU weight. It changes "
             "a running virtual machine at once."},
    {.name = "CompatibilityForMigrationEnabled",
     .type = SH_P_BOOL,
     .position = -1,
     .help = "$true gives the virtual machine QEMU's baseline processor (qemu64), the same on "
             "every host; $false the host's processor with all its features (under software "
             "emulation, every feature QEMU emulates). The virtual machine must be off."},
    {.name = "CompatibilityForOlderOperatingSystemsEnabled",
     .type = SH_P_BOOL,
     .position = -1,
     .help = "Limits the processor features for old operating systems." KEPT},
    {.name = "ExposeVirtualizationExtensions",
     .type = SH_P_BOOL,
     .position = -1,
     .help = "Lets the guest run virtual machines of its own (nested virtualization): the "
             "processor gets the host's vmx or svm feature under KVM. Under software emulation "
             "the setting is kept and a warning says that it takes effect only with hardware "
             "virtualization. The virtual machine must be off."},
    {.name = "EnableHostResourceProtection",
     .type = SH_P_BOOL,
     .position = -1,
     .help = "Guards the host against a virtual machine's excessive activity." KEPT},
    {.name = "HwThreadCountPerCore",
     .type = SH_P_LONG,
     .position = -1,
     .help = "Specifies the number of threads per core the virtual machine sees: 0 for the "
             "host's, else at most the host's." KEPT},
    {.name = "MaximumCountPerNumaNode",
     .type = SH_P_INT,
     .position = -1,
     .help = "Specifies the most virtual processors per NUMA node." KEPT},
    {.name = "MaximumCountPerNumaSocket",
     .type = SH_P_INT,
     .position = -1,
     .help = "Specifies the most sockets per NUMA node." KEPT},
    {.name = "Perfmon",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY,
     .position = -1,
     .type_name = "String[]",
     .help = "Specifies the performance monitoring components to expose: pmu, lbr, pebs and "
             "ipt, as a list (pmu,lbr) or in one string (\"pmu,lbr\"); '' or @() for "
             "none." KEPT},
    {.name = "ProcessorAffinity",
     .type = SH_P_STRING,
     .position = -1,
     .help = "hvsh's own: the host processors the virtual machine may run on, as a Linux "
             "processor list (\"0,2-3\"); '' allows every processor. It changes a running "
             "virtual machine at once."},
    POOL_PARAM,
    VM_PASSTHRU_PARAM("Returns the VMProcessor object of each virtual machine changed."),
    REMOTE_PARAMS("VMName"),
    {0},
};

static const sh_param_def set_memory_params[] = {
    VM_NAME_PARAM(SH_PF_PIPELINE),
    VM_OBJECT_PARAM,
    {.name = "VMMemory",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE,
     .position = 0,
     .sets = "ResourceObject",
     .type_name = "VMMemory[]",
     .help = "Specifies the memory to configure, as objects from Get-VMMemory."},
    {.name = "StartupBytes",
     .type = SH_P_LONG,
     .position = -1,
     .help = "Specifies the memory the virtual machine starts with: at least 32MB, a multiple "
             "of 2MB. The virtual machine must be off."},
    {.name = "DynamicMemoryEnabled",
     .type = SH_P_BOOL,
     .position = -1,
     .help = "Turns dynamic memory on or off (kept and shown, as by Set-VM -DynamicMemory; the "
             "memory does not vary yet). The virtual machine must be off."},
    {.name = "MinimumBytes",
     .type = SH_P_LONG,
     .position = -1,
     .help = "Specifies dynamic memory's minimum, at most the startup memory. While the "
             "virtual machine runs with dynamic memory, it may only be lowered."},
    {.name = "MaximumBytes",
     .type = SH_P_LONG,
     .position = -1,
     .help = "Specifies dynamic memory's maximum, at least the startup memory. While the "
             "virtual machine runs with dynamic memory, it may only be raised."},
    {.name = "Buffer",
     .type = SH_P_INT,
     .position = -1,
     .help = "Specifies the memory to keep spare for dynamic memory, in percent of what the "
             "guest uses (5 to 2000). Kept and shown; it may change at any time."},
    {.name = "Priority",
     .type = SH_P_INT,
     .position = -1,
     .help = "Specifies the virtual machine's priority for memory against others (0 to 100). "
             "Kept and shown; it may change at any time."},
    {.name = "MaximumAmountPerNumaNodeBytes",
     .type = SH_P_LONG,
     .position = -1,
     .help = "Specifies the most memory per NUMA node. Accepted and ignored with a warning."},
    POOL_PARAM,
    VM_PASSTHRU_PARAM("Returns the VMMemory object of each virtual machine changed."),
    REMOTE_PARAMS("VMName"),
    {0},
};

static const char *const on_off[] = {"On", "Off", NULL};

static const sh_param_def set_com_params[] = {
    VM_NAME_PARAM(SH_PF_PIPELINE),
    /* before -VM: a COM port object piped in binds here, where -Number
       is not needed */
    {.name = "VMComPort",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE,
     .position = 0,
     .sets = "VMComPort",
     .type_name = "VMComPort[]",
     .help = "Specifies the COM ports to configure, as objects from Get-VMComPort."},
    VM_OBJECT_PARAM,
    {.name = "Number",
     .type = SH_P_INT,
     .flags = SH_PF_MANDATORY,
     .position = 1,
     .sets = "VMName,VMObject",
     .help = "Specifies the COM port: 1 or 2."},
    {.name = "Path",
     .type = SH_P_STRING,
     .position = 2,
     .help = "Specifies what the COM port connects to: a named pipe, \\\\.\\pipe\\NAME (a Unix "
             "socket of hvsh's that QEMU listens on: see HostPath), a file the port's output "
             "goes to (relative paths are the current location's), or '' to disconnect it. "
             "The virtual machine must be off."},
    {.name = "DebuggerMode",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = on_off,
     .type_name = "OnOffState",
     .help = "Specifies whether the port is set up for a kernel debugger. Kept and shown by "
             "Get-VMComPort; it has no effect on this host (a warning says so)."},
    VM_PASSTHRU_PARAM("Returns the VMComPort object of each virtual machine changed."),
    REMOTE_PARAMS("VMName"),
    {0},
};

static const sh_example get_processor_examples[] = {
    {"Get-VMProcessor demo", "Gets the processor settings of the virtual machine demo."},
    {"Get-VM | Get-VMProcessor | Format-List VMName, Count, Maximum, RelativeWeight, "
     "ProcessorAffinity",
     "Shows the count, limit, weight and host processors of every virtual machine."},
    {0},
};
static const sh_example set_processor_examples[] = {
    {"Set-VMProcessor demo -Count 2 -Maximum 50 -RelativeWeight 200",
     "Gives demo two virtual processors, each limited to half of a host processor, with "
     "twice the default weight."},
    {"Set-VMProcessor demo -ProcessorAffinity 2-3",
     "Lets demo run only on the host's processors 2 and 3 (at once, if it runs)."},
    {"Set-VMProcessor demo -ExposeVirtualizationExtensions $true",
     "Lets demo's guest run virtual machines of its own under KVM."},
    {0},
};
static const sh_example get_memory_examples[] = {
    {"Get-VMMemory demo", "Gets the memory settings of the virtual machine demo."},
    {0},
};
static const sh_example set_memory_examples[] = {
    {"Set-VMMemory demo -DynamicMemoryEnabled $true -MinimumBytes 128MB -StartupBytes 512MB "
     "-MaximumBytes 2GB",
     "Turns on dynamic memory for demo, which is off, with its bounds."},
    {"Get-VMMemory demo | Set-VMMemory -Priority 80 -Buffer 25 -Passthru",
     "Raises demo's memory priority and buffer, even while it runs."},
    {0},
};
static const sh_example get_com_examples[] = {
    {"Get-VMComPort demo", "Gets both COM ports of demo and what they connect to."},
    {"Get-VMComPort demo 1 | Format-List Path, HostPath",
     "Shows where COM 1's output goes on this host."},
    {0},
};
static const sh_example set_com_examples[] = {
    {"Set-VMComPort demo 1 \\\\.\\pipe\\demo-console",
     "Serves demo's COM 1 on a Unix socket (Get-VMComPort shows it as HostPath), to attach "
     "to with socat or nc -U."},
    {"Set-VMComPort demo -Number 2 -Path /var/log/demo-com2.log",
     "Writes demo's COM 2 output to a file."},
    {"Set-VMComPort demo 1 ''", "Disconnects demo's COM 1."},
    {0},
};

const sh_cmdlet cmd_vmhardware_cmdlets[] = {
    {.name = "Get-VMProcessor",
     .synopsis = "Gets the processor of a virtual machine or snapshot.",
     .description = "Gets virtual machines' processor settings: the count, the limit (Maximum), "
                    "the weight, the processor model's compatibility and nested "
                    "virtualization settings, and, as hvsh's own ProcessorAffinity, the host "
                    "processors the virtual machine may run on.",
     .default_set = "VMName",
     .params = get_params,
     .examples = get_processor_examples,
     .output_type = TYPE_PROCESSOR,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.GetVMProcessor",
     .state_size = sizeof(hw_state),
     .begin = views_begin,
     .process = get_process},
    {.name = "Set-VMProcessor",
     .synopsis = "Configures settings for the virtual processors of a virtual machine.",
     .description =
         "Configures virtual machines' processors. The count and the processor model "
         "(compatibility, nested virtualization) change only while the virtual machine is "
         "off; the limit, the weight and the affinity change a running one at once, through "
         "the host scheduler's cgroup settings. A count above the host's logical processors, "
         "or a processor the host lacks, is refused. Every setting of one call is applied "
         "together, or none.",
     .default_set = "VMName",
     .params = set_processor_params,
     .examples = set_processor_examples,
     .output_type = TYPE_PROCESSOR,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.SetVMProcessor",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .state_size = sizeof(hw_state),
     .begin = views_begin,
     .process = set_processor_process},
    {.name = "Get-VMMemory",
     .synopsis = "Gets the memory of a virtual machine or snapshot.",
     .description = "Gets virtual machines' memory settings: startup memory, dynamic memory and "
                    "its minimum, maximum, buffer and priority.",
     .default_set = "VMName",
     .params = get_params,
     .examples = get_memory_examples,
     .output_type = TYPE_MEMORY,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.GetVMMemory",
     .state_size = sizeof(hw_state),
     .begin = views_begin,
     .process = get_process},
    {.name = "Set-VMMemory",
     .synopsis = "Configures the memory of a virtual machine.",
     .description = "Configures virtual machines' memory, as Hyper-V checks it: sizes of at "
                    "least 32 MB in steps of 2 MB, and with dynamic memory minimum <= startup "
                    "<= maximum. While a virtual machine runs, Buffer and Priority may change, "
                    "and with dynamic memory the minimum may go down and the maximum up; the "
                    "rest is refused. Every setting of one call is applied together, or none.",
     .default_set = "VMName",
     .params = set_memory_params,
     .examples = set_memory_examples,
     .output_type = TYPE_MEMORY,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.SetVMMemory",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .state_size = sizeof(hw_state),
     .begin = views_begin,
     .process = set_memory_process},
    {.name = "Get-VMComPort",
     .synopsis = "Gets the COM ports of a virtual machine or snapshot.",
     .description = "Gets virtual machines' COM 1 and COM 2: Path is a named pipe "
                    "(\\\\.\\pipe\\NAME), a file or nothing; hvsh's own HostPath is the host's "
                    "end, the Unix socket that serves the pipe or the file.",
     .default_set = "VMName",
     .params = get_com_params,
     .examples = get_com_examples,
     .output_type = TYPE_COMPORT,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.GetVMComPort",
     .state_size = sizeof(hw_state),
     .begin = views_begin,
     .process = get_process},
    {.name = "Set-VMComPort",
     .synopsis = "Configures the COM port of a virtual machine.",
     .description =
         "Connects a virtual machine's COM port to a named pipe, a file, or nothing. A named "
         "pipe, \\\\.\\pipe\\NAME, is a Unix socket NAME in hvsh's pipe directory (shown as "
         "HostPath), on which QEMU listens while the virtual machine runs: attach to it "
         "with socat or nc -U. A pipe serves one COM port of one virtual machine. The virtual "
         "machine must be off.",
     .default_set = "VMName",
     .params = set_com_params,
     .examples = set_com_examples,
     .output_type = TYPE_COMPORT,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.SetVMComPort",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .state_size = sizeof(hw_state),
     .begin = views_begin,
     .process = set_com_port_process},
    {0},
};
