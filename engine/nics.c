/*
 * nics.c - a VM's network adapters (nics.h): listing, adding, removing and
 * changing them in the domain's description, and on the running VM.
 *
 * The device. A synthetic adapter is <model type='virtio'/>, a legacy one
 * <model type='tulip'/> (QEMU's DEC 21143, successor of the 21140 that
 * Hyper-V emulates). An adapter connected to no switch is
 *     <interface type='user'> ... <link state='down'/>
 * chosen because it is the one interface type QEMU runs with no daemon,
 * bridge, tap device or privilege, that libvirt can also plug into a
 * running VM: type 'null' crashes libvirt 9.0's command-line builder, and
 * 'udp', 'server' and 'mcast' cannot be hot-plugged. With the link down,
 * QEMU's network layer drops every frame the adapter sends or would
 * receive, so the user-mode stack behind it never carries a packet. libvirt
 * sets the link down before the processors first run, and, for an adapter
 * plugged into a running VM, in the same step as the plug.
 *
 * Identity. libvirt knows an interface by its MAC address; hvsh's metadata
 * (<hvsh:networkAdapter mac=...>) adds what Hyper-V has and libvirt has
 * not: the name, the adapter's Id, whether the address is dynamic, and
 * the settings kept for later. An adapter without a record has the
 * defaults, and an Id derived from the VM's and the adapter's addresses,
 * which becomes its recorded Id the first time the record is written, so
 * that a MAC change does not change the Id objects carry.
 *
 * Atomicity. A VM that is off changes in one definition (eng_edit_domain).
 * A running VM gets its new adapter's record first, then the device, live
 * and in its configuration in one libvirt call; if that call fails, the
 * record goes again. Removal unplugs the device first and drops the record
 * after; a record left over by a failure there names no device and is
 * ignored.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include <libvirt/virterror.h>
#include <libxml/tree.h>

#include "internal.h"

#define X(s) ((const xmlChar *)(s))

/* ---- small XML helpers ---- */

static bool is_hvsh(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       strcmp((const char *)n->ns->href, ENG_XMLNS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

static void drop(xmlNodePtr n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* A node's markup (for libvirt's device calls), malloc'd. */
static char *node_text(xmlNodePtr n)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlNodeDump(b, n->doc, n, 0, 0);
	char *s = eng_strdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return s;
}

/* ---- MAC addresses ---- */

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* 12 hex digits, or six pairs all separated by '-' or all by ':'. */
static bool mac_bytes(const char *s, unsigned char b[6])
{
	size_t len = strlen(s);
	size_t step = len == 12 ? 2 : len == 17 ? 3 : 0;
	if (!step)
		return false;
	char sep = step == 3 ? s[2] : 0;
	if (step == 3 && sep != '-' && sep != ':')
		return false;
	for (size_t i = 0; i < 6; i++) {
		const char *p = s + i * step;
		int hi = hex_digit(p[0]), lo = hex_digit(p[1]);
		if (hi < 0 || lo < 0 || (step == 3 && i < 5 && p[2] != sep))
			return false;
		b[i] = (unsigned char)(hi << 4 | lo);
	}
	return true;
}

/* Hyper-V's form: 525400ABCDEF. */
static void mac_hyperv(const unsigned char b[6], char out[13])
{
	snprintf(out, 13, "%02X%02X%02X%02X%02X%02X", b[0], b[1], b[2], b[3], b[4], b[5]);
}

/* libvirt's form: 52:54:00:ab:cd:ef. */
static void mac_libvirt(const unsigned char b[6], char out[18])
{
	snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5]);
}

static int nics_parse_mac(const char *text, char out[13], char **err)
{
	unsigned char b[6];
	if (!text || !mac_bytes(text, b))
		return eng_fail(err, "a MAC address is 12 hexadecimal digits, alone or in pairs "
		                     "separated by '-' or ':' (00155D0A0B0C, 00-15-5D-0A-0B-0C)");
	if (b[0] & 1)
		return eng_fail(err, "it is a multicast address; an adapter needs a unicast "
		                     "address, whose first byte is even");
	if (!(b[0] | b[1] | b[2] | b[3] | b[4] | b[5]))
		return eng_fail(err, "000000000000 names no adapter");
	mac_hyperv(b, out);
	return 0;
}

