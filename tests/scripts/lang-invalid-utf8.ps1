# Ill-formed UTF-8 in a script becomes U+FFFD, as .NET decodes it; nothing reads past a string.
"heÿ€o".Substring(1, 3)
"ab€€cd".Length
"Ã(x".Length
