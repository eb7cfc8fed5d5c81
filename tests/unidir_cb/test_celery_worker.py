import pytest

from unidir_cb.core.tasks import ping

pytestmark = pytest.mark.worker


def test_a_real_worker_process_round_trips_a_task_through_redis(celery_worker_process):
    worker = celery_worker_process()

    result = ping.apply_async()

    assert result.get(timeout=30) == "pong"
    assert result.id in worker.log()
