"""The console words every rule of review's in both languages, so a refused form never shows an API text."""
import pytest

from shared.errors import RuleBroken
from services.review.domain import errors
from services.review.entrypoints.console_words import words

FIELD_ERRORS = ("invalid", "invalid-scores")  # worded field by field, not as one message
RULES = sorted({value.rule for value in vars(errors).values() if isinstance(value, type)
                and issubclass(value, RuleBroken) and value is not RuleBroken and value.rule not in FIELD_ERRORS})


def test_review_declares_rules():
    assert "nothing-late" in RULES and "stage-closed" in RULES and len(RULES) >= 20


@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_rule_is_worded(lang):
    worded = words(lang)["rules"]
    assert [rule for rule in RULES + ["not-found"] if not worded.get(rule)] == []


def test_the_two_languages_differ():
    indonesian, english = words("id")["rules"], words("en")["rules"]
    assert [rule for rule in RULES if indonesian[rule] == english[rule]] == []
