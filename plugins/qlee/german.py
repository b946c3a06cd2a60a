"""German date formatting for templates, with Babel (never the machine's locale).

PROVISIONAL: filled in with the theme.
"""

FILTERS: dict = {}
