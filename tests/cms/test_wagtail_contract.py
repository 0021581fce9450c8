"""What cms/wagtail_overrides.py relies on Wagtail to do, checked against Wagtail itself: these fail when a
Wagtail upgrade changes routing, view restrictions or the request's Site under our overrides.

Pages are served through HTTP; where we replace a Wagtail method, ours is compared with Wagtail's own
(called through the parent class) on the same pages.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.http import Http404
from django.test import RequestFactory
from django.urls import resolve, reverse
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site

from cms.models import StoryIndexPage, StoryPage, SupplierIndexPage
from cms.wagtail_overrides import CachedSiteMiddleware, RouteByUrlPath, ViewRestrictionsInOneQuery

pytestmark = pytest.mark.django_db

PASSWORD = "ajrak-1978"


@pytest.fixture
def stories(home):
    return StoryIndexPage.objects.get()


@pytest.fixture
def story(stories):
    return stories.add_child(instance=StoryPage(title="Hala's block printers", slug="hala"))


def add_story(parent, slug, **fields):
    return parent.add_child(instance=StoryPage(title=f"Story {slug}", slug=slug, **fields))


def restrict(page, restriction_type, **fields):
    return PageViewRestriction.objects.create(page=page, restriction_type=restriction_type, **fields)


def login_redirect_next(response):
    """The `next` of a redirect to Wagtail's login page, or None when the response is not one."""
    if response.status_code != 302:
        return None
    location = urlsplit(response["Location"])
    if location.path != reverse("wagtailcore_login"):
        return None
    return parse_qs(location.query)["next"][0]


# --- Routing: ours and Wagtail's Page.route find the same pages ------
def test_a_live_page_is_served_at_its_url(client, story):
    response = client.get("/stories/hala/")

    assert response.status_code == 200
    assert "Hala&#x27;s block printers" in response.content.decode()


def test_a_draft_page_is_not_found(client, stories):
    add_story(stories, "draft", live=False)

    assert client.get("/stories/draft/").status_code == 404


def test_an_unpublished_page_is_not_found_even_once_its_type_is_cached(client, story):
    assert client.get("/stories/hala/").status_code == 200

    story.unpublish()

    assert client.get("/stories/hala/").status_code == 404


def test_a_child_page_is_served_below_its_parent(client, story):
    add_story(story.get_parent(), "second")

    assert client.get("/stories/second/").status_code == 200
    assert client.get("/stories/").status_code == 200


def test_a_renamed_page_moves_to_its_new_url(client, story):
    assert client.get("/stories/hala/").status_code == 200

    story.slug = "hala-printers"
    story.save_revision().publish()  # Wagtail rewrites url_path, which our routing looks pages up by

    assert client.get("/stories/hala-printers/").status_code == 200
    assert client.get("/stories/hala/").status_code == 404


def test_an_alias_serves_its_source_and_follows_its_changes(client, story, stories):
    story.create_alias(parent=stories, update_slug="hala-alias")
    assert "Hala&#x27;s block printers" in client.get("/stories/hala-alias/").content.decode()

    story.title = "Hala's printers, forty years on"
    story.save_revision().publish()

    assert "Hala&#x27;s printers, forty years on" in client.get("/stories/hala-alias/").content.decode()


@pytest.mark.parametrize(
    "path",
    ["", "stories", "stories/hala", "stories/draft", "stories/nowhere", "stories/hala/more", "suppliers"],
)
def test_our_routing_finds_the_page_wagtails_page_route_finds(home, story, path):
    add_story(story.get_parent(), "draft", live=False)
    request = RequestFactory().get(f"/{path}/")
    components = [part for part in path.split("/") if part]

    assert _routed(home.route, request, components) == _routed(
        super(RouteByUrlPath, home).route, request, components
    )


def _routed(route, request, components):
    try:
        page, args, kwargs = route(request, components)
    except Http404:
        return "404"
    return (type(page), page.pk, args, kwargs)


# --- View restrictions served: what Wagtail's check_view_restrictions does with ours ------
def test_a_login_restriction_sends_an_anonymous_visitor_to_log_in(client, story):
    restrict(story, PageViewRestriction.LOGIN)

    assert login_redirect_next(client.get("/stories/hala/")) == "/stories/hala/"


