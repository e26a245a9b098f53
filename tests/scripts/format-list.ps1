# Format-List: every property, selected and calculated ones, wildcards,
# multi-line values, hashtables, and long values wrapped under themselves.
$o = [pscustomobject]@{ Name = 'web1'; State = 'Running'; CPUUsage = 3; MemoryMB = 2048; Notes = "first line`nsecond line" }
$o | Format-List
$o | Format-List Name, State
$o | fl -Property *
$o | Format-List Name, @{ Name = 'GB'; Expression = { $_.MemoryMB / 1024 } }
$o | Format-List State, Name
$o | Format-List *U*
[pscustomobject]@{ a = 1; b = 'x' } | Format-List
[pscustomobject]@{ Items = 1..3; Empty = $null; Flag = $false } | Format-List
@{ k = 'v' } | Format-List
[pscustomobject]@{ Description = 'abcdefghij ' * 12 } | Format-List
'a string' | Format-List
