# Pipeline binding: ByValue, then ByPropertyName (aliases count).
function p { param([Parameter(ValueFromPipeline)][int]$N) process { $N * 2 } }
1, 2, 3 | p
'4' | p

function q {
	param([Parameter(ValueFromPipelineByPropertyName)][string]$Name,
		[Parameter(ValueFromPipelineByPropertyName)][Alias('Years')][int]$Age)
	process { "$Name is $Age" }
}
[pscustomobject]@{ Name = 'Ann'; Years = 30 }, [pscustomobject]@{ Name = 'Bob'; Age = 41 } | q

function w { param([Parameter(ValueFromRemainingArguments)]$Rest) "$($Rest.Count): $Rest" }
w a b c
