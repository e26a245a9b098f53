/*
 * domxml.c - libvirt domain XML for a Hyper-V virtual machine, built and
 * read with libxml2 (never pasted together: a name with quotes, '<' or
 * '&' in it must stay a name).
 *
 * Generation 1 is machine `pc` with SeaBIOS and IDE (an empty DVD drive
 * on IDE 1:0, an empty floppy drive, Hyper-V's startup order); Generation 2 is
 * `q35` with UEFI, chosen through libvirt's firmware auto-selection (the
 * OVMF descriptors Debian's ovmf package installs), its disks on a
 * virtio-scsi controller. COM1 goes to a file in the VM's directory, so
 * the guest's console can be read without a terminal. hvsh's own settings
 * (Generation, configuration version, Notes, the VM's directory, and the
 * Hyper-V settings libvirt has no element for: dynamic memory's bounds,
 * automatic start/stop actions, checkpoint type and location) live in
 * <metadata><hvsh:vm>, where libvirt keeps them untouched. Set-VM edits
 * an existing description in place (eng_domxml_apply) rather than
 * rebuilding it, so whatever libvirt or a user added survives.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "internal.h"

#define X(s) ((const xmlChar *)(s))

static xmlNodePtr child(xmlNodePtr parent, const char *name, const char *text)
{
	/* xmlNewTextChild escapes the text, unlike xmlNewChild */
	return xmlNewTextChild(parent, NULL, X(name), text ? X(text) : NULL);
}

static void prop(xmlNodePtr n, const char *name, const char *value)
{
	xmlNewProp(n, X(name), X(value));
}

/* Where a drive sits, as Hyper-V numbers it: IDE controller N location L
 * is libvirt's IDE bus N unit L; SCSI controller N location L is
 * controller N unit L (the mapping drives.c reads back). */
static void drive_address(xmlNodePtr disk, int bus, int unit)
{
	xmlNodePtr n = child(disk, "address", NULL);
	char b[16], u[16];
	snprintf(b, sizeof b, "%d", bus);
	snprintf(u, sizeof u, "%d", unit);
	prop(n, "type", "drive");
	prop(n, "controller", "0");
	prop(n, "bus", b);
	prop(n, "target", "0");
	prop(n, "unit", u);
}

