#!/bin/sh
# make-test-guest.sh [DIR] - builds the tiny guest the hypervisor tests boot,
# from Debian packages only, and caches it; prints DIR.
#
# DIR is the argument, else $HVSH_TEST_GUEST_DIR, else
# $XDG_CACHE_HOME/hvsh/test-guest (~/.cache/hvsh/test-guest). It holds:
#   vmlinuz          Debian's cloud kernel (linux-image-cloud-amd64)
#   initrd.img       busybox-static initramfs, /init from tests/guest/init:
#                    prints "HVSH-TEST-GUEST READY" on ttyS0, powers off on
#                    the ACPI power button after "HVSH-TEST-GUEST POWEROFF"
#   cmdline          the kernel command line for a direct -kernel boot
#   guest.raw        BIOS-bootable disk: an unpartitioned FAT "superfloppy"
#                    with SYSLINUX (SeaBIOS runs its boot sector directly)
#   guest.qcow2, guest.vhd, guest.vhdx   the same disk converted
#   guest-efi.raw    UEFI-bootable disk (OVMF): a FAT ESP whose
#                    \EFI\BOOT\BOOTX64.EFI is a unified kernel image
#   guest.stamp      written last: the cache is complete
#
# Generation 2 (UEFI): the firmware starts \EFI\BOOT\BOOTX64.EFI without
# arguments, so the kernel's own EFI stub alone would get no command line
# and no initramfs. A startup.nsh running the kernel with "initrd=..." would
# work but costs the UEFI shell's 5 s countdown; so the kernel, initramfs
# and command line are joined into one PE image with systemd's EFI stub
# (systemd-boot-efi), the same layout ukify produces. It is not signed: it
# boots with Secure Boot off.
#
# Idempotent: when guest.stamp names this script's revision, nothing is
# done. A build happens in a temporary directory beside DIR and is renamed
# into place, under a lock, so a half-built cache never exists.
set -eu

REVISION=3
here=$(cd "$(dirname "$0")" && pwd)
init_src=$here/../tests/guest/init

dir=${1:-${HVSH_TEST_GUEST_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hvsh/test-guest}}
stamp="revision $REVISION"

is_built() {
	[ -f "$1/guest.stamp" ] && [ "$(cat "$1/guest.stamp")" = "$stamp" ]
}

if is_built "$dir"; then
	echo "$dir"
	exit 0
fi

die() {
	echo "make-test-guest: $*" >&2
	exit 1
}

for tool in apt-get apt-cache dpkg-deb busybox gzip mformat mcopy mmd syslinux qemu-img objcopy flock; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "$tool not found (scripts/install-deps.sh installs what is needed)"
done
busybox_bin=$(command -v busybox)
case $(file -b "$busybox_bin" 2>/dev/null || echo static) in
*dynamic*) die "$busybox_bin is not static: install busybox-static" ;;
esac
efi_stub=/usr/lib/systemd/boot/efi/linuxx64.efi.stub
[ -f "$efi_stub" ] || die "$efi_stub not found: install systemd-boot-efi"
[ -f "$init_src" ] || die "$init_src not found"

parent=$(dirname "$dir")
mkdir -p "$parent"
exec 9>"$dir.lock"
flock 9
if is_built "$dir"; then # built meanwhile by another run
	echo "$dir"
	exit 0
fi

work=$(mktemp -d "$dir.tmp.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
out=$work/out
mkdir "$out" "$work/deb"

# ---- kernel ----
# The meta package names one versioned image package; only that one is
# downloaded. Package lists are fetched only when they are missing.
apt_opts=
[ "$(id -u)" -eq 0 ] && apt_opts="-o APT::Sandbox::User=root"
resolve() {
	# shellcheck disable=SC2086
	apt-cache $apt_opts depends linux-image-cloud-amd64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[^ ]*-cloud-amd64\)$/\1/p' | head -n 1
}
kpkg=$(resolve)
if [ -z "$kpkg" ]; then
	[ "$(id -u)" -eq 0 ] || die "no package lists for linux-image-cloud-amd64: run apt-get update as root"
	apt-get update -q >&2 || die "apt-get update failed"
	kpkg=$(resolve)
	[ -n "$kpkg" ] || die "linux-image-cloud-amd64 names no kernel package"
