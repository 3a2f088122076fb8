"""Reducing pages, e-mails and text files to article text."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from claims.ingestion.html import article_from_html, article_from_upload, decode_html, tidy_text
from tests.ingestion.server import FIXTURES


def _fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_article_text_keeps_paragraph_breaks():
    article = article_from_html(_fixture("article_drones.html").decode())
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("MOSCOW, Oct 2 (Reuters) - Russia's defence ministry said")
    assert paragraphs[2] == (
        "Ukraine's military did not immediately comment on the claim. "
        "Reuters was unable to independently verify the accounts of either side."
    )


def test_navigation_footer_and_comments_are_left_out():
    drones = article_from_html(_fixture("article_drones.html").decode())
    denial = article_from_html(_fixture("article_denial.html").decode())
    assert "Markets rally" not in drones.text
    assert "All rights reserved" not in drones.text
    assert "great article" not in denial.text
    assert "Subscribe" not in denial.text


def test_headline_becomes_the_title_and_is_not_repeated_in_the_text():
    article = article_from_html(_fixture("article_denial.html").decode())
    assert article.title == "France denies Russian account of call between defence ministers"
    assert not article.text.startswith("France denies Russian account")


def test_publication_time_and_site_name_come_from_the_page():
    drones = article_from_html(_fixture("article_drones.html").decode())
    denial = article_from_html(_fixture("article_denial.html").decode())
    assert drones.published_at == datetime(2025, 10, 2, 8, 15, tzinfo=UTC)
    assert drones.site_name == "Reuters"
    assert denial.published_at == datetime(2025, 10, 3, 9, 40, tzinfo=UTC)
    assert denial.site_name == "The Example Gazette"


def test_page_in_windows_1252_declared_in_its_meta_tag_decodes_correctly():
    raw = _fixture("cp1252_article.html")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    article = article_from_html(decode_html(raw))
    assert "café near the city centre" in article.text
    assert "“nobody was hurt, thank God”" in article.text
    assert "Ukraine’s emergency service" in article.text


def test_http_charset_wins_over_guessing():
    raw = "<html><body><p>Zelenskiy’s office said the café was hit.</p></body></html>".encode("cp1252")
    assert "Zelenskiy’s office" in decode_html(raw, declared_charset="windows-1252")


def test_undeclared_non_utf8_page_is_still_decoded():
    raw = (
        "<html><body><p>Le ministère de la Défense a déclaré que les frappes étaient précises "
        "et que les dégâts étaient limités à des cibles militaires.</p></body></html>"
    ).encode("latin-1")
    text = decode_html(raw)
    assert "ministère de la Défense a déclaré" in text


def test_short_pasted_snippet_still_gives_its_text():
    article = article_from_html("<p>The army said it took the village.</p><p>Kyiv denied it.</p>")
    assert article.text == "The army said it took the village.\n\nKyiv denied it."


def test_page_without_text_is_refused():
    with pytest.raises(ValidationError) as caught:
        article_from_html("<html><head><title>x</title></head><body><script>var a=1;</script></body></html>")
    assert caught.value.code == "no_text"


def test_email_gives_subject_date_and_body():
    article = article_from_upload(name="release.eml", data=_fixture("release.eml"))
    assert article.title == "Statement on the overnight air defence operation"
    assert article.published_at == datetime(2025, 10, 2, 4, 45, tzinfo=UTC)
    assert article.text.split("\n\n") == [
        "The ministry said air defence units destroyed 24 drones over the region overnight.",
        "A spokesman said there were no casualties among servicemen, according to the statement.",
    ]


def test_html_email_body_is_reduced_to_text():
    data = (
        b"Subject: Update\r\nDate: Thu, 02 Oct 2025 07:45:00 +0000\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b"<html><body><p>The governor said 3 people were hurt.</p><p>No one else was.</p></body></html>"
    )
    article = article_from_upload(name="update.eml", data=data)
    assert article.title == "Update"
    assert article.text == "The governor said 3 people were hurt.\n\nNo one else was."


def test_text_file_in_utf8_is_accepted_and_latin1_is_refused_with_the_reason():
    assert article_from_upload(name="wire.txt", data=_fixture("wire.txt")).text == (
        "The ministry said 12 drones were shot down.\n\nThe claim could not be verified."
    )
    with pytest.raises(ValidationError) as caught:
        article_from_upload(name="wire_latin1.txt", data=_fixture("wire_latin1.txt"))
    assert caught.value.code == "encoding"
    assert "not UTF-8" in caught.value.messages[0]


def test_binary_and_unknown_files_are_refused():
    with pytest.raises(ValidationError) as binary:
        article_from_upload(name="photo.txt", data=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert binary.value.code == "not_text"
    with pytest.raises(ValidationError) as other:
        article_from_upload(name="story.docx", data=b"PK\x03\x04 not really")
    assert other.value.code == "file_type"


def test_tidy_text_collapses_spaces_but_keeps_paragraphs():
    assert tidy_text("  One   line.\r\n\r\n\r\n Two\u00a0 lines.  \n") == "One line.\n\nTwo lines."
