"""`python app.py` says a RAG_ name that is no setting, as `rag serve` does (tester 34: RAG_INDEX_PATH=/srv/index
served the default index in silence)."""


def test_the_app_warns_of_a_misspelt_setting_before_loading_the_models(tmp_path, monkeypatch, capsys):
    import app

    monkeypatch.setenv("RAG_INDEX_PATH", str(tmp_path / "index"))
    monkeypatch.setenv("RAG_AUTH_FILE", str(tmp_path / "missing.txt"))  # stops the app before anything loads
    built = []
    assert app.main(build_pipeline=lambda *args, **kwargs: built.append(args)) == 2
    err = capsys.readouterr().err
    assert "warning: RAG_INDEX_PATH" in err and "RAG_INDEX_DIR" in err
    assert built == []