/* An interface's address in both forms; false when it has none. */
static bool interface_mac(xmlNodePtr iface, char hv[13], char lv[18])
{
	char *a = eng_xml_attr(eng_xml_child(iface, "mac"), "address");
	unsigned char b[6];
	bool ok = a && mac_bytes(a, b);
	free(a);
	if (ok) {
		mac_hyperv(b, hv);
		mac_libvirt(b, lv);
	}
	return ok;
}

static void random_bytes(unsigned char *b, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = getrandom(b + got, n - got, 0);
		if (r > 0)
			got += (size_t)r;
		else if (r < 0 && errno != EINTR)
			abort(); /* only a kernel without getrandom (before 3.17) */
	}
}

/* ---- adapter Ids ---- */

static void guid_text(const unsigned char b[16], char out[40])
{
	snprintf(out, 40, "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X",
	         b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
	         b[13], b[14], b[15]);
}

static void random_id(char out[40])
{
	unsigned char b[16];
	random_bytes(b, sizeof b);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	guid_text(b, out);
}

/* The Id of an adapter that has no record: the same every time for the
 * same VM and address (FNV-1a, two lanes). */
static void derived_id(const char *vm_uuid, const char *mac_hv, char out[40])
{
	uint64_t h[2] = {0xcbf29ce484222325ULL, 0x6c62272e07bb0142ULL};
	char *key = eng_printf("%s/%s", vm_uuid, mac_hv);
	for (int lane = 0; lane < 2; lane++)
		for (const char *p = key; *p; p++) {
			h[lane] ^= (unsigned char)(lane ? *p ^ 0x5a : *p);
			h[lane] *= 0x100000001b3ULL;
		}
	free(key);
	unsigned char b[16];
	for (int i = 0; i < 8; i++) {
		b[i] = (unsigned char)(h[0] >> (56 - 8 * i));
		b[8 + i] = (unsigned char)(h[1] >> (56 - 8 * i));
	}
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x50); /* name-based */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	guid_text(b, out);
}

/* ---- hvsh's records ---- */

/* The record of the adapter whose address is lv (libvirt's form), or NULL. */
static xmlNodePtr record_of(xmlNodePtr meta, const char *lv)
{
	for (xmlNodePtr n = meta->children; n; n = n->next) {
		if (!is_hvsh(n, "networkAdapter"))
			continue;
		char *mac = eng_xml_attr(n, "mac");
		bool same = mac && strcasecmp(mac, lv) == 0;
		free(mac);
		if (same)
			return n;
	}
	return NULL;
}

static xmlNodePtr hvsh_child(xmlNodePtr rec, const char *name)
{
	for (xmlNodePtr n = rec ? rec->children : NULL; n; n = n->next)
		if (is_hvsh(n, name))
			return n;
	return NULL;
}

static char *text_of(xmlNodePtr n)
{
	xmlChar *s = n ? xmlNodeGetContent(n) : NULL;
	char *out = eng_strdup(s ? (const char *)s : "");
	xmlFree(s);
	return out;
}

/* Replaces the record's <hvsh:NAME> (or the setting called `setting`)
 * with one holding text. */
static void record_text(xmlNodePtr rec, const char *name, const char *setting, const char *text)
{
	for (xmlNodePtr n = rec->children, next; n; n = next) {
		next = n->next;
		if (!is_hvsh(n, name))
			continue;
		char *which = setting ? eng_xml_attr(n, "name") : NULL;
		bool same = !setting || (which && strcmp(which, setting) == 0);
		free(which);
		if (same)
			drop(n);
	}
	/* xmlNewTextChild escapes the text */
	xmlNodePtr n = xmlNewTextChild(rec, rec->ns, X(name), X(text));
	if (setting)
		xmlNewProp(n, X("name"), X(setting));
}

