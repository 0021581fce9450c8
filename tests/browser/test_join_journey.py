"""Browser journey (issue 19): a new artisan joins in Urdu on a 360 px phone, drafts a listing while waiting,
a curator approves the application in the Wagtail admin, and the listing is public on its product page.

Fields and buttons are found by their names, not their English text: the artisan's pages are in Urdu. Every
page of the journey fits the phone (no sideways scrolling) and passes axe."""

import re

import pytest
from django.test import Client

from catalog.models import Product, SupplierApplication
from marketplace.jobs.models import OutgoingEmail
from tests.browser.viewports import FITS, PHONE
from tests.factories import CategoryFactory, VerificationLevelFactory

from .conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def phone_page(browser, language):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale=language)
    context.set_default_timeout(15_000)
    if language == "ur":
        context.add_cookies([{"name": "django_language", "value": "ur", "url": "http://localhost"}])
    page = context.new_page()
    page.csp_violations = refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return page


def check(page, audit, *, rtl):
    """The page fits 360 px, passes axe and, in Urdu, reads right to left."""
    page.wait_for_load_state()
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert page.evaluate(FITS), f"{page.url} scrolls sideways at 360 px: {width} px wide"
    if rtl:
        assert page.locator("html").get_attribute("dir") == "rtl", f"{page.url} is not right to left"
        assert page.locator("html").get_attribute("lang") == "ur"
    audit(page)


def test_a_new_artisan_joins_in_urdu_drafts_a_listing_and_is_approved(live_server, browser, audit, curator):
    base = live_server.url.replace("127.0.0.1", "localhost")
    category = CategoryFactory(name="Textiles", slug="textiles")
    level = VerificationLevelFactory(name="Documents checked")

    # --- the artisan: an account first, in Urdu -------------------------------------------------------
    page = phone_page(browser, "ur")
    page.goto(f"{base}/sell/join/")
    check(page, audit, rtl=True)
    page.locator("main a[href^='/accounts/signup/supplier/']").click()
    check(page, audit, rtl=True)
    form = page.locator("main form")
    form.locator("[name=full_name]").fill("Bibi Zarina")
    form.locator("[name=email]").fill("zarina@example.pk")
    form.locator("[name=password]").fill("patti-shawls-of-bumburet")
    form.locator("[type=submit]").click()
    check(page, audit, rtl=True)

    body = OutgoingEmail.objects.get(to="zarina@example.pk").body
    confirm = re.search(r"(/accounts/signup/confirm/[^\s]+/)", body).group(1)
    page.goto(base + confirm)
    check(page, audit, rtl=True)
    page.locator("main form [type=submit]").click()
    page.wait_for_url(re.compile(r"/sell/join/$"))
    check(page, audit, rtl=True)

    # --- the application --------------------------------------------------------------------------------
    form = page.locator("main form[enctype]")
    form.locator("[name=name]").fill("Bumburet Valley Weavers")
    form.locator("[name=region]").select_option("kp")
    form.locator("[name=city]").fill("Bumburet")
    form.locator("[name=phone]").fill("+92 343 5550123")
    form.locator("[name=size]").select_option("micro")
    form.locator("[name=women_led]").check()
    form.locator("[name=women_led_by]").fill("Bibi Zarina")
    form.locator("[name=years_active]").fill("9")
    form.locator(f"[name=categories][value='{category.pk}']").check()
    form.locator("[name=what_they_make]").fill("Patti wool shawls and caps, woven on pit looms at home.")
    form.locator("[name=export_experience]").select_option("through_others")
    form.locator("button[name=submit]").click()
    page.wait_for_url(re.compile(r"/sell/$"))
    check(page, audit, rtl=True)
    application = SupplierApplication.objects.get()
    assert application.state == "submitted" and not application.supplier.is_active
    assert application.applicant.language == "ur"

    # --- a draft listing while waiting (published by the artisan, yet invisible: not approved) --------
    page.locator("main a[href='/sell/products/new/']").click()
    check(page, audit, rtl=True)
    form = page.locator("main form")
    form.locator("[name=title]").fill("Chitrali patti shawl")
    form.locator("[name=description]").fill("Hand-woven patti wool shawl, 2 m by 1 m.")
    form.locator("[name=category]").select_option(str(category.pk))
    form.locator("[name=origin_region]").select_option("kp")
    form.locator("[name=hs_code]").fill("621420")
    form.locator("[name=moq]").fill("10")
    form.locator("[name=lead_time_days]").fill("45")
    form.locator("[name=monthly_capacity]").fill("120")
    form.locator("[name=status]").select_option("published")
    form.locator("[name='tiers-0-min_quantity']").fill("10")
    form.locator("[name='tiers-0-unit_price']").fill("35.00")
    form.locator("[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/sell/products/\d+/$"))
    check(page, audit, rtl=True)
    product = Product.objects.get()
    assert Client().get(product.get_absolute_url()).status_code == 404
    page.context.close()

    # --- the curator approves in the Wagtail admin ----------------------------------------------------
    admin = phone_page(browser, "en")
    admin.goto(f"{base}/accounts/login/?next=/admin/catalog/applications/")
    form = admin.locator("main form")
    form.locator("[name=username]").fill(curator.email)
    form.locator("[name=password]").fill(PASSWORD)
    form.locator("[type=submit]").click()
    admin.wait_for_url(re.compile(r"/admin/catalog/applications/$"))
    audit(admin)
    admin.get_by_role("link", name="Bumburet Valley Weavers").click()
    audit(admin)
    approve = admin.locator("form[action$='/approve/']")
    approve.locator("[name=level]").select_option(str(level.pk))
    approve.locator("[name=method]").select_option("documents_checked")
    approve.locator("[name=observed]").fill(
        "Registration with the Chitral chamber, 2016; photos of the looms."
    )
    approve.locator("[type=submit]").click()
    admin.wait_for_url(re.compile(r"/admin/catalog/applications/$"))
    # Wagtail animates its "approved" message in: axe reads the message's contrast once every animation and
    # transition of the page has ended, not mid-fade.
    admin.locator(".messages .success").wait_for()
    admin.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    audit(admin)
    admin.context.close()

    # --- the listing is public ---------------------------------------------------------------------------
    buyer = phone_page(browser, "en")
    response = buyer.goto(base + product.get_absolute_url())
    assert response.status == 200
    check(buyer, audit, rtl=False)
    assert "Chitrali patti shawl" in buyer.locator("h1").inner_text()
    buyer.context.close()
