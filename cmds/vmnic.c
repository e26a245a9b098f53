/*
 * vmnic.c - the network adapter cmdlets: Get-, Add-, Remove-, Set- and
 * Rename-VMNetworkAdapter, with Hyper-V's names, parameters, objects and
 * messages, over the engine's adapter family (engine/nics.h).
 *
 * Adapters are addressed as Hyper-V addresses them: by virtual machine
 * (-VMName, -VM) and adapter name (-Name, wildcards, several adapters may
 * share a name), or as objects from Get-VMNetworkAdapter, which carry
 * their VM's Id and their own (AdapterId), so a renamed adapter or VM is
 * still found. The shell binds any object piped to these cmdlets to the
 * first object parameter (-VM), so the objects of -VM and -VMNetworkAdapter
 * are told apart by what they are, not by where they were bound.
 *
 * What maps onto this host has its effect: legacy (tulip) versus synthetic
 * (virtio-net) adapters, MAC addresses static or dynamic, names, adapters
 * added to and removed from running VMs. The switch side (-SwitchName)
 * comes with virtual switches: a switch named now is one that cannot be
 * found, as Hyper-V says of a switch it does not have. The many
 * Set-VMNetworkAdapter settings that need a switch (guards, bandwidth,
 * mirroring, subnets, queues and offloads) are kept in the VM's description and
 * shown by Get-VMNetworkAdapter, with a warning that they have no effect
 * yet: an adapter connected to nothing carries no traffic to shape or
 * guard.
 */
#include <ctype.h>
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
#include "vm.h"

#define TYPE_NIC       "Microsoft.HyperV.PowerShell.VMNetworkAdapter"
#define TYPE_NIC_BASE  "Microsoft.HyperV.PowerShell.VMNetworkAdapterBase"
#define TYPE_BANDWIDTH "Microsoft.HyperV.PowerShell.VMNetworkAdapterBandwidthSetting"

/* ---- errors ---- */

#define BINDING_EXC "System.Management.Automation.ParameterBindingException"

/* ---- settings kept for later ---- */

typedef enum kept_kind {
	KEPT_TEXT,  /* an enum or a string */
	KEPT_UINT,  /* UInt32 */
	KEPT_INT64, /* Int64, not negative */
	KEPT_BOOL,
	KEPT_LIST, /* String[] */
} kept_kind;

typedef struct kept_setting {
	const char *param;    /* the cmdlets' parameter */
	const char *property; /* the adapter's property, and the key it is kept under */
	kept_kind kind;
	const char *fallback; /* Hyper-V's default */
	int64_t max;          /* KEPT_UINT: the largest value; 0: UInt32's */
	bool invert;          /* -NotMonitoredInCluster sets ClusterMonitored's opposite */
	bool bandwidth;       /* a property of BandwidthSetting, not of the adapter */
} kept_setting;

static const kept_setting kept[] = {
    {"AllowTeaming", "AllowTeaming", KEPT_TEXT, "Off", 0, false, false},
    {"DeviceNaming", "DeviceNaming", KEPT_TEXT, "Off", 0, false, false},
    {"DhcpGuard", "DhcpGuard", KEPT_TEXT, "Off", 0, false, false},
    {"DynamicIPAddressLimit", "DynamicIPAddressLimit", KEPT_UINT, "0", 0, false, false},
    {"FixSpeed10G", "FixSpeed10G", KEPT_TEXT, "Off", 0, false, false},
    {"IPsecOffloadMaximumSecurityAssociation", "IPsecOffloadMaxSA", KEPT_UINT, "512", 0, false,
     false},
    {"IeeePriorityTag", "IeeePriorityTag", KEPT_TEXT, "Off", 0, false, false},
    {"IovInterruptModeration", "IovInterruptModeration", KEPT_TEXT, "Default", 0, false, false},
    {"IovQueuePairsRequested", "IovQueuePairsRequested", KEPT_UINT, "1", 0, false, false},
    {"IovWeight", "IovWeight", KEPT_UINT, "0", 100, false, false},
    {"MacAddressSpoofing", "MacAddressSpoofing", KEPT_TEXT, "Off", 0, false, false},
    {"MandatoryFeatureId", "MandatoryFeatureId", KEPT_LIST, "", 0, false, false},
    {"MaximumBandwidth", "MaximumBandwidth", KEPT_INT64, "0", 0, false, true},
    {"MinimumBandwidthAbsolute", "MinimumBandwidthAbsolute", KEPT_INT64, "0", 0, false, true},
    {"MinimumBandwidthWeight", "MinimumBandwidthWeight", KEPT_UINT, "0", 100, false, true},
    {"NotMonitoredInCluster", "ClusterMonitored", KEPT_BOOL, "True", 0, true, false},
    {"PacketDirectModerationCount", "PacketDirectModerationCount", KEPT_UINT, "64", 0, false,
     false},
    {"PacketDirectModerationInterval", "PacketDirectModerationInterval", KEPT_UINT, "1000000", 0,
     false, false},
    {"PacketDirectNumProcs", "PacketDirectNumProcs", KEPT_UINT, "0", 0, false, false},
    {"PortMirroring", "PortMirroringMode", KEPT_TEXT, "None", 0, false, false},
    {"ResourcePoolName", "PoolName", KEPT_TEXT, "", 0, false, false},
    {"RouterGuard", "RouterGuard", KEPT_TEXT, "Off", 0, false, false},
    {"StormLimit", "StormLimit", KEPT_UINT, "0", 0, false, false},
    {"TestReplicaPoolName", "TestReplicaPoolName", KEPT_TEXT, "", 0, false, false},
    {"TestReplicaSwitchName", "TestReplicaSwitchName", KEPT_TEXT, "", 0, false, false},
    {"VirtualSubnetId", "VirtualSubnetId", KEPT_UINT, "0", 16777215, false, false},
    {"VmmqEnabled", "VmmqEnabled", KEPT_BOOL, "False", 0, false, false},
    {"VmmqQueuePairs", "VmmqQueuePairs", KEPT_UINT, "16", 0, false, false},
    {"VmqWeight", "VMQWeight", KEPT_UINT, "100", 100, false, false},
    {"VrssEnabled", "VrssEnabled", KEPT_BOOL, "True", 0, false, false},
};
#define NKEPT (sizeof kept / sizeof kept[0])

/* The kept settings a command sets, as the text they are kept as. */
typedef struct kept_values {
	eng_nic_kv kv[NKEPT];
	char *owned[NKEPT];
	size_t n;
} kept_values;

static void kept_values_free(kept_values *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->owned[i]);
	memset(k, 0, sizeof *k);
}

