"""An artisan asks a curator to look again at a listing the curator hid (catalog.services.hide_product).

models: the ReviewRequest (one open request per product); services: asking, unhiding, keeping hidden;
views: the artisan's form on /sell/; admin: the curators' queue and dashboard panel in Wagtail; emails: the
decision, told to the supplier's members.
"""