/* ---- reading adapters ---- */

/* Synthetic (virtio-net); anything else is emulated, as Hyper-V's legacy
 * adapter is (QEMU's default model, rtl8139, when none is named). */
static bool is_synthetic(xmlNodePtr iface)
{
	xmlNodePtr m = eng_xml_child(iface, "model");
	xmlChar *t = m ? xmlGetProp(m, X("type")) : NULL;
	bool out = t && strcmp((const char *)t, "virtio") == 0;
	xmlFree(t);
	return out;
}

/* The switch an interface is connected to: a libvirt network or bridge;
 * NULL for hvsh's unconnected adapter. Malloc'd. */
static char *interface_switch(xmlNodePtr iface)
{
	char *type = eng_xml_attr(iface, "type");
	xmlNodePtr src = eng_xml_child(iface, "source");
	char *out = NULL;
	if (type && strcmp(type, "network") == 0)
		out = eng_xml_attr(src, "network");
	else if (type && strcmp(type, "bridge") == 0)
		out = eng_xml_attr(src, "bridge");
	free(type);
	return out;
}

static bool has_address(xmlDocPtr doc, const char *lv)
{
	xmlNodePtr devices = doc ? eng_xml_child(xmlDocGetRootElement(doc), "devices") : NULL;
	for (xmlNodePtr n = devices ? devices->children : NULL; n; n = n->next) {
		char hv[13], other[18];
		if (eng_xml_is(n, "interface") && interface_mac(n, hv, other) &&
		    strcmp(other, lv) == 0)
			return true;
	}
	return false;
}

/* Fills nic from an interface of the description `conf`; live (may be
 * NULL) is the running VM's description. */
static void read_nic(xmlNodePtr iface, xmlNodePtr meta, const char *vm_uuid, xmlDocPtr live,
                     const char *hv, const char *lv, eng_nic *nic)
{
	memset(nic, 0, sizeof *nic);
	snprintf(nic->mac, sizeof nic->mac, "%s", hv);
	nic->legacy = !is_synthetic(iface);
	nic->switch_name = interface_switch(iface);
	nic->live = live && has_address(live, lv);
	xmlNodePtr rec = record_of(meta, lv);
	xmlNodePtr name = hvsh_child(rec, "name");
	nic->name =
	    name ? text_of(name) : eng_strdup(nic->legacy ? ENG_NIC_LEGACY_NAME : ENG_NIC_NAME);
	char *id = eng_xml_attr(rec, "id");
	if (id && strlen(id) < sizeof nic->id)
		snprintf(nic->id, sizeof nic->id, "%s", id);
	else
		derived_id(vm_uuid, hv, nic->id);
	free(id);
	char *dyn = eng_xml_attr(rec, "dynamicMac");
	nic->dynamic_mac = !dyn || strcmp(dyn, "false") != 0;
	free(dyn);
	for (xmlNodePtr n = rec ? rec->children : NULL; n; n = n->next) {
		if (!is_hvsh(n, "setting"))
			continue;
		char *key = eng_xml_attr(n, "name");
		if (!key)
			continue;
		nic->settings =
		    realloc(nic->settings, (nic->nsettings + 1) * sizeof *nic->settings);
		if (!nic->settings)
			abort();
		nic->settings[nic->nsettings].name = key;
		nic->settings[nic->nsettings++].value = text_of(n);
	}
}

static void nic_clear(eng_nic *nic)
{
	free(nic->name);
	free(nic->switch_name);
	for (size_t k = 0; k < nic->nsettings; k++) {
		free(nic->settings[k].name);
		free(nic->settings[k].value);
	}
	free(nic->settings);
	memset(nic, 0, sizeof *nic);
}

static void nics_free(eng_nic *nics, size_t n)
{
	for (size_t i = 0; i < n; i++)
		nic_clear(&nics[i]);
	free(nics);
}

/* ---- a VM as this file needs it ---- */

