from django.urls import path

from catalog.bulk import views as bulk_views
from catalog.members import views as members_views
from catalog.onboarding import views as join_views
from catalog.review_requests import views as review_views

from . import views

app_name = "sell"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("join/", join_views.join, name="join"),
    path("join/answer/", join_views.answer, name="join-answer"),
    path("join/reapply/", join_views.reapply, name="join-reapply"),
    path("join/documents/<int:pk>/", join_views.document, name="join-document"),
    path("join/documents/<int:pk>/delete/", join_views.document_delete, name="join-document-delete"),
    path("products/new/", views.product_create, name="product-create"),
    path("products/<int:pk>/", views.product_edit, name="product-edit"),
    path("products/<int:pk>/review/", review_views.ask_for_review, name="product-review"),
    path("products/<int:pk>/photos/<int:image_id>/main/", views.photo_main, name="photo-main"),
    path("products/<int:pk>/photos/<int:image_id>/delete/", views.photo_delete, name="photo-delete"),
    # Bulk listings (catalog.bulk): import with a dry run, the template, the export.
    path("listings/import/", bulk_views.import_start, name="import"),
    path("listings/import/<int:pk>/", bulk_views.import_job, name="import-job"),
    path("listings/import/<int:pk>/apply/", bulk_views.import_apply, name="import-apply"),
    path("listings/template.csv", bulk_views.template_download, {"kind": "csv"}, name="template-csv"),
    path("listings/template.xlsx", bulk_views.template_download, {"kind": "xlsx"}, name="template-xlsx"),
    path("listings/export.csv", bulk_views.export, {"kind": "csv"}, name="export-csv"),
    path("listings/export.xlsx", bulk_views.export, {"kind": "xlsx"}, name="export-xlsx"),
    # Members, invitations and coordinators' artisans (catalog.members).
    path("members/", members_views.members, name="members"),
    path("members/<int:pk>/", members_views.supplier_members, name="supplier-members"),
    path("members/member/<int:pk>/remove/", members_views.member_remove, name="member-remove"),
    path("members/member/<int:pk>/make-owner/", members_views.member_make_owner, name="member-make-owner"),
    path("members/invitation/<int:pk>/revoke/", members_views.invitation_revoke, name="invitation-revoke"),
    path("invitations/<str:token>/", members_views.invitation, name="invitation"),
    path("artisans/", members_views.artisans, name="artisans"),
    path("artisans/new/", members_views.artisan_new, name="artisan-new"),
]
