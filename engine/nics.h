/*
 * nics.h - a VM's network adapters (part of engine.h's contract):
 * synthetic (virtio-net) and legacy (QEMU's tulip, Generation 1 only)
 * adapters, their names and MAC addresses. Conventions as in engine.h.
 *
 * An adapter is libvirt's <interface>; what libvirt has no place for (the
 * adapter's name, its Id, whether its MAC address is dynamic, the Hyper-V
 * settings kept for later) lives in hvsh's metadata, keyed by the MAC
 * address. An adapter without metadata (the one New-VM makes, or one of a
 * domain hvsh did not make) is "Network Adapter" or "Legacy Network
 * Adapter" with a dynamic address.
 *
 * An adapter not connected to a switch is a user-mode (slirp) interface
 * whose link is down: QEMU drops every frame either way, so the guest
 * sends and receives nothing.
 *
 * While a VM runs, synthetic adapters are added and removed on the live VM
 * too (hot plug, as on Hyper-V 2016 and later); legacy adapters and MAC
 * address changes are refused with ENG_ESTATE and nothing changes, as
 * Hyper-V refuses them. A saved VM refuses device changes the same way.
 */
#ifndef ENG_NICS_H
#define ENG_NICS_H

#include <stdbool.h>
#include <stddef.h>

/* Default names, as Hyper-V gives them. */
#define ENG_NIC_NAME        "Network Adapter"
#define ENG_NIC_LEGACY_NAME "Legacy Network Adapter"

/* A setting Hyper-V has and this host keeps (shown, no effect yet):
 * names and values are the cmdlet layer's text, stored as given. */
typedef struct eng_nic_setting {
	char *name;
	char *value;
} eng_nic_setting;

typedef struct eng_nic_kv {
	const char *name;
	const char *value;
} eng_nic_kv;

typedef struct eng_nic {
	char *name;        /* free text; several adapters may share it */
	char id[40];       /* the adapter's own GUID, upper case; stable across MAC changes */
	char mac[13];      /* 12 upper-case hex digits, no separators */
	bool legacy;       /* emulated (tulip), not synthetic (virtio-net) */
	bool dynamic_mac;  /* the address is generated, not chosen */
	char *switch_name; /* NULL: not connected */
	bool live;         /* the VM runs (or is paused) with this adapter */
	eng_nic_setting *settings;
	size_t nsettings;
} eng_nic;

/* What Add-VMNetworkAdapter asks for. */
typedef struct eng_nic_spec {
	const char *name; /* NULL: ENG_NIC_NAME or ENG_NIC_LEGACY_NAME */
	bool legacy;
	const char *static_mac; /* 12 hex digits (parse_mac), NULL: a generated one */
	const eng_nic_kv *settings;
	size_t nsettings;
} eng_nic_spec;

/* What Set- and Rename-VMNetworkAdapter change: NULL/false/0 leaves a
 * setting as it is. */
typedef struct eng_nic_change {
	const char *new_name;
	const char *static_mac;     /* 12 hex digits (parse_mac) */
	bool dynamic_mac;           /* back to a generated address (a new one) */
	const eng_nic_kv *settings; /* set or replaced */
	size_t nsettings;
} eng_nic_change;

typedef struct eng_nics_api {
	/* The VM's adapters, in the order of its devices. */
	int (*list)(const char *vm_id, eng_nic **out, size_t *n, char **err);
	void (*free)(eng_nic *nics, size_t n);
	/* Adds an adapter, not connected; *out (may be NULL) describes it. */
	int (*add)(const char *vm_id, const eng_nic_spec *spec, eng_nic *out, char **err);
	/* Removes the adapter with the Id given. When the VM runs and its
	   guest has not released the device yet, *warning (malloc'd) says so:
	   the configuration no longer has it, the running VM keeps it until the
	   guest lets go or the VM stops. */
	int (*remove)(const char *vm_id, const char *nic_id, char **warning, char **err);
	/* Applies every change to the adapter with the Id given, or none. */
	int (*set)(const char *vm_id, const char *nic_id, const eng_nic_change *c, char **err);
	/* Hyper-V's forms of a MAC address (00155D0A0B0C, 00-15-5D-0A-0B-0C,
	   00:15:5D:0A:0B:0C) to 12 upper-case hex digits; -1 with *err saying
	   why the text is not a unicast address. */
	int (*parse_mac)(const char *text, char out[13], char **err);
} eng_nics_api;

#endif
