"""Citation markers, sentence splitting, support checks and refusals."""

import pytest

from rag.answer.citations import (
    NOT_IN_ARCHIVE,
    is_refusal,
    lexical_support,
    parse_markers,
    strip_markers,
    validate,
)
from rag.answer.claim_numbers import numbers_misplaced
from rag.types import Hit


def hit(n: int, text: str, **kw) -> Hit:
    fields = dict(
        rank=n, chunk_id=f"chunk-{n}", score=1.0 / n, text=text, issue="2026-summer-68",
        issue_title="Healthcare Manager issue 68, summer 2026", date="2026-06-01",
        article=f"Headline {n}", article_id=f"art-{n}", page=n + 3, url=f"/issues/68/art-{n}#chunk-{n}",
        publisher_url=f"https://publisher.example/68/{n}",
    )
    fields.update(kw)
    return Hit(**fields)


PASSAGES = [
    hit(1, "Board-level managers received a pay rise of 2.8% in 2024, backdated to April."),
    hit(2, "Agenda for Change staff were offered 5.5% after talks with unions."),
    hit(3, "MiP opened a new office in Leeds to support members in the north of England."),
    hit(4, "The union's conference voted to oppose the closure of integrated care boards."),
]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Pay rose [1].", [1]),
        ("Pay rose [1, 2].", [1, 2]),
        ("Pay rose [1][2] and fell [2].", [1, 2]),
        ("Pay rose [1-3].", [1, 2, 3]),
        ("Pay rose [2\u20134].", [2, 3, 4]),
        ("See [the report](http://x.example) and [1](http://y.example) but [3].", [3]),
        ("Per [Passage 2] and [source 4].", [4 - 2, 4]),
        ("No markers at all, not even [a].", []),
    ],
)
def test_parse_markers(text, expected):
    assert parse_markers(text) == expected


def test_out_of_range_marker_is_removed_and_yields_no_citation():
    text, cites = validate("Board-level managers received 2.8% in 2024 [9].", PASSAGES, add_threshold=None)
    assert "[9]" not in text
    assert text == "Board-level managers received 2.8% in 2024."
    assert cites == []


def test_out_of_range_marker_beside_a_valid_one_keeps_the_valid_one():
    text, cites = validate("Board-level managers received 2.8% in 2024 [1][9].", PASSAGES)
    assert text == "Board-level managers received 2.8% in 2024 [1]."
    assert [c.n for c in cites] == [1]


def test_range_expands_and_only_supporting_passages_stay():
    text, cites = validate("Board-level managers received a 2.8% pay rise in 2024 [1-3].", PASSAGES)
    assert [c.n for c in cites] == [1]
    assert text.endswith("[1].")


def test_unsupported_citation_is_dropped():
    text, cites = validate(
        "Board-level managers received a 2.8% rise in 2024 [1]. Nurses in Wales were given free cars [3].",
        PASSAGES,
    )
    assert text == "Board-level managers received a 2.8% rise in 2024 [1]. Nurses in Wales were given free cars."
    assert [c.n for c in cites] == [1]


def test_flag_mode_keeps_unsupported_marker_and_marks_it():
    text, cites = validate("Nurses in Wales were given free cars [3].", PASSAGES, unsupported="flag")
    assert "[3]" in text
    assert [(c.n, c.supported) for c in cites] == [(3, False)]


def test_wrong_number_is_not_supported_even_if_words_match():
    assert lexical_support("Board-level managers received 9.9% in 2024", PASSAGES[0].text) < 1.0
    _, cites = validate("Board-level managers received 9.9% in 2024 [1].", PASSAGES)
    assert cites == []


def test_semantic_support_rescues_a_paraphrase_but_not_a_wrong_number():
    paraphrase = "Senior executives saw their salaries go up [1]."
    assert validate(paraphrase, PASSAGES)[1] == []
    text, cites = validate(paraphrase, PASSAGES, support=lambda s, p: 0.9 if "pay rise" in p else 0.1)
    assert [c.n for c in cites] == [1] and text == paraphrase
    _, cites = validate("Senior executives got 7% [1].", PASSAGES, support=lambda s, p: 0.9)
    assert cites == []


def test_multi_cited_sentence_keeps_each_contributing_passage():
    text, cites = validate(
        "Board-level managers received 2.8% in 2024 while Agenda for Change staff were offered 5.5% [1][2].",
        PASSAGES,
    )
    assert [c.n for c in cites] == [1, 2]
    assert text.endswith("[1][2].")


def test_uncited_but_well_supported_sentence_gets_its_marker():
    text, cites = validate("MiP opened a new office in Leeds to support members.", PASSAGES)
    assert text == "MiP opened a new office in Leeds to support members [3]."
    assert [c.n for c in cites] == [3]
    text, cites = validate("MiP opened a new office in Leeds to support members.", PASSAGES, add_threshold=None)
    assert cites == []


def test_citations_come_from_hit_metadata_in_first_use_order():
    answer = "MiP opened an office in Leeds [3]. Agenda for Change staff were offered 5.5% [2][3]. [see](http://evil.example)"
    text, cites = validate(answer, PASSAGES)
    assert "evil" not in text and "http" not in text
    assert [c.n for c in cites] == [3, 2]
    c = cites[1]
    h = PASSAGES[1]
    assert (c.chunk_id, c.url, c.publisher_url, c.page, c.article, c.date, c.text) == (
        h.chunk_id, h.url, h.publisher_url, h.page, h.article, h.date, h.text,
    )


def test_a_month_no_cited_passage_states_is_not_supported():
    """A walk's local model wrote "The Health Bill will become law on July 2026 [1]." from a passage naming no month."""
    bill = [hit(1, "Over a year after its contents were announced, the Health Bill is finally making its way "
                   "through parliament and will become law after its passage.")]
    assert validate("The Health Bill will become law on July 2026 [1].", bill, support=lambda s, p: 0.9)[1] == []
    # the passage's header dates it 2026-06-01: its month is stated
    _, cites = validate("In June 2026 the Health Bill was making its way through parliament [1].", bill)
    assert [c.n for c in cites] == [1]
    # "may" is the verb more often than the month
    _, cites = validate("The Health Bill may become law after its passage through parliament [1].", bill)
    assert [c.n for c in cites] == [1]


def test_date_in_passage_header_supports_a_latest_answer():
    text, cites = validate("The newest issue, dated 2026-06-01, reports a 2.8% rise [1].", PASSAGES)
    assert [c.n for c in cites] == [1]


def test_refusal_keeps_no_citations():
    text, cites = validate(f"{NOT_IN_ARCHIVE} [1]", PASSAGES)
    assert text == NOT_IN_ARCHIVE and cites == []


@pytest.mark.parametrize(
    "text",
    [
        NOT_IN_ARCHIVE,
        "The archive does not cover this question.",
        "I don't know.",
        "The passages do not say what the 2030 pay award is.",
        "This is not covered by the passages provided [2].",
        "I\u2019m sorry, I cannot answer that from these passages.",
    ],
)
def test_is_refusal_recognises_variants(text):
    assert is_refusal(text)


