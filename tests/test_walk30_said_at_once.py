"""Walk 30: with every place taken by other members' answers, "hi" got nothing to see for 120 s and more (only Stop),
and "?" or a 6,000-character paste the same: their replies came from the answering handler, which waits its turn in
the queue. They are said at once now, while the other answer is still being written."""

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.mark.parametrize("typed, shown", [
    ("hi", "#status .msg-note"),  # the greeting's reply
    ("?", "#status .msg-error"),  # no words to search for
    ("x" * 1200, "#status .msg-error"),  # over the 1,000-character limit
])
def test_a_message_needing_no_search_is_answered_while_another_members_answer_is_written(tmp_path, typed, shown):
    from tests.queued_member import SLOW, second_member_waiting

    with second_member_waiting(tmp_path, typed, SLOW * 3) as (app, first, second):
        second.wait_for_selector(shown, state="visible", timeout=5_000)
        assert first.locator("#chat .answer.st-writing").count() == 1  # said while the other answer is written
        assert second.input_value("#question textarea") == typed  # kept, as the handler leaves it in its turn
