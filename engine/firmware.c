/*
 * firmware.c - a VM's BIOS and UEFI settings (firmware.h), read from and
 * written to its libvirt description.
 *
 * Generation 1 (SeaBIOS). Hyper-V's startup order is a permutation of
 * four device classes; libvirt's <os><boot dev=.../> list is the same
 * thing (cdrom, hd, network, fd), and libvirt gives QEMU a bootindex on
 * the first device of each class in that order. A description that names
 * fewer classes (New-VM writes one) reads as those first, then the others
 * in Hyper-V's default order; Set-VMBios always writes all four.
 *
 * Generation 2 (OVMF). The boot order names devices, so it is libvirt's
 * per-device <boot order='N'/>, which libvirt forbids mixing with
 * <os><boot>: writing one removes the other. A description with only
 * <os><boot dev=...> reads as libvirt runs it: the first device of each
 * class named. Devices outside the order are not booted (libvirt runs
 * QEMU with strict boot). Each entry's firmware path is the UEFI device
 * path OVMF builds for it, from the PCI addresses libvirt assigned
 * (PciRoot(0x0)/Pci(0x1,0x0)/Pci(0x0,0x0)/Scsi(0x0,0x0)).
 *
 * Secure Boot is a choice of firmware: libvirt's auto-selection picks the
 * OVMF build from the <firmware> features asked for (secure-boot and
 * enrolled-keys: the build with Microsoft's keys enrolled, which refuses
 * unsigned loaders, or the plain one). The UEFI variable store (NVRAM) is
 * a copy of the chosen build's template made at the VM's first start and
 * kept from then on, so a switch removes it: the next start copies the
 * template of the build now chosen. libvirt keeps the store in its
 * nvram directory as NAME_VARS.fd unless the description names another.
 * The Secure Boot templates all use the keys that build enrolls
 * (Microsoft's KEK and both of its db certificates); the template chosen
 * is kept and shown.
 *
 * Whatever libvirt has no element for lives in hvsh's metadata.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libvirt/virterror.h>

#include "internal.h"

#define X(s) ((const xmlChar *)(s))

static const eng_secure_boot_template templates[] = {
    {"MicrosoftWindows", "1734c6e8-3154-4dda-ba5f-a874cc483422"},
    {"MicrosoftUEFICertificateAuthority", "272e7447-90a4-4563-a4b9-8e4ab00526ce"},
    {"OpenSourceShieldedVM", "4292ae2b-ee2c-42b5-a969-dd8f8689f6f3"},
    {NULL, NULL},
};

/* Hyper-V's BIOS device classes in its default startup order, and
 * libvirt's names for them. */
enum { CLS_CD, CLS_IDE, CLS_NET, CLS_FLOPPY, NCLASSES };
static const char *const class_names[NCLASSES] = {"CD", "IDE", "LegacyNetworkAdapter", "Floppy"};
static const char *const class_devs[NCLASSES] = {"cdrom", "hd", "network", "fd"};

/* ---- reading the description ---- */

/* A metadata setting's text (malloc'd), or NULL. */
static char *meta_text(xmlNodePtr vm, const char *name)
{
	for (xmlNodePtr n = vm->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && n->ns &&
		    strcmp((const char *)n->ns->href, ENG_XMLNS) == 0 &&
		    strcmp((const char *)n->name, name) == 0) {
			xmlChar *t = xmlNodeGetContent(n);
			char *s = eng_strdup((const char *)t);
			xmlFree(t);
			return s;
		}
	return NULL;
}

/* A device that can boot, as the description holds it. */
typedef struct dev {
	xmlNodePtr node;
	int cls;                     /* CLS_* */
	const char *controller_type; /* "IDE" or "SCSI"; NULL on other buses */
	int controller_number;
	int controller_location;
	int target; /* SCSI target, for the firmware path */
	char mac[13];
	int order; /* its <boot order>, 0 when none */
} dev;

typedef struct devs {
	dev *v;
	size_t n;
} devs;

/* The 12 hex digits of a MAC address, upper case, separators (':' '-')
 * dropped; "" when it is not one. */
static void mac_digits(const char *mac, char out[13])
{
	size_t k = 0;
	for (const char *p = mac; p && *p; p++) {
		if (*p == ':' || *p == '-')
			continue;
		if (k == 12 || !strchr("0123456789abcdefABCDEF", *p)) {
			k = 0;
			break;
		}
		out[k++] = (char)(*p >= 'a' && *p <= 'f' ? *p - 'a' + 'A' : *p);
	}
	out[k == 12 ? k : 0] = '\0';
}

