# NAME -? shows the help of a cmdlet or a function.
(Get-Date -? | Out-String) -match "Gets the current date and time"
function Get-Thing { param($Name) }
(Get-Thing -? | Out-String) -match "Get-Thing"
