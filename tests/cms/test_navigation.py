"""The header and footer links curators choose (cms.navigation): shown on every page, in their order, kept
current when a link or a page changes, and edited only by curators."""

import pytest
from django.urls import reverse

from cms.models import ContentPage, FooterLink, HeaderLink, NavigationLinks

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home):
    return {
        slug: home.add_child(instance=ContentPage(title=title, slug=slug))
        for slug, title in [("about", "About us"), ("terms", "Terms of trade"), ("privacy", "Privacy")]
    }


@pytest.fixture
def footer(pages, django_capture_on_commit_callbacks):
    setting = NavigationLinks.load()
    with django_capture_on_commit_callbacks(execute=True):
        for position, slug in enumerate(["terms", "about"]):
            FooterLink.objects.create(setting=setting, page=pages[slug], sort_order=position)
    return setting


def footer_of(html):
    return html[html.index('<footer class="foot">') :]


def test_the_footer_links_the_curators_pages_in_their_order_on_every_page(client, footer):
    for url in ["/", reverse("catalog:product-list"), reverse("login")]:
        html = footer_of(client.get(url).content.decode())
        assert html.index('href="/terms/">Terms of trade<') < html.index('href="/about/">About us<'), url


def test_the_header_links_the_pages_curators_put_there(client, pages, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        HeaderLink.objects.create(setting=NavigationLinks.load(), page=pages["about"], label="Who we are")
    html = client.get(reverse("catalog:product-list")).content.decode()
    header = html[: html.index("</header>")]
    assert '<a href="/about/">Who we are</a>' in header


def test_a_changed_link_shows_at_once(client, footer, pages, django_capture_on_commit_callbacks):
    client.get("/")  # cached
    with django_capture_on_commit_callbacks(execute=True):
        FooterLink.objects.create(setting=footer, page=pages["privacy"], sort_order=5)
    assert 'href="/privacy/">Privacy<' in footer_of(client.get("/").content.decode())


def test_a_renamed_page_is_linked_by_its_new_title(client, footer, pages, django_capture_on_commit_callbacks):
    client.get("/")  # cached
    about = pages["about"]
    about.title = "About the marketplace"
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    assert ">About the marketplace<" in footer_of(client.get("/").content.decode())


def test_an_unpublished_page_is_not_linked(client, footer, pages, django_capture_on_commit_callbacks):
    client.get("/")  # cached
    with django_capture_on_commit_callbacks(execute=True):
        pages["terms"].unpublish()
    assert "/terms/" not in footer_of(client.get("/").content.decode())


def test_a_curator_edits_the_links_in_the_admin(client_for, admin_curator):
    url = reverse("wagtailsettings:edit", args=["cms", "navigationlinks"])
    response = client_for(admin_curator).get(url, follow=True)
    assert response.status_code == 200 and "Footer links" in response.content.decode()


def test_a_supplier_member_cannot_edit_the_links(client_for, artisan):
    url = reverse("wagtailsettings:edit", args=["cms", "navigationlinks"])
    response = client_for(artisan).get(url, follow=True)
    assert "Footer links" not in response.content.decode()
    assert response.redirect_chain[-1][0].startswith(reverse("wagtailadmin_login"))


def test_a_content_page_shows_its_text(client, pages):
    pages["about"].body = [{"type": "paragraph", "value": "<p>Run from Lahore.</p>"}]
    pages["about"].save_revision().publish()
    html = client.get("/about/").content.decode()
    assert "<h1>About us</h1>" in html and "Run from Lahore." in html
