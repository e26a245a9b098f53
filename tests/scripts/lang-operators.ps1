# Arithmetic, comparison and the other operators, with PowerShell's conversions.
7 / 2
6 / 2
(6 / 2) -is [int]
7 % 3
-7 % 3
2147483647 + 1
(2147483647 + 1) -is [long]
'1' + 2
1 + '2'
'ab' * 3
1, 2 + 3
'10' -lt 9
10 -lt '9'
'abc' -eq 'ABC'
'abc' -ceq 'ABC'
'hello' -like 'h*'
'hello' -notlike 'H*'
'abc123' -match '\d+'
$Matches[0]
1, 2, 3, 4 -gt 2
1, 2, 3 -contains 2
2 -in 1, 2, 3
'a,b,c' -split ','
-split ' a b '
(1, 2, 3) -join '-'
-join ('a', 'b')
'hello world' -replace 'o', '0'
'john@example' -replace '(\w+)@(\w+)', '$2:$1'
'{0:N2}' -f 1234.5
'{0,5}|{1,-5}|' -f 1, 2
5 -band 3
5 -bor 3
5 -bxor 3
1 -shl 4
-not $true
!$false
$true -and $false
$true -or $false
$true -xor $true
1..5 -join ','
5..1 -join ','
[int]2.5
[int]3.5
[int]'42' + 1
'5' -as [int]
'x' -as [int]
1 -is [int]
'a' -is [string]
1.0 -is [double]
'a' -isnot [int]
0.1 + 0.2
1 / 3
[math]::Round(2.5)
[math]::Round(3.14159, 2)
[math]::Max(3, 9)
[math]::Sqrt(16)
[math]::Pow(2, 10)
$i = 5
$i++
$i
++$i
$i
$i -= 2
$i
$i *= 3
$i
$s = 'a'
$s += 'b'
$s
$null -eq $null
$null -eq 0
