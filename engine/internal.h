/*
 * internal.h - what the engine's own files share; never included outside
 * engine/ (the shell sees engine.h only).
 */
#ifndef ENG_INTERNAL_H
#define ENG_INTERNAL_H

#include <stdbool.h>
#include <sys/types.h>

#include <libvirt/libvirt.h>
#include <libxml/tree.h>

#include "engine.h"

/* Hyper-V's dynamic memory bounds for a VM that never set them. */
#define ENG_DEFAULT_MEMORY_MINIMUM (512LL << 20)
#define ENG_DEFAULT_MEMORY_MAXIMUM (1LL << 40)

/* hvsh's namespace in a domain's <metadata>. */
#define ENG_XMLNS        "https://hvsh.dev/xmlns/vm/1"
#define ENG_XMLNS_PREFIX "hvsh"

typedef struct eng_state {
	bool initialized;
	virConnectPtr conn;
	char *uri;
	char *reason;
	char *root; /* embedded root, or NULL */
	int lock_fd;
	bool settled;     /* libvirt has reconnected to the running domains */
	int lock_wait_ms; /* how long to wait for another hvsh's lock; 0: fail at once */
} eng_state;

extern eng_state eng_g;

char *eng_strdup(const char *s);
char *eng_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int eng_fail(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The message with libvirt's last error appended. Every libvirt call,
 * virDomainGetName too, clears that error: read a domain's name before
 * the call that may fail, never in eng_fail_virt's arguments. */
int eng_fail_virt(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* libvirt's last error alone, where the caller's message already says
 * what failed. */
int eng_fail_libvirt(char **err);
int eng_mkdirs(const char *path, mode_t mode);
int eng_write_file(const char *path, const char *text);
char *eng_default_dir(const char *what);
/* Whether VMs run under KVM; *why (static text) says why or why not. */
bool eng_use_kvm(const char **why);
/* Records that KVM failed a guest (named) here: from then on the host
 * chooses software emulation unless told otherwise. */
void eng_note_kvm_failure(const char *vm_name);

/* Connecting: eng_connect opens the engine and waits (bounded) until
 * libvirt has reconnected to the running domains, whose state it reports
 * stale until then. A caller with work to do meanwhile opens with
 * eng_open and calls eng_settle before it reads a running domain. */
int eng_connect(char **err);
int eng_open(char **err);
void eng_settle(void);

/* config.c: hvsh.conf's settings (the user's file beats the system's). */
typedef enum eng_conf_key {
	ENG_CONF_ENGINE,
	ENG_CONF_MODE, /* "Emulated" or "Hardware" */
	ENG_CONF_VM_PATH,
	ENG_CONF_VHD_PATH,
	ENG_CONF_NKEYS
} eng_conf_key;
/* The value, or NULL; *origin (when origin is not NULL) names its file
 * and line. */
const char *eng_conf_get(eng_conf_key key, const char **origin);
/* Writes the key into the user's file; 0, or -1 with *err. */
int eng_conf_set(eng_conf_key key, const char *value, char **err);
/* The user's file (malloc'd), or NULL without XDG_CONFIG_HOME and HOME. */
char *eng_conf_user_path(void);

/* vm.c */
int eng_list_vms(eng_vm **out, size_t *n, char **err);
int eng_get_vm(const char *id, eng_vm *out, char **err);
void eng_vms_free(eng_vm *vms, size_t n);
int eng_new_vm(const eng_vm_spec *spec, eng_vm *out, char **err);
int eng_start_vm(const char *id, char **err);
int eng_stop_vm(const char *id, eng_stop_mode mode, int timeout_ms, char **err);
int eng_remove_vm(const char *id, char **err);
int eng_pause_vm(const char *id, bool pause, char **err);
int eng_restart_vm(const char *id, char **err);                       /* settings.c */
int eng_set_vm(const char *id, const eng_vm_settings *s, char **err); /* settings.c */
char *eng_check_name(const char *name);

/* domxml.c: domain XML, built and read with libxml2 */
typedef struct eng_domain_desc {
	char *name;
	char *uuid;
	int generation;
	char *version;
	char *notes;
	char *path;
	char *com1_path;
	int vcpus;
	int64_t memory;    /* bytes */
	char *disk_path;   /* NULL: none */
	char *disk_format; /* qcow2, raw ... */
	char *boot_device;
	bool kvm;
	/* hvsh's metadata for Hyper-V's settings libvirt does not model */
	bool dynamic_memory;
	int64_t memory_minimum; /* bytes; 0: the default */
	int64_t memory_maximum;
	char *start_action; /* NULL: the default */
	char *stop_action;
	int start_delay;
	char *checkpoint_type;
	char *snapshot_location;
} eng_domain_desc;

/* A new XML text (malloc'd) describing d. */
char *eng_domxml_build(const eng_domain_desc *d);
/* Reads a domain's XML; 0 or -1 with *err. */
int eng_domxml_parse(const char *xml, eng_domain_desc *d, char **err);
/* Reads hvsh's <vm> element alone, as virDomainGetMetadata gives it: 1
 * when it names the generation, 0 when not, -1 when it is not XML. */
int eng_domxml_parse_metadata(const char *xml, eng_domain_desc *d);
/* The same XML with the domain type set for KVM or TCG (malloc'd), or
 * NULL when it already is. */
char *eng_domxml_set_accel(const char *xml, bool kvm);
void eng_domain_desc_free(eng_domain_desc *d);
/* The XML with s's processor count, startup memory and metadata settings
 * applied (malloc'd; the name is not: libvirt renames); NULL with *err. */
char *eng_domxml_apply(const char *xml, const eng_vm_settings *s, char **err);

/* drives.c: a disk image's format from its bytes (qcow2, vhdx, vpc for a
 * VHD, whose footer may be its only mark, else raw). */
const char *eng_image_format(const char *path);
/* libvirt 9 knows no VHDX driver type, so it cannot attach one; the
 * message's %s is the disk's path. */
#define ENG_VHDX_REFUSED                                                                           \
	"'%s' is a VHDX disk, which this host's engine cannot attach: use a VHD (.vhd) or qcow2 "  \
	"(.qcow2) disk, or convert it (qemu-img convert -O qcow2 SOURCE TARGET)"

/* nics.c: appends the network adapter every new VM has (New-VM's
 * description): "Network Adapter", not connected, its address libvirt's. */
xmlNodePtr eng_nic_default_xml(xmlNodePtr devices, int generation);

/* autostart.c */
int eng_host_start(eng_report_fn report, void *ctx, char **err);
int eng_host_stop(int timeout_ms, eng_report_fn report, void *ctx, char **err);

/* Shared editing of a description (domxml.c): read (NULL with *err), dump
 * (malloc'd), find-or-make an element child of parent named `name` in
 * namespace ns (or in none), set such a child's text (escaped), and
 * hvsh's <metadata><hvsh:vm> element, made when missing. */
xmlDocPtr eng_xml_read(const char *xml, char **err);
char *eng_xml_dump(xmlDocPtr doc);
xmlNodePtr eng_xml_element(xmlNodePtr parent, xmlNsPtr ns, const char *name);
void eng_xml_set_text(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *text);
xmlNodePtr eng_xml_hvsh(xmlDocPtr doc);
/* Reading a description: whether n is the element `name` (libvirt's, in
 * no namespace); parent's first such child, or NULL; an attribute's value
 * (malloc'd), or NULL; whether it is `value`; it as a number (decimal or
 * 0x hex, not negative), or `fallback`; an element's text (malloc'd), or
 * NULL. A NULL node reads as missing. */
bool eng_xml_is(xmlNodePtr n, const char *name);
xmlNodePtr eng_xml_child(xmlNodePtr parent, const char *name);
char *eng_xml_attr(xmlNodePtr n, const char *name);
bool eng_xml_attr_is(xmlNodePtr n, const char *name, const char *value);
int eng_xml_attr_int(xmlNodePtr n, const char *name, int fallback);
char *eng_xml_text(xmlNodePtr n);

/* vm.c */
virDomainPtr eng_lookup(const char *id, char **err);
int eng_domain_state(virDomainPtr dom);
bool eng_is_active(int state); /* running, paused ...: not off */

/* settings.c: changes a VM's persistent description. edit() gets it as a
 * document and changes it in place, returning 0 to store it, 1 when
 * nothing changed, or -1 with *err; `active` says whether the VM runs
 * (edit may then also change the live VM through dom). The description is
 * defined again in one libvirt call: all or nothing. Returns ENG_ENOTFOUND
 * when the VM does not exist. */
typedef int (*eng_edit_fn)(xmlDocPtr doc, virDomainPtr dom, bool active, void *ctx, char **err);
int eng_edit_domain(const char *id, eng_edit_fn edit, void *ctx, char **err);
/* "paused", "running" or "saved" when the VM is not off (whose devices
 * and memory stay as they are), else NULL. */
const char *eng_busy_state(virDomainPtr dom);
/* Hyper-V's rule for a VM's processor count (Set-VM -ProcessorCount,
 * Set-VMProcessor -Count): not more than the host's logical processors,
 * not while the VM is busy (as eng_busy_state says). 0, or ENG_EINVAL /
 * -1 with *err. */
int eng_check_processor_count(const char *name, const char *busy, int count, char **err);
/* Hyper-V's memory rules for s's memory settings of VM cur (busy: as
 * eng_busy_state says): 0, or -1 / ENG_EINVAL with *err. */
int eng_check_memory(const char *name, const char *busy, const eng_vm *cur,
                     const eng_vm_settings *s, char **err);

/* The device families' tables (drives.c, nics.c, hardware.c, firmware.c). */
extern const eng_drives_api eng_drives_table;
extern const eng_nics_api eng_nics_table;
extern const eng_hardware_api eng_hardware_table;
extern const eng_firmware_api eng_firmware_table;

#endif
