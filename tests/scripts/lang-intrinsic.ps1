# Every value has Count and Length; objects have psobject.
$null.Count
(5).Count
'abc'.Length
([pscustomobject]@{ a = 1 }).Count
@(1, 2).Count
@{}.Count
$o = [pscustomobject]@{ Name = 'n'; Size = 3 }
$o.psobject.Properties.Name -join ','
$o.psobject.TypeNames[0]
(Get-Item /).psobject.Properties.Count -gt 5