@pytest.mark.parametrize(
    "text",
    [
        "Board-level managers received 2.8% [1].",
        "Pay rose 2.8% [1]. It was backdated to April [1]. The passages do not mention bonuses.",
        "",
    ],
)
def test_is_refusal_rejects_answers(text):
    assert not is_refusal(text)


def test_strip_markers():
    assert strip_markers("Pay rose [1][2] to 3% [3-4].") == "Pay rose to 3%."


@pytest.mark.parametrize("sep", [" ", "\n", "\n\n"])
def test_trailing_markers_attach_to_the_sentence_before(sep):
    text, cites = validate(f"MiP opened a new office in Leeds.{sep}[3]", PASSAGES, add_threshold=None)
    assert text == "MiP opened a new office in Leeds [3]." and [c.n for c in cites] == [3]


def test_leftover_fragment_after_link_removal_is_dropped():
    text, _ = validate("MiP opened a new office in Leeds [3]. See http://evil.example [9].", PASSAGES)
    assert text == "MiP opened a new office in Leeds [3]."


def test_a_sentence_written_twice_is_kept_once():
    text, cites = validate("21,000 jobs are planned by 2028 [1]. 21,000 jobs are planned by 2028 [1].",
                           [hit(1, "Trusts plan to cut 21,000 jobs by 2028, UNISON says.")])
    assert text == "21,000 jobs are planned by 2028 [1]." and [c.n for c in cites] == [1]


@pytest.mark.parametrize("said", ["The target was 30 minutes, as mentioned in [1].",
                                  "The target was 30 minutes, according to [1].",
                                  "The target was 30 minutes as stated in [1]."])
def test_words_that_pointed_at_a_marker_do_not_dangle(said):
    text, _ = validate(said, [hit(1, "LAS narrowly missed the 30-minute target for category 2 responses.")])
    assert text == "The target was 30 minutes [1]."


def test_a_quotation_given_its_marker_as_its_source_does_not_dangle():
    # a walk: 'Prince Obike said "racism continues to go unchallenged" in [1].' read as cut off
    obike = hit(1, "Prince Obike said racism continues to go unchallenged in many NHS workplaces.")
    text, _ = validate('Prince Obike said "racism continues to go unchallenged" in [1].', [obike])
    assert text == 'Prince Obike said "racism continues to go unchallenged" [1].'
    text, _ = validate("The cuts are kicking in [1].", [hit(1, "The cuts are kicking in across the NHS.")])
    assert text == "The cuts are kicking in [1]."


def test_a_sentence_that_names_its_source_keeps_its_words():
    text, _ = validate("Flexible working is covered in [1].", [hit(1, "Flexible working is covered in this guide.")])
    assert text == "Flexible working is covered in [1]."


@pytest.mark.parametrize("unfinished", ["The outcome of the case was [1].", "The reps profiled are the [1].",
                                        "The article profiles MiP reps,, and [1][2]."])
def test_a_sentence_the_model_left_unfinished_is_dropped(unfinished):
    passages = [hit(1, "The tribunal found for her and awarded £20,000."), hit(2, "Reps are profiled.")]
    text, cites = validate(f"{unfinished} The tribunal found for her [1].", passages)
    assert text == "The tribunal found for her [1]."
    assert [c.n for c in cites] == [1]


def test_a_lead_in_to_a_list_the_model_writes_below_it_is_kept():
    passages = [hit(1, "Your employer must deal with your request in a reasonable manner and consult you.")]
    text, _ = validate("Your employer must: [1]\n\n- deal with your request in a reasonable manner [1]", passages)
    assert text.startswith("Your employer must:")


@pytest.mark.parametrize("word, base", [("cutting", "cut"), ("planned", "plan"), ("stopped", "stop"),
                                        ("falling", "fall"), ("added", "add"), ("dressed", "dress"), ("cuts", "cut")])
def test_a_verb_form_stems_to_its_base(word, base):
    from rag.answer.citations import stem
    assert stem(word) == stem(base) == base


def test_for_a_question_asking_a_name_the_name_must_be_in_the_cited_passage():
    calendar = hit(1, "New parliament meets after general election 17 July 2024.")
    interview = hit(2, "Dr Phil Hammond, comedian and doctor, on the eve of the general election.")
    claim = "Dr Phil Hammond won the 2024 general election [1]."
    asked = "who won the 2024 general election?"
    assert validate(claim, [calendar, interview])[1]  # the year and "general election" carry it by word overlap
    text, cites = validate(claim, [calendar, interview], question=asked, names=True)
    assert cites == [] and "[" not in text  # and no other passage is guessed for it
    kept, cites = validate("Phil Hammond is a comedian [2].", [calendar, interview], question="Who is a comedian?",
                           names=True)
    assert [c.n for c in cites] == [2]


@pytest.mark.parametrize("claim, passage, question, missing", [
    ("Jon Restell said so.", "MiP's chief executive, Restell, said", "", []),  # a surname is enough
    ("The London Ambulance Service missed it.", "the London Ambulance Service", "", []),
    ("However, it was delayed.", "delayed", "", []),  # one capitalised word opening a sentence is no name
    ("Peter Senge's book says so.", "the thinker Peter Senge wrote", "", []),  # a possessive
    ("He founded IKIP.", "the Intelligent Kindness Party\u2014IKIP, he says", "", []),  # a dash between words
    ("He stood against Jacob Rees-Mogg.", "standing against Tory MP Jacob Rees-Mogg", "", []),
    ("Dr Ann Lee chairs it.", "Dr Bob Jones chairs the board", "Who chairs it?", ["Dr Ann Lee"]),
    ("Geoff Underwood chairs it.", "the chair", "Does Geoff Underwood chair it?", []),  # the question's own name
])
def test_names_missing(claim, passage, question, missing):
    from rag.answer.claim_support import names_missing
    assert names_missing(claim, passage, question) == missing


@pytest.mark.parametrize("answer, cleaned", [
    ("The passage from [1] states that managers got a 3% pay rise.",
     "The article states that managers got a 3% pay rise [1]."),
    ("According to [1], managers got a 3% pay rise.", "Managers got a 3% pay rise [1]."),
    ("Managers got a 3% pay rise, as the passage in [1] says.", "Managers got a 3% pay rise, as the article says [1]."),
])
def test_a_marker_used_as_a_word_leaves_no_hole(answer, cleaned):
    """A walk: "The passage from states that improving pay will be a challenge"."""
    passage = hit(1, "Managers got a 3% pay rise this year, the article states.")
    assert validate(answer, [passage])[0] == cleaned


