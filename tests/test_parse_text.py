"""Raw-text segmentation on small hand-made pages laid out like the 2024 PDF text, and the contents table."""

from pathlib import Path

import pytest

from rag.corpus.cleaning import vocabulary
from rag.corpus.folders import load_issue
from rag.corpus.layout import with_contents
from rag.corpus.parse_text import parse_text
from rag.corpus.parse_text_blocks import Block, classify, tidy_blocks
from rag.errors import InputError

BODY = "The committee met in March and agreed that managers need support. It will report in June."
STORY_A = (
    " NHS workers face another long wait for their\npay award after the general election halted\n"
    "publication of the review body report.\n\n"
    "Unions said the delay to the pay rise was\nunfair to staff who are already owed money.\n\n"
)
STORY_B = (
    "Bank staff face more discrimination and\nabuse than substantive staff, a survey of\n"
    "bank workers has found this year.\n\n"
    "The bank staff survey covered 26,000\nworkers in trusts across England.\n\n"
)


def _heads(articles):
    return [(a.headline, a.page) for a in articles]


def test_headlines_printed_after_two_stories_go_to_their_own_story():
    page = STORY_A + STORY_B + (
        "Violence & abuse\n\nBank staff face more discrimination and abuse, survey finds\n\n"
        "Agenda for Change\n\nGeneral election delays pay rise for NHS staff\n\n"
        "Ciaran Martin, former head of the\nNational Cyber Security Centre\n"
    )
    arts = parse_text(page, "t")
    assert _heads(arts) == [
        ("General election delays pay rise for NHS staff", 1),
        ("Bank staff face more discrimination and abuse, survey finds", 1),
    ]
    assert arts[1].paragraphs[0].text.startswith("Bank staff face more discrimination and abuse than")
    assert "Ciaran Martin" in arts[1].text  # the photo caption stays text, never a headline
    assert "Violence & abuse" not in arts[0].text + arts[1].text  # kickers are dropped


def test_headline_between_two_bodies_goes_to_the_one_it_names():
    text = (
        " Trusts in two Midlands areas are planning\ncuts to staff numbers as finances bite.\n\n"
        "The Black Country plans to shed 544 jobs\nwhile Nottingham will cut 70 posts.\n\n"
        "Nottingham and Black\nCountry plan job cuts\n\nSingle CSU\nchief appointed\n\n"
        "NHS England has named a single managing\ndirector for the four remaining CSUs, after\n"
        "a review of the support units and their staff.\n\nConsultations with the staff of the four\nunits go on.\n"
    )
    assert _heads(parse_text(text, "t")) == [
        ("Nottingham and Black Country plan job cuts", 1),
        ("Single CSU chief appointed", 1),
    ]


def test_split_headline_fragments_and_drop_caps_are_joined():
    vocab = vocabulary("just reform reform investing invest technology technology " * 3)
    blocks = [Block(["Under", "the"]), Block(["radar"]), Block(["R"]), Block(["eform"]), Block(["ing social care"]),
              Block(["Invest", "ing in tech"]), Block(["nology"]), Block(["standing up to", "discrimination"]),
              Block(["at work: we’ve", "got your", "back"]), Block(["noticeboard"])]
    texts = [(b.text, b.kind) for b in classify(tidy_blocks(blocks, vocab))]
    assert texts == [
        ("Under the radar", "title"), ("Reforming social care", "title"), ("Investing in technology", "title"),
        ("standing up to discrimination at work: we’ve got your back", "title"),
    ]


def test_open_ended_line_is_body_not_headline():
    vocab = vocabulary("")
    blocks = classify(tidy_blocks([Block(["In the March budget, the"]), Block(["Conservative govern-", "ment added funds."])], vocab))
    assert [b.kind for b in blocks] == ["body", "body"]


def test_box_interrupts_article_which_resumes_on_next_page():
    box = "What the experts say\nThe think tank says waiting lists need a plan.\nIt wants more money.  [RM]\n"
    text = (
        " Managers need a government\nthat backs them\n\n" + "Heading into this election, satisfaction with\n"
        "the NHS was at its lowest and staff are tired.\nCulture, flexibility and career progression\n\n" + box
        + " What the experts say\nCare is a failure of policy, says the trust.\nIt wants reform.  [CR]\n\n"
        "R\n\neform\n\ning social care\n\nall play a role here. The next government must help.\n\n"
        "What the experts say\nOne more box on reform.  [CR]\n"
    )
    arts = parse_text(text, "t")
    heads = [a.headline for a in arts]
    assert heads[:3] == ["Managers need a government that backs them", "What the experts say", "Reforming social care"]
    assert "career progression all play a role here." in arts[0].text
    assert [p.page for p in arts[0].paragraphs][-1] == 2


