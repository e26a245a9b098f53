# Select-String over pipeline strings
'apple', 'banana', 'cherry' | Select-String an | ForEach-Object { "$($_.LineNumber):$($_.Line)" }
@('apple', 'banana' | Select-String AN -CaseSensitive).Count
'apple', 'banana' | Select-String AN | ForEach-Object Line
'apple', 'banana', 'cherry' | Select-String a -NotMatch | ForEach-Object Line
('banana' | Select-String an -AllMatches).Matches.Count
('banana' | Select-String an).Matches.Count
('banana' | Select-String 'n(a)').Matches[0].Groups[1].Value
('banana' | Select-String 'n(?<rest>an)').Matches[0].Value
'x=1', 'y=2' | Select-String '=' -SimpleMatch -Raw
'a.c', 'abc' | Select-String 'a.c' -SimpleMatch | ForEach-Object Line
'one', 'two' | Select-String 'o' -Quiet
"[$('one' | Select-String 'zzz' -Quiet)]"
"$('hello world' | Select-String world)"
'one', 'two' | Select-String o | ForEach-Object { $_.Filename }
'one', 'two', 'three' | Select-String 'o', 'e' | ForEach-Object Pattern
Select-String -Pattern b -InputObject 'abc' | ForEach-Object Line
('abc' | Select-String b) -is [Microsoft.PowerShell.Commands.MatchInfo]

# files
$base = if ($env:TMPDIR) { $env:TMPDIR } else { '/tmp' }
$root = Join-Path $base "hvsh-item-sls-$PID"
if (Test-Path $root) { Remove-Item $root -Recurse -Force }
$null = New-Item -ItemType Directory -Path $root
Set-Location $root
Set-Content f1.txt 'alpha', 'beta', 'gamma', 'delta'
Set-Content f2.txt 'beta again'
Select-String beta *.txt | ForEach-Object { "$($_.Filename):$($_.LineNumber):$($_.Line)" }
Select-String a f1.txt -List | ForEach-Object LineNumber
(Select-String a -Path f1.txt | Measure-Object).Count
$m = Select-String gamma f1.txt -Context 1
$m.Context.PreContext
$m.Context.PostContext
$m.ToString().Replace("$root/", '')
$m = Select-String beta f1.txt
$m.ToString().Replace("$root/", '')
$m.Path -eq (Join-Path $root f1.txt)
Get-ChildItem f1.txt | Select-String delta | ForEach-Object Line
Select-String zzz f1.txt -Quiet | Measure-Object | ForEach-Object Count
'one', 'two', 'three', 'four' | Select-String 'three' -Context 1, 0 | ForEach-Object { $_.Context.PreContext; $_.Context.PostContext.Count }
try { Select-String x nope.txt -ErrorAction Stop } catch { $_.Exception.Message.Replace($root, 'ROOT') }
try { 'a' | Select-String '(' -ErrorAction Stop } catch { 'invalid pattern refused' }

Set-Location $base
Remove-Item $root -Recurse
