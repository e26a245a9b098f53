/*
 * engine.h - the hypervisor engine's contract: Hyper-V's concepts (virtual
 * machines, their state, the host) as plain C structs, over libvirt + QEMU.
 *
 * The engine lives in a shared object (libhvsh-engine.so) that the shell
 * loads on first use (engine/loader.c), so that starting hvsh never pays
 * for libvirt's libraries. The object exports one symbol, ENG_API_SYMBOL,
 * a function returning a table of function pointers (eng_api). Nothing
 * here knows about the shell: strings are plain UTF-8, errors come back as
 * malloc'd messages the caller frees with free().
 *
 * Conventions of every function in the table:
 *   - returns 0 on success, -1 on failure with *err set to a malloc'd
 *     message (the engine's detail included), or one of the ENG_E* codes
 *     below saying what kind of failure it was (*err set too);
 *   - structs filled by the engine are freed with the matching *_free
 *     function of the table (never by hand: the object may use another
 *     allocator's bookkeeping under a sanitizer);
 *   - a VM is addressed by its Id (the libvirt UUID, lower-case text).
 *
 * The connection opens on the first call that needs it (eng_api.connect),
 * choosing the engine from HVSH_ENGINE or automatically; see engine.c.
 */
#ifndef ENG_ENGINE_H
#define ENG_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drives.h"
#include "firmware.h"
#include "hardware.h"
#include "nics.h"

#define ENG_API_VERSION 5
#define ENG_API_SYMBOL  "hvsh_engine_api"

/* What failed, for the cmdlets' error categories. */
#define ENG_ENOTFOUND (-2) /* no such VM */
#define ENG_EEXIST    (-3) /* the name or place is taken */
#define ENG_EINVAL    (-4) /* a bad argument: out of range, not for this generation ... */
#define ENG_ESTATE    (-5) /* refused in the VM's state (running, saved) */
#define ENG_ENODEVICE (-6) /* no such drive, controller or adapter (removed meanwhile) */
#define ENG_ENOFILE   (-7) /* an image file or device does not exist */

/* Hyper-V's VMState values this engine reports. */
typedef enum eng_vm_state {
	ENG_VM_OFF = 0,
	ENG_VM_RUNNING,
	ENG_VM_PAUSED,
	ENG_VM_SAVED,
	ENG_VM_STARTING,
	ENG_VM_STOPPING,
	ENG_VM_OTHER,
	ENG_VM_PAUSED_CRITICAL, /* the guest stopped on an error (KVM's) */
} eng_vm_state;

typedef struct eng_vm {
	char *name;
	char id[40]; /* UUID text */
	eng_vm_state state;
	int generation; /* 1 or 2 */
	char *version;  /* configuration version, "10.0" */
	char *notes;    /* never NULL */
	char *path;     /* the VM's directory (configuration, COM1 log) */
	int processor_count;
	int64_t memory_startup;  /* bytes */
	int64_t memory_assigned; /* bytes; 0 when not running */
	int cpu_usage;           /* percent of the host's capacity, 0..100 */
	int64_t uptime_ms;       /* 0 when not running */
	char *status;            /* "Operating normally" ... */
	/* Hyper-V settings libvirt has no place for, kept in hvsh's metadata;
	   their effect (dynamic memory, automatic start/stop, checkpoints)
	   comes in later versions */
	bool dynamic_memory;
	int64_t memory_minimum;       /* bytes */
	int64_t memory_maximum;       /* bytes */
	char *automatic_start_action; /* Nothing StartIfRunning Start */
	char *automatic_stop_action;  /* TurnOff Save ShutDown */
	int automatic_start_delay;    /* seconds */
	char *checkpoint_type;        /* Disabled Production ProductionOnly Standard */
	char *snapshot_file_location;
} eng_vm;

/* What Set-VM / Rename-VM change: NULL, 0 or -1 (as noted) leaves a
 * setting as it is. */
typedef struct eng_vm_settings {
	const char *new_name;
	int processor_count;    /* 0: unchanged */
	int64_t memory_startup; /* 0: unchanged */
	int dynamic_memory;     /* -1: unchanged, else 0 or 1 */
	int64_t memory_minimum; /* 0: unchanged */
	int64_t memory_maximum; /* 0: unchanged */
	const char *notes;
	const char *automatic_start_action;
	const char *automatic_stop_action;
	int automatic_start_delay; /* -1: unchanged */
	const char *checkpoint_type;
	const char *snapshot_file_location;
} eng_vm_settings;

typedef enum eng_stop_mode {
	ENG_STOP_SHUTDOWN = 0, /* ACPI power button, bounded wait */
	ENG_STOP_TURNOFF,      /* pull the plug */
	ENG_STOP_SAVE,         /* save the state (managed save); the next start restores it */
} eng_stop_mode;

