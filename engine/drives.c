/*
 * drives.c - a VM's drives and controllers (drives.h), read from and
 * written to its libvirt description with libxml2.
 *
 * Reading. The persistent description is the truth: every change below
 * reaches it, and the live VM follows it where it can. Addresses are read
 * back from <address type='drive'> (libvirt fills them in for disks a user
 * defined without), never guessed from target names, which only need to
 * be unique.
 *
 * Changing. Every change is one eng_edit_domain step: the description is
 * read, checked and changed as a document, then defined again, so a
 * refused change leaves nothing behind. When the VM runs, what can change
 * live goes to libvirt first with VIR_DOMAIN_AFFECT_LIVE|CONFIG, which
 * applies to both or neither; the document gets the same change, and
 * defining it keeps the two alike. A failure of the live step fails the
 * whole change before anything is written.
 *
 * SCSI controllers are numbered 0..n-1 like Hyper-V's, which numbers them
 * by position: removing one moves those after it down (their index and
 * their drives' addresses), so that numbers never have holes.
 *
 * Image formats come from the files' first bytes (and a fixed VHD's
 * footer), not from their names: a VHD named .img still works. VHDX is
 * refused with a way out: QEMU reads it, but libvirt (9.x) has no driver
 * type for it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libvirt/virterror.h>
#include <libxml/tree.h>

#include "internal.h"

#define X(s) ((const xmlChar *)(s))

static const char *const bus_names[] = {"IDE", "SCSI", "floppy"};
static const char *const kind_names[] = {"hard disk drive", "DVD drive", "floppy disk drive"};

/* A failure with its own code (drives.h), message as eng_fail's. */
static int failc(char **err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int failc(char **err, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		abort();
	va_end(ap);
	free(*err);
	*err = msg;
	return code;
}

/* ---- reading the description ---- */

static void set_int_prop(xmlNodePtr n, const char *name, int value)
{
	char num[16];
	snprintf(num, sizeof num, "%d", value);
	xmlSetProp(n, X(name), X(num));
}

static xmlNodePtr devices_of(xmlDocPtr doc)
{
	return eng_xml_element(xmlDocGetRootElement(doc), NULL, "devices");
}

/* The index a target name stands for: hdc is 2, sdaa is 26; -1 if none. */
static int name_index(const char *dev)
{
	if (!dev || strlen(dev) < 3)
		return -1;
	int idx = 0;
	for (const char *p = dev + 2; *p; p++) {
		if (*p < 'a' || *p > 'z' || idx > 100000)
			return -1;
		idx = idx * 26 + (*p - 'a' + 1);
	}
	return idx - 1;
}

/* prefix followed by the letters of index idx (libvirt's naming). */
static void name_for(char *buf, size_t size, const char *prefix, int idx)
{
	char letters[8];
	int k = 0;
	for (int i = idx + 1; i > 0 && k < (int)sizeof letters; i = (i - 1) / 26)
		letters[k++] = (char)('a' + (i - 1) % 26);
	int len = snprintf(buf, size, "%s", prefix);
	while (k > 0 && len + 1 < (int)size)
		buf[len++] = letters[--k];
	buf[len] = '\0';
}

static void drive_clear(eng_drive *d)
{
	free(d->path);
	free(d->format);
	memset(d, 0, sizeof *d);
}

static eng_cache cache_of(const char *mode)
{
	if (!mode)
		return ENG_CACHE_DEFAULT;
	if (strcmp(mode, "writethrough") == 0 || strcmp(mode, "directsync") == 0)
		return ENG_CACHE_WRITE_DISABLED;
	return ENG_CACHE_WRITE_ENABLED;
}

/* The drive a <disk> element describes; false when Hyper-V has no name
 * for it (a disk on virtio, SATA, USB ...). */
static bool read_disk(xmlNodePtr disk, eng_drive *d)
{
	memset(d, 0, sizeof *d);
	char *device = eng_xml_attr(disk, "device");
	xmlNodePtr target = eng_xml_child(disk, "target");
	char *bus = eng_xml_attr(target, "bus");
	char *dev = eng_xml_attr(target, "dev");
	bool ok = true;
	if (!device || strcmp(device, "disk") == 0)
		d->kind = ENG_DRIVE_DISK;
	else if (strcmp(device, "cdrom") == 0)
		d->kind = ENG_DRIVE_DVD;
	else if (strcmp(device, "floppy") == 0)
		d->kind = ENG_DRIVE_FLOPPY;
	else
		ok = false;
	if (ok && bus && strcmp(bus, "ide") == 0)
		d->bus = ENG_BUS_IDE;
	else if (ok && bus && strcmp(bus, "scsi") == 0)
		d->bus = ENG_BUS_SCSI;
	else if (ok && bus && strcmp(bus, "fdc") == 0)
		d->bus = ENG_BUS_FLOPPY;
	else
		ok = false;
	if (ok && (d->kind == ENG_DRIVE_FLOPPY) != (d->bus == ENG_BUS_FLOPPY))
		ok = false;
	if (ok) {
		xmlNodePtr addr = eng_xml_child(disk, "address");
		bool drive_addr = addr && eng_xml_attr_is(addr, "type", "drive");
		int idx = name_index(dev);
		if (d->bus == ENG_BUS_IDE) {
			d->controller = drive_addr ? eng_xml_attr_int(addr, "bus", 0)
			                : idx >= 0 ? idx / 2
			                           : 0;
			d->location = drive_addr ? eng_xml_attr_int(addr, "unit", 0)
			              : idx >= 0 ? idx % 2
			                         : 0;
		} else if (d->bus == ENG_BUS_SCSI) {
			d->controller = drive_addr ? eng_xml_attr_int(addr, "controller", 0) : 0;
			d->location = drive_addr ? eng_xml_attr_int(addr, "unit", 0)
			              : idx >= 0 ? idx
			                         : 0;
		}
		xmlNodePtr src = eng_xml_child(disk, "source");
		d->path = eng_xml_attr(src, "file");
		if (!d->path) {
			d->path = eng_xml_attr(src, "dev");
			d->passthrough = d->path != NULL;
		}
		xmlNodePtr drv = eng_xml_child(disk, "driver");
		if (d->path) {
			d->format = eng_xml_attr(drv, "type");
			if (!d->format)
				d->format = eng_strdup("raw");
		}
		char *cache = eng_xml_attr(drv, "cache");
		d->cache = cache_of(cache);
		free(cache);
		d->shared = eng_xml_child(disk, "shareable") != NULL;
		xmlNodePtr tune = eng_xml_child(eng_xml_child(disk, "iotune"), "total_iops_sec");
		if (tune) {
			xmlChar *t = xmlNodeGetContent(tune);
			d->maximum_iops = t ? strtoull((const char *)t, NULL, 10) : 0;
			xmlFree(t);
		}
	}
	free(device);
	free(bus);
	free(dev);
	if (!ok)
		drive_clear(d);
	return ok;
}

static int generation_of(xmlDocPtr doc)
{
	/* domxml.c decides it (hvsh's metadata, else the firmware) */
	char *xml = eng_xml_dump(doc), *e = NULL;
	eng_domain_desc desc;
	int gen = 1;
	if (eng_domxml_parse(xml, &desc, &e) == 0) {
		gen = desc.generation;
		eng_domain_desc_free(&desc);
	}
	free(e);
	free(xml);
	return gen;
}

static int cmp_drive(const void *a, const void *b)
{
	const eng_drive *x = a, *y = b;
	if (x->bus != y->bus)
		return x->bus < y->bus ? -1 : 1;
	if (x->controller != y->controller)
		return x->controller < y->controller ? -1 : 1;
	return x->location < y->location ? -1 : x->location > y->location;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return x < y ? -1 : x > y;
}

static void storage_free(eng_storage *s)
{
	for (size_t i = 0; i < s->ndrives; i++)
		drive_clear(&s->drives[i]);
	free(s->drives);
	free(s->scsi);
	memset(s, 0, sizeof *s);
}

static void *grow(void *p, size_t n, size_t size)
{
	void *q = realloc(p, (n + 1) * size);
	if (!q)
		abort();
	return q;
}

static void read_storage(xmlDocPtr doc, bool running, eng_storage *s)
{
	memset(s, 0, sizeof *s);
	s->generation = generation_of(doc);
	s->running = running;
	s->ide_controllers = s->generation == 1 ? ENG_IDE_CONTROLLERS : 0;
	bool floppy = false;
	for (xmlNodePtr n = devices_of(doc)->children; n; n = n->next) {
		if (eng_xml_is(n, "controller") && eng_xml_attr_is(n, "type", "scsi")) {
			int idx = eng_xml_attr_int(n, "index", -1);
			if (idx >= 0) {
				s->scsi = grow(s->scsi, s->nscsi, sizeof *s->scsi);
				s->scsi[s->nscsi++] = idx;
			}
		} else if (eng_xml_is(n, "disk")) {
			eng_drive d;
			if (!read_disk(n, &d))
				continue;
			floppy |= d.kind == ENG_DRIVE_FLOPPY;
			s->drives = grow(s->drives, s->ndrives, sizeof *s->drives);
			s->drives[s->ndrives++] = d;
		}
	}
	if (s->generation == 1 && !floppy) {
		/* Hyper-V shows a Generation 1 VM's floppy drive, empty, always */
		s->drives = grow(s->drives, s->ndrives, sizeof *s->drives);
		s->drives[s->ndrives++] =
		    (eng_drive){.kind = ENG_DRIVE_FLOPPY, .bus = ENG_BUS_FLOPPY};
	}
	if (s->nscsi)
		qsort(s->scsi, s->nscsi, sizeof *s->scsi, cmp_int);
	if (s->ndrives)
		qsort(s->drives, s->ndrives, sizeof *s->drives, cmp_drive);
}

static const eng_drive *drive_at(const eng_storage *s, eng_bus bus, int controller, int location)
{
	for (size_t i = 0; i < s->ndrives; i++)
		if (s->drives[i].bus == bus && s->drives[i].controller == controller &&
		    s->drives[i].location == location)
			return &s->drives[i];
	return NULL;
}

static bool has_scsi(const eng_storage *s, int number)
{
	for (size_t i = 0; i < s->nscsi; i++)
		if (s->scsi[i] == number)
			return true;
	return false;
}

/* The <disk> element at a place; d gets its drive (drive_clear it). */
static xmlNodePtr find_disk(xmlDocPtr doc, eng_bus bus, int controller, int location, eng_drive *d)
{
	for (xmlNodePtr n = devices_of(doc)->children; n; n = n->next) {
		if (!eng_xml_is(n, "disk") || !read_disk(n, d))
			continue;
		if (d->bus == bus && d->controller == controller && d->location == location)
			return n;
		drive_clear(d);
	}
	return NULL;
}

/* Whether the VM has a saved state to resume: its devices are frozen in
 * it, so they do not change either. */
static bool is_saved(virDomainPtr dom, bool active)
{
	if (active)
		return false;
	int r = virDomainHasManagedSaveImage(dom, 0);
	if (r < 0)
		virResetLastError();
	return r == 1;
}

static int busy_error(char **err, virDomainPtr dom, bool saved, const char *what)
{
	return failc(err, ENG_ESTATE, "'%s' is %s: %s only while the virtual machine is off",
	             virDomainGetName(dom), saved ? "saved" : "running", what);
}

/* ---- images ---- */

/* Checks the image a drive is to use: 0 (*block says whether it is a host
 * block device), else ENG_ENOFILE or ENG_EINVAL with *err. */
static int check_image(const char *path, bool *block, char **err)
{
	struct stat st;
	*block = false;
	if (!path || path[0] != '/')
		return failc(err, ENG_EINVAL, "The path '%s' is not absolute", path ? path : "");
	if (stat(path, &st) != 0)
		return errno == ENOENT || errno == ENOTDIR
		           ? failc(err, ENG_ENOFILE, "The file '%s' does not exist", path)
		           : failc(err, ENG_ENOFILE, "Cannot use '%s': %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return failc(err, ENG_EINVAL, "'%s' is a directory, not an image file", path);
	if (S_ISBLK(st.st_mode))
		*block = true;
	else if (!S_ISREG(st.st_mode))
		return failc(err, ENG_EINVAL, "'%s' is neither a file nor a block device", path);
	return 0;
}

/* An image's format from its first bytes; a fixed VHD has its footer at
 * the end only. */
const char *eng_image_format(const char *path)
{
	unsigned char head[8] = {0}, foot[8] = {0};
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return "raw";
	const char *fmt = "raw";
	ssize_t n = pread(fd, head, sizeof head, 0);
	off_t end = lseek(fd, 0, SEEK_END);
	if (n >= 4 && memcmp(head, "QFI\xfb", 4) == 0)
		fmt = "qcow2";
	else if (n == 8 && memcmp(head, "vhdxfile", 8) == 0)
		fmt = "vhdx";
	else if (n == 8 && memcmp(head, "conectix", 8) == 0)
		fmt = "vpc";
	else if (end >= 512 && pread(fd, foot, sizeof foot, end - 512) == 8 &&
	         memcmp(foot, "conectix", 8) == 0)
		fmt = "vpc";
	close(fd);
	return fmt;
}

/* A virtual hard disk's format for libvirt: 0, or ENG_EINVAL for VHDX. */
static int disk_format(const char *path, const char **fmt, char **err)
{
	*fmt = eng_image_format(path);
	if (strcmp(*fmt, "vhdx") == 0)
		return failc(err, ENG_EINVAL, ENG_VHDX_REFUSED, path);
	return 0;
}

/* ---- writing the description ---- */

static char *node_xml(xmlNodePtr n)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlNodeDump(buf, n->doc, n, 0, 0);
	char *out = eng_strdup((const char *)xmlBufferContent(buf));
	xmlBufferFree(buf);
	return out;
}

static void remove_children(xmlNodePtr parent, const char *name)
{
	xmlNodePtr n;
	while ((n = eng_xml_child(parent, name))) {
		xmlUnlinkNode(n);
		xmlFreeNode(n);
	}
}

/* The disk's medium: a file, a host block device, or none. */
static void set_source(xmlNodePtr disk, const char *path, bool block, const char *format)
{
	remove_children(disk, "source");
	xmlSetProp(disk, X("type"), X(block ? "block" : "file"));
	xmlNodePtr drv = eng_xml_element(disk, NULL, "driver");
	xmlSetProp(drv, X("name"), X("qemu"));
	xmlSetProp(drv, X("type"), X(format ? format : "raw"));
	if (path) {
		xmlNodePtr src = xmlNewChild(disk, NULL, X("source"), NULL);
		xmlSetProp(src, X(block ? "dev" : "file"), X(path));
	}
}

static void set_cache(xmlNodePtr disk, eng_cache cache)
{
	xmlNodePtr drv = eng_xml_element(disk, NULL, "driver");
	if (cache == ENG_CACHE_DEFAULT)
		xmlUnsetProp(drv, X("cache"));
	else
		xmlSetProp(drv, X("cache"),
		           X(cache == ENG_CACHE_WRITE_DISABLED ? "writethrough" : "writeback"));
}

static void set_shared(xmlNodePtr disk, bool shared)
{
	remove_children(disk, "shareable");
	if (shared)
		xmlNewChild(disk, NULL, X("shareable"), NULL);
}

static void set_iops(xmlNodePtr disk, uint64_t iops)
{
	xmlNodePtr tune = eng_xml_child(disk, "iotune");
	if (tune)
		remove_children(tune, "total_iops_sec");
	if (iops) {
		if (!tune)
			tune = xmlNewChild(disk, NULL, X("iotune"), NULL);
		char num[32];
		snprintf(num, sizeof num, "%llu", (unsigned long long)iops);
		xmlNewChild(tune, NULL, X("total_iops_sec"), X(num));
	} else if (tune && !tune->children) {
		xmlUnlinkNode(tune);
		xmlFreeNode(tune);
	}
}

/* Whether a target name is used by another disk than `self`. */
static bool name_used(xmlDocPtr doc, xmlNodePtr self, const char *dev)
{
	for (xmlNodePtr n = devices_of(doc)->children; n; n = n->next) {
		if (n == self || !eng_xml_is(n, "disk"))
			continue;
		char *d = eng_xml_attr(eng_xml_child(n, "target"), "dev");
		bool same = d && strcmp(d, dev) == 0;
		free(d);
		if (same)
			return true;
	}
	return false;
}

/* Where the disk sits: its target (bus and a unique name) and its drive
 * address, as drives.h maps Hyper-V's places. */
static void set_place(xmlDocPtr doc, xmlNodePtr disk, eng_bus bus, int controller, int location)
{
	char dev[16];
	if (bus == ENG_BUS_IDE) {
		name_for(dev, sizeof dev, "hd", controller * ENG_IDE_LOCATIONS + location);
	} else if (bus == ENG_BUS_FLOPPY) {
		snprintf(dev, sizeof dev, "fda");
	} else {
		for (int i = 0;; i++) {
			name_for(dev, sizeof dev, "sd", i);
			if (!name_used(doc, disk, dev))
				break;
		}
	}
	xmlNodePtr target = eng_xml_element(disk, NULL, "target");
	xmlSetProp(target, X("dev"), X(dev));
	xmlSetProp(target, X("bus"),
	           X(bus == ENG_BUS_IDE    ? "ide"
	             : bus == ENG_BUS_SCSI ? "scsi"
	                                   : "fdc"));
	remove_children(disk, "address");
	if (bus == ENG_BUS_FLOPPY)
		return;
	xmlNodePtr addr = xmlNewChild(disk, NULL, X("address"), NULL);
	xmlSetProp(addr, X("type"), X("drive"));
	set_int_prop(addr, "controller", bus == ENG_BUS_IDE ? 0 : controller);
	set_int_prop(addr, "bus", bus == ENG_BUS_IDE ? controller : 0);
	set_int_prop(addr, "target", 0);
	set_int_prop(addr, "unit", location);
}

/* A new <disk> element of doc, not yet in its devices. */
static xmlNodePtr new_disk(xmlDocPtr doc, eng_drive_kind kind)
{
	xmlNodePtr disk = xmlNewDocNode(doc, NULL, X("disk"), NULL);
	xmlSetProp(disk, X("type"), X("file"));
	xmlSetProp(disk, X("device"),
	           X(kind == ENG_DRIVE_DVD      ? "cdrom"
	             : kind == ENG_DRIVE_FLOPPY ? "floppy"
	                                        : "disk"));
	set_source(disk, NULL, false, "raw");
	if (kind == ENG_DRIVE_DVD)
		xmlNewChild(disk, NULL, X("readonly"), NULL);
	return disk;
}

/* ---- choosing a place ---- */

static int range_error(char **err, eng_bus bus, const char *what, int value)
{
	if (bus == ENG_BUS_IDE)
		return failc(err, ENG_EINVAL,
		             "The controller %s %d is out of range: IDE controllers are numbered 0 "
		             "and 1, with locations 0 and 1",
		             what, value);
	return failc(err, ENG_EINVAL,
	             "The controller %s %d is out of range: SCSI controllers are numbered 0 to "
	             "%d, with locations 0 to %d",
	             what, value, ENG_SCSI_CONTROLLERS - 1, ENG_SCSI_LOCATIONS - 1);
}

/* Checks that bus/controller/location (-1: any) may hold a drive of this
 * kind in this VM: 0 or a failure code. */
static int check_place(const eng_storage *s, const char *vm, eng_drive_kind kind, int bus,
                       int controller, int location, char **err)
{
	if (bus == ENG_BUS_IDE && s->generation == 2)
		return failc(err, ENG_EINVAL,
		             "'%s' is a Generation 2 virtual machine, which has no IDE controller: "
		             "use a SCSI controller",
		             vm);
	if (bus == ENG_BUS_SCSI && kind == ENG_DRIVE_DVD && s->generation == 1)
		return failc(err, ENG_EINVAL,
		             "'%s' is a Generation 1 virtual machine, whose DVD drives are on its "
		             "IDE controllers",
		             vm);
	int ncontrollers = bus == ENG_BUS_IDE ? ENG_IDE_CONTROLLERS : ENG_SCSI_CONTROLLERS;
	int nlocations = bus == ENG_BUS_IDE ? ENG_IDE_LOCATIONS : ENG_SCSI_LOCATIONS;
	if (controller < -1 || controller >= ncontrollers)
		return range_error(err, bus, "number", controller);
	if (location < -1 || location >= nlocations)
		return range_error(err, bus, "location", location);
	if (bus == ENG_BUS_SCSI && controller >= 0 && !has_scsi(s, controller))
		return failc(
		    err, ENG_ENODEVICE,
		    "'%s' has no SCSI controller number %d (Add-VMScsiController adds one)", vm,
		    controller);
	return 0;
}

/* The first free place on `bus` matching controller and location (-1:
 * any); false when there is none. */
static bool free_place(const eng_storage *s, eng_bus bus, int controller, int location, int *oc,
                       int *ol)
{
	int nlocations = bus == ENG_BUS_IDE ? ENG_IDE_LOCATIONS : ENG_SCSI_LOCATIONS;
	size_t nctrl = bus == ENG_BUS_IDE ? (size_t)s->ide_controllers : s->nscsi;
	for (size_t i = 0; i < nctrl; i++) {
		int c = bus == ENG_BUS_IDE ? (int)i : s->scsi[i];
		if (controller >= 0 && c != controller)
			continue;
		for (int l = 0; l < nlocations; l++) {
			if (location >= 0 && l != location)
				continue;
			if (!drive_at(s, bus, c, l)) {
				*oc = c;
				*ol = l;
				return true;
			}
		}
	}
	return false;
}

/* Where a new drive goes (drives.h's rules for -1); 0 or a failure code. */
static int choose_place(const eng_storage *s, const char *vm, eng_drive_kind kind, int bus,
                        int controller, int location, int *ob, int *oc, int *ol, char **err)
{
	bool anywhere = bus < 0 && controller < 0 && location < 0;
	if (bus < 0)
		bus = s->generation == 2 ? ENG_BUS_SCSI : ENG_BUS_IDE;
	int rc = check_place(s, vm, kind, bus, controller, location, err);
	if (rc)
		return rc;
	*ob = bus;
	if (free_place(s, bus, controller, location, oc, ol))
		return 0;
	/* Generation 1: a hard disk goes to SCSI when IDE is full */
	if (anywhere && bus == ENG_BUS_IDE && kind == ENG_DRIVE_DISK &&
	    free_place(s, ENG_BUS_SCSI, -1, -1, oc, ol)) {
		*ob = ENG_BUS_SCSI;
		return 0;
	}
	if (controller >= 0 && location >= 0)
		return failc(err, ENG_EEXIST,
		             "Location %d of %s controller %d is already in use by a %s", location,
		             bus_names[bus], controller,
		             kind_names[drive_at(s, bus, controller, location)->kind]);
	if ((bus == ENG_BUS_SCSI || anywhere) && s->nscsi == 0)
		return failc(err, ENG_ENODEVICE,
		             "'%s' has no %sSCSI controller (Add-VMScsiController adds one)", vm,
		             anywhere ? "free IDE location and no " : "");
	if (location >= 0)
		return failc(err, -1, "Location %d is in use on every %s controller%s", location,
		             bus_names[bus], controller >= 0 ? " asked for" : "");
	return failc(err, -1, "Every location of %s is in use",
	             controller >= 0      ? "the controller asked for"
	             : anywhere           ? "the IDE and SCSI controllers"
	             : bus == ENG_BUS_IDE ? "the IDE controllers"
	                                  : "the SCSI controllers");
}

/* ---- the table's functions ---- */

static int get_storage(const char *vm_id, eng_storage *out, char **err)
{
	memset(out, 0, sizeof *out);
	virDomainPtr dom = eng_lookup(vm_id, err);
	if (!dom)
		return ENG_ENOTFOUND;
	int rc = 0;
	/* every libvirt call clears the last error: the name first */
	const char *vm = virDomainGetName(dom);
	char *xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
	xmlDocPtr doc = xml ? eng_xml_read(xml, err) : NULL;
	if (!xml)
		rc = eng_fail_virt(err, "cannot read the description of '%s'", vm);
	else if (!doc)
		rc = -1;
	else {
		bool active = eng_is_active(eng_domain_state(dom));
		read_storage(doc, active || is_saved(dom, active), out);
		xmlFreeDoc(doc);
	}
	free(xml);
	virDomainFree(dom);
	return rc;
}

typedef struct edit_ctx {
	const eng_drive_spec *spec;
	const eng_drive_ref *ref;
	const eng_drive_change *change;
	eng_drive *out;
	int number;
} edit_ctx;

static int add_edit(xmlDocPtr doc, virDomainPtr dom, bool active, void *vctx, char **err)
{
	edit_ctx *x = vctx;
	const eng_drive_spec *sp = x->spec;
	const char *vm = virDomainGetName(dom);
	bool saved = is_saved(dom, active);
	eng_storage s;
	read_storage(doc, active || saved, &s);
	int bus = -1, controller = -1, location = -1;
	bool block = false;
	const char *format = "raw";
	int rc = sp->kind == ENG_DRIVE_DISK || sp->kind == ENG_DRIVE_DVD
	             ? 0
	             : failc(err, ENG_EINVAL, "only hard disk and DVD drives can be added");
	if (rc == 0 && sp->kind == ENG_DRIVE_DISK && !sp->path)
		rc = failc(err, ENG_EINVAL, "A hard disk drive needs a virtual hard disk (-Path)");
	if (rc == 0 && sp->path)
		rc = check_image(sp->path, &block, err);
	if (rc == 0 && sp->path && sp->kind == ENG_DRIVE_DISK)
		rc = disk_format(sp->path, &format, err);
	if (rc == 0)
		rc = choose_place(&s, vm, sp->kind, sp->bus, sp->controller, sp->location, &bus,
		                  &controller, &location, err);
	storage_free(&s);
	if (rc == 0 && sp->shared && bus != ENG_BUS_SCSI)
		rc = failc(
		    err, ENG_EINVAL,
		    "A shared virtual hard disk (-SupportPersistentReservations) must be on a "
		    "SCSI controller");
	if (rc == 0 && (saved || (active && bus != ENG_BUS_SCSI)))
		rc = busy_error(err, dom, saved,
		                bus == ENG_BUS_SCSI ? "drives can be added"
		                                    : "a drive on an IDE controller can be added");
	if (rc)
		return rc;
	xmlNodePtr disk = new_disk(doc, sp->kind);
	if (sp->path)
		set_source(disk, sp->path, block, format);
	if (sp->kind == ENG_DRIVE_DISK) {
		set_cache(disk, sp->cache);
		set_shared(disk, sp->shared);
		set_iops(disk, sp->maximum_iops);
	}
	set_place(doc, disk, (eng_bus)bus, controller, location);
	if (active) {
		char *xml = node_xml(disk);
		if (virDomainAttachDeviceFlags(
		        dom, xml, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG) < 0)
			rc = eng_fail_virt(err,
			                   sp->path
			                       ? "'%s' failed to add the drive to the running "
			                         "virtual machine"
			                       : "'%s' failed to add an empty drive to the running "
			                         "virtual machine (give -Path, or add the drive "
			                         "while it is off)",
			                   vm);
		free(xml);
	}
	if (rc == 0 && !read_disk(disk, x->out))
		rc = eng_fail(err, "the new drive cannot be read back");
	if (rc == 0)
		xmlAddChild(devices_of(doc), disk);
	else
		xmlFreeNode(disk);
	return rc;
}

static int add_drive(const char *vm_id, const eng_drive_spec *spec, eng_drive *out, char **err)
{
	memset(out, 0, sizeof *out);
	edit_ctx x = {.spec = spec, .out = out};
	int rc = eng_edit_domain(vm_id, add_edit, &x, err);
	if (rc < 0)
		drive_clear(out);
	return rc;
}

static int no_drive(char **err, const char *vm, const eng_drive_ref *ref)
{
	if (ref->kind == ENG_DRIVE_FLOPPY)
		return failc(err, ENG_ENODEVICE, "'%s' has no floppy disk drive", vm);
	return failc(err, ENG_ENODEVICE, "'%s' has no %s at location %d of %s controller %d", vm,
	             kind_names[ref->kind], ref->location, bus_names[ref->bus], ref->controller);
}

static int remove_edit(xmlDocPtr doc, virDomainPtr dom, bool active, void *vctx, char **err)
{
	const eng_drive_ref *ref = ((edit_ctx *)vctx)->ref;
	const char *vm = virDomainGetName(dom);
	eng_drive d;
	xmlNodePtr disk = find_disk(doc, ref->bus, ref->controller, ref->location, &d);
	bool found = disk && d.kind == ref->kind;
	if (disk)
		drive_clear(&d);
	bool saved = is_saved(dom, active);
	if (!found)
		return no_drive(err, vm, ref);
	if (saved || (active && ref->bus != ENG_BUS_SCSI))
		return busy_error(err, dom, saved,
		                  ref->bus == ENG_BUS_SCSI ? "drives can be removed"
		                                           : "a drive on an IDE controller can be "
		                                             "removed");
	if (active) {
		char *xml = node_xml(disk);
		int r = virDomainDetachDeviceFlags(
		    dom, xml, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG);
		free(xml);
		if (r < 0)
			return eng_fail_virt(err,
			                     "'%s' failed to remove the drive from the running "
			                     "virtual machine",
			                     vm);
	}
	xmlUnlinkNode(disk);
	xmlFreeNode(disk);
	return 0;
}

static int remove_drive(const char *vm_id, const eng_drive_ref *ref, char **err)
{
	edit_ctx x = {.ref = ref};
	return eng_edit_domain(vm_id, remove_edit, &x, err);
}

/* Replaces a device of the running VM: a media change for DVD and floppy
 * drives (`empty`: an eject), else the old disk out and the new one in
 * (the old one back in when the new one fails). */
static int live_replace(virDomainPtr dom, eng_drive_kind kind, eng_bus bus, bool empty,
                        const char *old_xml, const char *new_xml, char **err)
{
	unsigned flags = VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG;
	const char *vm = virDomainGetName(dom);
	if (kind != ENG_DRIVE_DISK) {
		/* FORCE: a guest's lock on the tray does not keep the media in */
		if (virDomainUpdateDeviceFlags(dom, new_xml,
		                               flags | VIR_DOMAIN_DEVICE_MODIFY_FORCE) == 0)
			return 0;
		/* libvirt (9.x) learns that a drive has a tray when it starts
		   or reconnects to QEMU, not when the drive is hot-added: it
		   then takes the medium out without opening the tray, which
		   QEMU refuses. A drive on SCSI can be replaced whole instead,
		   unless it is to be empty: libvirt cannot hot-add that. */
		virErrorPtr e = virGetLastError();
		if (bus != ENG_BUS_SCSI || !e || !e->message || !strstr(e->message, "Tray"))
			return eng_fail_virt(err, "'%s' failed to change the media", vm);
		virResetLastError();
		if (empty)
			return failc(
			    err, -1,
			    "'%s' cannot eject the media of a drive added while it runs until "
			    "libvirt connects to it again (a new hvsh on this engine, a restart "
			    "of libvirtd, or of the virtual machine); other media can go in",
			    vm);
	}
	if (virDomainDetachDeviceFlags(dom, old_xml, flags) < 0)
		return eng_fail_virt(err, "'%s' failed to remove the old %s", vm,
		                     kind == ENG_DRIVE_DISK ? "virtual hard disk" : "media");
	if (virDomainAttachDeviceFlags(dom, new_xml, flags) < 0) {
		int rc = eng_fail_virt(err, "'%s' failed to attach the new %s", vm,
		                       kind == ENG_DRIVE_DISK ? "virtual hard disk" : "media");
		if (virDomainAttachDeviceFlags(dom, old_xml, flags) < 0)
			virResetLastError();
		return rc;
	}
	return 0;
}

static int set_live_iops(virDomainPtr dom, xmlNodePtr disk, uint64_t iops, char **err)
{
	char *dev = eng_xml_attr(eng_xml_child(disk, "target"), "dev");
	const char *vm = virDomainGetName(dom);
	virTypedParameterPtr params = NULL;
	int n = 0, max = 0, rc = 0;
	if (virTypedParamsAddULLong(&params, &n, &max, VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC,
	                            iops) < 0 ||
	    virDomainSetBlockIoTune(dom, dev ? dev : "", params, n,
	                            VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG) < 0)
		rc = eng_fail_virt(err, "'%s' failed to change the disk's IOPS limit", vm);
	virTypedParamsFree(params, n);
	free(dev);
	return rc;
}

static int set_edit(xmlDocPtr doc, virDomainPtr dom, bool active, void *vctx, char **err)
{
	edit_ctx *x = vctx;
	const eng_drive_ref *ref = x->ref;
	const eng_drive_change *ch = x->change;
	const char *vm = virDomainGetName(dom);
	bool saved = is_saved(dom, active), running = active || saved;
	eng_storage s;
	read_storage(doc, running, &s);
	eng_drive cur = {0};
	xmlNodePtr disk = find_disk(doc, ref->bus, ref->controller, ref->location, &cur);
	bool is_new = false;
	int rc = 0;
	if (disk && cur.kind != ref->kind) {
		drive_clear(&cur);
		disk = NULL;
	}
	if (!disk && ref->kind == ENG_DRIVE_FLOPPY && s.generation == 1) {
		/* the floppy drive Hyper-V always shows gets its element now */
		disk = new_disk(doc, ENG_DRIVE_FLOPPY);
		set_place(doc, disk, ENG_BUS_FLOPPY, 0, 0);
		read_disk(disk, &cur);
		is_new = true;
	}
	if (!disk)
		rc = no_drive(err, vm, ref);

	bool moves = rc == 0 && (ch->to_bus >= 0 || ch->to_controller >= 0 || ch->to_location >= 0);
	int nb = ref->bus, nc = ref->controller, nl = ref->location;
	if (moves) {
		if (ref->kind == ENG_DRIVE_FLOPPY)
			rc = failc(err, ENG_EINVAL, "The floppy disk drive cannot move");
		nb = ch->to_bus >= 0 ? ch->to_bus : (int)ref->bus;
		bool same_bus = nb == (int)ref->bus;
		nc = ch->to_controller >= 0 ? ch->to_controller : same_bus ? ref->controller : -1;
		nl = ch->to_location >= 0 ? ch->to_location : same_bus ? ref->location : -1;
		moves = !(same_bus && nc == ref->controller && nl == ref->location);
		if (rc == 0 && moves)
			rc = choose_place(&s, vm, ref->kind, nb, nc, nl, &nb, &nc, &nl, err);
		if (rc == 0 && moves && running)
			rc = busy_error(err, dom, saved, "a drive can move");
	}
	bool block = false;
	const char *format = "raw";
	if (rc == 0 && ch->path)
		rc = check_image(ch->path, &block, err);
	if (rc == 0 && ch->path && ref->kind == ENG_DRIVE_DISK)
		rc = disk_format(ch->path, &format, err);
	if (rc == 0 && ch->eject && ref->kind == ENG_DRIVE_DISK)
		rc = failc(err, ENG_EINVAL, "A hard disk drive needs a virtual hard disk");
	bool media = rc == 0 && (ch->path || (ch->eject && cur.path));
	if (rc == 0 && ref->kind != ENG_DRIVE_DISK &&
	    (ch->cache >= 0 || ch->shared >= 0 || ch->maximum_iops >= 0))
		rc = failc(err, ENG_EINVAL,
		           "Only a hard disk drive has cache, sharing and IOPS "
		           "settings");
	if (rc == 0 && ch->shared == 1 && nb != ENG_BUS_SCSI)
		rc = failc(
		    err, ENG_EINVAL,
		    "A shared virtual hard disk (-SupportPersistentReservations) must be on a "
		    "SCSI controller");
	if (rc == 0 && running &&
	    ((ch->cache >= 0 && ch->cache != (int)cur.cache) ||
	     (ch->shared >= 0 && ch->shared != (int)cur.shared)))
		rc = busy_error(err, dom, saved, "the cache and sharing settings change");
	if (rc == 0 && media &&
	    (saved ||
	     (active && (is_new || (ref->kind == ENG_DRIVE_DISK && ref->bus != ENG_BUS_SCSI)))))
		rc = busy_error(err, dom, saved,
		                is_new ? "the floppy drive gets its first disk"
		                       : "the virtual hard disk of a drive on an IDE controller "
		                         "changes");
	if (rc == 0 && saved && ch->maximum_iops >= 0 &&
	    (uint64_t)ch->maximum_iops != cur.maximum_iops)
		rc = busy_error(err, dom, saved, "the IOPS limit changes");
	storage_free(&s);
	if (rc) {
		if (disk)
			drive_clear(&cur);
		if (is_new)
			xmlFreeNode(disk);
		return rc;
	}

	char *old_xml = node_xml(disk);
	if (media)
		set_source(disk, ch->path, block, format);
	if (ch->cache >= 0)
		set_cache(disk, (eng_cache)ch->cache);
	if (ch->shared >= 0)
		set_shared(disk, ch->shared);
	if (moves)
		set_place(doc, disk, (eng_bus)nb, nc, nl);
	bool iops = ch->maximum_iops >= 0 && (uint64_t)ch->maximum_iops != cur.maximum_iops;
	if (active && media) {
		char *new_xml = node_xml(disk);
		rc =
		    live_replace(dom, ref->kind, ref->bus, ch->path == NULL, old_xml, new_xml, err);
		if (rc == 0 && iops && (rc = set_live_iops(dom, disk, ch->maximum_iops, err)) < 0) {
			char *e = NULL;
			if (live_replace(dom, ref->kind, ref->bus, false, new_xml, old_xml, &e) < 0)
				free(e);
		}
		free(new_xml);
	} else if (active && iops) {
		rc = set_live_iops(dom, disk, ch->maximum_iops, err);
	}
	if (ch->maximum_iops >= 0)
		set_iops(disk, (uint64_t)ch->maximum_iops);
	free(old_xml);
	drive_clear(&cur);
	if (rc == 0 && !read_disk(disk, x->out))
		rc = eng_fail(err, "the drive cannot be read back");
	if (is_new) {
		if (rc == 0 && media)
			xmlAddChild(devices_of(doc), disk);
		else
			xmlFreeNode(disk);
	}
	return rc;
}

static int set_drive(const char *vm_id, const eng_drive_ref *ref, const eng_drive_change *ch,
                     eng_drive *out, char **err)
{
	memset(out, 0, sizeof *out);
	edit_ctx x = {.ref = ref, .change = ch, .out = out};
	int rc = eng_edit_domain(vm_id, set_edit, &x, err);
	if (rc < 0)
		drive_clear(out);
	return rc;
}

static int add_scsi_edit(xmlDocPtr doc, virDomainPtr dom, bool active, void *vctx, char **err)
{
	edit_ctx *x = vctx;
	bool saved = is_saved(dom, active);
	if (active || saved)
		return busy_error(err, dom, saved, "SCSI controllers can be added");
	eng_storage s;
	read_storage(doc, false, &s);
	int number = -1;
	for (int i = 0; i < ENG_SCSI_CONTROLLERS && number < 0; i++)
		if (!has_scsi(&s, i))
			number = i;
	storage_free(&s);
	if (number < 0)
		return failc(err, -1,
		             "'%s' already has %d SCSI controllers, the most a virtual machine can "
		             "have",
		             virDomainGetName(dom), ENG_SCSI_CONTROLLERS);
	xmlNodePtr c = xmlNewChild(devices_of(doc), NULL, X("controller"), NULL);
	xmlSetProp(c, X("type"), X("scsi"));
	set_int_prop(c, "index", number);
	xmlSetProp(c, X("model"), X("virtio-scsi"));
	x->number = number;
	return 0;
}

static int add_scsi_controller(const char *vm_id, int *number, char **err)
{
	edit_ctx x = {.number = -1};
	int rc = eng_edit_domain(vm_id, add_scsi_edit, &x, err);
	*number = x.number;
	return rc;
}

static int remove_scsi_edit(xmlDocPtr doc, virDomainPtr dom, bool active, void *vctx, char **err)
{
	int number = ((edit_ctx *)vctx)->number;
	bool saved = is_saved(dom, active);
	if (active || saved)
		return busy_error(err, dom, saved, "SCSI controllers can be removed");
	xmlNodePtr devices = devices_of(doc), controller = NULL;
	for (xmlNodePtr n = devices->children; n && !controller; n = n->next)
		if (eng_xml_is(n, "controller") && eng_xml_attr_is(n, "type", "scsi") &&
		    eng_xml_attr_int(n, "index", -1) == number)
			controller = n;
	if (!controller)
		return failc(err, ENG_ENODEVICE, "'%s' has no SCSI controller number %d",
		             virDomainGetName(dom), number);
	xmlUnlinkNode(controller);
	xmlFreeNode(controller);
	/* its drives go with it; the controllers after it move down one */
	xmlNodePtr next;
	for (xmlNodePtr n = devices->children; n; n = next) {
		next = n->next;
		if (eng_xml_is(n, "controller") && eng_xml_attr_is(n, "type", "scsi")) {
			int idx = eng_xml_attr_int(n, "index", -1);
			if (idx > number)
				set_int_prop(n, "index", idx - 1);
			continue;
		}
		if (!eng_xml_is(n, "disk") ||
		    !eng_xml_attr_is(eng_xml_child(n, "target"), "bus", "scsi"))
			continue;
		xmlNodePtr addr = eng_xml_child(n, "address");
		int c = eng_xml_attr_is(addr, "type", "drive")
		            ? eng_xml_attr_int(addr, "controller", 0)
		            : 0;
		if (c == number) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		} else if (c > number) {
			set_int_prop(addr, "controller", c - 1);
		}
	}
	return 0;
}

