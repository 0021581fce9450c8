"""Locale formats of our own (settings.FORMAT_MODULE_PATH), read before Django's: the site's one date format
(en, and ur which shares it) and Urdu's numbers, which Django does not ship."""
