/*
 * drives.h - a VM's drives and their controllers (part of engine.h's
 * contract): hard disks, DVD drives and floppy drives on IDE, SCSI and
 * floppy controllers, as Hyper-V addresses them (controller type, number,
 * location). Conventions as in engine.h.
 *
 * Addressing, in libvirt's terms: IDE controller N (0 or 1) location L
 * (0 or 1) is bus N unit L of libvirt's one IDE controller, target hd[a-d];
 * SCSI controller N (0 to 3) location L (0 to 63) is unit L of
 * <controller type='scsi' index='N'>; the floppy drive is fda. Generation
 * 1 has both IDE controllers and one floppy drive, Generation 2 neither.
 * SCSI controllers are numbered in order, as Hyper-V numbers them: removing
 * one renumbers those after it.
 *
 * While a VM runs, drives on SCSI are added and removed on the live VM too,
 * DVD and floppy media change live; anything else (IDE drives, controllers,
 * moves) is refused with ENG_ESTATE and nothing changes, as Hyper-V
 * refuses it.
 */
#ifndef ENG_DRIVES_H
#define ENG_DRIVES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ENG_IDE_CONTROLLERS  2
#define ENG_IDE_LOCATIONS    2
#define ENG_SCSI_CONTROLLERS 4
#define ENG_SCSI_LOCATIONS   64
#define ENG_VFD_SIZE         1474560 /* a 1.44 MB floppy disk */

typedef enum eng_bus { ENG_BUS_IDE = 0, ENG_BUS_SCSI, ENG_BUS_FLOPPY } eng_bus;

typedef enum eng_drive_kind { ENG_DRIVE_DISK = 0, ENG_DRIVE_DVD, ENG_DRIVE_FLOPPY } eng_drive_kind;

/* Hyper-V's CacheAttributes (libvirt's cache mode). */
typedef enum eng_cache {
	ENG_CACHE_DEFAULT = 0,       /* QEMU's default */
	ENG_CACHE_WRITE_ENABLED,     /* writeback */
	ENG_CACHE_WRITE_FUA_ENABLED, /* writeback */
	ENG_CACHE_WRITE_DISABLED,    /* writethrough */
} eng_cache;

typedef struct eng_drive {
	eng_drive_kind kind;
	eng_bus bus;
	int controller; /* 0 for the floppy drive */
	int location;
	char *path;       /* image file or host block device; NULL: no media */
	bool passthrough; /* path is a host block device */
	char *format;     /* qcow2, vhdx, vpc, raw; NULL without media */
	eng_cache cache;
	bool shared;           /* <shareable/>: SupportPersistentReservations */
	uint64_t maximum_iops; /* <iotune> total_iops_sec; 0: no limit */
} eng_drive;

/* A VM's storage as Hyper-V shows it. */
typedef struct eng_storage {
	int generation;
	bool running;        /* active (or saved): see above */
	int ide_controllers; /* ENG_IDE_CONTROLLERS for Generation 1, else 0 */
	int *scsi;           /* SCSI controller numbers, ascending */
	size_t nscsi;
	eng_drive *drives; /* by bus, controller, location; Generation 1 always
	                      has the floppy drive */
	size_t ndrives;
} eng_storage;

/* What Add-VMHardDiskDrive / Add-VMDvdDrive ask for. -1 in bus, controller
 * or location: the first free place (Generation 1: IDE, then SCSI for a
 * hard disk; Generation 2: SCSI). */
typedef struct eng_drive_spec {
	eng_drive_kind kind; /* DISK or DVD */
	int bus;
	int controller;
	int location;
	const char *path; /* absolute; required for a disk, NULL for an empty DVD drive */
	eng_cache cache;
	bool shared;
	uint64_t maximum_iops;
} eng_drive_spec;

/* The drive a change addresses. */
typedef struct eng_drive_ref {
	eng_drive_kind kind;
	eng_bus bus;
	int controller;
	int location;
} eng_drive_ref;

/* What Set-VM*Drive changes: NULL or -1 leaves a setting as it is. */
typedef struct eng_drive_change {
	const char *path; /* another image (absolute) */
	bool eject;       /* DVD or floppy: no media */
	int to_bus;       /* a move (the VM off) */
	int to_controller;
	int to_location;
	int cache;            /* an eng_cache */
	int shared;           /* 0 or 1 */
	int64_t maximum_iops; /* 0 removes the limit */
} eng_drive_change;

typedef struct eng_drives_api {
	int (*get_storage)(const char *vm_id, eng_storage *out, char **err);
	void (*storage_free)(eng_storage *s);
	/* Adds a drive; *out (freed with drive_free) says where it went. */
	int (*add_drive)(const char *vm_id, const eng_drive_spec *spec, eng_drive *out, char **err);
	int (*remove_drive)(const char *vm_id, const eng_drive_ref *ref, char **err);
	/* Applies every change together, or none; *out is the drive after. */
	int (*set_drive)(const char *vm_id, const eng_drive_ref *ref, const eng_drive_change *ch,
	                 eng_drive *out, char **err);
	void (*drive_free)(eng_drive *d);
	/* The VM off; *number is the new controller's. */
	int (*add_scsi_controller)(const char *vm_id, int *number, char **err);
	/* The VM off; the drives on it go too (their files stay). */
	int (*remove_scsi_controller)(const char *vm_id, int number, char **err);
	/* A new, empty 1.44 MB floppy image; ENG_EEXIST when path exists. */
	int (*new_vfd)(const char *path, char **err);
} eng_drives_api;

#endif
