/*
 * vmfirmware.c - Get-VMBios and Set-VMBios (Generation 1), Get-VMFirmware
 * and Set-VMFirmware (Generation 2), over the engine's firmware family
 * (engine/firmware.h).
 *
 * Objects. Microsoft.HyperV.PowerShell.VMBios (StartupOrder,
 * NumLockEnabled), VMFirmware (SecureBoot, SecureBootTemplate,
 * PreferredNetworkBootProtocol, BootOrder ...) and VMBootSource, one boot
 * entry (BootType, Device, Description, FirmwarePath), whose string form is
 * its BootType, as Hyper-V's, so that BootOrder shows as {Drive, Network}.
 * A boot entry's Device is the drive or network adapter it boots: an object
 * with the identity Get-VMHardDiskDrive, Get-VMDvdDrive and
 * Get-VMNetworkAdapter give theirs (controller type, number and location;
 * MAC address), so it can be handed back to Set-VMFirmware.
 *
 * Set-VMFirmware -BootOrder and -FirstBootDevice take any object that
 * names a device that way: the drive and adapter objects of those
 * cmdlets, the boot entries of Get-VMFirmware, or a hand-made object with
 * the same properties. An object that carries another VM's VMId is
 * refused rather than matched by place.
 *
 * The generation decides which pair applies; the other pair's cmdlets fail
 * with Hyper-V's message. Settings change only while the VM is off, as on
 * Hyper-V; the engine refuses them otherwise and nothing changes.
 */
#include <stdarg.h>
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

#define TYPE_BIOS        "Microsoft.HyperV.PowerShell.VMBios"
#define TYPE_FIRMWARE    "Microsoft.HyperV.PowerShell.VMFirmware"
#define TYPE_BOOT_SOURCE "Microsoft.HyperV.PowerShell.VMBootSource"

/* ---- errors ---- */

/* The BIOS cmdlets on a Generation 2 VM, the firmware ones on Generation 1. */
static sh_status wrong_generation(sh_cmd *c, const eng_vm *v)
{
	return v->generation == 1
	           ? vm_bad_input(c, v->name,
	                          "The Generation 1 virtual machine or snapshot \"%s\" does not "
	                          "support the VMFirmware cmdlets. Use Get-VMBios and Set-VMBios "
	                          "instead.",
	                          v->name)
	           : vm_bad_input(c, v->name,
	                          "The Generation 2 virtual machine or snapshot \"%s\" does not "
	                          "support the VMBios cmdlets. Use Get-VMFirmware and "
	                          "Set-VMFirmware instead.",
	                          v->name);
}

/* ---- objects ---- */

static sh_value *bios_object(const eng_vm *v, const eng_firmware *fw)
{
	sh_value *o = sh_object_new(TYPE_BIOS);
	sh_value *order = sh_array_new(4);
	for (size_t i = 0; i < 4; i++)
		sh_array_append(order, sh_string(fw->startup_order[i]));
	sh_object_set_note(o, "NumLockEnabled", sh_bool(fw->num_lock));
	sh_object_set_note(o, "StartupOrder", order);
	vm_device_notes(o, v->name, v->id);
	return o;
}

/* A device's string form: its kind, then what names it. */
static char *device_to_string(sh_value *self)
{
	const char *kind = sh_object_typename(self, 0);
	const char *dot = strrchr(kind, '.');
	sh_value *name = sh_object_note(self, "Name");
	if (!name)
		return xasprintf("%s (MacAddress = '%s', VMName = '%s')", dot ? dot + 1 : kind,
		                 sh_str(sh_object_note(self, "MacAddress")),
		                 sh_str(sh_object_note(self, "VMName")));
	return xasprintf("%s (Name = '%s', VMName = '%s')", dot ? dot + 1 : kind, sh_str(name),
	                 sh_str(sh_object_note(self, "VMName")));
}

static const sh_class device_class = {.name = "VMBootDevice", .to_string = device_to_string};