static bool range_error(sh_cmd *c, const kept_setting *s, int64_t v, sh_status *st)
{
	if (s->kind == KEPT_UINT && (v < 0 || v > 4294967295LL)) {
		*st = vm_errorf(
		    c, BINDING_EXC, SH_CAT_INVALID_ARGUMENT, "CannotConvertArgumentNoMessage", NULL,
		    "Cannot bind parameter '%s'. Cannot convert value \"%lld\" to type "
		    "\"System.UInt32\". Error: \"Value was either too large or too small "
		    "for a UInt32.\"",
		    s->param, (long long)v);
		return true;
	}
	if (v < 0) {
		*st = vm_errorf(
		    c, BINDING_EXC, SH_CAT_INVALID_DATA, "ParameterArgumentValidationError", NULL,
		    "Cannot validate argument on parameter '%s'. The %lld argument is less "
		    "than the minimum allowed range of 0. Supply an argument that is "
		    "greater than or equal to 0 and then try the command again.",
		    s->param, (long long)v);
		return true;
	}
	if (s->max && v > s->max) {
		*st = vm_errorf(
		    c, BINDING_EXC, SH_CAT_INVALID_DATA, "ParameterArgumentValidationError", NULL,
		    "Cannot validate argument on parameter '%s'. The %lld argument is "
		    "greater than the maximum allowed range of %lld. Supply an argument "
		    "that is less than or equal to %lld and then try the command again.",
		    s->param, (long long)v, (long long)s->max, (long long)s->max);
		return true;
	}
	if (strcmp(s->param, "VirtualSubnetId") == 0 && v != 0 && v < 4096) {
		*st =
		    vm_errorf(c, VIRT_EXC, SH_CAT_INVALID_ARGUMENT, "InvalidParameter", NULL,
		              "The virtual subnet ID %lld is not valid: it is 0 (none) or between "
		              "4096 and 16777215.",
		              (long long)v);
		return true;
	}
	return false;
}

/* Fills k from the kept settings bound, checked; false after writing the
 * error (*st). Warns for each: it has no effect yet. */
static bool read_kept(sh_cmd *c, kept_values *k, sh_status *st)
{
	memset(k, 0, sizeof *k);
	for (size_t i = 0; i < NKEPT; i++) {
		const kept_setting *s = &kept[i];
		if (!sh_param_bound(c, s->param))
			continue;
		char *text = NULL;
		sh_value *v = sh_param(c, s->param);
		if (s->kind == KEPT_UINT || s->kind == KEPT_INT64) {
			int64_t n = sh_param_int(c, s->param, 0);
			if (range_error(c, s, n, st)) {
				kept_values_free(k);
				return false;
			}
			text = xasprintf("%lld", (long long)n);
		} else if (s->kind == KEPT_BOOL) {
			bool b = sh_to_bool(v);
			text = xstrdup((b != s->invert) ? "True" : "False");
		} else if (s->kind == KEPT_LIST) {
			sh_buf b = {0};
			size_t n = sh_kind_of(v) == SH_ARRAY ? sh_array_len(v) : v ? 1 : 0;
			for (size_t j = 0; j < n; j++) {
				sh_value *item = sh_kind_of(v) == SH_ARRAY ? sh_array_get(v, j) : v;
				char *one = sh_to_string(item);
				buf_printf(&b, "%s%s", j ? "\n" : "", one);
				free(one);
			}
			text = xstrdup(buf_str(&b));
			buf_free(&b);
		} else {
			text = xstrdup(sh_param_str(c, s->param) ? sh_param_str(c, s->param) : "");
		}
		k->owned[k->n] = text;
		k->kv[k->n].name = s->property;
		k->kv[k->n++].value = text;
	}
	for (size_t i = 0; i < NKEPT; i++)
		if (sh_param_bound(c, kept[i].param))
			sh_write_warning(
			    c,
			    "The setting -%s is kept and shown by Get-VMNetworkAdapter; it "
			    "has no effect on this host yet.",
			    kept[i].param);
	return true;
}

/* ---- VMNetworkAdapter objects ---- */

static char *nic_to_string(sh_value *self)
{
	char *vmid = sh_to_string(sh_object_note(self, "VMId"));
	char *s = xasprintf("VMNetworkAdapter (Name = '%s', VMName = '%s') [VMId = '%s']",
	                    sh_str(sh_object_note(self, "Name")),
	                    sh_str(sh_object_note(self, "VMName")), vmid);
	free(vmid);
	return s;
}

static const sh_class nic_class = {.name = TYPE_NIC, .to_string = nic_to_string};

static const char *setting_of(const eng_nic *n, const char *key)
{
	for (size_t i = 0; i < n->nsettings; i++)
		if (strcmp(n->settings[i].name, key) == 0)
			return n->settings[i].value;
	return NULL;
}

static sh_value *kept_value(const kept_setting *s, const char *text)
{
	switch (s->kind) {
	case KEPT_UINT:
	case KEPT_INT64:
		return sh_long(strtoll(text, NULL, 10));
	case KEPT_BOOL:
		return sh_bool(strcmp(text, "True") == 0);
	case KEPT_LIST: {
		sh_value *a = sh_array_new(0);
		for (const char *p = text; *p;) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			sh_array_append(a, sh_string_n(p, len));
			p += len + (nl ? 1 : 0);
		}
		return a;
	}
	case KEPT_TEXT:
		break;
	}
	return sh_string(text);
}

