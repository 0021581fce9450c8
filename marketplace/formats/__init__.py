"""Locale formats Django does not ship (settings.FORMAT_MODULE_PATH); Django's own cover the others."""