def test_standfirst_printed_after_body_moves_to_front_and_sentence_rejoins():
    text = (
        " Just as plants need soil and water, people\nneed inclusion at work, and in the way\n\n"
        "Reflecting on our assumptions is the first\nstep to inclusive leadership, writes Ann Lee.\n\n"
        "Turning the mirror inwards:\n\nwhy inclusion starts with self\n"
        " we interact with others every day.\n"
    )
    (art,) = parse_text(text, "t")
    assert art.headline == "Turning the mirror inwards: why inclusion starts with self"
    assert art.paragraphs[0].text.startswith("Reflecting on our assumptions")
    assert "in the way we interact with others" in art.text


def test_editorial_and_back_page_adverts():
    text = (
        " It has been a long campaign, and I hope\nyou are well.\n\nSee you soon! //\n\nJo Bloggs, Editor\njo@example.org\n"
        " Care is hard work, she says. “You see people\nat their best and worst,” she adds. //\n\n"
        "You see people at their best\n\n"
        "Thompsons has fought for injured people since\n1921 and will keep doing so for members.\n\n"
        "Thompsons pledge to work only for the injured\nand to refuse work from insurance companies.\n\n"
        "Our pledge to you\n"
    )
    arts = parse_text(text, "t")
    assert arts[0].headline == "Editorial"
    assert arts[1].headline == "You see people at their best" and arts[1].page == 2
    assert (arts[2].headline, arts[2].section, arts[2].page) == ("Our pledge to you", "advert", None)


def test_contents_table_renames_and_splits():
    arts = parse_text(" " + BODY + "\n\nSecond story starts here. It is short.\n", "t")
    assert len(arts) == 1
    out = with_contents(arts, [
        {"headline": "Committee report", "page": 3, "starts_with": "The committee met"},
        {"headline": "Second story", "page": 4, "starts_with": "Second story starts"},
    ], "t")
    assert _heads(out) == [("Committee report", 3), ("Second story", 4)]
    assert out[1].text == "Second story starts here. It is short."
    mid = with_contents(arts, [{"headline": "Later", "starts_with": "It will report"}], "t")
    assert mid[0].text.endswith("need support.") and mid[1].text.startswith("It will report in June.")


@pytest.mark.parametrize("entries,match", [
    ([{"headline": "X", "starts_with": "words that are nowhere"}], r"entry 1 \('X'\): starts_with .* not in the issue's text"),
    ([{"headline": "Y"}], r"entry 1 \('Y'\) matches no article: add starts_with"),
    ([{"page": 2}], "entry 1 has no headline"),
    ([{"headline": "Z", "page": "two"}], "page must be a whole number"),
    ([{"headline": "Z", "start": "x"}], "unknown keys"),
    ({"headline": "Z"}, "array of tables"),
])
def test_contents_table_errors_say_what_to_fix(entries, match):
    arts = parse_text(" " + BODY + "\n", "t")
    with pytest.raises(InputError, match=match):
        with_contents(arts, entries, "t")


def test_contents_table_read_from_issue_toml(tmp_path: Path):
    folder = tmp_path / "2030-spring"
    folder.mkdir()
    (folder / "issue.txt").write_text(" " + BODY + "\n", encoding="utf-8")
    toml = 'title = "T"\nseason = "s"\ndate = "2030-03-01"\nsource = "issue.txt"\n'
    (folder / "issue.toml").write_text(toml + '[[contents]]\nheadline = "Report"\npage = 2\nstarts_with = "The committee"\n')
    _, arts = load_issue(folder)
    assert _heads(arts) == [("Report", 2)]
    (folder / "issue.toml").write_text(toml + '[[contents]]\nheadline = "Report"\nstarts_with = "No such words"\n')
    with pytest.raises(InputError, match="Report"):
        load_issue(folder)