typedef struct vm_view {
	virDomainPtr dom;
	const char *name;
	char uuid[VIR_UUID_STRING_BUFLEN];
	xmlDocPtr conf; /* the persistent description */
	xmlDocPtr live; /* the running VM's, or NULL */
	int generation;
	bool active;
	bool saved;
} vm_view;

static void view_free(vm_view *v)
{
	if (v->conf)
		xmlFreeDoc(v->conf);
	if (v->live)
		xmlFreeDoc(v->live);
	if (v->dom)
		virDomainFree(v->dom);
	memset(v, 0, sizeof *v);
}

static int view_open(const char *vm_id, vm_view *v, char **err)
{
	memset(v, 0, sizeof *v);
	v->dom = eng_lookup(vm_id, err);
	if (!v->dom)
		return ENG_ENOTFOUND;
	v->name = virDomainGetName(v->dom);
	if (virDomainGetUUIDString(v->dom, v->uuid) < 0)
		virResetLastError();
	v->active = eng_is_active(eng_domain_state(v->dom));
	if (!v->active) {
		int ms = virDomainHasManagedSaveImage(v->dom, 0);
		if (ms < 0)
			virResetLastError();
		v->saved = ms == 1;
	}
	char *xml = virDomainGetXMLDesc(v->dom, VIR_DOMAIN_XML_INACTIVE);
	if (!xml) {
		eng_fail_virt(err, "cannot read the description of '%s'", v->name);
		view_free(v);
		return -1;
	}
	eng_domain_desc d;
	int rc = eng_domxml_parse(xml, &d, err);
	if (rc == 0) {
		v->generation = d.generation;
		eng_domain_desc_free(&d);
		v->conf = eng_xml_read(xml, err);
	}
	free(xml);
	if (!v->conf) {
		view_free(v);
		return -1;
	}
	if (v->active) {
		char *lx = virDomainGetXMLDesc(v->dom, 0);
		char *e = NULL;
		if (lx)
			v->live = eng_xml_read(lx, &e);
		else
			virResetLastError();
		free(e);
		free(lx);
	}
	return 0;
}

static xmlNodePtr devices_of(xmlDocPtr doc)
{
	return eng_xml_element(xmlDocGetRootElement(doc), NULL, "devices");
}

/* The interface of conf whose adapter has Id nic_id (and its record's
 * key, libvirt's form of its address), or NULL. */
static xmlNodePtr find_nic(vm_view *v, const char *nic_id, eng_nic *nic, char lv[18])
{
	memset(nic, 0, sizeof *nic);
	xmlNodePtr meta = eng_xml_hvsh(v->conf);
	for (xmlNodePtr n = devices_of(v->conf)->children; n; n = n->next) {
		char hv[13];
		if (!eng_xml_is(n, "interface") || !interface_mac(n, hv, lv))
			continue;
		read_nic(n, meta, v->uuid, v->live, hv, lv, nic);
		if (strcasecmp(nic->id, nic_id) == 0)
			return n;
		nic_clear(nic);
	}
	return NULL;
}

static int nics_list(const char *vm_id, eng_nic **out, size_t *n, char **err)
{
	*out = NULL;
	*n = 0;
	vm_view v;
	int rc = view_open(vm_id, &v, err);
	if (rc < 0)
		return rc;
	xmlNodePtr meta = eng_xml_hvsh(v.conf);
	size_t cap = 0;
	eng_nic *nics = NULL;
	for (xmlNodePtr i = devices_of(v.conf)->children; i; i = i->next) {
		char hv[13], lv[18];
		if (!eng_xml_is(i, "interface") || !interface_mac(i, hv, lv))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			nics = realloc(nics, cap * sizeof *nics);
			if (!nics)
				abort();
		}
		read_nic(i, meta, v.uuid, v.live, hv, lv, &nics[(*n)++]);
	}
	*out = nics;
	view_free(&v);
	return 0;
}

/* ---- changes ---- */

/* Whether an adapter of the VM, configured or live, has address lv. */
static bool mac_taken(vm_view *v, const char *lv)
{
	return has_address(v->conf, lv) || has_address(v->live, lv);
}