/* The drive or network adapter a boot entry boots. */
static sh_value *device_object(const eng_vm *v, const eng_boot_entry *e)
{
	sh_value *o;
	if (e->kind == ENG_BOOT_NIC) {
		o = sh_object_new("Microsoft.HyperV.PowerShell.VMNetworkAdapter");
		sh_object_add_typename(o, "Microsoft.HyperV.PowerShell.VMNetworkAdapterBase");
		sh_object_set_note(o, "MacAddress", sh_string(e->mac));
		sh_object_set_note(o, "IsManagementOs", sh_bool(false));
	} else {
		bool dvd = e->kind == ENG_BOOT_DVD;
		o = sh_object_new(dvd ? "Microsoft.HyperV.PowerShell.DvdDrive"
		                      : "Microsoft.HyperV.PowerShell.HardDiskDrive");
		sh_object_add_typename(o, "Microsoft.HyperV.PowerShell.Drive");
		sh_object_set_note(o, "Name",
		                   sh_stringf("%s on %s controller number %d at location %d",
		                              dvd ? "DVD Drive" : "Hard Drive", e->controller_type,
		                              e->controller_number, e->controller_location));
		sh_object_set_note(o, "Path", e->path ? sh_string(e->path) : NULL);
		sh_object_set_note(o, "ControllerType", sh_string(e->controller_type));
		sh_object_set_note(o, "ControllerNumber", sh_int(e->controller_number));
		sh_object_set_note(o, "ControllerLocation", sh_int(e->controller_location));
		if (dvd)
			sh_object_set_note(o, "DvdMediaType", sh_string(e->path ? "ISO" : "None"));
		else
			sh_object_set_note(o, "DiskNumber", NULL);
	}
	sh_object_set_native(o, &device_class, NULL);
	vm_device_notes(o, v->name, v->id);
	return o;
}

static char *boot_source_to_string(sh_value *self)
{
	return sh_to_string(sh_object_note(self, "BootType"));
}

static const sh_class boot_source_class = {.name = TYPE_BOOT_SOURCE,
                                           .to_string = boot_source_to_string};

static sh_value *boot_source_object(const eng_vm *v, const eng_boot_entry *e)
{
	sh_value *o = sh_object_new(TYPE_BOOT_SOURCE);
	sh_object_set_native(o, &boot_source_class, NULL);
	sh_object_set_note(o, "BootType", sh_string(e->kind == ENG_BOOT_NIC ? "Network" : "Drive"));
	sh_object_set_note(o, "Description", sh_string(e->description));
	sh_object_set_note(o, "Device", device_object(v, e));
	sh_object_set_note(o, "FirmwarePath",
	                   e->firmware_path ? sh_string(e->firmware_path) : NULL);
	vm_device_notes(o, v->name, v->id);
	return o;
}

static sh_value *firmware_object(const eng_vm *v, const eng_firmware *fw)
{
	sh_value *o = sh_object_new(TYPE_FIRMWARE);
	sh_value *order = sh_array_new(fw->nboot);
	for (size_t i = 0; i < fw->nboot; i++)
		sh_array_append(order, boot_source_object(v, &fw->boot[i]));
	sh_object_set_note(o, "BootOrder", order);
	sh_object_set_note(o, "PreferredNetworkBootProtocol",
	                   sh_string(fw->preferred_network_boot_protocol));
	sh_object_set_note(o, "SecureBoot", sh_string(fw->secure_boot ? "On" : "Off"));
	sh_object_set_note(o, "SecureBootTemplateId", sh_guid_value(fw->secure_boot_template_id));
	sh_object_set_note(o, "SecureBootTemplate", sh_string(fw->secure_boot_template));
	sh_object_set_note(o, "ConsoleMode", sh_string(fw->console_mode));
	sh_object_set_note(o, "PauseAfterBootFailure",
	                   sh_string(fw->pause_after_boot_failure ? "On" : "Off"));
	vm_device_notes(o, v->name, v->id);
	return o;
}

