# Django's Arabic formats define DATE_FORMAT ("4 مايو، 2031") but no DATETIME_FORMAT, which then falls
# back to the English "N j, Y, P" ("مايو 4, 2031, 9 ص"): a page would write one date two ways.
DATETIME_FORMAT = "j F، Y g:i A"
