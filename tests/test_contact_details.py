"""Contact details named in the indexed text, so "phone number" or "office" questions find them."""

from rag.contact_details import contact_note, with_contact_note
from rag.types import Chunk


def test_each_kind_of_contact_detail_is_named():
    assert contact_note("Call 020 3437 1473 or 0800 0 857 857.") == "Contact details: phone number (telephone) to call."
    assert contact_note("Email MemberAdvice@miphealth.org.uk or k.widlak@ miphealth.org.uk") == (
        "Contact details: email address to write to.")
    assert contact_note("Centenary House, 93-95 Borough High St, London, SE1 1NL") == (
        "Contact details: postal address: where to find or write to them.")
    assert contact_note("020 3437 1473 // info@miphealth.org.uk") == (
        "Contact details: phone number (telephone) to call, email address to write to.")


def test_numbers_that_are_not_telephone_numbers_are_not_named():
    for text in ("Pay rose 3.5% in 2024.", "It cost £0.5 million.", "Band 8a staff got 1,473 pounds.",
                 "NHS 111 took 2,000,000 calls.", "A 2024 report by the PRB 12 times over."):
        assert contact_note(text) == "", text


def test_a_chunk_with_contact_details_is_indexed_with_the_note_and_shown_unchanged():
    chunk = Chunk("", "i", "Issue 68", "2026-06-01", "a", "Masthead", 1, 0, "MiP: 020 3437 1473")
    plain = Chunk("", "i", "Issue 68", "2026-06-01", "a", "Masthead", 1, 0, "MiP is a union.")
    assert "phone number" in chunk.embedding_text() and chunk.text == "MiP: 020 3437 1473"
    assert plain.embedding_text() == "Issue 68 (2026-06-01). Masthead.\nMiP is a union."


def test_a_sentence_is_embedded_with_its_note():
    assert with_contact_note("Email info@miphealth.org.uk") == (
        "Email info@miphealth.org.uk Contact details: email address to write to.")
    assert with_contact_note("Pay rose.") == "Pay rose."