/* Emits v's VMBios or VMFirmware object, as the engine reads it now. */
static sh_status emit_firmware(sh_cmd *c, const eng_api *api, const eng_vm *v)
{
	eng_firmware fw;
	char *err = NULL;
	int rc = api->firmware->get_firmware(v->id, &fw, &err);
	if (rc < 0) {
		char *what =
		    xasprintf("Hyper-V was unable to read the firmware settings of '%s'.", v->name);
		sh_value *target = sh_string(v->name);
		sh_status st = vm_engine_error(
		    c, rc == ENG_ENOTFOUND ? SH_CAT_OBJECT_NOT_FOUND : SH_CAT_RESOURCE_UNAVAILABLE,
		    "ReadFailed", target, what, err);
		sh_unref(target);
		free(what);
		return st;
	}
	sh_value *o = fw.generation == 1 ? bios_object(v, &fw) : firmware_object(v, &fw);
	api->firmware->firmware_free(&fw);
	return sh_emit(c, o);
}

static const sh_view_column bios_columns[] = {
    {.header = "VMName", .property = "VMName", .align = SH_ALIGN_LEFT},
    {.header = "StartupOrder", .property = "StartupOrder", .align = SH_ALIGN_LEFT},
    {.header = "NumLockEnabled", .property = "NumLockEnabled", .align = SH_ALIGN_LEFT},
};
static const sh_view_column firmware_columns[] = {
    {.header = "VMName", .property = "VMName", .align = SH_ALIGN_LEFT},
    {.header = "SecureBoot", .property = "SecureBoot", .align = SH_ALIGN_LEFT},
    {.header = "SecureBootTemplate", .property = "SecureBootTemplate", .align = SH_ALIGN_LEFT},
    {.header = "PreferredNetworkBootProtocol",
     .property = "PreferredNetworkBootProtocol",
     .align = SH_ALIGN_LEFT},
    {.header = "BootOrder", .property = "BootOrder", .align = SH_ALIGN_LEFT},
};
static const sh_view_column boot_source_columns[] = {
    {.header = "VMName", .property = "VMName", .align = SH_ALIGN_LEFT},
    {.header = "BootType", .property = "BootType", .align = SH_ALIGN_LEFT},
    {.header = "Device", .property = "Device", .align = SH_ALIGN_LEFT},
    {.header = "Description", .property = "Description", .align = SH_ALIGN_LEFT},
    {.header = "FirmwarePath", .property = "FirmwarePath", .align = SH_ALIGN_LEFT},
};
static const sh_view views[] = {
    {.type_name = TYPE_BIOS, .kind = SH_VIEW_TABLE, .columns = bios_columns, .ncolumns = 3},
    {.type_name = TYPE_FIRMWARE, .kind = SH_VIEW_TABLE, .columns = firmware_columns, .ncolumns = 5},
    {.type_name = TYPE_BOOT_SOURCE,
     .kind = SH_VIEW_TABLE,
     .columns = boot_source_columns,
     .ncolumns = 5},
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

/* ---- the VMs a command addresses ---- */

/* ---- Get-VMBios, Get-VMFirmware ---- */

static sh_status get_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	vm_warn_no_effect(c, vm_remote_params);
	if (sh_param_bound(c, "VMSnapshot"))
		return vm_no_checkpoints(c);
	int want = strcmp(sh_cmd_def(c)->name, "Get-VMBios") == 0 ? 1 : 2;
	sh_status st = SH_OK;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	vm_set s = {0};
	st = vm_select(c, api, &s, false);
	for (size_t k = 0; k < s.npick && st == SH_OK; k++) {
		const eng_vm *v = &s.vms[s.pick[k]];
		st = v->generation == want ? emit_firmware(c, api, v) : wrong_generation(c, v);
	}
	vm_set_free(api, &s);
	return st;
}

/* ---- Set-VMBios (and the step Set-VMFirmware shares) ---- */

/* Applies s to one VM; emits it with -Passthru. */
static sh_status apply(sh_cmd *c, const eng_api *api, const eng_vm *v,
                       const eng_firmware_settings *s)
{
	char *err = NULL;
	int rc = api->firmware->set_firmware(v->id, s, &err);
	if (rc < 0) {
		char *what = xasprintf("Failed to modify the firmware settings of '%s'.", v->name);
		sh_status st = vm_engine_failed(c, rc, v->name, what, err);
		free(what);
		return st;
	}
	return sh_switch(c, "Passthru") ? emit_firmware(c, api, v) : SH_OK;
}

