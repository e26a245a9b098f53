/*
 * vmdrive.c - the drive and controller cmdlets: Get-/Add-/Remove-/Set-
 * VMHardDiskDrive, Get-/Add-/Set-/Remove-VMDvdDrive, Get-/Set-
 * VMFloppyDiskDrive, Get-VMIdeController, Get-/Add-/Remove-
 * VMScsiController and New-VFD, over the engine's drives table
 * (engine/drives.h).
 *
 * Objects. Drives are HardDiskDrive, DvdDrive and FloppyDiskDrive objects,
 * controllers VMIdeController and VMScsiController objects, with Hyper-V's
 * type and property names. Each carries its VM's VMName and VMId, a drive
 * its place (ControllerType, ControllerNumber, ControllerLocation) and a
 * controller its number: all that a cmdlet receiving one needs to find
 * it again. A controller's Drives are the drive objects on it.
 *
 * Which object is which. The binder binds a piped object to the parameter
 * of its type (a controller piped into Add-VMHardDiskDrive to
 * -VMDriveController, a drive to -VMHardDiskDrive); the cmdlets read the
 * type names of what they are given only to refuse a drive of another
 * kind.
 *
 * The engine chooses places (the first free one; a taken one is an error
 * naming it), checks files and refuses what a running VM cannot do, all
 * in one step per change; this file turns its answers into Hyper-V's
 * objects and errors. Parameters with no meaning on this host are
 * accepted and a warning says so.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../engine/engine.h"
#include "../shell/convert.h"
#include "../shell/format.h"
#include "../shell/interp.h"
#include "../shell/methods.h"
#include "cmds.h"
#include "item.h"
#include "vm.h"

#define TYPE_HDD   "Microsoft.HyperV.PowerShell.HardDiskDrive"
#define TYPE_DVD   "Microsoft.HyperV.PowerShell.DvdDrive"
#define TYPE_FDD   "Microsoft.HyperV.PowerShell.VMFloppyDiskDrive"
#define TYPE_DRIVE "Microsoft.HyperV.PowerShell.Drive"
#define TYPE_IDE   "Microsoft.HyperV.PowerShell.VMIdeController"
#define TYPE_SCSI  "Microsoft.HyperV.PowerShell.VMScsiController"
#define TYPE_CTRL  "Microsoft.HyperV.PowerShell.VMDriveController"
#define NULL_GUID  "00000000-0000-0000-0000-000000000000"

static const char *const controller_types[] = {"IDE", "SCSI", NULL};
/* in eng_cache's order */
static const char *const cache_attributes[] = {
    "Default", "WriteCacheEnabled", "WriteCacheAndFUAEnabled", "WriteCacheDisabled", NULL};
static const char *const bus_words[] = {"IDE", "SCSI", "Floppy"};
static const char *const kind_words[] = {"hard disk drive", "DVD drive", "floppy disk drive"};

/* ---- errors ---- */

/* An engine failure (rc, *err freed) as Hyper-V reports it: `what`
 * (freed) failed, then why. */
static sh_status engine_error(sh_cmd *c, int rc, const char *vm, char *what, char *err)
{
	sh_status st = vm_engine_failed(c, rc, vm, what, err);
	free(what);
	return st;
}

/* ---- reading objects ---- */

static bool has_type(sh_value *o, const char *type)
{
	if (sh_kind_of(o) != SH_OBJECT)
		return false;
	for (size_t i = 0; i < sh_object_typename_count(o); i++)
		if (str_ieq(sh_object_typename(o, i), type))
			return true;
	return false;
}

/* The bus of a controller object, or -1. */
static int controller_bus(sh_value *o)
{
	return has_type(o, TYPE_IDE) ? ENG_BUS_IDE : has_type(o, TYPE_SCSI) ? ENG_BUS_SCSI : -1;
}

/* A property's text (malloc'd), or NULL. */
static char *prop_text(sh_interp *in, sh_value *o, const char *name)
{
	if (sh_kind_of(o) != SH_OBJECT)
		return NULL;
	sh_value *v = NULL;
	char *err = NULL;
	char *out = NULL;
	if (sh_get_member(in, o, name, &v, &err) == 0 && v)
		out = sh_to_string(v);
	sh_unref(v);
	free(err);
	return out;
}

static int prop_int(sh_interp *in, sh_value *o, const char *name, int fallback)
{
	char *t = prop_text(in, o, name);
	int out = fallback;
	if (t && *t) {
		char *end;
		long v = strtol(t, &end, 10);
		if (*end == '\0')
			out = (int)v;
	}
	free(t);
	return out;
}

/* IDE, SCSI (or their enum numbers): an eng_bus, or -1. */
static int bus_named(const char *s)
{
	if (!s)
		return -1;
	if (strcasecmp(s, "IDE") == 0 || strcmp(s, "0") == 0)
		return ENG_BUS_IDE;
	if (strcasecmp(s, "SCSI") == 0 || strcmp(s, "1") == 0)
		return ENG_BUS_SCSI;
	return -1;
}

static size_t items_in(sh_value *list)
{
	return sh_kind_of(list) == SH_ARRAY ? sh_array_len(list) : list ? 1 : 0;
}

static sh_value *item_at(sh_value *list, size_t i)
{
	return sh_kind_of(list) == SH_ARRAY ? sh_array_get(list, i) : list;
}

/* ---- making objects ---- */

static char *device_to_string(sh_value *self)
{
	return sh_to_string(sh_object_note(self, "Name"));
}

static const sh_class device_class = {.name = "Microsoft.HyperV.PowerShell.VirtualMachineDevice",
                                      .to_string = device_to_string};