static sh_value *nic_object(const eng_vm *vm, const eng_nic *n, const char *host)
{
	sh_value *o = sh_object_new(TYPE_NIC);
	sh_object_add_typename(o, TYPE_NIC_BASE);
	vm_component_typenames(o);
	sh_object_set_native(o, &nic_class, NULL);
	char *vmid = xstrdup(vm->id);
	for (char *p = vmid; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	sh_object_set_note(o, "Name", sh_string(n->name));
	sh_object_set_note(o, "Id", sh_stringf("Microsoft:%s\\%s", vmid, n->id));
	sh_object_set_note(o, "AdapterId", sh_string(n->id));
	sh_object_set_note(o, "IsLegacy", sh_bool(n->legacy));
	sh_object_set_note(o, "IsManagementOs", sh_bool(false));
	sh_object_set_note(o, "IsExternalAdapter", sh_bool(false));
	sh_object_set_note(o, "ComputerName", sh_string(host));
	sh_object_set_note(o, "VMName", sh_string(vm->name));
	sh_object_set_note(o, "VMId", sh_guid_value(vm->id));
	sh_object_set_note(o, "SwitchName", n->switch_name ? sh_string(n->switch_name) : NULL);
	sh_object_set_note(o, "SwitchId", NULL);
	sh_object_set_note(o, "Connected", sh_bool(n->switch_name != NULL));
	sh_object_set_note(o, "MacAddress", sh_string(n->mac));
	sh_object_set_note(o, "DynamicMacAddressEnabled", sh_bool(n->dynamic_mac));
	sh_value *bw = NULL;
	for (size_t i = 0; i < NKEPT; i++) {
		const char *text = setting_of(n, kept[i].property);
		if (kept[i].bandwidth) {
			if (!text)
				continue;
			if (!bw) {
				bw = sh_object_new(TYPE_BANDWIDTH);
				for (size_t k = 0; k < NKEPT; k++)
					if (kept[k].bandwidth)
						sh_object_set_note(bw, kept[k].property,
						                   sh_long(0));
				sh_object_set_note(bw, "ParentAdapter", sh_string(n->name));
			}
			sh_object_set_note(bw, kept[i].property, kept_value(&kept[i], text));
			continue;
		}
		sh_object_set_note(o, kept[i].property,
		                   kept_value(&kept[i], text ? text : kept[i].fallback));
	}
	sh_object_set_note(o, "BandwidthSetting", bw);
	sh_object_set_note(o, "BandwidthPercentage", sh_long(0));
	sh_value *status = NULL, *description = NULL;
	if (n->live) {
		/* Hyper-V reports the operational status of a running VM's adapter */
		status = sh_array_new(1);
		sh_array_append(status, sh_string("Ok"));
		description = sh_array_new(1);
		sh_array_append(description, sh_string("OK"));
	}
	sh_object_set_note(o, "Status", status);
	sh_object_set_note(o, "StatusDescription", description);
	/* addresses come with switches: an adapter connected to nothing has none */
	sh_object_set_note(o, "IPAddresses", sh_array_new(0));
	sh_object_set_note(o, "IsDeleted", sh_bool(false));
	free(vmid);
	return o;
}

static const sh_view_column nic_columns[] = {
    {.header = "Name", .property = "Name", .align = SH_ALIGN_LEFT},
    {.header = "IsManagementOs", .property = "IsManagementOs", .align = SH_ALIGN_LEFT},
    {.header = "VMName", .property = "VMName", .align = SH_ALIGN_LEFT},
    {.header = "SwitchName", .property = "SwitchName", .align = SH_ALIGN_LEFT},
    {.header = "MacAddress", .property = "MacAddress", .align = SH_ALIGN_LEFT},
    {.header = "Status", .property = "Status", .align = SH_ALIGN_LEFT},
    {.header = "IPAddresses", .property = "IPAddresses", .align = SH_ALIGN_LEFT},
};
static const sh_view nic_view = {
    .type_name = TYPE_NIC, .kind = SH_VIEW_TABLE, .columns = nic_columns, .ncolumns = 7};

static sh_status nic_views_begin(sh_cmd *c)
{
	static bool done;
	if (!done) {
		done = true;
		sh_view_register(&nic_view);
	}
	return vm_views_begin(c);
}

/* ---- messages ---- */

static const char *device_name(bool legacy)
{
	return legacy ? "Emulated Ethernet Port" : "Synthetic Ethernet Port";
}

/* A failure of the engine's adapter family, in Hyper-V's manner:
 * "'VM' failed to VERB device 'Synthetic Ethernet Port'." and the detail. */
static sh_status nic_error(sh_cmd *c, int rc, const char *vm, const char *verb, bool legacy,
                           char *detail)
{
	char *what = xasprintf("'%s' failed to %s device '%s'.", vm, verb, device_name(legacy));
	sh_status st = vm_engine_failed(c, rc, vm, what, detail);
	free(what);
	return st;
}

static sh_status management_os_error(sh_cmd *c)
{
	return vm_errorf(c, VIRT_EXC, SH_CAT_NOT_IMPLEMENTED, "ManagementOSNotSupported", NULL,
	                 "The management operating system has no virtual network adapters on "
	                 "this host: they belong to virtual switches, which this host does not "
	                 "provide yet.");
}

/* A switch named now cannot be found: this host has no virtual switches
 * yet. False (and *st) after the error. */
static bool no_switch(sh_cmd *c, sh_status *st)
{
	const char *sw = sh_param_str(c, "SwitchName");
	if (!sw || !*sw)
		return true;
	*st = vm_no_switch(c, sw);
	return false;
}

/* -StaticMacAddress, checked and in Hyper-V's form (mac, *have), and not
 * with -DynamicMacAddress; false after writing the error (*st). */
static bool read_mac(sh_cmd *c, const eng_api *api, char mac[13], bool *have, sh_status *st)
{
	*have = false;
	const char *text = sh_param_str(c, "StaticMacAddress");
	if (!text)
		return true;
	char *why = NULL;
	if (sh_switch(c, "DynamicMacAddress"))
		*st = vm_errorf(c, VIRT_EXC, SH_CAT_INVALID_ARGUMENT, "InvalidParameter", text,
		                "The parameters -StaticMacAddress and -DynamicMacAddress cannot be "
		                "used together.");
	else if (api->nics->parse_mac(text, mac, &why) < 0)
		*st = vm_errorf(c, VIRT_EXC, SH_CAT_INVALID_ARGUMENT, "InvalidParameter", text,
		                "The MAC address '%s' is not valid: %s.", text, why);
	else
		*have = true;
	free(why);
	return *have;
}

/* Whether name can be kept (the description is XML, which has no place for
 * control characters); false after writing the error (*st). */
static bool name_ok(sh_cmd *c, const char *name, sh_status *st)
{
	for (const unsigned char *p = (const unsigned char *)name; p && *p; p++)
		if (*p < 0x20 || *p == 0x7f) {
			*st = vm_errorf(c, VIRT_EXC, SH_CAT_INVALID_ARGUMENT, "InvalidParameter",
			                name,
			                "The network adapter name '%s' is not valid: it contains a "
			                "control character.",
			                name);
			return false;
		}
	return true;
}

/* ---- finding VMs and adapters ---- */

/* The adapters of one VM the command addresses. */
typedef struct nic_target {
	size_t vm;  /* index into the VM list */
	bool whole; /* every adapter (by -Name / -IsLegacy), not only named ones */
	char **ids; /* adapters named by object */
	size_t nids;
	eng_nic *nics; /* the VM's adapters */
	size_t nnics;
	size_t *pick; /* indexes into nics, in order, each once */
	size_t npick;
} nic_target;

typedef struct nic_set {
	eng_vm *vms;
	size_t nvms;
	nic_target *t;
	size_t nt;
} nic_set;

static void nic_set_free(const eng_api *api, nic_set *s)
{
	for (size_t i = 0; i < s->nt; i++) {
		for (size_t k = 0; k < s->t[i].nids; k++)
			free(s->t[i].ids[k]);
		free(s->t[i].ids);
		if (s->t[i].nics)
			api->nics->free(s->t[i].nics, s->t[i].nnics);
		free(s->t[i].pick);
	}
	free(s->t);
	if (s->vms)
		api->vms_free(s->vms, s->nvms);
	memset(s, 0, sizeof *s);
}

static nic_target *target_for(nic_set *s, size_t vm)
{
	for (size_t i = 0; i < s->nt; i++)
		if (s->t[i].vm == vm)
			return &s->t[i];
	s->t = xrealloc(s->t, (s->nt + 1) * sizeof *s->t);
	nic_target *t = &s->t[s->nt++];
	memset(t, 0, sizeof *t);
	t->vm = vm;
	return t;
}

static sh_status vm_not_found(sh_cmd *c, const char *how, const char *what)
{
	return vm_errorf(c, VIRT_EXC, SH_CAT_INVALID_ARGUMENT, "InvalidParameter", what,
	                 "Hyper-V was unable to find a virtual machine with %s \"%s\".", how, what);
}

static bool is_nic_object(sh_value *o)
{
	if (sh_kind_of(o) != SH_OBJECT)
		return false;
	for (size_t i = 0; i < sh_object_typename_count(o); i++)
		if (strcmp(sh_object_typename(o, i), TYPE_NIC_BASE) == 0)
			return true;
	return sh_object_note(o, "AdapterId") && sh_object_note(o, "VMId");
}

static bool is_snapshot_object(sh_value *o)
{
	if (sh_kind_of(o) != SH_OBJECT)
		return false;
	for (size_t i = 0; i < sh_object_typename_count(o); i++)
		if (strstr(sh_object_typename(o, i), "VMSnapshot"))
			return true;
	return false;
}

/* One object of -VM or -VMNetworkAdapter: a VM, or one of its adapters
 * (an adapter given as -VM stands for itself); `param` names where it was
 * bound. */
static sh_status add_object(sh_cmd *c, nic_set *s, sh_value *o, const char *param)
{
	if (is_snapshot_object(o) || strcmp(param, "VMSnapshot") == 0)
		return vm_no_checkpoints(c);
	if (strcmp(param, "VMNetworkAdapter") == 0 && !is_nic_object(o)) {
		char *text = sh_to_string(o);
		sh_status st = vm_errorf(
		    c, BINDING_EXC, SH_CAT_INVALID_ARGUMENT, "CannotConvertArgument", NULL,
		    "Cannot bind parameter 'VMNetworkAdapter'. Cannot convert the "
		    "\"%s\" value of type \"%s\" to type \"%s\".",
		    text, sh_type_name(o), TYPE_NIC_BASE);
		free(text);
		return st;
	}
	char *id = NULL, *name = NULL;
	if (sh_kind_of(o) == SH_OBJECT) {
		sh_value *v = sh_object_note(o, "VMId");
		if (!v && !is_nic_object(o))
			v = sh_object_note(o, "Id");
		if (v)
			id = sh_to_string(v);
		else if ((v = sh_object_note(o, "Name")))
			name = sh_to_string(v);
	} else {
		name = sh_to_string(o);
	}
	sh_status st = SH_OK;
	bool found = false;
	for (size_t i = 0; i < s->nvms && !found; i++) {
		if (id ? strcasecmp(id, s->vms[i].id) != 0
		       : !str_ieq(name ? name : "", s->vms[i].name))
			continue;
		found = true;
		nic_target *t = target_for(s, i);
		if (is_nic_object(o)) {
			t->ids = xrealloc(t->ids, (t->nids + 1) * sizeof *t->ids);
			t->ids[t->nids++] = sh_to_string(sh_object_note(o, "AdapterId"));
		} else {
			t->whole = true;
		}
	}
	if (!found)
		st = id ? vm_not_found(c, "id", id) : vm_not_found(c, "name", name ? name : "");
	free(id);
	free(name);
	return st;
}

static void pick(nic_target *t, size_t i)
{
	for (size_t k = 0; k < t->npick; k++)
		if (t->pick[k] == i)
			return;
	t->pick = xrealloc(t->pick, (t->npick + 1) * sizeof *t->pick);
	t->pick[t->npick++] = i;
}

static bool name_matches(const char *pattern, const char *name)
{
	return sh_has_wildcard(pattern) ? sh_wildcard_match(pattern, name, true)
	                                : str_ieq(pattern, name);
}

/* Fills s with the VMs the command addresses, from -VMName (every VM with
 * -All), -VM and -VMNetworkAdapter, without their adapters yet. */
static sh_status select_vms(sh_cmd *c, const eng_api *api, nic_set *s)
{
	char *err = NULL;
	if (api->list_vms(&s->vms, &s->nvms, &err) < 0)
		return vm_engine_error(c, SH_CAT_RESOURCE_UNAVAILABLE, "ListFailed", NULL,
		                       "Hyper-V was unable to list the virtual machines:", err);
	sh_status st = SH_OK;
	if (sh_switch(c, "All"))
		for (size_t i = 0; i < s->nvms; i++)
			target_for(s, i)->whole = true;
	sh_value *names = sh_param(c, "VMName");
	size_t nnames = sh_kind_of(names) == SH_ARRAY ? sh_array_len(names) : names ? 1 : 0;
	for (size_t k = 0; k < nnames && st == SH_OK; k++) {
		sh_value *item = sh_kind_of(names) == SH_ARRAY ? sh_array_get(names, k) : names;
		const char *pat = sh_str(item);
		bool any = false;
		for (size_t i = 0; i < s->nvms; i++)
			if (name_matches(pat, s->vms[i].name)) {
				target_for(s, i)->whole = true;
				any = true;
			}
		if (!any && !sh_has_wildcard(pat))
			st = vm_not_found(c, "name", pat);
	}
	const char *objs[] = {"VM", "VMNetworkAdapter", "VMSnapshot"};
	for (size_t w = 0; w < 3 && st == SH_OK; w++) {
		sh_value *list = sh_param(c, objs[w]);
		size_t n = sh_kind_of(list) == SH_ARRAY ? sh_array_len(list) : list ? 1 : 0;
		for (size_t k = 0; k < n && st == SH_OK; k++)
			st = add_object(c, s,
			                sh_kind_of(list) == SH_ARRAY ? sh_array_get(list, k) : list,
			                objs[w]);
	}
	return st;
}

/* Fills s with the adapters the command addresses: those of select_vms'
 * VMs, filtered by -Name and -IsLegacy, and those given as objects. With
 * `strict`, a VM with no adapter to act on is an error, as is a name
 * without wildcards that names none of its adapters. */
static sh_status select_nics(sh_cmd *c, const eng_api *api, nic_set *s, bool strict)
{
	sh_status st = select_vms(c, api, s);
	char *err = NULL;
	const char *pattern = sh_param_str(c, "Name");
	bool legacy_filter = sh_param_bound(c, "IsLegacy");
	bool legacy = legacy_filter && sh_to_bool(sh_param(c, "IsLegacy"));
	for (size_t i = 0; i < s->nt && st == SH_OK; i++) {
		nic_target *t = &s->t[i];
		const eng_vm *vm = &s->vms[t->vm];
		if (api->nics->list(vm->id, &t->nics, &t->nnics, &err) < 0) {
			char *what = xasprintf(
			    "Hyper-V was unable to read the network adapters of '%s':", vm->name);
			st = vm_engine_error(c, SH_CAT_RESOURCE_UNAVAILABLE, "ListFailed", NULL,
			                     what, err);
			free(what);
			t->nics = NULL;
			t->nnics = 0;
			continue;
		}
		for (size_t k = 0; k < t->nids && st == SH_OK; k++) {
			bool found = false;
			for (size_t j = 0; j < t->nnics; j++)
				if (strcasecmp(t->nics[j].id, t->ids[k]) == 0) {
					pick(t, j);
					found = true;
				}
			if (!found) {
				st = vm_errorf(
				    c, VIRT_EXC, SH_CAT_OBJECT_NOT_FOUND, "ObjectNotFound",
				    vm->name,
				    "The network adapter %s of virtual machine '%s' no longer "
				    "exists.",
				    t->ids[k], vm->name);
			}
		}
		if (!t->whole)
			continue;
		size_t before = t->npick;
		for (size_t j = 0; j < t->nnics; j++)
			if ((!pattern || name_matches(pattern, t->nics[j].name)) &&
			    (!legacy_filter || t->nics[j].legacy == legacy))
				pick(t, j);
		if (strict && t->npick == before && st == SH_OK) {
			if (pattern && !sh_has_wildcard(pattern))
				st = vm_errorf(
				    c, VIRT_EXC, SH_CAT_INVALID_ARGUMENT, "InvalidParameter",
				    pattern,
				    "Hyper-V was unable to find a network adapter with name "
				    "\"%s\" on virtual machine \"%s\".",
				    pattern, vm->name);
			else if (!pattern)
				st = vm_errorf(c, VIRT_EXC, SH_CAT_OBJECT_NOT_FOUND,
				               "ObjectNotFound", vm->name,
				               "The virtual machine '%s' has no network adapters.",
				               vm->name);
		}
	}
	return st;
}

/* How -WhatIf and -Confirm name an adapter. */
static char *nic_label(const eng_vm *vm, const eng_nic *n)
{
	return xasprintf("VMNetworkAdapter (Name = '%s', VMName = '%s')", n->name, vm->name);
}

/* Emits the adapter as the engine sees it now (after a change). */
static sh_status emit_fresh(sh_cmd *c, const eng_api *api, const eng_vm *vm, const char *id)
{
	eng_nic *nics = NULL;
	size_t n = 0;
	char *err = NULL;
	if (api->nics->list(vm->id, &nics, &n, &err) < 0) {
		free(err);
		return SH_OK;
	}
	char *host = vm_host_name();
	sh_status st = SH_OK;
	for (size_t i = 0; i < n && st == SH_OK; i++)
		if (strcasecmp(nics[i].id, id) == 0)
			st = sh_emit(c, nic_object(vm, &nics[i], host));
	free(host);
	api->nics->free(nics, n);
	return st;
}

/* ---- Get-VMNetworkAdapter ---- */

static sh_status get_nic_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	vm_warn_no_effect(c, vm_remote_params);
	if (sh_switch(c, "ManagementOS")) {
		sh_write_warning(c, "The management operating system has no virtual network "
		                    "adapters on this host: they belong to virtual switches, which "
		                    "this host does not provide yet.");
		return SH_OK;
	}
	sh_status st = SH_OK;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	nic_set s = {0};
	st = select_nics(c, api, &s, false);
	char *host = vm_host_name();
	for (size_t i = 0; i < s.nt && st == SH_OK; i++)
		for (size_t k = 0; k < s.t[i].npick && st == SH_OK; k++)
			st = sh_emit(
			    c, nic_object(&s.vms[s.t[i].vm], &s.t[i].nics[s.t[i].pick[k]], host));
	free(host);
	nic_set_free(api, &s);
	return st;
}

