# Urdu as written in Pakistan (CLDR "ur": #,##0.00 with Latin digits). Django has no Urdu formats, so without
# these amounts fell back to the global defaults and lost their grouping: "1992.00 PKR" beside "1,992.00 PKR".
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
