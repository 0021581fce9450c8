"""Cursor pagination for every list: stable while rows are added, and no COUNT(*) over the catalog.

Every list is ordered by `id` (newest first unless a view says otherwise): a unique integer, so a cursor's
position is always a number, and one that is not (made up by hand) is a 400, never a database error.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, pagination


class InvalidCursor(exceptions.APIException):
    status_code = 400
    default_detail = _("This cursor is not valid; use the links the API returns.")
    default_code = "invalid_cursor"


class Cursor(pagination.CursorPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-id"

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
            if cursor is not None and cursor.position is not None:
                int(cursor.position)
        except (exceptions.NotFound, ValueError) as error:
            raise InvalidCursor() from error
        return cursor


class CursorOldestFirst(Cursor):
    """For reference lists (suppliers, clusters): in the order they were added."""

    ordering = "id"
