#!/bin/sh
# run.sh HVSH TIMEIT - prints, for each workload, the median wall time over
# several runs, its goal for comparison, and the peak resident memory.
# Nothing passes or fails here: a slow machine is not a broken build.
set -u
LC_ALL=C
export LC_ALL

hvsh=${1:?usage: run.sh HVSH TIMEIT}
timeit=${2:?usage: run.sh HVSH TIMEIT}

# bench NAME RUNS GOAL COMMAND...: one line of the report; the median
# (seconds) stays in $median.
bench() {
	name=$1 runs=$2 goal=$3
	shift 3
	set -- $("$timeit" "$runs" "$@")
	median=$1
	awk -v name="$name" -v runs="$runs" -v goal="$goal" -v median="$1" -v kb="$2" \
		-v failed="$3" -v status="$4" 'BEGIN {
		if (median < 1)
			t = sprintf("%.1f ms", median * 1000)
		else
			t = sprintf("%.3f s", median)
		line = sprintf("%-54s %4d  %10s  %7s  %7.1f MB", name, runs, t, goal, kb / 1024)
		if (failed > 0)
			line = line sprintf("  (%d of %d runs failed, exit %d)", failed, runs, status)
		print line
	}'
}

echo "hvsh benchmarks: $("$hvsh" --version), $(nproc) cores"
printf '%-54s %4s  %10s  %7s  %10s\n' "workload" "runs" "median" "goal" "peak RSS"
bench "start-up: hvsh -NoProfile -c '\$null'" 30 "5 ms" \
	"$hvsh" -NoProfile -NonInteractive -c '$null'
bench "start-up: bash -c true (reference)" 30 "-" bash -c true
bench 'foreach ($i in 1..1000000) { $s += $i }' 3 "0.3 s" \
	"$hvsh" -NoProfile -NonInteractive -c '$s=0; foreach ($i in 1..1000000) { $s += $i }'
bench '1..1000000 | Where-Object {...} | Measure-Object' 3 "1 s" \
	"$hvsh" -NoProfile -NonInteractive -c \
	'1..1000000 | Where-Object { $_ % 3 -eq 0 } | Measure-Object'
bench '1..200000 | ForEach-Object {[pscustomobject]} | Sort' 3 "1 s" \
	"$hvsh" -NoProfile -NonInteractive -c \
	'1..200000 | ForEach-Object { [pscustomobject]@{ N = $_; Sq = $_ * $_ } } | Sort-Object Sq -Descending | Select-Object -First 3'

# ---- the hypervisor engine: an embedded root of the benchmark's own,
# under software emulation, against virsh on the same root ----
if ! command -v virsh >/dev/null 2>&1; then
	echo "(no virsh: the engine's benchmarks are skipped; make deps installs it)"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/hvsh-bench.XXXXXX")
cleanup() {
	for f in "$work"/*/run/qemu/*.pid; do
		[ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
HVSH_ACCEL=tcg
XDG_CONFIG_HOME=$work/config
export HVSH_ACCEL XDG_CONFIG_HOME
uri="qemu:///embed?root=$work/many"
q() { HVSH_ENGINE=$1 "$hvsh" -NoProfile -NonInteractive -c "$2"; }

# ratio LABEL A B: A / B, two decimals
ratio() { awk -v l="$1" -v a="$2" -v b="$3" 'BEGIN { printf "  %s: %.2f\n", l, a / b }'; }

q "$uri" '1..1000 | ForEach-Object { $null = New-VM ("vm{0:d4}" -f $_) -MemoryStartupBytes 64MB -NoVHD }'
# two of them active but paused (their emulated processors would take the
# machine's cores from what is measured), 998 off
q "$uri" 'Start-VM vm0001, vm0002; Suspend-VM vm0001, vm0002'
bench "1000 VMs: hvsh -c 'Get-VM | Out-Null'" 5 "virsh" \
	env HVSH_ENGINE="$uri" "$hvsh" -NoProfile -NonInteractive -c 'Get-VM | Out-Null'
hvsh_median=$median
bench "1000 VMs: virsh list --all (reference)" 5 "-" virsh -c "$uri" list --all
ratio "Get-VM / virsh list --all" "$hvsh_median" "$median"
bench "1000 VMs: Get-VM | Where-Object State -eq Off | Measure" 5 "-" \
	env HVSH_ENGINE="$uri" "$hvsh" -NoProfile -NonInteractive -c \
	'Get-VM | Where-Object State -eq Off | Measure-Object'
q "$uri" 'Stop-VM vm0001, vm0002 -TurnOff'

bench "New-VM x100 (one shell, empty root each run)" 3 "-" \
	sh -c 'rm -rf "$1"; HVSH_ENGINE="qemu:///embed?root=$1" "$2" -NoProfile -NonInteractive -c "1..100 | ForEach-Object { \$null = New-VM n\$_ -MemoryStartupBytes 64MB -NoVHD }"' \
	sh "$work/new" "$hvsh"
awk -v m="$median" 'BEGIN { printf "  per New-VM: %.1f ms\n", m * 10 }'

# Start-VM returns once QEMU runs the VM: Running
start_ms=$(q "qemu:///embed?root=$work/start" '$null = New-VM s -MemoryStartupBytes 64MB -NoVHD
$t = foreach ($i in 1..5) { (Measure-Command { Start-VM s }).TotalMilliseconds; Stop-VM s -TurnOff }
($t | Sort-Object)[2]')
awk -v ms="$start_ms" 'BEGIN { printf "%-54s %4d  %7.1f ms\n", "Start-VM to Running (median of 5)", 5, ms }'
