"""No Docker engine runs on our machines, so the compose file is checked by reading it."""

import yaml

from tests.conftest import PROJECT_ROOT


def compose():
    return yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())


def test_compose_defines_the_production_like_services():
    assert set(compose()["services"]) == {"web", "worker", "beat", "postgres", "redis"}


def test_every_service_has_a_healthcheck_and_the_app_waits_for_healthy_dependencies():
    services = compose()["services"]
    for name, service in services.items():
        assert "healthcheck" in service, f"{name} has no healthcheck"
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"


def test_web_worker_and_beat_run_the_right_processes():
    services = compose()["services"]
    assert "gunicorn" in services["web"]["command"] and "unidir_cb.wsgi" in services["web"]["command"]
    assert "celery -A unidir_cb worker" in services["worker"]["command"]
    assert "celery -A unidir_cb beat" in services["beat"]["command"]
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])


def test_the_app_services_share_the_database_broker_and_production_settings():
    document = compose()
    for name in ("web", "worker", "beat"):
        environment = document["services"][name]["environment"]
        assert (
            environment["DATABASE_URL"].startswith("postgres://") and "@postgres:5432/" in environment["DATABASE_URL"]
        )
        assert environment["CELERY_BROKER_URL"].startswith("redis://redis:6379")
        assert environment["DJANGO_ENV"] == "production"
        assert environment["SECRET_KEY"].startswith("${SECRET_KEY")
        assert document["services"][name]["build"]["context"] == "."


def test_data_is_kept_in_named_volumes():
    document = compose()
    assert {"postgres-data", "media"} <= set(document["volumes"])
    assert any("postgres-data:" in volume for volume in document["services"]["postgres"]["volumes"])
    assert any("media:" in volume for volume in document["services"]["web"]["volumes"])


def test_the_dockerfile_builds_from_the_lock_file_and_runs_as_an_unprivileged_user():
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    assert "FROM python:3.11" in dockerfile
    assert "requirements/base.txt" in dockerfile
    assert "collectstatic" in dockerfile
    assert "\nUSER " in dockerfile


def test_a_worker_or_beat_that_exits_is_started_again_and_redis_keeps_queued_tasks_on_disk():
    services = compose()["services"]
    for name in ("web", "worker", "beat", "redis", "postgres"):
        assert services[name]["restart"] in ("always", "unless-stopped"), f"{name} is not restarted"
    assert "--appendonly yes" in services["redis"]["command"]
    assert any("redis-data:" in volume for volume in services["redis"]["volumes"])


def test_the_image_has_the_postgresql_client_that_backups_need():
    assert "postgresql-client" in (PROJECT_ROOT / "Dockerfile").read_text()
