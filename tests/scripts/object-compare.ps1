# Compare-Object and Tee-Object
Compare-Object (1, 2, 3) (2, 3, 4)
'--'
Compare-Object (1, 2, 3) (2, 3, 4) -IncludeEqual
(Compare-Object 'a', 'b' 'b', 'c' -ExcludeDifferent | ForEach-Object InputObject) -join ','
$a = [pscustomobject]@{ Name = 'x'; V = 1 }, [pscustomobject]@{ Name = 'y'; V = 2 }
$b = [pscustomobject]@{ Name = 'y'; V = 3 }, [pscustomobject]@{ Name = 'z'; V = 4 }
Compare-Object $a $b -Property Name
Compare-Object $a $b -Property Name -PassThru | ForEach-Object { "$($_.Name) $($_.V) $($_.SideIndicator)" }
@(Compare-Object (1, 2) (1, 2)).Count
@(Compare-Object 'A' 'a').Count
(Compare-Object 'A' 'a' -CaseSensitive | ForEach-Object SideIndicator) -join ','
(Compare-Object @() (5, 6) | ForEach-Object { "$($_.InputObject)$($_.SideIndicator)" }) -join ' '
(Compare-Object (1, 2, 3, 4) (4, 3, 2, 1) -SyncWindow 0 | ForEach-Object { "$($_.InputObject)$($_.SideIndicator)" }) -join ' '
$r = 1..3 | Tee-Object -Variable saved | ForEach-Object { $_ * 10 }
$r -join ','
$saved -join ','
'a', 'b' | Tee-Object -FilePath object-compare-tee.txt
Get-Content object-compare-tee.txt
'c' | Tee-Object -FilePath object-compare-tee.txt -Append | Out-Null
(Get-Content object-compare-tee.txt) -join ','
Remove-Item object-compare-tee.txt
