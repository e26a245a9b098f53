# Syntax the parser must get right; every line prints plain values.
$x = 1 + 2 * 3; "precedence: $x"
"comma binds tighter: $((1,2 + 3).Count)"
"not before eq: $(-not 0 -eq $true)"
"format: {0}-{1}" -f 'a', 'b'
"range: $(1..4 -join ',')"
"neg range: $(-2..0 -join ',')"
"sizes: $(2GB) $(1kb) $(0x1F) $(1e3)"
$h = @{
    Name = 'vm1'
    'Mem MB' = 512; Count = 2
}
"hash: $($h.Name) $($h['Mem MB']) $($h.Count)"
$s = 'it''s'; "single: $s"
"escapes: [`$x] [""q""] [`u{41}]"
"member in string: $h.Name"
$here = @"
here $($h.Count)
  two
"@
$here
$a, $b = 10, 20; "multi: $a $b"
[int]$n = '42'; "typed: $($n + 1)"
$i = 5; $i++; ++$i; $i--; "incdec: $i"
$r = if ($i -gt 5) { 'big' } else { 'small' }; "if value: $r"
$sq = foreach ($k in 1..3) { $k * $k }; "foreach value: $($sq -join ' ')"
:outer foreach ($p in 1..3) { foreach ($q in 1..3) { if ($q -eq 2) { continue outer }; "pair $p$q" } }
switch -Wildcard ('web01') { 'db*' { 'db' } 'web*' { 'web' } default { 'other' } }
function Add-Two([int]$v, [int]$w = 2) { $v + $w }
"function: $(Add-Two 5) $(Add-Two -v 1 -w:3)"
filter Double { $_ * 2 }
"filter: $((1, 2 | Double) -join ',')"
"static: $([math]::Max(3, 7)) $([int]::MaxValue)"
"method: $('abc'.ToUpper().Substring(1))"
"index: $((10, 20, 30)[-1]) $(((1..5)[1..2]) -join ',')"
$sb = { param($z) "block got $z" }; & $sb 'arg'
Write-Output a,b `
    c