def test_a_login_restriction_lets_a_logged_in_user_in(client_for, story, buyer):
    restrict(story, PageViewRestriction.LOGIN)

    assert client_for(buyer).get("/stories/hala/").status_code == 200


def test_a_password_restriction_shows_the_password_form(client, story):
    restriction = restrict(story, PageViewRestriction.PASSWORD, password=PASSWORD)

    html = client.get("/stories/hala/").content.decode()

    assert 'name="password"' in html and "Hala&#x27;s block printers" not in html
    assert reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, story.pk]) in html


def test_a_password_restriction_accepts_the_right_password(client, story):
    restriction = restrict(story, PageViewRestriction.PASSWORD, password=PASSWORD)
    form_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, story.pk])

    response = client.post(form_url, {"password": PASSWORD, "return_url": "/stories/hala/"})

    assert response.status_code == 302 and response["Location"] == "/stories/hala/"
    assert "Hala&#x27;s block printers" in client.get("/stories/hala/").content.decode()


def test_a_password_restriction_refuses_a_wrong_password(client, story):
    restriction = restrict(story, PageViewRestriction.PASSWORD, password=PASSWORD)
    form_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, story.pk])

    client.post(form_url, {"password": "guess", "return_url": "/stories/hala/"})

    assert "Hala&#x27;s block printers" not in client.get("/stories/hala/").content.decode()


def test_a_groups_restriction_refuses_a_user_outside_the_groups(client_for, story, buyer):
    restrict(story, PageViewRestriction.GROUPS).groups.add(Group.objects.create(name="Press"))

    assert login_redirect_next(client_for(buyer).get("/stories/hala/")) == "/stories/hala/"


def test_a_groups_restriction_lets_a_member_of_the_group_in(client_for, story, buyer):
    press = Group.objects.create(name="Press")
    restrict(story, PageViewRestriction.GROUPS).groups.add(press)
    buyer.groups.add(press)

    assert client_for(buyer).get("/stories/hala/").status_code == 200


def test_a_restriction_on_an_ancestor_applies_to_its_descendants(client, story, stories):
    restrict(stories, PageViewRestriction.LOGIN)

    assert login_redirect_next(client.get("/stories/hala/")) == "/stories/hala/"


def test_an_alias_is_restricted_by_its_sources_restriction(client, story, stories):
    story.create_alias(parent=stories, update_slug="hala-alias")
    restrict(story, PageViewRestriction.LOGIN)

    assert login_redirect_next(client.get("/stories/hala-alias/")) == "/stories/hala-alias/"


def test_an_alias_of_an_alias_is_restricted_by_the_originals_restriction(client, story, stories):
    alias = story.create_alias(parent=stories, update_slug="hala-alias")
    alias.create_alias(parent=stories, update_slug="hala-alias-2")
    restrict(story, PageViewRestriction.LOGIN)

    assert login_redirect_next(client.get("/stories/hala-alias-2/")) == "/stories/hala-alias-2/"


def test_a_restriction_added_after_a_page_was_served_applies_to_the_next_view(client, story):
    # The routing query of each page type is built once per process (cms.wagtail_overrides); it must keep
    # no answer from an earlier view.
    assert client.get("/stories/hala/").status_code == 200

    restrict(story, PageViewRestriction.LOGIN)

    assert login_redirect_next(client.get("/stories/hala/")) == "/stories/hala/"


def test_a_restriction_on_the_storefronts_index_applies_to_a_storefront(client, storefront):
    # A storefront is routed with its supplier's rows joined: the restriction check still reads the
    # storefront's own path.
    restrict(SupplierIndexPage.objects.get(), PageViewRestriction.LOGIN)

    assert login_redirect_next(client.get(storefront.url)) == storefront.url


# --- View restrictions: ours and Wagtail's Page.get_view_restrictions return the same set ------
def _on_story(story, stories, home):
    restrict(story, PageViewRestriction.LOGIN)
    return story


def _on_parent(story, stories, home):
    restrict(stories, PageViewRestriction.LOGIN)
    return story


def _on_home_and_page(story, stories, home):
    restrict(home, PageViewRestriction.LOGIN)
    restrict(story, PageViewRestriction.PASSWORD, password=PASSWORD)
    return story


def _on_a_sibling_only(story, stories, home):
    restrict(add_story(stories, "sibling"), PageViewRestriction.LOGIN)
    return story


def _on_another_branch_only(story, stories, home):
    restrict(SupplierIndexPage.objects.get(), PageViewRestriction.LOGIN)
    return story


