# Sort-Object: keys, direction, stability, -Unique, -Top/-Bottom, $null first
(3, 1, 2 | Sort-Object) -join ','
(3, 1, 2 | Sort-Object -Descending) -join ','
('banana', 'Apple', 'cherry' | Sort-Object) -join ','
(10, 9, 100 | Sort-Object) -join ','
('10', '9', '100' | Sort-Object) -join ','
$vms = @(
    [pscustomobject]@{ Name = 'web01'; State = 'Running'; Cpu = 2 }
    [pscustomobject]@{ Name = 'web02'; State = 'Off'; Cpu = 4 }
    [pscustomobject]@{ Name = 'db01'; State = 'Running'; Cpu = 8 }
)
($vms | Sort-Object Cpu -Descending | ForEach-Object Name) -join ','
($vms | Sort-Object State, Name | ForEach-Object Name) -join ','
($vms | Sort-Object @{ Expression = 'State'; Descending = $true }, @{ e = 'Name'; Ascending = $true } | ForEach-Object Name) -join ','
($vms | sort { $_.Name.Length }, Name | ForEach-Object Name) -join ','
(3, 1, 3, 2, 1 | Sort-Object -Unique) -join ','
('a', 'B', 'A' | Sort-Object -Unique) -join ','
(1..10 | Sort-Object -Top 3 -Descending) -join ','
(5, 3, 1, 4 | Sort-Object -Bottom 2) -join ','
(2, $null, 1 | Sort-Object | ForEach-Object { "[$_]" }) -join ''
(2, $null, 1 | Sort-Object -Descending | ForEach-Object { "[$_]" }) -join ''
$recs = 'b1', 'a1', 'b2', 'a2', 'b3' | ForEach-Object { [pscustomobject]@{ K = $_.Substring(0, 1); V = $_ } }
($recs | Sort-Object K | ForEach-Object V) -join ','
($recs | Sort-Object K -Descending | ForEach-Object V) -join ','
(1..6 | Sort-Object { $_ % 3 }, { -$_ }) -join ','
(1.5, 1, 2 | Sort-Object) -join ','