static const char *const bios_devices[] = {"Floppy", "CD", "IDE", "LegacyNetworkAdapter", NULL};

static sh_status set_bios_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	vm_warn_no_effect(c, vm_remote_params);
	eng_firmware_settings s = {
	    .num_lock = -1, .secure_boot = -1, .pause_after_boot_failure = -1};
	if (sh_switch(c, "EnableNumLock") && sh_switch(c, "DisableNumLock"))
		return vm_bad_input(
		    c, NULL,
		    "The parameters -EnableNumLock and -DisableNumLock cannot be used "
		    "together.");
	if (sh_switch(c, "EnableNumLock"))
		s.num_lock = 1;
	else if (sh_switch(c, "DisableNumLock"))
		s.num_lock = 0;
	sh_value *order = sh_param(c, "StartupOrder");
	const char *names[4];
	if (order) {
		/* Generation 1 boots from the four classes, each once */
		size_t n = sh_array_len(order);
		bool ok = n == 4;
		for (size_t i = 0; ok && i < n; i++) {
			names[i] = sh_str(sh_array_get(order, i));
			bool known = false;
			for (size_t k = 0; bios_devices[k]; k++)
				known |= strcmp(names[i], bios_devices[k]) == 0;
			for (size_t k = 0; k < i; k++)
				known &= strcmp(names[i], names[k]) != 0;
			ok = known;
		}
		if (!ok) {
			sh_buf b = {0};
			for (size_t i = 0; i < n; i++)
				buf_printf(&b, "%s%s", i ? ", " : "",
				           sh_str(sh_array_get(order, i)));
			char *given = buf_detach(&b);
			sh_status st =
			    vm_bad_input(c, given,
			                 "The startup order '%s' is not valid: it must name "
			                 "each of Floppy, CD, IDE and LegacyNetworkAdapter "
			                 "once.",
			                 given);
			free(given);
			return st;
		}
		s.startup_order = names;
		s.nstartup = 4;
	}
	sh_status st = SH_OK;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	vm_set set = {0};
	st = vm_select_devices(c, api, &set, "VMBios");
	for (size_t k = 0; k < set.npick && st == SH_OK; k++) {
		const eng_vm *v = &set.vms[set.pick[k]];
		if (v->generation != 1)
			st = wrong_generation(c, v);
		else if (sh_should_process(c, v->name, "Set-VMBios"))
			st = apply(c, api, v, &s);
	}
	vm_set_free(api, &set);
	return st;
}

/* ---- Set-VMFirmware ---- */

/* A property of an object (new reference), or NULL when it has none. */
static sh_value *prop(sh_cmd *c, sh_value *o, const char *name)
{
	if (sh_kind_of(o) != SH_OBJECT || !sh_object_find_prop(o, name))
		return NULL;
	sh_value *v = NULL;
	char *err = NULL;
	if (sh_get_member(sh_cmd_interp(c), o, name, &v, &err) < 0)
		free(err);
	return v;
}

/* One device named by an object, with the strings its reference points to. */
typedef struct boot_ref {
	eng_boot_ref ref;
	char *text; /* controller type or MAC address */
} boot_ref;

static void refs_free(boot_ref *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(r[i].text);
	free(r);
}

/* The device an object names: a drive (ControllerType, ControllerNumber,
 * ControllerLocation), a network adapter (MacAddress) or a boot entry
 * (its Device). False after writing the error (*st). */