ADVERT_PAGE = (
    " Thompsons has fought for injured people since\n1921 and will keep doing so for members.\n\n"
    "Join the campaign\n\nManagers do a great job in hard times and\ndeserve support from the public. //\n"
    " Managers are vital to the NHS, and we are\nlaunching a campaign to show the public why.\n\n"
    "Sign up today by\nscanning the QR code\n\n"
    "colleague or yourself to be featured in\nthe campaign on social media and in the press.\n\n"
    "CARING FOR NHSour\n\n"
    "Help us\nsee it\n\nthrough!\n"
)


def test_advert_call_to_action_and_masthead_never_reach_an_article():
    from rag.corpus.parse_text import left_out

    arts = parse_text(ADVERT_PAGE, "t")
    text = " ".join(a.headline + "\n" + a.text for a in arts)
    for furniture in ("QR code", "Sign up today", "CARING", "Help us", "through!"):
        assert furniture not in text
    assert "colleague or yourself to be featured" in text and "Join the campaign" in text
    assert left_out(ADVERT_PAGE, "t") == [
        {"kind": "call to action", "page": 2, "text": "Sign up today by scanning the QR code"},
        {"kind": "masthead", "page": 2, "text": "CARING FOR NHSour"},
        {"kind": "call to action", "page": 2, "text": "Help us see it through!"},
    ]


def test_a_headline_that_heads_its_body_is_never_furniture():
    text = (" Help us build a fairer NHS pay system\n\n"
            "The union wants members to respond to the pay review consultation before it closes in\n"
            "September, and has set out the points it will make about grading and fair rewards for staff.\n")
    arts = parse_text(text, "t")
    assert arts[0].headline == "Help us build a fairer NHS pay system"


def test_report_lists_the_text_issues_furniture(tmp_path, monkeypatch, capsys):
    from rag import cli

    folder = tmp_path / "corpus" / "2024-test"
    folder.mkdir(parents=True)
    (folder / "issue.txt").write_text(" " + BODY + "\n" + ADVERT_PAGE)
    (folder / "issue.toml").write_text('title = "T"\nseason = "summer 2024"\ndate = "2024-06-01"\nsource = "issue.txt"\n')
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("RAG_DATA_DIR", str(tmp_path / ".data"))
    monkeypatch.setenv("RAG_EMBEDDER", "hash")
    assert cli.main(["ingest", str(folder), "--dry-run", "--report"]) == 0
    out = capsys.readouterr().out
    assert "left out (call to action): Sign up today by scanning the QR code" in out
    assert "left out (masthead): CARING FOR NHSour" in out and "3 left out" in out


def test_an_email_address_broken_at_its_at_sign_is_joined():
    """A walk saw "k.widlak@ miphealth.org.uk" in a source card: the seed breaks the address after its "@"."""
    from collections import Counter

    from rag.corpus.cleaning import join_lines

    assert join_lines(["contact Katia Widlak:", "k.widlak@", "miphealth.org.uk."], Counter()) == (
        "contact Katia Widlak: k.widlak@miphealth.org.uk.")
    assert join_lines(["write to k.widlak", "@miphealth.org.uk"], Counter()) == "write to k.widlak@miphealth.org.uk"
    assert join_lines(["meet us @", "the conference"], Counter()) == "meet us @ the conference"


def test_the_2024_seed_gives_the_organiser_s_address_whole():
    from rag.corpus.folders import load_issue

    _, articles = load_issue(Path(__file__).resolve().parent.parent / "corpus" / "2024-summer")
    text = " ".join(p.text for a in articles for p in a.paragraphs)
    assert "k.widlak@miphealth.org.uk" in text and "k.widlak@ " not in text


def test_a_paragraph_of_many_lines_is_joined_in_linear_time():
    """A tester's find: a 987 KB text export with no blank lines (12,000 lines, one block) kept `rag ingest` busy
    for over 5 minutes: each line's end-anchored checks searched the whole paragraph joined so far. 20,000 lines
    took minutes before; now a fraction of a second (10 s allows a very busy machine)."""
    import time
    from collections import Counter

    from rag.corpus.cleaning import join_lines

    lines = [f"Managers met on day {i} to discuss the pay award with the union and the employ-" for i in range(20000)]
    lines += ["ers", "write to k.widlak@", "miphealth.org.uk."]
    start = time.perf_counter()
    out = join_lines(lines, Counter())
    assert time.perf_counter() - start < 10
    assert out.endswith("the union and the employers write to k.widlak@miphealth.org.uk.")