static devs collect(xmlNodePtr devices)
{
	devs d = {0};
	for (xmlNodePtr n = devices ? devices->children : NULL; n; n = n->next) {
		dev x = {.node = n, .controller_number = -1, .controller_location = -1};
		if (eng_xml_is(n, "disk")) {
			char *kind = eng_xml_attr(n, "device");
			x.cls = !kind || strcmp(kind, "disk") == 0 ? CLS_IDE
			        : strcmp(kind, "cdrom") == 0       ? CLS_CD
			        : strcmp(kind, "floppy") == 0      ? CLS_FLOPPY
			                                           : -1;
			free(kind);
			if (x.cls < 0)
				continue;
			char *bus = eng_xml_attr(eng_xml_child(n, "target"), "bus");
			xmlNodePtr a = eng_xml_child(n, "address");
			if (bus && eng_xml_attr_is(a, "type", "drive")) {
				/* Hyper-V's numbering: IDE N:L is bus N unit L; SCSI
				   N:L is controller N unit L */
				if (strcmp(bus, "ide") == 0) {
					x.controller_type = "IDE";
					x.controller_number = eng_xml_attr_int(a, "bus", 0);
				} else if (strcmp(bus, "scsi") == 0) {
					x.controller_type = "SCSI";
					x.controller_number = eng_xml_attr_int(a, "controller", 0);
				}
				x.controller_location = eng_xml_attr_int(a, "unit", 0);
				x.target = eng_xml_attr_int(a, "target", 0);
			}
			free(bus);
		} else if (eng_xml_is(n, "interface")) {
			x.cls = CLS_NET;
			char *mac = eng_xml_attr(eng_xml_child(n, "mac"), "address");
			mac_digits(mac, x.mac);
			free(mac);
		} else {
			continue;
		}
		x.order = eng_xml_attr_int(eng_xml_child(n, "boot"), "order", 0);
		d.v = realloc(d.v, (d.n + 1) * sizeof *d.v);
		if (!d.v)
			abort();
		d.v[d.n++] = x;
	}
	return d;
}

/* The devices libvirt boots, in order, as indexes into d (*n of them;
 * out has room for d->n). */
static size_t effective_order(xmlNodePtr os, const devs *d, size_t *out)
{
	size_t n = 0;
	bool per_device = false;
	for (size_t i = 0; i < d->n; i++)
		per_device |= d->v[i].order > 0;
	if (per_device) {
		for (size_t i = 0; i < d->n; i++)
			if (d->v[i].order > 0) {
				size_t k = n++;
				while (k > 0 && d->v[out[k - 1]].order > d->v[i].order) {
					out[k] = out[k - 1];
					k--;
				}
				out[k] = i;
			}
		return n;
	}
	/* <os><boot dev>: libvirt boots the first device of each class */
	for (xmlNodePtr b = os ? os->children : NULL; b; b = b->next) {
		if (!eng_xml_is(b, "boot"))
			continue;
		char *what = eng_xml_attr(b, "dev");
		for (int c = 0; what && c < NCLASSES; c++) {
			if (strcmp(what, class_devs[c]) != 0)
				continue;
			for (size_t i = 0; i < d->n; i++)
				if (d->v[i].cls == c) {
					bool seen = false;
					for (size_t k = 0; k < n; k++)
						seen |= out[k] == i;
					if (!seen)
						out[n++] = i;
					break;
				}
		}
		free(what);
	}
	return n;
}

/* Generation 1: the four classes in order. */
static void startup_order(xmlNodePtr os, const devs *d, const char *out[NCLASSES])
{
	bool used[NCLASSES] = {false};
	int k = 0;
	bool per_device = false;
	for (size_t i = 0; i < d->n; i++)
		per_device |= d->v[i].order > 0;
	if (per_device) {
		size_t *idx = calloc(d->n + 1, sizeof *idx);
		if (!idx)
			abort();
		size_t n = effective_order(os, d, idx);
		for (size_t i = 0; i < n; i++) {
			int c = d->v[idx[i]].cls;
			if (!used[c]) {
				used[c] = true;
				out[k++] = class_names[c];
			}
		}
		free(idx);
	} else {
		for (xmlNodePtr b = os ? os->children : NULL; b; b = b->next) {
			char *what = eng_xml_is(b, "boot") ? eng_xml_attr(b, "dev") : NULL;
			for (int c = 0; what && c < NCLASSES; c++)
				if (strcmp(what, class_devs[c]) == 0 && !used[c]) {
					used[c] = true;
					out[k++] = class_names[c];
				}
			free(what);
		}
	}
	for (int c = 0; c < NCLASSES; c++)
		if (!used[c])
			out[k++] = class_names[c];
}