char *eng_domxml_build(const eng_domain_desc *d)
{
	xmlDocPtr doc = xmlNewDoc(X("1.0"));
	xmlNodePtr dom = xmlNewNode(NULL, X("domain"));
	xmlDocSetRootElement(doc, dom);
	prop(dom, "type", d->kvm ? "kvm" : "qemu");
	child(dom, "name", d->name);
	if (d->uuid)
		child(dom, "uuid", d->uuid);

	xmlNodePtr meta = child(dom, "metadata", NULL);
	xmlNodePtr vm = xmlNewChild(meta, NULL, X("vm"), NULL);
	xmlNsPtr ns = xmlNewNs(vm, X(ENG_XMLNS), X(ENG_XMLNS_PREFIX));
	xmlSetNs(vm, ns);
	char num[32];
	snprintf(num, sizeof num, "%d", d->generation);
	xmlNewTextChild(vm, ns, X("generation"), X(num));
	xmlNewTextChild(vm, ns, X("version"), X(d->version ? d->version : ""));
	xmlNewTextChild(vm, ns, X("notes"), X(d->notes ? d->notes : ""));
	xmlNewTextChild(vm, ns, X("path"), X(d->path ? d->path : ""));

	snprintf(num, sizeof num, "%lld", (long long)d->memory);
	xmlNodePtr n = child(dom, "memory", num);
	prop(n, "unit", "b");
	n = child(dom, "currentMemory", num);
	prop(n, "unit", "b");
	snprintf(num, sizeof num, "%d", d->vcpus > 0 ? d->vcpus : 1);
	child(dom, "vcpu", num);

	xmlNodePtr os = child(dom, "os", NULL);
	if (d->generation == 2)
		prop(os, "firmware", "efi");
	if (d->generation == 2) {
		/* Secure Boot on, as on Hyper-V: the firmware with Microsoft's
		   keys enrolled, which refuses unsigned loaders (Set-VMFirmware
		   -EnableSecureBoot Off chooses the plain one) */
		xmlNodePtr fw = child(os, "firmware", NULL);
		n = child(fw, "feature", NULL);
		prop(n, "enabled", "yes");
		prop(n, "name", "secure-boot");
		n = child(fw, "feature", NULL);
		prop(n, "enabled", "yes");
		prop(n, "name", "enrolled-keys");
	}
	n = child(os, "type", "hvm");
	prop(n, "arch", "x86_64");
	prop(n, "machine", d->generation == 2 ? "q35" : "pc");
	/* Hyper-V's Generation 1 startup order is CD, IDE, legacy network
	   adapter, floppy, with -BootDevice's class moved first */
	const char *boot = d->generation == 1 && !d->boot_device ? "cdrom" : "hd";
	if (d->boot_device) {
		if (strcasecmp(d->boot_device, "CD") == 0)
			boot = "cdrom";
		else if (strcasecmp(d->boot_device, "Floppy") == 0)
			boot = "fd";
		else if (strcasecmp(d->boot_device, "LegacyNetworkAdapter") == 0 ||
		         strcasecmp(d->boot_device, "NetworkAdapter") == 0)
			boot = "network";
	}
	prop(child(os, "boot", NULL), "dev", boot);
	static const char *const gen1_order[] = {"cdrom", "hd", "network", "fd"};
	for (size_t i = 0; d->generation == 1 && i < 4; i++)
		if (strcmp(gen1_order[i], boot) != 0)
			prop(child(os, "boot", NULL), "dev", gen1_order[i]);
	xmlNodePtr feat = child(dom, "features", NULL);
	child(feat, "acpi", NULL);
	child(feat, "apic", NULL);
	child(dom, "on_poweroff", "destroy");
	child(dom, "on_reboot", "restart");
	child(dom, "on_crash", "destroy");

	xmlNodePtr dev = child(dom, "devices", NULL);
	if (d->generation == 2) {
		n = child(dev, "controller", NULL);
		prop(n, "type", "scsi");
		prop(n, "index", "0");
		prop(n, "model", "virtio-scsi");
	}
	if (d->disk_path) {
		xmlNodePtr disk = child(dev, "disk", NULL);
		prop(disk, "type", "file");
		prop(disk, "device", "disk");
		n = child(disk, "driver", NULL);
		prop(n, "name", "qemu");
		prop(n, "type", d->disk_format ? d->disk_format : "qcow2");
		prop(child(disk, "source", NULL), "file", d->disk_path);
		n = child(disk, "target", NULL);
		prop(n, "dev", d->generation == 2 ? "sda" : "hda");
		prop(n, "bus", d->generation == 2 ? "scsi" : "ide");
		drive_address(disk, 0, 0);
	}
	if (d->generation == 1) {
		/* Hyper-V's Generation 1 VM has an empty DVD drive on IDE 1:0 */
		xmlNodePtr dvd = child(dev, "disk", NULL);
		prop(dvd, "type", "file");
		prop(dvd, "device", "cdrom");
		n = child(dvd, "driver", NULL);
		prop(n, "name", "qemu");
		prop(n, "type", "raw");
		n = child(dvd, "target", NULL);
		prop(n, "dev", "hdc");
		prop(n, "bus", "ide");
		child(dvd, "readonly", NULL);
		drive_address(dvd, 1, 0);
		/* and an empty floppy drive: QEMU cannot add one to a running VM,
		   but can put a disk into one it has */
		xmlNodePtr fd = child(dev, "disk", NULL);
		prop(fd, "type", "file");
		prop(fd, "device", "floppy");
		n = child(fd, "driver", NULL);
		prop(n, "name", "qemu");
		prop(n, "type", "raw");
		n = child(fd, "target", NULL);
		prop(n, "dev", "fda");
		prop(n, "bus", "fdc");
	}
	if (d->com1_path) {
		xmlNodePtr ser = child(dev, "serial", NULL);
		prop(ser, "type", "file");
		prop(child(ser, "source", NULL), "path", d->com1_path);
		prop(child(ser, "target", NULL), "port", "0");
	}
	eng_nic_default_xml(dev, d->generation);
	n = child(dev, "memballoon", NULL);
	prop(n, "model", "virtio");

	xmlChar *mem = NULL;
	int len = 0;
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	xmlFreeDoc(doc);
	char *out = eng_strdup((const char *)mem);
	xmlFree(mem);
	return out;
}

