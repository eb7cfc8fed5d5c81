"""The secret address of a seat offer (the accept and decline links of the offer email): a signed
registration id, so that the person answers from their mailbox without signing in, and nobody can
answer an offer made to someone else. It stays valid only while the offer is open (the services
check the registration's status and expiry)."""

from django.core import signing
from django.urls import reverse

SALT = "events.seat-offer"


def offer_path(registration) -> str:
    token = signing.dumps(
        {"registration": registration.pk, "offered_at": registration.decided_at.isoformat()}, salt=SALT
    )
    return reverse("events:offer", args=[token])


def registration_id_of(token: str) -> tuple[int, str] | None:
    """(registration id, when it was offered) from a valid token, or None."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return data.get("registration"), data.get("offered_at")
