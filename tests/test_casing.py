"""A model's lower-case copy of a member's acronym gets the archive's capitals back (rag.answer.casing)."""

from rag.answer.casing import archive_casing, restored
from rag.answer.pipeline import Pipeline
from rag.config import Settings
from rag.index.embedders import HashEmbedder
from rag.testing import ScriptedLLM, build_index

ARCHIVE = ["MiP welcomed it. The NHS pays VSMs.", "MiP and NHS staff. MIP NEWS", "The NHS. VSMs again. Beyond it.",
           "Beyond the NHS, in May.", "It may be so. See mip.social/banding or Ask@miphealth.org.uk. Ask MiP."]


def test_acronyms_the_archive_always_capitalises_get_its_most_used_form():
    casing = archive_casing(ARCHIVE)
    assert restored("The mip contact says nhs vsms got it.", casing) == "The MiP contact says NHS VSMs got it."
    assert casing["mip"] == "MiP"  # not the headline's "MIP"; and its web address is no lower-case use


def test_words_capitalised_only_as_a_first_letter_or_also_lower_case_are_left():
    casing = archive_casing(ARCHIVE)
    assert restored("beyond it, it may be", casing) == "beyond it, it may be"  # a headline's "Beyond", "May"
    assert restored("see mip.social/banding", casing) == "see mip.social/banding"  # an address stays as written


def test_the_pipeline_gives_a_models_answer_the_archives_capitals(tmp_path):
    idx = build_index(tmp_path)  # "MiP" and "NHS" in two passages or more
    settings = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0, answerability=False)
    pipe = Pipeline(settings=settings, index=idx, embedder=HashEmbedder(), count_tokens=lambda t: len(t.split()),
                    llm=ScriptedLLM(["nhs staff on Agenda for Change contracts were offered a 5.5% pay award [1]."]))
    answer = pipe.answer("what pay award were nhs staff offered?")
    assert answer.answer.startswith("NHS staff on Agenda for Change") and answer.citations
