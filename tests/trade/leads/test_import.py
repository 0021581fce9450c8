"""The badge-scan import: the row-level report (created / merged / refused with the reason), merging by email
within the event, and the admin page only curators reach."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marketplace.workflow import TransitionError
from orders.trade.leads.badge_import import REGISTRATION_CONSENT, Outcome, import_badge_scans
from orders.trade.leads.capture import capture_lead
from orders.trade.models import Lead
from tests.factories import CategoryFactory, SupplierFactory

from .expo import EventFactory, ExhibitorFactory

HEADER = "name,company,country,email,phone,interest,categories,quantity,target_price,currency,supplier,booth,"
HEADER += "consent\n"


def csv_bytes(*rows, header=HEADER):
    return (header + "".join(row + "\n" for row in rows)).encode()


@pytest.fixture
def rival_at_expo(expo):
    return ExhibitorFactory(event=expo, supplier=SupplierFactory(slug="rival-pottery"), booth="C-3").supplier


def test_the_report_says_created_merged_or_refused_for_every_row(
    curator, expo, at_booth, supplier, rival_at_expo
):
    CategoryFactory(slug="ceramics", name="Ceramics")
    data = csv_bytes(
        "Ingrid Larsson,Nordic Home,SE,ingrid@nordic.example,,Blue pottery vases,ceramics,200,4.5,EUR,"
        f"{supplier.slug},,yes",
        "Hans Meier,Meier GmbH,Germany,hans@meier.example,+49 30 1234,Tiles,,,,,,C-3,no",
        # The same visitor scanned again at the same booth: merged, the blank phone filled in.
        f"Ingrid Larsson,,,INGRID@nordic.example,+46 70 111,,,,,,{supplier.slug},,yes",
        # The same email at another exhibitor is that exhibitor's own lead.
        "Ingrid Larsson,Nordic Home,SE,ingrid@nordic.example,,,,,,,rival-pottery,,yes",
        ",No Name Ltd,,x@example.com,,,,,,,rival-pottery,,no",
        "Ola Nordmann,,NO,ola@example.com,,,,,,,not-at-this-expo,,yes",
        "Kari Nordmann,,NO,kari@example.com,,,,,,,,Z-99,yes",
        "Per Hansen,,NO,per@example.com,,,,,,,,,yes",
        "Bad Email,,NO,not-an-email,,,,,,,rival-pottery,,yes",
        "Bad Country,,Atlantis,b@example.com,,,,,,,rival-pottery,,yes",
        "Bad Quantity,,DE,q@example.com,,,,lots,,,rival-pottery,,yes",
        "No Currency,,DE,c@example.com,,,,,12.5,,rival-pottery,,yes",
        "Odd Consent,,DE,o@example.com,,,,,,,rival-pottery,,maybe",
    )

    report = import_badge_scans(event=expo, data=data, curator=curator)

    outcomes = [(row.line, row.outcome) for row in report.rows]
    assert outcomes == [
        (2, Outcome.CREATED),
        (3, Outcome.CREATED),
        (4, Outcome.MERGED),
        (5, Outcome.CREATED),
        *[(line, Outcome.REFUSED) for line in range(6, 15)],
    ]
    reasons = [row.reason for row in report.rows if row.outcome == Outcome.REFUSED]
    assert reasons == [
        "No name.",
        "“not-at-this-expo” does not exhibit at this event.",
        "No exhibitor has booth “Z-99” at this event.",
        "The row names no exhibitor (supplier or booth).",
        "“not-an-email” is not an email address.",
        "“Atlantis” is not a country.",
        "The quantity “lots” does not read as a number in range.",
        "A target price needs its currency.",
        "Consent must be yes or no, not “maybe”.",
    ]
    assert (report.created, report.merged, report.refused) == (3, 1, 9)
    assert Lead.objects.count() == 3


def test_a_merge_fills_blanks_and_never_overwrites(curator, expo, at_booth, supplier):
    import_badge_scans(
        event=expo,
        data=csv_bytes(f"Ingrid Larsson,Nordic Home,SE,ingrid@nordic.example,,Vases,,,,,{supplier.slug},,no"),
        curator=curator,
    )

    report = import_badge_scans(
        event=expo,
        data=csv_bytes(
            f"I. Larsson,Other AB,DE,ingrid@nordic.example,+46 70 111,Tiles,,50,,,{supplier.slug},,yes"
        ),
        curator=curator,
    )

    lead = Lead.objects.get()
    assert report.rows[0].outcome == Outcome.MERGED
    assert (lead.name, lead.company, lead.country, lead.products_wanted) == (
        "Ingrid Larsson",
        "Nordic Home",
        "SE",
        "Vases",
    )
    assert (lead.phone, lead.quantity) == ("+46 70 111", 50)
    assert lead.consent_given and lead.consent_text == REGISTRATION_CONSENT and lead.consent_at is not None


def test_a_scan_merges_into_the_lead_captured_at_the_booth(curator, artisan, expo, at_booth, supplier):
    captured, _ = capture_lead(
        supplier=supplier,
        actor=artisan,
        client_key=uuid.uuid4(),
        event=expo,
        name="Ingrid",
        email="Ingrid@Nordic.example",
    )

    report = import_badge_scans(
        event=expo,
        data=csv_bytes(f"Ingrid Larsson,Nordic Home,SE,ingrid@nordic.example,,,,,,,{supplier.slug},,yes"),
        curator=curator,
    )

    assert report.rows[0].outcome == Outcome.MERGED and report.rows[0].lead.pk == captured.pk
    captured.refresh_from_db()
    assert (captured.name, captured.company, captured.source) == ("Ingrid", "Nordic Home", Lead.Source.BOOTH)


def test_the_same_email_at_another_event_is_another_lead(curator, expo, at_booth, supplier):
    later = ExhibitorFactory(supplier=supplier, event=EventFactory(), booth="A-1").event
    row = f"Ingrid Larsson,Nordic Home,SE,ingrid@nordic.example,,,,,,,{supplier.slug},,yes"

    import_badge_scans(event=expo, data=csv_bytes(row), curator=curator)
    report = import_badge_scans(event=later, data=csv_bytes(row), curator=curator)

    assert report.rows[0].outcome == Outcome.CREATED
    assert Lead.objects.count() == 2


def test_importing_the_same_file_twice_creates_nothing_new(curator, expo, at_booth, supplier):
    data = csv_bytes(f"Ingrid Larsson,Nordic Home,SE,ingrid@nordic.example,,,,,,,{supplier.slug},,yes")

    import_badge_scans(event=expo, data=data, curator=curator)
    again = import_badge_scans(event=expo, data=data, curator=curator)

    assert [row.outcome for row in again.rows] == [Outcome.MERGED]
    assert Lead.objects.count() == 1


def test_columns_are_read_in_any_order_and_case(curator, expo, at_booth):
    data = "Booth,E-Mail,Name,Consent\nB-12,ingrid@nordic.example,Ingrid,Yes\n".encode("utf-8-sig")

    report = import_badge_scans(event=expo, data=data, curator=curator)

    assert report.rows[0].outcome == Outcome.CREATED
    assert Lead.objects.get().source == Lead.Source.BADGE_SCAN


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", "The file is empty."),
        (b"\xff\xfe\x00n\x00a", "The file is not UTF-8 text"),
        (b"company,email\nX,x@example.com\n", "The first row must name the columns"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(curator, expo, data, error):
    report = import_badge_scans(event=expo, data=data, curator=curator)

    assert report.error.startswith(error) and report.rows == []


def test_only_curators_import(artisan, expo):
    with pytest.raises(TransitionError):
        import_badge_scans(event=expo, data=csv_bytes(), curator=artisan)


# --- The admin page ----------------------------------------------------------------------------------------

URL = "/admin/leads/badge-import/"


def upload(text):
    return SimpleUploadedFile("scans.csv", text.encode(), content_type="text/csv")


def test_a_curator_uploads_and_reads_the_report(client_for, curator, expo, at_booth, supplier):
    client = client_for(curator)
    assert reverse("trade_badge_import") == URL
    assert client.get(URL, {"event": expo.pk}).status_code == 200

    response = client.post(
        URL,
        {
            "event": expo.pk,
            "file": upload(
                HEADER
                + f"Ingrid,,SE,i@example.com,,,,,,,{supplier.slug},,yes\n"
                + ",,,,,,,,,,,,\nX,,,,,,,,,,nobody,,no\n"
            ),
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "1 created, 0 merged, 1 refused." in html
    assert "“nobody” does not exhibit at this event." in html


def test_a_file_refused_whole_is_a_form_error(client_for, curator, expo):
    response = client_for(curator).post(URL, {"event": expo.pk, "file": upload("company\nX\n")})

    assert response.status_code == 400
    assert "The first row must name the columns" in response.content.decode()


def test_the_import_page_refuses_non_curators(client_for, client, artisan, expo, at_booth, supplier):
    data = {
        "event": expo.pk,
        "file": upload(HEADER + f"Ingrid,,SE,i@example.com,,,,,,,{supplier.slug},,yes\n"),
    }

    assert client_for(artisan).post(URL, data).status_code in (302, 403)
    client.logout()
    assert client.get(URL).status_code == 302
    assert not Lead.objects.exists()
