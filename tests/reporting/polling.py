"""Waiting for a report job that a real worker process runs."""

import time

import pytest


def poll(job, until, timeout, on_each=None):
    """Reload `job` until `until(job)` holds, calling `on_each(job)` on every reload; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if on_each:
            on_each(job)
        if until(job):
            return job
        time.sleep(0.1)
    pytest.fail(f"report job #{job.pk} stayed {job.status} at {job.progress}% ({job.progress_message}): {job.error}")
