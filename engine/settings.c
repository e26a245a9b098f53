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
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libvirt/virterror.h>

#include "internal.h"

static bool is_active(int st)
{
	return st != VIR_DOMAIN_SHUTOFF && st != VIR_DOMAIN_CRASHED && st != VIR_DOMAIN_NOSTATE;
}

int eng_restart_vm(const char *id, char **err)
{
	virDomainPtr dom = eng_lookup(id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	int rc = 0;
	int st = eng_domain_state(dom);
	if (st != VIR_DOMAIN_RUNNING && st != VIR_DOMAIN_BLOCKED && st != VIR_DOMAIN_PAUSED)
		rc = eng_fail(err,
		              "The operation cannot be performed while the virtual machine '%s' is "
		              "in its current state",
		              virDomainGetName(dom));
	else if (virDomainReset(dom, 0) < 0)
		rc = eng_fail_virt(err, "'%s' failed to restart", virDomainGetName(dom));
	else if (st == VIR_DOMAIN_PAUSED && virDomainResume(dom) < 0)
		/* Hyper-V's reset leaves the VM running */
		rc = eng_fail_virt(err, "cannot resume '%s'", virDomainGetName(dom));
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

int eng_set_vm(const char *id, const eng_vm_settings *s, char **err)
{
	virDomainPtr dom = eng_lookup(id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	const char *name = virDomainGetName(dom);
	bool active = is_active(eng_domain_state(dom));
	int rc = 0;
	if (active && s->processor_count > 0)
		rc = eng_fail(err,
		              "'%s' failed to modify device 'Processor'. The number of virtual "
		              "processors cannot be changed while the virtual machine is running",
		              name);
	else if (active && (s->memory_startup > 0 || s->dynamic_memory >= 0 ||
	                    s->memory_minimum > 0 || s->memory_maximum > 0))
		rc = eng_fail(err,
		              "'%s' failed to modify device 'Memory'. The memory settings cannot "
		              "be changed while the virtual machine is running",
		              name);
	else if (s->new_name && strcmp(s->new_name, name) != 0) {
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
	if (rc == 0 && s->new_name && strcmp(s->new_name, name) != 0 &&
	    virDomainRename(dom, s->new_name, 0) < 0)
		rc = eng_fail_virt(err, "'%s' could not be renamed", name);
	virDomainFree(dom);
	return rc;
}