/* ---- Add-VMNetworkAdapter ---- */

static sh_status add_nic_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	vm_warn_no_effect(c, vm_remote_params);
	sh_status st = SH_OK;
	if (!no_switch(c, &st))
		return st;
	if (sh_switch(c, "ManagementOS"))
		return management_os_error(c);
	if (!name_ok(c, sh_param_str(c, "Name"), &st))
		return st;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	char mac[13];
	bool have_mac;
	if (!read_mac(c, api, mac, &have_mac, &st))
		return st;
	kept_values k;
	if (!read_kept(c, &k, &st))
		return st;
	eng_nic_spec spec = {
	    .name = sh_param_str(c, "Name"),
	    .legacy = sh_param_bound(c, "IsLegacy") && sh_to_bool(sh_param(c, "IsLegacy")),
	    .static_mac = have_mac ? mac : NULL,
	    .settings = k.kv,
	    .nsettings = k.n,
	};
	nic_set s = {0};
	char *err = NULL;
	st = select_vms(c, api, &s);
	char *host = vm_host_name();
	for (size_t i = 0; i < s.nt && st == SH_OK; i++) {
		const eng_vm *vm = &s.vms[s.t[i].vm];
		if (!sh_should_process(c, vm->name, "Add-VMNetworkAdapter"))
			continue;
		eng_nic nic;
		int rc = api->nics->add(vm->id, &spec, &nic, &err);
		if (rc < 0) {
			st = nic_error(c, rc, vm->name, "add", spec.legacy, err);
			continue;
		}
		if (sh_switch(c, "Passthru"))
			st = sh_emit(c, nic_object(vm, &nic, host));
		eng_nic *copy = xmalloc(sizeof *copy);
		*copy = nic;
		api->nics->free(copy, 1);
	}
	free(host);
	nic_set_free(api, &s);
	kept_values_free(&k);
	return st;
}