static int remove_scsi_controller(const char *vm_id, int number, char **err)
{
	edit_ctx x = {.number = number};
	return eng_edit_domain(vm_id, remove_scsi_edit, &x, err);
}

/* The image is made beside its final name and linked there, which never
 * replaces a file: an existing one is an error, even one that appears
 * meanwhile. */
static int new_vfd(const char *path, char **err)
{
	struct stat st;
	if (!path || path[0] != '/')
		return failc(err, ENG_EINVAL, "The path '%s' is not absolute", path ? path : "");
	if (lstat(path, &st) == 0)
		return failc(err, ENG_EEXIST, "The file '%s' already exists", path);
	const char *slash = strrchr(path, '/');
	char *dir = slash == path ? eng_strdup("/") : eng_printf("%.*s", (int)(slash - path), path);
	char *tmp = eng_printf("%s/.%s.XXXXXX", slash == path ? "" : dir, slash + 1);
	int rc = 0;
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		rc = failc(err, errno == ENOENT ? ENG_ENOFILE : -1, "Cannot create '%s': %s", path,
		           errno == ENOENT ? "its directory does not exist" : strerror(errno));
		goto out;
	}
	if (fchmod(fd, 0644) < 0 || ftruncate(fd, ENG_VFD_SIZE) < 0 || fsync(fd) < 0)
		rc = failc(err, -1, "Cannot write '%s': %s", path, strerror(errno));
	close(fd);
	if (rc == 0 && link(tmp, path) < 0)
		rc = errno == EEXIST
		         ? failc(err, ENG_EEXIST, "The file '%s' already exists", path)
		         : failc(err, -1, "Cannot create '%s': %s", path, strerror(errno));
	unlink(tmp);
	if (rc == 0) {
		int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
out:
	free(tmp);
	free(dir);
	return rc;
}

const eng_drives_api eng_drives_table = {
    .get_storage = get_storage,
    .storage_free = storage_free,
    .add_drive = add_drive,
    .remove_drive = remove_drive,
    .set_drive = set_drive,
    .drive_free = drive_clear,
    .add_scsi_controller = add_scsi_controller,
    .remove_scsi_controller = remove_scsi_controller,
    .new_vfd = new_vfd,
};
