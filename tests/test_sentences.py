"""The one sentence splitter (chunking, evidence, citations, quotes)."""

from rag.sentences import passage_sentences, split_sentences


def test_split_sentences_keeps_abbreviations_and_decimals():
    assert split_sentences("Dr. Smith said pay rose 3.5% this year. Then he left! Why? “Quoted.” Next.") == [
        "Dr. Smith said pay rose 3.5% this year.", "Then he left!", "Why?", "“Quoted.”", "Next."]


def test_split_sentences_handles_abbreviations_numbers_and_markers():
    text = "Dr. Smith got 3.5% in 2024, e.g. backdated. It rose [1]. Then it fell. [2][3] J. Bloggs objected!"
    assert split_sentences(text) == [
        "Dr. Smith got 3.5% in 2024, e.g. backdated.",
        "It rose [1].",
        "Then it fell. [2][3]",
        "J. Bloggs objected!",
    ]


def test_split_sentences_splits_paragraphs():
    assert split_sentences("A heading\n\nA sentence here.") == ["A heading", "A sentence here."]


def test_a_closing_quote_before_a_name_does_not_end_the_sentence():
    # both splitters the project once had differed here; the chunker cut "...purpose,” | Restell said."
    assert split_sentences("It proved “unfit for purpose,” Restell said. Pay followed.") == [
        "It proved “unfit for purpose,” Restell said.", "Pay followed."]


def test_passage_sentences_ignore_line_breaks_inside_a_passage():
    assert passage_sentences("Pay rose\n3%.\n\nIt was late.") == ["Pay rose 3%.", "It was late."]


def test_a_quoted_sentence_that_opens_with_a_quotation_keeps_its_own_marker():
    # extractive answers quote sentences: '"..." [1] "“MiP wants..." [4]' is two sentences, each with its [n]
    text = '"Once talks end, your pay will follow." [1] "“MiP wants reform,” Restell said." [4]'
    assert split_sentences(text) == ['"Once talks end, your pay will follow." [1]',
                                     '"“MiP wants reform,” Restell said." [4]']


def test_a_subheading_is_not_run_into_the_sentence_after_it():
    text = "We consider your rights.\n\nYour statutory rights\n\nAll employees have the right to ask."
    assert passage_sentences(text) == ["We consider your rights.", "All employees have the right to ask."]
    assert passage_sentences("Pay: what changed\n\nPay rose.") == ["Pay rose."]  # short, but a sentence


def test_the_magazines_sign_off_ends_a_sentence_and_is_left_out():
    # a member's browser walk found quotes running on through "//" into the author's byline
    text = "Your rep can help you build your case. // Jo Seery is a solicitor at Thompsons.\n\n// A pull quote."
    assert split_sentences(text) == ["Your rep can help you build your case.",
                                     "Jo Seery is a solicitor at Thompsons.", "A pull quote."]
    assert split_sentences("The NHS is too precious to be messed about like this. //") == [
        "The NHS is too precious to be messed about like this."]


def test_a_separator_inside_a_line_and_a_web_address_stay():
    line = "Call 020 3437 1473 // miphealth.org.uk // see https://example.org/a for more."
    assert split_sentences(line) == [line]


def test_a_quote_without_end_punctuation_keeps_its_own_marker():
    # a member's walk: the phone-number quote lost its [1] to the next quote, which showed "[1][3]"
    text = '"MiP is a union." [1] "020 3437 1473 // miphealth.org.uk // LinkedIn: Managers in Partnership" [1] "If you want to be a rep, ask." [3]'
    assert split_sentences(text) == ['"MiP is a union." [1]',
                                     '"020 3437 1473 // miphealth.org.uk // LinkedIn: Managers in Partnership" [1]',
                                     '"If you want to be a rep, ask." [3]']


RIGHTS = ("Your request must be in writing.\n\nYour employer must:\n\ndeal with your request in a reasonable manner\n\n"
          "not refuse without consulting you\n\nrespond within two months\n\nMeeting your rep\n\nYour rep will help.")


def test_a_list_after_a_lead_in_keeps_every_item_and_a_subheading_is_still_left_out():
    assert passage_sentences(RIGHTS) == [
        "Your request must be in writing.", "Your employer must:", "deal with your request in a reasonable manner",
        "not refuse without consulting you", "respond within two months", "Your rep will help."]


def test_a_quoted_list_item_in_lower_case_keeps_its_own_marker():
    assert split_sentences('"Employers must act." [2] "respond within two months" [1]') == [
        '"Employers must act." [2]', '"respond within two months" [1]']


def test_a_signature_is_kept_though_short_a_subheading_is_not():
    text = "The NHS is too precious to be messed about like this.\n\nCraig Ryan, Editor\n\nMeeting your rep\n\nCall us."
    assert passage_sentences(text) == ["The NHS is too precious to be messed about like this.", "Craig Ryan, Editor",
                                       "Call us."]


def test_an_events_date_line_is_read_with_the_line_after_it():
    text = ("kingsfund.org.uk/events\n\n13-16 September 2026\n\nTUC Congress 2026\n\nBrighton Centre 158th annual "
            "congress of UK trade unions.\n\n6 November 2024\n\n8 November 2024\n\nWelsh NHS Confederation conference")
    assert passage_sentences(text) == [
        "13-16 September 2026: TUC Congress 2026", "Brighton Centre 158th annual congress of UK trade unions.",
        "8 November 2024: Welsh NHS Confederation conference"]


def test_a_date_range_across_months_is_a_date_line():
    text = "29 June\u20143 July 2026\n\nSocial Care Co-production Week\n\nA week of online events."
    assert passage_sentences(text) == [
        "29 June\u20143 July 2026: Social Care Co-production Week", "A week of online events."]


def test_a_numbered_step_is_one_sentence_and_is_kept_as_an_item_of_its_list():
    """A walk asked "what's step 6?" of the personal-brand article: its steps' names ("6. Shape your 'leadership
    promise'") were split at "6." and left out as subheadings, so "6." alone was quotable and the step never was."""
    text = ("Here's how to get started.\n\n6. Shape your 'leadership promise'\n\nThis is the experience you want.\n\n"
            "10. Look for colleagues you'll like\n\nA heading\n\nIt helps.")
    assert split_sentences("6. Shape your 'leadership promise'") == ["6. Shape your 'leadership promise'"]
    assert passage_sentences(text) == ["Here's how to get started.", "6. Shape your 'leadership promise'",
                                       "This is the experience you want.", "10. Look for colleagues you'll like",
                                       "It helps."]


def test_a_number_ending_a_sentence_still_ends_it():
    assert split_sentences("The rise was 2. Then it fell. Category 2. Targets rose.") == [
        "The rise was 2.", "Then it fell.", "Category 2.", "Targets rose."]
    assert split_sentences("In 2024. We met.") == ["In 2024.", "We met."]