/* ---- Remove-VMNetworkAdapter ---- */

static sh_status remove_nic_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	vm_warn_no_effect(c, vm_remote_params);
	if (sh_switch(c, "ManagementOS"))
		return management_os_error(c);
	sh_status st = SH_OK;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	nic_set s = {0};
	st = select_nics(c, api, &s, true);
	char *host = vm_host_name();
	for (size_t i = 0; i < s.nt && st == SH_OK; i++) {
		const eng_vm *vm = &s.vms[s.t[i].vm];
		for (size_t k = 0; k < s.t[i].npick && st == SH_OK; k++) {
			const eng_nic *n = &s.t[i].nics[s.t[i].pick[k]];
			char *label = nic_label(vm, n);
			bool go = sh_should_process(c, label, "Remove-VMNetworkAdapter");
			free(label);
			if (!go)
				continue;
			char *err = NULL, *warning = NULL;
			int rc = api->nics->remove(vm->id, n->id, &warning, &err);
			if (rc < 0) {
				st = nic_error(c, rc, vm->name, "remove", n->legacy, err);
				continue;
			}
			if (warning)
				sh_write_warning(c, "%s.", warning);
			free(warning);
			if (sh_switch(c, "Passthru"))
				st = sh_emit(c, nic_object(vm, n, host));
		}
	}
	free(host);
	nic_set_free(api, &s);
	return st;
}

/* ---- Set- and Rename-VMNetworkAdapter ---- */

/* Applies ch to every adapter the command addresses; `action` names the
 * cmdlet for -WhatIf/-Confirm. */
static sh_status change_nics(sh_cmd *c, const eng_api *api, const eng_nic_change *ch,
                             const char *action)
{
	nic_set s = {0};
	sh_status st = select_nics(c, api, &s, true);
	for (size_t i = 0; i < s.nt && st == SH_OK; i++) {
		const eng_vm *vm = &s.vms[s.t[i].vm];
		for (size_t k = 0; k < s.t[i].npick && st == SH_OK; k++) {
			const eng_nic *n = &s.t[i].nics[s.t[i].pick[k]];
			char *label = nic_label(vm, n);
			bool go = sh_should_process(c, label, action);
			free(label);
			if (!go)
				continue;
			char *err = NULL;
			int rc = api->nics->set(vm->id, n->id, ch, &err);
			if (rc < 0) {
				st = nic_error(c, rc, vm->name, "modify", n->legacy, err);
				continue;
			}
			if (sh_switch(c, "Passthru"))
				st = emit_fresh(c, api, vm, n->id);
		}
	}
	nic_set_free(api, &s);
	return st;
}

static sh_status rename_nic_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	vm_warn_no_effect(c, vm_remote_params);
	if (sh_switch(c, "ManagementOS"))
		return management_os_error(c);
	const char *name = sh_param_str(c, "NewName");
	if (!name || !*name)
		return vm_errorf(c, VIRT_EXC, SH_CAT_INVALID_ARGUMENT, "InvalidParameter", NULL,
		                 "The new name of a network adapter cannot be empty.");
	sh_status st = SH_OK;
	if (!name_ok(c, name, &st))
		return st;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	eng_nic_change ch = {.new_name = name};
	return change_nics(c, api, &ch, "Rename-VMNetworkAdapter");
}