static char *upper(const char *s)
{
	char *u = xstrdup(s);
	for (char *p = u; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return u;
}

/* What every device object ends with (a drive's pool after its Name). */
static void device_identity(sh_value *o, char *name, char *id, bool pool, const char *vm_name,
                            const char *vm_id)
{
	sh_object_set_note(o, "Name", sh_string_take(name));
	if (pool)
		sh_object_set_note(o, "PoolName", sh_string("Primordial"));
	sh_object_set_note(o, "Id", sh_string_take(id));
	vm_device_notes(o, vm_name, vm_id);
}

static sh_value *drive_object(const char *vm_name, const char *vm_id, const eng_drive *d)
{
	static const char *const types[] = {TYPE_HDD, TYPE_DVD, TYPE_FDD};
	sh_value *o = sh_object_new(types[d->kind]);
	if (d->kind != ENG_DRIVE_FLOPPY)
		sh_object_add_typename(o, TYPE_DRIVE);
	sh_object_set_native(o, &device_class, NULL);
	sh_object_set_note(o, "Path", d->path ? sh_string(d->path) : NULL);
	if (d->kind == ENG_DRIVE_DISK) {
		sh_object_set_note(o, "DiskNumber", NULL);
		sh_object_set_note(o, "MaximumIOPS", sh_long((int64_t)d->maximum_iops));
		sh_object_set_note(o, "MinimumIOPS", sh_long(0));
		sh_object_set_note(o, "QoSPolicyID", sh_guid_value(NULL_GUID));
		sh_object_set_note(o, "SupportPersistentReservations", sh_bool(d->shared));
	} else if (d->kind == ENG_DRIVE_DVD) {
		sh_object_set_note(o, "DvdMediaType",
		                   sh_string(!d->path         ? "None"
		                             : d->passthrough ? "PassThrough"
		                                              : "ISO"));
	}
	char *vmid = upper(vm_id);
	char *name, *id;
	if (d->kind == ENG_DRIVE_FLOPPY) {
		name = xstrdup("Diskette Drive");
		id = xasprintf("Microsoft:%s\\Floppy\\0\\0\\D", vmid);
	} else {
		sh_object_set_note(o, "ControllerLocation", sh_int(d->location));
		sh_object_set_note(o, "ControllerNumber", sh_int(d->controller));
		sh_object_set_note(o, "ControllerType", sh_string(bus_words[d->bus]));
		name = xasprintf("%s on %s controller number %d at location %d",
		                 d->kind == ENG_DRIVE_DVD ? "DVD Drive" : "Hard Drive",
		                 bus_words[d->bus], d->controller, d->location);
		id = xasprintf("Microsoft:%s\\%s\\%d\\%d\\D", vmid, bus_words[d->bus],
		               d->controller, d->location);
	}
	free(vmid);
	device_identity(o, name, id, true, vm_name, vm_id);
	return o;
}

static sh_value *controller_object(const char *vm_name, const char *vm_id, eng_bus bus, int number,
                                   const eng_storage *s)
{
	sh_value *o = sh_object_new(bus == ENG_BUS_IDE ? TYPE_IDE : TYPE_SCSI);
	sh_object_add_typename(o, TYPE_CTRL);
	sh_object_set_native(o, &device_class, NULL);
	sh_object_set_note(o, "ControllerNumber", sh_int(number));
	sh_object_set_note(o, "IsTemplate", sh_bool(false));
	sh_value *drives = sh_array_new(0);
	for (size_t i = 0; i < s->ndrives; i++)
		if (s->drives[i].bus == bus && s->drives[i].controller == number)
			sh_array_append(drives, drive_object(vm_name, vm_id, &s->drives[i]));
	sh_object_set_note(o, "Drives", drives);
	char *vmid = upper(vm_id);
	char *name = bus == ENG_BUS_IDE ? xasprintf("IDE Controller %d", number)
	                                : xstrdup("SCSI Controller");
	char *id = xasprintf("Microsoft:%s\\%s\\%d", vmid, bus_words[bus], number);
	free(vmid);
	device_identity(o, name, id, false, vm_name, vm_id);
	sh_object_set_note(o, "VMCheckpointId", sh_guid_value(NULL_GUID));
	sh_object_set_note(o, "VMCheckpointName", sh_string(""));
	return o;
}

/* ---- views ---- */

static const sh_view_column hdd_columns[] = {
    {.header = "VMName", .property = "VMName", .align = SH_ALIGN_LEFT},
    {.header = "ControllerType", .property = "ControllerType", .align = SH_ALIGN_LEFT},
    {.header = "ControllerNumber", .property = "ControllerNumber", .align = SH_ALIGN_LEFT},
    {.header = "ControllerLocation", .property = "ControllerLocation", .align = SH_ALIGN_LEFT},
    {.header = "DiskNumber", .property = "DiskNumber", .align = SH_ALIGN_LEFT},
    {.header = "Path", .property = "Path", .align = SH_ALIGN_LEFT},
};
static const sh_view_column dvd_columns[] = {
    {.header = "VMName", .property = "VMName", .align = SH_ALIGN_LEFT},
    {.header = "ControllerType", .property = "ControllerType", .align = SH_ALIGN_LEFT},
    {.header = "ControllerNumber", .property = "ControllerNumber", .align = SH_ALIGN_LEFT},
    {.header = "ControllerLocation", .property = "ControllerLocation", .align = SH_ALIGN_LEFT},
    {.header = "DvdMediaType", .property = "DvdMediaType", .align = SH_ALIGN_LEFT},
    {.header = "Path", .property = "Path", .align = SH_ALIGN_LEFT},
};
static const sh_view_column fdd_columns[] = {
    {.header = "VMName", .property = "VMName", .align = SH_ALIGN_LEFT},
    {.header = "Path", .property = "Path", .align = SH_ALIGN_LEFT},
};
static const sh_view_column controller_columns[] = {
    {.header = "VMName", .property = "VMName", .align = SH_ALIGN_LEFT},
    {.header = "ControllerNumber", .property = "ControllerNumber", .align = SH_ALIGN_LEFT},
    {.header = "Drives", .property = "Drives", .align = SH_ALIGN_LEFT},
};
static const sh_view drive_views[] = {
    {.type_name = TYPE_HDD, .kind = SH_VIEW_TABLE, .columns = hdd_columns, .ncolumns = 6},
    {.type_name = TYPE_DVD, .kind = SH_VIEW_TABLE, .columns = dvd_columns, .ncolumns = 6},
    {.type_name = TYPE_FDD, .kind = SH_VIEW_TABLE, .columns = fdd_columns, .ncolumns = 2},
    {.type_name = TYPE_IDE, .kind = SH_VIEW_TABLE, .columns = controller_columns, .ncolumns = 3},
    {.type_name = TYPE_SCSI, .kind = SH_VIEW_TABLE, .columns = controller_columns, .ncolumns = 3},
};

static sh_status views_begin(sh_cmd *c)
{
	(void)c;
	static bool done;
	if (!done) {
		done = true;
		for (size_t i = 0; i < sizeof drive_views / sizeof drive_views[0]; i++)
			sh_view_register(&drive_views[i]);
	}
	return SH_OK;
}

/* ---- what a command addresses ---- */

/* A VM, and the controller of it that was piped in (bus -1: none). */
typedef struct target {
	char *vm_name;
	char *vm_id;
	int bus;
	int controller;
} target;

typedef struct target_list {
	target *v;
	size_t n;
} target_list;

static void add_target(target_list *l, const char *name, const char *id, int bus, int controller)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = (target){xstrdup(name), xstrdup(id), bus, controller};
}

static void targets_free(target_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].vm_name);
		free(l->v[i].vm_id);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* The VMs of -VMName / -VM, or the controllers of -VMDriveController
 * (an object there that is not a controller stands for its VM). */
static sh_status collect_targets(sh_cmd *c, const eng_api *api, target_list *out)
{
	sh_interp *in = sh_cmd_interp(c);
	sh_value *controllers = sh_param(c, "VMDriveController");
	if (!controllers) {
		vm_set s = {0};
		sh_status st = vm_select(c, api, &s, false);
		for (size_t k = 0; k < s.npick; k++)
			add_target(out, s.vms[s.pick[k]].name, s.vms[s.pick[k]].id, -1, -1);
		vm_set_free(api, &s);
		return st;
	}
	sh_status st = SH_OK;
	for (size_t i = 0; i < items_in(controllers) && st == SH_OK; i++) {
		sh_value *o = item_at(controllers, i);
		char *id = prop_text(in, o, "VMId");
		char *name = prop_text(in, o, "VMName");
		int bus = controller_bus(o);
		if (!id || !*id)
			st = vm_bad_input(
			    c, name, "The object given names no virtual machine (it has no VMId).");
		else
			add_target(out, name ? name : id, id, bus,
			           bus >= 0 ? prop_int(in, o, "ControllerNumber", 0) : -1);
		free(id);
		free(name);
	}
	return st;
}

/* A drive object's VM and place: *ok false (after the error, whose
 * status is returned) when it is not a drive of this kind. */
static sh_status drive_of_object(sh_cmd *c, sh_value *o, eng_drive_kind kind, char **vm_name,
                                 char **vm_id, eng_drive_ref *ref, bool *ok)
{
	static const char *const types[] = {TYPE_HDD, TYPE_DVD, TYPE_FDD};
	sh_interp *in = sh_cmd_interp(c);
	*ok = false;
	*vm_id = prop_text(in, o, "VMId");
	*vm_name = prop_text(in, o, "VMName");
	if (!*vm_name && *vm_id)
		*vm_name = xstrdup(*vm_id);
	*ref = (eng_drive_ref){kind, ENG_BUS_FLOPPY, 0, 0};
	for (int k = 0; k < 3; k++)
		if (k != (int)kind && has_type(o, types[k]))
			return vm_bad_input(c, *vm_name, "The object given is a %s, not a %s.",
			                    kind_words[k], kind_words[kind]);
	int bus = ENG_BUS_FLOPPY;
	if (kind != ENG_DRIVE_FLOPPY) {
		char *t = prop_text(in, o, "ControllerType");
		bus = bus_named(t);
		free(t);
		ref->bus = bus < 0 ? ENG_BUS_IDE : (eng_bus)bus;
		ref->controller = prop_int(in, o, "ControllerNumber", -1);
		ref->location = prop_int(in, o, "ControllerLocation", -1);
	}
	if (!*vm_id || bus < 0 || ref->controller < 0 || ref->location < 0)
		return vm_bad_input(c, *vm_name,
		                    "The object given is not a %s: it needs VMId, ControllerType, "
		                    "ControllerNumber and ControllerLocation.",
		                    kind_words[kind]);
	*ok = true;
	return SH_OK;
}

/* -ControllerType (or another enum parameter naming a bus): an eng_bus,
 * or -1 when not given. */
static int bus_param(sh_cmd *c, const char *name)
{
	return bus_named(sh_param_str(c, name));
}

/* A UInt64 parameter: its value, -1 when not given; false (*st the
 * error's status) when negative. */
static bool uint64_param(sh_cmd *c, const char *name, int64_t *out, sh_status *st)
{
	*out = -1;
	if (!sh_param(c, name))
		return true;
	*out = sh_param_int(c, name, 0);
	if (*out >= 0)
		return true;
	*st =
	    vm_bad_input(c, NULL,
	                 "Cannot validate argument on parameter '%s'. The value %lld is negative: "
	                 "it must be 0 or more.",
	                 name, (long long)*out);
	return false;
}

/* -DiskNumber: Windows numbers the host's disks; here a host disk is named
 * by its device. False (*st the error's status) when given. */