static bool to_ref(sh_cmd *c, const char *param, const eng_vm *v, sh_value *o, boot_ref *out,
                   bool in_entry, sh_status *st)
{
	memset(out, 0, sizeof *out);
	char *text = sh_to_string(o);
	bool ok = false;
	sh_value *boot_type = prop(c, o, "BootType");
	if (boot_type && !in_entry) {
		/* a boot entry stands for its device */
		sh_unref(boot_type);
		sh_value *device = prop(c, o, "Device");
		if (device)
			ok = to_ref(c, param, v, device, out, true, st);
		else
			*st = vm_bad_input(
			    c, text,
			    "The boot entry '%s' given to -%s names no device this host can "
			    "boot.",
			    text, param);
		sh_unref(device);
		free(text);
		return ok;
	}
	sh_unref(boot_type);
	sh_value *vmid = prop(c, o, "VMId");
	char *owner = vmid ? sh_to_string(vmid) : NULL;
	sh_unref(vmid);
	sh_value *mac = prop(c, o, "MacAddress");
	sh_value *type = prop(c, o, "ControllerType");
	sh_value *number = prop(c, o, "ControllerNumber");
	sh_value *location = prop(c, o, "ControllerLocation");
	int64_t num = -1, loc = -1;
	if (owner && *owner && strcasecmp(owner, v->id) != 0) {
		sh_value *name = prop(c, o, "VMName");
		char *other = name ? sh_to_string(name) : xstrdup(owner);
		sh_unref(name);
		*st = vm_bad_input(
		    c, text,
		    "The device '%s' given to -%s belongs to the virtual machine '%s', "
		    "not to '%s'.",
		    text, param, other, v->name);
		free(other);
	} else if (mac) {
		out->ref.nic = true;
		out->text = sh_to_string(mac);
		out->ref.mac = out->text;
		ok = true;
	} else if (type && number && location && sh_to_int64(number, &num, NULL) &&
	           sh_to_int64(location, &loc, NULL) && num >= 0 && loc >= 0 && num < 1000 &&
	           loc < 1000) {
		/* ControllerType is an enum: IDE (0) or SCSI (1) */
		int64_t k;
		out->text = sh_is_number(type) && sh_to_int64(type, &k, NULL)
		                ? xstrdup(k == 0   ? "IDE"
		                          : k == 1 ? "SCSI"
		                                   : "?")
		                : sh_to_string(type);
		out->ref.controller_type = out->text;
		out->ref.controller_number = (int)num;
		out->ref.controller_location = (int)loc;
		ok = true;
	} else {
		*st = vm_bad_input(
		    c, text,
		    "Cannot use '%s' as a boot device in -%s: give a hard disk drive, a "
		    "DVD drive or a network adapter (Get-VMHardDiskDrive, Get-VMDvdDrive, "
		    "Get-VMNetworkAdapter), or a boot entry from Get-VMFirmware.",
		    text, param);
	}
	sh_unref(mac);
	sh_unref(type);
	sh_unref(number);
	sh_unref(location);
	free(owner);
	free(text);
	return ok;
}

/* A template's canonical name from -SecureBootTemplate and/or
 * -SecureBootTemplateId; NULL after writing the error (*st). */
static const char *template_of(sh_cmd *c, const eng_api *api, sh_status *st)
{
	const char *name = sh_param_str(c, "SecureBootTemplate");
	sh_value *idv = sh_param(c, "SecureBootTemplateId");
	char *id = NULL;
	if (idv) {
		sh_value *g = prop(c, idv, "Guid");
		id = sh_to_string(g ? g : idv);
		sh_unref(g);
	}
	const eng_secure_boot_template *by_name = NULL, *by_id = NULL;
	for (const eng_secure_boot_template *t = api->firmware->templates; t->name; t++) {
		if (name && strcasecmp(name, t->name) == 0)
			by_name = t;
		/* a GUID may come braced: {1734c6e8-...} */
		size_t skip = id && id[0] == '{' ? 1 : 0;
		if (id && strncasecmp(id + skip, t->id, strlen(t->id)) == 0 &&
		    strlen(id) == strlen(t->id) + 2 * skip)
			by_id = t;
	}
	const char *out = NULL;
	if (name && !by_name)
		*st = vm_bad_input(c, name,
		                   "'%s' is not a Secure Boot template: use MicrosoftWindows, "
		                   "MicrosoftUEFICertificateAuthority or OpenSourceShieldedVM.",
		                   name);
	else if (id && !by_id)
		*st = vm_bad_input(c, id, "'%s' is not the identifier of a Secure Boot template.",
		                   id);
	else if (by_name && by_id && by_name != by_id)
		*st = vm_bad_input(
		    c, id, "The Secure Boot template '%s' does not have the identifier '%s'.",
		    by_name->name, id);
	else
		out = by_name ? by_name->name : by_id ? by_id->name : NULL;
	free(id);
	return out;
}

