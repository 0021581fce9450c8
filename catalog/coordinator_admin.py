"""The curators' list of cluster coordinators in the Wagtail admin: who coordinates which cluster, for which
organisation. Only curators see it (CuratorsOnlyPolicy); every assignment, change and removal goes through
`catalog.members.coordinators`, which keeps the audit record (marketplace.audit), not Wagtail's log.

Registered from catalog/wagtail_hooks.py by importing this module.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from marketplace.formfields import SingleLineField
from marketplace.workflow import record

from .members import coordinators
from .models import ClusterCoordinator


class CuratorsOnlyPolicy(BasePermissionPolicy):
    """Curators may view, add, change and delete coordinator assignments; nobody else may do anything."""

    def user_has_permission(self, user, action):
        return action in {"view", "add", "change", "delete"} and getattr(user, "is_curator", False)

    def users_with_any_permission(self, actions):
        # Wagtail asks this only to notify moderators of pages; nobody is notified about coordinators.
        return get_user_model().objects.none()


class CoordinatorForm(WagtailAdminModelForm):
    """The coordinator is named by their account's email address: a select of every account would not do."""

    email = forms.EmailField(
        label=_("Coordinator's email address"), help_text=_("The account must exist: they sign up first.")
    )
    organisation = SingleLineField(label=_("organisation"), max_length=200)

    class Meta:
        model = ClusterCoordinator
        fields = ["cluster", "kind", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.coordinator = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if self.coordinator is None:
            raise forms.ValidationError(_("No active account has this email address."))
        return email

    def clean(self):
        data = super().clean()
        user, cluster = getattr(self, "coordinator", None), data.get("cluster")
        taken = ClusterCoordinator.objects.filter(user=user, cluster=cluster).exclude(pk=self.instance.pk)
        if user is not None and cluster is not None and taken.exists():
            raise forms.ValidationError(_("This person already coordinates this cluster."))
        return data


class CoordinatorCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return coordinators.assign_coordinator(
            curator=self.request.user,
            user=self.form.coordinator,
            cluster=data["cluster"],
            kind=data["kind"],
            organisation=data["organisation"],
        )


class CoordinatorEditView(EditView):
    def save_instance(self):
        with transaction.atomic():
            row = self.form.save(commit=False)
            row.user = self.form.coordinator
            row.assigned_by = self.request.user
            row.save()
            record(row, "assigned", "assigned", self.request.user, field="assignment", note="changed")
        return row


class CoordinatorDeleteView(DeleteView):
    def delete_action(self):
        coordinators.unassign_coordinator(self.object, curator=self.request.user)


class ClusterCoordinatorViewSet(ModelViewSet):
    model = ClusterCoordinator
    icon = "group"
    menu_label = _("Cluster coordinators")
    add_to_admin_menu = True
    menu_order = 310
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = ["user", "cluster", "kind", "organisation", "created_at"]
    list_filter = ["cluster", "kind"]
    search_fields = ["organisation", "user__email", "user__full_name"]
    add_view_class = CoordinatorCreateView
    edit_view_class = CoordinatorEditView
    delete_view_class = CoordinatorDeleteView

    def get_form_class(self, for_update=False):
        return CoordinatorForm

    def get_common_view_kwargs(self, **kwargs):
        # No history or usage pages: the audit trail is marketplace.audit's (see the module's docstring).
        return super().get_common_view_kwargs(history_url_name=None, usage_url_name=None, **kwargs)

    def get_urlpatterns(self):
        unrouted = {"history", "history_results", "usage"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name not in unrouted]

    def get_permissions_to_register(self):
        return Permission.objects.none()


register_permission_policy(ClusterCoordinator, CuratorsOnlyPolicy(ClusterCoordinator))


@hooks.register("register_admin_viewset")
def register_coordinator_viewset():
    return ClusterCoordinatorViewSet("cluster_coordinators")
