/*
 * domxml.c - libvirt domain XML for a Hyper-V virtual machine, built and
 * read with libxml2 (never pasted together: a name with quotes, '<' or
 * '&' in it must stay a name).
 *
 * Generation 1 is machine `pc` with SeaBIOS and IDE; Generation 2 is
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

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
		/* Secure Boot off: libvirt would otherwise prefer the firmware
		   with Microsoft's keys enrolled, which refuses unsigned loaders
		   (Set-VMFirmware -EnableSecureBoot does not exist yet) */
		xmlNodePtr fw = child(os, "firmware", NULL);
		n = child(fw, "feature", NULL);
		prop(n, "enabled", "no");
		prop(n, "name", "secure-boot");
		n = child(fw, "feature", NULL);
		prop(n, "enabled", "no");
		prop(n, "name", "enrolled-keys");
	}
	n = child(os, "type", "hvm");
	prop(n, "arch", "x86_64");
	prop(n, "machine", d->generation == 2 ? "q35" : "pc");
	const char *boot = "hd";
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
	}
	if (d->com1_path) {
		xmlNodePtr ser = child(dev, "serial", NULL);
		prop(ser, "type", "file");
		prop(child(ser, "source", NULL), "path", d->com1_path);
		prop(child(ser, "target", NULL), "port", "0");
	}
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

