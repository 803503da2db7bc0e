import pytest

from renda.congress.masking import mask_email, mask_id_number, mask_phone
from renda.congress.numerals import chinese_numeral


@pytest.mark.parametrize(
    ("raw", "masked"),
    [("13812345678", "138****5678"), ("0374-5128866", "037*****8866"), ("110", "*10")],
)
def test_phone_numbers_keep_only_their_ends(raw, masked):
    assert mask_phone(raw) == masked


def test_id_numbers_hide_the_birth_date():
    masked = mask_id_number("41100219800101123X")
    assert masked == "4110**********123X"
    assert "19800101" not in masked


def test_email_keeps_only_the_first_letter_and_domain():
    assert mask_email("zhang.san@example.cn") == "z***@example.cn"


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (7, "七"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (51, "五十一"),
        (105, "一百零五"),
        (110, "一百一十"),
    ],
)
def test_chinese_numerals(n, text):
    assert chinese_numeral(n) == text