static int64_t to_bytes(const char *value, const char *unit)
{
	if (!value)
		return 0;
	long long v = strtoll(value, NULL, 10);
	if (!unit || !*unit || strcasecmp(unit, "KiB") == 0 || strcasecmp(unit, "k") == 0)
		return (int64_t)v * 1024;
	if (strcasecmp(unit, "b") == 0 || strcasecmp(unit, "bytes") == 0)
		return v;
	if (strcasecmp(unit, "MiB") == 0 || strcasecmp(unit, "M") == 0)
		return (int64_t)v << 20;
	if (strcasecmp(unit, "GiB") == 0 || strcasecmp(unit, "G") == 0)
		return (int64_t)v << 30;
	return (int64_t)v * 1024;
}

bool eng_xml_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !n->ns && strcmp((const char *)n->name, name) == 0;
}

xmlNodePtr eng_xml_child(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr n = parent ? parent->children : NULL; n; n = n->next)
		if (eng_xml_is(n, name))
			return n;
	return NULL;
}

char *eng_xml_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = n ? xmlGetProp(n, X(name)) : NULL;
	char *out = v ? eng_strdup((const char *)v) : NULL;
	xmlFree(v);
	return out;
}

bool eng_xml_attr_is(xmlNodePtr n, const char *name, const char *value)
{
	char *v = eng_xml_attr(n, name);
	bool is = v && strcmp(v, value) == 0;
	free(v);
	return is;
}

int eng_xml_attr_int(xmlNodePtr n, const char *name, int fallback)
{
	char *v = eng_xml_attr(n, name);
	int out = fallback;
	if (v && *v) {
		char *end;
		long l = strtol(v, &end, 0);
		if (*end == '\0' && l >= 0 && l <= INT_MAX)
			out = (int)l;
	}
	free(v);
	return out;
}

char *eng_xml_text(xmlNodePtr n)
{
	xmlChar *v = n ? xmlNodeGetContent(n) : NULL;
	char *out = v ? eng_strdup((const char *)v) : NULL;
	xmlFree(v);
	return out;
}

/* hvsh's metadata: one element per setting. */
static void parse_metadata(xmlNodePtr vm, eng_domain_desc *d, bool *have_generation)
{
	for (xmlNodePtr n = vm->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *k = (const char *)n->name;
		char *t = eng_xml_text(n);
		char **keep = strcmp(k, "version") == 0                ? &d->version
		              : strcmp(k, "notes") == 0                ? &d->notes
		              : strcmp(k, "path") == 0                 ? &d->path
		              : strcmp(k, "automaticStartAction") == 0 ? &d->start_action
		              : strcmp(k, "automaticStopAction") == 0  ? &d->stop_action
		              : strcmp(k, "checkpointType") == 0       ? &d->checkpoint_type
		              : strcmp(k, "snapshotFileLocation") == 0 ? &d->snapshot_location
		                                                       : NULL;
		if (keep) {
			free(*keep);
			*keep = t;
			continue;
		}
		if (strcmp(k, "generation") == 0) {
			d->generation = atoi(t);
			*have_generation = true;
		} else if (strcmp(k, "dynamicMemory") == 0) {
			d->dynamic_memory = strcmp(t, "true") == 0;
		} else if (strcmp(k, "memoryMinimum") == 0) {
			d->memory_minimum = strtoll(t, NULL, 10);
		} else if (strcmp(k, "memoryMaximum") == 0) {
			d->memory_maximum = strtoll(t, NULL, 10);
		} else if (strcmp(k, "automaticStartDelay") == 0) {
			d->start_delay = atoi(t);
		}
		free(t);
	}
}

static void parse_devices(xmlNodePtr devices, eng_domain_desc *d)
{
	for (xmlNodePtr n = devices ? devices->children : NULL; n; n = n->next) {
		if (eng_xml_is(n, "serial") && !d->com1_path) {
			char *port = eng_xml_attr(eng_xml_child(n, "target"), "port");
			if (port && strcmp(port, "0") == 0)
				d->com1_path = eng_xml_attr(eng_xml_child(n, "source"), "path");
			free(port);
		} else if (eng_xml_is(n, "disk") && !d->disk_path) {
			char *dev = eng_xml_attr(n, "device");
			if (dev && strcmp(dev, "disk") == 0)
				d->disk_path = eng_xml_attr(eng_xml_child(n, "source"), "file");
			free(dev);
		}
	}
}

