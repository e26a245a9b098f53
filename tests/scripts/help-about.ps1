# Get-Help: about_ topics (listing, wildcards, one match shown), names
# completed from their beginning, the views of a cmdlet's help, and the
# errors for unknown topics and parameters.
Get-Help about_ | Format-Table Name, Category -AutoSize
(Get-Help about_Oper*).Count
(Get-Help about_Oper*) -split "`n" | Select-Object -First 5
(Get-Help about_pipelines) -split "`n" | Select-Object -Skip 4 -First 1
(Get-Help about_*) | ForEach-Object Name
(Get-Help Write-Prog) -split "`n" | Select-Object -First 6
Get-Help Write-Progress -Examples
Get-Help Write-Progress -Detailed
Get-Help Write-Progress -Parameter Percent*
try { Get-Help about_NoSuchTopic -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
try { Get-Help Write-Progress -Online -ErrorAction Stop } catch { $_.Exception.Message }
try { Get-Help Write-Progress -Parameter Nope -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
