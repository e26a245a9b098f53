# a seed makes the sequence reproducible (PowerShell's own generator)
$a = Get-Random -SetSeed 42 -Maximum 100
$b = Get-Random -SetSeed 42 -Maximum 100
$a -eq $b
$a -ge 0 -and $a -lt 100
Get-Random -SetSeed 42 -Maximum 1000
Get-Random -SetSeed 1
Get-Random -SetSeed 7 -Minimum 10 -Maximum 20 -Count 5
Get-Random -SetSeed 3 -Minimum 1.5 -Maximum 2.5
Get-Random -SetSeed 5 -Minimum 0 -Maximum 10000000000
1..10 | Get-Random -SetSeed 12 -Shuffle
Get-Random -SetSeed 9 -InputObject red, green, blue, cyan -Count 2
# the seeded generator lives on: the next call continues its sequence
$first = Get-Random -SetSeed 100 -Maximum 50; $second = Get-Random -Maximum 50
$third = Get-Random -SetSeed 100 -Maximum 50; $fourth = Get-Random -Maximum 50
$second -eq $fourth

# types and ranges
(Get-Random -Maximum 10) -is [int]
(Get-Random -Maximum 10000000000) -is [long]
(Get-Random -Maximum 1.5) -is [double]
(Get-Random -Minimum '5' -Maximum '6') -eq 5
$r = Get-Random -Minimum -3 -Maximum 3; $r -ge -3 -and $r -lt 3
(Get-Random 10) -lt 10
(1..10 | Get-Random -Count 20).Count
(Get-Random -InputObject a, b, c -Count 3 | Sort-Object) -join ','
(1..10 | Get-Random -Shuffle | Measure-Object -Sum).Sum
Get-Random -InputObject 'only'
@(1..5 | Get-Random).Count
try { Get-Random -Minimum 10 -Maximum 5 } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }
try { Get-Random -Count 0 } catch { 'count refused' }