static sh_status set_nic_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	vm_warn_no_effect(c, vm_remote_params);
	if (sh_switch(c, "ManagementOS"))
		return management_os_error(c);
	sh_status st = SH_OK;
	const eng_api *api = vm_engine(c, &st);
	if (!api)
		return st;
	char mac[13];
	bool have_mac;
	if (!read_mac(c, api, mac, &have_mac, &st))
		return st;
	kept_values k;
	if (!read_kept(c, &k, &st))
		return st;
	eng_nic_change ch = {
	    .static_mac = have_mac ? mac : NULL,
	    .dynamic_mac = sh_switch(c, "DynamicMacAddress"),
	    .settings = k.kv,
	    .nsettings = k.n,
	};
	st = change_nics(c, api, &ch, "Set-VMNetworkAdapter");
	kept_values_free(&k);
	return st;
}

/* ---- the tables ---- */

static const char *const on_off[] = {"On", "Off", NULL};
static const char *const mirroring_modes[] = {"None", "Destination", "Source", NULL};
static const char *const moderation_values[] = {"Default", "Adaptive", "Off", "Low",
                                                "Medium",  "High",     NULL};

#define KEPT_NOTE                                                                                  \
	" Kept and shown by Get-VMNetworkAdapter; it has no effect on this host yet (a warning "   \
	"says so)."

#define VMNAME_PARAM(fl, help_text)                                                                \
	{                                                                                          \
		.name = "VMName", .type = SH_P_STRING, .flags = SH_PF_MANDATORY | (fl),            \
		.position = 0, .sets = "VMName", .completer = vm_complete_name, .help = help_text  \
	}

#define VM_PARAM(fl, tn)                                                                           \
	{                                                                                          \
		.name = "VM", .type = SH_P_OBJECT,                                                 \
		.flags = SH_PF_MANDATORY | SH_PF_PIPELINE | (fl), .position = 0,                   \
		.sets = "VMObject", .type_name = tn,                                               \
		.help = "Specifies the virtual machines, as objects from Get-VM."                  \
	}

#define NIC_PARAM(fl, tn)                                                                          \
	{                                                                                          \
		.name = "VMNetworkAdapter", .type = SH_P_OBJECT,                                   \
		.flags = SH_PF_MANDATORY | SH_PF_PIPELINE | (fl), .position = 0,                   \
		.sets = "ResourceObject", .type_name = tn,                                         \
		.help = "Specifies the network adapters, as objects from Get-VMNetworkAdapter."    \
	}

#define MANAGEMENT_OS_PARAM(fl)                                                                    \
	{                                                                                          \
		.name = "ManagementOS", .type = SH_P_SWITCH, .flags = (fl), .position = -1,        \
		.sets = "ManagementOS",                                                            \
		.help =                                                                            \
		    "Addresses the management operating system's virtual network adapters. They "  \
		    "belong to virtual switches, which this host does not provide yet: the "       \
		    "cmdlet "                                                                      \
		    "says so."                                                                     \
	}

#define PASSTHRU_PARAM                                                                             \
	{                                                                                          \
		.name = "Passthru", .type = SH_P_SWITCH, .position = -1,                           \
		.help = "Returns an object for each network adapter acted on."                     \
	}

#define STATIC_MAC_PARAM(in_sets)                                                                  \
	{                                                                                          \
		.name = "StaticMacAddress", .type = SH_P_STRING, .position = -1, .sets = in_sets,  \
		.help = "Gives the adapter this MAC address: 12 hexadecimal digits, alone or in "  \
		        "pairs "                                                                   \
		        "separated by '-' or ':'. A unicast address that no other adapter of the " \
		        "virtual machine has; the virtual machine must be off to change it."       \
	}

#define DYNAMIC_MAC_PARAM(in_sets, help_text)                                                      \
	{                                                                                          \
		.name = "DynamicMacAddress", .type = SH_P_SWITCH, .position = -1, .sets = in_sets, \
		.help = help_text                                                                  \
	}

#define KEPT_ONOFF(nm, what)                                                                       \
	{                                                                                          \
		.name = nm, .type = SH_P_ENUM, .position = -1, .enum_values = on_off,              \
		.type_name = "OnOffState", .help = what KEPT_NOTE                                  \
	}

#define KEPT_NUMBER(nm, tn, what)                                                                  \
	{                                                                                          \
		.name = nm, .type = SH_P_LONG, .position = -1, .type_name = tn,                    \
		.help = what KEPT_NOTE                                                             \
	}

#define KEPT_BOOLEAN(nm, what)                                                                     \
	{                                                                                          \
		.name = nm, .type = SH_P_BOOL, .position = -1, .help = what KEPT_NOTE              \
	}

#define KEPT_STRING(nm, what)                                                                      \
	{                                                                                          \
		.name = nm, .type = SH_P_STRING, .position = -1, .help = what KEPT_NOTE            \
	}

static const sh_param_def get_nic_params[] = {
    VMNAME_PARAM(SH_PF_ARRAY | SH_PF_PIPELINE | SH_PF_WILDCARDS,
                 "Specifies the virtual machines whose network adapters to get; wildcards are "
                 "permitted."),
    VM_PARAM(SH_PF_ARRAY, "VirtualMachine[]"),
    {.name = "VMSnapshot",
     .type = SH_P_OBJECT,
     .flags = SH_PF_MANDATORY | SH_PF_PIPELINE,
     .position = 0,
     .sets = "VMSnapshot",
     .aliases = "VMCheckpoint",
     .type_name = "VMSnapshot",
     .help = "Specifies a checkpoint whose network adapters to get. This host has no "
             "checkpoints yet: the cmdlet says so."},
    {.name = "All",
     .type = SH_P_SWITCH,
     .flags = SH_PF_MANDATORY,
     .position = -1,
     .sets = "All",
     .help = "Gets every network adapter on the host: those of every virtual machine (the "
             "management operating system has none without virtual switches)."},
    MANAGEMENT_OS_PARAM(SH_PF_MANDATORY),
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_WILDCARDS,
     .position = 1,
     .aliases = "VMNetworkAdapterName",
     .help = "Gets only the adapters with this name; wildcards are permitted."},
    {.name = "IsLegacy",
     .type = SH_P_BOOL,
     .position = -1,
     .sets = "VMName,VMObject",
     .help = "Gets only legacy adapters ($true) or only synthetic ones ($false)."},
    {.name = "SwitchName",
     .type = SH_P_STRING,
     .position = -1,
     .sets = "ManagementOS",
     .help = "Gets only the management operating system's adapters connected to this "
             "switch."},
    REMOTE_PARAMS("VMName,ManagementOS,All"),
    {0},
};

