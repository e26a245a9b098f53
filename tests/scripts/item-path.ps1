# Join-Path and Split-Path work on text only
Join-Path a b
Join-Path /tmp/ /x
Join-Path a b c d
Join-Path -Path a,b -ChildPath c
Join-Path 'a\' 'b'
Split-Path /var/log/syslog
Split-Path /var/log/syslog -Parent
Split-Path /var/log/syslog -Leaf
Split-Path /var/log/syslog.1.gz -LeafBase
Split-Path /var/log/syslog.1.gz -Extension
Split-Path /var
Split-Path a/b/ -Leaf
Split-Path /var/log -IsAbsolute
Split-Path log -IsAbsolute
Split-Path /var/log -NoQualifier
'/a/b', '/c/d' | Split-Path -Leaf
try { Split-Path /tmp -Qualifier -ErrorAction Stop } catch { $_.Exception.Message }

# locations, history and the location stack
$base = if ($env:TMPDIR) { $env:TMPDIR } else { '/tmp' }
$root = Join-Path $base "hvsh-item-path-$PID"
if (Test-Path $root) { Remove-Item $root -Recurse -Force }
$null = New-Item -ItemType Directory -Path (Join-Path $root one/two) -Force
Set-Location $root
Set-Location one
(Get-Location).Path -eq (Join-Path $root one)
Split-Path (Get-Location) -Leaf
cd two
Split-Path (Get-Location).Path -Leaf
cd -
Split-Path (Get-Location).Path -Leaf
cd +
Split-Path (Get-Location).Path -Leaf
cd ..
Split-Path (Get-Location).Path -Leaf
Set-Location two -PassThru | ForEach-Object { Split-Path $_.Path -Leaf }
cd ..
Push-Location two
Split-Path (Get-Location).Path -Leaf
Get-Location -Stack | ForEach-Object { Split-Path $_.Path -Leaf }
Pop-Location
Split-Path (Get-Location).Path -Leaf
Pop-Location
Split-Path (Get-Location).Path -Leaf
pushd $root
(Get-Location).Path -eq $root
popd
Split-Path (pwd).Path -Leaf

# Resolve-Path
Resolve-Path two -Relative
Resolve-Path ../one/two -Relative
(Resolve-Path two).Path -eq (Join-Path $root one/two)
Resolve-Path t* | ForEach-Object { Split-Path $_ -Leaf }
Set-Location $root
Resolve-Path one/two -Relative
Set-Location one/two
Resolve-Path (Join-Path $root one) -Relative
Resolve-Path $root -Relative
Join-Path $root one/two -Resolve | ForEach-Object { $_ -eq (Join-Path $root one/two) }
(Split-Path (Join-Path $root 'o*') -Leaf -Resolve)

# ~ and the root
cd ~
(Get-Location).Path -eq $env:HOME
Set-Location /
Get-Location
Set-Location $base
Remove-Item $root -Recurse
Test-Path $root