static bool no_disk_number(sh_cmd *c, sh_status *st)
{
	if (!sh_param(c, "DiskNumber"))
		return true;
	*st = vm_bad_input(c, NULL,
	                   "This host does not number its physical disks as Windows does: give a "
	                   "pass-through disk by its block device, for example -Path /dev/sdb.");
	return false;
}

static char *full_path(sh_cmd *c, const char *p)
{
	return p && *p ? sh_full_path(sh_cmd_interp(c), p) : NULL;
}

/* ---- Get-VMHardDiskDrive, Get-VMDvdDrive, Get-VMFloppyDiskDrive ---- */

static const char *const remote_only[] = {"CimSession", "ComputerName", "Credential", NULL};

static sh_status get_drives(sh_cmd *c, eng_drive_kind kind)
{
	vm_warn_no_effect(c, remote_only);
	if (sh_param(c, "VMSnapshot"))
		return vm_no_checkpoints(c);
	sh_status st = SH_OK;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	target_list ts = {0};
	st = collect_targets(c, api, &ts);
	int want_bus = bus_param(c, "ControllerType");
	int want_ctrl = (int)sh_param_int(c, "ControllerNumber", -1);
	int want_loc = (int)sh_param_int(c, "ControllerLocation", -1);
	for (size_t t = 0; t < ts.n && st == SH_OK; t++) {
		const target *tg = &ts.v[t];
		eng_storage s;
		char *err = NULL;
		int rc = api->drives->get_storage(tg->vm_id, &s, &err);
		if (rc < 0) {
			st =
			    engine_error(c, rc, tg->vm_name,
			                 xasprintf("Hyper-V was unable to read the drives of '%s'.",
			                           tg->vm_name),
			                 err);
			continue;
		}
		if (kind == ENG_DRIVE_FLOPPY && s.generation == 2)
			st = vm_bad_input(
			    c, tg->vm_name,
			    "'%s' is a Generation 2 virtual machine, which has no floppy "
			    "disk drive.",
			    tg->vm_name);
		for (size_t i = 0; i < s.ndrives && st == SH_OK; i++) {
			const eng_drive *d = &s.drives[i];
			if (d->kind != kind || (tg->bus >= 0 && (d->bus != (eng_bus)tg->bus ||
			                                         d->controller != tg->controller)))
				continue;
			if ((want_bus >= 0 && d->bus != (eng_bus)want_bus) ||
			    (want_ctrl >= 0 && d->controller != want_ctrl) ||
			    (want_loc >= 0 && d->location != want_loc))
				continue;
			st = sh_emit(c, drive_object(tg->vm_name, tg->vm_id, d));
		}
		api->drives->storage_free(&s);
	}
	targets_free(&ts);
	return st;
}

static sh_status get_hdd_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	return get_drives(c, ENG_DRIVE_DISK);
}

static sh_status get_dvd_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	return get_drives(c, ENG_DRIVE_DVD);
}

static sh_status get_fdd_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	return get_drives(c, ENG_DRIVE_FLOPPY);
}

/* ---- Add-VMHardDiskDrive, Add-VMDvdDrive ---- */

static sh_status add_drives(sh_cmd *c, eng_drive_kind kind)
{
	static const char *const no_effect[] = {
	    "CimSession",  "ComputerName",     "Credential", "AllowUnverifiedPaths",
	    "MinimumIOPS", "ResourcePoolName", "QoSPolicy",  "QoSPolicyID",
	    NULL};
	vm_warn_no_effect(c, no_effect);
	int64_t max_iops, min_iops;
	sh_status st = SH_OK;
	if (!no_disk_number(c, &st) || !uint64_param(c, "MaximumIOPS", &max_iops, &st) ||
	    !uint64_param(c, "MinimumIOPS", &min_iops, &st))
		return st;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	target_list ts = {0};
	st = collect_targets(c, api, &ts);
	char *path = full_path(c, sh_param_str(c, "Path"));
	const char *cache = sh_param_str(c, "OverrideCacheAttributes");
	eng_drive_spec spec = {
	    .kind = kind,
	    .path = path,
	    .shared = sh_switch(c, "SupportPersistentReservations"),
	    .maximum_iops = max_iops > 0 ? (uint64_t)max_iops : 0,
	};
	for (int i = 0; cache && cache_attributes[i]; i++)
		if (str_ieq(cache, cache_attributes[i]))
			spec.cache = (eng_cache)i;
	for (size_t t = 0; t < ts.n && st == SH_OK; t++) {
		const target *tg = &ts.v[t];
		spec.bus = tg->bus >= 0 ? tg->bus : bus_param(c, "ControllerType");
		spec.controller =
		    tg->bus >= 0 ? tg->controller : (int)sh_param_int(c, "ControllerNumber", -1);
		spec.location = (int)sh_param_int(c, "ControllerLocation", -1);
		if (!sh_should_process(c, tg->vm_name, sh_cmd_def(c)->name))
			continue;
		eng_drive d;
		char *err = NULL;
		int rc = api->drives->add_drive(tg->vm_id, &spec, &d, &err);
		if (rc < 0) {
			st = engine_error(
			    c, rc, tg->vm_name,
			    xasprintf("Failed to add a %s to '%s'.", kind_words[kind], tg->vm_name),
			    err);
			continue;
		}
		if (sh_switch(c, "Passthru"))
			st = sh_emit(c, drive_object(tg->vm_name, tg->vm_id, &d));
		api->drives->drive_free(&d);
	}
	free(path);
	targets_free(&ts);
	return st;
}

static sh_status add_hdd_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	return add_drives(c, ENG_DRIVE_DISK);
}

static sh_status add_dvd_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	return add_drives(c, ENG_DRIVE_DVD);
}

/* ---- the drive a -VMName command means ---- */

/* The first drive of this kind matching -ControllerType, -ControllerNumber
 * and -ControllerLocation; when none does, a reference to the place they
 * name (defaults: the generation's bus, 0, 0), which the engine reports
 * as missing. *found is the drive, or NULL. */
static eng_drive_ref drive_named(sh_cmd *c, const eng_storage *s, eng_drive_kind kind,
                                 const eng_drive **found)
{
	int want_bus = kind == ENG_DRIVE_DISK ? bus_param(c, "ControllerType") : -1;
	int want_ctrl = (int)sh_param_int(c, "ControllerNumber", -1);
	int want_loc = (int)sh_param_int(c, "ControllerLocation", -1);
	*found = NULL;
	for (size_t i = 0; i < s->ndrives && !*found; i++) {
		const eng_drive *d = &s->drives[i];
		if (d->kind == kind && (want_bus < 0 || d->bus == (eng_bus)want_bus) &&
		    (want_ctrl < 0 || d->controller == want_ctrl) &&
		    (want_loc < 0 || d->location == want_loc))
			*found = d;
	}
	if (*found)
		return (eng_drive_ref){kind, (*found)->bus, (*found)->controller,
		                       (*found)->location};
	eng_bus bus = kind == ENG_DRIVE_FLOPPY ? ENG_BUS_FLOPPY
	              : want_bus >= 0          ? (eng_bus)want_bus
	              : s->generation == 2     ? ENG_BUS_SCSI
	                                       : ENG_BUS_IDE;
	return (eng_drive_ref){kind, bus, want_ctrl < 0 ? 0 : want_ctrl,
	                       want_loc < 0 ? 0 : want_loc};
}

/* One drive a Remove- or Set- command acts on. */
typedef struct drive_job {
	char *vm_name;
	char *vm_id;
	eng_drive_ref ref;
	sh_value *before; /* the drive's object before the change, or NULL */
} drive_job;

typedef struct job_list {
	drive_job *v;
	size_t n;
} job_list;

static void jobs_free(job_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].vm_name);
		free(l->v[i].vm_id);
		sh_unref(l->v[i].before);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static void add_job(job_list *l, char *vm_name, char *vm_id, eng_drive_ref ref, sh_value *before)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = (drive_job){vm_name, vm_id, ref, before};
}

/* The drives addressed by drive objects (parameter `objects`), or by
 * -VMName / -VM and the controller parameters. */
