"""Paste, upload and URL ingestion: one path into document_create, nothing half-stored on refusal."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from claims.ingestion.services import (
    document_ingest_live_blog_text,
    document_ingest_text,
    document_ingest_upload,
    document_ingest_url,
    outlet_for_page,
)
from claims.models import Document
from tests.factories import SourceAliasFactory, SourceFactory
from tests.ingestion.server import FIXTURES
from verification.models import Event


@pytest.fixture
def reuters(db):
    source = SourceFactory(name="Reuters", slug="reuters", kind="news_agency", homepage="https://www.reuters.com")
    SourceAliasFactory(source=source, alias="Reuters")
    return source


def _nothing_stored():
    return Document.objects.count() == 0 and not Event.objects.filter(verb="document.created").exists()


def test_url_ingest_stores_article_text_title_outlet_date_and_raw_html(site, allow_loopback, reuters, fact_checker):
    result = document_ingest_url(url=site.url("/articles/drones"), user=fact_checker)
    document = result.document
    assert result.created
    assert document.channel == Document.Channel.URL
    assert document.title == "Russia says air defences downed 24 Ukrainian drones over Belgorod"
    assert document.outlet == reuters
    assert document.published_at == datetime(2025, 10, 2, 8, 15, tzinfo=UTC)
    assert document.url == site.url("/articles/drones")
    assert document.text.count("\n\n") == 3
    assert document.raw_html == (FIXTURES / "article_drones.html").read_text()
    assert document.created_by == fact_checker
    assert document.status == Document.Status.PENDING


def test_url_ingest_stores_the_final_address_after_a_redirect(site, allow_loopback, db):
    document = document_ingest_url(url=site.url("/redirect/article")).document
    assert document.url == site.url("/articles/drones")


def test_same_page_twice_is_one_document(site, allow_loopback, db):
    first = document_ingest_url(url=site.url("/articles/denial"))
    second = document_ingest_url(url=site.url("/articles/denial"))
    assert first.created and not second.created
    assert second.document.pk == first.document.pk
    assert Document.objects.count() == 1


def test_non_utf8_page_is_stored_as_proper_text(site, allow_loopback, db):
    document = document_ingest_url(url=site.url("/articles/cp1252")).document
    assert "café near the city centre" in document.text
    assert "Kyiv café owners" in document.title


@pytest.mark.parametrize(
    ("path", "code_words"),
    [
        ("/big", "limit is 5,000,000"),
        ("/redirect/private", "169.254.169.254"),
        ("/image.png", "image/png, not an HTML or text page"),
        ("/missing", "404 Not Found"),
    ],
)
def test_refused_urls_leave_nothing_stored_and_say_why(site, allow_loopback, db, path, code_words):
    with pytest.raises(ValidationError) as caught:
        document_ingest_url(url=site.url(path))
    assert code_words in caught.value.message_dict["url"][0]
    assert _nothing_stored()


def test_loopback_url_is_refused_without_the_admin_setting(site, db):
    with pytest.raises(ValidationError) as caught:
        document_ingest_url(url=site.url("/articles/drones"))
    assert "not fetched unless an administrator allows" in caught.value.message_dict["url"][0]
    assert _nothing_stored()


def test_outlet_is_recognised_by_site_name_then_by_domain(reuters):
    gazette = SourceFactory(name="The Example Gazette", slug="gazette", homepage="https://www.gazette.example")
    assert outlet_for_page(site_name="Reuters", url="http://127.0.0.1/x") == reuters
    assert outlet_for_page(site_name="", url="https://uk.reuters.com/world/story") == reuters
    assert outlet_for_page(site_name="Unknown Blog", url="https://gazette.example/a") == gazette
    assert outlet_for_page(site_name="Unknown Blog", url="https://notreuters.com/a") is None


def test_pasted_text_is_stored_with_the_given_details(reuters, editor):
    published = datetime(2025, 10, 2, 9, 0, tzinfo=UTC)
    result = document_ingest_text(
        text="The army said it took the village.\r\n\r\nKyiv denied it.\r\n",
        title="Village",
        outlet=reuters,
        published_at=published,
        user=editor,
    )
    document = result.document
    assert document.text == "The army said it took the village.\n\nKyiv denied it."
    assert (document.channel, document.outlet, document.published_at) == (Document.Channel.PASTE, reuters, published)


def test_empty_paste_is_refused(db):
    with pytest.raises(ValidationError):
        document_ingest_text(text="  \n \n")
    assert _nothing_stored()


def test_too_long_paste_is_refused_not_truncated(db, settings):
    settings.CLAIMTRACK_MAX_DOCUMENT_CHARS = 100
    with pytest.raises(ValidationError) as caught:
        document_ingest_text(text="The ministry said so. " * 10)
    assert "the limit is 100" in caught.value.messages[0]
    assert _nothing_stored()


def test_uploaded_email_is_stored_with_its_subject_and_date(db):
    document = document_ingest_upload(name="release.eml", data=(FIXTURES / "release.eml").read_bytes()).document
    assert document.channel == Document.Channel.UPLOAD
    assert document.title == "Statement on the overnight air defence operation"
    assert document.published_at == datetime(2025, 10, 2, 4, 45, tzinfo=UTC)


def test_uploaded_html_keeps_its_raw_html_and_the_form_title_wins(db):
    data = (FIXTURES / "article_grain.html").read_bytes()
    document = document_ingest_upload(name="grain.html", data=data, title="Grain ship").document
    assert document.title == "Grain ship"
    assert document.raw_html == data.decode()
    assert document.text.startswith("KYIV, Oct 4 (Reuters)")


def test_upload_in_the_wrong_encoding_is_refused_and_nothing_stored(db):
    with pytest.raises(ValidationError) as caught:
        document_ingest_upload(name="wire_latin1.txt", data=(FIXTURES / "wire_latin1.txt").read_bytes())
    assert "not UTF-8" in caught.value.message_dict["file"][0]
    assert _nothing_stored()


def test_upload_over_the_size_limit_is_refused(db, settings):
    settings.CLAIMTRACK_INGEST_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as caught:
        document_ingest_upload(name="big.txt", data=b"The ministry said so.\n" * 100)
    assert "the limit is 1,000" in caught.value.message_dict["file"][0]
    assert _nothing_stored()


def test_document_created_event_records_the_channel(site, allow_loopback, fact_checker):
    document = document_ingest_url(url=site.url("/articles/grain"), user=fact_checker).document
    event = Event.objects.get(verb="document.created", object_id=str(document.pk))
    assert event.actor == fact_checker
    assert event.after["channel"] == "url"


SEED_LIKE = (
    "Sergei Shoigu told his French counterpart that talks were possible, according to a statement.\n"
    "France has denied Russia's claim of a discussion on potential Ukraine talks, according to AFP.\n"
    "\n"
    "Russian drones hit residences early on Thursday, the mayor said. Reuters could not verify the accounts.\n"
)


def test_live_blog_pasted_whole_becomes_one_document_per_paragraph(db, fact_checker):
    results = document_ingest_live_blog_text(text=SEED_LIKE, title="Ukraine live", user=fact_checker)
    assert [r.created for r in results] == [True, True, True]
    documents = [r.document for r in results]
    assert [d.title for d in documents] == ["Ukraine live (1/3)", "Ukraine live (2/3)", "Ukraine live (3/3)"]
    assert (
        documents[1].text
        == "France has denied Russia's claim of a discussion on potential Ukraine talks, according to AFP."
    )
    assert {d.channel for d in documents} == {Document.Channel.LIVE_BLOG}


def test_live_blog_pasted_again_adds_only_new_paragraphs(db):
    document_ingest_live_blog_text(text=SEED_LIKE)
    results = document_ingest_live_blog_text(text=SEED_LIKE + "Kyiv said it shot down 20 drones.\n")
    assert [r.created for r in results] == [False, False, False, True]
    assert Document.objects.count() == 4


def test_one_refused_live_blog_paragraph_refuses_the_whole_paste(db, settings):
    settings.CLAIMTRACK_MAX_DOCUMENT_CHARS = 100
    with pytest.raises(ValidationError) as caught:
        document_ingest_live_blog_text(text="Short entry said.\n" + "A very long entry. " * 10)
    assert caught.value.message_dict["text"][0].startswith("Entry 2: Text is 189 characters")
    assert _nothing_stored()


def test_a_dismissed_source_is_not_taken_as_the_outlet(db):
    dismissed = SourceFactory(name="Old Name", slug="old-name", status="dismissed")
    SourceAliasFactory(source=dismissed, alias="Old Name")
    assert outlet_for_page(site_name="Old Name", url="") is None
