# Measure-Object: GenericMeasureInfo and TextMeasureInfo
1..10 | Measure-Object
1..10 | Measure-Object -Sum -Average -Maximum -Minimum
$vms = @(
    [pscustomobject]@{ Name = 'web01'; Cpu = 2 }
    [pscustomobject]@{ Name = 'web02'; Cpu = 4 }
    [pscustomobject]@{ Name = 'db01'; Cpu = 9 }
)
$m = $vms | Measure-Object -Property Cpu -Sum -Average
"$($m.Count) $($m.Sum) $($m.Average) $($m.Property)"
[math]::Round((1, 2, 3, 4 | Measure-Object -StandardDeviation).StandardDeviation, 4)
(1..4 | measure -AllStats).Maximum
(Get-ChildItem -Path . -Filter 'object-measure.*' | Measure-Object).Count
('one two', 'three' | Measure-Object -Line -Word -Character | ForEach-Object { "$($_.Lines) $($_.Words) $($_.Characters)" })
('a b', ' c ' | Measure-Object -Character -IgnoreWhiteSpace).Characters
[pscustomobject]@{ T = 'a b c' } | Measure-Object -Property T -Word -Character
(@() | Measure-Object).Count
([pscustomobject]@{ Name = 'a'; Size = 3; FullName = 'b' }, [pscustomobject]@{ Name = 'c'; Size = 5 } | Measure-Object *ame | ForEach-Object { "$($_.Property)=$($_.Count)" }) -join ' '
('b', 'a', 'c' | Measure-Object -Maximum -Minimum | ForEach-Object { "$($_.Minimum)-$($_.Maximum)" })
try {
    $vms | Measure-Object -Property Nope -ErrorAction Stop
} catch {
    $_.Exception.Message
    $_.FullyQualifiedErrorId
}
try {
    'x', 1 | Measure-Object -Sum -ErrorAction Stop
} catch {
    $_.Exception.Message
}
'end of object-measure'