static sh_status collect_jobs(sh_cmd *c, const eng_api *api, eng_drive_kind kind,
                              const char *objects, job_list *out)
{
	sh_value *objs = sh_param(c, objects);
	sh_status st = SH_OK;
	if (objs) {
		for (size_t i = 0; i < items_in(objs) && st == SH_OK; i++) {
			char *name = NULL, *id = NULL;
			eng_drive_ref ref;
			bool ok;
			st = drive_of_object(c, item_at(objs, i), kind, &name, &id, &ref, &ok);
			if (ok) {
				add_job(out, name, id, ref, sh_ref(item_at(objs, i)));
			} else {
				free(name);
				free(id);
			}
		}
		return st;
	}
	target_list ts = {0};
	st = collect_targets(c, api, &ts);
	for (size_t t = 0; t < ts.n && st == SH_OK; t++) {
		const target *tg = &ts.v[t];
		eng_storage s;
		char *err = NULL;
		int rc = api->drives->get_storage(tg->vm_id, &s, &err);
		if (rc < 0) {
			st =
			    engine_error(c, rc, tg->vm_name,
			                 xasprintf("Hyper-V was unable to read the drives of '%s'.",
			                           tg->vm_name),
			                 err);
			continue;
		}
		if (kind == ENG_DRIVE_FLOPPY && s.generation == 2) {
			st = vm_bad_input(
			    c, tg->vm_name,
			    "'%s' is a Generation 2 virtual machine, which has no floppy "
			    "disk drive.",
			    tg->vm_name);
		} else {
			const eng_drive *d;
			eng_drive_ref ref = drive_named(c, &s, kind, &d);
			add_job(out, xstrdup(tg->vm_name), xstrdup(tg->vm_id), ref,
			        d ? drive_object(tg->vm_name, tg->vm_id, d) : NULL);
		}
		api->drives->storage_free(&s);
	}
	targets_free(&ts);
	return st;
}

/* ---- Remove-VMHardDiskDrive, Remove-VMDvdDrive ---- */

static sh_status remove_drives(sh_cmd *c, eng_drive_kind kind, const char *objects)
{
	vm_warn_no_effect(c, remote_only);
	sh_status st = SH_OK;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	job_list jobs = {0};
	st = collect_jobs(c, api, kind, objects, &jobs);
	for (size_t i = 0; i < jobs.n && st == SH_OK; i++) {
		drive_job *j = &jobs.v[i];
		if (!sh_should_process(c, j->vm_name, sh_cmd_def(c)->name))
			continue;
		char *err = NULL;
		int rc = api->drives->remove_drive(j->vm_id, &j->ref, &err);
		if (rc < 0)
			st = engine_error(c, rc, j->vm_name,
			                  xasprintf("Failed to remove the %s from '%s'.",
			                            kind_words[kind], j->vm_name),
			                  err);
		else if (sh_switch(c, "Passthru") && j->before)
			st = sh_emit(c, sh_ref(j->before));
	}
	jobs_free(&jobs);
	return st;
}

static sh_status remove_hdd_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	return remove_drives(c, ENG_DRIVE_DISK, "VMHardDiskDrive");
}

static sh_status remove_dvd_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	return remove_drives(c, ENG_DRIVE_DVD, "VMDvdDrive");
}

/* ---- Set-VMHardDiskDrive, Set-VMDvdDrive, Set-VMFloppyDiskDrive ---- */

static sh_status set_drives(sh_cmd *c, eng_drive_kind kind, const char *objects)
{
	static const char *const no_effect[] = {
	    "CimSession",  "ComputerName",     "Credential", "AllowUnverifiedPaths",
	    "MinimumIOPS", "ResourcePoolName", "QoSPolicy",  "QoSPolicyID",
	    NULL};
	vm_warn_no_effect(c, no_effect);
	eng_drive_change ch = {.to_bus = bus_param(c, "ToControllerType"),
	                       .to_controller = (int)sh_param_int(c, "ToControllerNumber", -1),
	                       .to_location = (int)sh_param_int(c, "ToControllerLocation", -1),
	                       .cache = -1,
	                       .shared = -1};
	int64_t min_iops;
	sh_status st = SH_OK;
	if (!no_disk_number(c, &st) || !uint64_param(c, "MaximumIOPS", &ch.maximum_iops, &st) ||
	    !uint64_param(c, "MinimumIOPS", &min_iops, &st))
		return st;
	if ((sh_param_bound(c, "ToControllerNumber") && ch.to_controller < 0) ||
	    (sh_param_bound(c, "ToControllerLocation") && ch.to_location < 0))
		return vm_bad_input(c, NULL,
		                    "The controller number and location cannot be negative.");
	char *path = NULL;
	if (sh_param_bound(c, "Path")) {
		/* -Path $null (or '') empties a DVD or floppy drive */
		path = full_path(c, sh_param_str(c, "Path"));
		ch.eject = path == NULL;
		ch.path = path;
	}
	const char *cache = sh_param_str(c, "OverrideCacheAttributes");
	for (int i = 0; cache && cache_attributes[i]; i++)
		if (str_ieq(cache, cache_attributes[i]))
			ch.cache = i;
	if (sh_param_bound(c, "SupportPersistentReservations"))
		ch.shared = sh_to_bool(sh_param(c, "SupportPersistentReservations"));
	const eng_api *api = vm_engine(c, &st);
	if (!api) {
		free(path);
		return st;
	}
	job_list jobs = {0};
	st = collect_jobs(c, api, kind, objects, &jobs);
	for (size_t i = 0; i < jobs.n && st == SH_OK; i++) {
		drive_job *j = &jobs.v[i];
		if (!sh_should_process(c, j->vm_name, sh_cmd_def(c)->name))
			continue;
		eng_drive d;
		char *err = NULL;
		int rc = api->drives->set_drive(j->vm_id, &j->ref, &ch, &d, &err);
		if (rc < 0) {
			st = engine_error(c, rc, j->vm_name,
			                  xasprintf("Failed to modify the %s of '%s'.",
			                            kind_words[kind], j->vm_name),
			                  err);
			continue;
		}
		if (sh_switch(c, "Passthru"))
			st = sh_emit(c, drive_object(j->vm_name, j->vm_id, &d));
		api->drives->drive_free(&d);
	}
	jobs_free(&jobs);
	free(path);
	return st;
}

static sh_status set_hdd_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	return set_drives(c, ENG_DRIVE_DISK, "VMHardDiskDrive");
}

static sh_status set_dvd_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	return set_drives(c, ENG_DRIVE_DVD, "VMDvdDrive");
}

static sh_status set_fdd_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	return set_drives(c, ENG_DRIVE_FLOPPY, "VMFloppyDiskDrive");
}

/* ---- Get-VMIdeController, Get-VMScsiController ---- */

static sh_status get_controllers(sh_cmd *c, eng_bus bus)
{
	vm_warn_no_effect(c, remote_only);
	if (sh_param(c, "VMSnapshot"))
		return vm_no_checkpoints(c);
	sh_status st = SH_OK;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	target_list ts = {0};
	st = collect_targets(c, api, &ts);
	int want = (int)sh_param_int(c, "ControllerNumber", -1);
	for (size_t t = 0; t < ts.n && st == SH_OK; t++) {
		const target *tg = &ts.v[t];
		eng_storage s;
		char *err = NULL;
		int rc = api->drives->get_storage(tg->vm_id, &s, &err);
		if (rc < 0) {
			st = engine_error(
			    c, rc, tg->vm_name,
			    xasprintf("Hyper-V was unable to read the controllers of '%s'.",
			              tg->vm_name),
			    err);
			continue;
		}
		if (bus == ENG_BUS_IDE && s.ide_controllers == 0)
			st =
			    vm_bad_input(c, tg->vm_name,
			                 "'%s' is a Generation 2 virtual machine, which has no IDE "
			                 "controller.",
			                 tg->vm_name);
		size_t n = bus == ENG_BUS_IDE ? (size_t)s.ide_controllers : s.nscsi;
		for (size_t i = 0; i < n && st == SH_OK; i++) {
			int number = bus == ENG_BUS_IDE ? (int)i : s.scsi[i];
			if (want < 0 || number == want)
				st = sh_emit(
				    c, controller_object(tg->vm_name, tg->vm_id, bus, number, &s));
		}
		api->drives->storage_free(&s);
	}
	targets_free(&ts);
	return st;
}

static sh_status get_ide_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	return get_controllers(c, ENG_BUS_IDE);
}

static sh_status get_scsi_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	return get_controllers(c, ENG_BUS_SCSI);
}

/* Emits controller `number` of a VM as it is now. */
static sh_status emit_controller(sh_cmd *c, const eng_api *api, const char *vm_name,
                                 const char *vm_id, int number)
{
	eng_storage s;
	char *err = NULL;
	if (api->drives->get_storage(vm_id, &s, &err) < 0) {
		free(err);
		return SH_OK;
	}
	sh_status st = sh_emit(c, controller_object(vm_name, vm_id, ENG_BUS_SCSI, number, &s));
	api->drives->storage_free(&s);
	return st;
}

