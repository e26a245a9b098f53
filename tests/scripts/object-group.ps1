# Group-Object: GroupInfo objects, their table view, -NoElement, -AsHashTable
1..10 | Group-Object { $_ % 2 }
$vms = @(
    [pscustomobject]@{ Name = 'web01'; State = 'Running'; Cpu = 2 }
    [pscustomobject]@{ Name = 'web02'; State = 'Off'; Cpu = 4 }
    [pscustomobject]@{ Name = 'db01'; State = 'Running'; Cpu = 8 }
)
$vms | Group-Object State | ForEach-Object { "$($_.Name): $($_.Count) [$($_.Group.Name -join ',')]" }
$vms | Group-Object State -NoElement
$h = $vms | Group-Object State -AsHashTable -AsString
$h['Running'].Count
$h.Off.Name
('a', 'A', 'b' | Group-Object | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join ';'
('a', 'A', 'b' | Group-Object -CaseSensitive | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join ';'
$vms | Group-Object State, Cpu | ForEach-Object Name
($vms | Group-Object { $_.Cpu -gt 3 } | ForEach-Object { "$($_.Values[0])/$($_.Count)" }) -join ' '
'x', 'y', 'x' | group