def test_a_name_cited_to_the_wrong_passage_of_its_article_goes_to_the_one_that_holds_it():
    """The prompt labels an article once: the model cited its first passage for a fact of its second (held out: "The
    Intelligent Kindness Party (IKIP) was set up by Dr Phil Hammond [1]", IKIP in the article's next passage)."""
    first = hit(1, "Dr Phil Hammond once set up a party, and now a manifesto to rescue the NHS.", article_id="hammond")
    second = hit(2, "Hammond set up the Intelligent Kindness Party (IKIP) to stand against Jacob Rees-Mogg.",
                 article_id="hammond")
    other = hit(3, "The Intelligent Kindness Party was mentioned on Countdown.", article_id="countdown")
    claim = "The Intelligent Kindness Party (IKIP) was set up by Dr Phil Hammond [1]."
    text, cites = validate(claim, [first, second, other], question="What party did Phil Hammond set up?",
                           names=True)
    assert [c.n for c in cites] == [2] and text.endswith("[2].")


def test_a_lead_in_to_a_list_never_written_is_no_answer():
    """A walk: the whole answer to "any tips for managing autistic people?" was "Managing the environment rather than
    trying to fix the person: [3]"."""
    passage = hit(1, "Managing the environment rather than trying to fix the person: clear instructions, quiet rooms.")
    assert validate("Managing the environment rather than trying to fix the person: [1]", [passage]) == ("", [])
    text, _ = validate("Give clear instructions [1]. The toolkit says: [1]", [passage])
    assert text == "Give clear instructions [1]."
    listed, _ = validate("The toolkit says:\n\n- clear instructions [1]", [passage])
    assert listed.endswith("clear instructions [1]")  # a lead-in with its list stays


def test_a_claim_that_only_restates_the_question_must_be_said_in_one_place():
    """A walk: "did MiP welcome the new NHS bill?" got "Yes, MiP welcomed the new NHS bill [1]" from an article
    headed "this bill isn't what the NHS needs": every word of the claim was the question's, so any passage on the
    bill matched it."""
    bill = hit(1, "Centralising, costly and distracting: this bill isn't what the NHS needs. MiP said the new bill "
                  "was rushed through.")
    text, cites = validate("Yes, MiP welcomed the new NHS bill [1].", [bill], add_threshold=0.5,
                           question="did MiP welcome the new NHS bill?")
    assert cites == [] and "[" not in text
    assert validate("Yes, MiP welcomed the new NHS bill [1].", [bill])[1]  # word overlap alone keeps it
    rights = hit(2, "Employers must respond to a request within two months, and can refuse only for a business reason.")
    kept, cites = validate("Yes, employers must respond within two months [1].", [rights],
                           question="must employers respond within two months?")
    assert [c.n for c in cites] == [1]  # one sentence says it
    added, cites = validate("Employers must respond within two months, and can refuse for a business reason [1].",
                            [rights], question="must employers respond within two months?")
    assert [c.n for c in cites] == [1]  # a claim bringing what the question did not ask is checked as before


def test_an_uncited_restatement_is_given_no_passage_that_does_not_say_it():
    bill = hit(1, "Centralising, costly and distracting: this bill isn't what the NHS needs. MiP said the new bill "
                  "was rushed through.")
    text, cites = validate("Yes, MiP welcomed the new NHS bill.", [bill], add_threshold=0.5,
                           question="did MiP welcome the new NHS bill?")
    assert cites == []
    assert validate("Yes, MiP welcomed the new NHS bill.", [bill], add_threshold=0.5)[1]  # as it was given before


def test_a_restatement_of_a_wider_group_than_its_passage_names_is_not_backed():
    """Walk 30: "did managers get a pay rise in 2026?" was answered "Yes, managers got a pay rise in 2026 [1]", [1]
    saying only board-level managers got 3%, lower than most other NHS staff."""
    pay = hit(1, "Board-level managers in England are set for a 3% pay rise for 2026-27, lower than most other NHS "
                 "staff.")
    text, cites = validate("Yes, managers got a pay rise in 2026 [1].", [pay], question="did managers get a pay rise "
                           "in 2026?")
    assert cites == [] and "[" not in text
    _, cites = validate("Yes, board-level managers got a pay rise in 2026 [1].", [pay],
                        question="did board-level managers get a pay rise in 2026?")
    assert [c.n for c in cites] == [1]  # the group the passage names
    both = hit(2, "Board-level managers got 3%. Managers on Agenda for Change got a pay rise in 2026 too.")
    _, cites = validate("Yes, managers got a pay rise in 2026 [1].", [both], question="did managers get a pay rise "
                        "in 2026?")
    assert [c.n for c in cites] == [1]  # said of managers without the compound too


def test_a_figure_said_of_a_narrower_group_does_not_back_it_of_a_wider_one():
    """Walk 31: "whats the going rate for a pay rise for nhs managers right now" was answered "The going rate for a pay
    rise for NHS managers right now is 3% [1]", [1] giving the 3% to board-level managers only."""
    pay = hit(1, "Board-level managers in England are set for a 3% pay rise for 2026-27\u2014lower than most other NHS "
                 "staff\u2014despite evidence that pay levels for senior managers have fallen sharply.")
    question = "whats the going rate for a pay rise for nhs managers right now"
    text, cites = validate("The going rate for a pay rise for NHS managers right now is 3% [1].", [pay],
                           question=question)
    assert cites == [] and "[" not in text
    _, cites = validate("Board-level managers in England get a 3% pay rise for 2026-27 [1].", [pay], question=question)
    assert [c.n for c in cites] == [1]


VSM_PAY = ("Board-level managers in England are set for a 3% pay rise for 2026-27, lower than most other NHS staff. "
           "The 3% award is higher than the 2.5% offered last year but below the 3.3% paid to NHS staff on Agenda for "
           "Change.")


@pytest.mark.parametrize("claim, misplaced", [
    ("Agenda for Change staff will get a 3% pay rise in 2026-27.", True),  # the VSM figure given to AfC (a walk)
    ("NHS staff on Agenda for Change got 2.5%.", True),
    ("Agenda for Change staff get 3.3% in 2026-27.", False),
    ("Board-level managers will get a 3% pay rise.", False),
    ("NHS managers face a 3% rise.", False),  # NHS stands by 3% in the first sentence
    ("The 3% award is higher than the 2.5% offered last year.", False),
    ("The current Agenda for Change award is 3%, higher than 2.5% but below the 3.3% paid to NHS staff.", True),
])
def test_a_number_stated_of_another_named_subject_is_misplaced(claim, misplaced):
    from rag.answer.claim_numbers import numbers_misplaced

    assert numbers_misplaced(claim, VSM_PAY) is misplaced


def test_an_elliptical_sentence_backs_each_of_its_numbers():
    from rag.answer.claim_numbers import numbers_misplaced

    passage = "NHS England employs around 15,000 staff and the DHSC around 3,000."
    assert not numbers_misplaced("The DHSC employs around 3,000 staff.", passage)
    assert not numbers_misplaced("NHS England employs around 15,000 staff.", passage)


