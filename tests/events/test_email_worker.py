"""With Redis and a real Celery worker process: a registration's email leaves the web process as a
task after the commit, and the worker renders and sends it (to files, so this test can read them)."""

import email
import time
from email import policy

import pytest

from events.services import registrations
from tests.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.worker


@pytest.fixture
def worker_mail_folder(tmp_path, monkeypatch):
    """Workers read EMAIL_URL at start-up: the file backend lets this process read what they sent."""
    folder = tmp_path / "sent-mail"
    folder.mkdir()
    monkeypatch.setenv("EMAIL_URL", f"filemail:///{folder}")  # an absolute path after the scheme's ///
    return folder


def sent_messages(folder):
    """The emails the file backend wrote: each file holds messages separated by a line of dashes."""
    messages = []
    for path in sorted(folder.glob("*.log")):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk, policy=policy.default))
    return messages


def wait_for_messages(folder, count, worker, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        messages = sent_messages(folder)
        if len(messages) >= count:
            return messages
        time.sleep(0.2)
    pytest.fail(f"the worker sent no email within {timeout}s:\n{worker.log()}")


def test_a_confirmation_is_sent_by_a_real_worker_after_the_commit(celery_worker_process, worker_mail_folder):
    worker = celery_worker_process()
    event = EventFactory(title="Norms workshop", slug="norms-workshop", online_url="https://meet.example.org/j/x")
    amelie = ParticipantFactory(language="fr", first_name="Amélie", job_title="Counsellor")

    registrations.register_participant(event, amelie)

    [message] = wait_for_messages(worker_mail_folder, 1, worker)
    assert message["To"] == amelie.email
    assert message["Subject"] == "Inscription confirmée : Norms workshop"
    assert "Bonjour Amélie," in message.get_body(preferencelist=("plain",)).get_content()
    assert 'lang="fr"' in message.get_body(preferencelist=("html",)).get_content()
    [invitation] = [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]
    assert invitation.get_param("method") == "REQUEST"
    assert f"UID:event-{event.pk}@cb.unidir.org" in invitation.get_content()
    assert "events.send_registration_email" in worker.log()
