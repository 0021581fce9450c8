"""The back office's one rule, `user.is_operator`, in the two shapes Wagtail asks for: a URL decorator and a
permission policy."""

from functools import wraps

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from wagtail.permission_policies.base import BasePermissionPolicy


def operator_required(view):
    """Refuse anyone but an operator before `view` runs (so before it looks anything up). Inside the admin,
    Wagtail turns the PermissionDenied into a redirect to the dashboard with "you do not have permission"."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not getattr(request.user, "is_operator", False):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class OperatorPolicy(BasePermissionPolicy):
    """Operators may do `actions` ("view", "add", "change", "delete") on the model in the admin; nobody else
    may do anything. Wagtail derives the per-object and any-of answers from `user_has_permission`: an
    operator may act on every order, batch and rate."""

    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and getattr(user, "is_operator", False)

    def users_with_any_permission(self, actions):
        # Wagtail asks this only of page, collection and workflow policies (to notify moderators); nobody is
        # notified about orders from here.
        return get_user_model().objects.none()
