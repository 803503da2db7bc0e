"""Masking of personal contact details for viewers who need not see them in full."""


def mask_phone(value: str) -> str:
    """13812345678 → 138****5678; short numbers keep only their last two digits."""
    digits = value.strip()
    if len(digits) >= 7:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    return "*" * max(0, len(digits) - 2) + digits[-2:]


def mask_id_number(value: str) -> str:
    """410102199001011234 → 4101**********1234."""
    v = value.strip()
    if len(v) <= 8:
        return "*" * len(v)
    return v[:4] + "*" * (len(v) - 8) + v[-4:]


def mask_email(value: str) -> str:
    """zhang.san@example.cn → z***@example.cn."""
    name, at, domain = value.partition("@")
    if not at:
        return mask_phone(value)
    return (name[:1] + "***" if name else "") + "@" + domain
