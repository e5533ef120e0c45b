"""`RAG_AUTH=` or `RAG_AUTH_FILE=` set but blank (`RAG_AUTH="${APP_PASSWORD}"` with the variable missing), or an auth
file holding no login, was read as no login at all: the app asked for none, without a word. Each is refused."""

import pytest

from rag.config import Settings, load_settings
from rag.errors import InputError
from rag.web.access import load_auth


@pytest.mark.parametrize("name", ["RAG_AUTH", "RAG_AUTH_FILE"])
@pytest.mark.parametrize("value", ["", "  "])
def test_a_login_setting_set_but_blank_is_refused(name, value):
    with pytest.raises(InputError) as refused:
        load_settings({name: value})
    said = str(refused.value)
    assert said.startswith(f"{name} is set but blank") and "ask for no login" in said and f"unset {name}" in said


def test_unset_still_means_no_login_and_a_login_is_still_read(tmp_path):
    assert load_settings({}).auth is None and load_settings({}).auth_file is None
    assert load_auth(load_settings({"RAG_AUTH": "ann:pw"})) == [("ann", "pw")]


@pytest.mark.parametrize("text", ["", "\n\n", "# staff logins go here\n"])
def test_an_auth_file_holding_no_login_is_refused(tmp_path, text):
    users = tmp_path / "users"
    users.write_text(text)
    with pytest.raises(InputError) as refused:
        load_auth(Settings(auth="ann:pw", auth_file=users))
    assert f"auth file {users} holds no user:password line" in str(refused.value)