/* ---- Add-VMScsiController, Remove-VMScsiController ---- */

static sh_status add_scsi_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	vm_warn_no_effect(c, remote_only);
	sh_status st = SH_OK;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	target_list ts = {0};
	st = collect_targets(c, api, &ts);
	for (size_t t = 0; t < ts.n && st == SH_OK; t++) {
		const target *tg = &ts.v[t];
		if (!sh_should_process(c, tg->vm_name, "Add-VMScsiController"))
			continue;
		int number = -1;
		char *err = NULL;
		int rc = api->drives->add_scsi_controller(tg->vm_id, &number, &err);
		if (rc < 0)
			st = engine_error(
			    c, rc, tg->vm_name,
			    xasprintf("Failed to add a SCSI controller to '%s'.", tg->vm_name),
			    err);
		else if (sh_switch(c, "Passthru"))
			st = emit_controller(c, api, tg->vm_name, tg->vm_id, number);
	}
	targets_free(&ts);
	return st;
}

static sh_status remove_scsi_one(sh_cmd *c, const eng_api *api, const char *vm_name,
                                 const char *vm_id, int number, sh_value *before)
{
	if (!sh_should_process(c, vm_name, "Remove-VMScsiController"))
		return SH_OK;
	char *err = NULL;
	int rc = api->drives->remove_scsi_controller(vm_id, number, &err);
	if (rc < 0)
		return engine_error(
		    c, rc, vm_name,
		    xasprintf("Failed to remove SCSI controller %d from '%s'.", number, vm_name),
		    err);
	return sh_switch(c, "Passthru") && before ? sh_emit(c, sh_ref(before)) : SH_OK;
}

static sh_status remove_scsi_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	vm_warn_no_effect(c, remote_only);
	sh_status st = SH_OK;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	sh_interp *in = sh_cmd_interp(c);
	sh_value *objs = sh_param(c, "VMScsiController");
	for (size_t i = 0; i < items_in(objs) && st == SH_OK; i++) {
		sh_value *o = item_at(objs, i);
		char *id = prop_text(in, o, "VMId");
		char *name = prop_text(in, o, "VMName");
		int number = prop_int(in, o, "ControllerNumber", -1);
		if (controller_bus(o) == ENG_BUS_IDE)
			st = vm_bad_input(c, name, "An IDE controller cannot be removed.");
		else if (!id || number < 0)
			st = vm_bad_input(
			    c, name,
			    "The object given is not a SCSI controller: it needs VMId and "
			    "ControllerNumber.");
		else
			st = remove_scsi_one(c, api, name ? name : id, id, number, o);
		free(id);
		free(name);
	}
	if (objs)
		return st;
	int number = (int)sh_param_int(c, "ControllerNumber", -1);
	target_list ts = {0};
	st = collect_targets(c, api, &ts);
	for (size_t t = 0; t < ts.n && st == SH_OK; t++) {
		const target *tg = &ts.v[t];
		eng_storage s;
		char *err = NULL;
		sh_value *before = NULL;
		if (api->drives->get_storage(tg->vm_id, &s, &err) == 0) {
			for (size_t k = 0; k < s.nscsi && !before; k++)
				if (s.scsi[k] == number)
					before = controller_object(tg->vm_name, tg->vm_id,
					                           ENG_BUS_SCSI, number, &s);
			api->drives->storage_free(&s);
		}
		free(err);
		st = remove_scsi_one(c, api, tg->vm_name, tg->vm_id, number, before);
		sh_unref(before);
	}
	targets_free(&ts);
	return st;
}

/* ---- New-VFD ---- */

static sh_status new_vfd_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	vm_warn_no_effect(c, remote_only);
	sh_value *paths = sh_param(c, "Path");
	sh_status st = SH_OK;
	const eng_drives_api *drives = NULL;
	for (size_t i = 0; i < items_in(paths) && st == SH_OK; i++) {
		char *text = sh_to_string(item_at(paths, i));
		char *path = full_path(c, text);
		free(text);
		if (!path) {
			st = vm_bad_input(c, NULL,
			                  "The path of the new virtual floppy disk is empty.");
			continue;
		}
		if (sh_should_process(c, path, "New-VFD")) {
			char *err = NULL;
			if (!drives) {
				/* a file of its own: no connection to the engine is needed */
				const eng_api *api = eng_load(&err);
				drives = api ? api->drives : NULL;
			}
			int rc = drives ? drives->new_vfd(path, &err) : -1;
			if (rc < 0)
				st = engine_error(
				    c, rc, path,
				    xasprintf("Failed to create the virtual floppy disk '%s'.",
				              path),
				    err);
			else
				st = sh_emit(c, cmd_item_object(path, NULL));
		}
		free(path);
	}
	return st;
}

/* ---- the tables ---- */

#define HELP_NO_EFFECT                                                                             \
	"Accepted, as Hyper-V documents it; it has no effect on this host (a warning says so)."

/* Hyper-V's String: one name (held as an array for vm_select). */
#define P_VMNAME_ONE                                                                               \
	{                                                                                          \
		.name = "VMName", .type = SH_P_STRING, .flags = SH_PF_ARRAY | SH_PF_MANDATORY,     \
		.position = 0, .sets = "VMName", .completer = vm_complete_name,                    \
		.type_name = "String", .help = "Specifies the name of the virtual machine."        \
	}

#define P_DRIVE_CONTROLLER(in_type)                                                                \
	{                                                                                          \
		.name = "VMDriveController", .type = SH_P_OBJECT,                                  \
		.flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE, .position = 0,            \
		.sets = "VMDriveController", .type_name = in_type,                                 \
		.help = "Specifies controllers, as objects from Get-VMIdeController or "           \
		        "Get-VMScsiController."                                                    \
	}

#define P_NO_EFFECT(in_name, in_type, in_type_name)                                                \
	{                                                                                          \
		.name = in_name, .type = in_type, .position = -1, .type_name = in_type_name,       \
		.help = HELP_NO_EFFECT                                                             \
	}

#define P_CONTROLLER_TYPE(in_flags, in_pos, in_sets, in_help)                                      \
	{                                                                                          \
		.name = "ControllerType", .type = SH_P_ENUM, .flags = in_flags,                    \
		.position = in_pos, .sets = in_sets, .enum_values = controller_types,              \
		.type_name = "ControllerType", .help = in_help                                     \
	}

#define P_INT(in_name, in_flags, in_pos, in_sets, in_help)                                         \
	{                                                                                          \
		.name = in_name, .type = SH_P_INT, .flags = in_flags, .position = in_pos,          \
		.sets = in_sets, .help = in_help                                                   \
	}

#define HELP_FILTER_TYPE   "Gets only the drives on controllers of this type: IDE or SCSI."
#define HELP_FILTER_NUMBER "Gets only the drives on the controller with this number."
#define HELP_FILTER_LOC    "Gets only the drives at this location of their controller."

#define P_QOS_AND_CACHE                                                                            \
	{.name = "MaximumIOPS",                                                                    \
	 .type = SH_P_LONG,                                                                        \
	 .position = -1,                                                                           \
	 .type_name = "UInt64",                                                                    \
	 .help = "Specifies the most input/output operations per second the disk may do; 0 "       \
	         "means no limit. It becomes QEMU's throttle (libvirt's iotune total_iops_sec), "  \
	         "which counts operations of any size where Hyper-V counts 8 KB units."},          \
	    {.name = "MinimumIOPS",                                                                \
	     .type = SH_P_LONG,                                                                    \
	     .position = -1,                                                                       \
	     .type_name = "UInt64",                                                                \
	     .help = "Specifies the least operations per second the disk is to get. QEMU "         \
	             "reserves none: accepted and ignored with a warning."},                       \
	    {.name = "OverrideCacheAttributes",                                                    \
	     .type = SH_P_ENUM,                                                                    \
	     .position = -1,                                                                       \
	     .enum_values = cache_attributes,                                                      \
	     .type_name = "CacheAttributes",                                                       \
	     .help = "Specifies the disk's write cache: Default, WriteCacheEnabled or "            \
	             "WriteCacheAndFUAEnabled (QEMU's writeback cache) or WriteCacheDisabled "     \
	             "(writethrough)."},                                                           \
	    {.name = "DiskNumber",                                                                 \
	     .type = SH_P_LONG,                                                                    \
	     .flags = SH_PF_PIPE_PROP,                                                             \
	     .position = -1,                                                                       \
	     .aliases = "Number",                                                                  \
	     .type_name = "UInt32",                                                                \
	     .help =                                                                               \
	         "Specifies a physical disk of the host by its Windows disk number. This host "    \
	         "names its disks by device instead: give -Path /dev/sdX (a pass-through "         \
	         "disk); a number is an error saying so."},                                        \
	    P_NO_EFFECT("QoSPolicy", SH_P_OBJECT, "CimInstance"),                                  \
	    P_NO_EFFECT("QoSPolicyID", SH_P_STRING, NULL),                                         \
	    P_NO_EFFECT("ResourcePoolName", SH_P_STRING, NULL),                                    \
	    P_NO_EFFECT("AllowUnverifiedPaths", SH_P_SWITCH, NULL)

