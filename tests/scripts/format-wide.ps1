# Format-Wide: two columns by default, -Column, -Property, -AutoSize.
$words = 'alpha', 'beta', 'gamma', 'delta', 'epsilon'
$words | Format-Wide
$words | Format-Wide -Column 3
$items = 1..7 | ForEach-Object { [pscustomobject]@{ Name = "item$_"; Size = $_ * 10 } }
$items | Format-Wide -Column 4
$items | fw -AutoSize
$items | Format-Wide -Property Size -Column 7
$items | Format-Wide { $_.Name.ToUpper() } -Column 3 | Out-String -Width 30
