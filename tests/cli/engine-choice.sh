#!/bin/sh
# Which engine hvsh uses, and why: -Engine beats HVSH_ENGINE, which beats
# hvsh.conf (the user's, then the system's), which beats the automatic
# choice; Get-VMHost names the source. virtualization_mode in hvsh.conf
# chooses software emulation. libvirt's test driver (test:///default)
# stands in for a hypervisor: no QEMU runs here.
. "$ROOT/tests/cli/common.inc"

unset HVSH_ENGINE HVSH_ENGINE_SOURCE HVSH_ACCEL
XDG_CONFIG_HOME=$tmp/config
export XDG_CONFIG_HOME
# Under a sanitizer build: see tests/cli/engine-lsan.supp.
LSAN_OPTIONS=${LSAN_OPTIONS:+$LSAN_OPTIONS:}use_tls=0:print_suppressions=0:suppressions=$ROOT/tests/cli/engine-lsan.supp
export LSAN_OPTIONS
conf=$XDG_CONFIG_HOME/hvsh/hvsh.conf
mkdir -p "$XDG_CONFIG_HOME/hvsh"
# with NAME=VALUE... -- t ARGS: t with those variables in the environment
# (assignments before a function call are not portable).
with() {
	while [ "$1" != -- ]; do
		export "${1?}"
		shift
	done
	shift
	"$@"
	unset HVSH_ENGINE HVSH_ENGINE_SOURCE HVSH_ACCEL
}
show='Get-VMHost | ForEach-Object { $_.Engine; $_.EngineReason }'

t "-Engine" 0 "test:///default
set by the -Engine option" -NoProfile -Engine test:///default -c "$show"
t "-engine prefix" 0 "test:///default
set by the -Engine option" -NoProfile --eng test:///default -c "$show"
t "-Engine without a URI" 64 "" -NoProfile -Engine
err_has "-Engine without a URI" "-Engine requires an argument that is a libvirt URI"

with HVSH_ENGINE=test:///default -- t "HVSH_ENGINE" 0 "test:///default
set by the HVSH_ENGINE environment variable" -NoProfile -c "$show"
with HVSH_ENGINE=test:///default HVSH_ENGINE_SOURCE=command-line -- t "stale HVSH_ENGINE_SOURCE" 0 \
	"test:///default
set by the HVSH_ENGINE environment variable" -NoProfile -c "$show"

printf '# the engine\n\nengine = test:///default\n' >"$conf"
t "hvsh.conf" 0 "test:///default
set in $conf line 3" -NoProfile -c "$show"
[ -s "$tmp/err" ] && fail "hvsh.conf: stderr: $(head -1 "$tmp/err")"

printf 'engine = bogus:///conf\n' >"$conf"
with HVSH_ENGINE=test:///default -- t "HVSH_ENGINE beats hvsh.conf" 0 "test:///default
set by the HVSH_ENGINE environment variable" -NoProfile -c "$show"
with HVSH_ENGINE=bogus:///env -- t "-Engine beats HVSH_ENGINE and hvsh.conf" 0 "test:///default
set by the -Engine option" -NoProfile -Engine test:///default -c "$show"
t "a URI libvirt refuses" 1 "" -NoProfile -c "$show"
err_has "a URI libvirt refuses" "Cannot connect to the hypervisor engine 'bogus:///conf' (set in $conf line 1): "

printf 'engine test:///default\nengine = "test:///default" # quoted\ncolour = blue\nvirtualization_mode = Fast\n' >"$conf"
t "malformed lines" 0 "test:///default
set in $conf line 2" -NoProfile -c "$show"
err_has "malformed lines" "WARNING: $conf, line 1: 'engine test:///default' is not of the form 'key = value'; the line is ignored."
err_has "unknown key" "WARNING: $conf, line 3: unknown key 'colour'"
err_has "bad virtualization_mode" "WARNING: $conf, line 4: virtualization_mode is 'Fast', expected Emulated or Hardware"

printf 'engine = test:///default\nvirtualization_mode = Emulated\n' >"$conf"
t "virtualization_mode = Emulated" 0 "Emulated
virtualization_mode = Emulated in $conf line 2" -NoProfile -c \
	'Get-VMHost | ForEach-Object { $_.VirtualizationMode; $_.VirtualizationModeReason }'
with HVSH_ACCEL=tcg -- t "HVSH_ACCEL=tcg beats virtualization_mode" 0 "Emulated
HVSH_ACCEL=tcg asks for software emulation" -NoProfile -c \
	'Get-VMHost | ForEach-Object { $_.VirtualizationMode; $_.VirtualizationModeReason }'

finish