/* What New-VM asks for. Strings may be NULL (defaults). */
typedef struct eng_vm_spec {
	const char *name;
	int64_t memory_startup; /* bytes */
	int generation;         /* 1 or 2 */
	const char *path;       /* parent directory of the VM's directory; NULL: host default */
	const char *version;    /* NULL: the default */
	const char *new_vhd_path;
	uint64_t new_vhd_size;
	const char *vhd_path;
	const char
	    *boot_device; /* Floppy CD IDE LegacyNetworkAdapter NetworkAdapter VHD, or NULL */
} eng_vm_spec;

typedef struct eng_host {
	char *name;                /* host name */
	char *engine_uri;          /* the libvirt URI in use */
	char *engine_reason;       /* why this engine was chosen */
	char *virtualization_mode; /* "Hardware" (KVM) or "Emulated" (TCG) */
	char *virtualization_reason;
	char *libvirt_version;
	char *qemu_version;
	int logical_processor_count;
	int64_t memory_capacity; /* bytes */
	char *virtual_machine_path;
	char *virtual_hard_disk_path;
} eng_host;

/* How the host's start and stop tell what they did to each VM: `done`
 * ("started", "saved" ...) or, on failure, `error`. */
typedef void (*eng_report_fn)(void *ctx, const char *vm_name, const char *done, const char *error);

/* What Set-VMHost changes, kept in the user's hvsh.conf; NULL leaves a
 * setting as it is. */
typedef struct eng_host_settings {
	const char *virtual_machine_path;   /* an existing directory */
	const char *virtual_hard_disk_path; /* an existing directory */
	const char *virtualization_mode;    /* "Hardware" or "Emulated" */
} eng_host_settings;

typedef struct eng_api {
	int version; /* ENG_API_VERSION */
	/* Opens the connection if not yet open (idempotent). Each call that
	   reads or changes a VM first waits, bounded, for libvirt to finish
	   reconnecting to the running VMs. */
	int (*connect)(char **err);
	/* Closes it (at exit); harmless when not open. */
	void (*disconnect)(void);
	int (*host_info)(eng_host *out, char **err);
	void (*host_free)(eng_host *h);
	/* Checks every setting before storing any (a bad one stores
	   nothing). */
	int (*set_host)(const eng_host_settings *s, char **err);
	/* Every VM, sorted by name, with live figures for running ones. */
	int (*list_vms)(eng_vm **out, size_t *n, char **err);
	/* One VM by Id. */
	int (*get_vm)(const char *id, eng_vm *out, char **err);
	void (*vms_free)(eng_vm *vms, size_t n);
	/* Defines a VM (and creates its disk); on failure nothing is left. */
	int (*new_vm)(const eng_vm_spec *spec, eng_vm *out, char **err);
	int (*start_vm)(const char *id, char **err);
	/* timeout_ms bounds the wait for a graceful shutdown. */
	int (*stop_vm)(const char *id, eng_stop_mode mode, int timeout_ms, char **err);
	/* Removes the configuration only (disks stay, as on Hyper-V). */
	int (*remove_vm)(const char *id, char **err);
	/* Characters libvirt cannot store in a name: NULL when `name` is
	   acceptable, else a malloc'd reason. */
	char *(*check_name)(const char *name);
	/* Suspend-VM (pause true) of a running VM, Resume-VM (false) of a
	   paused one; another state is an error. */
	int (*pause_vm)(const char *id, bool pause, char **err);
	/* A hard reset of a running VM (Restart-VM); another state is an
	   error. */
	int (*restart_vm)(const char *id, char **err);
	/* Applies every setting given; ENG_EEXIST when new_name is another
	   VM's. A setting that needs the VM off is refused, nothing changed,
	   while it runs. */
	int (*set_vm)(const char *id, const eng_vm_settings *s, char **err);
	/* The host's start and stop: every VM's AutomaticStartAction or
	   AutomaticStopAction (shutdowns bounded by timeout_ms, then turned
	   off), reported VM by VM; they wait for a shell that holds an
	   embedded engine. The number of failures, or -1 with *err. */
	int (*host_start)(eng_report_fn report, void *ctx, char **err);
	int (*host_stop)(int timeout_ms, eng_report_fn report, void *ctx, char **err);
	/* The device families: drives.h, nics.h, hardware.h, firmware.h. */
	const eng_drives_api *drives;
	const eng_nics_api *nics;
	const eng_hardware_api *hardware;
	const eng_firmware_api *firmware;
} eng_api;

typedef const eng_api *(*eng_api_fn)(void);

/* engine/loader.c (linked into the shell): loads the shared object on the
 * first call and returns its table; NULL with *err (malloc'd) naming the
 * path tried and dlerror()'s reason. */
const eng_api *eng_load(char **err);
/* The path the loader would use (malloc'd), for messages and tests. */
char *eng_library_path(void);

#endif
