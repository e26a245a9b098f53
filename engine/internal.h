/*
 * internal.h - what the engine's own files share; never included outside
 * engine/ (the shell sees engine.h only).
 */
#ifndef ENG_INTERNAL_H
#define ENG_INTERNAL_H

#include <stdbool.h>
#include <sys/types.h>

#include <libvirt/libvirt.h>

#include "engine.h"

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
} eng_state;

extern eng_state eng_g;

char *eng_strdup(const char *s);
char *eng_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int eng_fail(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int eng_fail_virt(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int eng_mkdirs(const char *path, mode_t mode);
int eng_write_file(const char *path, const char *text);
char *eng_default_dir(const char *what);
bool eng_use_kvm(const char **why);

int eng_connect(char **err);

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
/* The same XML with the domain type set for KVM or TCG (malloc'd), or
 * NULL when it already is. */
char *eng_domxml_set_accel(const char *xml, bool kvm);
void eng_domain_desc_free(eng_domain_desc *d);
/* The XML with s's processor count, startup memory and metadata settings
 * applied (malloc'd; the name is not: libvirt renames); NULL with *err. */
char *eng_domxml_apply(const char *xml, const eng_vm_settings *s, char **err);

/* vm.c, for settings.c */
virDomainPtr eng_lookup(const char *id, char **err);
int eng_domain_state(virDomainPtr dom);

#endif
