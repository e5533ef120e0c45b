"""A model file verified where its stamp cannot be written (a read-only models folder: another user's, or a read-only
mount, its stamp lost in a copy) was an IsADirectoryError / PermissionError traceback from `rag ask` with the local
model, after the file had been hashed and found sound (tester 29). The stamp only saves hashing it again."""

import hashlib

from rag.fileio import is_verified


def test_a_sound_file_whose_stamp_cannot_be_written_is_verified(tmp_path):
    model = tmp_path / "model.gguf"
    model.write_bytes(b"weights" * 100)
    (tmp_path / "model.gguf.verified").mkdir()  # writing the stamp fails, as in a folder this user may not write
    assert is_verified(model, 700, hashlib.sha256(b"weights" * 100).hexdigest())
    assert not is_verified(model, 700, "0" * 64)  # a file that does not match is still refused
