"""An eval questions line with a field misspelt ("evidense", "mustInclude", "Type"): the field was ignored, so that
question's retrieval (or its facts) went unscored, the figures made over fewer questions without a word. Now refused
with its line and the field meant; a field of another name (a note of the file's own) is still read past."""

import json

import pytest

from rag.errors import InputError
from rag.evals.scoring import load_questions

ITEM = {"id": "q1", "question": "where is the union's office?", "answer": "SE1", "must_include": ["SE1 1NL"],
        "evidence": ["Centenary House, 93-95 Borough High St, London, SE1 1NL"], "source": "x.txt",
        "article": "masthead", "type": "fact"}


def write(tmp_path, item):
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"id": "q0", "question": "who?", "must_include": ["x"], "source": "x.txt",
                                "type": "fact"}) + "\n" + json.dumps(item) + "\n")
    return path


@pytest.mark.parametrize("typed, meant", [("evidense", "evidence"), ("mustInclude", "must_include"),
                                          ("must-include", "must_include"), ("sources", "source"),
                                          ("artcle", "article")])
def test_a_misspelt_field_is_refused_naming_the_field_meant(tmp_path, typed, meant):
    item = dict(ITEM)
    item[typed] = item.pop(meant)
    if meant == "must_include":
        item["evidence"] = []  # so only the misspelt field held what is scored
    path = write(tmp_path, item)
    with pytest.raises(InputError) as refused:
        load_questions(path)
    said = str(refused.value)
    assert said.startswith(f"{path}, line 2, field '{typed}': no field of the format") and f"'{meant}'?" in said


@pytest.mark.parametrize("extra", ["notes", "draft_note", "question_id", "reviewer"])
def test_a_field_of_the_files_own_is_still_read_past(tmp_path, extra):
    assert [q["id"] for q in load_questions(write(tmp_path, {**ITEM, extra: "kept"}))] == ["q0", "q1"]