static sh_status set_one_firmware(sh_cmd *c, const eng_api *api, const eng_vm *v,
                                  eng_firmware_settings *s)
{
	sh_value *order = sh_param(c, "BootOrder");
	sh_value *first = sh_param(c, "FirstBootDevice");
	size_t n = order ? sh_array_len(order) : 0;
	boot_ref *refs = xmalloc((n + 1) * sizeof *refs);
	memset(refs, 0, (n + 1) * sizeof *refs);
	eng_boot_ref *plain = xmalloc((n + 1) * sizeof *plain);
	sh_status st = SH_OK;
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++) {
		ok = to_ref(c, "BootOrder", v, sh_array_get(order, i), &refs[i], false, &st);
		plain[i] = refs[i].ref;
	}
	if (ok && first)
		ok = to_ref(c, "FirstBootDevice", v, first, &refs[n], false, &st);
	if (ok) {
		s->boot_order = order ? plain : NULL;
		s->nboot_order = n;
		s->first_boot_device = first ? &refs[n].ref : NULL;
		if (sh_should_process(c, v->name, "Set-VMFirmware"))
			st = apply(c, api, v, s);
	}
	s->boot_order = NULL;
	s->first_boot_device = NULL;
	free(plain);
	refs_free(refs, n + 1);
	return st;
}

static int on_off(sh_cmd *c, const char *name)
{
	const char *v = sh_param_str(c, name);
	return v ? strcmp(v, "On") == 0 : -1;
}

static sh_status set_firmware_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	vm_warn_no_effect(c, vm_remote_params);
	sh_status st = SH_OK;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	eng_firmware_settings s = {
	    .num_lock = -1,
	    .secure_boot = on_off(c, "EnableSecureBoot"),
	    .pause_after_boot_failure = on_off(c, "PauseAfterBootFailure"),
	    .preferred_network_boot_protocol = sh_param_str(c, "PreferredNetworkBootProtocol"),
	    .console_mode = sh_param_str(c, "ConsoleMode"),
	};
	if (sh_param_bound(c, "SecureBootTemplate") || sh_param_bound(c, "SecureBootTemplateId")) {
		s.secure_boot_template = template_of(c, api, &st);
		if (!s.secure_boot_template)
			return st;
	}
	vm_set set = {0};
	st = vm_select_devices(c, api, &set, "VMFirmware");
	for (size_t k = 0; k < set.npick && st == SH_OK; k++) {
		const eng_vm *v = &set.vms[set.pick[k]];
		st = v->generation != 2 ? wrong_generation(c, v) : set_one_firmware(c, api, v, &s);
	}
	vm_set_free(api, &set);
	return st;
}

/* ---- completion ---- */

static void complete_template(sh_interp *in, const char *word, sh_value *out)
{
	(void)in;
	char *err = NULL;
	const eng_api *api = eng_load(&err);
	free(err);
	for (const eng_secure_boot_template *t = api ? api->firmware->templates : NULL;
	     t && t->name; t++)
		if (strncasecmp(t->name, word, strlen(word)) == 0)
			sh_array_append(out, sh_string(t->name));
}

/* ---- the tables ---- */

static const sh_param_def get_bios_params[] = {
    VM_NAME_PARAM(SH_PF_PIPELINE), VM_OBJECT_PARAM, VM_SNAPSHOT_PARAM, REMOTE_PARAMS("VMName"), {0},
};

static const sh_param_def get_firmware_params[] = {
    VM_NAME_PARAM(SH_PF_PIPELINE), VM_OBJECT_PARAM, VM_SNAPSHOT_PARAM, REMOTE_PARAMS("VMName"), {0},
};

