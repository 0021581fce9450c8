"""The artisan edits their storefront at /sell/storefront/: saved as a draft revision, reviewed by a curator
on the "Storefront review" workflow, published only when approved."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from catalog.models import Product
from cms.models import SupplierPage
from cms.storefront_editing import services
from cms.storefront_editing.review import WORKFLOW_NAME, review_status, review_workflow
from cms.storefront_editing.services import StoryPart
from tests.cms.factories import GalleryPhotoFactory
from tests.factories import BuyerFactory, MembershipFactory, PhotoFactory, ProductFactory, image_upload

URL = reverse("storefront-editing:edit")


def story_post(supplier, blocks=(), gallery=(), **extra):
    """The form's POST: `blocks` [(kind, text, attribution)], `gallery` [(photo_id, caption)]."""
    data = {
        "supplier": supplier.pk,
        "story-TOTAL_FORMS": len(blocks),
        "story-INITIAL_FORMS": 0,
        "gallery-TOTAL_FORMS": len(gallery),
        "gallery-INITIAL_FORMS": len(gallery),
    }
    for i, (kind, text, attribution) in enumerate(blocks):
        data |= {f"story-{i}-kind": kind, f"story-{i}-text": text, f"story-{i}-attribution": attribution,
                 f"story-{i}-ORDER": i + 1}  # fmt: skip
    for i, (photo_id, caption) in enumerate(gallery):
        data |= {
            f"gallery-{i}-photo_id": photo_id,
            f"gallery-{i}-caption": caption,
            f"gallery-{i}-ORDER": i + 1,
        }
    return data | extra


def approve(page, curator):
    state = WorkflowState.objects.for_instance(page).get(status=WorkflowState.STATUS_IN_PROGRESS)
    task_state = state.current_task_state.specific
    task_state.task.specific.on_action(task_state, curator, "approve", comment="")


def reject(page, curator, comment):
    state = WorkflowState.objects.for_instance(page).get(status=WorkflowState.STATUS_IN_PROGRESS)
    task_state = state.current_task_state.specific
    task_state.task.specific.on_action(task_state, curator, "reject", comment=comment)


@pytest.fixture
def story():
    return [
        StoryPart("heading", "Three generations"),
        StoryPart("paragraph", "We paint by hand.\n\nIn Multan."),
    ]


# --- The workflow ------------------------------------------------------------------------------------------
def test_the_migration_made_the_review_workflow_for_the_curators(db):
    from wagtail.models import Workflow

    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    task = workflow.tasks.get().specific
    assert [group.name for group in task.groups.all()] == ["Curators"]


def test_the_workflow_is_assigned_to_the_storefronts_index_once(storefront):
    workflow = review_workflow()
    assert review_workflow() == workflow
    assert storefront.get_workflow() == workflow


# --- Saving: a draft revision on review, never live --------------------------------------------------------
def test_saving_makes_a_draft_revision_in_review_and_changes_nothing_live(storefront, artisan, story):
    product = ProductFactory(supplier=storefront.supplier)
    services.submit_storefront(storefront, actor=artisan, story=story, gallery=[], featured=[product.pk])
    storefront.refresh_from_db()
    assert len(storefront.story) == 0  # what buyers see is unchanged
    assert storefront.has_unpublished_changes
    latest = storefront.get_latest_revision_as_object()
    assert [block.block_type for block in latest.story] == ["heading", "paragraph"]
    assert latest.story[1].value.source == "<p>We paint by hand.</p><p>In Multan.</p>"
    assert [item.product_id for item in latest.featured.all()] == [product.pk]
    status = review_status(storefront)
    assert status.awaiting_review and not status.sent_back and status.live


def test_a_curator_approves_and_the_storefront_goes_live(storefront, artisan, admin_curator, story, client):
    services.submit_storefront(storefront, actor=artisan, story=story, gallery=[])
    approve(storefront, admin_curator)
    storefront.refresh_from_db()
    assert [block.block_type for block in storefront.story] == ["heading", "paragraph"]
    assert not storefront.has_unpublished_changes
    assert "Three generations" in client.get(storefront.url).content.decode()
    assert not review_status(storefront).awaiting_review


def test_a_curator_sends_it_back_and_the_artisan_sees_the_comment(
    storefront, artisan, admin_curator, story, client_for
):
    services.submit_storefront(storefront, actor=artisan, story=story, gallery=[])
    reject(storefront, admin_curator, "Please add a photo of your workshop.")
    status = review_status(storefront)
    assert status.sent_back and status.comment == "Please add a photo of your workshop."
    page = client_for(artisan).get(URL).content.decode()
    assert "Please add a photo of your workshop." in page

    # Edited again: the same review resumes, with the newest revision, and the comment is gone.
    services.submit_storefront(storefront, actor=artisan, story=story[:1], gallery=[])
    status = review_status(storefront)
    assert status.awaiting_review and not status.sent_back
    assert WorkflowState.objects.for_instance(storefront).count() == 1
    approve(storefront, admin_curator)
    storefront.refresh_from_db()
    assert [block.block_type for block in storefront.story] == ["heading"]


