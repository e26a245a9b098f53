#!/bin/sh
# Script files: positional and -File, arguments as $args and bound to
# param(), .ps1 and .hvsh, standard input scripts, a byte order mark.
. "$ROOT/tests/cli/common.inc"

printf '$args.Count\n$args -join "|"\n' >"$tmp/args.ps1"
t "positional script with args" 0 "3
a|b c|-x" -NoProfile "$tmp/args.ps1" a 'b c' -x
t "-File with args" 0 "2
1|2" -NoProfile -File "$tmp/args.ps1" 1 2
t "-f prefix, no args" 0 "0" -nop -f "$tmp/args.ps1"

cat >"$tmp/params.ps1" <<'PS1'
param([string]$Name, [int]$Count = 1, [switch]$Loud)
"$Name x $Count loud=$Loud"
PS1
t "param() named" 0 "web x 3 loud=False" -NoProfile "$tmp/params.ps1" -Name web -Count 3
t "param() positional" 0 "db x 2 loud=False" -NoProfile -File "$tmp/params.ps1" db 2
t "param() switch and default" 0 "app x 1 loud=True" -NoProfile "$tmp/params.ps1" app -Loud

printf '"hvsh extension"\n' >"$tmp/run.hvsh"
t ".hvsh script" 0 "hvsh extension" -NoProfile "$tmp/run.hvsh"

printf '\357\273\277"bom"\n' >"$tmp/bom.ps1"
t "byte order mark" 0 "bom" -NoProfile "$tmp/bom.ps1"

printf '$x = 6\n$x * 7\n' | "$HVSH" -NoProfile - >"$tmp/out" 2>"$tmp/err"
rc=$?
check "hvsh - reads stdin" 0 "42"
printf 'foreach ($i in 1..3) {\n  $i\n}\n' | "$HVSH" -NoProfile >"$tmp/out" 2>"$tmp/err"
rc=$?
check "piped stdin is a script" 0 "1
2
3"

printf '$PSScriptRoot -eq (Split-Path -Parent $PSCommandPath)\n' >"$tmp/where.ps1"
t "PSScriptRoot" 0 "True" -NoProfile "$tmp/where.ps1"

finish
