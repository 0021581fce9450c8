"""The site's own pages (About, Contact, Terms of trade, Privacy) and the header and footer links to them.

Their text says what this marketplace really does, as the code does it: card payments through Stripe held
in escrow until delivery is confirmed or ESCROW_AUTO_RELEASE_DAYS pass, disputes that freeze the money,
private attachments, photos stripped of their location. Curators edit it all in the admin afterwards.
"""

from django.conf import settings
from django.utils.html import escape

from cms.models import ContentPage, FooterLink, HeaderLink, NavigationLinks

CONTACT_EMAIL = "hello@pakistancrafts.example"
SUPPORT_EMAIL = "trade-assurance@pakistancrafts.example"
PRIVACY_EMAIL = "privacy@pakistancrafts.example"


def _heading(text):
    return {"type": "heading", "value": text}


def _paragraph(text):
    return {"type": "paragraph", "value": f"<p>{escape(text)}</p>"}


def _mail_paragraph(before, address, after=""):
    return {
        "type": "paragraph",
        "value": f'<p>{escape(before)} <a href="mailto:{address}">{address}</a>{escape(after)}</p>',
    }


def _list(items):
    return {"type": "paragraph", "value": "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"}


def about():
    return ContentPage(
        title="About us",
        slug="about",
        summary="A marketplace where international buyers order directly from Pakistan's artisans and SME "
        "clusters, with quotes, samples and payment held safely until the goods arrive.",
        body=[
            _heading("Why this marketplace exists"),
            _paragraph(
                "Pakistan's crafts are made in clusters: crochet and woollens in Chitral, ajrak in Hala, "
                "blue pottery in Multan, surgical instruments and sports goods in Sialkot, carved furniture "
                "in Chiniot. After the 2026 Made in Pakistan SME Cluster Showcase Expo, more than 170 "
                "exhibitors had buyers' business cards and no place where that interest could become "
                "quotes, orders and payments. This marketplace is that place."
            ),
            _heading("Who runs it"),
            _paragraph(
                "The marketplace is operated by a small team in Lahore that holds buyers' payments, pays "
                "suppliers and handles disputes. Curators from SME support bodies, NGOs and the clusters "
                "themselves verify suppliers and their certificates, moderate listings and write the "
                "storefronts and stories you read here."
            ),
            {"type": "fact", "value": {"figure": "170+", "label": "exhibitors at the 2026 Expo"}},
            _heading("What we care about"),
            _list(
                [
                    "Women-led micro businesses in remote areas selling to buyers directly, "
                    "not through three middlemen.",
                    "Honest listings: real prices per quantity, real lead times, real certificates "
                    "with their expiry dates.",
                    "Trade assurance: a buyer's money is released to the supplier only once the goods "
                    "have arrived or the agreed time has passed without a complaint.",
                ]
            ),
        ],
    )


def contact():
    return ContentPage(
        title="Contact",
        slug="contact",
        summary="How to reach the marketplace team, and the quickest way to reach a supplier.",
        body=[
            _heading("Questions about a product"),
            _paragraph(
                "Ask the supplier directly: every product page and storefront has a \u201cContact the "
                "supplier\u201d button. Your inquiry and its attachments are seen only by you and the "
                "supplier's members, and most suppliers answer within a day."
            ),
            _heading("Orders, payments and disputes"),
            _mail_paragraph(
                "Open a dispute from the order's page if goods arrive damaged, short or not as described; "
                "that freezes the payment until we decide. For anything else about an order or a payment "
                "write to",
                SUPPORT_EMAIL,
                " with the order number.",
            ),
            _heading("Everything else"),
            _mail_paragraph(
                "Suppliers who want to join, clusters and support bodies who want to work with us, press: "
                "write to",
                CONTACT_EMAIL,
                ". We answer on working days, Monday to Saturday, Pakistan time (UTC+5).",
            ),
        ],
    )


