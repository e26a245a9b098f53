# PowerShell's messages, categories and ids for file-system failures
$base = if ($env:TMPDIR) { $env:TMPDIR } else { '/tmp' }
$root = Join-Path $base "hvsh-item-errors-$PID"
if (Test-Path $root) { Remove-Item $root -Recurse -Force }
$null = New-Item -ItemType Directory -Path $root
Set-Location $root
$null = New-Item a.txt -Value 'a'
$null = New-Item -ItemType Directory full
$null = New-Item full/inner.txt

function Show($e) {
    $e.Exception.Message.Replace($root, 'ROOT')
    "$($e.CategoryInfo.Category) | $($e.FullyQualifiedErrorId)"
}

try { Get-Content nope.txt -ErrorAction Stop } catch { Show $_ }
try { Get-Item nope -ErrorAction Stop } catch { Show $_ }
try { Set-Location nope -ErrorAction Stop } catch { Show $_ }
try { Remove-Item nope -ErrorAction Stop } catch { Show $_ }
try { New-Item a.txt -ErrorAction Stop } catch { Show $_ }
try { New-Item -ItemType Directory full -ErrorAction Stop } catch { Show $_ }
try { Copy-Item a.txt a.txt -ErrorAction Stop } catch { Show $_ }
try { Set-Content nodir/x.txt 'v' -ErrorAction Stop } catch { Show $_ }
try { New-Item nodir/x.txt -ErrorAction Stop } catch { Show $_ }
try { Get-Content full -ErrorAction Stop } catch { Show $_ }
try { Resolve-Path nope -ErrorAction Stop } catch { Show $_ }
try { Rename-Item a.txt 'x/y' -ErrorAction Stop } catch { Show $_ }
try { Remove-Item full -ErrorAction Stop } catch { Show $_ }
Test-Path full/inner.txt

# a wildcard that matches nothing is not an error
@(Get-Item nope*).Count
@(Get-Content nope*.txt).Count
$?

# non-terminating errors let the command go on with the next path
Get-Item nope, a.txt -ErrorAction SilentlyContinue | ForEach-Object Name
$Error[0].FullyQualifiedErrorId

# -Force makes what exists acceptable
New-Item -ItemType Directory full -Force | ForEach-Object Name
New-Item a.txt -Value 'b' -Force | ForEach-Object Name
Get-Content a.txt

Set-Location $base
Remove-Item $root -Recurse
