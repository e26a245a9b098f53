# CSV: ConvertTo-Csv, ConvertFrom-Csv, Export-Csv, Import-Csv
$rows = @(
    [pscustomobject]@{ Name = 'web01'; Note = 'plain'; Cpu = 2 }
    [pscustomobject]@{ Name = 'web,02'; Note = 'say "hi"'; Cpu = 4 }
    [pscustomobject]@{ Name = 'db01'; Note = "two`nlines"; Cpu = $null }
)
$rows | ConvertTo-Csv
$rows | ConvertTo-Csv -UseQuotes AsNeeded
$rows | ConvertTo-Csv -Delimiter ';' -UseQuotes Never
$rows[0] | ConvertTo-Csv -IncludeTypeInformation
$rows | ConvertTo-Csv -QuoteFields Name
[pscustomobject]@{ List = @(1, 2); Flag = $true; Num = 1.5 } | ConvertTo-Csv
[ordered]@{ k1 = 'v1'; k2 = 'v2' } | ConvertTo-Csv
$back = $rows | ConvertTo-Csv | ConvertFrom-Csv
$back.Count
$back[1].Name
$back[1].Note
$back[2].Note
$null -eq $back[2].Cpu
$back[0].Cpu -is [string]
'a;b', '1;2' | ConvertFrom-Csv -Delimiter ';' | ForEach-Object { "$($_.a)-$($_.b)" }
'1,2,3' | ConvertFrom-Csv -Header X, Y | ForEach-Object { "$($_.X) $($_.Y)" }
'x,y', '1' | ConvertFrom-Csv | ForEach-Object { $null -eq $_.y }
'"a","b"', '"1" ,"2"' | ConvertFrom-Csv | ForEach-Object { "[$($_.a)][$($_.b)]" }
'h', '', 'v' | ConvertFrom-Csv | ForEach-Object h
"a,b`n1,2`n3,4" | ConvertFrom-Csv | ForEach-Object { $_.a + $_.b }
$t = '#TYPE My.Type', 'a', '1' | ConvertFrom-Csv
$t.a
($t | Get-Member -MemberType NoteProperty).TypeName
'a,,c', '1,2,3' | ConvertFrom-Csv | ForEach-Object { "$($_.a) $($_.H1) $($_.c)" }
try {
    'a,A', '1,2' | ConvertFrom-Csv -ErrorAction Stop
} catch {
    $_.Exception.Message
}
$path = 'data-csv-test.csv'
$rows | Export-Csv -Path $path
Get-Content $path
$imported = Import-Csv $path
$imported.Count
$imported[1].Note
$imported[2].Note
[pscustomobject]@{ Name = 'x'; Note = 'n'; Cpu = 1 } | Export-Csv -Path $path -Append
(Import-Csv $path | ForEach-Object Name) -join '|'
[pscustomobject]@{ Cpu = 9; Name = 'y' } | Export-Csv $path -Append -Force
(Get-Content $path)[-1]
try {
    $rows | Export-Csv -Path $path -NoClobber -ErrorAction Stop
} catch {
    $_.FullyQualifiedErrorId
}
$rows | Select-Object Name, Cpu | Export-Csv $path -Delimiter "`t" -UseQuotes Never
Get-Content $path
Import-Csv $path -Delimiter "`t" | ForEach-Object { "$($_.Name)=$($_.Cpu)" }
Import-Csv $path -Delimiter "`t" -Header A, B | Select-Object -First 1 | ForEach-Object { "$($_.A)/$($_.B)" }
Remove-Item $path
try {
    Import-Csv 'no-such-file.csv' -ErrorAction Stop
} catch {
    $_.FullyQualifiedErrorId
}
'end of data-csv'
