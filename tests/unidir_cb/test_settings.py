"""The configuration comes from the environment, with secure production defaults."""

from django.conf import settings

from tests.conftest import run_manage

STRONG_SECRET = "a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz"


def test_production_configuration_passes_the_deployment_checklist_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY=STRONG_SECRET,
        ALLOWED_HOSTS="cb.unidir.example",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_ENV="production", ALLOWED_HOSTS="cb.unidir.example")

    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_an_unknown_environment_name_is_refused_with_a_clear_message():
    result = run_manage("check", DJANGO_ENV="staging")

    assert result.returncode != 0
    assert "DJANGO_ENV must be production, demo or test" in result.stderr


def test_without_a_broker_tasks_run_eagerly_so_the_demo_needs_no_server():
    from unidir_cb.core.tasks import ping

    assert settings.CELERY_TASK_ALWAYS_EAGER
    assert ping.delay().get(timeout=1) == "pong"


def test_celery_is_configured_to_survive_worker_loss():
    from unidir_cb.celery import app

    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert app.conf.broker_transport_options["visibility_timeout"] > app.conf.task_time_limit
    assert app.conf.accept_content == ["json"]
    assert app.conf.result_backend == "django-db"


def test_demo_staff_login_cannot_be_created_outside_the_demo():
    result = run_manage("create_demo_staff", DJANGO_ENV="test")

    assert result.returncode != 0
    assert "exists only with DJANGO_ENV=demo" in result.stderr
