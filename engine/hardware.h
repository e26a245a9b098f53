/*
 * hardware.h - a VM's processor, memory and COM ports (part of engine.h's
 * contract). Conventions as in engine.h.
 *
 * Processor: the count is libvirt's <vcpu>; Maximum (a percentage of each
 * virtual processor) is a CFS bandwidth limit (<cputune> period and
 * quota); RelativeWeight is the cgroup CPU weight (<cputune><shares>);
 * ProcessorAffinity, hvsh's own, is <vcpu cpuset>. The processor model
 * follows CompatibilityForMigrationEnabled (QEMU's baseline qemu64, or
 * libvirt's "maximum": the host's processor under KVM) and
 * ExposeVirtualizationExtensions (the host's vmx or svm feature
 * required). What Hyper-V has and Linux does not enforce (Reserve, NUMA
 * limits, threads per core, performance monitoring ...) is kept in hvsh's
 * metadata and shown.
 *
 * Memory: startup, dynamic memory and its bounds are the VM's settings
 * (eng_vm, eng_vm_settings); Buffer and Priority are kept in hvsh's
 * metadata. set_memory changes them all in one step, with Hyper-V's rules
 * for a running VM.
 *
 * COM ports: COM 1 and COM 2 are libvirt's serial ports 0 and 1. A
 * Hyper-V named pipe, \\.\pipe\NAME, is a Unix socket in hvsh's pipe
 * directory (eng_default_dir("pipes")/NAME) that QEMU listens on; any
 * other path is a file the port writes to; no path leaves the port
 * unconnected.
 */
#ifndef ENG_HARDWARE_H
#define ENG_HARDWARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The COM ports a VM has: COM 1 and COM 2. */
#define ENG_COM_PORTS 2

typedef struct eng_processor {
	int count;
	int maximum;         /* percent of each virtual processor, 0..100 */
	int reserve;         /* percent, kept */
	int relative_weight; /* 1..10000, 100 by default */
	bool compatibility_for_migration;
	bool compatibility_for_older_os;
	bool expose_virtualization_extensions;
	bool host_resource_protection;
	int64_t hw_thread_count_per_core; /* 0: the host's */
	int maximum_count_per_numa_node;
	int maximum_count_per_numa_socket;
	bool perfmon_pmu, perfmon_lbr, perfmon_pebs, perfmon_ipt;
	char *affinity; /* the host processors allowed, a cpuset list; "" for all */
} eng_processor;

/* What Set-VMProcessor changes: -1 (or NULL) leaves a setting as it is. */
typedef struct eng_processor_settings {
	int count;
	int maximum;
	int reserve;
	int relative_weight;
	int compatibility_for_migration; /* 0 or 1 */
	int compatibility_for_older_os;
	int expose_virtualization_extensions;
	int host_resource_protection;
	int64_t hw_thread_count_per_core;
	int maximum_count_per_numa_node;
	int maximum_count_per_numa_socket;
	const char *perfmon;  /* "pmu,lbr,pebs,ipt" in any combination; "" for none */
	const char *affinity; /* a cpuset list ("0,2-3"); "" for every processor */
} eng_processor_settings;

typedef struct eng_memory {
	int buffer;                    /* percent, 5..2000 */
	int priority;                  /* 0..100 */
	int64_t maximum_per_numa_node; /* bytes: the host's memory per NUMA node */
} eng_memory;

/* What Set-VMMemory changes: 0 (sizes) or -1 leaves a setting as it is. */
typedef struct eng_memory_settings {
	int64_t startup;
	int dynamic; /* 0 or 1 */
	int64_t minimum;
	int64_t maximum;
	int buffer;
	int priority;
} eng_memory_settings;

typedef struct eng_com_port {
	int number;         /* 1 or 2 */
	char *path;         /* Hyper-V's: \\.\pipe\NAME, a file, or "" */
	char *host_path;    /* the host's end: the socket or the file, or "" */
	bool debugger_mode; /* kept */
} eng_com_port;

typedef struct eng_hardware_api {
	int (*get_processor)(const char *id, eng_processor *out, char **err);
	void (*processor_free)(eng_processor *p);
	/* Applies every setting given, all or nothing. The count and the
	   processor's model need the VM off (not running, paused or saved);
	   Maximum, RelativeWeight and the affinity change a running VM at
	   once too, and are refused for a saved one (it resumes with the
	   processor its saved state holds). *warning (malloc'd, or NULL) says what the host
	   cannot give now (nested virtualization under software emulation). */
	int (*set_processor)(const char *id, const eng_processor_settings *s, char **warning,
	                     char **err);
	int (*get_memory)(const char *id, eng_memory *out, char **err);
	/* Applies every setting given, all or nothing. While the VM is not
	   off, as on Hyper-V: Buffer and Priority change; with dynamic memory
	   the minimum may go down and the maximum up; the rest is refused. */
	int (*set_memory)(const char *id, const eng_memory_settings *s, char **err);
	/* Both COM ports, out[0] COM 1 and out[1] COM 2. */
	int (*get_com_ports)(const char *id, eng_com_port out[ENG_COM_PORTS], char **err);
	void (*com_ports_free)(eng_com_port *ports, size_t n);
	/* Connects COM `number` to `path` (\\.\pipe\NAME, an absolute file
	   path, or "" to disconnect; NULL leaves it), and sets its debugger
	   mode (-1 leaves it, which is only kept). Another connection is
	   refused while the VM is not off. */
	int (*set_com_port)(const char *id, int number, const char *path, int debugger_mode,
	                    char **err);
} eng_hardware_api;

#endif
