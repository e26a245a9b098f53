# exit N ends the script with that exit code.
'before exit'
exit 3
'after'