def test_a_misplaced_number_loses_its_citation_and_no_other_passage_is_given_it():
    answer = "Agenda for Change staff will get a 3% pay rise in 2026-27 [1]."
    text, cites = validate(answer, [hit(1, VSM_PAY)], support=lambda s, p: 0.95)
    assert cites == [] and "[1]" not in text
    text, cites = validate("Agenda for Change staff get 3.3% in 2026-27 [1].", [hit(1, VSM_PAY)])
    assert [c.n for c in cites] == [1]


def test_words_given_to_another_speaker_lose_their_citation():
    passages = [hit(1, "Jon Restell, MiP chief executive, said the cuts were a false economy."),
                hit(2, "Health secretary Helen Murray said the service must change.", article_id="art-other")]
    _, cites = validate("Helen Murray said the cuts were a false economy [1].", passages)
    assert cites == []  # not a name question: the speaker is checked because the claim says who said it
    _, cites = validate("Jon Restell said the cuts were a false economy [1].", passages)
    assert [c.n for c in cites] == [1]
    _, cites = validate("MiP's chief executive said the cuts were a false economy [1].", passages)
    assert [c.n for c in cites] == [1]


def test_words_given_to_someone_the_passage_names_elsewhere_lose_their_citation():
    """A walk's "Atkins said that management cuts were a "false economy" [1]": the words were Jon Restell's, and the
    passage named Atkins in another sentence, so every name check passed."""
    passage = ("Victoria Atkins unveiled a plan to axe managers' jobs to fund community services. MiP chief executive "
               "Jon Restell said management cuts were a \u201cfalse economy\u201d because managers were \u201ccentral\u201d "
               "to delivering the plan. \u201cIt is reckless,\u201d he added.")
    question = "what did atkins say about cutting managers"
    claim = "Atkins said that management cuts were a \"false economy\" because managers were central to the plan [1]."
    _, cites = validate(claim, [hit(1, passage)], question=question)
    assert cites == []
    for held in ("Jon Restell said that management cuts were a false economy because managers were central [1].",
                 "Atkins said she would axe managers' jobs to fund community services [1].",
                 "Restell added that it is reckless to cut managers [1]."):  # "he added": no one else named there
        _, cites = validate(held, [hit(1, passage)], question=question)
        assert [c.n for c in cites] == [1], held


def test_words_a_pronoun_gives_to_someone_named_before_are_not_given_to_one_named_after():
    """A walk's "Jon Restell said that the health bill is part of his reforms to the NHS to make it faster, simpler and
    fairer [4]": the passage's "She added: "This is part of my reforms ..."" is Victoria Atkins's, and Restell is named
    only after it."""
    passage = ("She said a Conservative government would expand Pharmacy First. She added: \u201cThis is part of my "
               "reforms to the NHS to make it faster, simpler and fairer.\u201d Responding to the proposals, MiP chief "
               "executive Jon Restell said the plan was paper-thin.")
    question = "what did jon restell say about the health bill"
    claim = "Jon Restell said that the bill is part of his reforms to make the NHS faster, simpler and fairer [1]."
    assert validate(claim, [hit(1, passage, article="Atkins unveils plan to axe managers' jobs")],
                    question=question)[1] == []
    # named before the pronoun, the speaker is the one it points to; and what Restell said stays his
    before = "Jon Restell spoke to members. " + passage.replace("Responding to the proposals, MiP chief executive Jon "
                                                                 "Restell said", "Others said")
    assert [c.n for c in validate(claim, [hit(1, before)], question=question)[1]] == [1]
    held = "Jon Restell said the plan was paper-thin [1]."
    assert [c.n for c in validate(held, [hit(1, passage)], question=question)[1]] == [1]


def test_a_headline_or_subheading_copied_as_a_claim_is_no_answer():
    """A walk: "what are my flexible working rights" was answered "Flexible working rights [1]", a subheading."""
    passage = hit(1, "Flexible working rights\n\nAll employees have the right to request flexible working from day "
                     "one.", article="Flexible and hybrid working: what are your rights?")
    question = "what are my flexible working rights"
    text, cites = validate("Flexible working rights [1]. All employees can request flexible working from day one [1].",
                           [passage], question=question)
    assert text == "All employees can request flexible working from day one [1]." and [c.n for c in cites] == [1]
    assert validate("Flexible working rights [1].", [passage], question=question)[1] == []
    # a question asking for a title gets it
    _, cites = validate("Flexible working rights [1].", [passage], question="what was the name of its first section?",
                        names=True)
    assert [c.n for c in cites] == [1]


def test_each_number_of_a_claim_is_read_in_its_own_clause():
    from rag.answer.claim_numbers import numbers_misplaced

    passage = "Jon Restell got 3% while Helen Murray got 5%."
    assert not numbers_misplaced("Helen Murray got 5%, while Jon Restell got 3%.", passage)
    assert numbers_misplaced("Helen Murray got 3%, while Jon Restell got 5%.", passage)


def test_a_number_word_in_a_name_states_no_number():
    from rag.answer.claim_support import numbers_missing

    passage = "Trusts are preparing to implement the government's Ten Year Health Plan."
    assert numbers_missing("The government has been unable to hire directors for over 10 years.", passage)
    assert not numbers_missing("Ten trusts replied to the survey.", passage + " Ten trusts replied.")
    assert not numbers_missing("The report says trusts are preparing for the Ten Year Health Plan.", passage)


def test_a_sentence_saying_again_what_the_answer_said_is_left_out():
    passages = [hit(1, "The SSRB report highlighted the long-term decline in senior manager pay. It reported that "
                       "salaries for trust chief executives have fallen by 13% in real terms in the last five years.")]
    answer = ("The SSRB report highlighted the long-term decline in senior manager pay [1]. It reported that salaries "
              "for trust chief executives have fallen by 13% in real terms in the last five years [1].\n\n"
              "The SSRB report also highlighted the long-term decline in senior manager pay [1].\n\n"
              "It reported that salaries for trust chief executives have fallen by 13% in real terms [1]")
    text, cites = validate(answer, passages)
    assert text.count("long-term decline") == 1 and text.count("13%") == 1, text
    assert [c.n for c in cites] == [1]


def test_a_claim_giving_the_question_s_person_s_deeds_to_another_name_loses_its_citation():
    passage = hit(1, "As a former chief paramedic in London, John Martin, chief executive of the South Western "
                     "Ambulance Service, has shown that being a CPO can be the route to the top job. Killens's own "
                     "path included working as an emergency medical technician in London before moving into "
                     "operational management.")
    question = "Where did Jason Killens work before London Ambulance?"
    swapped = "John Martin worked as an emergency medical technician in London before moving into management [1]."
    assert validate(swapped, [passage], question=question, names=True)[1] == []
    right = "Jason Killens worked as an emergency medical technician in London before moving into management [1]."
    assert [c.n for c in validate(right, [passage], question=question, names=True)[1]] == [1]
    about_martin = "John Martin, a former chief paramedic in London, has shown that a CPO can reach the top job [1]."
    assert [c.n for c in validate(about_martin, [passage], question=question, names=True)[1]] == [1]


