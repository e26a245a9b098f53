/*
 * settings.c - a VM's settings (Set-VM, Rename-VM) and its hard reset
 * (Restart-VM): eng_api's set_vm and restart_vm.
 *
 * Settings are applied by editing the persistent description and defining
 * it again (eng_domxml_apply): one libvirt call changes everything or
 * nothing. What a running VM cannot change on Hyper-V (processors, memory)
 * is refused before anything is written; what it can (Notes, automatic
 * actions ...) goes to the persistent description, which Get-VM reads.
 * The name is libvirt's own key, changed by virDomainRename, which only
 * works on a VM that is off; it runs last, after the other settings are
 * in, so a refused rename leaves them applied as Hyper-V would.
 *
 * eng_edit_domain is the one read-change-define step the device families
 * (drives.c, nics.c, hardware.c) build on.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libvirt/virterror.h>

#include "internal.h"

int eng_edit_domain(const char *id, eng_edit_fn edit, void *ctx, char **err)
{
	virDomainPtr dom = eng_lookup(id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	const char *dom_name = virDomainGetName(dom);
	int rc = -1;
	char *xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
	xmlDocPtr doc = xml ? eng_xml_read(xml, err) : NULL;
	if (!xml)
		eng_fail_virt(err, "cannot read the description of '%s'", dom_name);
	if (doc) {
		rc = edit(doc, dom, eng_is_active(eng_domain_state(dom)), ctx, err);
		if (rc == 0) {
			char *changed = eng_xml_dump(doc);
			virDomainPtr again = virDomainDefineXML(eng_g.conn, changed);
			free(changed);
			if (again)
				virDomainFree(again);
			else
				rc = eng_fail_virt(err, "'%s' failed to modify its settings",
				                   dom_name);
		} else if (rc == 1) {
			rc = 0;
		}
		xmlFreeDoc(doc);
	}
	free(xml);
	virDomainFree(dom);
	return rc;
}

int eng_restart_vm(const char *id, char **err)
{
	virDomainPtr dom = eng_lookup(id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	const char *dom_name = virDomainGetName(dom);
	int rc = 0;
	int st = eng_domain_state(dom);
	if (st != VIR_DOMAIN_RUNNING && st != VIR_DOMAIN_BLOCKED && st != VIR_DOMAIN_PAUSED)
		rc = eng_fail(err,
		              "The operation cannot be performed while the virtual machine '%s' is "
		              "in its current state",
		              dom_name);
	else if (virDomainReset(dom, 0) < 0)
		rc = eng_fail_libvirt(err);
	else if (st == VIR_DOMAIN_PAUSED && virDomainResume(dom) < 0)
		/* Hyper-V's reset leaves the VM running */
		rc = eng_fail_virt(err, "cannot resume '%s'", dom_name);
	virDomainFree(dom);
	return rc;
}

static bool changes_description(const eng_vm_settings *s)
{
	return s->processor_count > 0 || s->memory_startup > 0 || s->dynamic_memory >= 0 ||
	       s->memory_minimum > 0 || s->memory_maximum > 0 || s->notes ||
	       s->automatic_start_action || s->automatic_stop_action ||
	       s->automatic_start_delay >= 0 || s->checkpoint_type || s->snapshot_file_location;
}

#define MB(b) ((long long)((b) >> 20))

const char *eng_busy_state(virDomainPtr dom)
{
	int st = eng_domain_state(dom);
	if (st == VIR_DOMAIN_PAUSED || st == VIR_DOMAIN_PMSUSPENDED)
		return "paused";
	if (eng_is_active(st))
		return "running";
	int ms = virDomainHasManagedSaveImage(dom, 0);
	if (ms < 0)
		virResetLastError();
	return ms == 1 ? "saved" : NULL;
}

/* Hyper-V's memory rules, for Set-VM and Set-VMMemory: min <= startup <=
 * max with dynamic memory; while the VM is not off (busy), only a lower
 * minimum and a higher maximum of dynamic memory. */
int eng_check_processor_count(const char *name, const char *busy, int count, char **err)
{
	const char *head = "failed to modify device 'Processor'.";
	virNodeInfo host;
	if (virNodeGetInfo(eng_g.conn, &host) < 0)
		virResetLastError(); /* libvirt checks again when the VM starts */
	else if (count > 0 && (unsigned)count > host.cpus) {
		eng_fail(err,
		         "'%s' %s The virtual machine cannot have %d virtual processors: the host "
		         "has %u logical processors",
		         name, head, count, host.cpus);
		return ENG_EINVAL;
	}
	if (busy)
		return eng_fail(err,
		                "'%s' %s The number of virtual processors cannot be changed while "
		                "the virtual machine is %s",
		                name, head, busy);
	return 0;
}

