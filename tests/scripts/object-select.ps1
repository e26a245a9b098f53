# Select-Object: properties, calculated properties, -First/-Last/-Skip/-Unique/-Index
$vms = @(
    [pscustomobject]@{ Name = 'web01'; State = 'Running'; Cpu = 2; Mem = 2048 }
    [pscustomobject]@{ Name = 'web02'; State = 'Off'; Cpu = 4; Mem = 4096 }
    [pscustomobject]@{ Name = 'db01'; State = 'Running'; Cpu = 8; Mem = 8192 }
)
$vms | Select-Object Name, Cpu
$vms | Select-Object Name, @{ Name = 'GB'; Expression = { $_.Mem / 1024 } } | ForEach-Object { "$($_.Name)=$($_.GB)" }
$vms | Select-Object @{ n = 'VM'; e = 'Name' }, @{ l = 'Cores'; e = { $_.Cpu } } -First 1
$vms | select -ExpandProperty Name
(1..10 | Select-Object -First 3) -join ','
(1..10 | Select-Object -Last 2) -join ','
(1..10 | Select-Object -Skip 7) -join ','
(1..10 | Select-Object -Skip 2 -First 2) -join ','
(1..10 | Select-Object -SkipLast 8) -join ','
(1..10 | Select-Object -Index 0, 5, 9) -join ','
(1, 1, 2, 'a', 'A', 2 | Select-Object -Unique) -join ','
$vms | Select-Object * -ExcludeProperty Mem, Cpu -First 1
'--'
$vms[1] | Select-Object -Property N*
'--'
'abc' | Select-Object Length
$vms | Select-Object Name, Missing -First 1 | ForEach-Object { $null -eq $_.Missing }
$o = [pscustomobject]@{ Name = 'x'; Items = @([pscustomobject]@{ V = 1 }, [pscustomobject]@{ V = 2 }) }
$o | Select-Object -Property Name -ExpandProperty Items | ForEach-Object { "$($_.Name):$($_.V)" }
$seen = 0
1..100000 | ForEach-Object { $seen++; $_ } | Select-Object -First 2
"seen $seen"
(1..5 | Select-Object -First 0 | Measure-Object).Count
try {
    $vms | Select-Object @{ Nme = 'x'; Expression = 'Name' } -ErrorAction Stop
} catch {
    $_.Exception.Message
}
(1..5 | Select-Object -First 1 -Last 2) -join ','
(1..6 | Select-Object -SkipLast 2 | ForEach-Object { "<$_>" }) -join ''
(1..5 | Select-Object -Unique -Last 3) -join ','
(1 | Select-Object @{ n = 'a'; e = { 1 } } | Get-Member -MemberType NoteProperty).TypeName
([pscustomobject]@{ z = 1 } | Select-Object z | Get-Member -MemberType NoteProperty).TypeName
"$('abc' | Select-Object Length)"
try {
    $vms | Select-Object @{ Name = 'x' } -ErrorAction Stop
} catch {
    $_.Exception.Message
}
'end of object-select'