def test_editing_while_in_review_keeps_one_review(storefront, artisan, story):
    services.submit_storefront(storefront, actor=artisan, story=story, gallery=[])
    services.submit_storefront(storefront, actor=artisan, story=story[:1], gallery=[])
    assert WorkflowState.objects.for_instance(storefront).count() == 1
    assert TaskState.objects.filter(workflow_state__object_id=str(storefront.pk)).count() == 1


def test_featuring_another_suppliers_or_a_draft_product_is_refused(storefront, artisan):
    foreign = ProductFactory()
    draft = ProductFactory(supplier=storefront.supplier, status=Product.Status.DRAFT)
    for product in (foreign, draft):
        with pytest.raises(ValidationError):
            services.submit_storefront(storefront, actor=artisan, story=[], gallery=[], featured=[product.pk])
    assert storefront.revisions.count() == 0


def test_at_most_eight_featured_products(storefront, artisan):
    products = ProductFactory.create_batch(9, supplier=storefront.supplier)
    with pytest.raises(ValidationError):
        services.submit_storefront(
            storefront, actor=artisan, story=[], gallery=[], featured=[p.pk for p in products]
        )


@pytest.mark.parametrize("role", ["staff"])
def test_staff_may_not_submit(storefront, role):
    member = MembershipFactory(supplier=storefront.supplier, role=role).user
    with pytest.raises(PermissionDenied):
        services.submit_storefront(storefront, actor=member, story=[], gallery=[])


def test_a_coordinator_may_submit(storefront):
    coordinator = MembershipFactory(supplier=storefront.supplier, role="coordinator").user
    services.submit_storefront(storefront, actor=coordinator, story=[StoryPart("heading", "Hi")], gallery=[])
    assert review_status(storefront).awaiting_review


