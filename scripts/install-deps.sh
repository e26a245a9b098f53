#!/bin/sh
# install-deps.sh - installs the Debian 12 packages hvsh needs to build,
# test and run, and nothing else.
#
# This list is the one place that names them: the build (compiler,
# pkg-config and the -dev packages), the tests (cmocka, tmux for terminal
# tests, groff for the man page, clang and its sanitizer runtimes for the
# fuzzer, GNU time for peak memory), and the hypervisor engine and remote
# sessions (libvirt, QEMU, OVMF, libssh, an sshd, and the tools that build
# tiny test guests), and virsh, which the benchmarks compare hvsh with.
#
# It is idempotent and quick when nothing is missing: one dpkg-query call
# decides, and apt-get (update, then install) runs only for what is absent.
# Run as root, or as a user with sudo.
set -eu

PACKAGES="
build-essential
pkg-config
libreadline-dev
libpcre2-dev
libmimalloc-dev
libcmocka-dev
clang
libclang-rt-14-dev
clang-format
tmux
groff-base
time
libncurses-dev
libxml2-dev
libssh-dev
libvirt-dev
libvirt-daemon
libvirt-clients
qemu-system-x86
qemu-utils
ovmf
openssh-server
mtools
syslinux
busybox-static
systemd-boot-efi
"

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "install-deps: dpkg-query not found: this script knows Debian 12 only;" >&2
	echo "install-deps: install the equivalents of:" $PACKAGES >&2
	exit 0
fi

# Packages dpkg knows as fully installed ("ii"); unknown names print nothing.
installed=$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' $PACKAGES 2>/dev/null |
	awk '$2 == "ii" { print $1 }')

missing=
for p in $PACKAGES; do
	case "
$installed
" in
	*"
$p
"*) ;;
	*) missing="$missing $p" ;;
	esac
done

# libvirt's QEMU driver, embedded in hvsh as well, refuses to start without
# the libvirt-qemu account, which only the daemon's own package creates.
ensure_qemu_account() {
	[ "$(id -u)" -eq 0 ] || return 0
	getent passwd libvirt-qemu >/dev/null && return 0
	getent group libvirt-qemu >/dev/null || groupadd --system libvirt-qemu
	useradd --system --gid libvirt-qemu --home-dir /var/lib/libvirt --no-create-home \
		--shell /usr/sbin/nologin libvirt-qemu
}

if [ -z "$missing" ]; then
	ensure_qemu_account
	exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
	SUDO=
elif command -v sudo >/dev/null 2>&1; then
	SUDO=sudo
else
	echo "install-deps: missing packages:$missing" >&2
	echo "install-deps: run this script as root (sudo is not available)" >&2
	exit 1
fi

echo "install-deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
ensure_qemu_account
