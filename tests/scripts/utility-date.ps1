# Get-Date on fixed dates: fields, formats, and field replacement
$d = Get-Date -Date '2026-11-25 13:20:32'
$d -is [datetime]
"$($d.Year) $($d.Month) $($d.Day) $($d.Hour) $($d.Minute) $($d.Second)"
Get-Date -Date '2026-11-25 13:20:32' -Format 'yyyy-MM-dd HH:mm:ss'
Get-Date -Date '2026-11-25' -Format 'dddd, MMMM d, yyyy'
Get-Date -Date '2026-11-25 08:05:09' -UFormat '%Y/%m/%d %H:%M:%S'
Get-Date -Date '2026-11-25' -UFormat '%A %j'
(Get-Date -Date '2026-11-25 08:05:09' -Format 's').GetType().Name
(Get-Date -Date '2024-02-29' -Year 2025).ToString('yyyy-MM-dd')
(Get-Date -Date '2026-01-31' -Month 2).ToString('yyyy-MM-dd')
(Get-Date -Date '2026-11-25 13:20:32' -Hour 0 -Minute 0 -Second 0).ToString('s')
Get-Date -Date '2026-11-25' -Day 1 -Format 'yyyy-MM-dd'
Get-Date -Date '2026-11-25 13:20:32.250' -Millisecond 5 -Format 'HH:mm:ss.fff'
'2026-03-04' | Get-Date -Format 'MM/dd'
Get-Date -UnixTimeSeconds 0 -AsUTC -Format 'yyyy-MM-dd HH:mm:ss'
(Get-Date -UnixTimeSeconds 86400 -AsUTC).Day
(Get-Date) -is [datetime]
(Get-Date -Format 'yyyy').Length
try { Get-Date -Month 13 } catch { $_.Exception.Message }
try { Get-Date -Hour -1 } catch { $_.Exception.Message }

# New-TimeSpan: between two dates, or from parts
$ts = New-TimeSpan -Start '2026-01-01' -End '2026-01-02 06:30'
$ts -is [timespan]
$ts.TotalHours
"$($ts.Days) $($ts.Hours) $($ts.Minutes)"
(New-TimeSpan -Hours 1 -Minutes 30).TotalMinutes
(New-TimeSpan -Days 2).ToString()
(New-TimeSpan -Seconds 90 -Milliseconds 500).TotalSeconds
(New-TimeSpan -Start '2026-01-02' -End '2026-01-01').TotalDays
(New-TimeSpan '2026-01-01' '2026-03-01').Days
