# Dates as the English pages write them (marketplace/formats/en); Django's Urdu catalogue names the months.
from marketplace.formats.en.formats import (  # noqa: F401 (Django reads these names from this module)
    DATE_FORMAT,
    DATETIME_FORMAT,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
    YEAR_MONTH_FORMAT,
)

# Urdu as written in Pakistan (CLDR "ur": #,##0.00 with Latin digits). Django has no Urdu formats, so without
# these amounts fell back to the global defaults and lost their grouping: "1992.00 PKR" beside "1,992.00 PKR".
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