static const sh_param_def set_bios_params[] = {
    VM_NAME_PARAM(SH_PF_PIPELINE),
    VM_OBJECT_PARAM,
    {.name = "VMBios",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE,
     .position = 0,
     .sets = "VMBios",
     .type_name = "VMBios[]",
     .help = "Specifies the BIOS to configure, as objects from Get-VMBios."},
    {.name = "StartupOrder",
     .type = SH_P_ENUM,
     .flags = SH_PF_ARRAY,
     .position = -1,
     .enum_values = (const char *const[]){"Floppy", "CD", "IDE", "LegacyNetworkAdapter",
                                          "NetworkAdapter", "VHD", NULL},
     .type_name = "BootDevice[]",
     .help = "Specifies the order in which the BIOS tries the device classes: each of Floppy, "
             "CD, IDE and LegacyNetworkAdapter once (NetworkAdapter and VHD belong to "
             "Generation 2 and are refused). It becomes libvirt's boot device list; the "
             "virtual machine must be off."},
    {.name = "EnableNumLock",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Turns NumLock on at startup. Kept and shown by Get-VMBios; SeaBIOS has no "
             "such setting, so the guest's keyboard is not changed."},
    {.name = "DisableNumLock",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Turns NumLock off at startup (the default)."},
    VM_PASSTHRU_PARAM("Returns the VMBios object of each virtual machine changed."),
    REMOTE_PARAMS("VMName"),
    {0},
};

static const sh_param_def set_firmware_params[] = {
    VM_NAME_PARAM(SH_PF_PIPELINE),
    VM_OBJECT_PARAM,
    {.name = "VMFirmware",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE,
     .position = 0,
     .sets = "VMFirmware",
     .type_name = "VMFirmware[]",
     .help = "Specifies the firmware to configure, as objects from Get-VMFirmware."},
    {.name = "BootOrder",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY,
     .position = -1,
     .type_name = "VMComponentObject[]",
     .help = "Specifies the boot order: drives (Get-VMHardDiskDrive, Get-VMDvdDrive), network "
             "adapters (Get-VMNetworkAdapter) or entries of Get-VMFirmware's BootOrder, each "
             "at most once. Devices left out are not booted. The virtual machine must be "
             "off."},
    {.name = "FirstBootDevice",
     .type = SH_P_OBJECT,
     .position = -1,
     .type_name = "VMComponentObject",
     .help = "Specifies the device to boot first; the others keep their order after it."},
    {.name = "EnableSecureBoot",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = (const char *const[]){"On", "Off", NULL},
     .type_name = "OnOffState",
     .help = "Turns Secure Boot On (UEFI firmware with Microsoft's keys enrolled: unsigned "
             "boot loaders are refused) or Off. The firmware's variable store is made anew "
             "from the chosen firmware's template at the next start."},
    {.name = "SecureBootTemplate",
     .type = SH_P_STRING,
     .position = -1,
     .completer = complete_template,
     .help = "Specifies the Secure Boot template: MicrosoftWindows, "
             "MicrosoftUEFICertificateAuthority or OpenSourceShieldedVM. Kept and shown; every "
             "template uses the keys the host's Secure Boot firmware enrolls."},
    {.name = "SecureBootTemplateId",
     .type = SH_P_OBJECT,
     .position = -1,
     .type_name = "Guid",
     .help = "Specifies the Secure Boot template by its identifier."},
    {.name = "PreferredNetworkBootProtocol",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = (const char *const[]){"IPv4", "IPv6", NULL},
     .type_name = "IPProtocolPreference",
     .help = "Specifies the protocol tried first for network boot: IPv4 or IPv6. Kept and "
             "shown by Get-VMFirmware; the firmware offers both."},
    {.name = "ConsoleMode",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = (const char *const[]){"Default", "COM1", "COM2", "None", NULL},
     .type_name = "ConsoleModeType",
     .help = "Specifies where the firmware's console goes: Default, COM1, COM2 or None. Kept "
             "and shown by Get-VMFirmware; the firmware writes to COM1 whatever is chosen."},
    {.name = "PauseAfterBootFailure",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = (const char *const[]){"On", "Off", NULL},
     .type_name = "OnOffState",
     .help = "Specifies whether the virtual machine pauses when no device boots. Kept and "
             "shown by Get-VMFirmware; the firmware goes on to its own menu either way."},
    VM_PASSTHRU_PARAM("Returns the VMFirmware object of each virtual machine changed."),
    REMOTE_PARAMS("VMName"),
    {0},
};

static const sh_example get_bios_examples[] = {
    {"Get-VMBios demo", "Shows the startup order and NumLock setting of the virtual machine "
                        "demo."},
    {"Get-VM | Where-Object Generation -eq 1 | Get-VMBios",
     "Shows the BIOS of every Generation 1 virtual machine."},
    {0},
};
static const sh_example set_bios_examples[] = {
    {"Set-VMBios demo -StartupOrder IDE, CD, LegacyNetworkAdapter, Floppy",
     "Boots the virtual machine demo from its hard disk first."},
    {"Get-VMBios demo | Set-VMBios -EnableNumLock -Passthru",
     "Turns NumLock on and shows the BIOS settings."},
    {0},
};
static const sh_example get_firmware_examples[] = {
    {"Get-VMFirmware web1", "Shows Secure Boot and the boot order of the virtual machine web1."},
    {"(Get-VMFirmware web1).BootOrder", "Lists web1's boot entries, with the devices they boot."},
    {0},
};
static const sh_example set_firmware_examples[] = {
    {"Set-VMFirmware web1 -EnableSecureBoot Off",
     "Turns Secure Boot off, so that unsigned boot loaders start."},
    {"Set-VMFirmware web1 -FirstBootDevice (Get-VMFirmware web1).BootOrder[1]",
     "Boots web1 from its second boot entry first."},
    {"$f = Get-VMFirmware web1; Set-VMFirmware web1 -BootOrder $f.BootOrder[1], "
     "$f.BootOrder[0]",
     "Swaps web1's first two boot entries; devices left out are not booted."},
    {0},
};

const sh_cmdlet cmd_vmfirmware_cmdlets[] = {
    {.name = "Get-VMBios",
     .synopsis = "Gets the BIOS of a virtual machine or snapshot.",
     .description = "Gets the BIOS settings of Generation 1 virtual machines: the startup "
                    "order of the device classes, read from libvirt's boot device list (the "
                    "classes it leaves out follow in Hyper-V's default order), and NumLock. "
                    "A Generation 2 virtual machine has UEFI firmware instead: use "
                    "Get-VMFirmware.",
     .default_set = "VMName",
     .params = get_bios_params,
     .examples = get_bios_examples,
     .output_type = TYPE_BIOS,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.GetVMBios",
     .begin = views_begin,
     .process = get_process},
    {.name = "Set-VMBios",
     .synopsis = "Configures the BIOS of a Generation 1 virtual machine.",
     .description = "Changes the startup order and the NumLock setting of Generation 1 "
                    "virtual machines that are off. The startup order becomes libvirt's boot "
                    "device list, so SeaBIOS tries the classes in that order.",
     .default_set = "VMName",
     .params = set_bios_params,
     .examples = set_bios_examples,
     .output_type = TYPE_BIOS,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.SetVMBios",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .begin = views_begin,
     .process = set_bios_process},
    {.name = "Get-VMFirmware",
     .synopsis = "Gets the firmware configuration of a virtual machine.",
     .description = "Gets the UEFI settings of Generation 2 virtual machines: Secure Boot and "
                    "its template, the preferred network boot protocol, and the boot order, "
                    "whose entries name the drives and network adapters booted and the UEFI "
                    "device path the firmware gives each. A Generation 1 virtual machine has "
                    "a BIOS instead: use Get-VMBios.",
     .default_set = "VMName",
     .params = get_firmware_params,
     .examples = get_firmware_examples,
     .output_type = TYPE_FIRMWARE,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.GetVMFirmware",
     .begin = views_begin,
     .process = get_process},
    {.name = "Set-VMFirmware",
     .synopsis = "Sets the firmware configuration of a virtual machine.",
     .description = "Changes the UEFI settings of Generation 2 virtual machines that are off: "
                    "Secure Boot (a switch chooses another firmware build and makes the "
                    "firmware's variable store anew at the next start), the boot order or the "
                    "first boot device, and the settings kept and shown (Secure Boot template, "
                    "preferred network boot protocol, console mode, pause after boot "
                    "failure). Every setting of one call is applied together, or none.",
     .default_set = "VMName",
     .params = set_firmware_params,
     .examples = set_firmware_examples,
     .output_type = TYPE_FIRMWARE,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.SetVMFirmware",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .begin = views_begin,
     .process = set_firmware_process},
    {0},
};