/* The UEFI device path of the PCI function at `address`, as OVMF writes
 * it, walking up through the PCI controllers; NULL when unknown. */
static char *pci_path(xmlNodePtr devices, xmlNodePtr address, int depth)
{
	if (!address || !eng_xml_attr_is(address, "type", "pci") || depth > 8)
		return NULL;
	int bus = eng_xml_attr_int(address, "bus", -1);
	int slot = eng_xml_attr_int(address, "slot", -1);
	int fn = eng_xml_attr_int(address, "function", 0);
	if (bus < 0 || slot < 0)
		return NULL;
	if (bus == 0)
		return eng_printf("PciRoot(0x0)/Pci(0x%x,0x%x)", slot, fn);
	for (xmlNodePtr n = devices->children; n; n = n->next)
		if (eng_xml_is(n, "controller") && eng_xml_attr_is(n, "type", "pci") &&
		    eng_xml_attr_int(n, "index", -1) == bus) {
			char *up = pci_path(devices, eng_xml_child(n, "address"), depth + 1);
			char *p = up ? eng_printf("%s/Pci(0x%x,0x%x)", up, slot, fn) : NULL;
			free(up);
			return p;
		}
	return NULL;
}

static char *firmware_path(xmlNodePtr devices, const dev *x)
{
	if (x->cls == CLS_NET) {
		char *up = pci_path(devices, eng_xml_child(x->node, "address"), 0);
		char lower[13];
		for (int i = 0; i < 13; i++)
			lower[i] =
			    (char)(x->mac[i] >= 'A' && x->mac[i] <= 'F' ? x->mac[i] - 'A' + 'a'
			                                                : x->mac[i]);
		char *p = up ? eng_printf("%s/MAC(%s,0x1)", up, lower) : NULL;
		free(up);
		return p;
	}
	if (!x->controller_type || strcmp(x->controller_type, "SCSI") != 0)
		return NULL;
	for (xmlNodePtr n = devices->children; n; n = n->next)
		if (eng_xml_is(n, "controller") && eng_xml_attr_is(n, "type", "scsi") &&
		    eng_xml_attr_int(n, "index", -1) == x->controller_number) {
			char *up = pci_path(devices, eng_xml_child(n, "address"), 0);
			char *p = up ? eng_printf("%s/Scsi(0x%x,0x%x)", up, x->target,
			                          x->controller_location)
			             : NULL;
			free(up);
			return p;
		}
	return NULL;
}

static void fill_entry(xmlNodePtr devices, const dev *x, eng_boot_entry *e)
{
	memset(e, 0, sizeof *e);
	e->kind = x->cls == CLS_NET  ? ENG_BOOT_NIC
	          : x->cls == CLS_CD ? ENG_BOOT_DVD
	                             : ENG_BOOT_DISK;
	if (x->cls == CLS_NET) {
		memcpy(e->mac, x->mac, sizeof e->mac);
		e->description = eng_strdup("EFI Network");
	} else {
		e->controller_type = x->controller_type;
		e->controller_number = x->controller_number;
		e->controller_location = x->controller_location;
		xmlNodePtr src = eng_xml_child(x->node, "source");
		char *path = eng_xml_attr(src, "file");
		if (!path)
			path = eng_xml_attr(src, "dev");
		e->path = path;
		e->description =
		    eng_strdup(strcmp(x->controller_type, "SCSI") == 0 ? "EFI SCSI Device"
		               : x->cls == CLS_CD                      ? "EFI DVD/CDROM"
		                                                       : "EFI Hard Drive");
	}
	e->firmware_path = firmware_path(devices, x);
}

/* A device Hyper-V can name in a Generation 2 boot order. */
static bool bootable(const dev *x)
{
	return x->cls == CLS_NET || ((x->cls == CLS_IDE || x->cls == CLS_CD) && x->controller_type);
}