static const sh_param_def add_nic_params[] = {
    VMNAME_PARAM(SH_PF_ARRAY | SH_PF_PIPELINE,
                 "Specifies the virtual machines to add the network adapter to."),
    VM_PARAM(SH_PF_ARRAY, "VirtualMachine[]"),
    MANAGEMENT_OS_PARAM(0),
    {.name = "Name",
     .type = SH_P_STRING,
     .position = -1,
     .aliases = "VMNetworkAdapterName",
     .help = "Specifies the adapter's name, free text that several adapters may share. The "
             "default is \"Network Adapter\", or \"Legacy Network Adapter\" for a legacy "
             "one."},
    {.name = "IsLegacy",
     .type = SH_P_BOOL,
     .position = -1,
     .sets = "VMName,VMObject",
     .help = "With $true, adds a legacy (emulated) adapter, QEMU's tulip, which a guest "
             "without virtio drivers or a network boot can use: Generation 1 only, and only "
             "while the virtual machine is off. Otherwise a synthetic (virtio-net) adapter, "
             "which can be added to a running virtual machine."},
    {.name = "SwitchName",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Specifies the virtual switch to connect the adapter to. This host has no "
             "virtual switches yet: a switch named is not found and nothing is added. "
             "Without it the adapter is connected to nothing and carries no traffic."},
    STATIC_MAC_PARAM(NULL),
    DYNAMIC_MAC_PARAM(NULL, "Gives the adapter a generated MAC address (the default)."),
    {.name = "DeviceNaming",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = on_off,
     .type_name = "OnOffState",
     .help = "Specifies whether the adapter's name is shown to the guest." KEPT_NOTE},
    {.name = "ResourcePoolName",
     .type = SH_P_STRING,
     .position = -1,
     .sets = "VMName,VMObject",
     .help = "Specifies the Ethernet resource pool (PoolName)." KEPT_NOTE},
    PASSTHRU_PARAM,
    REMOTE_PARAMS("VMName,ManagementOS"),
    {0},
};

static const sh_param_def remove_nic_params[] = {
    VMNAME_PARAM(SH_PF_ARRAY | SH_PF_PIPELINE,
                 "Specifies the virtual machines whose network adapters to remove."),
    VM_PARAM(SH_PF_ARRAY, "VirtualMachine[]"),
    NIC_PARAM(SH_PF_ARRAY, "VMNetworkAdapterBase[]"),
    MANAGEMENT_OS_PARAM(SH_PF_MANDATORY),
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_WILDCARDS,
     .position = -1,
     .sets = "VMName,ManagementOS,VMObject",
     .aliases = "VMNetworkAdapterName",
     .help = "Removes the adapters with this name (wildcards are permitted); without it, "
             "every adapter of the virtual machines."},
    {.name = "SwitchName",
     .type = SH_P_STRING,
     .position = -1,
     .sets = "ManagementOS",
     .help = "Specifies the switch of the management operating system's adapter to remove."},
    PASSTHRU_PARAM,
    REMOTE_PARAMS("VMName,ManagementOS"),
    {0},
};

static const sh_param_def rename_nic_params[] = {
    VMNAME_PARAM(SH_PF_ARRAY, "Specifies the virtual machines whose network adapters to "
                              "rename."),
    VM_PARAM(SH_PF_ARRAY, "VirtualMachine[]"),
    NIC_PARAM(SH_PF_ARRAY, "VMNetworkAdapterBase[]"),
    MANAGEMENT_OS_PARAM(SH_PF_MANDATORY),
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_WILDCARDS,
     .position = 1,
     .sets = "VMName,ManagementOS,VMObject",
     .aliases = "VMNetworkAdapterName",
     .help = "Renames the adapters with this name (wildcards are permitted); without it, "
             "every adapter of the virtual machines."},
    {.name = "NewName",
     .type = SH_P_STRING,
     .flags = SH_PF_MANDATORY,
     .position = 2,
     .help = "Specifies the new name. Several adapters may have the same name."},
    PASSTHRU_PARAM,
    REMOTE_PARAMS("VMName,ManagementOS"),
    {0},
};

static const sh_param_def set_nic_params[] = {
    VMNAME_PARAM(SH_PF_PIPELINE, "Specifies the virtual machine whose network adapters to "
                                 "configure."),
    VM_PARAM(0, "VirtualMachine"),
    NIC_PARAM(0, "VMNetworkAdapterBase"),
    MANAGEMENT_OS_PARAM(SH_PF_MANDATORY),
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_WILDCARDS,
     .position = -1,
     .sets = "VMName,ManagementOS,VMObject",
     .aliases = "VMNetworkAdapterName",
     .help = "Configures the adapters with this name (wildcards are permitted); without it, "
             "every adapter of the virtual machine."},
    STATIC_MAC_PARAM("VMName,ResourceObject,VMObject"),
    DYNAMIC_MAC_PARAM("VMName,ResourceObject,VMObject",
                      "Gives the adapter a generated MAC address again: a new one when it "
                      "had a static address (the virtual machine must be off then)."),
    PASSTHRU_PARAM,
    KEPT_ONOFF("AllowTeaming", "Specifies whether the guest may team the adapter."),
    KEPT_ONOFF("DeviceNaming", "Specifies whether the adapter's name is shown to the guest."),
    KEPT_ONOFF("DhcpGuard", "Specifies whether DHCP server messages from the guest are "
                            "dropped."),
    KEPT_NUMBER("DynamicIPAddressLimit", "UInt32",
                "Specifies how many IP addresses the guest may use at once."),
    KEPT_ONOFF("FixSpeed10G", "Specifies whether the adapter reports 10 Gbps."),
    KEPT_NUMBER("IPsecOffloadMaximumSecurityAssociation", "UInt32",
                "Specifies how many IPsec security associations may be offloaded."),
    KEPT_ONOFF("IeeePriorityTag", "Specifies whether 802.1p priority tags of the guest are "
                                  "kept."),
    {.name = "IovInterruptModeration",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = moderation_values,
     .type_name = "IovInterruptModerationValue",
     .help = "Specifies the interrupt moderation of SR-IOV virtual functions." KEPT_NOTE},
    KEPT_NUMBER("IovQueuePairsRequested", "UInt32",
                "Specifies how many SR-IOV queue pairs the adapter asks for."),
    KEPT_NUMBER("IovWeight", "UInt32", "Specifies the SR-IOV weight, 0 to 100."),
    KEPT_ONOFF("MacAddressSpoofing", "Specifies whether the guest may send frames from other "
                                     "MAC addresses."),
    {.name = "MandatoryFeatureId",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY,
     .position = -1,
     .help = "Specifies switch features the adapter requires." KEPT_NOTE},
    KEPT_NUMBER("MaximumBandwidth", "Int64",
                "Specifies the most bandwidth, in bits per second, the adapter may use (0: no "
                "limit); shown in BandwidthSetting."),
    KEPT_NUMBER("MinimumBandwidthAbsolute", "Int64",
                "Specifies the bandwidth, in bits per second, reserved for the adapter; shown "
                "in BandwidthSetting."),
    KEPT_NUMBER("MinimumBandwidthWeight", "UInt32",
                "Specifies the adapter's share of the switch's bandwidth, 0 to 100; shown in "
                "BandwidthSetting."),
    KEPT_BOOLEAN("NotMonitoredInCluster", "Specifies whether a cluster ignores the adapter "
                                          "(ClusterMonitored is the opposite)."),
    KEPT_NUMBER("PacketDirectModerationCount", "UInt32",
                "Specifies the PacketDirect moderation count."),
    KEPT_NUMBER("PacketDirectModerationInterval", "UInt32",
                "Specifies the PacketDirect moderation interval."),
    KEPT_NUMBER("PacketDirectNumProcs", "UInt32",
                "Specifies how many processors PacketDirect uses."),
    {.name = "PortMirroring",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = mirroring_modes,
     .type_name = "VMNetworkAdapterPortMirroringMode",
     .help = "Specifies the port mirroring mode: None, Destination or Source "
             "(PortMirroringMode)." KEPT_NOTE},
    KEPT_STRING("ResourcePoolName", "Specifies the Ethernet resource pool (PoolName)."),
    KEPT_ONOFF("RouterGuard", "Specifies whether router advertisements and redirects from "
                              "the guest are dropped."),
    KEPT_NUMBER("StormLimit", "UInt32",
                "Specifies how many broadcast, multicast and unknown unicast packets per "
                "second the adapter may send."),
    KEPT_STRING("TestReplicaPoolName", "Specifies the resource pool of a test replica."),
    KEPT_STRING("TestReplicaSwitchName", "Specifies the switch of a test replica."),
    KEPT_NUMBER("VirtualSubnetId", "UInt32",
                "Specifies the virtual subnet: 0 (none) or 4096 to 16777215."),
    KEPT_BOOLEAN("VmmqEnabled", "Specifies whether virtual machine multi-queue is used."),
    KEPT_NUMBER("VmmqQueuePairs", "UInt32", "Specifies how many queue pairs VMMQ uses."),
    KEPT_NUMBER("VmqWeight", "UInt32", "Specifies the VMQ weight, 0 to 100 (VMQWeight)."),
    KEPT_BOOLEAN("VrssEnabled", "Specifies whether virtual receive side scaling is used."),
    REMOTE_PARAMS("VMName,ManagementOS"),
    {0},
};

