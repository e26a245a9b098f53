# Write-Progress writes nothing when standard error is not a terminal: the
# output holds no progress text, and the records are still accepted.
"before"
Write-Progress -Activity "Copying disks" -Status "Disk 1 of 4" -PercentComplete 25
Write-Progress "Copying disks" "Disk 2 of 4" 0 -PercentComplete 50 -SecondsRemaining 30
Write-Progress -Id 2 -ParentId 0 -Activity "Child" -CurrentOperation "disk0.vhdx"
foreach ($i in 1..3) { Write-Progress -Activity "Loop" -PercentComplete ($i * 33) }
Write-Progress -Activity "Copying disks" -Completed
Write-Progress -Completed
"after"
$ProgressPreference = 'SilentlyContinue'
Write-Progress -Activity "Hidden" -PercentComplete 10
(Get-Command Write-Progress -Syntax).Trim()
try { Write-Progress -Activity x -PercentComplete 101 } catch { $_.FullyQualifiedErrorId }
try { Write-Progress -Status "no activity" } catch { $_.FullyQualifiedErrorId }