def _alias_of_a_restricted_page(story, stories, home):
    alias = story.create_alias(parent=stories, update_slug="hala-alias")
    restrict(story, PageViewRestriction.LOGIN)
    return alias


def _alias_whose_own_copy_wagtail_ignores(story, stories, home):
    restrict(story, PageViewRestriction.LOGIN)
    alias = story.create_alias(parent=stories, update_slug="hala-alias")  # copies the restriction onto it
    PageViewRestriction.objects.filter(page=story).delete()
    return alias


def _alias_of_an_alias(story, stories, home):
    alias = story.create_alias(parent=stories, update_slug="hala-alias")
    second = alias.create_alias(parent=stories, update_slug="hala-alias-2")
    restrict(story, PageViewRestriction.LOGIN)
    return second


def _unrestricted_alias_of_an_alias(story, stories, home):
    alias = story.create_alias(parent=stories, update_slug="hala-alias")
    return alias.create_alias(parent=stories, update_slug="hala-alias-2")


def _no_restriction(story, stories, home):
    return story


RESTRICTION_CASES = [
    _no_restriction,
    _on_story,
    _on_parent,
    _on_home_and_page,
    _on_a_sibling_only,
    _on_another_branch_only,
    _alias_of_a_restricted_page,
    _alias_whose_own_copy_wagtail_ignores,
    _alias_of_an_alias,
    _unrestricted_alias_of_an_alias,
]


@pytest.mark.parametrize("case", RESTRICTION_CASES, ids=lambda case: case.__name__.strip("_"))
def test_our_view_restrictions_are_wagtails(home, stories, story, case):
    page = StoryPage.objects.get(pk=case(story, stories, home).pk)

    ours = set(page.get_view_restrictions())
    wagtails = set(super(ViewRestrictionsInOneQuery, page).get_view_restrictions())

    assert ours == wagtails


@pytest.mark.parametrize("case", RESTRICTION_CASES, ids=lambda case: case.__name__.strip("_"))
def test_routing_never_skips_the_restriction_check_of_a_page_wagtail_finds_restricted(
    home, stories, story, case
):
    page = case(story, stories, home)
    components = page.url_path.removeprefix(home.url_path).strip("/").split("/")

    routed = home.route(RequestFactory().get("/"), components).page

    # `view_restricted` False skips the check; True only costs the one query of get_view_restrictions.
    wagtails = super(ViewRestrictionsInOneQuery, page).get_view_restrictions()
    assert routed.pk == page.pk
    assert routed.view_restricted or not wagtails.exists()


# --- The request's Site ------
def test_wagtails_page_view_is_the_view_the_site_middleware_waits_for(story):
    assert resolve("/stories/hala/").func is wagtail_views.serve
    assert CachedSiteMiddleware(lambda request: None).wagtail_serve is wagtail_views.serve


def test_wagtail_routes_with_the_site_found_on_the_request(home, story, stories):
    request = RequestFactory().get("/hala/")
    request._wagtail_site = Site(hostname="stories.example.com", root_page=stories)

    page, _args, _kwargs = Page.route_for_request(request, "/hala/")

    assert page.pk == story.pk


@pytest.fixture
def three_sites(home, stories):
    """The default site on localhost, and two more on one hostname: its port 80 and its port 8080."""
    Site.objects.create(hostname="shop.example.com", port=80, root_page=stories)
    Site.objects.create(hostname="shop.example.com", port=8080, root_page=SupplierIndexPage.objects.get())


@pytest.mark.parametrize(
    ("host", "port"),
    [("localhost", "80"), ("shop.example.com", "80"), ("shop.example.com", "8080"), ("elsewhere.test", "80")],
)
def test_the_site_middleware_hands_wagtail_the_site_wagtail_would_find(three_sites, host, port):
    middleware = CachedSiteMiddleware(lambda request: None)
    wagtails = Site._find_for_request(RequestFactory().get("/", HTTP_HOST=host, SERVER_PORT=port))

    for _ in ("looked up", "from the cache"):
        request = RequestFactory().get("/", HTTP_HOST=host, SERVER_PORT=port)
        middleware.process_view(request, wagtail_views.serve, (), {"path": "/"})

        assert Site.find_for_request(request) == wagtails
        assert request._wagtail_site.root_page == wagtails.root_page