/* The text of the first node XPATH selects, malloc'd, or NULL. */
static char *xpath_text(xmlXPathContextPtr ctx, const char *xpath)
{
	xmlXPathObjectPtr r = xmlXPathEvalExpression(X(xpath), ctx);
	char *out = NULL;
	if (r && r->nodesetval && r->nodesetval->nodeNr > 0) {
		xmlChar *s = xmlNodeGetContent(r->nodesetval->nodeTab[0]);
		if (s) {
			out = eng_strdup((const char *)s);
			xmlFree(s);
		}
	}
	xmlXPathFreeObject(r);
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

int eng_domxml_parse(const char *xml, eng_domain_desc *d, char **err)
{
	memset(d, 0, sizeof *d);
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "domain.xml", NULL,
	                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return eng_fail(err, "cannot read the domain's XML description");
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, X("h"), X(ENG_XMLNS));
	d->name = xpath_text(ctx, "/domain/name");
	d->uuid = xpath_text(ctx, "/domain/uuid");
	char *type = xpath_text(ctx, "/domain/@type");
	d->kvm = type && strcmp(type, "kvm") == 0;
	free(type);
	char *gen = xpath_text(ctx, "/domain/metadata/h:vm/h:generation");
	if (gen)
		d->generation = atoi(gen);
	else {
		/* a domain hvsh did not make: judge by its firmware */
		char *fw = xpath_text(ctx, "/domain/os/@firmware");
		char *loader = xpath_text(ctx, "/domain/os/loader");
		d->generation = fw || loader ? 2 : 1;
		free(fw);
		free(loader);
	}
	free(gen);
	d->version = xpath_text(ctx, "/domain/metadata/h:vm/h:version");
	d->notes = xpath_text(ctx, "/domain/metadata/h:vm/h:notes");
	d->path = xpath_text(ctx, "/domain/metadata/h:vm/h:path");
	d->com1_path = xpath_text(ctx, "/domain/devices/serial[target/@port='0']/source/@path");
	char *vcpu = xpath_text(ctx, "/domain/vcpu");
	d->vcpus = vcpu ? atoi(vcpu) : 1;
	free(vcpu);
	char *mem = xpath_text(ctx, "/domain/memory");
	char *unit = xpath_text(ctx, "/domain/memory/@unit");
	d->memory = to_bytes(mem, unit);
	free(mem);
	free(unit);
	d->disk_path = xpath_text(ctx, "/domain/devices/disk[@device='disk']/source/@file");
	char *t = xpath_text(ctx, "/domain/metadata/h:vm/h:dynamicMemory");
	d->dynamic_memory = t && strcmp(t, "true") == 0;
	free(t);
	t = xpath_text(ctx, "/domain/metadata/h:vm/h:memoryMinimum");
	d->memory_minimum = t ? strtoll(t, NULL, 10) : 0;
	free(t);
	t = xpath_text(ctx, "/domain/metadata/h:vm/h:memoryMaximum");
	d->memory_maximum = t ? strtoll(t, NULL, 10) : 0;
	free(t);
	t = xpath_text(ctx, "/domain/metadata/h:vm/h:automaticStartDelay");
	d->start_delay = t ? atoi(t) : 0;
	free(t);
	d->start_action = xpath_text(ctx, "/domain/metadata/h:vm/h:automaticStartAction");
	d->stop_action = xpath_text(ctx, "/domain/metadata/h:vm/h:automaticStopAction");
	d->checkpoint_type = xpath_text(ctx, "/domain/metadata/h:vm/h:checkpointType");
	d->snapshot_location = xpath_text(ctx, "/domain/metadata/h:vm/h:snapshotFileLocation");
	xmlXPathFreeContext(ctx);
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

/* The first element child of parent named `name` (in namespace ns, or in
 * none), made when missing. */
static xmlNodePtr element(xmlNodePtr parent, xmlNsPtr ns, const char *name)
{
	for (xmlNodePtr n = parent->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
		    (ns ? n->ns && strcmp((const char *)n->ns->href, (const char *)ns->href) == 0
		        : !n->ns))
			return n;
	return xmlNewChild(parent, ns, X(name), NULL);
}

static void set_text(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *text)
{
	xmlNodePtr n = element(parent, ns, name);
	xmlChar *esc = xmlEncodeSpecialChars(n->doc, X(text));
	xmlNodeSetContent(n, esc);
	xmlFree(esc);
}

static void set_bytes(xmlNodePtr dom, const char *name, int64_t bytes)
{
	char num[32];
	snprintf(num, sizeof num, "%lld", (long long)bytes);
	xmlNodePtr n = element(dom, NULL, name);
	xmlNodeSetContent(n, X(num));
	xmlSetProp(n, X("unit"), X("b"));
}

char *eng_domxml_apply(const char *xml, const eng_vm_settings *s, char **err)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "domain.xml", NULL,
	                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		eng_fail(err, "cannot read the domain's XML description");
		return NULL;
	}
	xmlNodePtr dom = xmlDocGetRootElement(doc);
	char num[32];
	if (s->processor_count > 0) {
		xmlNodePtr v = element(dom, NULL, "vcpu");
		xmlUnsetProp(v, X("current"));
		snprintf(num, sizeof num, "%d", s->processor_count);
		xmlNodeSetContent(v, X(num));
	}
	if (s->memory_startup > 0) {
		set_bytes(dom, "memory", s->memory_startup);
		set_bytes(dom, "currentMemory", s->memory_startup);
	}
	xmlNodePtr meta = element(dom, NULL, "metadata");
	xmlNodePtr vm = NULL;
	for (xmlNodePtr n = meta->children; n && !vm; n = n->next)
		if (n->type == XML_ELEMENT_NODE && n->ns &&
		    strcmp((const char *)n->ns->href, ENG_XMLNS) == 0 &&
		    strcmp((const char *)n->name, "vm") == 0)
			vm = n;
	if (!vm) {
		vm = xmlNewChild(meta, NULL, X("vm"), NULL);
		xmlSetNs(vm, xmlNewNs(vm, X(ENG_XMLNS), X(ENG_XMLNS_PREFIX)));
	}
	xmlNsPtr ns = vm->ns;
	if (s->notes)
		set_text(vm, ns, "notes", s->notes);
	if (s->dynamic_memory >= 0)
		set_text(vm, ns, "dynamicMemory", s->dynamic_memory ? "true" : "false");
	if (s->memory_minimum > 0) {
		snprintf(num, sizeof num, "%lld", (long long)s->memory_minimum);
		set_text(vm, ns, "memoryMinimum", num);
	}
	if (s->memory_maximum > 0) {
		snprintf(num, sizeof num, "%lld", (long long)s->memory_maximum);
		set_text(vm, ns, "memoryMaximum", num);
	}
	if (s->automatic_start_action)
		set_text(vm, ns, "automaticStartAction", s->automatic_start_action);
	if (s->automatic_stop_action)
		set_text(vm, ns, "automaticStopAction", s->automatic_stop_action);
	if (s->automatic_start_delay >= 0) {
		snprintf(num, sizeof num, "%d", s->automatic_start_delay);
		set_text(vm, ns, "automaticStartDelay", num);
	}
	if (s->checkpoint_type)
		set_text(vm, ns, "checkpointType", s->checkpoint_type);
	if (s->snapshot_file_location)
		set_text(vm, ns, "snapshotFileLocation", s->snapshot_file_location);
	xmlChar *mem = NULL;
	int len = 0;
	xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
	char *out = eng_strdup((const char *)mem);
	xmlFree(mem);
	xmlFreeDoc(doc);
	return out;
}
