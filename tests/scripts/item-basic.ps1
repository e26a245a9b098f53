# files and directories in a scratch directory
$base = if ($env:TMPDIR) { $env:TMPDIR } else { '/tmp' }
$root = Join-Path $base "hvsh-item-basic-$PID"
if (Test-Path $root) { Remove-Item $root -Recurse -Force }
$null = New-Item -ItemType Directory -Path $root
Set-Location $root

# New-Item writes -Value without a newline and returns the item
New-Item -Path a.txt -Value 'alpha' | ForEach-Object Name
Get-Content a.txt
(Get-Item a.txt).Length
Test-Path a.txt
Test-Path a.txt -PathType Container
Test-Path a.txt -PathType Leaf
Test-Path nope.txt
Test-Path *.txt
Test-Path ''

# content
Set-Content b.txt 'one','two','three'
Get-Content b.txt
(Get-Content b.txt -TotalCount 2) -join ','
Get-Content b.txt -Tail 1
(Get-Content b.txt -Raw).Length
Add-Content b.txt 'four'
(Get-Content b.txt).Count
Get-Content b.txt | Select-Object -First 1
cat b.txt -Head 1
1..3 | Set-Content n.txt
(Get-Content n.txt) -join '+'
Set-Content n.txt 'x' -NoNewline
Add-Content n.txt 'y' -NoNewline
Get-Content n.txt -Raw
Clear-Content n.txt
(Get-Item n.txt).Length
Set-Content d.txt 'a,b,c'
Get-Content d.txt -Delimiter ','

# items
New-Item -ItemType Directory sub | ForEach-Object { $_.PSIsContainer }
New-Item sub/deep/file.txt -Force -Value 'd' | ForEach-Object { $_.Directory.Name }
New-Item -Path sub -Name named.txt | ForEach-Object Name
$f = Get-Item a.txt
$f.Name
$f.BaseName
$f.Extension
$f.PSIsContainer
$f.Mode
$f.UnixMode.Length
$f.LastWriteTime -is [datetime]
$f -is [System.IO.FileInfo]
$f.FullName -eq (Join-Path $root 'a.txt')
"$f" -eq $f.FullName
$f.Directory.FullName -eq $root
$f.DirectoryName -eq $root
(Get-Item sub).Parent.FullName -eq $root
(Get-Item sub) -is [System.IO.DirectoryInfo]
(Get-Item sub).Mode

# listings: directories first, then files, by name
Get-ChildItem -Name
Get-ChildItem -Recurse -Name
Get-ChildItem -File | ForEach-Object Name
Get-ChildItem -Directory | ForEach-Object Name
Get-ChildItem -Filter *.txt -Name
Get-ChildItem *.txt -Name
Get-ChildItem -Recurse -Filter *.txt | ForEach-Object Name
Get-ChildItem -Recurse -Depth 0 -Name
Get-ChildItem -Exclude a*,b* -Name
Get-ChildItem sub -Name
$null = New-Item .hidden -Value h
(Get-ChildItem -Name) -contains '.hidden'
(Get-ChildItem -Force -Name) -contains '.hidden'
Get-ChildItem -Hidden -Name
(Get-Item .hidden).Mode

# copy, move, rename, remove
Copy-Item a.txt c.txt
Get-Content c.txt
Copy-Item a.txt sub
Test-Path sub/a.txt
Copy-Item sub sub2 -Recurse
Get-ChildItem sub2 -Recurse -Name
Copy-Item sub sub3
Get-ChildItem sub3 | Measure-Object | ForEach-Object Count
Copy-Item c.txt e.txt -PassThru | ForEach-Object Name
Move-Item c.txt sub/c.txt
Test-Path c.txt
Test-Path sub/c.txt
Move-Item e.txt f.txt -PassThru | ForEach-Object Name
Rename-Item b.txt bee.txt
Rename-Item bee.txt b2.txt -PassThru | ForEach-Object Name
Get-ChildItem -Name -File
Remove-Item b2.txt
Test-Path b2.txt
Remove-Item sub3, sub2 -Recurse
Get-ChildItem -Directory -Name
Remove-Item sub -Recurse
Test-Path sub
Remove-Item *.txt
Get-ChildItem -Name
Get-ChildItem -Force -Name

Set-Location $base
Remove-Item $root -Recurse -Force
Test-Path $root
