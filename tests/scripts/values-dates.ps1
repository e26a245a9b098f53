# Dates and time spans.
$d = [datetime]'2026-11-25 13:20:32'
$d.Year
$d.Month
$d.DayOfWeek
$d.DayOfYear
$d.ToString('yyyy-MM-dd HH:mm:ss')
$d.ToString('dddd, MMMM d, yyyy')
$d.ToString('hh:mm tt')
$d.ToString('s')
$d.ToString('yyyyMMdd')
'{0:yyyy/MM/dd}' -f $d
$d.AddDays(10).ToString('yyyy-MM-dd')
$d.AddMonths(3).ToString('yyyy-MM-dd')
$d.AddHours(-14).ToString('yyyy-MM-dd HH:mm')
$d.Date.ToString('HH:mm:ss')
$e = [datetime]'2026-12-01'
$span = $e - $d
$span.GetType().Name
$span.Days
$span.Hours
$span.ToString()
[int]$span.TotalHours
($d + [timespan]'01:00:00').ToString('HH:mm')
$d -lt $e
([timespan]'1.02:03:04').ToString()
[timespan]::FromMinutes(90).ToString()
[timespan]::FromSeconds(5).TotalMilliseconds
(New-TimeSpan -Hours 2 -Minutes 30).TotalMinutes
[datetime]::IsLeapYear(2024)
[datetime]::DaysInMonth(2026, 2)
[datetime]::ParseExact('25.11.2026', 'dd.MM.yyyy', $null).ToString('yyyy-MM-dd')
(Get-Date -Date '2026-01-01' -UFormat '%Y-%m-%d %A')
try { [datetime]'not a date' } catch { $_.Exception.Message }
try { [int]'abc' } catch { $_.Exception.Message }
try { 'Hello'.Substring(9) } catch { $_.Exception.Message }
'done'