def test_a_refusal_sentence_inside_an_answer_is_left_out():
    """The local model ended a right answer with "The archive does not cover this [1].", cited."""
    answer = ("Board-level managers received a pay rise of 2.8% in 2024 [1]. "
              "The archive does not cover this [1].")
    text, cites = validate(answer, PASSAGES)
    assert "does not cover" not in text and "2.8%" in text and [c.n for c in cites] == [1]
    assert is_refusal(validate("The archive does not cover this.", PASSAGES)[0])


def test_a_long_sentence_that_says_what_the_passages_do_not_is_kept():
    answer = ("The passages do not say when it will be paid, but board-level managers received a pay rise of 2.8% in "
              "2024 [1].")
    assert "2.8%" in validate(answer, PASSAGES)[0]


WOOLNOUGH = hit(1, "Further job losses would also be likely at England's 42 ICBs, which are already cutting staff as a "
                   "result of a 30% government cut in admin budgets. Sarah Woolnough, chief executive of the King's "
                   "Fund, said that while the pledge to invest in community services was a \u201cwelcome direction "
                   "of travel\u201d, it came with \u201ca considerable sting in tail\u201d.")


def test_the_reporter_s_words_given_to_the_person_quoted_next_lose_their_citation():
    question = "who said that?"
    narration = ("Sarah Woolnough, chief executive of the King's Fund, said that further job losses would also be "
                 "likely at England's 42 ICBs, which are already cutting staff [1].")
    assert validate(narration, [WOOLNOUGH], question=question)[1] == []
    quoted = ("Sarah Woolnough said that while the pledge to invest in community services was a welcome direction "
              "of travel, it came with a considerable sting in tail [1].")
    assert [c.n for c in validate(quoted, [WOOLNOUGH], question=question)[1]] == [1]
    unison = hit(1, "Research published by UNISON suggests NHS trusts are planning to cut at least 21,000 jobs.")
    reported = "According to UNISON, NHS trusts are planning to cut at least 21,000 jobs [1]."
    assert [c.n for c in validate(reported, [unison], question="how many jobs will trusts cut?")[1]] == [1]


def test_who_said_it_is_held_to_the_passage_even_when_the_question_names_them():
    """A walk filtered to 2024 asked what James Murray (named only in 2026) said about money; the model gave him the
    chancellor's claim, and the marker had stood because the question names him."""
    passage = hit(1, "The Conservatives point to the £3.4 billion of new investment announced in the March budget, "
                     "which the chancellor claimed would modernise all the outdated IT systems in the NHS.")
    question = "What did the new health secretary James Murray say about extra money for the NHS?"
    claim = ("The new health secretary James Murray said that the Conservatives announced £3.4 billion of new "
             "investment in the March budget, which would modernise the outdated IT systems in the NHS [1].")
    cleaned, cites = validate(claim, [passage], question=question)
    assert cites == [] and "[1]" not in cleaned
    named = passage.text.replace("the chancellor claimed", "James Murray said it")
    cleaned, cites = validate(claim, [hit(1, named)], question=question)
    assert [c.n for c in cites] == [1]


def test_a_claim_the_passage_says_only_under_a_hedge_is_not_backed():
    """A walk asked how big a ransom was paid after an attack and got "The ransom was paid [2]." from "... until a
    ransom is paid" and "policy rules out the payment of ransoms": the archive never says one was paid."""
    passage = hit(1, "The hackers lock up computer systems and stop them from working until a ransom is paid. "
                     "UK government policy rules out the payment of ransoms.")
    question = "How big a ransom was paid after the pathology cyberattack?"
    _, cites = validate("The ransom was paid [1].", [passage], question=question)
    assert cites == []
    _, cites = validate("The ransom was paid [1].", [hit(1, "Within a week the ransom was paid in bitcoin.")],
                        question=question)
    assert [c.n for c in cites] == [1]


def test_a_number_put_with_a_year_the_passage_gives_another_number_is_misplaced():
    """A walk's follow-up got "a response time target of 25 minutes by 2028-29 [3]": the passage aims for 25 minutes
    this year and 18 minutes by 2028-29."""
    passage = ("The service will be aiming for 25 minutes this year. That reduces to 21 next year, with a final "
               "target of 18 minutes by 2028-29.")
    assert numbers_misplaced("The service has a response time target of 25 minutes by 2028-29.", passage)
    assert not numbers_misplaced("The service has a final target of 18 minutes by 2028-29.", passage)
    assert not numbers_misplaced("Trusts plan to cut at least 21,000 jobs by 2028.",
                                 "UNISON suggests trusts are planning to cut at least 21,000 jobs by 2028.")
    # an issue's date in a dated lead-in states no amount
    assert not numbers_misplaced("As of issue 68 (2026-06-01): the pay rise is 3% for 2026-27.",
                                 "Board-level managers are set for a 3% pay rise for 2026-27, below the 3.3% for "
                                 "Agenda for Change staff in 2026.")


def test_the_questions_person_given_another_persons_sentence_loses_the_citation():
    """A fresh clone's "Who is Helga Pile?" was answered "Helga Pile is an employment law specialist at Thompsons,
    MiP's legal advisers [2]." from "Jo Seery is an employment law specialist at Thompsons, MiP's legal advisers."."""
    passage = hit(1, "So don't hesitate to get in touch. Jo Seery is an employment law specialist at Thompsons, "
                     "MiP's legal advisers. Helen Carr is head of operations at MiP.")
    claim = "Helga Pile is an employment law specialist at Thompsons, MiP's legal advisers [1]."
    _, cites = validate(claim, [passage], question="Who is Helga Pile?", names=True)
    assert cites == []
    _, cites = validate(claim.replace("Helga Pile", "Jo Seery"), [passage], question="Who is Jo Seery?", names=True)
    assert [c.n for c in cites] == [1]


def test_a_marker_opening_a_sentence_as_its_subject_stays_with_that_sentence():
    """The local model (a walk): "... challenges. [2] emphasizes ..." was split with [2] closing the sentence before,
    and shown as "... challenges. emphasizes the importance of ...", its subject gone."""
    text = ("Start by understanding their needs. [1] says board-level managers received a pay rise of 2.8% in 2024. "
            "[2] says Agenda for Change staff were offered 5.5% after talks.")
    cleaned, cites = validate(text, PASSAGES)
    assert "The article says board-level managers received a pay rise of 2.8% in 2024 [1]." in cleaned
    assert "The article says Agenda for Change staff were offered 5.5% after talks [2]." in cleaned
    assert [c.n for c in cites] == [1, 2]