int eng_domxml_parse_metadata(const char *xml, eng_domain_desc *d)
{
	memset(d, 0, sizeof *d);
	char *err = NULL;
	xmlDocPtr doc = eng_xml_read(xml, &err);
	free(err);
	if (!doc)
		return -1;
	bool have_generation = false;
	parse_metadata(xmlDocGetRootElement(doc), d, &have_generation);
	xmlFreeDoc(doc);
	return have_generation;
}

int eng_domxml_parse(const char *xml, eng_domain_desc *d, char **err)
{
	memset(d, 0, sizeof *d);
	xmlDocPtr doc = eng_xml_read(xml, err);
	if (!doc)
		return -1;
	xmlNodePtr dom = xmlDocGetRootElement(doc);
	char *type = eng_xml_attr(dom, "type");
	d->kvm = type && strcmp(type, "kvm") == 0;
	free(type);
	d->vcpus = 1;
	bool have_generation = false, efi = false;
	for (xmlNodePtr n = dom->children; n; n = n->next) {
		if (eng_xml_is(n, "name")) {
			d->name = eng_xml_text(n);
		} else if (eng_xml_is(n, "uuid")) {
			d->uuid = eng_xml_text(n);
		} else if (eng_xml_is(n, "vcpu")) {
			/* the processors the guest starts with: `current` of them
			   when set, else the maximum */
			char *t = eng_xml_text(n);
			d->vcpus = eng_xml_attr_int(n, "current", atoi(t));
			free(t);
		} else if (eng_xml_is(n, "memory")) {
			char *t = eng_xml_text(n), *unit = eng_xml_attr(n, "unit");
			d->memory = to_bytes(t, unit);
			free(t);
			free(unit);
		} else if (eng_xml_is(n, "os")) {
			char *fw = eng_xml_attr(n, "firmware");
			efi = fw || eng_xml_child(n, "loader");
			free(fw);
		} else if (eng_xml_is(n, "devices")) {
			parse_devices(n, d);
		} else if (eng_xml_is(n, "metadata")) {
			for (xmlNodePtr m = n->children; m; m = m->next)
				if (m->type == XML_ELEMENT_NODE && m->ns &&
				    strcmp((const char *)m->ns->href, ENG_XMLNS) == 0 &&
				    strcmp((const char *)m->name, "vm") == 0)
					parse_metadata(m, d, &have_generation);
		}
	}
	/* a domain hvsh did not make: judged by its firmware */
	if (!have_generation)
		d->generation = efi ? 2 : 1;
	xmlFreeDoc(doc);
	return 0;
}

char *eng_domxml_set_accel(const char *xml, bool kvm)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "domain.xml", NULL,
	                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return NULL;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	const char *want = kvm ? "kvm" : "qemu";
	xmlChar *type = xmlGetProp(root, X("type"));
	char *out = NULL;
	if (!type || strcmp((const char *)type, want) != 0) {
		xmlSetProp(root, X("type"), X(want));
		xmlChar *mem = NULL;
		int len = 0;
		xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
		out = eng_strdup((const char *)mem);
		xmlFree(mem);
	}
	xmlFree(type);
	xmlFreeDoc(doc);
	return out;
}

void eng_domain_desc_free(eng_domain_desc *d)
{
	free(d->name);
	free(d->uuid);
	free(d->version);
	free(d->notes);
	free(d->path);
	free(d->com1_path);
	free(d->disk_path);
	free(d->disk_format);
	free(d->boot_device);
	free(d->start_action);
	free(d->stop_action);
	free(d->checkpoint_type);
	free(d->snapshot_location);
	memset(d, 0, sizeof *d);
}

xmlDocPtr eng_xml_read(const char *xml, char **err)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "domain.xml", NULL,
	                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		eng_fail(err, "cannot read the domain's XML description");
	return doc;
}

