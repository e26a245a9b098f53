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

/* What a running or saved VM's memory may take, as on Hyper-V: with
 * dynamic memory on, a lower minimum and a higher maximum; nothing else. */
static bool memory_change_allowed(virDomainPtr dom, const eng_vm_settings *s)
{
	if (s->memory_startup > 0 || s->dynamic_memory >= 0)
		return false;
	if (s->memory_minimum <= 0 && s->memory_maximum <= 0)
		return true;
	char *xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
	eng_domain_desc d = {0};
	char *e = NULL;
	bool ok = xml && eng_domxml_parse(xml, &d, &e) == 0 && d.dynamic_memory;
	/* bounds never set are Hyper-V's defaults, as Get-VM shows them */
	int64_t min = d.memory_minimum > 0 ? d.memory_minimum : ENG_DEFAULT_MEMORY_MINIMUM;
	int64_t max = d.memory_maximum > 0 ? d.memory_maximum : ENG_DEFAULT_MEMORY_MAXIMUM;
	ok = ok && (s->memory_minimum <= 0 || s->memory_minimum <= min) &&
	     (s->memory_maximum <= 0 || s->memory_maximum >= max);
	if (!xml)
		virResetLastError();
	free(e);
	free(xml);
	eng_domain_desc_free(&d);
	return ok;
}

int eng_set_vm(const char *id, const eng_vm_settings *s, char **err)
{
	virDomainPtr dom = eng_lookup(id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	const char *name = virDomainGetName(dom);
	bool active = eng_is_active(eng_domain_state(dom));
	/* a saved VM resumes with the processors and memory it was saved with */
	int saved = active ? 0 : virDomainHasManagedSaveImage(dom, 0);
	if (saved < 0)
		virResetLastError();
	const char *frozen = active ? "running" : saved == 1 ? "saved" : NULL;
	virNodeInfo host;
	if (s->processor_count > 0 && virNodeGetInfo(eng_g.conn, &host) < 0) {
		virResetLastError();
		host.cpus = 0;
	}
	int rc = 0;
	if (s->processor_count > 0 && host.cpus > 0 && (unsigned)s->processor_count > host.cpus)
		rc =
		    eng_fail(err,
		             "'%s' failed to modify device 'Processor'. The virtual machine cannot "
		             "have %d virtual processors: the host has %u logical processors",
		             name, s->processor_count, host.cpus);
	else if (frozen && s->processor_count > 0)
		rc = eng_fail(err,
		              "'%s' failed to modify device 'Processor'. The number of virtual "
		              "processors cannot be changed while the virtual machine is %s",
		              name, frozen);
	else if (frozen && !memory_change_allowed(dom, s))
		rc = eng_fail(err,
		              "'%s' failed to modify device 'Memory'. The memory settings cannot "
		              "be changed while the virtual machine is %s",
		              name, frozen);
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
