"""rag/ is cut by stage, and imports run one way, down the stages (README, "File map")."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A stage may import its own modules and any stage of a lower rank; helpers at the top level are rank 0.
RANK = {"corpus": 1, "llm": 1, "index": 2, "answer": 3, "web": 4, "evals": 4}
WIRING = {"rag.cli", "rag.cli_index", "rag.testing"}  # wire or fake everything, so they may import any stage


def _module(path: Path, root: Path) -> str:
    return ".".join(("rag",) + path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")


def _rank(module: str) -> int:
    parts = module.split(".")
    return RANK.get(parts[1], 0) if len(parts) > 2 or parts[1] in RANK else 0


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("rag."):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("rag.")}
    return found


def upward_imports(root: Path = ROOT / "rag") -> list[str]:
    bad = []
    for path in sorted(root.rglob("*.py")):
        module = _module(path, root)
        if module in WIRING:
            continue
        for target in sorted(_imports(path)):
            same_stage = target.split(".")[1] == module.split(".")[1]
            if not same_stage and (_rank(target) > _rank(module) or (_rank(target) == _rank(module) > 0)):
                bad.append(f"{module} imports {target}")
            if target in WIRING:
                bad.append(f"{module} imports {target}")
    return bad


def test_imports_run_one_way_down_the_stages():
    assert upward_imports() == []


def test_the_check_catches_an_import_back_up(tmp_path):
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "ingest.py").write_text("from rag.answer.evidence import passage_sentences\n")
    (tmp_path / "config.py").write_text("from rag.llm.local_model import LOCAL_MODELS\n")
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "folders.py").write_text("from rag.testing import HashEmbedder\n")
    assert upward_imports(tmp_path) == [
        "rag.config imports rag.llm.local_model",
        "rag.corpus.folders imports rag.testing",
        "rag.index.ingest imports rag.answer.evidence",
    ]


def test_every_stage_is_a_folder_and_nothing_else_is_loose_in_rag():
    folders = {p.name for p in (ROOT / "rag").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(RANK)
    loose = {p.stem for p in (ROOT / "rag").glob("*.py")}
    assert loose <= {"__init__", "cli", "cli_index", "cli_output", "config", "contact_details", "errors", "fileio",
                     "markdown_links", "sentences", "settings_checks", "testing", "textnorm", "tokens", "types"}
