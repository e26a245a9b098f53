# -GroupBy starts a group each time the value changes, as PowerShell does.
$data = 1..4 | ForEach-Object {
    [pscustomobject]@{ Kind = $(if ($_ -le 2) { 'small' } else { 'large' }); Value = $_ }
}
$data | Format-Table -GroupBy Kind
$data | Format-Table Value -GroupBy @{ Name = 'Parity'; Expression = { $_.Value % 2 } }
$data | Format-List -GroupBy Kind
$data | Format-Wide Value -GroupBy Kind -Column 2 | Out-String -Width 20
