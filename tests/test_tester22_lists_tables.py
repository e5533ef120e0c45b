"""Lists and tables in raw PDF text: the 2024 issue's lists ran on into whatever followed them ("... Reserved seat:
Anne-Marie Pedley Members elected to the HSGE ...", "... is their race Proving Less Favourable Treatment ...", the three
lists of "How to build your case" one run-on paragraph) and its "Evidence of race discrimination" table's rows into each
other ("... a black woman is aggressive Irrational treatment No explanation ..."). A list now ends at its last item, in
one paragraph with its lead-in (quoted answers read it whole), and each table row is a paragraph of its own, its cells
kept apart by a colon."""

from collections import Counter
from pathlib import Path

from rag.corpus.folders import load_issue
from rag.corpus.text_items import paragraphs, row_cells, row_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


class _Block:
    def __init__(self, *lines):
        self.lines = list(lines)


def test_bullet_lines_and_table_rows_are_told_apart_from_body_text():
    got = paragraphs([_Block("Workers must prove two things:", "\t» \tthat they were treated less",
                             "favourably; and", "\t» \tthat the reason is their race"),
                      _Block("Irrational treatment\tNo explanation given for a low score",
                             "Trends in employment\tStatistics showing fewer black workers are promoted")], Counter())
    assert got == [("Workers must prove two things:", "body"),
                   ("- that they were treated less favourably; and", "item"),
                   ("- that the reason is their race", "item"),
                   ("Irrational treatment: No explanation given for a low score", "row"),
                   ("Trends in employment: Statistics showing fewer black workers are promoted", "row")]


def test_a_row_keeps_a_label_ending_in_a_question_and_a_leading_tab_is_no_cell():
    assert row_text(*row_cells("Do you need legal advice?\tDiscuss your next steps")) == \
        "Do you need legal advice? Discuss your next steps"
    assert row_cells("\t\ufffd the date") is None and row_cells("no tab here") is None


def test_a_name_wrapped_out_of_an_item_stays_with_it():
    got = paragraphs([_Block("The candidates elected were:", "\t» Female seat: Julie Marsland",
                             "\t» Reserved seat: Anne-Marie"),
                      _Block("Pedley", "Members elected to the HSGE will begin their term in June.")], Counter())
    assert got[-2:] == [("- Reserved seat: Anne-Marie Pedley", "item"),
                        ("Members elected to the HSGE will begin their term in June.", "body")]


def test_the_2024_issue_lists_end_at_their_last_item_and_the_table_reads_row_by_row():
    _, articles = load_issue(CORPUS / "2024-summer")
    paras = [p.text for a in articles for p in a.paragraphs]
    table = next(a for a in articles if a.headline == "Evidence of race discrimination")
    rows = [p.text for p in table.paragraphs]
    assert "Stereotypical views: For example, comments that a black woman is aggressive" in rows
    assert "Irrational treatment: No explanation given for a low score in an appraisal" in rows
    assert "Trends in employment: Statistics showing fewer black workers are promoted or in senior positions" in rows
    for ends in ("were: - General seat: Adrian O’Malley - Female seat: Julie Marsland - Reserved seat: Anne-Marie Pedley",
                 "discriminatory: - the date - details of what happened - details of any witness",
                 "such as: - your record or diary of events - your statement - comparators - employee policies relevant"
                 " to you - correspondence (letters, emails, texts etc.) - notes of meetings & phone calls",
                 "its managers: - Workforce - Stability - Productivity - Autonomy",
                 "that the reason for the difference in treatment is their race"):
        assert any(p.endswith(ends) for p in paras), ends
    for starts in ("Members elected to the HSGE will begin", "Second, think about how the behaviour compares",
                   "Action on each of these will help", "Proving Less Favourable Treatment",
                   "The committee’s priorities arose"):
        assert any(p.startswith(starts) for p in paras), starts
