"""The README cannot drift: every command, file and make target it names exists."""

import re
from pathlib import Path

from rag.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def test_quick_start_commands_are_make_targets():
    makefile = (ROOT / "Makefile").read_text()
    for target in re.findall(r"^make (\w[\w-]*)", README, re.M) + re.findall(r"`make ([\w-]+)`", README):
        assert re.search(rf"^{target}:", makefile, re.M), f"README names make {target}, the Makefile has no such target"
    assert "make serve" in README and "make test" in README


def test_every_cli_command_is_documented():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"rag {name}" in README, f"`rag {name}` is not in the README"


def test_file_map_names_only_files_that_exist():
    table = README.split("## File map", 1)[1]
    for cell in re.findall(r"^\| ([^|]+) \|", table, re.M):
        for path in re.findall(r"`([^`]+)`", cell):
            assert (ROOT / path).exists(), f"README file map names {path}, which does not exist"


def test_every_module_is_in_the_file_map():
    table = README.split("## File map", 1)[1]
    for module in sorted((ROOT / "rag").rglob("*.py")):
        name = module.relative_to(ROOT).as_posix()
        if module.name != "__init__.py":
            assert name in table, f"{name} is missing from the README file map"


def test_every_stage_folder_says_what_it_takes_and_gives():
    for init in sorted((ROOT / "rag").glob("*/__init__.py")):
        doc = init.read_text()
        assert "Takes:" in doc and "Gives:" in doc, f"{init.relative_to(ROOT)} must say what its stage takes and gives"
        assert f"`{init.parent.relative_to(ROOT).as_posix()}/`" in README, f"README must present {init.parent.name}/"


def test_ci_runs_exactly_make_test():
    assert (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1] == "make test"