/* A new address in QEMU's range (52:54:00, where libvirt generates them)
 * that no adapter of the VM has. */
static void new_mac(vm_view *v, char hv[13], char lv[18])
{
	unsigned char b[6] = {0x52, 0x54, 0x00, 0, 0, 0};
	do {
		random_bytes(b + 3, 3);
		mac_hyperv(b, hv);
		mac_libvirt(b, lv);
	} while (mac_taken(v, lv));
}

/* An adapter connected to nothing (see the top of this file); lv NULL
 * lets libvirt choose the address. */
static xmlNodePtr new_interface(const char *lv, bool legacy)
{
	xmlNodePtr n = xmlNewNode(NULL, X("interface"));
	xmlNewProp(n, X("type"), X("user"));
	if (lv)
		xmlNewProp(xmlNewChild(n, NULL, X("mac"), NULL), X("address"), X(lv));
	xmlNewProp(xmlNewChild(n, NULL, X("model"), NULL), X("type"),
	           X(legacy ? "tulip" : "virtio"));
	xmlNewProp(xmlNewChild(n, NULL, X("link"), NULL), X("state"), X("down"));
	return n;
}

xmlNodePtr eng_nic_default_xml(xmlNodePtr devices, int generation)
{
	(void)generation; /* both generations' first adapter is synthetic */
	xmlNodePtr n = new_interface(NULL, false);
	xmlAddChild(devices, n);
	return n;
}

/* A device's markup for libvirt (a node of no document), malloc'd; frees n. */
static char *device_text(xmlNodePtr n)
{
	xmlDocPtr doc = xmlNewDoc(X("1.0"));
	xmlDocSetRootElement(doc, n);
	char *s = node_text(n);
	xmlFreeDoc(doc);
	return s;
}

static xmlNodePtr new_record(xmlNodePtr meta, const char *lv, const char *id)
{
	xmlNodePtr rec = xmlNewChild(meta, meta->ns, X("networkAdapter"), NULL);
	xmlNewProp(rec, X("mac"), X(lv));
	xmlNewProp(rec, X("id"), X(id));
	return rec;
}

static void record_settings(xmlNodePtr rec, const eng_nic_kv *kv, size_t n)
{
	for (size_t i = 0; i < n; i++)
		record_text(rec, "setting", kv[i].name, kv[i].value ? kv[i].value : "");
}

static xmlNodePtr interface_with(xmlDocPtr doc, const char *lv)
{
	for (xmlNodePtr n = devices_of(doc)->children; n; n = n->next) {
		char hv[13], mac[18];
		if (eng_xml_is(n, "interface") && interface_mac(n, hv, mac) && strcmp(mac, lv) == 0)
			return n;
	}
	return NULL;
}

/* The bus numbers PCI addresses under n name. */
static void buses_used(xmlNodePtr n, bool used[256])
{
	for (; n; n = n->next) {
		if (eng_xml_is(n, "address")) {
			char *type = eng_xml_attr(n, "type"), *bus = eng_xml_attr(n, "bus");
			long b = bus ? strtol(bus, NULL, 0) : -1;
			if (type && strcmp(type, "pci") == 0 && b >= 0 && b < 256)
				used[b] = true;
			free(type);
			free(bus);
		}
		buses_used(n->children, used);
	}
}

/* A q35 machine (Generation 2) plugs a device into a running VM through a
 * free PCI Express root port, and libvirt leaves one spare only when it
 * first lays out a VM. An adapter added while the VM is off takes a port;
 * ports are added so that one stays free, and the next adapter can still
 * be plugged in while the VM runs. */
