from celery import shared_task


@shared_task(name="unidir_cb.ping")
def ping() -> str:
    """Answer "pong": lets health checks and tests prove a worker consumes from the broker."""
    return "pong"