static bool secure_boot_on(xmlNodePtr os)
{
	for (xmlNodePtr f = eng_xml_child(eng_xml_child(os, "firmware"), "feature"); f; f = f->next)
		if (eng_xml_is(f, "feature") && eng_xml_attr_is(f, "name", "secure-boot"))
			return eng_xml_attr_is(f, "enabled", "yes");
	return eng_xml_attr_is(eng_xml_child(os, "loader"), "secure", "yes");
}

static const eng_secure_boot_template *template_named(const char *name)
{
	for (const eng_secure_boot_template *t = templates; name && t->name; t++)
		if (strcasecmp(t->name, name) == 0)
			return t;
	return NULL;
}

static int get_firmware(const char *id, eng_firmware *out, char **err)
{
	memset(out, 0, sizeof *out);
	virDomainPtr dom = eng_lookup(id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	char *xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
	int rc = 0;
	eng_domain_desc desc = {0};
	xmlDocPtr doc = NULL;
	if (!xml)
		rc = eng_fail_virt(err, "cannot read the description of '%s'",
		                   virDomainGetName(dom));
	else if (eng_domxml_parse(xml, &desc, err) < 0 || !(doc = eng_xml_read(xml, err)))
		rc = -1;
	free(xml);
	virDomainFree(dom);
	if (rc < 0) {
		eng_domain_desc_free(&desc);
		return rc;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr os = eng_xml_child(root, "os"), devices = eng_xml_child(root, "devices");
	xmlNodePtr vm = eng_xml_hvsh(doc);
	devs d = collect(devices);
	out->generation = desc.generation;
	char *t;
	if (desc.generation == 1) {
		startup_order(os, &d, out->startup_order);
		t = meta_text(vm, "numLock");
		out->num_lock = t && strcmp(t, "true") == 0;
		free(t);
	} else {
		out->secure_boot = secure_boot_on(os);
		t = meta_text(vm, "secureBootTemplate");
		const eng_secure_boot_template *tpl = template_named(t);
		free(t);
		if (!tpl)
			tpl = &templates[0]; /* Hyper-V's default */
		out->secure_boot_template = eng_strdup(tpl->name);
		out->secure_boot_template_id = eng_strdup(tpl->id);
		t = meta_text(vm, "preferredNetworkBootProtocol");
		out->preferred_network_boot_protocol = eng_strdup(t && *t ? t : "IPv4");
		free(t);
		t = meta_text(vm, "consoleMode");
		out->console_mode = eng_strdup(t && *t ? t : "Default");
		free(t);
		t = meta_text(vm, "pauseAfterBootFailure");
		out->pause_after_boot_failure = t && strcmp(t, "true") == 0;
		free(t);
		size_t *idx = calloc(d.n + 1, sizeof *idx);
		out->boot = calloc(d.n + 1, sizeof *out->boot);
		if (!idx || !out->boot)
			abort();
		size_t n = effective_order(os, &d, idx);
		for (size_t i = 0; i < n; i++)
			if (bootable(&d.v[idx[i]]))
				fill_entry(devices, &d.v[idx[i]], &out->boot[out->nboot++]);
		free(idx);
	}
	free(d.v);
	xmlFreeDoc(doc);
	eng_domain_desc_free(&desc);
	return 0;
}

static void firmware_free(eng_firmware *fw)
{
	free(fw->secure_boot_template);
	free(fw->secure_boot_template_id);
	free(fw->preferred_network_boot_protocol);
	free(fw->console_mode);
	for (size_t i = 0; i < fw->nboot; i++) {
		free(fw->boot[i].path);
		free(fw->boot[i].description);
		free(fw->boot[i].firmware_path);
	}
	free(fw->boot);
	memset(fw, 0, sizeof *fw);
}

/* ---- changing it ---- */

#define STARTUP_RULE                                                                               \
	"The startup order must name each of Floppy, CD, IDE and LegacyNetworkAdapter once"

typedef struct set_ctx {
	const eng_firmware_settings *s;
	int generation;
	char *nvram; /* the variable store to remove once the change is in */
	bool invalid;
} set_ctx;

/* Input that does not fit the VM: ENG_EINVAL to the caller. */
static int invalid(set_ctx *c, char **err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int invalid(set_ctx *c, char **err, const char *fmt, ...)
{
	c->invalid = true;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(err, fmt, ap) < 0)
		abort();
	va_end(ap);
	return -1;
}

static void remove_children(xmlNodePtr parent, const char *name)
{
	xmlNodePtr next;
	for (xmlNodePtr n = parent ? parent->children : NULL; n; n = next) {
		next = n->next;
		if (eng_xml_is(n, name)) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		}
	}
}

/* Removes every boot order: <os><boot> and the devices' <boot>. */
static void strip_boot(xmlNodePtr os, xmlNodePtr devices)
{
	remove_children(os, "boot");
	for (xmlNodePtr n = devices ? devices->children : NULL; n; n = n->next)
		remove_children(n, "boot");
}

static int resolve(set_ctx *c, const char *vm, const devs *d, const eng_boot_ref *r, size_t *out,
                   char **err)
{
	if (r->nic) {
		char mac[13];
		mac_digits(r->mac, mac);
		for (size_t i = 0; mac[0] && i < d->n; i++)
			if (d->v[i].cls == CLS_NET && strcmp(d->v[i].mac, mac) == 0) {
				*out = i;
				return 0;
			}
		return invalid(c, err,
		               "The virtual machine '%s' has no network adapter with the MAC "
		               "address '%s'",
		               vm, r->mac ? r->mac : "");
	}
	for (size_t i = 0; i < d->n; i++)
		if (bootable(&d->v[i]) && d->v[i].cls != CLS_NET && r->controller_type &&
		    strcasecmp(d->v[i].controller_type, r->controller_type) == 0 &&
		    d->v[i].controller_number == r->controller_number &&
		    d->v[i].controller_location == r->controller_location) {
			*out = i;
			return 0;
		}
	return invalid(c, err,
	               "The virtual machine '%s' has no drive on %s controller %d at location %d",
	               vm, r->controller_type ? r->controller_type : "an unknown",
	               r->controller_number, r->controller_location);
}

/* Generation 2's new boot order (indexes into d, *n of them; order has
 * room for d->n and s->nboot_order). */
static int new_boot_order(set_ctx *c, const char *vm, xmlNodePtr os, const devs *d, size_t *order,
                          size_t *n, char **err)
{
	const eng_firmware_settings *s = c->s;
	*n = effective_order(os, d, order);
	if (s->boot_order) {
		for (size_t i = 0; i < s->nboot_order; i++) {
			if (resolve(c, vm, d, &s->boot_order[i], &order[i], err) < 0)
				return -1;
			for (size_t k = 0; k < i; k++)
				if (order[k] == order[i])
					return invalid(
					    c, err, "The boot order of '%s' names a device twice",
					    vm);
		}
		*n = s->nboot_order;
	}
	if (s->first_boot_device) {
		size_t first, k = 0;
		if (resolve(c, vm, d, s->first_boot_device, &first, err) < 0)
			return -1;
		for (size_t i = 0; i < *n; i++)
			if (order[i] != first)
				order[k++] = order[i];
		memmove(order + 1, order, k * sizeof *order);
		order[0] = first;
		*n = k + 1;
	}
	return 0;
}

static void set_feature(xmlNodePtr firmware, const char *name, bool on)
{
	xmlNodePtr f = NULL;
	for (xmlNodePtr n = firmware->children; n && !f; n = n->next)
		if (eng_xml_is(n, "feature") && eng_xml_attr_is(n, "name", name))
			f = n;
	if (!f) {
		f = xmlNewChild(firmware, NULL, X("feature"), NULL);
		xmlSetProp(f, X("name"), X(name));
	}
	xmlSetProp(f, X("enabled"), X(on ? "yes" : "no"));
}

static bool feature_on(xmlNodePtr firmware, const char *name)
{
	for (xmlNodePtr n = firmware ? firmware->children : NULL; n; n = n->next)
		if (eng_xml_is(n, "feature") && eng_xml_attr_is(n, "name", name))
			return eng_xml_attr_is(n, "enabled", "yes");
	return false;
}

/* Where libvirt keeps a VM's UEFI variable store (malloc'd), or NULL with
 * *err when this engine's is not a directory hvsh can reach. */
static char *nvram_path(xmlNodePtr os, const char *name, char **err)
{
	xmlNodePtr nv = eng_xml_child(os, "nvram");
	if (nv) {
		xmlChar *t = xmlNodeGetContent(nv);
		char *path = t && *t ? eng_strdup((const char *)t)
		                     : eng_xml_attr(eng_xml_child(nv, "source"), "file");
		xmlFree(t);
		if (path && *path)
			return path;
		free(path);
	}
	char *dir = NULL;
	const char *uri = eng_g.uri ? eng_g.uri : "";
	if (eng_g.root) {
		dir = eng_printf("%s/lib/qemu/nvram", eng_g.root);
	} else if (strcmp(uri, "qemu:///system") == 0 || strcmp(uri, "qemu+unix:///system") == 0) {
		dir = eng_strdup("/var/lib/libvirt/qemu/nvram");
	} else if (strcmp(uri, "qemu:///session") == 0 ||
	           strcmp(uri, "qemu+unix:///session") == 0) {
		const char *xdg = getenv("XDG_CONFIG_HOME");
		const char *home = getenv("HOME");
		if (xdg && *xdg)
			dir = eng_printf("%s/libvirt/qemu/nvram", xdg);
		else if (home && *home)
			dir = eng_printf("%s/.config/libvirt/qemu/nvram", home);
	}
	if (!dir) {
		eng_fail(err,
		         "Secure Boot of '%s' cannot be changed on the engine '%s': its UEFI "
		         "variable store is not on this host",
		         name, uri);
		return NULL;
	}
	char *path = eng_printf("%s/%s_VARS.fd", dir, name);
	free(dir);
	return path;
}

static int set_secure_boot(set_ctx *c, const char *vm, xmlNodePtr os, char **err)
{
	bool on = c->s->secure_boot == 1;
	xmlNodePtr fw = eng_xml_child(os, "firmware");
	if (fw && feature_on(fw, "secure-boot") == on && feature_on(fw, "enrolled-keys") == on)
		return 0;
	char *path = nvram_path(os, vm, err);
	if (!path)
		return -1;
	/* refused now rather than after the change is in */
	char *slash = strrchr(path, '/');
	if (slash && access(path, F_OK) == 0) {
		*slash = '\0';
		bool can = access(path, W_OK | X_OK) == 0;
		int e = errno;
		*slash = '/';
		if (!can) {
			eng_fail(err, "cannot remove the UEFI variable store '%s' of '%s': %s",
			         path, vm, strerror(e));
			free(path);
			return -1;
		}
	}
	c->nvram = path;
	/* libvirt chooses the build again: a loader or store named before
	   would pin the old one */
	remove_children(os, "loader");
	remove_children(os, "nvram");
	xmlSetProp(os, X("firmware"), X("efi"));
	if (!fw) {
		/* <firmware> follows <type> in libvirt's order */
		fw = xmlNewNode(NULL, X("firmware"));
		xmlNodePtr type = eng_xml_child(os, "type");
		if (type)
			xmlAddNextSibling(type, fw);
		else
			xmlAddChild(os, fw);
	}
	set_feature(fw, "enrolled-keys", on);
	set_feature(fw, "secure-boot", on);
	return 0;
}

static int edit(xmlDocPtr doc, virDomainPtr dom, bool active, void *p, char **err)
{
	set_ctx *c = p;
	const eng_firmware_settings *s = c->s;
	const char *vm = virDomainGetName(dom);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr os = eng_xml_child(root, "os"), devices = eng_xml_child(root, "devices");
	if (!os)
		os = xmlNewChild(root, NULL, X("os"), NULL);
	xmlNodePtr meta = eng_xml_hvsh(doc);
	devs d = collect(devices);
	/* room for a boot order as given, before its devices are checked */
	size_t *order = calloc(d.n + s->nboot_order + 1, sizeof *order), norder = 0;
	if (!order)
		abort();
	int rc = 0;
	int classes[NCLASSES];
	if (c->generation == 1 && s->startup_order) {
		bool used[NCLASSES] = {false};
		if (s->nstartup != NCLASSES)
			rc = invalid(c, err, STARTUP_RULE);
		for (size_t i = 0; rc == 0 && i < s->nstartup; i++) {
			int k = -1;
			for (int cl = 0; cl < NCLASSES; cl++)
				if (strcasecmp(s->startup_order[i], class_names[cl]) == 0)
					k = cl;
			if (k < 0 || used[k])
				rc = invalid(c, err, STARTUP_RULE);
			else
				used[k] = true, classes[i] = k;
		}
	} else if (c->generation == 2 && (s->boot_order || s->first_boot_device)) {
		rc = new_boot_order(c, vm, os, &d, order, &norder, err);
	}
	bool saved = false;
	if (rc == 0 && !active) {
		int ms = virDomainHasManagedSaveImage(dom, 0);
		saved = ms == 1;
		if (ms < 0)
			virResetLastError();
	}
	if (rc == 0 && (active || saved))
		rc = eng_fail(err,
		              "The operation cannot be performed while the virtual machine '%s' is "
		              "in its current state (%s): its firmware settings change only while "
		              "it is off",
		              vm,
		              saved                                        ? "Saved"
		              : eng_domain_state(dom) == VIR_DOMAIN_PAUSED ? "Paused"
		                                                           : "Running");
	if (rc == 0 && c->generation == 2 && s->secure_boot >= 0)
		rc = set_secure_boot(c, vm, os, err);
	if (rc == 0 && c->generation == 1 && s->startup_order) {
		strip_boot(os, devices);
		for (int i = 0; i < NCLASSES; i++)
			xmlSetProp(xmlNewChild(os, NULL, X("boot"), NULL), X("dev"),
			           X(class_devs[classes[i]]));
	}
	if (rc == 0 && c->generation == 2 && (s->boot_order || s->first_boot_device)) {
		strip_boot(os, devices);
		for (size_t i = 0; i < norder; i++) {
			char num[24];
			snprintf(num, sizeof num, "%zu", i + 1);
			xmlSetProp(xmlNewChild(d.v[order[i]].node, NULL, X("boot"), NULL),
			           X("order"), X(num));
		}
	}
	if (rc == 0) {
		xmlNsPtr ns = meta->ns;
		if (s->num_lock >= 0)
			eng_xml_set_text(meta, ns, "numLock", s->num_lock ? "true" : "false");
		if (s->secure_boot_template)
			eng_xml_set_text(meta, ns, "secureBootTemplate", s->secure_boot_template);
		if (s->preferred_network_boot_protocol)
			eng_xml_set_text(meta, ns, "preferredNetworkBootProtocol",
			                 s->preferred_network_boot_protocol);
		if (s->console_mode)
			eng_xml_set_text(meta, ns, "consoleMode", s->console_mode);
		if (s->pause_after_boot_failure >= 0)
			eng_xml_set_text(meta, ns, "pauseAfterBootFailure",
			                 s->pause_after_boot_failure ? "true" : "false");
	}
	free(order);
	free(d.v);
	return rc;
}

static bool any_setting(const eng_firmware_settings *s, int generation)
{
	if (generation == 1)
		return s->startup_order || s->num_lock >= 0;
	return s->secure_boot >= 0 || s->secure_boot_template ||
	       s->preferred_network_boot_protocol || s->console_mode ||
	       s->pause_after_boot_failure >= 0 || s->boot_order || s->first_boot_device;
}

static void vm_free(eng_vm *v)
{
	eng_vm *copy = malloc(sizeof *copy);
	if (!copy)
		abort();
	*copy = *v;
	eng_vms_free(copy, 1);
}

static int set_firmware(const char *id, const eng_firmware_settings *s, char **err)
{
	eng_vm v;
	int rc = eng_get_vm(id, &v, err);
	if (rc < 0)
		return rc;
	set_ctx c = {.s = s, .generation = v.generation};
	if (any_setting(s, v.generation == 1 ? 2 : 1))
		rc = invalid(
		    &c, err,
		    "'%s' is a Generation %d virtual machine: %s settings do not apply to it",
		    v.name, v.generation, v.generation == 1 ? "UEFI" : "BIOS");
	else if (s->secure_boot_template && !template_named(s->secure_boot_template))
		rc =
		    invalid(&c, err, "'%s' is not a Secure Boot template", s->secure_boot_template);
	else if (any_setting(s, v.generation))
		rc = eng_edit_domain(id, edit, &c, err);
	if (rc == 0 && c.nvram && unlink(c.nvram) < 0 && errno != ENOENT)
		rc = eng_fail(err,
		              "Secure Boot of '%s' changed, but its UEFI variable store '%s' could "
		              "not be removed (%s): remove it before the next start",
		              v.name, c.nvram, strerror(errno));
	free(c.nvram);
	vm_free(&v);
	return rc < 0 && c.invalid ? ENG_EINVAL : rc;
}

const eng_firmware_api eng_firmware_table = {
    .get_firmware = get_firmware,
    .firmware_free = firmware_free,
    .set_firmware = set_firmware,
    .templates = templates,
};