static void keep_spare_port(xmlDocPtr doc)
{
	xmlNodePtr os = eng_xml_child(xmlDocGetRootElement(doc), "os");
	char *machine = eng_xml_attr(eng_xml_child(os, "type"), "machine");
	bool q35 = machine && strstr(machine, "q35");
	free(machine);
	if (!q35)
		return;
	xmlNodePtr devices = devices_of(doc);
	bool used[256] = {false};
	buses_used(devices->children, used);
	long top = 0;
	int free_ports = 0, unplaced = 0;
	for (xmlNodePtr n = devices->children; n; n = n->next) {
		if (eng_xml_is(n, "interface") && !eng_xml_child(n, "address"))
			unplaced++;
		if (!eng_xml_is(n, "controller"))
			continue;
		char *type = eng_xml_attr(n, "type"), *model = eng_xml_attr(n, "model"),
		     *index = eng_xml_attr(n, "index");
		long i = index ? strtol(index, NULL, 10) : 0;
		if (type && strcmp(type, "pci") == 0) {
			if (i > top)
				top = i;
			if (model && strcmp(model, "pcie-root-port") == 0 && i > 0 && i < 256 &&
			    !used[i])
				free_ports++;
		}
		free(type);
		free(model);
		free(index);
	}
	for (; free_ports <= unplaced && top < 255; free_ports++) {
		char num[24];
		snprintf(num, sizeof num, "%ld", ++top);
		xmlNodePtr c = xmlNewChild(devices, NULL, X("controller"), NULL);
		xmlNewProp(c, X("type"), X("pci"));
		xmlNewProp(c, X("index"), X(num));
		xmlNewProp(c, X("model"), X("pcie-root-port"));
	}
}

typedef struct add_ctx {
	const eng_nic_spec *spec;
	const char *lv;
	const char *id;
	const char *name;
	bool device; /* the interface too, not only its record */
} add_ctx;

static int add_edit(xmlDocPtr doc, virDomainPtr dom, bool active, void *ctx, char **err)
{
	(void)dom;
	add_ctx *a = ctx;
	if (a->device && active)
		return eng_fail(err, "The virtual machine started meanwhile; try again");
	if (a->device) {
		xmlAddChild(devices_of(doc), new_interface(a->lv, a->spec->legacy));
		keep_spare_port(doc);
	}
	xmlNodePtr rec = new_record(eng_xml_hvsh(doc), a->lv, a->id);
	xmlNewProp(rec, X("dynamicMac"), X(a->spec->static_mac ? "false" : "true"));
	record_text(rec, "name", NULL, a->name);
	record_settings(rec, a->spec->settings, a->spec->nsettings);
	return 0;
}

/* Drops the record of address ctx (libvirt's form), and the interface
 * too unless the VM runs (libvirt unplugs that one). */
static int forget_edit(xmlDocPtr doc, virDomainPtr dom, bool active, void *ctx, char **err)
{
	(void)dom;
	(void)err;
	const char *lv = ctx;
	xmlNodePtr iface = active ? NULL : interface_with(doc, lv);
	xmlNodePtr rec = record_of(eng_xml_hvsh(doc), lv);
	if (!iface && !rec)
		return 1;
	if (iface)
		drop(iface);
	if (rec)
		drop(rec);
	return 0;
}

static const char *state_word(const vm_view *v)
{
	return v->saved ? "saved" : "running";
}

