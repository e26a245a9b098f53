# How values show when nothing formats them explicitly (Out-Default).
'host' | Out-Host
'text'
42
3.5
$true
$null
''
[datetime]'2026-11-25 13:20:32'
[timespan]'01:02:03'
@{ a = 1 }
[ordered]@{ first = 1; second = 'two' }
'after'
[pscustomobject]@{ List = 1..6; Short = 1, 2; Nested = [pscustomobject]@{ x = 1; y = 'z' }; Empty = $null }
[pscustomobject]@{ Name = 'a'; Count = 1 }
'between'
[pscustomobject]@{ Name = 'b'; Count = 22 }
[pscustomobject]@{ Name = 'c'; Count = 333 }
[pscustomobject]@{ Other = 'shape' }
[pscustomobject]@{ One = 1; Two = 2; Three = 3; Four = 4; Five = 5 }
1, 2 | Out-Null
