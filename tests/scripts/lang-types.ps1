# Casts, type tests, variables and environment.
[string]42
[int]'0x10'
[long]'2147483648' -is [long]
[double]'1.5' * 2
[bool]'false'
[bool]0
[bool]''
[bool]@()
[bool]@(0)
[bool]'0'
[array]5 -is [array]
([string[]](1, 2)) -join '+'
([int[]]'7')[0] + 1
$o = [pscustomobject]@{ B = 2; A = 1 }
(($o.psobject.Properties.Name) -join ',')
$h = [hashtable]@{ k = 1 }
$h.k
[int]$typed = '5'
$typed += 1
$typed
$typed = '10'
$typed -is [int]
try { $typed = 'abc' } catch { 'constraint holds' }
$typed
$env:HVSH_TEST_VAR = 'from env'
$env:HVSH_TEST_VAR
"in string: $env:HVSH_TEST_VAR"
$env:HVSH_TEST_VAR = $null
"[$env:HVSH_TEST_VAR]"
${my var} = 'braced'
${my var}
$global:g1 = 'global one'
$g1
$local:l1 = 'local one'
$l1
$ts = [timespan]'01:02:03'
$ts.TotalSeconds
$d = [datetime]'2026-11-25 13:20:32'
$d.Year
$d.AddDays(10).ToString('yyyy-MM-dd')
($d - [datetime]'2026-11-24').TotalHours
'{0:yyyy/MM/dd HH:mm}' -f $d
[math]::Floor(-2.5)
[string]::IsNullOrEmpty('')
[string]::Join('-', @('a', 'b'))
[int]::MaxValue
'Hello'.ToUpper()
'  trim  '.Trim()
'a,b,c'.Split(',').Count
'hello'.Substring(1, 3)
'hello'.Replace('l', 'L')
'hello'.StartsWith('he')
'hello'.IndexOf('l')
'hello'.Contains('ell')
