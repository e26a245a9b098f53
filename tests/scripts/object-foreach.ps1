# ForEach-Object: script blocks, begin/process/end, member names
1..3 | ForEach-Object { $_ * 2 }
'a', 'b' | % { $_.ToUpper() }
1..3 | ForEach-Object -Begin { $sum = 0 } -Process { $sum += $_ } -End { "sum=$sum" }
1..2 | ForEach-Object { 'begin' } { "item $_" } { 'end' }
1..2 | ForEach-Object { 'first' } { "process $_" }
1..2 | foreach -Process { "p$_" } -End { 'done' }
'hello', 'world' | ForEach-Object Length
'hello' | ForEach-Object ToUpper
'a-b-c' | ForEach-Object Split '-'
'hello' | ForEach-Object -MemberName Substring -ArgumentList 1, 3
[pscustomobject]@{ N = 1 }, [pscustomobject]@{ N = 2 } | % N
@{ key = 'value' } | ForEach-Object key
[pscustomobject]@{ L = @(1, 2) } | ForEach-Object L | ForEach-Object { "item $_" }
'x' | ForEach-Object NoSuchMember | ForEach-Object { $null -eq $_ }
$x = 10
1..2 | ForEach-Object { $x += $_ }
$x
1..5 | ForEach-Object { if ($_ -eq 3) { return }; $_ }
ForEach-Object { 'ran once without input' }
$null | ForEach-Object { "[$_]" }
$count = 0
1..1000 | ForEach-Object { $count++; $_ } | Select-Object -First 3 | Out-Null
$count
