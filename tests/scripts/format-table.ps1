# Format-Table: default columns, selected and calculated properties,
# wildcards, widths, alignment, hidden headers, -Wrap and truncation.
$vms = @(
    [pscustomobject]@{ Name = 'web1'; State = 'Running'; CPUUsage = 3; MemoryMB = 2048 }
    [pscustomobject]@{ Name = 'database'; State = 'Off'; CPUUsage = 0; MemoryMB = 8192 }
)
$vms | Format-Table
$vms | Format-Table Name, State
$vms | ft Name, @{ Name = 'Memory(GB)'; Expression = { $_.MemoryMB / 1024 } }
$vms | Format-Table -Property N*, @{ l = 'CPU'; e = { "$($_.CPUUsage)%" }; Alignment = 'Right' }
$vms | Format-Table -HideTableHeaders
$vms | Format-Table Name, @{ n = 'Pad'; e = { $_.State }; Width = 12 }, CPUUsage
$vms | Format-Table Name, @{ Label = 'Mem'; Expression = 'MemoryMB'; FormatString = 'N1' }
$vms | Format-Table Name, { $_.CPUUsage + 1 }
$vms | Format-Table Name, NoSuchProperty
$t = $vms | Format-Table Name
'stored:'
$t
@{ b = 2 } | Format-Table
'plain', 42 | Format-Table
$long = [pscustomobject]@{ Id = 1; Text = 'word ' * 30 }
$long | Format-Table
$long | Format-Table -Wrap | Out-String -Width 40
Format-Table -InputObject $vms[0] -Property Name
try { $vms | Format-Table @{ Nme = 'x'; Expression = 'Name' } } catch { $_.Exception.Message }
try { $vms | Format-Table @{ Label = 'x' } } catch { $_.Exception.Message }