static const sh_param_def get_hdd_params[] = {
    VM_NAME_PARAM(SH_PF_PIPELINE),
    VM_OBJECT_PARAM,
    VM_SNAPSHOT_PARAM,
    P_DRIVE_CONTROLLER("VMDriveController[]"),
    P_CONTROLLER_TYPE(0, -1, "VMName,VMObject,VMSnapshot", HELP_FILTER_TYPE),
    P_INT("ControllerNumber", 0, -1, "VMName,VMObject,VMSnapshot", HELP_FILTER_NUMBER),
    P_INT("ControllerLocation", 0, -1, NULL, HELP_FILTER_LOC),
    REMOTE_PARAMS("VMName"),
    {0},
};

static const sh_param_def get_dvd_params[] = {
    VM_NAME_PARAM(SH_PF_PIPELINE),
    VM_OBJECT_PARAM,
    VM_SNAPSHOT_PARAM,
    P_DRIVE_CONTROLLER("VMDriveController[]"),
    P_INT("ControllerNumber", 0, -1, "VMName,VMObject,VMSnapshot", HELP_FILTER_NUMBER),
    P_INT("ControllerLocation", 0, -1, NULL, HELP_FILTER_LOC),
    REMOTE_PARAMS("VMName"),
    {0},
};

static const sh_param_def get_fdd_params[] = {
    VM_NAME_PARAM(SH_PF_PIPELINE), VM_OBJECT_PARAM, VM_SNAPSHOT_PARAM, REMOTE_PARAMS("VMName"), {0},
};

static const sh_param_def get_controller_params[] = {
    VM_NAME_PARAM(SH_PF_PIPELINE),
    VM_OBJECT_PARAM,
    VM_SNAPSHOT_PARAM,
    P_INT("ControllerNumber", 0, 1, NULL, "Gets only the controller with this number."),
    REMOTE_PARAMS("VMName"),
    {0},
};

#define HELP_ADD_NUMBER                                                                            \
	"Specifies the controller's number (IDE: 0 or 1; SCSI: 0 to 3). Without it, the first "    \
	"controller with a free location."
#define HELP_ADD_LOCATION                                                                          \
	"Specifies the location on the controller (IDE: 0 or 1; SCSI: 0 to 63). Without it, the "  \
	"first free one. A location in use is an error naming it."

static const sh_param_def add_hdd_params[] = {
    VM_NAME_PARAM(SH_PF_PIPELINE),
    VM_OBJECT_PARAM,
    P_DRIVE_CONTROLLER("VMDriveController"),
    P_CONTROLLER_TYPE(0, 1, "VMName,VMObject",
                      "Specifies the type of controller: IDE or SCSI. Without it, a Generation "
                      "1 virtual machine's IDE controllers are tried first, then its SCSI "
                      "controllers; a Generation 2 virtual machine has SCSI only."),
    P_INT("ControllerNumber", 0, 2, "VMName,VMObject", HELP_ADD_NUMBER),
    P_INT("ControllerLocation", 0, 3, NULL, HELP_ADD_LOCATION),
    {.name = "Path",
     .type = SH_P_STRING,
     .position = 4,
     .help = "Specifies the virtual hard disk: a VHD, VHDX, qcow2 or raw file (its format is "
             "read from its first bytes), or a host block device (a pass-through disk). A "
             "missing file is an error."},
    P_QOS_AND_CACHE,
    {.name = "SupportPersistentReservations",
     .type = SH_P_SWITCH,
     .position = -1,
     .aliases = "ShareVirtualDisk",
     .help = "Shares the disk between virtual machines (libvirt's shareable disk); it must be "
             "on a SCSI controller."},
    VM_PASSTHRU_PARAM("Returns the new HardDiskDrive object."),
    REMOTE_PARAMS_ALIASED("VMName", "PSComputerName"),
    {0},
};

static const sh_param_def add_dvd_params[] = {
    VM_NAME_PARAM(SH_PF_PIPELINE),
    VM_OBJECT_PARAM,
    P_DRIVE_CONTROLLER("VMDriveController[]"),
    P_INT("ControllerNumber", 0, 2, "VMName,VMObject", HELP_ADD_NUMBER),
    P_INT("ControllerLocation", 0, 3, NULL, HELP_ADD_LOCATION),
    {.name = "Path",
     .type = SH_P_STRING,
     .position = 4,
     .help = "Specifies an ISO image to insert, or a host optical drive (a block device). "
             "Without it, the drive is empty."},
    P_NO_EFFECT("ResourcePoolName", SH_P_STRING, NULL),
    P_NO_EFFECT("AllowUnverifiedPaths", SH_P_SWITCH, NULL),
    VM_PASSTHRU_PARAM("Returns the new DvdDrive object."),
    REMOTE_PARAMS("VMName"),
    {0},
};

static const sh_param_def remove_hdd_params[] = {
    P_VMNAME_ONE,
    P_CONTROLLER_TYPE(SH_PF_MANDATORY, 1, "VMName",
                      "Specifies the controller's type: IDE or SCSI."),
    P_INT("ControllerNumber", SH_PF_MANDATORY, 2, "VMName", "Specifies the controller's number."),
    P_INT("ControllerLocation", SH_PF_MANDATORY, 3, "VMName",
          "Specifies the drive's location on the controller."),
    {.name = "VMHardDiskDrive",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE,
     .position = 0,
     .sets = "VMHardDiskDrive",
     .type_name = "HardDiskDrive[]",
     .help = "Specifies the drives, as objects from Get-VMHardDiskDrive."},
    VM_PASSTHRU_PARAM("Returns the removed HardDiskDrive object."),
    REMOTE_PARAMS("VMName"),
    {0},
};

static const sh_param_def remove_dvd_params[] = {
    P_VMNAME_ONE,
    P_INT("ControllerNumber", SH_PF_MANDATORY, 1, "VMName",
          "Specifies the controller's number (IDE on Generation 1, SCSI on Generation 2)."),
    P_INT("ControllerLocation", SH_PF_MANDATORY, 2, "VMName",
          "Specifies the drive's location on the controller."),
    {.name = "VMDvdDrive",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE,
     .position = 0,
     .sets = "VMDvdDrive",
     .type_name = "DvdDrive[]",
     .help = "Specifies the drives, as objects from Get-VMDvdDrive."},
    VM_PASSTHRU_PARAM("Returns the removed DvdDrive object."),
    REMOTE_PARAMS("VMName"),
    {0},
};

#define HELP_SET_WHICH                                                                             \
	"Together with the other controller parameters, picks the drive; without them, the "       \
	"first drive of the virtual machine."

static const sh_param_def set_hdd_params[] = {
    P_VMNAME_ONE,
    P_CONTROLLER_TYPE(0, 1, "VMName",
                      "Specifies the type of the drive's controller. " HELP_SET_WHICH),
    P_INT("ControllerNumber", 0, 2, "VMName", "Specifies the controller's number. " HELP_SET_WHICH),
    P_INT("ControllerLocation", 0, 3, "VMName", "Specifies the drive's location. " HELP_SET_WHICH),
    {.name = "VMHardDiskDrive",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE,
     .position = 0,
     .sets = "Object",
     .type_name = "HardDiskDrive[]",
     .help = "Specifies the drives, as objects from Get-VMHardDiskDrive."},
    {.name = "Path",
     .type = SH_P_STRING,
     .position = 4,
     .help = "Specifies another virtual hard disk for the drive. On a running virtual machine "
             "only a drive on SCSI may change it."},
    {.name = "ToControllerType",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = controller_types,
     .type_name = "ControllerType",
     .help = "Moves the drive to a controller of this type (the virtual machine off)."},
    {.name = "ToControllerNumber",
     .type = SH_P_INT,
     .position = -1,
     .help = "Moves the drive to the controller with this number (the virtual machine off)."},
    {.name = "ToControllerLocation",
     .type = SH_P_INT,
     .position = -1,
     .help = "Moves the drive to this location (the virtual machine off). A location in use "
             "is an error naming it."},
    P_QOS_AND_CACHE,
    {.name = "SupportPersistentReservations",
     .type = SH_P_BOOL,
     .position = -1,
     .aliases = "ShareVirtualDisk",
     .help = "Shares the disk between virtual machines (libvirt's shareable disk) or stops "
             "sharing it; a shared disk must be on a SCSI controller."},
    VM_PASSTHRU_PARAM("Returns the changed HardDiskDrive object."),
    {.name = "CimSession",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY | SH_PF_PIPE_PROP,
     .position = -1,
     .type_name = "CimSession[]",
     .help = "Runs the cmdlet in a remote session. Only the local host is supported yet: "
             "accepted and ignored with a warning."},
    {.name = "ComputerName",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY,
     .position = -1,
     .aliases = "PSComputerName",
     .help = "Specifies the Hyper-V hosts to run the cmdlet on. Only the local host is "
             "supported yet: accepted and ignored with a warning."},
    {.name = "Credential",
     .type = SH_P_CREDENTIAL,
     .flags = SH_PF_ARRAY,
     .position = -1,
     .type_name = "PSCredential[]",
     .help = "Specifies credentials for the remote hosts. Accepted and ignored with a "
             "warning."},
    {0},
};

