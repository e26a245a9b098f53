# Where-Object: script blocks and the comparison-statement form
$items = @(
    [pscustomobject]@{ Name = 'web01'; State = 'Running'; Cpu = 2; Enabled = $true; Tags = @('a', 'b') }
    [pscustomobject]@{ Name = 'web02'; State = 'Off'; Cpu = 4; Enabled = $false; Tags = @('c') }
    [pscustomobject]@{ Name = 'db01'; State = 'Running'; Cpu = 8; Enabled = $true; Tags = @() }
)
($items | Where-Object { $_.Cpu -gt 2 }).Name -join ','
($items | Where-Object State -eq Running).Name -join ','
($items | Where-Object Name -like 'web*').Name -join ','
($items | Where-Object -Property Enabled).Name -join ','
($items | Where-Object Enabled).Name -join ','
($items | Where-Object Enabled -EQ $false).Name -join ','
($items | Where-Object Cpu -ge 4).Name -join ','
($items | Where-Object Cpu -lt 4).Name -join ','
($items | Where-Object Cpu -le 4).Name -join ','
($items | Where-Object Cpu -ne 4).Name -join ','
($items | Where-Object Name -notlike 'web*').Name -join ','
($items | Where-Object Name -match '^w.*2$').Name -join ','
($items | Where-Object Name -notmatch 'web').Name -join ','
($items | Where-Object State -in 'Off', 'Paused').Name -join ','
($items | Where-Object State -notin 'Off').Name -join ','
($items | Where-Object Tags -contains 'b').Name -join ','
($items | Where-Object Tags -notcontains 'b').Name -join ','
($items | Where-Object -Not Enabled).Name -join ','
@($items | Where-Object State -ceq running).Count
@($items | Where-Object State -eq running).Count
@($items | Where-Object Name -clike 'WEB*').Count
@($items | Where-Object NoSuchProperty -eq 1).Count
(1..10 | ? { $_ % 3 -eq 0 }) -join ','
(1..5 | where { $_ -gt 3 }) -join ','
('a', 'b', 'c' | Where-Object { $_ -ne 'b' }) -join ''
'abc', 'de' | Where-Object Length -eq 3
1..3 | Where-Object { $_ -gt 1 } | ForEach-Object { $_ * 10 }
$null | Where-Object { $true } | ForEach-Object { 'null passed through' }
Where-Object -InputObject 5 -FilterScript { $_ -eq 5 }
$mixed = [pscustomobject]@{ v = 1 }, [pscustomobject]@{ v = 'x' }
($mixed | Where-Object v -Is int).v
($mixed | Where-Object v -IsNot 'System.Int32').v
(1, 'a', 2.5 | Where-Object { $_ -is [int] }) -join ','