char *eng_xml_dump(xmlDocPtr doc)
{
	xmlChar *mem = NULL;
	int len = 0;
	xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
	char *out = eng_strdup((const char *)mem);
	xmlFree(mem);
	return out;
}

xmlNodePtr eng_xml_hvsh(xmlDocPtr doc)
{
	xmlNodePtr meta = eng_xml_element(xmlDocGetRootElement(doc), NULL, "metadata");
	for (xmlNodePtr n = meta->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && n->ns &&
		    strcmp((const char *)n->ns->href, ENG_XMLNS) == 0 &&
		    strcmp((const char *)n->name, "vm") == 0)
			return n;
	xmlNodePtr vm = xmlNewChild(meta, NULL, X("vm"), NULL);
	xmlSetNs(vm, xmlNewNs(vm, X(ENG_XMLNS), X(ENG_XMLNS_PREFIX)));
	return vm;
}

xmlNodePtr eng_xml_element(xmlNodePtr parent, xmlNsPtr ns, const char *name)
{
	for (xmlNodePtr n = parent->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
		    (ns ? n->ns && strcmp((const char *)n->ns->href, (const char *)ns->href) == 0
		        : !n->ns))
			return n;
	return xmlNewChild(parent, ns, X(name), NULL);
}

void eng_xml_set_text(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *text)
{
	xmlNodePtr n = eng_xml_element(parent, ns, name);
	xmlChar *esc = xmlEncodeSpecialChars(n->doc, X(text));
	xmlNodeSetContent(n, esc);
	xmlFree(esc);
}

static void set_bytes(xmlNodePtr dom, const char *name, int64_t bytes)
{
	char num[32];
	snprintf(num, sizeof num, "%lld", (long long)bytes);
	xmlNodePtr n = eng_xml_element(dom, NULL, name);
	xmlNodeSetContent(n, X(num));
	xmlSetProp(n, X("unit"), X("b"));
}

char *eng_domxml_apply(const char *xml, const eng_vm_settings *s, char **err)
{
	xmlDocPtr doc = eng_xml_read(xml, err);
	if (!doc)
		return NULL;
	xmlNodePtr dom = xmlDocGetRootElement(doc);
	char num[32];
	if (s->processor_count > 0) {
		xmlNodePtr v = eng_xml_element(dom, NULL, "vcpu");
		xmlUnsetProp(v, X("current"));
		snprintf(num, sizeof num, "%d", s->processor_count);
		xmlNodeSetContent(v, X(num));
	}
	if (s->memory_startup > 0) {
		set_bytes(dom, "memory", s->memory_startup);
		set_bytes(dom, "currentMemory", s->memory_startup);
	}
	xmlNodePtr vm = eng_xml_hvsh(doc);
	xmlNsPtr ns = vm->ns;
	if (s->notes)
		eng_xml_set_text(vm, ns, "notes", s->notes);
	if (s->dynamic_memory >= 0)
		eng_xml_set_text(vm, ns, "dynamicMemory", s->dynamic_memory ? "true" : "false");
	if (s->memory_minimum > 0) {
		snprintf(num, sizeof num, "%lld", (long long)s->memory_minimum);
		eng_xml_set_text(vm, ns, "memoryMinimum", num);
	}
	if (s->memory_maximum > 0) {
		snprintf(num, sizeof num, "%lld", (long long)s->memory_maximum);
		eng_xml_set_text(vm, ns, "memoryMaximum", num);
	}
	if (s->automatic_start_action)
		eng_xml_set_text(vm, ns, "automaticStartAction", s->automatic_start_action);
	if (s->automatic_stop_action)
		eng_xml_set_text(vm, ns, "automaticStopAction", s->automatic_stop_action);
	if (s->automatic_start_delay >= 0) {
		snprintf(num, sizeof num, "%d", s->automatic_start_delay);
		eng_xml_set_text(vm, ns, "automaticStartDelay", num);
	}
	if (s->checkpoint_type)
		eng_xml_set_text(vm, ns, "checkpointType", s->checkpoint_type);
	if (s->snapshot_file_location)
		eng_xml_set_text(vm, ns, "snapshotFileLocation", s->snapshot_file_location);
	char *out = eng_xml_dump(doc);
	xmlFreeDoc(doc);
	return out;
}