static const sh_param_def set_dvd_params[] = {
    P_VMNAME_ONE,
    P_INT("ControllerNumber", 0, 1, "VMName", "Specifies the controller's number. " HELP_SET_WHICH),
    P_INT("ControllerLocation", 0, 2, "VMName", "Specifies the drive's location. " HELP_SET_WHICH),
    {.name = "VMDvdDrive",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE,
     .position = 0,
     .sets = "Object",
     .type_name = "DvdDrive[]",
     .help = "Specifies the drives, as objects from Get-VMDvdDrive."},
    {.name = "Path",
     .type = SH_P_STRING,
     .position = 3,
     .help = "Specifies the ISO image (or host optical drive) to insert; $null ejects the "
             "media. A running virtual machine sees the change at once."},
    {.name = "ToControllerNumber",
     .type = SH_P_INT,
     .position = -1,
     .help = "Moves the drive to the controller with this number (the virtual machine off)."},
    {.name = "ToControllerLocation",
     .type = SH_P_INT,
     .position = -1,
     .help = "Moves the drive to this location (the virtual machine off). A location in use "
             "is an error naming it."},
    P_NO_EFFECT("ResourcePoolName", SH_P_STRING, NULL),
    P_NO_EFFECT("AllowUnverifiedPaths", SH_P_SWITCH, NULL),
    VM_PASSTHRU_PARAM("Returns the changed DvdDrive object."),
    REMOTE_PARAMS("VMName"),
    {0},
};

static const sh_param_def set_fdd_params[] = {
    VM_NAME_PARAM(SH_PF_PIPELINE),
    VM_OBJECT_PARAM,
    {.name = "VMFloppyDiskDrive",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE,
     .position = 0,
     .sets = "VMFloppyDiskDrive",
     .type_name = "VMFloppyDiskDrive[]",
     .help = "Specifies the floppy disk drives, as objects from Get-VMFloppyDiskDrive."},
    {.name = "Path",
     .type = SH_P_STRING,
     .flags = SH_PF_PIPE_PROP,
     .position = 1,
     .aliases = "FullName",
     .help = "Specifies the virtual floppy disk (.vfd) to insert; $null ejects it. A running "
             "virtual machine sees the change at once."},
    P_NO_EFFECT("ResourcePoolName", SH_P_STRING, NULL),
    VM_PASSTHRU_PARAM("Returns the changed FloppyDiskDrive object."),
    REMOTE_PARAMS("VMName"),
    {0},
};

static const sh_param_def add_scsi_params[] = {
    VM_NAME_PARAM(SH_PF_PIPELINE),
    VM_OBJECT_PARAM,
    VM_PASSTHRU_PARAM("Returns the new VMScsiController object."),
    REMOTE_PARAMS("VMName"),
    {0},
};

static const sh_param_def remove_scsi_params[] = {
    VM_NAME_PARAM(0),
    P_INT("ControllerNumber", SH_PF_MANDATORY, 1, "VMName",
          "Specifies the number of the controller to remove."),
    {.name = "VMScsiController",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE,
     .position = 0,
     .sets = "Object",
     .type_name = "VMScsiController[]",
     .help = "Specifies the controllers, as objects from Get-VMScsiController."},
    VM_PASSTHRU_PARAM("Returns the removed VMScsiController object."),
    REMOTE_PARAMS("VMName"),
    {0},
};

static const sh_param_def new_vfd_params[] = {
    {.name = "Path",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE | SH_PF_PIPE_PROP,
     .position = 0,
     .help = "Specifies the files to create. An existing file is an error, and is left as "
             "it is."},
    REMOTE_PARAMS(NULL),
    {0},
};

static const sh_example get_hdd_examples[] = {
    {"Get-VMHardDiskDrive -VMName web1", "Gets the hard disk drives of the virtual machine web1."},
    {"Get-VM web1 | Get-VMHardDiskDrive -ControllerType SCSI",
     "Gets web1's hard disk drives on SCSI controllers."},
    {0},
};
static const sh_example add_hdd_examples[] = {
    {"Add-VMHardDiskDrive -VMName web1 -Path /srv/disks/data.vhdx",
     "Attaches data.vhdx at the first free place: IDE first on Generation 1."},
    {"Get-VMScsiController web1 -ControllerNumber 0 | Add-VMHardDiskDrive -Path data.qcow2",
     "Attaches data.qcow2 (in the current location) to web1's SCSI controller 0, on the "
     "running virtual machine too when it runs."},
    {"Add-VMHardDiskDrive web1 SCSI 0 5 /srv/disks/logs.vhdx -MaximumIOPS 500",
     "Attaches logs.vhdx at location 5 of SCSI controller 0, limited to 500 operations per "
     "second."},
    {0},
};
static const sh_example remove_hdd_examples[] = {
    {"Remove-VMHardDiskDrive web1 IDE 0 1", "Detaches the hard disk at IDE 0:1 (its file stays)."},
    {"Get-VM web1 | Get-VMHardDiskDrive -ControllerType SCSI | Remove-VMHardDiskDrive",
     "Detaches every hard disk on web1's SCSI controllers."},
    {0},
};
static const sh_example set_hdd_examples[] = {
    {"Set-VMHardDiskDrive web1 IDE 0 0 -MaximumIOPS 1000",
     "Limits the disk at IDE 0:0 to 1000 operations per second, at once if web1 runs."},
    {"Get-VMHardDiskDrive web1 -ControllerLocation 1 | Set-VMHardDiskDrive -ToControllerType "
     "SCSI -ToControllerNumber 0",
     "Moves web1's disk from location 1 to SCSI controller 0 (web1 off)."},
    {0},
};
static const sh_example get_dvd_examples[] = {
    {"Get-VMDvdDrive web1", "Gets the DVD drives of web1 and what is in them."},
    {0},
};
static const sh_example add_dvd_examples[] = {
    {"Add-VMDvdDrive -VMName web1 -Path /srv/iso/debian.iso",
     "Adds a DVD drive holding debian.iso at the first free place."},
    {"Get-VMIdeController web1 -ControllerNumber 1 | Add-VMDvdDrive",
     "Adds an empty DVD drive to IDE controller 1."},
    {0},
};
static const sh_example set_dvd_examples[] = {
    {"Set-VMDvdDrive -VMName web1 -Path /srv/iso/tools.iso",
     "Inserts tools.iso in web1's first DVD drive, live if web1 runs."},
    {"Set-VMDvdDrive web1 1 0 -Path $null", "Ejects the disc of the DVD drive at IDE 1:0."},
    {0},
};
static const sh_example remove_dvd_examples[] = {
    {"Remove-VMDvdDrive -VMName web1 -ControllerNumber 1 -ControllerLocation 0",
     "Removes the DVD drive at IDE 1:0 (web1 off)."},
    {0},
};
static const sh_example get_fdd_examples[] = {
    {"Get-VMFloppyDiskDrive web1", "Gets web1's floppy disk drive and its disk."},
    {0},
};
static const sh_example set_fdd_examples[] = {
    {"Set-VMFloppyDiskDrive web1 /srv/vfd/drivers.vfd",
     "Inserts drivers.vfd in web1's floppy drive."},
    {"New-VFD /srv/vfd/new.vfd | Set-VMFloppyDiskDrive -VMName web1",
     "Makes an empty floppy disk and inserts it (the file's FullName binds to -Path)."},
    {0},
};
static const sh_example get_ide_examples[] = {
    {"Get-VMIdeController web1", "Gets web1's two IDE controllers and their drives."},
    {0},
};
static const sh_example get_scsi_examples[] = {
    {"Get-VMScsiController web1 -ControllerNumber 0", "Gets web1's SCSI controller 0."},
    {"Get-VM | Get-VMScsiController", "Gets the SCSI controllers of every virtual machine."},
    {0},
};
static const sh_example add_scsi_examples[] = {
    {"Add-VMScsiController web1 -Passthru", "Adds a SCSI controller to web1 and shows it."},
    {0},
};
static const sh_example remove_scsi_examples[] = {
    {"Get-VMScsiController web1 -ControllerNumber 1 | Remove-VMScsiController",
     "Removes web1's SCSI controller 1 and the drives on it; controllers after it are "
     "renumbered."},
    {0},
};
static const sh_example new_vfd_examples[] = {
    {"New-VFD /srv/vfd/boot.vfd", "Creates an empty 1.44 MB floppy disk image."},
    {0},
};