static int nics_add(const char *vm_id, const eng_nic_spec *spec, eng_nic *out, char **err)
{
	if (out)
		memset(out, 0, sizeof *out);
	vm_view v;
	int rc = view_open(vm_id, &v, err);
	if (rc < 0)
		return rc;
	char hv[13], lv[18], id[40];
	unsigned char b[6];
	const char *name = spec->name     ? spec->name
	                   : spec->legacy ? ENG_NIC_LEGACY_NAME
	                                  : ENG_NIC_NAME;
	if (spec->legacy && v.generation == 2) {
		eng_fail(err,
		         "Generation 2 virtual machines do not support legacy network adapters");
		rc = ENG_EINVAL;
	} else if (v.saved || (v.active && spec->legacy)) {
		eng_fail(err,
		         "A %s network adapter cannot be added while the virtual machine is %s: "
		         "turn it off first",
		         spec->legacy ? "legacy" : "synthetic", state_word(&v));
		rc = ENG_ESTATE;
	} else if (spec->static_mac && !mac_bytes(spec->static_mac, b)) {
		eng_fail(err, "'%s' is not a MAC address", spec->static_mac);
		rc = ENG_EINVAL;
	} else if (spec->static_mac) {
		mac_hyperv(b, hv);
		mac_libvirt(b, lv);
		if (mac_taken(&v, lv)) {
			eng_fail(err, "Another network adapter of '%s' has the MAC address %s",
			         v.name, hv);
			rc = ENG_EEXIST;
		}
	} else {
		new_mac(&v, hv, lv);
	}
	if (rc < 0) {
		view_free(&v);
		return rc;
	}
	random_id(id);
	add_ctx a = {.spec = spec, .lv = lv, .id = id, .name = name, .device = !v.active};
	rc = eng_edit_domain(vm_id, add_edit, &a, err);
	if (rc == 0 && v.active) {
		/* the record is in; now the device, live and configured in one call */
		char *xml = device_text(new_interface(lv, spec->legacy));
		if (virDomainAttachDeviceFlags(
		        v.dom, xml, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG) < 0) {
			rc = eng_fail_virt(err, "Cannot plug the adapter into the running virtual "
			                        "machine");
			char *e2 = NULL;
			if (eng_edit_domain(vm_id, forget_edit, lv, &e2) < 0)
				free(e2);
		}
		free(xml);
	}
	if (rc == 0 && out) {
		out->name = eng_strdup(name);
		snprintf(out->id, sizeof out->id, "%s", id);
		snprintf(out->mac, sizeof out->mac, "%s", hv);
		out->legacy = spec->legacy;
		out->dynamic_mac = !spec->static_mac;
		out->live = v.active;
		out->settings =
		    calloc(spec->nsettings ? spec->nsettings : 1, sizeof *out->settings);
		if (!out->settings)
			abort();
		for (size_t i = 0; i < spec->nsettings; i++) {
			out->settings[i].name = eng_strdup(spec->settings[i].name);
			out->settings[i].value = eng_strdup(spec->settings[i].value);
		}
		out->nsettings = spec->nsettings;
	}
	view_free(&v);
	return rc;
}

static int nics_remove(const char *vm_id, const char *nic_id, char **warning, char **err)
{
	*warning = NULL;
	vm_view v;
	int rc = view_open(vm_id, &v, err);
	if (rc < 0)
		return rc;
	eng_nic nic;
	char lv[18];
	xmlNodePtr iface = find_nic(&v, nic_id, &nic, lv);
	if (!iface) {
		eng_fail(err, "'%s' has no network adapter with the Id %s", v.name, nic_id);
		rc = ENG_ENODEVICE;
	} else if (v.saved || (v.active && nic.legacy)) {
		eng_fail(err,
		         "A %s network adapter cannot be removed while the virtual machine is %s: "
		         "turn it off first",
		         nic.legacy ? "legacy" : "synthetic", state_word(&v));
		rc = ENG_ESTATE;
	} else if (!v.active) {
		rc = eng_edit_domain(vm_id, forget_edit, lv, err);
	} else {
		/* libvirt finds the device by its address; the type only has to
		   parse */
		xmlNodePtr n = xmlNewNode(NULL, X("interface"));
		xmlNewProp(n, X("type"), X("user"));
		xmlNewProp(xmlNewChild(n, NULL, X("mac"), NULL), X("address"), X(lv));
		char *xml = device_text(n);
		if (virDomainDetachDeviceFlags(
		        v.dom, xml, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG) < 0) {
			rc =
			    eng_fail_virt(err, "Cannot unplug the adapter from the running virtual "
			                       "machine");
		} else {
			char *e2 = NULL;
			if (eng_edit_domain(vm_id, forget_edit, lv, &e2) < 0)
				free(e2); /* a record without its device is ignored */
			char *lx = virDomainGetXMLDesc(v.dom, 0);
			xmlDocPtr live = lx ? eng_xml_read(lx, &e2) : NULL;
			if (!lx)
				virResetLastError();
			free(e2);
			if (live && has_address(live, lv))
				*warning = eng_printf(
				    "The guest of '%s' has not released network adapter '%s' yet: "
				    "the configuration no longer has it, and the running virtual "
				    "machine loses it when the guest's operating system lets "
				    "it go, or when the virtual machine stops",
				    v.name, nic.name);
			if (live)
				xmlFreeDoc(live);
			free(lx);
		}
		free(xml);
	}
	nic_clear(&nic);
	view_free(&v);
	return rc;
}