fi
# shellcheck disable=SC2086
(cd "$work/deb" && apt-get $apt_opts download "$kpkg" >&2) ||
	die "apt-get download $kpkg failed"
dpkg-deb -x "$work"/deb/"$kpkg"_*.deb "$work/kernel"
set -- "$work"/kernel/boot/vmlinuz-*
[ -f "$1" ] || die "$kpkg holds no boot/vmlinuz-*"
kver=${1##*/vmlinuz-}
cp "$1" "$out/vmlinuz"
kmod=$work/kernel/lib/modules/$kver/kernel/drivers

# ---- initramfs ----
root=$work/root
mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev" "$root/lib/modules"
cp "$busybox_bin" "$root/bin/busybox"
cp "$init_src" "$root/init"
chmod 755 "$root/init" "$root/bin/busybox"
# The cloud kernel has the 8250 serial console and atkbd built in, but the
# ACPI button driver and evdev are modules.
cp "$kmod/acpi/button.ko" "$kmod/input/evdev.ko" "$root/lib/modules/"
(cd "$root" && find . | sort | busybox cpio -o -H newc -R 0:0 2>/dev/null) |
	gzip -9 -n >"$out/initrd.img"

cmdline="console=ttyS0,115200 quiet"
echo "$cmdline" >"$out/cmdline"

# ---- BIOS disk: FAT superfloppy with SYSLINUX ----
# 64 MiB leaves room to spare beside the ~15 MB kernel and initramfs.
cat >"$work/syslinux.cfg" <<EOF
SERIAL 0 115200
DEFAULT guest
PROMPT 0
TIMEOUT 0
LABEL guest
	KERNEL vmlinuz
	INITRD initrd.img
	APPEND $cmdline
EOF
raw=$out/guest.raw
truncate -s 64M "$raw"
mformat -i "$raw" -T 131072 -h 64 -s 32 -v HVSHGUEST ::
syslinux --install "$raw"
mcopy -i "$raw" "$out/vmlinuz" "$out/initrd.img" "$work/syslinux.cfg" ::/

qemu-img convert -f raw -O qcow2 "$raw" "$out/guest.qcow2"
qemu-img convert -f raw -O vpc -o subformat=dynamic "$raw" "$out/guest.vhd"
qemu-img convert -f raw -O vhdx "$raw" "$out/guest.vhdx"

# ---- UEFI disk: FAT ESP with a unified kernel image ----
# Sections go after the stub's own (which end below 0x20000), packed: the
# firmware allocates the whole image at once, and with 0x3000000 as the
# .initrd address (systemd 252's example) OVMF runs out of memory in a
# 128 MiB guest. The kernel is placed at a 1 MiB boundary.
printf 'ID=hvsh-test-guest\nNAME="hvsh test guest"\n' >"$work/os-release"
printf '%s' "$cmdline" >"$work/cmdline"
mib=1048576
ksize=$(wc -c <"$out/vmlinuz")
initrd_at=$(((1 + (ksize + mib - 1) / mib) * mib))
objcopy \
	--add-section .osrel="$work/os-release" --change-section-vma .osrel=0x20000 \
	--add-section .cmdline="$work/cmdline" --change-section-vma .cmdline=0x30000 \
	--add-section .linux="$out/vmlinuz" --change-section-vma .linux=$mib \
	--add-section .initrd="$out/initrd.img" --change-section-vma .initrd="$initrd_at" \
	"$efi_stub" "$work/BOOTX64.EFI"
efi=$out/guest-efi.raw
truncate -s 64M "$efi"
mformat -i "$efi" -T 131072 -h 64 -s 32 -v HVSHESP ::
mmd -i "$efi" ::/EFI ::/EFI/BOOT
mcopy -i "$efi" "$work/BOOTX64.EFI" ::/EFI/BOOT/BOOTX64.EFI

echo "$kpkg" >"$out/kernel-package"
echo "$stamp" >"$out/guest.stamp"

# ---- into place ----
if [ -e "$dir" ]; then
	mv "$dir" "$work/old"
fi
mv "$out" "$dir"
echo "$dir"