static const sh_example get_nic_examples[] = {
    {"Get-VMNetworkAdapter -VMName *", "Gets the network adapters of every virtual machine."},
    {"Get-VM web1 | Get-VMNetworkAdapter | Format-List Name, IsLegacy, MacAddress, "
     "DynamicMacAddressEnabled",
     "Shows the kind and MAC address of each adapter of web1."},
    {0},
};
static const sh_example add_nic_examples[] = {
    {"Add-VMNetworkAdapter -VMName web1 -Name Backend",
     "Adds a synthetic adapter named Backend to web1, also while it runs."},
    {"Get-VM old | Add-VMNetworkAdapter -IsLegacy $true -Name PXE -Passthru",
     "Adds a legacy adapter to the Generation 1 virtual machine old, which is off."},
    {"Add-VMNetworkAdapter db -StaticMacAddress 00-15-5D-00-01-02",
     "Adds an adapter with a chosen MAC address."},
    {0},
};
static const sh_example remove_nic_examples[] = {
    {"Remove-VMNetworkAdapter -VMName web1 -Name Backend",
     "Removes web1's adapters named Backend."},
    {"Get-VMNetworkAdapter old -IsLegacy $true | Remove-VMNetworkAdapter",
     "Removes the legacy adapters of old."},
    {0},
};
static const sh_example rename_nic_examples[] = {
    {"Rename-VMNetworkAdapter -VMName web1 -Name 'Network Adapter' -NewName Frontend",
     "Renames web1's adapter \"Network Adapter\" to Frontend."},
    {0},
};
static const sh_example set_nic_examples[] = {
    {"Set-VMNetworkAdapter -VMName db -Name Backend -StaticMacAddress 00155D000102",
     "Gives db's adapter Backend a static MAC address (db is off)."},
    {"Get-VMNetworkAdapter db | Set-VMNetworkAdapter -DynamicMacAddress -Passthru",
     "Returns db's adapters to generated MAC addresses and shows them."},
    {0},
};

const sh_cmdlet cmd_vmnic_cmdlets[] = {
    {.name = "Get-VMNetworkAdapter",
     .synopsis = "Gets the virtual network adapters of a virtual machine, snapshot, management "
                 "operating system, or of a virtual machine and management operating system.",
     .description = "Gets virtual machines' network adapters: their names, kind (synthetic or "
                    "legacy), MAC addresses and, for a running virtual machine, their status. "
                    "The management operating system has no adapters on this host yet: they "
                    "come with virtual switches.",
     .default_set = "VMName",
     .params = get_nic_params,
     .examples = get_nic_examples,
     .output_type = TYPE_NIC,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.GetVMNetworkAdapter",
     .begin = nic_views_begin,
     .process = get_nic_process},
    {.name = "Add-VMNetworkAdapter",
     .synopsis = "Adds a virtual network adapter to a virtual machine.",
     .description = "Adds a network adapter, connected to no switch: a synthetic one "
                    "(virtio-net), which can be added while the virtual machine runs, or with "
                    "-IsLegacy $true a legacy one (QEMU's tulip), for Generation 1 virtual "
                    "machines that are off. Its MAC address is generated unless "
                    "-StaticMacAddress gives one.",
     .default_set = "VMName",
     .params = add_nic_params,
     .examples = add_nic_examples,
     .output_type = TYPE_NIC,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.AddVMNetworkAdapter",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .begin = nic_views_begin,
     .process = add_nic_process},
    {.name = "Remove-VMNetworkAdapter",
     .synopsis = "Removes one or more virtual network adapters from a virtual machine.",
     .description = "Removes network adapters. A synthetic adapter of a running virtual "
                    "machine is unplugged live; its guest has to let it go (a warning says "
                    "when it has not yet). A legacy adapter can be removed only while the "
                    "virtual machine is off.",
     .default_set = "VMName",
     .params = remove_nic_params,
     .examples = remove_nic_examples,
     .output_type = TYPE_NIC,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.RemoveVMNetworkAdapter",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .begin = nic_views_begin,
     .process = remove_nic_process},
    {.name = "Rename-VMNetworkAdapter",
     .synopsis = "Renames a virtual network adapter on a virtual machine or on the management "
                 "operating system.",
     .description = "Renames network adapters, also while their virtual machine runs. Names "
                    "are free text; several adapters may share one.",
     .default_set = "VMName",
     .params = rename_nic_params,
     .examples = rename_nic_examples,
     .output_type = TYPE_NIC,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.RenameVMNetworkAdapter",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .begin = nic_views_begin,
     .process = rename_nic_process},
    {.name = "Set-VMNetworkAdapter",
     .synopsis = "Configures features of the virtual network adapter in a virtual machine or "
                 "the management operating system.",
     .description = "Changes network adapters' MAC addresses (static or generated; the virtual "
                    "machine must be off). The settings that need a virtual switch (guards, "
                    "bandwidth, mirroring, queues and offloads) are kept and shown by "
                    "Get-VMNetworkAdapter, with a warning: they have no effect on this host "
                    "yet.",
     .default_set = "VMName",
     .params = set_nic_params,
     .examples = set_nic_examples,
     .output_type = TYPE_NIC,
     .class_name = "Microsoft.HyperV.PowerShell.Commands.SetVMNetworkAdapter",
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .begin = nic_views_begin,
     .process = set_nic_process},
    {0},
};