typedef struct set_ctx {
	const char *lv;     /* the address now */
	const char *new_lv; /* NULL: unchanged */
	const char *id;
	int dynamic; /* -1: unchanged */
	const eng_nic_change *c;
} set_ctx;

static int set_edit(xmlDocPtr doc, virDomainPtr dom, bool active, void *ctx, char **err)
{
	(void)dom;
	set_ctx *s = ctx;
	xmlNodePtr iface = interface_with(doc, s->lv);
	if (!iface) {
		eng_fail(err, "The network adapter was removed meanwhile");
		return ENG_ENODEVICE;
	}
	if (s->new_lv && active)
		return eng_fail(err, "The virtual machine started meanwhile; try again");
	if (s->new_lv)
		xmlSetProp(eng_xml_element(iface, NULL, "mac"), X("address"), X(s->new_lv));
	xmlNodePtr meta = eng_xml_hvsh(doc);
	xmlNodePtr rec = record_of(meta, s->lv);
	if (!rec)
		rec = new_record(meta, s->lv, s->id);
	if (s->new_lv)
		xmlSetProp(rec, X("mac"), X(s->new_lv));
	if (s->dynamic >= 0)
		xmlSetProp(rec, X("dynamicMac"), X(s->dynamic ? "true" : "false"));
	if (s->c->new_name)
		record_text(rec, "name", NULL, s->c->new_name);
	record_settings(rec, s->c->settings, s->c->nsettings);
	return 0;
}

static int nics_set(const char *vm_id, const char *nic_id, const eng_nic_change *c, char **err)
{
	vm_view v;
	int rc = view_open(vm_id, &v, err);
	if (rc < 0)
		return rc;
	eng_nic nic;
	char lv[18], new_hv[13], new_lv[18];
	unsigned char b[6];
	set_ctx s = {.lv = lv, .dynamic = -1, .c = c};
	xmlNodePtr iface = find_nic(&v, nic_id, &nic, lv);
	if (!iface) {
		eng_fail(err, "'%s' has no network adapter with the Id %s", v.name, nic_id);
		rc = ENG_ENODEVICE;
	} else if (c->static_mac && !mac_bytes(c->static_mac, b)) {
		eng_fail(err, "'%s' is not a MAC address", c->static_mac);
		rc = ENG_EINVAL;
	} else if (c->static_mac) {
		mac_hyperv(b, new_hv);
		mac_libvirt(b, new_lv);
		s.dynamic = 0;
		if (strcmp(new_lv, lv) != 0)
			s.new_lv = new_lv;
	} else if (c->dynamic_mac) {
		s.dynamic = 1;
		if (!nic.dynamic_mac) {
			new_mac(&v, new_hv, new_lv);
			s.new_lv = new_lv;
		}
	}
	if (rc == 0 && s.new_lv && (v.active || v.saved)) {
		eng_fail(err,
		         "The MAC address of a network adapter cannot be changed while the virtual "
		         "machine is %s: turn it off first",
		         state_word(&v));
		rc = ENG_ESTATE;
	} else if (rc == 0 && s.new_lv && mac_taken(&v, s.new_lv)) {
		eng_fail(err, "Another network adapter of '%s' has the MAC address %s", v.name,
		         new_hv);
		rc = ENG_EEXIST;
	}
	if (rc == 0) {
		s.id = nic.id;
		rc = eng_edit_domain(vm_id, set_edit, &s, err);
	}
	nic_clear(&nic);
	view_free(&v);
	return rc;
}

const eng_nics_api eng_nics_table = {
    .list = nics_list,
    .free = nics_free,
    .add = nics_add,
    .remove = nics_remove,
    .set = nics_set,
    .parse_mac = nics_parse_mac,
};
