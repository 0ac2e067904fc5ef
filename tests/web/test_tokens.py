"""The tokens file of `tutor serve --tokens`: plain names, long unique tokens, constant-time lookup."""
from __future__ import annotations

import pytest

from tutor.web.tokens import TokensError, parse_tokens

GOOD = """# name token
alice  alice-secret-0001

bob bob-secret-000002
"""


def test_each_token_names_its_learner_and_nothing_else_does():
    tokens = parse_tokens(GOOD)
    assert tokens.learner("alice-secret-0001") == "alice"
    assert tokens.learner("bob-secret-000002") == "bob"
    for wrong in ("", None, "alice", "alice-secret-000", "alice-secret-00012", "ALICE-SECRET-0001"):
        assert tokens.learner(wrong) is None


@pytest.mark.parametrize("text, said", [
    ("alice\n", "expected `name token`"),
    ("../etc tok-0123456789ab\n", "not a plain name"),
    (".hidden tok-0123456789ab\n", "not a plain name"),
    ("alice short\n", "at least 12"),
    ("alice tok-0123456789ab\nalice tok-0123456789cd\n", "appears twice"),
    ("alice tok-0123456789ab\nbob tok-0123456789ab\n", "also another learner's"),
    ("# nobody\n", "no learners"),
])
def test_a_bad_tokens_file_is_refused_with_its_line(text, said):
    with pytest.raises(TokensError, match=said.replace("(", r"\(").replace("`", "`")):
        parse_tokens(text, "tokens.txt")
