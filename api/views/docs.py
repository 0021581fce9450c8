"""/api/v1/docs/: Swagger UI, under the site's Content-Security-Policy as it is (script-src 'self').

drf-spectacular's split view serves the page and its start-up script as two responses, so no inline script
is needed; the page's template is ours, without the inline style of drf-spectacular's. Swagger UI's files
are the copy django-ninja ships (a dependency of Wagtail 8), served as our static files (the "ninja" app in
INSTALLED_APPS): no CDN, nothing fetched from another origin. tests/api/test_docs.py checks they are found.
"""

from django.templatetags.static import static
from drf_spectacular.views import SpectacularSwaggerSplitView


class SwaggerDocs(SpectacularSwaggerSplitView):
    template_name = "api/docs.html"

    @staticmethod
    def _swagger_ui_resource(filename):
        return static(f"ninja/{filename}")

    @staticmethod
    def _swagger_ui_favicon():
        return static("ninja/favicon.png")
