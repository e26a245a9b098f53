# Write-Output enumerates collections unless -NoEnumerate
Write-Output 1,2,3 | Measure-Object | ForEach-Object Count
(Write-Output 1,2,3 -NoEnumerate | Measure-Object).Count
Write-Output a b c
echo 'via alias'
write 'another alias'
$x = Write-Output 'captured'
"x=$x"
Write-Output $null | Measure-Object | ForEach-Object Count

# Write-Host writes to the host, never to the pipeline
$h = Write-Host 'host text'
"h is null: $($null -eq $h)"
Write-Host 'no newline ' -NoNewline
Write-Host 'continued'
Write-Host (2,4,6) -Separator ', +2= '
Write-Host a b c -Separator '-'
Write-Host
Write-Host 1 $null 2
Write-Host 'colored' -ForegroundColor Red -BackgroundColor White
1,2 | Write-Host
Write-Host ([pscustomobject]@{ A = 1 })

# the other streams
Write-Warning 'careful'
'piped warning' | Write-Warning
Write-Warning 'silenced' -WarningAction SilentlyContinue
Write-Verbose 'hidden verbose'
Write-Verbose 'shown verbose' -Verbose
$VerbosePreference = 'Continue'
Write-Verbose 'preference verbose'
$VerbosePreference = 'SilentlyContinue'
Write-Debug 'hidden debug'
Write-Information 'hidden info'
Write-Information 'shown info' -InformationAction Continue
Write-Information -MessageData 'tagged' -Tags a, b -InformationAction Continue
