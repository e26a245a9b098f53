/*
 * firmware.h - a VM's BIOS (Generation 1) and UEFI firmware (Generation 2)
 * settings: boot order, Secure Boot (part of engine.h's contract).
 * Conventions as in engine.h.
 *
 * Generation 1 boots through SeaBIOS: its startup order is a permutation
 * of Hyper-V's four device classes (CD, IDE, LegacyNetworkAdapter,
 * Floppy), libvirt's <os><boot dev=.../> list. Generation 2 boots through
 * OVMF: its boot order names devices (a drive by controller and location,
 * a network adapter by MAC address), libvirt's per-device <boot order/>.
 * What libvirt has no place for (NumLock, the Secure Boot template, the
 * preferred network boot protocol, the console mode, pausing after a boot
 * failure) is kept in hvsh's metadata and shown.
 */
#ifndef ENG_FIRMWARE_H
#define ENG_FIRMWARE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum eng_boot_kind {
	ENG_BOOT_DISK, /* a hard disk drive */
	ENG_BOOT_DVD,  /* a DVD drive */
	ENG_BOOT_NIC,  /* a network adapter */
} eng_boot_kind;

/* One entry of a Generation 2 VM's boot order. */
typedef struct eng_boot_entry {
	eng_boot_kind kind;
	const char *controller_type; /* drives: "IDE" or "SCSI" (static text) */
	int controller_number;
	int controller_location;
	char *path;          /* drives: the image, or NULL when empty */
	char mac[13];        /* network adapters: 12 upper-case hex digits */
	char *description;   /* the firmware's name for it: "EFI SCSI Device" */
	char *firmware_path; /* the UEFI device path OVMF gives it, or NULL */
} eng_boot_entry;

typedef struct eng_firmware {
	int generation;
	/* Generation 1: the four device classes in order (static text) */
	const char *startup_order[4];
	bool num_lock;
	/* Generation 2 */
	bool secure_boot;
	char *secure_boot_template;            /* MicrosoftWindows ... */
	char *secure_boot_template_id;         /* its GUID */
	char *preferred_network_boot_protocol; /* IPv4 or IPv6 */
	char *console_mode;                    /* Default COM1 COM2 None */
	bool pause_after_boot_failure;
	eng_boot_entry *boot;
	size_t nboot;
} eng_firmware;

/* A device named in a boot order: a drive by its place, or a network
 * adapter by its MAC address. */
typedef struct eng_boot_ref {
	bool nic;
	const char *controller_type; /* "IDE" or "SCSI", any case */
	int controller_number;
	int controller_location;
	const char *mac; /* 12 hex digits; ':' and '-' separators are ignored */
} eng_boot_ref;

/* What Set-VMBios / Set-VMFirmware change: NULL or -1 leaves a setting as
 * it is. Settings of the other generation are refused (ENG_EINVAL). */
typedef struct eng_firmware_settings {
	/* Generation 1 */
	const char *const *startup_order; /* a permutation of the four classes */
	size_t nstartup;
	int num_lock;
	/* Generation 2 */
	int secure_boot;
	const char *secure_boot_template; /* one of eng_firmware_api.templates */
	const char *preferred_network_boot_protocol;
	const char *console_mode;
	int pause_after_boot_failure;
	const eng_boot_ref *boot_order; /* the whole order; unnamed devices leave it */
	size_t nboot_order;
	const eng_boot_ref *first_boot_device; /* moved (or added) to the front */
} eng_firmware_settings;

/* A Secure Boot template: Hyper-V's name and identifier. */
typedef struct eng_secure_boot_template {
	const char *name;
	const char *id;
} eng_secure_boot_template;

typedef struct eng_firmware_api {
	/* The VM's firmware settings, for either generation. */
	int (*get_firmware)(const char *id, eng_firmware *out, char **err);
	void (*firmware_free)(eng_firmware *fw);
	/* Applies every setting given, all or nothing; refused while the VM is
	   not off (running, paused or saved). Switching Secure Boot removes
	   the VM's UEFI variable store, so that the next start makes it again
	   from the template of the firmware now chosen. */
	int (*set_firmware)(const char *id, const eng_firmware_settings *s, char **err);
	/* Hyper-V's Secure Boot templates, ending with {NULL, NULL}. */
	const eng_secure_boot_template *templates;
} eng_firmware_api;

#endif
