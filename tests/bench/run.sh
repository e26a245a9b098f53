#!/bin/sh
# run.sh HVSH TIMEIT - prints, for each workload, the median wall time over
# several runs, its goal for comparison, and the peak resident memory.
# Nothing passes or fails here: a slow machine is not a broken build.
set -u
LC_ALL=C
export LC_ALL

hvsh=${1:?usage: run.sh HVSH TIMEIT}
timeit=${2:?usage: run.sh HVSH TIMEIT}

# bench NAME RUNS GOAL COMMAND...: one line of the report.
bench() {
	name=$1 runs=$2 goal=$3
	shift 3
	set -- $("$timeit" "$runs" "$@")
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