int eng_check_memory(const char *name, const char *busy, const eng_vm *cur,
                     const eng_vm_settings *s, char **err)
{
	int64_t startup = s->memory_startup > 0 ? s->memory_startup : cur->memory_startup;
	int64_t min = s->memory_minimum > 0 ? s->memory_minimum : cur->memory_minimum;
	int64_t max = s->memory_maximum > 0 ? s->memory_maximum : cur->memory_maximum;
	bool dynamic = s->dynamic_memory >= 0 ? s->dynamic_memory : cur->dynamic_memory;
	const char *head = "failed to modify device 'Memory'.";
	if (busy) {
		if (s->memory_startup > 0 && s->memory_startup != cur->memory_startup)
			return eng_fail(err,
			                "'%s' %s The startup memory cannot be changed while the "
			                "virtual machine is %s",
			                name, head, busy);
		if (s->dynamic_memory >= 0 && s->dynamic_memory != cur->dynamic_memory)
			return eng_fail(
			    err,
			    "'%s' %s Dynamic memory cannot be turned %s while the virtual "
			    "machine is %s",
			    name, head, s->dynamic_memory ? "on" : "off", busy);
		bool min_moves = s->memory_minimum > 0 && s->memory_minimum != cur->memory_minimum;
		bool max_moves = s->memory_maximum > 0 && s->memory_maximum != cur->memory_maximum;
		if ((min_moves || max_moves) && !cur->dynamic_memory)
			return eng_fail(
			    err,
			    "'%s' %s The minimum and maximum memory of a virtual machine "
			    "with static memory cannot be changed while it is %s",
			    name, head, busy);
		if (min_moves && s->memory_minimum > cur->memory_minimum)
			return eng_fail(err,
			                "'%s' %s The minimum memory can only be lowered while the "
			                "virtual machine is %s (it is %lld MB)",
			                name, head, busy, MB(cur->memory_minimum));
		if (max_moves && s->memory_maximum < cur->memory_maximum)
			return eng_fail(err,
			                "'%s' %s The maximum memory can only be raised while the "
			                "virtual machine is %s (it is %lld MB)",
			                name, head, busy, MB(cur->memory_maximum));
	}
	if (min > max) {
		eng_fail(
		    err,
		    "'%s' %s The minimum memory (%lld MB) cannot be more than the maximum memory "
		    "(%lld MB)",
		    name, head, MB(min), MB(max));
		return ENG_EINVAL;
	}
	if (dynamic && min > startup) {
		eng_fail(
		    err,
		    "'%s' %s The minimum memory (%lld MB) cannot be more than the startup memory "
		    "(%lld MB)",
		    name, head, MB(min), MB(startup));
		return ENG_EINVAL;
	}
	if (dynamic && startup > max) {
		eng_fail(
		    err,
		    "'%s' %s The startup memory (%lld MB) cannot be more than the maximum memory "
		    "(%lld MB)",
		    name, head, MB(startup), MB(max));
		return ENG_EINVAL;
	}
	return 0;
}

/* eng_check_memory against the VM as it is now. */
static int check_memory_of(const char *id, const char *name, const char *busy,
                           const eng_vm_settings *s, char **err)
{
	eng_vm *cur = calloc(1, sizeof *cur);
	if (!cur)
		abort();
	int rc = eng_get_vm(id, cur, err);
	if (rc == 0)
		rc = eng_check_memory(name, busy, cur, s, err);
	eng_vms_free(cur, 1);
	return rc;
}

int eng_set_vm(const char *id, const eng_vm_settings *s, char **err)
{
	virDomainPtr dom = eng_lookup(id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	const char *name = virDomainGetName(dom);
	bool active = eng_is_active(eng_domain_state(dom));
	/* a saved VM resumes with the processors and memory it was saved with */
	const char *frozen = eng_busy_state(dom);
	int rc = s->processor_count > 0
	             ? eng_check_processor_count(name, frozen, s->processor_count, err)
	             : 0;
	if (rc == 0 && frozen &&
	    (s->memory_startup > 0 || s->dynamic_memory >= 0 || s->memory_minimum > 0 ||
	     s->memory_maximum > 0))
		rc = check_memory_of(id, name, frozen, s, err);
	if (rc == 0 && s->new_name && strcmp(s->new_name, name) != 0) {
		virDomainPtr other = virDomainLookupByName(eng_g.conn, s->new_name);
		if (other) {
			char uuid[VIR_UUID_STRING_BUFLEN] = "";
			if (virDomainGetUUIDString(other, uuid) < 0)
				virResetLastError();
			virDomainFree(other);
			if (strcasecmp(uuid, id) != 0) {
				eng_fail(err, "A virtual machine named '%s' already exists",
				         s->new_name);
				rc = ENG_EEXIST;
			}
		} else {
			virResetLastError();
		}
		if (rc == 0 && active)
			rc = eng_fail(err,
			              "'%s' cannot be renamed while it is running: this host's "
			              "engine renames a virtual machine that is off",
			              name);
	}
	if (rc == 0 && changes_description(s)) {
		char *xml =
		    virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
		char *changed = xml ? eng_domxml_apply(xml, s, err) : NULL;
		if (!xml)
			rc = eng_fail_virt(err, "cannot read the description of '%s'", name);
		else if (!changed)
			rc = -1;
		else {
			virDomainPtr again = virDomainDefineXML(eng_g.conn, changed);
			if (!again)
				rc = eng_fail_virt(err, "'%s' failed to modify its settings", name);
			else
				virDomainFree(again);
		}
		free(xml);
		free(changed);
	}
	/* a daemon starts a VM whose action is Start by itself; an embedded
	   engine has no life of its own: hvsh --host-start does it */
	if (rc == 0 && s->automatic_start_action && !eng_g.root &&
	    virDomainSetAutostart(dom, strcmp(s->automatic_start_action, "Start") == 0) < 0)
		rc = eng_fail_virt(err, "'%s' failed to set its automatic start", name);
	if (rc == 0 && s->new_name && strcmp(s->new_name, name) != 0 &&
	    virDomainRename(dom, s->new_name, 0) < 0)
		rc = eng_fail_virt(err, "'%s' could not be renamed", name);
	virDomainFree(dom);
	return rc;
}
