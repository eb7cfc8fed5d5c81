from celery import shared_task

from . import outbox


@shared_task(name="unidir_cb.ping")
def ping() -> str:
    """Answer "pong": lets health checks and tests prove a worker consumes from the broker."""
    return "pong"


@shared_task(name="unidir_cb.send_pending_outbox_messages", acks_late=True)
def send_pending_outbox_messages() -> int:
    return outbox.send_pending_messages()
