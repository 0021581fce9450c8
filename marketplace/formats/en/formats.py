# The site's one way of writing a date and a moment, on every page, in every email and document, so that a
# buyer never reads "Dec. 3, 2026" on one page and "3 Dec 2026 14:05" on the next. Templates name these
# formats (`|date`, `|date:"DATETIME_FORMAT"`), never a pattern of their own; Django's English module still
# gives everything else (numbers, input formats). Day first and a 24-hour clock: read the same way in
# Pakistan, Europe and the Gulf, and no "a.m." to translate.
DATE_FORMAT = "j M Y"  # 3 Dec 2026
DATETIME_FORMAT = "j M Y, H:i"  # 3 Dec 2026, 14:05
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
YEAR_MONTH_FORMAT = "M Y"  # Dec 2026: when only the month matters (a certificate's expiry)