# --- HTTP ---------------------------------------------------------------------------------------------------
def test_the_artisan_saves_story_photos_and_featured_through_the_form(storefront, artisan, client_for):
    product = ProductFactory(supplier=storefront.supplier)
    kept = GalleryPhotoFactory(page=storefront, caption="Kiln")
    removed = GalleryPhotoFactory(page=storefront, caption="Old")
    storefront.save_revision().publish()
    client = client_for(artisan)
    data = story_post(
        storefront.supplier,
        blocks=[("quote", "Clay remembers.", "Ustad Allah Ditta"), ("paragraph", "Since 1962.", "")],
        gallery=[(removed.photo_id, "Old"), (kept.photo_id, "The kiln at dawn")],
        featured=[product.pk],
        new_photos=[image_upload("new.jpg")],
    )
    data |= {"gallery-0-DELETE": "on", "gallery-1-ORDER": 1}
    response = client.post(URL, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    latest = SupplierPage.objects.get(pk=storefront.pk).get_latest_revision_as_object()
    assert [b.block_type for b in latest.story] == ["quote", "paragraph"]
    assert latest.story[0].value["attribution"] == "Ustad Allah Ditta"
    gallery = sorted(latest.gallery.all(), key=lambda item: item.sort_order)
    assert [item.caption for item in gallery] == ["The kiln at dawn", ""]
    assert gallery[0].photo_id == kept.photo_id
    assert [item.product_id for item in latest.featured.all()] == [product.pk]
    page = client.get(response["Location"]).content.decode()
    assert "Awaiting review" in page and "The kiln at dawn" in page


def test_an_image_block_with_an_upload(storefront, artisan, client_for):
    data = story_post(storefront.supplier, blocks=[("image", "Women painting tiles", "")])
    data["story-0-photo"] = image_upload("tiles.jpg")
    assert client_for(artisan).post(URL, data).status_code == 302
    block = SupplierPage.objects.get(pk=storefront.pk).get_latest_revision_as_object().story[0]
    assert block.block_type == "image" and block.value.contextual_alt_text == "Women painting tiles"


def test_a_failing_form_keeps_what_was_typed_and_saves_nothing(storefront, artisan, client_for):
    data = story_post(storefront.supplier, blocks=[("quote", "", "Nobody"), ("paragraph", "Kept text", "")])
    response = client_for(artisan).post(URL, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kept text" in body and "Nobody" in body
    assert storefront.revisions.count() == 0


def test_a_bad_photo_is_a_form_error(storefront, artisan, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = story_post(storefront.supplier, new_photos=[SimpleUploadedFile("x.jpg", b"not an image")])
    response = client_for(artisan).post(URL, data)
    assert response.status_code == 200 and "not a photo we can read" in response.content.decode()
    assert storefront.revisions.count() == 0


def test_another_suppliers_gallery_photo_cannot_be_pulled_in(storefront, artisan, client_for):
    stranger_photo = PhotoFactory()
    data = story_post(storefront.supplier, gallery=[(stranger_photo.pk, "mine now")])
    assert client_for(artisan).post(URL, data).status_code == 200
    assert storefront.revisions.count() == 0


def test_anonymous_is_sent_to_log_in(client, storefront):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("who", ["buyer", "staff", "curator", "other_owner"])
def test_others_are_refused_and_change_nothing(who, storefront, client_for, curator, other_artisan):
    user = {
        "buyer": lambda: BuyerFactory(),
        "staff": lambda: MembershipFactory(supplier=storefront.supplier, role="staff").user,
        "curator": lambda: curator,
        "other_owner": lambda: other_artisan,
    }[who]()
    client = client_for(user)
    # Staff of the supplier are told why (403); anyone else learns nothing of it (404).
    refused = 403 if who == "staff" else 404
    assert client.get(URL, {"supplier": storefront.supplier.pk}).status_code == refused
    data = story_post(storefront.supplier, blocks=[("heading", "Taken over", "")])
    assert client.post(URL, data).status_code == refused
    assert storefront.revisions.count() == 0


def test_an_owner_of_two_suppliers_chooses_which(storefront, artisan, client_for):
    second = MembershipFactory(user=artisan, role="owner").supplier
    client = client_for(artisan)
    page = client.get(URL).content.decode()
    assert storefront.supplier.name in page and second.name in page
    assert client.get(URL, {"supplier": second.pk}).status_code == 200


def test_a_supplier_without_a_storefront_is_told_so(client_for, artisan, supplier):
    response = client_for(artisan).get(URL)
    assert response.status_code == 200
    assert "not ready yet" in response.content.decode()


def test_the_seller_dashboard_links_to_the_editor(client_for, artisan):
    assert URL in client_for(artisan).get(reverse("sell:dashboard")).content.decode()


# --- The curator's side, through Wagtail's admin as usual -------------------------------------------
def admin_action(client, page, action, comment=""):
    state = WorkflowState.objects.for_instance(page).get(status=WorkflowState.STATUS_IN_PROGRESS)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.current_task_state_id])
    return client.post(url, {"comment": comment})


def test_a_curator_approves_in_the_admin_and_it_goes_live(storefront, artisan, admin_curator, story, client):
    services.submit_storefront(storefront, actor=artisan, story=story, gallery=[])
    client.force_login(admin_curator)
    # The curator's dashboard lists the page awaiting their review.
    assert storefront.title in client.get(reverse("wagtailadmin_home")).content.decode()
    assert admin_action(client, storefront, "approve").status_code == 302
    storefront.refresh_from_db()
    assert [block.block_type for block in storefront.story] == ["heading", "paragraph"]


def test_a_curator_requests_changes_in_the_admin_and_the_artisan_reads_why(
    storefront, artisan, admin_curator, story, client
):
    services.submit_storefront(storefront, actor=artisan, story=story, gallery=[])
    client.force_login(admin_curator)
    assert admin_action(client, storefront, "reject", "Say where the clay comes from.").status_code == 302
    client.force_login(artisan)
    assert "Say where the clay comes from." in client.get(URL).content.decode()
    storefront.refresh_from_db()
    assert len(storefront.story) == 0


def test_someone_outside_the_curators_cannot_approve(storefront, artisan, story, client):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    services.submit_storefront(storefront, actor=artisan, story=story, gallery=[])
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    admin_action(client, storefront, "approve")
    assert review_status(storefront).awaiting_review
    storefront.refresh_from_db()
    assert len(storefront.story) == 0


def test_staff_are_told_only_owners_and_coordinators_edit_the_storefront(storefront, client_for):
    member = MembershipFactory(supplier=storefront.supplier, role="staff").user
    response = client_for(member).get(URL)
    assert response.status_code == 403
    assert "the coordinator who manages it" in response.content.decode()


def test_a_curators_formatting_survives_when_the_artisan_leaves_that_paragraph_alone(storefront, artisan):
    storefront.story = '[{"type": "paragraph", "value": "<p>We use <b>natural</b> cobalt.</p>"}]'
    storefront.save_revision().publish()
    page = SupplierPage.objects.get(pk=storefront.pk)
    draft = services.draft_of(page)
    assert draft.story[0].text == "We use natural cobalt."
    services.submit_storefront(
        page, actor=artisan, story=[*draft.story, StoryPart("heading", "New")], gallery=[]
    )
    latest = SupplierPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert latest.story[0].value.source == "<p>We use <b>natural</b> cobalt.</p>"