def terms():
    days = settings.ESCROW_AUTO_RELEASE_DAYS
    hours = settings.UNPAID_ORDER_EXPIRY_HOURS
    return ContentPage(
        title="Terms of trade",
        slug="terms",
        summary="The rules every buyer and supplier agrees to: how prices, quotes, payment, escrow, "
        "shipping and disputes work.",
        body=[
            _heading("Who sells to whom"),
            _paragraph(
                "Each product is sold by the supplier named on it. The marketplace takes the buyer's "
                "payment as merchant of record, holds it in escrow and pays the supplier, less the "
                "marketplace commission, once the order is complete."
            ),
            _heading("Prices, quotes and orders"),
            _list(
                [
                    "Listed prices are per unit, in the supplier's currency, for the quantity tier shown; "
                    "converted prices are a guide at a dated exchange rate.",
                    "A quote is binding on the supplier until its validity date. Accepting a quote makes "
                    "an order at the quoted price and terms.",
                    "Delivery terms follow the Incoterms 2020 rule named in the order (for example FOB "
                    "Karachi): it decides who pays freight, insurance and duties, and where the goods pass "
                    "to the buyer.",
                    f"An order not paid within {hours} hours is cancelled and any reserved stock "
                    "is released.",
                ]
            ),
            _heading("Payment and escrow (trade assurance)"),
            _paragraph(
                "Buyers pay by card through Stripe. The money is held by the marketplace, not the supplier. "
                "It is released to the supplier when the buyer confirms delivery, or automatically "
                f"{days} days after the supplier marks the order shipped if the buyer has not opened a "
                "dispute by then."
            ),
            _heading("Disputes and refunds"),
            _paragraph(
                "A buyer may open a dispute from the order's page before the money is released, with "
                "photos and a description. A dispute freezes the payment. Our operators hear both sides "
                "and decide: release to the supplier, a partial refund, or a full refund to the card that "
                "paid. Refunds go back through Stripe; we never pay a refund in cash or to another account."
            ),
            _heading("Suppliers' obligations"),
            _list(
                [
                    "List only what you make or can supply, with true materials, origin, HS code, "
                    "lead time and certificates.",
                    "Ship within the agreed lead time and enter the carrier and tracking number.",
                    "Never ask a buyer to pay outside the marketplace: such orders have no trade assurance.",
                ]
            ),
            _paragraph(
                "Curators may hide a listing that breaks these terms, with the reason shown to the "
                "supplier. Serious or repeated breaches close the account."
            ),
        ],
    )


def privacy():
    return ContentPage(
        title="Privacy",
        slug="privacy",
        summary="What we keep about you, why, who sees it and for how long.",
        body=[
            _heading("What we keep and why"),
            _list(
                [
                    "Your account: email address, name, company, country and currency, to sign you in, "
                    "show you prices and send you notifications about your inquiries and orders.",
                    "Inquiries, RFQs, quotes and their attachments: to carry the conversation between "
                    "you and the supplier. Attachments are private files: only the two parties (and our "
                    "operators in a dispute) can download them.",
                    "Orders and shipping addresses: to deliver, to settle disputes and because accounting "
                    "and tax law require us to keep trade records.",
                    "Suppliers' payout details (bank account or mobile wallet): only to pay them.",
                    "Failed login attempts with the address they came from: to stop password guessing; "
                    "they are forgotten after the cool-off period.",
                ]
            ),
            _heading("What we do not keep"),
            _paragraph(
                "Card numbers never reach us: Stripe takes the payment and tells us only whether it "
                "succeeded. Photos uploaded by artisans are stripped of their location data before they "
                "are stored, and suppliers' home addresses are never shown on the site."
            ),
            _heading("Cookies"),
            _paragraph(
                "We use two cookies, both needed for the site to work: one keeps you signed in, the other "
                "protects forms from being sent by other sites. No advertising or tracking cookies."
            ),
            _heading("Your rights"),
            _mail_paragraph(
                "You may ask for a copy of your data, have it corrected, or close your account and have "
                "what the law does not require us to keep deleted. Write to",
                PRIVACY_EMAIL,
                ".",
            ),
        ],
    )


def build_site_pages(home):
    """The four pages below the home page, linked from the header (About, Contact) and the footer (all)."""
    pages = {page.slug: home.add_child(instance=page) for page in (about(), contact(), terms(), privacy())}
    links = NavigationLinks.load()
    for position, slug in enumerate(["about", "contact"]):
        HeaderLink.objects.create(setting=links, page=pages[slug], sort_order=position)
    for position, slug in enumerate(["about", "contact", "terms", "privacy"]):
        FooterLink.objects.create(setting=links, page=pages[slug], sort_order=position)
    return pages
