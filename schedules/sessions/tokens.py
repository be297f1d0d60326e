"""Personal calendar tokens: a signed user id, so no table to keep.

A changed SECRET_KEY revokes every token; an inactive user's token stops working.
"""

from django.contrib.auth import get_user_model
from django.core import signing

TOKEN_SALT = "sessions-calendar"


def feed_token(user) -> str:
    return signing.Signer(salt=TOKEN_SALT).sign(str(user.pk))


def token_owner(token: str):
    """The active user a token was made for, or None."""
    try:
        pk = signing.Signer(salt=TOKEN_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()