#define DRIVE_CMDLET(in_name, in_set, in_params, in_examples, in_type, in_class, in_flags,         \
                     in_process, in_synopsis, in_description)                                      \
	{                                                                                          \
		.name = in_name, .synopsis = in_synopsis, .description = in_description,           \
		.default_set = in_set, .params = in_params, .examples = in_examples,               \
		.output_type = in_type,                                                            \
		.class_name = "Microsoft.HyperV.PowerShell.Commands." in_class, .flags = in_flags, \
		.begin = views_begin, .process = in_process                                        \
	}

#define CHANGES SH_CMD_SUPPORTS_SHOULD_PROCESS

const sh_cmdlet cmd_vmdrive_cmdlets[] = {
    DRIVE_CMDLET("Get-VMHardDiskDrive", "VMName", get_hdd_params, get_hdd_examples, TYPE_HDD,
                 "GetVMHardDiskDrive", 0, get_hdd_process,
                 "Gets the virtual hard disk drives attached to one or more virtual machines.",
                 "Gets virtual machines' hard disk drives: their controller, place and virtual "
                 "hard disk, read from the virtual machine's configuration."),
    DRIVE_CMDLET("Add-VMHardDiskDrive", "VMName", add_hdd_params, add_hdd_examples, TYPE_HDD,
                 "AddVMHardDiskDrive", CHANGES, add_hdd_process,
                 "Adds a hard disk drive to a virtual machine.",
                 "Attaches a virtual hard disk (VHD, VHDX, qcow2 or raw, told apart by their "
                 "first bytes) or a host block device at a controller's location: the one "
                 "given, else the first free one (IDE first on Generation 1). A running "
                 "virtual machine gets a disk added on SCSI at once; on IDE it is refused, as "
                 "Hyper-V refuses it, and nothing changes."),
    DRIVE_CMDLET("Remove-VMHardDiskDrive", "VMName", remove_hdd_params, remove_hdd_examples,
                 TYPE_HDD, "RemoveVMHardDiskDrive", CHANGES, remove_hdd_process,
                 "Deletes a hard disk drive from a virtual machine.",
                 "Detaches hard disk drives; their files stay. A running virtual machine "
                 "loses a drive on SCSI at once; a drive on IDE is removed only while it is "
                 "off."),
    DRIVE_CMDLET("Set-VMHardDiskDrive", "VMName", set_hdd_params, set_hdd_examples, TYPE_HDD,
                 "SetVMHardDiskDrive", CHANGES, set_hdd_process, "Configures a virtual hard disk.",
                 "Changes a hard disk drive's virtual hard disk, moves it to another place "
                 "(the virtual machine off), or sets its IOPS limit (also on a running virtual "
                 "machine), cache and sharing. Every change of one call applies together, or "
                 "none."),
    DRIVE_CMDLET("Get-VMDvdDrive", "VMName", get_dvd_params, get_dvd_examples, TYPE_DVD,
                 "GetVMDvdDrive", 0, get_dvd_process,
                 "Gets the DVD drives attached to a virtual machine or snapshot.",
                 "Gets virtual machines' DVD drives, their place and the ISO image in them "
                 "(DvdMediaType ISO), a host drive (PassThrough) or nothing (None)."),
    DRIVE_CMDLET("Add-VMDvdDrive", "VMName", add_dvd_params, add_dvd_examples, TYPE_DVD,
                 "AddVMDvdDrive", CHANGES, add_dvd_process,
                 "Adds a DVD drive to a virtual machine.",
                 "Adds a DVD drive, empty or holding an ISO image: on IDE for Generation 1, on "
                 "SCSI for Generation 2, at the place given or the first free one. A running "
                 "virtual machine gets one on SCSI at once; on IDE it is refused."),
    DRIVE_CMDLET("Set-VMDvdDrive", "VMName", set_dvd_params, set_dvd_examples, TYPE_DVD,
                 "SetVMDvdDrive", CHANGES, set_dvd_process, "Configures a virtual DVD drive.",
                 "Inserts an ISO image in a DVD drive or ejects it (-Path $null); a running "
                 "virtual machine sees the media change at once. Moves the drive while the "
                 "virtual machine is off."),
    DRIVE_CMDLET("Remove-VMDvdDrive", "VMName", remove_dvd_params, remove_dvd_examples, TYPE_DVD,
                 "RemoveVMDvdDrive", CHANGES, remove_dvd_process,
                 "Deletes a DVD drive from a virtual machine.",
                 "Removes DVD drives: on SCSI also from a running virtual machine, on IDE "
                 "while it is off."),
    DRIVE_CMDLET("Get-VMFloppyDiskDrive", "VMName", get_fdd_params, get_fdd_examples, TYPE_FDD,
                 "GetVMFloppyDiskDrive", 0, get_fdd_process,
                 "Gets the floppy disk drives of a virtual machine or snapshot.",
                 "Gets the floppy disk drive every Generation 1 virtual machine has, and the "
                 "disk in it. Generation 2 virtual machines have none."),
    DRIVE_CMDLET("Set-VMFloppyDiskDrive", "VMName", set_fdd_params, set_fdd_examples, TYPE_FDD,
                 "SetVMFloppyDiskDrive", CHANGES, set_fdd_process,
                 "Configures a virtual floppy disk drive.",
                 "Inserts a virtual floppy disk (.vfd, see New-VFD) in a Generation 1 virtual "
                 "machine's floppy drive, or ejects it (-Path $null). A running virtual "
                 "machine sees the change at once once its drive has held a disk; the first "
                 "disk goes in while it is off."),
    DRIVE_CMDLET("Get-VMIdeController", "VMName", get_controller_params, get_ide_examples, TYPE_IDE,
                 "GetVMIdeController", 0, get_ide_process,
                 "Gets the IDE controllers of a virtual machine or snapshot.",
                 "Gets a Generation 1 virtual machine's two IDE controllers with the drives on "
                 "them. Generation 2 virtual machines have none."),
    DRIVE_CMDLET("Get-VMScsiController", "VMName", get_controller_params, get_scsi_examples,
                 TYPE_SCSI, "GetVMScsiController", 0, get_scsi_process,
                 "Gets the SCSI controllers of a virtual machine or snapshot.",
                 "Gets virtual machines' SCSI controllers (virtio-scsi) with the drives on "
                 "them."),
    DRIVE_CMDLET("Add-VMScsiController", "VMName", add_scsi_params, add_scsi_examples, TYPE_SCSI,
                 "AddVMScsiController", CHANGES, add_scsi_process,
                 "Adds a SCSI controller in a virtual machine.",
                 "Adds a SCSI controller (virtio-scsi), numbered after the others, to a "
                 "virtual machine that is off; a virtual machine has at most four."),
    DRIVE_CMDLET("Remove-VMScsiController", "VMName", remove_scsi_params, remove_scsi_examples,
                 TYPE_SCSI, "RemoveVMScsiController", CHANGES, remove_scsi_process,
                 "Removes a SCSI controller from a virtual machine.",
                 "Removes a SCSI controller from a virtual machine that is off, and the drives "
                 "on it with it (their files stay), as Hyper-V does; the controllers after it "
                 "take the numbers one lower."),
    DRIVE_CMDLET("New-VFD", NULL, new_vfd_params, new_vfd_examples, "System.IO.FileInfo", "NewVFD",
                 CHANGES, new_vfd_process, "Creates a virtual floppy disk.",
                 "Creates empty 1.44 MB (1474560-byte) virtual floppy disk images, for "
                 "Set-VMFloppyDiskDrive, and returns their files. An existing file is an "
                 "error and stays as it is."),
    {0},
};