def test_a_marker_opening_the_answer_or_a_paragraph_as_its_subject_is_read_as_the_article():
    """The local model (session 27): "[1] states that ESMs at the top of their pay bands ..." was shown as "states that
    ESMs ...", its subject gone: only a marker after a sentence's end was read so."""
    cleaned, _ = validate("[1] says board-level managers received a pay rise of 2.8% in 2024.", PASSAGES)
    assert cleaned == "The article says board-level managers received a pay rise of 2.8% in 2024 [1]."
    cleaned, _ = validate("Pay rose in 2024 [1].\n\n[2] says Agenda for Change staff were offered 5.5% after talks.",
                          PASSAGES)
    assert cleaned.endswith("\n\nThe article says Agenda for Change staff were offered 5.5% after talks [2].")


def test_the_prompts_newest_issue_line_repeated_as_an_answer_is_dropped():
    # a walk's "who do I talk to if I want to become a rep?" got only "The newest issue in the archive is ... [1]."
    sent = [hit(1, "If you're interested in becoming an MiP rep, contact MiP's organiser.",
                issue_title="Healthcare Manager issue 68, summer 2026", date="2026-06-01")]
    text, cites = validate("The newest issue in the archive is Healthcare Manager issue 68, summer 2026 (2026-06-01) "
                           "[1]. Contact MiP's organiser [1].", sent)
    assert text == "Contact MiP's organiser [1]." and [c.n for c in cites] == [1]
    alone, cites = validate("The latest issue is Healthcare Manager issue 68, summer 2026 [1].", sent)
    assert alone == "" and cites == []
    # saying which issue reported something is an answer
    kept, _ = validate("It was reported in Healthcare Manager issue 68, summer 2026 [1].", sent)
    assert kept == "It was reported in Healthcare Manager issue 68, summer 2026 [1]."


def test_an_answer_to_why_needs_a_passage_saying_what_it_takes_as_given():
    # a walk's false premise: "Why did MiP go on strike over the NHS England cuts?" got "MiP went on strike over the
    # NHS England cuts because they felt stressed and betrayed [3]": no passage says MiP went on strike
    sent = [hit(1, "MiP members describe feeling stressed and betrayed by the NHS England cuts."),
            hit(2, "NHS workers face another long wait for their 2024 pay award after the general election halted "
                   "publication of the already-delayed report.")]
    df = {"strike": 1, "mip": 99, "nhs": 167, "england": 57, "cut": 26, "went": 5, "delay": 8, "2024": 9,
          "award": 16, "pay": 42}
    claim = "MiP went on strike over the NHS England cuts because they felt stressed and betrayed [1]."
    question = "Why did MiP go on strike over the NHS England cuts?"
    text, cites = validate(claim, sent, question=question, rarity=df, add_threshold=0.5)
    assert cites == [] and "[1]" not in text
    assert validate(claim, sent, question=question, rarity={}, add_threshold=0.5)[1] == []  # never used: held too
    assert [c.n for c in validate(claim, sent, question=question, add_threshold=0.5)[1]] == [1]  # (unchecked)
    true, cites = validate("The 2024 NHS pay award was delayed again because the general election halted "
                           "publication of the report [2].", sent, question="why was the 2024 NHS pay award delayed "
                           "again?", rarity=df, add_threshold=0.5)
    assert [c.n for c in cites] == [2]
    # not a "why" question, or no reason given: nothing taken as given
    assert [c.n for c in validate(claim, sent, question="What did MiP members say about the cuts?", rarity=df,
                                  add_threshold=0.5)[1]] == [1]


def test_a_number_is_held_to_the_rest_of_its_passage_the_model_did_not_see():
    # a walk: "whats the pay rise for agenda for change staff this year" got "... is 3% [1]": the prompt held the
    # passage's first sentence (board-level managers' 3%); the rest of it gives Agenda for Change staff 3.3%
    seen = "Board-level managers in England are set for a 3% pay rise for 2026-27, lower than most other NHS staff."
    whole = (seen + " The 3% award is higher than the 2.5% ministers said was affordable but below the 3.3% paid to "
             "NHS staff on Agenda for Change.")
    claim = "The pay rise for Agenda for Change staff this year is 3% [1]."
    assert [c.n for c in validate(claim, [hit(1, seen)], add_threshold=0.5)[1]] == [1]  # the part alone backs it
    text, cites = validate(claim, [hit(1, seen)], add_threshold=0.5, whole_texts=[whole])
    assert cites == [] and "[1]" not in text
    right = "Board-level managers are set for a 3% pay rise [1]."
    assert [c.n for c in validate(right, [hit(1, seen)], add_threshold=0.5, whole_texts=[whole])[1]] == [1]


def test_markers_before_a_word_that_is_no_verb_of_saying_are_not_made_a_subject():
    # a walk's "who said that?" got '" The article and provide additional details ...' from "... [1][2] and provide"
    text = "Pay was reviewed. [1][2] and provide details of the 2.8% rise in 2024."
    cleaned, _ = validate(text, PASSAGES)
    assert "The article and" not in cleaned
    cleaned, _ = validate("Pay was reviewed. [1] also notes a pay rise of 2.8% in 2024.", PASSAGES)
    assert "The article [1] also notes" in cleaned or "The article also notes" in cleaned


def test_what_a_claim_reports_someone_saying_and_who_he_is_must_be_in_its_passage():
    # a walk: "what did he say about AI in the NHS?" (he: Jason Killens) got Killens' profile cited for "AI can help",
    # and another man's words given to "He"
    sent = [hit(1, "After a year leading the UK's largest paramedic service, London Ambulance chief Jason Killens is "
                   "convinced things have to change."),
            hit(2, "Clinicians need to understand and use trusted AI tools to make clinical decisions, says Jordan "
                   "Fulcher of Wolters Kluwer.")]
    question = "What did Jason Killens say about AI in the NHS?"
    text, cites = validate("Jason Killens, the London Ambulance Service chief executive, believes that AI can help in "
                           "the NHS [1]. He emphasizes the importance of using trusted AI tools to make clinical "
                           "decisions [2].", sent, question=question, add_threshold=0.5)
    assert cites == [], text
    # the passage's own speaker, and words it holds, stand
    text, cites = validate("Jordan Fulcher says clinicians need to use trusted AI tools to make clinical decisions "
                           "[2].", sent, question=question, add_threshold=0.5)
    assert [c.n for c in cites] == [2]
    text, cites = validate("Jason Killens is convinced things have to change [1].", sent, question=question)
    assert [c.n for c in cites] == [1]


def test_a_number_is_held_to_what_every_passage_sent_says_it_is_of():
    # a walk (twice): "Agenda for Change staff got a 3% pay rise in 2026 [1]" cited the board-level managers' passage;
    # another passage sent gives Agenda for Change staff 3.3%
    vsm = hit(1, "Board-level managers in England are set for a 3% pay rise for 2026-27.")
    afc = hit(2, "The 3% award is higher than the 2.5% ministers said was affordable but below the 3.3% paid to NHS "
                 "staff on Agenda for Change.")
    claim = "Agenda for Change staff got a 3% pay rise in 2026 [1]."
    assert [c.n for c in validate(claim, [vsm, afc], add_threshold=0.5)[1]] == [1]  # unchecked across passages
    text, cites = validate(claim, [vsm, afc], add_threshold=0.5, whole_texts=[vsm.text, afc.text])
    assert cites == [], text
    right = "Board-level managers are set for a 3% pay rise [1]. Agenda for Change staff were paid 3.3% [2]."
    assert [c.n for c in validate(right, [vsm, afc], whole_texts=[vsm.text, afc.text])[1]] == [1, 2]


def test_a_number_is_held_to_what_its_passages_article_says_it_is_of():
    # a walk (a third time): "The pay rise for Agenda for Change staff is 3% [1]", [1] holding the 3% only in its
    # headline; the article's passage giving Agenda for Change staff 3.3% was not sent
    cited = hit(1, "However, our long standing policy is that VSMs should get the same pay rise as their colleagues "
                   "covered by Agenda for Change.", article="Board-level NHS managers get 3% pay rise")
    article = ("Board-level NHS managers get 3% pay rise. Board-level managers in England are set for a 3% pay rise "
               "for 2026-27. The 3% award is higher than the 2.5% ministers said was affordable but below the 3.3% "
               "paid to NHS staff on Agenda for Change. " + cited.text)
    claim = "The pay rise for Agenda for Change staff is 3% [1]."
    assert [c.n for c in validate(claim, [cited], add_threshold=0.5, whole_texts=[cited.text])[1]] == [1]
    text, cites = validate(claim, [cited], add_threshold=0.5, whole_texts=[cited.text], article_texts=[article])
    assert cites == [] and "[1]" not in text
    right = "VSMs get a 3% pay rise this year [1]."  # the headline's 3%, of no one else in the article
    assert [c.n for c in validate(right, [cited], whole_texts=[cited.text], article_texts=[article])[1]] == [1]


def test_a_sentence_ending_on_the_prompts_gap_mark_is_a_fragment():
    # a walk's model copied a subheading with the evidence's gap mark: "ICB powers, patient records and Healthwatch … [2]"
    sent = [hit(1, "ICB powers, patient records and Healthwatch \u2026 ICBs will take on more responsibility."),
            hit(2, "ICBs will be taking on more responsibility while their budgets are cut by around half.")]
    text, cites = validate("ICB powers, patient records and Healthwatch \u2026 [1] ICBs will be taking on more "
                           "responsibility while their budgets are cut by around half [2].", sent)
    assert "Healthwatch" not in text and [c.n for c in cites] == [2]


def test_a_claim_whose_passage_holds_only_the_questions_own_words_is_dropped():
    # a walk: asked what redundancy terms Leeds offers, the model said "Leeds Teaching Hospitals offers redundancy pay
    # [1]", [1] being about Leeds's digital chief: half the claim's words (the question's) were there, none it added
    digital = hit(1, "Leeds Teaching Hospitals' digital chief Paul Jones fesses up to his six biggest mistakes.")
    asked = "what redundancy terms does Leeds Teaching Hospitals offer?"
    text, cites = validate("Leeds Teaching Hospitals offers redundancy pay [1].", [digital], question=asked)
    assert cites == [] and "[1]" not in text
    terms = hit(1, "Leeds Teaching Hospitals offers enhanced redundancy pay of two weeks per year of service.")
    text, cites = validate("Leeds Teaching Hospitals offers redundancy pay [1].", [terms], question=asked)
    assert [c.n for c in cites] == [1]
    # what the claim adds may be said in other words, as long as some of it is there
    pay = hit(1, "Board-level managers in England are set for a 3% pay rise for 2026-27.")
    _, cites = validate("Very senior managers received a 3% increase [1].", [pay],
                        question="what pay rise did very senior managers get?")
    assert [c.n for c in cites] == [1]


def test_a_model_quotation_must_be_the_passages_own_words():
    # a walk asked "and scotland?" after the Welsh pay award: the model changed "Wales" inside the minister's quotation
    wales = hit(1, "Ap Gwynfor recognised \u201cthe dedication of NHS Wales staff who are working to drive the progress "
                   "we all need to see,\u201d he added.")
    asked = "what pay award are staff in scotland getting?"
    text, cites = validate("He recognised 'the dedication of NHS Scotland staff who are working to drive the progress' "
                           "[1].", [wales], question=asked)
    assert cites == [] and "[1]" not in text
    for exact in ('He recognised "the dedication of NHS Wales staff who are working" [1].',
                  'He recognised \u201cthe dedication of NHS Wales staff \u2026 to drive the progress\u201d [1].'):
        _, cites = validate(exact, [wales], question=asked)
        assert [c.n for c in cites] == [1], exact
    # quoted passages (no model) are not held to it: they leave out the print edition's "(see page 8)"
    award = hit(1, "The award for all NHS staff was backdated (see page 8) to April this year.")
    _, cites = validate('"The award for all NHS staff was backdated to April this year." [1]', [award])
    assert [c.n for c in cites] == [1]


def test_a_right_a_model_states_must_be_the_passages_right():
    # a walk: "do i have a right to flexible working from day one" -> "Yes, you have a right to flexible working from
    # day one [1]", [1] giving "a day-one right to request flexible working"
    flexible = hit(1, "All employees have a day-one right to request flexible working for any reason under section "
                      "80F of the Employment Rights Act 1996.")
    asked = "do i have a right to flexible working from day one"
    text, cites = validate("Yes, you have a right to flexible working from day one [1].", [flexible], question=asked)
    assert cites == [] and "[1]" not in text
    _, cites = validate("Yes, all employees have a day-one right to request flexible working [1].", [flexible],
                        question=asked)
    assert [c.n for c in cites] == [1]


def test_a_number_is_not_given_to_what_it_is_compared_with():
    # a walk: "The pay rise for NHS staff this year is 3% [1]", [1] giving board-level managers 3%, "lower than most
    # other NHS staff"
    managers = ("Board-level managers in England are set for a 3% pay rise for 2026-27\u2014lower than most other NHS "
                "staff\u2014despite evidence that pay levels for senior managers have fallen sharply in recent years.")
    assert numbers_misplaced("The pay rise for NHS staff this year is 3%", managers)
    assert not numbers_misplaced("Board-level managers get a 3% pay rise", managers)
    assert not numbers_misplaced("Board-level managers get a 3% pay rise, lower than most other NHS staff", managers)
    # the number itself in the comparison: not judged ("just shy of the 15-minute target", a correct answer)
    handovers = ("Hospital handovers have improved to an average 17 minutes\u2014better than the national picture and "
                 "just shy of the 15-minute target\u2014and LAS has not seen the delays.")
    assert not numbers_misplaced("Handovers are just shy of the 15-minute target", handovers)
    # under its headline, which states the number too and names NHS managers, not staff (the real passage)
    headed = hit(1, managers, article="Board-level NHS managers get 3% pay rise")
    _, cites = validate("The pay rise for NHS staff this year is 3% [1].", [headed],
                        question="whats the pay rise for nhs staff this year")
    assert cites == []
    _, cites = validate("Board-level managers get a 3% pay rise [1].", [headed],
                        question="what pay rise do managers get")
    assert [c.n for c in cites] == [1]


def test_a_model_claim_giving_an_address_its_passage_does_not_hold_loses_its_citation():
    """A walk: "Members needing personal advice should contact MiP by emailing MemberAdvice@miphealth.org.uk [1]",
    [1] a 2024 passage on discrimination law holding no address; the line is issue 68's, passage [2]."""
    law = hit(1, "Members needing personal advice on discrimination should contact MiP through their local rep, who "
                 "will help them build a case.")  # every word of the claim but its address
    line = hit(2, "Members needing personal advice should contact MiP by emailing MemberAdvice@miphealth.org.uk")
    claim = "Members needing personal advice should contact MiP by emailing MemberAdvice@miphealth.org.uk [1]."
    _, cites = validate(claim, [law, line], question="who do i email for advice on my case")
    assert all(c.n != 1 for c in cites)
    _, cites = validate(claim.replace("[1]", "[2]"), [law, line], question="who do i email for advice on my case")
    assert [c.n for c in cites] == [2]


LISTING = ("11-12 September 2024\n\nKing's Fund Annual Conference, London. Annual conference of the think tank.\n\n"
           "26-28 October 2024\n\nUNISON Disabled Members Conference The Brighton Centre unison.org.uk/events\n\n"
           "6 November 2024\n\nWelsh NHS Confederation annual conference, Cardiff.")


def test_an_events_day_taken_from_another_event_in_a_listing_loses_its_citation():
    """The local model's "The UNISON Disabled Members Conference was held in Brighton on 11-12 September 2024 [2]"
    (the held-out q093, session 22): 11-12 September is the King's Fund conference's day in that listing, each day a
    line of its own above its event. It flags none of the other 479 cited claims of four local runs."""
    from rag.answer.claim_numbers import dates_misplaced

    wrong = "The UNISON Disabled Members Conference was held in Brighton on 11-12 September 2024 [1]."
    assert dates_misplaced(wrong, LISTING)
    right = "The UNISON Disabled Members Conference is on 26-28 October 2024 at the Brighton Centre [1]."
    assert not dates_misplaced(right, LISTING)
    assert not dates_misplaced("The pay award was announced on 22 May [1].", "The award was announced on 22 May.")
    text, cites = validate(wrong, [hit(1, LISTING)], support=lambda s, p: 0.95)
    assert cites == [] and "[1]" not in text
    _, cites = validate(right, [hit(1, LISTING)], support=lambda s, p: 0.95)
    assert [c.n for c in cites] == [1]


def test_a_claim_naming_one_thing_with_another_events_day_loses_its_citation():
    """The local model on the held-out q093 (session 27): "It will be held again in Brighton on 3-4 November 2026
    [1]", [1] a listing where 3-4 November is WelshConfed's, in Cardiff, and the UNISON conference in Brighton is on
    24-26 October. A claim naming one thing was never checked so (two name words were needed)."""
    from rag.answer.claim_numbers import dates_misplaced

    listing = ("KEEP THE DATE\n\n24-26 October 2026: UNISON National Disabled Members Conference, Brighton\n\n"
               "3-4 November 2026: WelshConfed 2026, Cardiff\n\n17 November 2026: King's Fund Annual Conference, London")
    assert dates_misplaced("It will be held again in Brighton on 3-4 November 2026 [1].", listing)
    assert not dates_misplaced("It will be held again in Brighton on 24-26 October 2026 [1].", listing)
    assert not dates_misplaced("It is in Cardiff on 3-4 November 2026 [1].", listing)
    assert not dates_misplaced("It starts on 3-4 November 2026 [1].", listing)  # naming nothing: not told apart


def test_a_long_sentence_saying_again_in_one_new_word_what_the_answer_said_is_left_out():
    """The local model (a session-25 batch) wrote the Equality Act's purpose twice, "The purpose of the act is ..." and
    "The act is designed to ...", and stopped mid-sentence: "... and a perception among staff that [3]"."""
    act = ("The purpose of the act is to eliminate discrimination on any of these grounds and it covers both direct "
           "discrimination (being told your disability was why you didn't get the promotion, for example) and indirect "
           "discrimination (the job requires a qualification which is not related to the work), as well as harassment.")
    passages = [hit(1, act), hit(2, "Members report a perception among staff that discrimination is not challenged.")]
    again = act.replace("The purpose of the act is to", "The act is designed to")
    answer = f"{act[:-1]} [1].\n\n{again[:-1]} [1].\n\nMembers report a perception among staff that [2]"
    text, cites = validate(answer, passages)
    assert text.count("eliminate discrimination") == 1 and "designed" not in text, text
    assert "perception" not in text and [c.n for c in cites] == [1]
    figure = act.replace("as well as harassment", "as well as harassment in 9 cases")  # a new figure is news
    text, _ = validate(f"{act[:-1]} [1].\n\n{figure[:-1]} [1].", [hit(1, act + " " + figure)])
    assert "9 cases" in text


def test_a_question_a_model_writes_is_left_out_of_its_answer():
    """Walk 26: "who do I contact at MiP?" was answered with "... Got an event that MiP members should know about [3]?
    Send details to the editor: ... [3]", the noticeboard's call for events: a question states nothing to cite."""
    board = hit(3, "Got an event that MiP members should know about? Send details to the editor: c.ryan@mip.example")
    answer = "Got an event that MiP members should know about [3]? Send details to the editor: c.ryan@mip.example [3]"
    text, cites = validate(answer, [hit(1, "Pay rose."), hit(2, "Jobs went."), board], question="who do I contact?")
    assert "Got an event" not in text and "Send details to the editor" in text and [c.n for c in cites] == [3]
    quoted, _ = validate('"Got an event that MiP members should know about?" [3]', [hit(1, "a"), hit(2, "b"), board])
    assert "Got an event" in quoted  # the article's own question, quoted, stays


def test_a_leftover_of_no_word_or_number_is_dropped_with_its_marker():
    """Walk 30: "The parties promised to end long waits for NHS treatment in Wales ... [2]. " [2]" was shown with the
    stray quote mark and its marker."""
    passages = [hit(1, "Plaid Cymru promised to end long waits for NHS treatment in Wales."),
                hit(2, "The parties promised to end long waits for NHS treatment in Wales, Plaid said.")]
    for stray in ('" [2]', '"[2].'):
        text, cites = validate(f"The parties promised to end long waits for NHS treatment in Wales [2]. {stray}",
                               passages, question="what were the parties promising the NHS?")
        assert text == "The parties promised to end long waits for NHS treatment in Wales [2].", (stray, text)
        assert [c.n for c in cites] == [2]
